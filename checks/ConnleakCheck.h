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
#include "connleak/Analysis.h"
#include "connleak/Model.h"
#include <memory>

namespace connleak {

class ConnleakCheck : public clang::tidy::ClangTidyCheck {
public:
  ConnleakCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override { Analysis.reset(); }

protected:
  /// Runs the check on one translation unit.
  virtual void run(TUAnalysis &TU, clang::ASTContext &Ctx) = 0;
  /// Whether this check needs the flow analysis options of its own.
  virtual void adjustOptions(AnalysisOptions &) {}

  const ModelSet &models() const { return *Models; }
  /// Reads a list option (separated by ';' or ',').
  std::vector<std::string> listOption(llvm::StringRef Name);

  clang::tidy::ClangTidyContext *TidyContext;
  std::string ModelFiles;
  bool UnknownCallsEscape;
  std::shared_ptr<const ModelSet> Models;
  std::shared_ptr<TUAnalysis> Analysis;
};

/// Describes the acquisition of a site for messages:
/// "connection returned by 'PQconnectdb'".
std::string describeSite(const Site &S);

} // namespace connleak

#endif
