//===--- Events.cpp - statements and the state events they cause ----------===//
//
// The transfer function for everything but calls and `new` (Transfer.cpp):
// declarations, assignments, returns, throws, deletes, constructions,
// lambdas, and the events they cause on a path state: a release, a
// variable rebound (the old handle may lose its last holder), an exit with
// owned handles (a leak), an escape.
//
//===----------------------------------------------------------------------===//
#include "FunctionAnalyzer.h"
#include "connleak/analysis/CalleeOracle.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include <functional>

using namespace clang;
using namespace llvm;

namespace connleak {

/// True if the statement releases the variable with a modelled release.
bool FunctionAnalyzer::releasesVar(const Stmt *St, const VarDecl *V) {
  if (!St)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(St))
    if (callReleases(CE, /*F=*/nullptr,
                     [&](const Expr *Arg) { return varOf(Arg) == V; }))
      return true;
  for (const Stmt *C : St->children())
    if (releasesVar(C, V))
      return true;
  return false;
}

/// The lambda a guard object is given as its deleter: the lambda itself
/// (converted to a function pointer, or copied), or a local variable
/// initialised with one (`auto del = [&](T **p) {...};`).
static const LambdaExpr *deleterLambda(const Stmt *St) {
  if (!St)
    return nullptr;
  if (const auto *LE = dyn_cast<LambdaExpr>(St))
    return LE;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(St)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    return V && V->hasLocalStorage() && V->getInit()
               ? dyn_cast<LambdaExpr>(V->getInit()->IgnoreImplicit())
               : nullptr;
  }
  for (const Stmt *C : St->children())
    if (const LambdaExpr *LE = deleterLambda(C))
      return LE;
  return nullptr;
}

/// True if Body releases what the pointer parameter P points to
/// (`release(*p)`): a deleter or cleanup function given a variable's address.
bool FunctionAnalyzer::releasesPointee(const Stmt *Body, const ParmVarDecl *P) {
  if (!Body)
    return false;
  auto Pointee = [&](const Expr *Arg) {
    const auto *U = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
    if (!U || U->getOpcode() != UO_Deref)
      return false;
    const auto *D =
        dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts());
    return D && D->getDecl() == P;
  };
  if (const auto *CE = dyn_cast<CallExpr>(Body))
    if (callReleases(CE, /*F=*/nullptr, Pointee))
      return true;
  return llvm::any_of(Body->children(), [&](const Stmt *C) {
    return releasesPointee(C, P);
  });
}

void FunctionAnalyzer::collectGuarded(const Stmt *St) {
  if (!St)
    return;
  // The standard-library guard of the fix-its: an object built from the
  // variable's address and a deleter that releases what it points to,
  //   std::unique_ptr<T *, void (*)(T **)> h_guard(&h, [](T **p) { if (*p) release(*p); });
  // reads the variable when its scope ends, like a lambda that captures it.
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(St);
      CCE && CCE->getNumArgs() == 2)
    if (const VarDecl *V = addressOfVar(CCE->getArg(0)))
      if (const LambdaExpr *LE = deleterLambda(CCE->getArg(1)))
        if (const CXXMethodDecl *Op = LE->getCallOperator();
            Op && Op->getNumParams() == 1) {
          if (releasesPointee(LE->getBody(), Op->getParamDecl(0)))
            Guarded.insert(V);
        }
  // `T *h __attribute__((cleanup(f)));`: f(&h) runs at every exit of h's
  // scope. A cleanup function that releases `*p`, or whose body is not
  // visible here (it is handed the address, as an unknown callee would be),
  // owns the variable.
  if (const auto *DS = dyn_cast<DeclStmt>(St))
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D))
        if (const auto *CA = V->getAttr<CleanupAttr>())
          if (const FunctionDecl *Fn = CA->getFunctionDecl();
              Fn && Fn->getNumParams() == 1) {
            const FunctionDecl *Def = nullptr;
            if (!Fn->hasBody(Def) || !Def ||
                releasesPointee(Def->getBody(), Def->getParamDecl(0)))
              Guarded.insert(V);
          }
  // A block that captures a `__block` variable and releases it, clang's
  // form of Asterisk's RAII_VAR (the block is run by a cleanup attribute),
  // like a lambda that captures by reference.
  if (const auto *BE = dyn_cast<BlockExpr>(St)) {
    for (const BlockDecl::Capture &C : BE->getBlockDecl()->captures())
      if (C.isByRef())
        if (const VarDecl *V = C.getVariable())
          if (releasesVar(BE->getBody(), V))
            Guarded.insert(V);
    return;
  }
  if (const auto *LE = dyn_cast<LambdaExpr>(St)) {
    for (const LambdaCapture &C : LE->captures())
      if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
        if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar()))
          if (releasesVar(LE->getBody(), V))
            Guarded.insert(V);
    return;
  }
  for (const Stmt *C : St->children())
    collectGuarded(C);
}

unsigned FunctionAnalyzer::newSite(Site S) {
  R.Sites.push_back(std::move(S));
  Facts.emplace_back();
  return R.Sites.size() - 1;
}

void FunctionAnalyzer::setStatus(PathState &S, unsigned Idx, uint8_t V) {
  S.setStatus(Idx, V);
  Facts[Idx].EverStatus |= V;
}

void FunctionAnalyzer::leak(unsigned Idx, LeakExit E) {
  if (R.Sites[Idx].isPseudo())
    return;
  auto &V = Facts[Idx].Exits;
  for (const LeakExit &X : V)
    if (X.Loc == E.Loc && X.Kind == E.Kind)
      return;
  V.push_back(std::move(E));
}

bool FunctionAnalyzer::compatible(unsigned Idx, const Family *F, bool IsDelete) {
  const Site &S = R.Sites[Idx];
  if (S.isPseudo())
    return true;
  if (IsDelete)
    return llvm::any_of(S.F->Release,
                        [](const ReleaseSpec &R) { return R.Delete; });
  return S.F == F;
}

void FunctionAnalyzer::escapeVar(PathState &S, const VarDecl *V) {
  if (const SiteSet *Sites = S.sitesOf(V))
    for (uint16_t I : *Sites)
      if (S.status(I) & Owned)
        setStatus(S, I, (S.status(I) & ~Owned) | Escaped);
}

void FunctionAnalyzer::release(PathState &S, unsigned Idx, const Family *By, const Expr *At) {
  uint8_t St = S.status(Idx);
  if (St & Owned) {
    // Handles made from this one that are still owned here outlive it.
    for (const auto &[C, CSt] : S.Status)
      if ((CSt & Owned) && C != Idx)
        for (const auto &[P, V] : Facts[C].Parents)
          if (P == Idx && !R.Sites[C].ParentReleasedFirst)
            R.Sites[C].ParentReleasedFirst = V;
    setStatus(S, Idx, (St & ~Owned) | Released);
  }
  if (!llvm::is_contained(Facts[Idx].ReleaseLocs, At->getBeginLoc()))
    Facts[Idx].ReleaseLocs.push_back(At->getBeginLoc());
  if (!llvm::is_contained(Facts[Idx].ReleasedBy, By))
    Facts[Idx].ReleasedBy.push_back(By);
}

SourceLocation FunctionAnalyzer::scopeEndLoc(const Stmt *S) {
  for (const Stmt *P = PM->getParent(S); P; P = PM->getParent(P))
    if (const auto *CS = dyn_cast<CompoundStmt>(P))
      return CS->getRBracLoc();
  return S->getEndLoc();
}

/// Rebinds V, reporting sites that lose their last holder while owned.
void FunctionAnalyzer::rebind(PathState &S, const VarDecl *V, const SiteSet &NewSites,
            const Stmt *At, ExitKind K) {
  if (const SiteSet *Old = S.sitesOf(V)) {
    SiteSet OldCopy = *Old;
    for (uint16_t I : OldCopy) {
      if (llvm::is_contained(NewSites, I))
        continue;
      if ((S.status(I) & Owned) && !S.heldByOther(I, V)) {
        SourceLocation Loc = K == ExitKind::ScopeEnd ? scopeEndLoc(At)
                                                     : At->getBeginLoc();
        leak(I, {Loc, K, V->getNameAsString()});
        setStatus(S, I, 0);
      }
    }
  }
  S.bindVar(V, NewSites);
}

/// A return from main() ends the process, like exit(): the operating
/// system closes what is still open (LeakExit::AtProcessExit).
bool FunctionAnalyzer::atProcessExit(ExitKind K, const Stmt *Trigger) const {
  if (!FD->isMain())
    return false;
  switch (K) {
  case ExitKind::Return:
  case ExitKind::EndOfFunction:
    return true;
  case ExitKind::ScopeEnd: // a local's scope closed by `return` in main
    return isa_and_nonnull<ReturnStmt>(Trigger);
  default:
    return false;
  }
}

void FunctionAnalyzer::atExit(PathState &S, SourceLocation Loc, ExitKind K) {
  auto Copy = S.Status;
  for (const auto &[I, St] : Copy) {
    Facts[I].ExitBits |= St;
    if ((St & Owned) && !R.Sites[I].isPseudo()) {
      leak(I, {Loc, K, "", atProcessExit(K, nullptr)});
      setStatus(S, I, 0);
    }
  }
}

void FunctionAnalyzer::handleDelete(const CXXDeleteExpr *DE, PathState &S) {
  const VarDecl *V = varOf(DE->getArgument());
  if (!V)
    return;
  if (const SiteSet *Sites = S.sitesOf(V)) {
    SiteSet Copy = *Sites;
    for (uint16_t I : Copy)
      if (compatible(I, nullptr, true))
        release(S, I, nullptr, DE);
  }
}

void FunctionAnalyzer::handleConstruct(const CXXConstructExpr *CCE, PathState &S) {
  if (IsCXX && ownsHandle(S, {}) && TU.canThrow(CCE, CCE->getConstructor()))
    noteThrow(S, CCE, {});
  for (const Expr *Arg : CCE->arguments()) {
    if (const VarDecl *V = addressOfVar(Arg)) {
      setVal(S.Vals, V, std::nullopt);
      escapeVar(S, V);
      continue;
    }
    if (const VarDecl *V = varOf(Arg))
      escapeVar(S, V); // adopted by an owning object
  }
}

void FunctionAnalyzer::handleDecl(const DeclStmt *DS, PathState &S) {
  for (const Decl *D : DS->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || !VD->hasLocalStorage())
      continue;
    const Expr *Init = VD->getInit();
    if (!Init) {
      rebind(S, VD, {}, DS, ExitKind::ScopeEnd);
      setVal(S.Vals, VD, std::nullopt);
      continue;
    }
    const Expr *SI = strip(Init);
    if (isReturnAcquire(SI))
      continue; // bound by the acquisition itself
    if (VD->getType()->isReferenceType())
      continue;
    if (const auto *ILE = dyn_cast<InitListExpr>(SI);
        ILE && ILE->getNumInits() == 1 && isReturnAcquire(strip(ILE->getInit(0))))
      continue; // T *c{acquire()}
    if (copyHandle(S, VD, localVar(SI), DS, ExitKind::ScopeEnd))
      continue;
    rebind(S, VD, {}, DS, ExitKind::ScopeEnd);
    setVal(S.Vals, VD, evaluate(Init, env(S)));
  }
}

/// `T *v = src;` or `v = src;` with src holding handles: v holds them too,
/// with src's value. Returns false when src holds none.
bool FunctionAnalyzer::copyHandle(PathState &S, const VarDecl *V,
                                  const VarDecl *Src, const Stmt *At,
                                  ExitKind K) {
  const SiteSet *Sites = Src ? S.sitesOf(Src) : nullptr;
  if (!Sites)
    return false;
  SiteSet Copy = *Sites;
  rebind(S, V, Copy, At, K);
  const Val *X = lookupVal(S.Vals, Src);
  setVal(S.Vals, V, X ? std::optional<Val>(*X) : std::nullopt);
  return true;
}

/// The value of a chain of assignments: `a = b = x` stores the value of `b`
/// after the inner assignment, so the outer store copies (or lets escape)
/// what `b` holds. Returns the innermost target (`b`), or E itself.
static const Expr *chainedValue(const Expr *E) {
  while (const auto *In = dyn_cast_or_null<BinaryOperator>(E)) {
    if (In->getOpcode() != BO_Assign)
      break;
    E = strip(In->getLHS());
  }
  return E;
}

void FunctionAnalyzer::handleAssign(const BinaryOperator *BO, PathState &S) {
  const Expr *RHS = strip(BO->getRHS());
  // `config.last = r = (redisReply *)o;`: the inner assignment was
  // processed first (the CFG evaluates it before the outer store).
  const Expr *Stored = chainedValue(RHS);
  if (const VarDecl *V = localVar(BO->getLHS())) {
    if (isReturnAcquire(RHS))
      return; // bound by the acquisition itself
    if (copyHandle(S, V, localVar(Stored), BO, ExitKind::Overwrite))
      return;
    if (const auto *CO = dyn_cast<ConditionalOperator>(RHS)) {
      if (const VarDecl *A = varOf(CO->getTrueExpr()))
        escapeVar(S, A);
      if (const VarDecl *B = varOf(CO->getFalseExpr()))
        escapeVar(S, B);
    }
    rebind(S, V, {}, BO, ExitKind::Overwrite);
    setVal(S.Vals, V, evaluate(BO->getRHS(), env(S)));
    return;
  }
  // Stored into a field, a global, an array or through a pointer.
  if (outSlotOf(BO->getLHS(), /*Deref=*/true) >= 0 && !isReturnAcquire(RHS)) {
    SmallVector<unsigned, 2> Sites;
    if (const VarDecl *Src = localVar(Stored))
      if (const SiteSet *Ss = S.sitesOf(Src))
        for (uint16_t I : *Ss)
          if ((S.status(I) & Owned) && !R.Sites[I].isPseudo())
            Sites.push_back(I);
    storeOut(S, BO->getLHS(), Sites);
  }
  if (const VarDecl *Src = localVar(Stored))
    escapeVar(S, Src);
}

int FunctionAnalyzer::outSlotOf(const Expr *E, bool Deref) {
  if (OutSlots.empty() || !E)
    return -1;
  E = E->IgnoreParenImpCasts();
  if (Deref) {
    const auto *UO = dyn_cast<UnaryOperator>(E);
    if (!UO || UO->getOpcode() != UO_Deref)
      return -1;
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  auto It = P ? OutSlots.find(P) : OutSlots.end();
  return It == OutSlots.end() ? -1 : (int)It->second;
}

void FunctionAnalyzer::storeOut(PathState &S, const Expr *LHS,
                                ArrayRef<unsigned> Sites) {
  int Slot = outSlotOf(LHS, /*Deref=*/true);
  if (Slot < 0)
    return;
  if (Sites.empty()) {
    // *out = NULL, or a value that is not a handle acquired here.
    const Expr *RHS = nullptr;
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(
            PM->getParentIgnoreParenCasts(LHS)))
      RHS = BO->getRHS();
    if (RHS && !isNullConstant(strip(RHS), Ctx))
      Facts[Slot].OutMixed = true;
    setStatus(S, Slot, 0);
    return;
  }
  for (unsigned I : Sites)
    if (!llvm::is_contained(Facts[Slot].OutFamilies, R.Sites[I].F))
      Facts[Slot].OutFamilies.push_back(R.Sites[I].F);
  setStatus(S, Slot, Owned);
}

void FunctionAnalyzer::recordOutExits(const PathState &S,
                                      std::optional<int64_t> Ret) {
  for (const auto &[P, Slot] : OutSlots) {
    auto &X = Facts[Slot].OutExits;
    std::pair<bool, std::optional<int64_t>> E{
        (S.status(Slot) & Owned) != 0, Ret};
    if (!llvm::is_contained(X, E))
      X.push_back(E);
  }
}

void FunctionAnalyzer::handleReturn(const ReturnStmt *RS, PathState &S) {
  if (!OutSlots.empty() && !FD->getReturnType()->isVoidType()) {
    std::optional<int64_t> Ret;
    if (const Expr *RV = RS->getRetValue())
      if (std::optional<Val> X = evaluate(RV, env(S)); X && X->Kind == Val::Int && !X->Big)
        Ret = X->V;
    recordOutExits(S, Ret);
  }
  if (const Expr *RV = RS->getRetValue()) {
    const Expr *SRV = strip(RV);
    bool PtrRet = FD->getReturnType()->isPointerType();
    if (isReturnAcquire(SRV)) {
      // Returned directly; recorded by the acquisition.
    } else if (const VarDecl *V = localVar(SRV); V && S.sitesOf(V)) {
      bool Fresh = false;
      for (uint16_t I : *S.sitesOf(V)) {
        uint8_t St = S.status(I);
        if (St & Owned) {
          setStatus(S, I, (St & ~Owned) | Escaped);
          if (!R.Sites[I].isPseudo()) {
            Facts[I].Returned = true;
            Fresh = true;
          }
        }
        if (St & Null)
          ReturnsNull = true;
      }
      if (!Fresh && PtrRet)
        ReturnsOther |= !(llvm::all_of(*S.sitesOf(V), [&](uint16_t I) {
          return S.status(I) == Null;
        }));
    } else if (isNullConstant(SRV, Ctx)) {
      ReturnsNull = true;
    } else if (const VarDecl *V = localVar(SRV)) {
      const Val *X = lookupVal(S.Vals, V);
      if (X && X->Kind == Val::Int && X->V == 0)
        ReturnsNull = true;
      else if (PtrRet)
        ReturnsOther = true;
    } else if (PtrRet) {
      ReturnsOther = true;
    }
  }
  atExit(S, RS->getBeginLoc(), ExitKind::Return);
}

void FunctionAnalyzer::handleThrow(const CXXThrowExpr *TE, PathState &S) {
  // An exception no handler here catches leaves the function at the
  // throw. (The CFG's edge from the try's dispatch block to the exit,
  // "not caught", is not followed: this takes its place.)
  if (!inTryBlock(TE) || !caughtInFunction(TE))
    atExit(S, TE->getBeginLoc(), ExitKind::Throw);
}

/// `v++`, `v += 2`: a known integer stays known (counters used as flags).
void FunctionAnalyzer::updateVal(const Expr *Update, const VarDecl *V,
                                 PathState &S) {
  std::optional<Val> After;
  if (const Val *Before = lookupVal(S.Vals, V))
    After = valueAfterUpdate(Update, *Before, env(S));
  setVal(S.Vals, V, After);
}

/// `v++`, `&v` outside a call: the value of v is no longer known, and a
/// handle whose address is taken may be released through it.
void FunctionAnalyzer::handleAddressOf(const UnaryOperator *UO, PathState &S) {
  if (UO->isIncrementDecrementOp()) {
    if (const VarDecl *V = localVar(UO->getSubExpr()))
      updateVal(UO, V, S);
  } else if (UO->getOpcode() == UO_AddrOf) {
    if (const VarDecl *V = localVar(UO->getSubExpr())) {
      const Stmt *P = PM->getParentIgnoreParenCasts(UO);
      if (!isa_and_nonnull<CallExpr, CXXConstructExpr>(P)) {
        setVal(S.Vals, V, std::nullopt);
        escapeVar(S, V);
      }
    }
  }
}

void FunctionAnalyzer::transfer(const Stmt *St, PathState &S, SmallVectorImpl<PathState> &Out) {
  if (const auto *CE = dyn_cast<CallExpr>(St)) {
    handleCall(CE, S, Out);
    return;
  }
  if (const auto *NE = dyn_cast<CXXNewExpr>(St)) {
    handleNew(NE, S, Out);
    return;
  }
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(St))
    handleConstruct(CCE, S);
  else if (const auto *DE = dyn_cast<CXXDeleteExpr>(St))
    handleDelete(DE, S);
  else if (const auto *DS = dyn_cast<DeclStmt>(St))
    handleDecl(DS, S);
  else if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    if (BO->getOpcode() == BO_Assign)
      handleAssign(BO, S);
    else if (BO->isCompoundAssignmentOp())
      if (const VarDecl *V = localVar(BO->getLHS()))
        updateVal(BO, V, S);
  } else if (const auto *UO = dyn_cast<UnaryOperator>(St)) {
    handleAddressOf(UO, S);
  } else if (const auto *RS = dyn_cast<ReturnStmt>(St))
    handleReturn(RS, S);
  else if (const auto *TE = dyn_cast<CXXThrowExpr>(St))
    handleThrow(TE, S);
  else if (const auto *LE = dyn_cast<LambdaExpr>(St)) {
    for (const LambdaCapture &C : LE->captures())
      if (C.capturesVariable())
        if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar()))
          escapeVar(S, V);
  } else if (const auto *ILE = dyn_cast<InitListExpr>(St)) {
    for (const Expr *E : ILE->inits())
      if (const VarDecl *V = varOf(E))
        escapeVar(S, V);
  }
  Out.push_back(std::move(S));
}

/// A local variable's scope closes: its handle leaks if nothing else holds
/// it, and its value facts are forgotten.
void FunctionAnalyzer::lifetimeEnds(const CFGLifetimeEnds &LE, PathState &S) {
  const VarDecl *V = LE.getVarDecl();
  setVal(S.Vals, V, std::nullopt);
  const SiteSet *Sites = S.sitesOf(V);
  if (!Sites)
    return;
  const Stmt *Trigger = LE.getTriggerStmt();
  SourceLocation Loc;
  ExitKind K = ExitKind::ScopeEnd;
  if (Trigger && isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(Trigger))
    Loc = Trigger->getBeginLoc();
  else if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Trigger)) {
    Loc = CS->getRBracLoc();
    if (CS == FD->getBody())
      K = ExitKind::EndOfFunction;
  } else
    Loc = scopeEndLoc(V->getInit() ? (const Stmt *)V->getInit() : Trigger);
  SiteSet Copy = *Sites;
  for (uint16_t I : Copy)
    if ((S.status(I) & Owned) && !S.heldByOther(I, V)) {
      if (K == ExitKind::EndOfFunction)
        Facts[I].ExitBits |= S.status(I);
      leak(I, {Loc, K, V->getNameAsString(), atProcessExit(K, Trigger)});
      setStatus(S, I, 0);
    }
  S.bindVar(V, {});
}

} // namespace connleak
