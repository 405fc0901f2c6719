//===--- Report.h - findings, output formats, baseline, diff ----*- C++ -*-===//
//
// Plain data and functions of the CLI that need no clang-tidy or AST headers.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_TOOLS_REPORT_H
#define CONNLEAK_TOOLS_REPORT_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace connleak::cli {

/// Source files read once, with line tables. Positions are 1-based; columns
/// are byte columns as in clang's diagnostics.
class SourceCache {
public:
  struct File {
    std::unique_ptr<llvm::MemoryBuffer> Buf;
    std::vector<unsigned> LineStarts;
  };
  /// nullptr if the file cannot be read.
  const File *get(llvm::StringRef Path);
  /// Line and byte column (both 1-based) of Offset; {0,0} if unknown.
  std::pair<unsigned, unsigned> position(llvm::StringRef Path, unsigned Offset);
  /// The text of a line without its line terminator ("" if unknown).
  llvm::StringRef lineText(llvm::StringRef Path, unsigned Line);
  /// Byte column -> UTF-16 code unit column (SARIF's default columnKind).
  unsigned utf16Column(llvm::StringRef Path, unsigned Line, unsigned ByteColumn);

private:
  std::map<std::string, std::unique_ptr<File>, std::less<>> Files;
};

/// Maps absolute paths to the names shown to users.
struct PathMapper {
  std::string Root; ///< absolute, no trailing separator
  std::string Cwd;  ///< absolute, no trailing separator
  /// Root-relative path with '/' separators, or the absolute path when the
  /// file is outside the root.
  std::string rel(llvm::StringRef Abs) const;
  bool underRoot(llvm::StringRef Abs) const;
  /// Cwd-relative path when the file is below the working directory,
  /// otherwise absolute (what the text format prints).
  std::string display(llvm::StringRef Abs) const;
};

struct Pos {
  std::string Path; ///< absolute; empty when there is no location
  unsigned Offset = 0, Line = 0, Column = 0;
  bool valid() const { return !Path.empty() && Line != 0; }
};

struct Span { ///< a highlighted range, end exclusive
  unsigned Offset = 0, Length = 0;
  unsigned StartLine = 0, StartColumn = 0, EndLine = 0, EndColumn = 0;
};

struct NoteInfo {
  Pos Where;
  std::string Message;
  std::vector<Span> Ranges;
};

struct Edit {
  std::string Path; ///< absolute
  unsigned Offset = 0, Length = 0;
  std::string Text;
  unsigned StartLine = 0, StartColumn = 0, EndLine = 0, EndColumn = 0;
};

struct Finding {
  std::string Check;
  std::string Level; ///< "warning", "error" or "remark"
  std::string Message;
  Pos Where;
  std::vector<Span> Ranges;
  std::vector<NoteInfo> Notes;
  std::vector<Edit> Fixes;
  std::string BuildDirectory;
  // Line-independent identity (see Baseline below).
  std::string RelPath;
  std::string Function;
  std::string Snippet;
  std::string Fingerprint;
  unsigned Occurrence = 0; ///< 0-based index among equal fingerprints
};

/// "check\0file\0function\0snippet" hashed; independent of line numbers.
std::string computeFingerprint(const Finding &F);
/// Whitespace-collapsed, trimmed text.
std::string normaliseSnippet(llvm::StringRef Line);

//===--- output formats ----------------------------------------------------===//

/// The names of the connleak checks (checks/Checks.def), sorted.
std::vector<std::string> knownConnleakChecks();

struct RuleInfo {
  std::string Id, Short, Full, HelpUri;
};
/// Metadata for a rule id (connleak checks have the descriptions of
/// checks/Checks.def and a helpUri below DocsUrl, the base URL of docs/checks).
RuleInfo ruleInfo(llvm::StringRef Check, llvm::StringRef DocsUrl);

/// A problem of the run (not a finding): a TU that failed, a config error.
struct Notification {
  std::string Level; ///< "error" or "warning"
  std::string Message;
  Pos Where;
};

struct ReportContext {
  SourceCache &Sources;
  const PathMapper &Paths;
  std::string DocsUrl;
  std::string Version;
  std::vector<std::string> KnownChecks; ///< rules to list in SARIF
  std::vector<Notification> Notifications;
  bool Caret = true;
  bool Color = false;
};

void printText(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               ReportContext &Ctx);
/// One diagnostic in clang's style (used for errors on stderr too).
void printClangStyle(llvm::raw_ostream &OS, llvm::StringRef Level,
                     llvm::StringRef Message, llvm::StringRef Check,
                     const Pos &Where, const std::vector<Span> &Ranges,
                     ReportContext &Ctx);
void printJsonLines(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                    ReportContext &Ctx);
void printSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                ReportContext &Ctx);

//===--- fixes -------------------------------------------------------------===//

/// Writes clang-tidy's export-fixes YAML (clang-apply-replacements input).
bool writeExportFixes(llvm::StringRef OutPath, llvm::StringRef MainFile,
                      const std::vector<Finding> &Findings, std::string &Err);

struct FixStats {
  unsigned Applied = 0, Conflicting = 0, Files = 0;
  std::vector<std::string> Errors;
};
/// Applies the fix-its of Findings; identical replacements coming from
/// several TUs are applied once, a fix that conflicts with an earlier one is
/// skipped as a whole.
FixStats applyFixes(const std::vector<Finding> &Findings, ReportContext &Ctx);

//===--- baseline ----------------------------------------------------------===//

/// Fingerprint -> number of known occurrences.
using Baseline = std::map<std::string, unsigned>;
bool readBaseline(llvm::StringRef Path, Baseline &Out, std::string &Err);
bool writeBaseline(llvm::StringRef Path, const std::vector<Finding> &Findings,
                   std::string &Err);

//===--- diff --------------------------------------------------------------===//

/// Absolute path -> changed (added or modified) line numbers of the new side.
using ChangedLines = std::map<std::string, std::set<unsigned>>;
/// Parses a unified diff; paths (a/ b/ prefixes stripped) are relative to
/// BaseDir.
ChangedLines parseUnifiedDiff(llvm::StringRef Diff, llvm::StringRef BaseDir);
/// Runs `git diff -U0 Rev` in the repository containing Dir; BaseDir is set to
/// the repository's top level.
bool runGitDiff(llvm::StringRef Rev, llvm::StringRef Dir, std::string &Diff,
                std::string &BaseDir, std::string &Err);

} // namespace connleak::cli

#endif
