//===--- Summarize.h - project summaries in the CLI -------------*- C++ -*-===//
//
// The CLI's project-wide pass (docs/project-summaries.md):
//   connleak -p build                 builds summaries of every file of the
//                                     database and uses them (default);
//   connleak summarize -p build -o F  writes them as a model file;
//   connleak summarize --shard I/N    one round over a shard, as JSON;
//   connleak merge-summaries P... -o F  joins shard outputs.
// Per-TU results are cached by the content of the files each TU read.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_TOOLS_SUMMARIZE_H
#define CONNLEAK_TOOLS_SUMMARIZE_H

#include "Runner.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include <functional>
#include <string>
#include <vector>

namespace connleak::cli {

/// The category of all options of the command (options in several files).
llvm::cl::OptionCategory &connleakCategory();

enum class Subcommand { Analyse, Summarize, MergeSummaries };
/// Removes a leading `summarize` or `merge-summaries` from argv.
Subcommand takeSubcommand(int &argc, const char **argv);
int runMergeSummaries(int argc, const char **argv);

/// True if the options ask for a shard (--shard I/N); false with a usage
/// error printed when the value is malformed.
bool checkProjectOptions();

struct ProjectInputs {
  const clang::tooling::CompilationDatabase *DB = nullptr;
  std::vector<std::string> Files;    ///< files to report on
  std::string BuildDir;              ///< for the default cache directory
  std::string Root;                  ///< paths in the summary file
  std::function<std::string(llvm::StringRef)> Display; ///< path for messages
  RunSettings Settings;
  bool Quiet = false, Verbose = false;
  unsigned Jobs = 0; ///< -j (0: all cores)
  /// Progress of the files reported on (first analysis of each).
  std::function<void(llvm::StringRef File, bool Failed)> Progress;
};

/// Analyses Files with project summaries (unless --project-summaries=off),
/// in the order of Files. Sets Handled to false when summaries are off, and
/// the caller analyses the files itself.
std::vector<TUResult> analyseProject(const ProjectInputs &In, bool &Handled);

/// `connleak summarize`: returns the exit status.
int runSummarize(const ProjectInputs &In);

/// The files of the database in this shard (all without --shard).
std::vector<std::string> shardOf(const std::vector<std::string> &Files);

} // namespace connleak::cli

#endif
