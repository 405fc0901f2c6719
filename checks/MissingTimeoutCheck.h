//===--- MissingTimeoutCheck.h ----------------------------------*- C++ -*-===//
#ifndef CONNLEAK_CHECKS_MISSINGTIMEOUTCHECK_H
#define CONNLEAK_CHECKS_MISSINGTIMEOUTCHECK_H

#include "ConnleakCheck.h"
#include "llvm/ADT/StringMap.h"
#include <optional>

namespace connleak {

/// Flags a connect, query, RPC or HTTP transfer that has no timeout.
/// Documentation: docs/checks/missing-timeout.md
class MissingTimeoutCheck : public ConnleakCheck {
public:
  MissingTimeoutCheck(llvm::StringRef Name,
                      clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void checkTranslationUnit(TUAnalysis &TU, clang::ASTContext &Ctx) override;

private:
  /// Expands ${handle}, ${argN} and ${Option} in a model's fix template.
  std::optional<std::string> expand(llvm::StringRef Template,
                                    llvm::ArrayRef<const clang::Expr *> Args,
                                    const clang::Expr *Handle,
                                    clang::ASTContext &Ctx) const;
  void reportDisabled(const struct JudgedCall &J, const TimeoutSpec &T,
                      llvm::StringRef Str, llvm::StringRef Handler);
  /// Values of the fix-its, by option name.
  llvm::StringMap<unsigned> Values;
  /// Report calls that main() makes outside any loop.
  bool ReportInMain;
  /// In a request handler, a library default longer than this is reported.
  unsigned RequestDeadlineMs;
};

} // namespace connleak

#endif
