//===--- CalleeOracle.cpp -------------------------------------------------===//
#include "connleak/analysis/CalleeOracle.h"
#include "connleak/analysis/Analysis.h"
#include "connleak/syntax/ConfigQueries.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace llvm;

namespace connleak {

bool whenHolds(ArrayRef<ArgCondition> When, const CallArgs &A,
               ASTContext &Ctx) {
  for (const ArgCondition &C : When)
    if (C.Arg >= A.Args.size() || !spelledAs(A.Args[C.Arg], C.Is, Ctx))
      return false;
  return true;
}

std::optional<int> argPosition(const CallArgs &A, const Expr *Arg) {
  if (Arg && A.Obj == Arg)
    return -1;
  for (unsigned I = 0; I < A.Args.size(); ++I)
    if (A.Args[I] == Arg)
      return (int)I;
  return std::nullopt;
}

static bool releasesWithDelete(const Family *F) {
  return llvm::any_of(F->Release, [](const ReleaseSpec &R) { return R.Delete; });
}

CallEffect callEffect(TUAnalysis &TU, const CallExpr *CE, int Pos,
                      const Family *F) {
  CallEffect Out;
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return Out;
  CallArgs A = callArgs(CE);
  const Expr *Arg = A.at(Pos);
  // Release and sink entries, and whether it is known at all (a borrow):
  // read only where a call receives a tracked handle.
  ArrayRef<CalleeRole> Roles =
      TU.roles(Callee, DepReleases | DepSinks | DepKnown);
  for (const CalleeRole &Role : Roles)
    if (Role.Kind == CalleeRole::Release && Role.R && Arg &&
        releasedArg(*Role.R, A) == Arg && (!F || Role.F == F) &&
        whenHolds(Role.R->When, A, TU.context())) {
      Out.Kind = ArgEffect::Release;
      if (!Out.Spec)
        Out.Spec = Role.R;
      if (!llvm::is_contained(Out.ReleasedAs, Role.F))
        Out.ReleasedAs.push_back(Role.F);
    }
  if (Out.Kind == ArgEffect::Release)
    return Out;
  // take-ownership is per family: curl_multi_add_handle(multi, easy) takes
  // the easy handle over and only borrows the multi handle.
  if (llvm::any_of(Roles, [&](const CalleeRole &R) {
        return R.Kind == CalleeRole::TakeOwnership && (!F || R.F == F);
      })) {
    Out.Kind = ArgEffect::Adopt;
    return Out;
  }
  // A `functions` entry: the arguments it lists in `sink` are stored or
  // handed on, whatever their family.
  if (Pos >= 0 && llvm::any_of(Roles, [&](const CalleeRole &R) {
        return R.Kind == CalleeRole::Uses && R.Fn &&
               llvm::is_contained(R.Fn->Sink, (unsigned)Pos);
      })) {
    Out.Kind = ArgEffect::Sink;
    return Out;
  }
  if (!Roles.empty()) {
    Out.Kind = ArgEffect::Borrow;
    return Out;
  }
  const FunctionSummary *Sum = TU.summary(Callee);
  if (!Sum)
    return Out;
  Out.Kind = ArgEffect::Borrow;
  if (Pos < 0 || (unsigned)Pos >= Sum->Params.size())
    return Out;
  switch (Sum->Params[Pos]) {
  case FunctionSummary::Release: {
    ArrayRef<const Family *> By = Sum->ReleasedBy[Pos];
    if (!F || llvm::is_contained(By, F) ||
        (llvm::is_contained(By, nullptr) && releasesWithDelete(F))) {
      Out.Kind = ArgEffect::Release;
      Out.ReleasedAs.assign(By.begin(), By.end());
      if (F)
        Out.ReleasedAs.assign(1, F);
    }
    return Out;
  }
  case FunctionSummary::Sink:
    Out.Kind = ArgEffect::Sink;
    return Out;
  case FunctionSummary::Borrow:
    return Out;
  }
  return Out;
}

std::pair<const AcquireSpec *, const Family *>
acquireRole(TUAnalysis &TU, const CallExpr *CE) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee)
    return {nullptr, nullptr};
  CallArgs A = callArgs(CE);
  for (const CalleeRole &Role : TU.roles(Callee, DepReturns))
    if (Role.Kind == CalleeRole::Acquire &&
        whenHolds(Role.A->When, A, TU.context()))
      return {Role.A, Role.F};
  return {nullptr, nullptr};
}

const PooledSessionSpec *pooledSessionFrom(const ModelSet &M, QualType T,
                                           ArrayRef<const Expr *> Args) {
  for (const PooledSessionSpec &P : M.pooledSessions()) {
    if (P.FromType.empty() || !typeMatches(T, P.Type))
      continue;
    for (const Expr *Arg : Args)
      if (typeMatches(Arg->getType(), P.FromType, true))
        return &P;
  }
  return nullptr;
}

const PooledSessionSpec *pooledSessionOfPool(const ModelSet &M,
                                             QualType PoolType) {
  for (const PooledSessionSpec &P : M.pooledSessions())
    if (!P.FromType.empty() && typeMatches(PoolType, P.FromType, true))
      return &P;
  return nullptr;
}

const PooledSessionSpec *pooledSessionDeclared(TUAnalysis &TU,
                                               const VarDecl *V) {
  if (!V->hasLocalStorage() || V->getType()->isReferenceType() || !V->getInit())
    return nullptr;
  const Expr *Init = V->getInit()->IgnoreImplicit();
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(Init))
    if (const PooledSessionSpec *P = pooledSessionFrom(
            TU.models(), V->getType(),
            ArrayRef<const Expr *>(CCE->getArgs(), CCE->getNumArgs())))
      return P;
  // Initialised from a checkout call, possibly through a converting
  // constructor: Poco::Data::Session s = pool.get().
  const CallExpr *Call = nullptr;
  for (const Stmt *S = Init; S && !Call;) {
    Call = dyn_cast<CallExpr>(S);
    const auto *CCE = dyn_cast<CXXConstructExpr>(S);
    S = CCE && CCE->getNumArgs() == 1 ? CCE->getArg(0)->IgnoreImplicit()
                                      : nullptr;
  }
  if (!Call || !Call->getDirectCallee())
    return nullptr;
  for (const PooledSessionSpec &P : TU.models().pooledSessions())
    if (!P.Function.empty() && typeMatches(V->getType(), P.Type) &&
        matchesPattern(P.Function, TU.qualifiedName(Call->getDirectCallee())))
      return &P;
  return nullptr;
}

} // namespace connleak
