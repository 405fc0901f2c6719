//===--- ExceptionUnsafeReleaseCheck.h --------------------------*- C++ -*-===//
#ifndef CONNLEAK_CHECKS_EXCEPTIONUNSAFERELEASECHECK_H
#define CONNLEAK_CHECKS_EXCEPTIONUNSAFERELEASECHECK_H

#include "ConnleakCheck.h"

namespace connleak {

/// Flags a handle that is released on every normal path, but where a call
/// that can throw comes between the acquisition and the release.
/// Documentation: docs/checks/exception-unsafe-release.md
class ExceptionUnsafeReleaseCheck : public ConnleakCheck {
public:
  static constexpr const char *ID = "connleak-exception-unsafe-release";
  /// IgnoreFunctions holds regexes: only ';' separates them (a ',' belongs
  /// to `a{1,3}`).
  static constexpr const char *IgnoreFunctionsSeparators = ";";
  ExceptionUnsafeReleaseCheck(llvm::StringRef Name,
                              clang::tidy::ClangTidyContext *Context);
  bool isLanguageVersionSupported(const clang::LangOptions &LO) const override {
    return LO.CPlusPlus;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void checkTranslationUnit(TUAnalysis &TU, clang::ASTContext &Ctx) override;
  bool offersFixes() const override { return true; }
  bool readsFlowResults() const override { return true; }

private:
  std::string IgnoreFunctions;
  bool AssumeExternCNoThrow;
};

} // namespace connleak

#endif
