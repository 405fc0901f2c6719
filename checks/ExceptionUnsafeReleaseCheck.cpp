//===--- ExceptionUnsafeReleaseCheck.cpp ----------------------------------===//
#include "ExceptionUnsafeReleaseCheck.h"

#include "llvm/Support/Regex.h"

using namespace clang;

namespace connleak {

ExceptionUnsafeReleaseCheck::ExceptionUnsafeReleaseCheck(
    StringRef Name, tidy::ClangTidyContext *Context)
    : ConnleakCheck(Name, Context),
      IgnoreFunctions(Options.get("IgnoreFunctions", "")),
      AllocatingFunctions(
          Options.get("AllocatingFunctions", DefaultAllocatingFunctions)),
      AssumeExternCNoThrow(
          boolOption("AssumeExternCNoThrow", true, /*Shared=*/false)) {
  for (const auto &[Option, Value] :
       {std::pair<const char *, const std::string *>{"IgnoreFunctions",
                                                     &IgnoreFunctions},
        {"AllocatingFunctions", &AllocatingFunctions}})
    for (const std::string &P : splitList(*Value, IgnoreFunctionsSeparators)) {
      std::string Error;
      if (!llvm::Regex(P).isValid(Error))
        configurationDiag("invalid regular expression '%0' in option "
                          "'%1.%2': %3",
                          DiagnosticIDs::Error)
            << P << Name << Option << Error;
    }
}

void ExceptionUnsafeReleaseCheck::storeOptions(
    tidy::ClangTidyOptions::OptionMap &Opts) {
  ConnleakCheck::storeOptions(Opts);
  Options.store(Opts, "IgnoreFunctions", IgnoreFunctions);
  Options.store(Opts, "AllocatingFunctions", AllocatingFunctions);
  Options.store(Opts, "AssumeExternCNoThrow", AssumeExternCNoThrow);
}

void ExceptionUnsafeReleaseCheck::checkTranslationUnit(TUAnalysis &TU, ASTContext &Ctx) {
  for (const FunctionDecl *FD : TU.functions()) {
    const FunctionResult *R = flowResult(TU, FD);
    if (!R)
      continue;
    for (const ExceptionReport &E : R->ExceptionUnsafe) {
      const Site &S = R->Sites[E.SiteIdx];
      std::string Suggestion;
      {
        auto D = diag(S.E->getBeginLoc(),
                      "%0 is released with '%1' on normal paths, but not when "
                      "an exception is thrown before the release")
                 << describeSite(S) << S.F->releaseName()
                 << S.E->getSourceRange();
        Suggestion = addRaiiFix(D, TU, *R, S);
      }
      emitFixNote();
      if (E.ThrowName.empty())
        diag(E.ThrowPoint->getBeginLoc(),
             "an exception thrown here leaks it", DiagnosticIDs::Note);
      else
        diag(E.ThrowPoint->getBeginLoc(),
             "an exception thrown by '%0' here leaks it", DiagnosticIDs::Note)
            << E.ThrowName;
      if (E.Release.isValid())
        diag(E.Release, "this release is skipped when that exception is thrown",
             DiagnosticIDs::Note);
      noteRaiiSuggestion(S, Suggestion);
    }
  }
}

} // namespace connleak
