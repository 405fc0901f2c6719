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
  /// The default of AllocatingFunctions: members of std::basic_string (and
  /// std::to_string, std::operator+) whose only exception, for the
  /// arguments a program passes them, is std::bad_alloc (std::length_error
  /// past max_size()). clang-tidy's exception analysis ignores bad_alloc
  /// in the bodies it reads; these are the library's calls to match.
  static constexpr const char *DefaultAllocatingFunctions =
      "std::(__cxx11::)?basic_string<.*>::(basic_string|operator=|"
      "operator\\+=|append|assign|push_back|reserve|resize);"
      "std::(__cxx11::)?(to_string|operator\\+)";
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
  std::string AllocatingFunctions;
  bool AssumeExternCNoThrow;
};

} // namespace connleak

#endif
