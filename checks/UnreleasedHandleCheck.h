//===--- UnreleasedHandleCheck.h --------------------------------*- C++ -*-===//
#ifndef CONNLEAK_CHECKS_UNRELEASEDHANDLECHECK_H
#define CONNLEAK_CHECKS_UNRELEASEDHANDLECHECK_H

#include "ConnleakCheck.h"

namespace connleak {

/// Flags a connection, result, statement, cursor or pool checkout that is
/// acquired and not released on some path out of the function.
/// Documentation: docs/checks/unreleased-handle.md
class UnreleasedHandleCheck : public ConnleakCheck {
public:
  static constexpr const char *ID = "connleak-unreleased-handle";
  /// AssertionMacros: ';' or ',' separate the names.
  static constexpr const char *AssertionMacrosSeparators = ";,";
  UnreleasedHandleCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void checkTranslationUnit(TUAnalysis &TU, clang::ASTContext &Ctx) override;
  bool offersFixes() const override { return true; }
  bool readsFlowResults() const override { return true; }

private:
  /// Report handles that leak only where the process ends (a return from
  /// main()), where the operating system closes them.
  bool ReportLeaksAtExit;
  std::string AssertionMacros;
};

} // namespace connleak

#endif
