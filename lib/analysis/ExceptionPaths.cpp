//===--- ExceptionPaths.cpp - exceptions while a handle is owned ----------===//
//
// Clang's CFG has no exception edges. Calls that can throw (clang-tidy's
// ExceptionAnalyzer, through TUAnalysis::canThrow) are recorded per owned
// site as throw points; at the end, a throw point is safe when every
// handler of the try statements around it releases the handle, or falls
// through to the releases after the try, and one of them catches
// everything. Handlers are read syntactically. A `throw` that no handler of
// the function catches leaves the function at the throw (handleThrow).
//
//===----------------------------------------------------------------------===//
#include "FunctionAnalyzer.h"
#include "connleak/analysis/CalleeOracle.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace llvm;

namespace connleak {

bool FunctionAnalyzer::callReleases(
    const CallExpr *CE, const Family *F,
    function_ref<bool(const Expr *)> Held) {
  if (!CE->getDirectCallee())
    return false;
  CallArgs A = callArgs(CE);
  for (int Pos = -1; Pos < (int)A.Args.size(); ++Pos) {
    const Expr *Arg = A.at(Pos);
    if (Arg && Held(Arg) &&
        callEffect(TU, CE, Pos, F).Kind == ArgEffect::Release)
      return true;
  }
  return false;
}

bool FunctionAnalyzer::inTryBlock(const Stmt *S) {
  const Stmt *Child = S;
  for (const Stmt *P = PM->getParent(S); P; Child = P, P = PM->getParent(P))
    if (const auto *Try = dyn_cast<CXXTryStmt>(P))
      if (Try->getTryBlock() == Child)
        return true;
  return false;
}

/// The call an exception from E is attributed to: the outermost call of
/// which E is (transitively) an argument.
const Expr *FunctionAnalyzer::throwPointOf(const Expr *E) {
  const Expr *Best = E;
  const Stmt *Child = E;
  for (const Stmt *P = PM->getParent(E); P; Child = P, P = PM->getParent(P)) {
    if (isTransparent(P))
      continue;
    if (const auto *CE = dyn_cast<CallExpr>(P)) {
      if (CE->getCallee() == Child)
        break;
      Best = CE;
      continue;
    }
    if (const auto *CCE = dyn_cast<CXXConstructExpr>(P)) {
      Best = CCE;
      continue;
    }
    break;
  }
  return Best;
}

std::string FunctionAnalyzer::calleeName(const Expr *E) {
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *F = CE->getDirectCallee())
      return F->getNameAsString();
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(E))
    return CCE->getConstructor()->getParent()->getNameAsString();
  return "";
}

/// True if the state owns a real (not summary) handle other than those in
/// Except, and, with PooledOnly, a pooled one. The exception and blocking
/// queries are asked only then: on real C++ code clang-tidy's
/// ExceptionAnalyzer is the most expensive part of the analysis, and most
/// calls happen while no handle is held.
bool FunctionAnalyzer::ownsHandle(const PathState &S, ArrayRef<unsigned> Except,
                bool PooledOnly) const {
  for (const auto &[I, St] : S.Status)
    if ((St & Owned) && !R.Sites[I].isPseudo() &&
        !llvm::is_contained(Except, I) &&
        (!PooledOnly || R.Sites[I].F->Pooled))
      return true;
  return false;
}

void FunctionAnalyzer::noteThrow(PathState &S, const Expr *E, ArrayRef<unsigned> Except) {
  for (const auto &[I, St] : S.Status) {
    if (!(St & Owned) || R.Sites[I].isPseudo() ||
        llvm::is_contained(Except, I))
      continue;
    const Expr *TP = throwPointOf(E);
    auto &L = Facts[I].Throws;
    auto It = llvm::find_if(L, [&](const ThrowPoint &T) { return T.E == TP; });
    if (It == L.end()) {
      if (L.size() >= 16)
        continue;
      L.push_back({TP, {}});
      It = L.end() - 1;
    }
    for (const auto &[V, Sites] : S.Bind)
      if (llvm::is_contained(Sites, I) && !llvm::is_contained(It->Vars, V))
        It->Vars.push_back(V);
  }
}

/// True if a handler of type H catches an exception object of type T.
bool FunctionAnalyzer::handlerMatches(QualType H, QualType T) {
  H = H.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  T = T.getCanonicalType().getUnqualifiedType();
  if (T->isArrayType())
    T = Ctx.getArrayDecayedType(T);
  else if (T->isFunctionType())
    T = Ctx.getPointerType(T);
  if (Ctx.hasSameUnqualifiedType(H, T))
    return true;
  auto DerivedFrom = [](QualType D, QualType B) {
    const auto *DR = D->getAsCXXRecordDecl();
    const auto *BR = B->getAsCXXRecordDecl();
    return DR && BR && DR->hasDefinition() && DR->isDerivedFrom(BR);
  };
  if (DerivedFrom(T, H))
    return true;
  if (H->isPointerType() && T->isPointerType()) {
    QualType HP = H->getPointeeType(), TP = T->getPointeeType();
    return HP->isVoidType() ||
           Ctx.hasSameUnqualifiedType(HP, TP) || DerivedFrom(TP, HP);
  }
  return false;
}

/// True if a handler of this function catches what the throw throws.
bool FunctionAnalyzer::caughtInFunction(const CXXThrowExpr *TE) {
  const Expr *Thrown = TE->getSubExpr();
  const Stmt *Child = TE;
  for (const Stmt *P = PM->getParent(TE); P; Child = P, P = PM->getParent(P)) {
    const auto *Try = dyn_cast<CXXTryStmt>(P);
    if (!Try || Try->getTryBlock() != Child)
      continue;
    for (unsigned H = 0; H < Try->getNumHandlers(); ++H) {
      const CXXCatchStmt *C = Try->getHandler(H);
      if (!C->getExceptionDecl())
        return true; // catch (...)
      // A rethrow (`throw;`) throws what the enclosing handler caught:
      // unknown here.
      if (Thrown && handlerMatches(C->getCaughtType(), Thrown->getType()))
        return true;
    }
  }
  return false;
}

/// True if the statement releases one of the variables with a release of
/// the site's family (or a local helper whose summary releases that
/// argument), or deletes one.
bool FunctionAnalyzer::releasesOneOf(const Stmt *St, const Family *F,
                   ArrayRef<const VarDecl *> Vars) {
  if (!St || isa<LambdaExpr>(St))
    return false;
  auto Held = [&](const Expr *E) {
    const VarDecl *V = varOf(E);
    return V && llvm::is_contained(Vars, V);
  };
  if (const auto *DE = dyn_cast<CXXDeleteExpr>(St))
    if (Held(DE->getArgument()) &&
        llvm::any_of(F->Release, [](const ReleaseSpec &R) { return R.Delete; }))
      return true;
  if (const auto *CE = dyn_cast<CallExpr>(St))
    if (callReleases(CE, F, Held))
      return true;
  for (const Stmt *C : St->children())
    if (releasesOneOf(C, F, Vars))
      return true;
  return false;
}

/// True if control can leave the handler other than by falling off its
/// end: return, throw, goto, or a break/continue of an outer loop.
bool FunctionAnalyzer::leavesEarly(const Stmt *St, bool InLoop) {
  if (!St || isa<LambdaExpr>(St))
    return false;
  if (isa<ReturnStmt, CXXThrowExpr, GotoStmt, IndirectGotoStmt,
          CoreturnStmt>(St))
    return true;
  if (isa<BreakStmt, ContinueStmt>(St))
    return !InLoop;
  bool Loop = InLoop || isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt,
                            SwitchStmt>(St);
  for (const Stmt *C : St->children())
    if (leavesEarly(C, Loop))
      return true;
  return false;
}

/// True if every handler of the try statements around the call makes an
/// exception from it safe for site I, and one of them catches everything.
/// A handler is safe if it releases the handle, or falls off its end to
/// the code after the try when every release of the handle is there. The
/// CFG has no exception edges, so handlers are read syntactically.
bool FunctionAnalyzer::caughtSafely(const ThrowPoint &T, unsigned I) {
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt *Child = T.E;
  for (const Stmt *P = PM->getParent(Child); P;
       Child = P, P = PM->getParent(P)) {
    const auto *Try = dyn_cast<CXXTryStmt>(P);
    if (!Try || Try->getTryBlock() != Child)
      continue;
    bool CatchAll = false;
    for (unsigned H = 0; H < Try->getNumHandlers(); ++H) {
      const CXXCatchStmt *C = Try->getHandler(H);
      bool Safe = releasesOneOf(C->getHandlerBlock(), R.Sites[I].F, T.Vars);
      if (!Safe && !leavesEarly(C->getHandlerBlock()))
        Safe = llvm::all_of(Facts[I].ReleaseLocs, [&](SourceLocation RL) {
          return SM.isBeforeInTranslationUnit(Try->getEndLoc(), RL);
        });
      if (!Safe)
        return false;
      CatchAll |= C->getExceptionDecl() == nullptr;
    }
    if (CatchAll)
      return true;
  }
  return false;
}

} // namespace connleak
