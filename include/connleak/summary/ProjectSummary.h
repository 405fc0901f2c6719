//===--- ProjectSummary.h - summaries across translation units --*- C++ -*-===//
//
// Project summaries (docs/project-summaries.md): what each function with a
// body and external linkage does with connection handles, derived from its
// body by the flow analysis, merged over the translation units of a
// compilation database, and written as a model file whose entries say where
// they come from (`from: file:line`).
//
//   * extractSummaries (Extract.cpp, needs the AST): one translation unit's
//     functions, with the names of the functions its analysis consulted;
//   * mergeSummaries (Project.cpp): one fact per name; two definitions that
//     disagree, and recursion across files, are dropped (unknown);
//   * writeModelFile: the model file (families `extends`, `functions`,
//     `blocking`, `clients`), deterministic;
//   * toJSON / fromJSON: the per-TU records of the CLI's cache and of the
//     shards of `connleak summarize --shard`.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_SUMMARY_PROJECTSUMMARY_H
#define CONNLEAK_SUMMARY_PROJECTSUMMARY_H

#include "connleak/analysis/Dependencies.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace connleak {

class TUAnalysis;

/// What one function definition does, in model terms.
struct DerivedSummary {
  std::string Name; ///< qualified name
  std::string File; ///< absolute path of the definition
  unsigned Line = 0;
  /// Returns a fresh handle of this family (model family name), or "".
  std::string Returns;
  bool ReturnsNullable = false;
  struct Out {
    unsigned Arg = 0;
    std::string Family;
    std::vector<int64_t> Success;
    std::optional<int64_t> Failure;
    bool operator==(const Out &O) const {
      return Arg == O.Arg && Family == O.Family && Success == O.Success &&
             Failure == O.Failure;
    }
  };
  std::vector<Out> Outs;
  /// (argument, family) pairs the function releases on every path.
  std::vector<std::pair<unsigned, std::string>> Releases;
  /// Arguments it stores or hands on (any family).
  std::vector<unsigned> Sinks;
  /// It takes pointer arguments: the `functions` entry makes it known.
  bool Known = false;
  /// Calls a blocking function. In a translation unit's summaries: by
  /// itself or through same-file helpers (the model's own blocking
  /// entries); in the merged summary: also through Calls, closed over the
  /// cross-file call graph.
  bool Blocks = false;
  bool Client = false; ///< returns what a `clients` function builds
  /// The analysis skipped it (budget, no CFG): unknown.
  bool Skipped = false;
  /// Functions with external linkage and no body in its translation unit
  /// that it calls (directly or through same-file helpers): the edges of
  /// the cross-file call graph.
  std::vector<std::string> Calls;

  /// True if it says anything a model file can express.
  bool hasFacts() const {
    return !Returns.empty() || !Outs.empty() || !Releases.empty() ||
           !Sinks.empty() || Known || Blocks || Client;
  }
  /// Same facts (not the same place); WithBlocks false: all but Blocks.
  bool sameFacts(const DerivedSummary &O, bool WithBlocks = true) const;
  std::string location(llvm::StringRef Root) const;
};

/// One translation unit's summaries.
struct TUSummaries {
  std::string File; ///< main file, absolute
  std::vector<DerivedSummary> Functions;
  /// Names whose derived entries its analysis consulted (functions with
  /// external linkage and no body here), each with the kinds of facts it
  /// read (DepKind, connleak/analysis/Dependencies.h): it must be analysed
  /// again when the project summary changes one of those kinds for it.
  std::vector<std::pair<std::string, unsigned>> Deps;
  /// Files it read (main file, headers, model files), for the cache.
  std::vector<std::string> Inputs;
};

/// The merged, project-wide summary.
struct ProjectSummary {
  std::map<std::string, DerivedSummary> Functions;
  /// Names left unknown, with the reason.
  std::map<std::string, std::string> Dropped;

  /// The facts of a name of the given kinds (DepKind) as a string ("" when
  /// it has none of them, or is unknown): equal strings mean equal facts of
  /// those kinds, for the fixed point and the cache.
  std::string factsOf(llvm::StringRef Name, unsigned Kinds = DepAll) const;
  /// Names whose facts differ between two summaries, with the kinds that
  /// differ.
  std::map<std::string, unsigned> changedFrom(const ProjectSummary &Old) const;
};

/// Merges per-TU summaries (in any order: the result does not depend on it).
/// Blocks is closed over the cross-file call graph: a function blocks if it
/// does by itself or calls a project function that blocks.
ProjectSummary mergeSummaries(const std::vector<const TUSummaries *> &TUs);

/// Writes the model file. Paths under Root are written relative to it.
void writeModelFile(llvm::raw_ostream &OS, const ProjectSummary &P,
                    llvm::StringRef Root);

llvm::json::Value toJSON(const TUSummaries &T);
bool fromJSON(const llvm::json::Value &V, TUSummaries &T);

/// The summaries of one analysed translation unit: every function defined
/// in its main file with external linkage that the analysis could summarise.
/// Deps are the names recorded by the dependency hook while it ran.
TUSummaries extractSummaries(TUAnalysis &TU);

/// The CLI's per-thread collector: while one is set, the connleak checks
/// fill it at the end of each translation unit (once per TU).
struct SummaryCollector {
  bool Filled = false;
  TUSummaries Result;
  std::map<std::string, unsigned> Deps;
};
void setThreadSummaryCollector(SummaryCollector *C);
/// Called by the checks at the end of a translation unit.
void collectSummariesIfRequested(TUAnalysis &TU);

} // namespace connleak

#endif
