//===--- MissingTimeoutCheck.h ----------------------------------*- C++ -*-===//
#ifndef CONNLEAK_CHECKS_MISSINGTIMEOUTCHECK_H
#define CONNLEAK_CHECKS_MISSINGTIMEOUTCHECK_H

#include "ConnleakCheck.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <vector>

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
  void reportDisabled(const struct JudgedCall &J, const TimeoutSpec &T,
                      llvm::StringRef Str, llvm::StringRef Handler);
  /// Values of the fix-its, by option name.
  llvm::StringMap<unsigned> Values;
  /// Report calls that main() makes outside any loop.
  bool ReportInMain;
  /// In a request handler, a library default longer than this is reported.
  unsigned RequestDeadlineMs;
};

/// The check's name, for other checks that compose with its fixes.
inline constexpr const char *MissingTimeoutCheckName = "connleak-missing-timeout";

/// Expands ${handle}, ${argN} and ${Option} in a model's fix template.
/// HandleText, when set, is how ${handle} is spelled instead of the
/// handle argument's own text.
std::optional<std::string>
expandTimeoutTemplate(llvm::StringRef Template,
                      llvm::ArrayRef<const clang::Expr *> Args,
                      const clang::Expr *Handle, clang::ASTContext &Ctx,
                      const llvm::StringMap<unsigned> &Values,
                      std::optional<llvm::StringRef> HandleText = std::nullopt);

/// The insertions the missing-timeout fix makes for V in FD (a setter call
/// before the transfer), with ${handle} spelled Handle: how another fix
/// that changes V's type (the RAII fix) carries them re-spelled. The
/// option values are read from the check's configuration.
std::vector<clang::FixItHint>
timeoutInsertionsFor(TUAnalysis &TU, clang::tidy::ClangTidyContext &Tidy,
                     const clang::FunctionDecl *FD, const clang::VarDecl *V,
                     llvm::StringRef Handle);

} // namespace connleak

#endif
