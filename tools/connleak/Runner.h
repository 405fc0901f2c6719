//===--- Runner.h - analyse one translation unit ----------------*- C++ -*-===//
//
// The only part of the CLI that includes clang-tidy and AST headers. It runs
// the clang-tidy checks on one translation unit (a private copy of
// clang::tidy::runClangTidy that also records function extents and the tool's
// exit status) and returns plain data with absolute paths.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_TOOLS_RUNNER_H
#define CONNLEAK_TOOLS_RUNNER_H

#include "clang/Tooling/CompilationDatabase.h"
#include <string>
#include <vector>

namespace connleak::cli {

/// A message of a diagnostic: the warning itself or one of its notes.
struct RawMessage {
  std::string Message;
  std::string Path; ///< absolute, dots removed; empty when there is no location
  unsigned Offset = 0;
  /// Highlighted ranges (same file as Path): offset and length.
  std::vector<std::pair<unsigned, unsigned>> Ranges;
};

struct RawEdit {
  std::string Path; ///< absolute
  unsigned Offset = 0, Length = 0;
  std::string Text;
};

struct RawDiag {
  enum LevelKind { Remark, Warning, Error };
  std::string Check;
  LevelKind Level = Warning;
  bool IsWarningAsError = false;
  std::string BuildDirectory;
  RawMessage Msg;
  std::vector<RawMessage> Notes;
  std::vector<RawEdit> Fix; ///< the warning's own fix-it (not the notes')
};

/// A function (or method) definition outside system headers.
struct FunctionExtent {
  std::string Path; ///< absolute
  unsigned Begin = 0, End = 0;
  std::string Name; ///< qualified name
};

struct RunSettings {
  std::string Checks;       ///< overrides Checks of .clang-tidy when non-empty
  std::string HeaderFilter; ///< overrides HeaderFilterRegex when non-empty
  bool HeaderFilterSet = false;
  /// Remark on functions the analysis skipped (connleak.ReportSkippedFunctions).
  bool ReportSkipped = false;
  std::string ResourceDir;  ///< -resource-dir for the compiler, when non-empty
};

struct TUResult {
  std::string File; ///< absolute path of the main file
  /// Everything clang-tidy reported: findings, compiler errors (named
  /// clang-diagnostic-*) and configuration errors (clang-tidy-config).
  std::vector<RawDiag> Diags;
  std::vector<FunctionExtent> Functions;
  size_t EnabledChecks = 0;
  bool ToolFailed = false;   ///< the compiler invocation reported failure
  bool Crashed = false;      ///< recovered from a crash while analysing
  std::string FailureReason; ///< set when the TU could not be analysed at all
};

/// Analyses File with the given compile commands. Thread-safe: every call
/// uses its own ClangTidyContext, options provider and file system.
TUResult analyseTU(const std::string &File,
                   std::vector<clang::tooling::CompileCommand> Commands,
                   const RunSettings &Settings);

/// Parses a .clang-tidy file; returns an error message or "". Warnings
/// receives the unknown connleak check and option names of a valid file
/// (checks/ConfigNames.h).
std::string validateConfigFile(const std::string &Path,
                               std::vector<std::string> &Warnings);

/// Turns on crash recovery for analyseTU (call once, early in main).
void enableCrashRecovery();

} // namespace connleak::cli

#endif
