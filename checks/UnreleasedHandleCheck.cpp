//===--- UnreleasedHandleCheck.cpp ----------------------------------------===//
#include "UnreleasedHandleCheck.h"

using namespace clang;

namespace connleak {

/// Leak notes kept per warning (the first exits in source order).
static constexpr unsigned MaxExitNotes = 4;

UnreleasedHandleCheck::UnreleasedHandleCheck(StringRef Name,
                                             tidy::ClangTidyContext *Context)
    : ConnleakCheck(Name, Context),
      ReportLeaksAtExit(
          boolOption("ReportLeaksAtExit", false, /*Shared=*/false)),
      AssertionMacros(Options.get("AssertionMacros", "assert;Assert;ASSERT")) {
}

void UnreleasedHandleCheck::storeOptions(
    tidy::ClangTidyOptions::OptionMap &Opts) {
  ConnleakCheck::storeOptions(Opts);
  Options.store(Opts, "ReportLeaksAtExit", ReportLeaksAtExit);
  Options.store(Opts, "AssertionMacros", AssertionMacros);
}

void UnreleasedHandleCheck::checkTranslationUnit(TUAnalysis &TU, ASTContext &Ctx) {
  for (const FunctionDecl *FD : TU.functions()) {
    const FunctionResult *R = flowResult(TU, FD);
    if (!R)
      continue;
    for (const LeakReport &L : R->Leaks) {
      // Exits where the process ends are not leaks unless asked for: a
      // handle that leaks only there is not reported, and those exits are
      // not noted.
      llvm::SmallVector<const LeakExit *, 4> Exits;
      for (const LeakExit &E : L.Exits)
        if (ReportLeaksAtExit || !E.AtProcessExit)
          Exits.push_back(&E);
      if (Exits.empty())
        continue;
      if (Exits.size() > MaxExitNotes)
        Exits.resize(MaxExitNotes);
      const Site &S = R->Sites[L.SiteIdx];
      std::string Suggestion;
      {
        auto D = diag(S.E->getBeginLoc(),
                      "%0 is not released with '%1' on every path")
                 << describeSite(S) << S.F->releaseName()
                 << S.E->getSourceRange();
        Suggestion = addRaiiFix(D, TU, *R, S);
      }
      emitFixNote();
      for (const LeakExit *E : Exits)
        diag(E->Loc, exitNote(*E), DiagnosticIDs::Note);
      noteRaiiSuggestion(S, Suggestion);
    }
  }
}

} // namespace connleak
