//===--- ConnleakCheck.h - base of the connleak checks ----------*- C++ -*-===//
//
// Every connleak check loads the resource models (built-ins plus the files
// of the `ModelFiles` option), matches the translation unit once, and reads
// the shared TUAnalysis.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_CHECKS_CONNLEAKCHECK_H
#define CONNLEAK_CHECKS_CONNLEAKCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "connleak/analysis/Analysis.h"
#include "connleak/fixits/FixIts.h"
#include "connleak/model/Model.h"
#include "llvm/ADT/StringSet.h"
#include <memory>

namespace connleak {

class ConnleakCheck : public clang::tidy::ClangTidyCheck {
public:
  ConnleakCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;
  void registerPPCallbacks(const clang::SourceManager &SM,
                           clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override {
    Inserter.registerPreprocessor(PP);
    recordIncludes(SM, PP);
    recordAssertions(SM, PP);
  }

protected:
  /// Runs the check on one translation unit.
  virtual void checkTranslationUnit(TUAnalysis &TU, clang::ASTContext &Ctx) = 0;
  /// Checks whose diagnostics carry RAII fix-its store the fix options
  /// (IncludeStyle, ScopeGuard, ScopeGuardHeader) in --dump-config.
  virtual bool offersFixes() const { return false; }
  /// Checks that read the flow analysis's per-function results store its
  /// budget options (MaxBlockVisits, ReportSkippedFunctions).
  virtual bool readsFlowResults() const { return false; }

  const ModelSet &models() const { return *Models; }
  /// The flow analysis result of FD, or null if it was not analysed. With
  /// the ReportSkippedFunctions option, a function that was skipped (its
  /// analysis went over the budget, or no CFG could be built) gets a remark,
  /// once per translation unit whichever flow check asks first: a skipped
  /// function is never silent to a user who asks.
  const FunctionResult *flowResult(TUAnalysis &TU,
                                   const clang::FunctionDecl *FD);
  /// Attaches a leak-style diagnostic's RAII fix-it. When no safe fix
  /// exists, returns (in C++) the RAII form to suggest, for
  /// noteRaiiSuggestion after the diagnostic's other notes; else "".
  std::string addRaiiFix(clang::DiagnosticBuilder &D, TUAnalysis &TU,
                         const FunctionResult &R, const Site &S);
  void noteRaiiSuggestion(const Site &S, const std::string &Suggestion);
  /// Gives D the fix Hints. With ChecksPutFixesOnNotes (connleak-clangd),
  /// the hints are kept instead for a note at Loc whose message is Title,
  /// which emitFixNote() emits once D has been: clangd titles a quick fix
  /// with the message of the diagnostic that carries it, so the title says
  /// what the fix does rather than repeating the warning.
  void attachFix(clang::DiagnosticBuilder &D, clang::SourceLocation Loc,
                 const std::string &Title,
                 std::vector<clang::FixItHint> Hints);
  /// Emits the note that attachFix() kept, if any. Call it right after the
  /// warning's DiagnosticBuilder is gone (emitted), before its other notes.
  void emitFixNote();

  /// An option set for this check, or for all connleak checks as
  /// `connleak.<Name>`.
  /// Key, if given, receives the option's full name.
  std::optional<std::string> sharedOption(llvm::StringRef Name,
                                          std::string *Key = nullptr) const;
  /// A boolean option, read with sharedOption() (Shared) or from this
  /// check's own key only; a value that is not a boolean is a configuration
  /// error, and the default applies.
  bool boolOption(llvm::StringRef Name, bool Default, bool Shared = true);

  std::string CheckName;
  clang::tidy::ClangTidyContext *TidyContext;
  clang::tidy::utils::IncludeInserter Inserter;
  /// Headers the main file includes: clang-tidy's IncludeInserter adds a
  /// duplicate when the file's includes are not sorted.
  std::shared_ptr<llvm::StringSet<>> MainIncludes;
  void recordIncludes(const clang::SourceManager &SM, clang::Preprocessor *PP);
  /// Assertion macros (unreleased-handle's AssertionMacros) and what they
  /// assert null, recorded by the preprocessor for the shared analysis.
  std::shared_ptr<AssertedNulls> Assertions;
  void recordAssertions(const clang::SourceManager &SM,
                        clang::Preprocessor *PP);
  std::string ModelFiles;
  bool UnknownCallsEscape;
  bool ReportSkippedFunctions = false;
  /// Per-function budget of (block, state) visits; 0 for the default,
  /// which grows with the function.
  unsigned MaxBlockVisits = 0;
  FixOptions FixOpts;
  std::shared_ptr<const ModelSet> Models;
  std::shared_ptr<TUAnalysis> Analysis;

private:
  struct PendingFix {
    clang::SourceLocation Loc;
    std::string Title;
    std::vector<clang::FixItHint> Hints;
  };
  std::optional<PendingFix> Pending;
};

/// Set by connleak-clangd (tools/clangd/main.cpp): fixes go on a note that
/// says what they do (attachFix). Off for clang-tidy and the CLI, which
/// apply the warning's own fix (clang-tidy --fix ignores note fixes).
extern bool ChecksPutFixesOnNotes;

/// Parses a boolean option the way clang-tidy's OptionsView::get<bool>
/// does (YAML booleans, integers); nullopt when it is neither.
std::optional<bool> parseBoolValue(llvm::StringRef V);
/// Splits a list option at any of the separators, trimming the items and
/// dropping empty ones.
std::vector<std::string> splitList(llvm::StringRef V,
                                   llvm::StringRef Separators);
/// The options of the shared analysis: this check's UnknownCallsEscape
/// and budget, clang-tidy's header filter, and the options of the checks
/// that shape the analysis (AssumeExternCNoThrow and IgnoreFunctions of
/// exception-unsafe-release, BlockingFunctions of held-during-blocking-call).
AnalysisOptions analysisOptionsFrom(clang::tidy::ClangTidyContext &Ctx,
                                    bool UnknownCallsEscape,
                                    unsigned MaxBlockVisits);

/// Describes the acquisition of a site for messages:
/// "connection returned by 'PQconnectdb'".
std::string describeSite(const Site &S);

} // namespace connleak

#endif
