//===--- UnreleasedHandleCheck.cpp ----------------------------------------===//
#include "UnreleasedHandleCheck.h"

using namespace clang;

namespace connleak {

void UnreleasedHandleCheck::checkTranslationUnit(TUAnalysis &TU, ASTContext &Ctx) {
  for (const FunctionDecl *FD : TU.functions()) {
    const FunctionResult *R = flowResult(TU, FD);
    if (!R)
      continue;
    for (const LeakReport &L : R->Leaks) {
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
      for (const LeakExit &E : L.Exits)
        diag(E.Loc, exitNote(E), DiagnosticIDs::Note);
      noteRaiiSuggestion(S, Suggestion);
    }
  }
}

} // namespace connleak
