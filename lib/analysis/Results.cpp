//===--- Results.cpp - reports and the summary of one function ------------===//
//
// After the solver: per site, a leak report (its exits, in source order), or
// an exception-unsafe report (released on every normal path, but a call
// that can throw comes between the acquire and the release), and the
// function's summary for its callers (what it does with each pointer
// parameter, and the family of the fresh handle it returns).
//
//===----------------------------------------------------------------------===//
#include "FunctionAnalyzer.h"

#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace llvm;

namespace connleak {

std::string exitNote(const LeakExit &E) {
  switch (E.Kind) {
  case ExitKind::Return:
    return "leaked when returning here";
  case ExitKind::Throw:
    return "leaked when throwing here";
  case ExitKind::EndOfFunction:
    return "leaked at the end of the function";
  case ExitKind::Overwrite:
    return "leaked when '" + E.Var + "' is overwritten here";
  case ExitKind::ScopeEnd:
    return "leaked at the end of the scope of '" + E.Var + "'";
  case ExitKind::Reacquire:
    return "leaked when acquired again here before the previous one was "
           "released";
  case ExitKind::Unstored:
    return "leaked here: the handle is never stored";
  }
  return "leaked here";
}

/// Folds the facts of every second instance of an acquiring expression
/// into its first site: findings are per expression.
void FunctionAnalyzer::mergeInstances() {
  for (unsigned I = 0; I < R.Sites.size(); ++I) {
    int First = R.Sites[I].InstanceOf;
    if (First < 0)
      continue;
    SiteFacts &From = Facts[I], &To = Facts[First];
    for (LeakExit &E : From.Exits)
      if (llvm::none_of(To.Exits, [&](const LeakExit &X) {
            return X.Loc == E.Loc && X.Kind == E.Kind;
          }))
        To.Exits.push_back(std::move(E));
    From.Exits.clear();
    To.ExitBits |= From.ExitBits;
    To.EverStatus |= From.EverStatus;
    To.Returned |= From.Returned;
    for (const ThrowPoint &T : From.Throws)
      if (To.Throws.size() < MaxThrowPointsPerSite)
        To.Throws.push_back(T);
    for (SourceLocation L : From.ReleaseLocs)
      if (!llvm::is_contained(To.ReleaseLocs, L))
        To.ReleaseLocs.push_back(L);
    for (const Family *F : From.ReleasedBy)
      if (!llvm::is_contained(To.ReleasedBy, F))
        To.ReleasedBy.push_back(F);
    if (!R.Sites[First].ParentReleasedFirst)
      R.Sites[First].ParentReleasedFirst = R.Sites[I].ParentReleasedFirst;
  }
}

void FunctionAnalyzer::finish() {
  R.Analyzed = true;
  mergeInstances();
  for (unsigned I = 0; I < R.Sites.size(); ++I) {
    if (R.Sites[I].isPseudo() || R.Sites[I].InstanceOf >= 0)
      continue;
    if (!Facts[I].Exits.empty())
      reportLeak(I);
    else
      reportExceptionUnsafe(I);
  }
  buildSummary();
}

void FunctionAnalyzer::reportLeak(unsigned I) {
  SourceManager &SM = Ctx.getSourceManager();
  LeakReport L;
  L.SiteIdx = I;
  L.Exits.assign(Facts[I].Exits.begin(), Facts[I].Exits.end());
  llvm::sort(L.Exits, [&](const LeakExit &A, const LeakExit &B) {
    return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  R.Leaks.push_back(std::move(L));
}

/// Exception-unsafe: released on every normal path, never escaped, and a
/// call that may throw while it is owned, with no handler of this function
/// that makes the exception safe. In a noexcept function an escaping
/// exception terminates the process.
void FunctionAnalyzer::reportExceptionUnsafe(unsigned I) {
  SourceManager &SM = Ctx.getSourceManager();
  if (const auto *FPT = FD->getType()->getAs<FunctionProtoType>();
      FPT && FPT->isNothrow())
    return;
  const SiteFacts &SF = Facts[I];
  uint8_t Bits = SF.ExitBits | SF.EverStatus;
  if (SF.Throws.empty() || (Bits & Escaped) || !(Bits & Released) ||
      (SF.ExitBits & Owned))
    return;
  // The first call in the source whose exception no handler of this
  // function makes safe.
  SmallVector<const ThrowPoint *, 4> Order;
  for (const ThrowPoint &T : SF.Throws)
    Order.push_back(&T);
  llvm::sort(Order, [&](const ThrowPoint *A, const ThrowPoint *B) {
    return SM.isBeforeInTranslationUnit(A->E->getBeginLoc(),
                                        B->E->getBeginLoc());
  });
  const ThrowPoint *First = nullptr;
  for (const ThrowPoint *T : Order)
    if (!caughtSafely(*T, I)) {
      First = T;
      break;
    }
  if (!First)
    return;
  ExceptionReport E;
  E.SiteIdx = I;
  E.ThrowPoint = First->E;
  E.ThrowName = calleeName(First->E);
  for (SourceLocation RL : SF.ReleaseLocs)
    if (SM.isBeforeInTranslationUnit(E.ThrowPoint->getBeginLoc(), RL) &&
        (E.Release.isInvalid() || SM.isBeforeInTranslationUnit(RL, E.Release)))
      E.Release = RL;
  R.ExceptionUnsafe.push_back(E);
}

void FunctionAnalyzer::buildSummary() {
  FunctionSummary &Sum = R.Summary;
  Sum.Params.assign(FD->getNumParams(), FunctionSummary::Borrow);
  Sum.ReleasedBy.assign(FD->getNumParams(), {});
  for (unsigned I = 0; I < R.Sites.size(); ++I) {
    const Site &S = R.Sites[I];
    if (!S.isPseudo())
      continue;
    if (S.OutSlot) {
      buildOutSummary(I);
      continue;
    }
    unsigned PI = S.Param->getFunctionScopeIndex();
    uint8_t Bits = Facts[I].ExitBits;
    if (Bits & Escaped)
      Sum.Params[PI] = FunctionSummary::Sink;
    else if ((Bits & Released) && !(Bits & Owned)) {
      Sum.Params[PI] = FunctionSummary::Release;
      Sum.ReleasedBy[PI] = Facts[I].ReleasedBy;
    } else if (Bits & Released) {
      // Released on some paths only (maybe_close(c, flag)): the caller
      // cannot know, so the handle is treated as taken over.
      Sum.Params[PI] = FunctionSummary::Sink;
    }
  }
  if (ReturnsOther)
    return;
  const Family *F = nullptr;
  for (unsigned I = 0; I < R.Sites.size(); ++I)
    if (Facts[I].Returned) {
      if (F && F != R.Sites[I].F)
        return; // several families: no single acquire entry
      F = R.Sites[I].F;
    }
  if (!F)
    return;
  Sum.Returns = F;
  Sum.ReturnsNullable = ReturnsNull || F->Nullable;
  AcquireSpec &A = TU.newAcquireSpec();
  A.Function = FD->getQualifiedNameAsString();
  Sum.AsAcquire = &A;
}

/// An out-parameter filled with a fresh handle of one family: on every path,
/// or on the paths that return one set of constants, disjoint from those of
/// the paths that do not fill it.
void FunctionAnalyzer::buildOutSummary(unsigned I) {
  const SiteFacts &SF = Facts[I];
  if (SF.OutFamilies.size() != 1 || SF.OutMixed || SF.OutExits.empty())
    return;
  std::vector<int64_t> Filled, Unfilled;
  bool AllFilled = true;
  for (const auto &[IsFilled, Ret] : SF.OutExits) {
    AllFilled &= IsFilled;
    if (!Ret)
      continue;
    auto &V = IsFilled ? Filled : Unfilled;
    if (!llvm::is_contained(V, *Ret))
      V.push_back(*Ret);
  }
  if (llvm::none_of(SF.OutExits, [](const auto &E) { return E.first; }))
    return;
  FunctionSummary::OutParam O;
  O.Param = R.Sites[I].Param->getFunctionScopeIndex();
  O.F = SF.OutFamilies.front();
  if (!AllFilled) {
    // Every exit must tell filled from not filled by a known return value.
    if (llvm::any_of(SF.OutExits, [](const auto &E) { return !E.second; }))
      return;
    for (int64_t V : Filled)
      if (llvm::is_contained(Unfilled, V))
        return;
    llvm::sort(Filled);
    llvm::sort(Unfilled);
    O.Success = Filled;
    O.Failure = Unfilled.front();
  }
  AcquireSpec &A = TU.newAcquireSpec();
  A.Function = FD->getQualifiedNameAsString();
  A.HandleArg = (int)O.Param;
  A.Success = O.Success;
  A.Failure = O.Failure;
  if (O.Failure)
    A.ReleaseOnFailure = false; // not filled on those paths
  O.AsAcquire = &A;
  R.Summary.Outs.push_back(std::move(O));
}

std::unique_ptr<FunctionResult> analyzeFunction(TUAnalysis &TU,
                                                const FunctionDecl *FD) {
  auto R = std::make_unique<FunctionResult>();
  R->FD = FD;
  FunctionAnalyzer A(TU, FD, *R);
  A.run();
  return R;
}

} // namespace connleak
