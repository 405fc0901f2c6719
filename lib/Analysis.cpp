//===--- Analysis.cpp - the connleak flow analysis ------------------------===//
//
// One forward pass over a function's CFG. The abstract state is
//   - per acquisition site, a bit set of {Owned, Released, Null, Escaped};
//   - which local variables hold which sites;
//   - known values of scalar locals (flags, status codes, null-ness).
// States are kept apart per block by their property part (site statuses and
// bindings) and their value facts are intersected when the property parts are
// equal: the ESP scheme (Das, Lerner, Seigle, PLDI 2002). Branches whose
// condition evaluates to a constant under a state are pruned, which removes
// the false positives of correlated branches (an `owned` flag, a status code
// saved from the acquire call). See docs/design.md.
//
//===----------------------------------------------------------------------===//
#include "connleak/Analysis.h"
#include "Evaluator.h"
#include "connleak/Config.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/PostOrderIterator.h"
#include <algorithm>
#include <queue>

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

namespace {

enum : uint8_t { Owned = 1, Released = 2, Null = 4, Escaped = 8 };

using SiteSet = SmallVector<uint16_t, 2>;

struct AbsState {
  /// Sparse, sorted (site, status) pairs: only sites that matter on this path.
  SmallVector<std::pair<uint16_t, uint8_t>, 4> Status;
  SmallVector<std::pair<const VarDecl *, SiteSet>, 4> Bind; // sorted by var
  VarVals Vals;
  ExprValList ExprVals; // facts of the current block only
  bool Dirty = true;

  uint8_t status(unsigned S) const {
    auto It = std::lower_bound(
        Status.begin(), Status.end(), S,
        [](const auto &P, unsigned X) { return P.first < X; });
    return It != Status.end() && It->first == S ? It->second : 0;
  }
  void setStatus(unsigned S, uint8_t V) {
    auto It = std::lower_bound(
        Status.begin(), Status.end(), S,
        [](const auto &P, unsigned X) { return P.first < X; });
    bool Found = It != Status.end() && It->first == S;
    if (V == 0) {
      if (Found)
        Status.erase(It);
      return;
    }
    if (Found)
      It->second = V;
    else
      Status.insert(It, {static_cast<uint16_t>(S), V});
  }
  const SiteSet *sitesOf(const VarDecl *V) const {
    auto It = std::lower_bound(
        Bind.begin(), Bind.end(), V,
        [](const auto &P, const VarDecl *X) { return P.first < X; });
    return It != Bind.end() && It->first == V && !It->second.empty()
               ? &It->second
               : nullptr;
  }
  void bindVar(const VarDecl *V, const SiteSet &Sites) {
    auto It = std::lower_bound(
        Bind.begin(), Bind.end(), V,
        [](const auto &P, const VarDecl *X) { return P.first < X; });
    bool Found = It != Bind.end() && It->first == V;
    if (Sites.empty()) {
      if (Found)
        Bind.erase(It);
      return;
    }
    if (Found)
      It->second = Sites;
    else
      Bind.insert(It, {V, Sites});
  }
  bool heldByOther(unsigned S, const VarDecl *Except) const {
    for (const auto &[V, Sites] : Bind)
      if (V != Except && llvm::is_contained(Sites, S))
        return true;
    return false;
  }
  bool sameKey(const AbsState &O) const {
    return Status == O.Status && Bind == O.Bind;
  }
  /// Least upper bound of the property parts (used past the state cap).
  bool joinFrom(const AbsState &O) {
    bool Changed = false;
    for (const auto &[I, St] : O.Status) {
      uint8_t New = status(I) | St;
      if (New != status(I)) {
        setStatus(I, New);
        Changed = true;
      }
    }
    for (const auto &[V, Sites] : O.Bind) {
      SiteSet Merged;
      if (const SiteSet *Mine = sitesOf(V))
        Merged = *Mine;
      for (uint16_t S : Sites)
        if (!llvm::is_contained(Merged, S)) {
          Merged.push_back(S);
          Changed = true;
        }
      llvm::sort(Merged);
      bindVar(V, Merged);
    }
    Changed |= intersectVals(Vals, O.Vals);
    return Changed;
  }
};

/// Strips parentheses, casts and temporaries that do not change which object
/// an expression denotes.
const Expr *strip(const Expr *E) {
  while (E) {
    const Expr *Prev = E;
    E = E->IgnoreParens();
    if (const auto *C = dyn_cast<CastExpr>(E)) {
      if (C->getCastKind() == CK_ToVoid)
        return E;
      E = C->getSubExpr();
    } else if (const auto *EWC = dyn_cast<ExprWithCleanups>(E)) {
      E = EWC->getSubExpr();
    } else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MTE->getSubExpr();
    } else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = BTE->getSubExpr();
    } else if (const auto *CE = dyn_cast<ConstantExpr>(E)) {
      E = CE->getSubExpr();
    } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
      // std::move / std::forward of a raw handle is the handle itself.
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Call->isCallToStdMove() ||
          (Callee && Call->getNumArgs() == 1 && Callee->getIdentifier() &&
           Callee->getIdentifier()->isStr("forward") &&
           Callee->isInStdNamespace()))
        E = Call->getArg(0);
    }
    if (E == Prev)
      return E;
  }
  return E;
}

bool isTransparent(const Stmt *S) {
  if (const auto *C = dyn_cast<CastExpr>(S))
    return C->getCastKind() != CK_ToVoid;
  return isa<ParenExpr, ExprWithCleanups, MaterializeTemporaryExpr,
             CXXBindTemporaryExpr, ConstantExpr>(S);
}

const VarDecl *localVar(const Expr *E) {
  if (!E)
    return nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->hasLocalStorage() && !VD->getType()->isReferenceType())
        return VD;
  return nullptr;
}

const VarDecl *varOf(const Expr *E) { return localVar(strip(E)); }

/// `&v` of a local variable.
const VarDecl *addressOfVar(const Expr *E) {
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(strip(E)))
    if (UO->getOpcode() == UO_AddrOf)
      return localVar(UO->getSubExpr());
  return nullptr;
}

/// The object and arguments of a call, with the implicit object separate.
struct CallArgs {
  const Expr *Obj = nullptr;
  SmallVector<const Expr *, 6> Args;
};

CallArgs callArgs(const CallExpr *CE) {
  CallArgs A;
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
    A.Obj = MCE->getImplicitObjectArgument();
    for (const Expr *E : MCE->arguments())
      A.Args.push_back(E);
    return A;
  }
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE)) {
    if (isa_and_nonnull<CXXMethodDecl>(OCE->getDirectCallee()) &&
        OCE->getNumArgs() > 0) {
      A.Obj = OCE->getArg(0);
      for (unsigned I = 1; I < OCE->getNumArgs(); ++I)
        A.Args.push_back(OCE->getArg(I));
      return A;
    }
  }
  for (const Expr *E : CE->arguments())
    A.Args.push_back(E);
  return A;
}

/// The argument a release entry takes the handle from (the object for
/// `handle: this`), or null if the call has too few arguments.
const Expr *releasedArg(const ReleaseSpec &R, const CallArgs &A) {
  if (R.HandleArg < 0)
    return A.Obj;
  return (unsigned)R.HandleArg < A.Args.size() ? A.Args[R.HandleArg] : nullptr;
}

enum class Dest { Var, Escape, Release, Lost, Returned };

class FunctionAnalyzer {
public:
  FunctionAnalyzer(TUAnalysis &TU, const FunctionDecl *FD, FunctionResult &R)
      : TU(TU), Ctx(TU.context()), FD(FD), R(R),
        IsCXX(Ctx.getLangOpts().CPlusPlus && Ctx.getLangOpts().CXXExceptions) {
  }

  void run();

private:
  TUAnalysis &TU;
  ASTContext &Ctx;
  const FunctionDecl *FD;
  FunctionResult &R;
  bool IsCXX;
  std::unique_ptr<CFG> Cfg;
  std::unique_ptr<ParentMap> PM;
  const CFGBlock *CurBlock = nullptr;
  DenseMap<const Expr *, unsigned> SiteOf;
  std::vector<std::vector<AbsState>> In;
  std::vector<unsigned> RPO;
  std::vector<const CFGBlock *> ById;
  std::priority_queue<std::pair<unsigned, unsigned>,
                      std::vector<std::pair<unsigned, unsigned>>,
                      std::greater<>>
      Queue;
  BitVector Queued;
  unsigned Visits = 0;
  bool Aborted = false;

  // Per-site accumulators.
  std::vector<SmallVector<LeakExit, 4>> Exits;
  std::vector<uint8_t> ExitBits;
  std::vector<uint8_t> EverStatus;
  /// Calls that may throw while the site is owned, with the variables that
  /// hold it there (a catch handler that releases one of them protects it).
  struct ThrowPoint {
    const Expr *E;
    SmallVector<const VarDecl *, 2> Vars;
  };
  std::vector<SmallVector<ThrowPoint, 2>> Throws;
  /// Per site: the sites it was made from, with the variable holding each.
  std::vector<SmallVector<std::pair<uint16_t, const VarDecl *>, 2>> Parents;
  std::vector<SmallVector<SourceLocation, 2>> ReleaseLocs;
  std::vector<SmallVector<const Family *, 1>> ReleasedBy;
  std::vector<bool> ReturnedSite;
  bool ReturnsNull = false, ReturnsOther = false;
  DenseSet<std::pair<const Expr *, unsigned>> HeldSeen;
  /// Variables released by a scope guard: captured by reference by a lambda
  /// that releases them (auto g = scope_exit([&] { close(h); })). A handle
  /// stored in one is owned by the guard, also when it is stored after the
  /// guard was declared (an out-parameter acquisition).
  DenseSet<const VarDecl *> Guarded;

  /// True if the statement releases the variable with a modelled release.
  bool releasesVar(const Stmt *St, const VarDecl *V) {
    if (!St)
      return false;
    if (const auto *CE = dyn_cast<CallExpr>(St))
      if (const FunctionDecl *Callee = CE->getDirectCallee())
        for (const CalleeRole &Role : TU.roles(Callee))
          if (Role.Kind == CalleeRole::Release && Role.R) {
            const Expr *H = releasedArg(*Role.R, callArgs(CE));
            if (H && localVar(H) == V)
              return true;
          }
    for (const Stmt *C : St->children())
      if (releasesVar(C, V))
        return true;
    return false;
  }

  void collectGuarded(const Stmt *St) {
    if (!St)
      return;
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

  unsigned newSite(Site S) {
    R.Sites.push_back(std::move(S));
    Exits.emplace_back();
    ExitBits.push_back(0);
    EverStatus.push_back(0);
    Throws.emplace_back();
    Parents.emplace_back();
    ReleaseLocs.emplace_back();
    ReleasedBy.emplace_back();
    ReturnedSite.push_back(false);
    return R.Sites.size() - 1;
  }

  void setStatus(AbsState &S, unsigned Idx, uint8_t V) {
    S.setStatus(Idx, V);
    EverStatus[Idx] |= V;
  }

  EvalEnv env(const AbsState &S) { return EvalEnv{Ctx, S.Vals, S.ExprVals}; }

  void enqueue(const CFGBlock *B) {
    unsigned Id = B->getBlockID();
    if (Queued[Id])
      return;
    Queued.set(Id);
    Queue.push({RPO[Id], Id});
  }

  void leak(unsigned Idx, LeakExit E) {
    if (R.Sites[Idx].isPseudo())
      return;
    auto &V = Exits[Idx];
    for (const LeakExit &X : V)
      if (X.Loc == E.Loc && X.Kind == E.Kind)
        return;
    V.push_back(std::move(E));
  }

  bool compatible(unsigned Idx, const Family *F, bool IsDelete) {
    const Site &S = R.Sites[Idx];
    if (S.isPseudo())
      return true;
    if (IsDelete)
      return llvm::any_of(S.F->Release,
                          [](const ReleaseSpec &R) { return R.Delete; });
    return S.F == F;
  }

  // ---- events -----------------------------------------------------------
  void escapeVar(AbsState &S, const VarDecl *V) {
    if (const SiteSet *Sites = S.sitesOf(V))
      for (uint16_t I : *Sites)
        if (S.status(I) & Owned)
          setStatus(S, I, (S.status(I) & ~Owned) | Escaped);
  }

  void release(AbsState &S, unsigned Idx, const Family *By, const Expr *At) {
    uint8_t St = S.status(Idx);
    if (St & Owned) {
      // Handles made from this one that are still owned here outlive it.
      for (const auto &[C, CSt] : S.Status)
        if ((CSt & Owned) && C != Idx)
          for (const auto &[P, V] : Parents[C])
            if (P == Idx && !R.Sites[C].ParentReleasedFirst)
              R.Sites[C].ParentReleasedFirst = V;
      setStatus(S, Idx, (St & ~Owned) | Released);
    }
    if (!llvm::is_contained(ReleaseLocs[Idx], At->getBeginLoc()))
      ReleaseLocs[Idx].push_back(At->getBeginLoc());
    if (!llvm::is_contained(ReleasedBy[Idx], By))
      ReleasedBy[Idx].push_back(By);
  }

  SourceLocation scopeEndLoc(const Stmt *S) {
    for (const Stmt *P = PM->getParent(S); P; P = PM->getParent(P))
      if (const auto *CS = dyn_cast<CompoundStmt>(P))
        return CS->getRBracLoc();
    return S->getEndLoc();
  }

  /// Rebinds V, reporting sites that lose their last holder while owned.
  void rebind(AbsState &S, const VarDecl *V, const SiteSet &NewSites,
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

  void atExit(AbsState &S, SourceLocation Loc, ExitKind K) {
    auto Copy = S.Status;
    for (const auto &[I, St] : Copy) {
      ExitBits[I] |= St;
      if ((St & Owned) && !R.Sites[I].isPseudo()) {
        leak(I, {Loc, K, ""});
        setStatus(S, I, 0);
      }
    }
  }

  bool inTryBlock(const Stmt *S) {
    const Stmt *Child = S;
    for (const Stmt *P = PM->getParent(S); P; Child = P, P = PM->getParent(P))
      if (const auto *Try = dyn_cast<CXXTryStmt>(P))
        if (Try->getTryBlock() == Child)
          return true;
    return false;
  }

  /// The call an exception from E is attributed to: the outermost call of
  /// which E is (transitively) an argument.
  const Expr *throwPointOf(const Expr *E) {
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

  std::string calleeName(const Expr *E) {
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
  bool ownsHandle(const AbsState &S, ArrayRef<unsigned> Except,
                  bool PooledOnly = false) const {
    for (const auto &[I, St] : S.Status)
      if ((St & Owned) && !R.Sites[I].isPseudo() &&
          !llvm::is_contained(Except, I) &&
          (!PooledOnly || R.Sites[I].F->Pooled))
        return true;
    return false;
  }

  void noteThrow(AbsState &S, const Expr *E, ArrayRef<unsigned> Except) {
    for (const auto &[I, St] : S.Status) {
      if (!(St & Owned) || R.Sites[I].isPseudo() ||
          llvm::is_contained(Except, I))
        continue;
      const Expr *TP = throwPointOf(E);
      auto &L = Throws[I];
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

  void noteBlocking(AbsState &S, const CallExpr *CE) {
    for (const auto &[I, Bits] : S.Status) {
      const Site &St = R.Sites[I];
      if (!(Bits & Owned) || St.isPseudo() || !St.F->Pooled)
        continue;
      if (HeldSeen.insert({CE, I}).second) {
        HeldReport H;
        H.Call = CE;
        const FunctionDecl *Callee = CE->getDirectCallee();
        H.CallName = Callee ? TU.qualifiedName(Callee).str() : "call";
        H.SiteIdx = I;
        R.Held.push_back(H);
      }
    }
  }

  bool whenHolds(ArrayRef<ArgCondition> When, const CallArgs &A) {
    for (const ArgCondition &C : When)
      if (C.Arg >= A.Args.size() || !spelledAs(A.Args[C.Arg], C.Is, Ctx))
        return false;
    return true;
  }

  bool isReturnAcquire(const Expr *E) {
    auto It = SiteOf.find(E);
    if (It != SiteOf.end())
      return !R.Sites[It->second].OutParam;
    // c ? acquire() : NULL: the branch that acquires bound the variable.
    if (const auto *CO = dyn_cast_or_null<ConditionalOperator>(E))
      return isReturnAcquire(strip(CO->getTrueExpr())) ||
             isReturnAcquire(strip(CO->getFalseExpr()));
    return false;
  }

  /// Where the value of a return-style acquire goes.
  Dest destination(const Expr *E, const Family *F, const VarDecl *&Var) {
    const Stmt *Child = E;
    const Stmt *P = PM->getParent(E);
    while (P) {
      if (const auto *C = dyn_cast<CastExpr>(P);
          C && C->getCastKind() == CK_ToVoid)
        return Dest::Lost;
      if (isTransparent(P)) {
        Child = P;
        P = PM->getParent(P);
        continue;
      }
      if (const auto *CO = dyn_cast<ConditionalOperator>(P)) {
        if (CO->getCond() == Child)
          return Dest::Lost;
        Child = P;
        P = PM->getParent(P);
        continue;
      }
      if (const auto *Call = dyn_cast<CallExpr>(P);
          Call && strip(Call) != Call && Call->getNumArgs() == 1) {
        Child = P; // std::move(acquire())
        P = PM->getParent(P);
        continue;
      }
      break;
    }
    if (!P)
      return Dest::Escape;
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit() == Child) {
            if (VD->hasLocalStorage() && !VD->getType()->isRecordType() &&
                !VD->getType()->isReferenceType()) {
              Var = VD;
              return Dest::Var;
            }
            return Dest::Escape;
          }
      return Dest::Escape;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->getOpcode() == BO_Assign && BO->getRHS() == Child) {
        if (const VarDecl *V = localVar(BO->getLHS())) {
          Var = V;
          return Dest::Var;
        }
        return Dest::Escape;
      }
      if (BO->getOpcode() == BO_Comma)
        return BO->getLHS() == Child ? Dest::Lost : Dest::Escape;
      return Dest::Lost; // compared, tested: the handle itself is dropped
    }
    if (const auto *ILE = dyn_cast<InitListExpr>(P);
        ILE && ILE->getNumInits() == 1 && !ILE->getType()->isRecordType())
      if (const auto *DS = dyn_cast_or_null<DeclStmt>(PM->getParent(ILE)))
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D))
            if (VD->getInit() == ILE && VD->hasLocalStorage() &&
                VD->getType()->isPointerType()) {
              Var = VD;
              return Dest::Var;
            }
    if (isa<ReturnStmt>(P))
      return Dest::Returned;
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      if (Call->getCallee() == Child)
        return Dest::Escape;
      CallArgs A = callArgs(Call);
      if (A.Obj == Child)
        return Dest::Lost;
      int Idx = -1;
      for (unsigned I = 0; I < A.Args.size(); ++I)
        if (A.Args[I] == Child)
          Idx = I;
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee || Idx < 0)
        return TU.options().UnknownCallsEscape ? Dest::Escape : Dest::Lost;
      for (const CalleeRole &Role : TU.roles(Callee)) {
        if (Role.Kind == CalleeRole::Release && Role.F == F &&
            Role.R->HandleArg == Idx && whenHolds(Role.R->When, A))
          return Dest::Release;
        if (Role.Kind == CalleeRole::TakeOwnership)
          return Dest::Escape;
      }
      if (TU.isKnown(Callee))
        return Dest::Lost;
      if (const FunctionSummary *Sum = TU.summary(Callee)) {
        if ((unsigned)Idx >= Sum->Params.size())
          return Dest::Lost;
        switch (Sum->Params[Idx]) {
        case FunctionSummary::Release:
          if (llvm::is_contained(Sum->ReleasedBy[Idx], F) ||
              (llvm::is_contained(Sum->ReleasedBy[Idx], nullptr) &&
               llvm::any_of(F->Release,
                            [](const ReleaseSpec &R) { return R.Delete; })))
            return Dest::Release;
          return Dest::Lost;
        case FunctionSummary::Sink:
          return Dest::Escape;
        case FunctionSummary::Borrow:
          return Dest::Lost;
        }
      }
      return TU.options().UnknownCallsEscape ? Dest::Escape : Dest::Lost;
    }
    if (isa<CompoundStmt, IfStmt, WhileStmt, DoStmt, ForStmt, SwitchStmt,
            UnaryOperator, MemberExpr, ArraySubscriptExpr>(P))
      return Dest::Lost;
    return Dest::Escape;
  }

  /// Records an acquisition at E of family F.
  void acquire(const Expr *E, const Family *F, const AcquireSpec *A,
               StringRef Name, const CallArgs *Args, AbsState S,
               SmallVectorImpl<AbsState> &Out, bool Nullable) {
    const VarDecl *Var = nullptr;
    Dest D;
    if (A->HandleArg >= 0) {
      D = Dest::Escape;
      if (Args && (unsigned)A->HandleArg < Args->Args.size())
        if (const VarDecl *V = addressOfVar(Args->Args[A->HandleArg])) {
          Var = V;
          D = Dest::Var;
        }
    } else {
      D = destination(E, F, Var);
    }

    unsigned Idx;
    auto It = SiteOf.find(E);
    if (It == SiteOf.end()) {
      Site NS;
      NS.E = E;
      NS.F = F;
      NS.Acquirer = Name.str();
      if (A->HandleArg >= 0) {
        NS.OutVar = Var;
        NS.OutParam = true;
      }
      Idx = newSite(std::move(NS));
      SiteOf[E] = Idx;
    } else {
      Idx = It->second;
    }
    // The handles it is made from (find(coll) -> cursor).
    auto AddParent = [&](const Expr *X) {
      const VarDecl *V = X ? varOf(X) : nullptr;
      if (const SiteSet *Ss = V ? S.sitesOf(V) : nullptr)
        for (uint16_t P : *Ss)
          if (P != Idx && !llvm::is_contained(Parents[Idx], std::make_pair(P, V)))
            Parents[Idx].push_back({P, V});
    };
    if (Args) {
      AddParent(Args->Obj);
      for (const Expr *X : Args->Args)
        AddParent(X);
    } else if (const auto *NE = dyn_cast<CXXNewExpr>(E)) {
      if (const CXXConstructExpr *CCE = NE->getConstructExpr())
        for (const Expr *X : CCE->arguments())
          AddParent(X);
    }

    if (D == Dest::Var) {
      bool IsDecl = isa_and_nonnull<DeclStmt>(PM->getParentIgnoreParenCasts(E));
      const Stmt *At = E;
      if (A->HandleArg < 0)
        if (const Stmt *P = PM->getParentIgnoreParenCasts(E))
          At = P;
      // Drop the old binding first: in a loop the variable may still hold
      // the previous handle from this very site.
      rebind(S, Var, {}, At,
             IsDecl ? ExitKind::ScopeEnd : ExitKind::Overwrite);
      S.bindVar(Var, {static_cast<uint16_t>(Idx)});
      if (Guarded.count(Var))
        D = Dest::Escape; // owned by the scope guard
    }
    if (S.status(Idx) & Owned) {
      leak(Idx, {E->getBeginLoc(), ExitKind::Reacquire, ""});
      setStatus(S, Idx, 0);
    }

    switch (D) {
    case Dest::Escape:
      setStatus(S, Idx, Escaped);
      Out.push_back(std::move(S));
      return;
    case Dest::Returned:
      setStatus(S, Idx, Escaped);
      ReturnedSite[Idx] = true;
      Out.push_back(std::move(S));
      return;
    case Dest::Release:
      setStatus(S, Idx, Released);
      Out.push_back(std::move(S));
      return;
    case Dest::Lost:
      setStatus(S, Idx, Owned);
      leak(Idx, {E->getBeginLoc(), ExitKind::Unstored, ""});
      setStatus(S, Idx, 0);
      Out.push_back(std::move(S));
      return;
    case Dest::Var:
      break;
    }

    if (!A->Success.empty()) {
      AbsState Fail = S;
      setStatus(S, Idx, Owned);
      S.ExprVals.push_back({E, Val::integer(A->Success.front())});
      setVal(S.Vals, Var, Val::nonNull());
      setStatus(Fail, Idx, F->ReleaseOnFailure ? Owned : Null);
      // When 0 is the only success, a failure is any non-zero code: tests
      // against one particular error (rc == SQLITE_CANTOPEN) stay open.
      Fail.ExprVals.push_back(
          {E, A->Success.size() == 1 && A->Success.front() == 0
                  ? Val::nonNull()
                  : Val::integer(*A->Failure)});
      setVal(Fail.Vals, Var,
             F->ReleaseOnFailure ? std::nullopt : std::optional<Val>(Val::integer(0)));
      Out.push_back(std::move(S));
      Out.push_back(std::move(Fail));
      return;
    }
    if (Nullable && A->HandleArg < 0) {
      AbsState NullS = S;
      setStatus(S, Idx, Owned);
      S.ExprVals.push_back({E, Val::nonNull()});
      setVal(S.Vals, Var, Val::nonNull());
      setStatus(NullS, Idx, Null);
      NullS.ExprVals.push_back({E, Val::integer(0)});
      setVal(NullS.Vals, Var, Val::integer(0));
      Out.push_back(std::move(S));
      Out.push_back(std::move(NullS));
      return;
    }
    setStatus(S, Idx, Owned);
    if (A->HandleArg < 0) {
      S.ExprVals.push_back({E, Val::nonNull()});
      setVal(S.Vals, Var, Val::nonNull());
    } else {
      setVal(S.Vals, Var, std::nullopt);
    }
    Out.push_back(std::move(S));
  }

  void handleCall(const CallExpr *CE, AbsState &S,
                  SmallVectorImpl<AbsState> &Out) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (strip(CE) != CE) { // std::move and friends
      Out.push_back(std::move(S));
      return;
    }
    CallArgs A = callArgs(CE);
    ArrayRef<CalleeRole> Roles =
        Callee ? TU.roles(Callee) : ArrayRef<CalleeRole>();
    const FunctionSummary *Sum = Callee ? TU.summary(Callee) : nullptr;
    bool Known = Callee && TU.isKnown(Callee);

    // 1. What this call releases.
    SmallVector<std::pair<unsigned, const Family *>, 2> Rel;
    SmallVector<const Expr *, 2> RelArgs;
    auto AddRel = [&](const Expr *Arg, const Family *F, bool AnyFamily,
                      ArrayRef<const Family *> Fams) {
      const VarDecl *V = varOf(Arg);
      if (!V)
        return;
      const SiteSet *Sites = S.sitesOf(V);
      if (!Sites)
        return;
      for (uint16_t I : *Sites) {
        bool Ok = AnyFamily ? (R.Sites[I].isPseudo() ||
                               llvm::is_contained(Fams, R.Sites[I].F) ||
                               (llvm::is_contained(Fams, nullptr) &&
                                compatible(I, nullptr, true)))
                            : compatible(I, F, false);
        if (Ok) {
          Rel.push_back({I, F});
          RelArgs.push_back(Arg);
        }
      }
    };
    for (const CalleeRole &Role : Roles) {
      if (Role.Kind != CalleeRole::Release)
        continue;
      const Expr *Arg = releasedArg(*Role.R, A);
      if (Arg && whenHolds(Role.R->When, A))
        AddRel(Arg, Role.F, false, {});
    }
    if (Sum && Roles.empty())
      for (unsigned I = 0; I < Sum->Params.size() && I < A.Args.size(); ++I)
        if (Sum->Params[I] == FunctionSummary::Release)
          AddRel(A.Args[I], Sum->ReleasedBy[I].empty()
                                ? nullptr
                                : Sum->ReleasedBy[I].front(),
                 true, Sum->ReleasedBy[I]);

    // 2. Exceptions and blocking calls, before the call's own effects.
    if (IsCXX) {
      SmallVector<unsigned, 2> Except;
      for (auto &P : Rel)
        Except.push_back(P.first);
      if (ownsHandle(S, Except) && TU.canThrow(CE, Callee))
        noteThrow(S, CE, Except);
    }
    if (ownsHandle(S, {}, /*PooledOnly=*/true) && TU.isBlocking(CE, Callee))
      noteBlocking(S, CE);

    // 3. Releases.
    for (auto &[I, F] : Rel)
      release(S, I, F, CE);

    // 4. What the other arguments do.
    const AcquireSpec *Acq = nullptr;
    const Family *AcqF = nullptr;
    bool AcqNullable = false;
    for (const CalleeRole &Role : Roles)
      if (Role.Kind == CalleeRole::Acquire && whenHolds(Role.A->When, A)) {
        Acq = Role.A;
        AcqF = Role.F;
        AcqNullable = Role.F->Nullable;
        break;
      }
    if (!Acq && Sum && Sum->Returns && Sum->AsAcquire) {
      Acq = Sum->AsAcquire;
      AcqF = Sum->Returns;
      AcqNullable = Sum->ReturnsNullable;
    }
    bool TakesOwnership = llvm::any_of(Roles, [](const CalleeRole &R) {
      return R.Kind == CalleeRole::TakeOwnership;
    });
    for (unsigned I = 0; I < A.Args.size(); ++I) {
      const Expr *Arg = A.Args[I];
      if (llvm::is_contained(RelArgs, Arg))
        continue;
      if (const VarDecl *V = addressOfVar(Arg)) {
        if (Acq && Acq->HandleArg == (int)I)
          continue;
        setVal(S.Vals, V, std::nullopt);
        if (TakesOwnership ||
            (!Known && !Sum && TU.options().UnknownCallsEscape))
          escapeVar(S, V);
        continue;
      }
      const VarDecl *V = varOf(Arg);
      if (!V || !S.sitesOf(V))
        continue;
      if (TakesOwnership) {
        escapeVar(S, V);
        continue;
      }
      if (Known)
        continue;
      if (Sum) {
        if (I < Sum->Params.size() && Sum->Params[I] == FunctionSummary::Sink)
          escapeVar(S, V);
        continue;
      }
      if (TU.options().UnknownCallsEscape)
        escapeVar(S, V);
    }

    // 5. Acquisition.
    if (Acq) {
      acquire(CE, AcqF, Acq,
              Callee ? StringRef(Callee->getNameAsString()) : StringRef("?"),
              &A, std::move(S), Out, AcqNullable);
      return;
    }
    Out.push_back(std::move(S));
  }

  void handleNew(const CXXNewExpr *NE, AbsState &S,
                 SmallVectorImpl<AbsState> &Out) {
    const Family *F = nullptr;
    std::string TypeName;
    if (!NE->isArray())
      for (const std::string &N : typeNames(NE->getAllocatedType()))
        if ((F = TU.models().familyForNew(N))) {
          TypeName = N;
          break;
        }
    if (!F) {
      Out.push_back(std::move(S));
      return;
    }
    const AcquireSpec *A = nullptr;
    for (const AcquireSpec &Spec : F->Acquire)
      if (Spec.New == TypeName)
        A = &Spec;
    acquire(NE, F, A, "new " + TypeName, nullptr, std::move(S), Out,
            /*Nullable=*/false);
  }

  void handleDelete(const CXXDeleteExpr *DE, AbsState &S) {
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

  void handleConstruct(const CXXConstructExpr *CCE, AbsState &S) {
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

  void handleDecl(const DeclStmt *DS, AbsState &S) {
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
      if (const VarDecl *Src = localVar(SI)) {
        if (const SiteSet *Sites = S.sitesOf(Src)) {
          SiteSet Copy = *Sites;
          rebind(S, VD, Copy, DS, ExitKind::ScopeEnd);
          const Val *X = lookupVal(S.Vals, Src);
          setVal(S.Vals, VD, X ? std::optional<Val>(*X) : std::nullopt);
          continue;
        }
      }
      rebind(S, VD, {}, DS, ExitKind::ScopeEnd);
      setVal(S.Vals, VD, evaluate(Init, env(S)));
    }
  }

  void handleAssign(const BinaryOperator *BO, AbsState &S) {
    const Expr *RHS = strip(BO->getRHS());
    if (const VarDecl *V = localVar(BO->getLHS())) {
      if (isReturnAcquire(RHS))
        return; // bound by the acquisition itself
      if (const VarDecl *Src = localVar(RHS)) {
        if (const SiteSet *Sites = S.sitesOf(Src)) {
          SiteSet Copy = *Sites;
          rebind(S, V, Copy, BO, ExitKind::Overwrite);
          const Val *X = lookupVal(S.Vals, Src);
          setVal(S.Vals, V, X ? std::optional<Val>(*X) : std::nullopt);
          return;
        }
      }
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
    if (const VarDecl *Src = localVar(RHS))
      escapeVar(S, Src);
  }

  void handleReturn(const ReturnStmt *RS, AbsState &S) {
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
              ReturnedSite[I] = true;
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

  /// True if a handler of type H catches an exception object of type T.
  bool handlerMatches(QualType H, QualType T) {
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
  bool caughtInFunction(const CXXThrowExpr *TE) {
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

  void handleThrow(const CXXThrowExpr *TE, AbsState &S) {
    // An exception no handler here catches leaves the function at the
    // throw. (The CFG's edge from the try's dispatch block to the exit,
    // "not caught", is not followed: this takes its place.)
    if (!inTryBlock(TE) || !caughtInFunction(TE))
      atExit(S, TE->getBeginLoc(), ExitKind::Throw);
  }

  void transfer(const Stmt *St, AbsState &S, SmallVectorImpl<AbsState> &Out) {
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
          setVal(S.Vals, V, std::nullopt);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(St)) {
      if (UO->isIncrementDecrementOp()) {
        if (const VarDecl *V = localVar(UO->getSubExpr()))
          setVal(S.Vals, V, std::nullopt);
      } else if (UO->getOpcode() == UO_AddrOf) {
        if (const VarDecl *V = localVar(UO->getSubExpr())) {
          const Stmt *P = PM->getParentIgnoreParenCasts(UO);
          if (!isa_and_nonnull<CallExpr, CXXConstructExpr>(P)) {
            setVal(S.Vals, V, std::nullopt);
            escapeVar(S, V);
          }
        }
      }
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

  // ---- control flow ------------------------------------------------------
  const Expr *conditionOf(const CFGBlock *B) {
    const Stmt *T = B->getTerminatorStmt();
    if (!T)
      return nullptr;
    const Stmt *C = const_cast<CFGBlock *>(B)->getTerminatorCondition(false);
    const auto *E = dyn_cast_or_null<Expr>(C);
    while (E) {
      const auto *BO = dyn_cast<BinaryOperator>(E->IgnoreParens());
      if (BO && BO->isLogicalOp() && BO != T)
        E = BO->getRHS();
      else
        break;
    }
    return E;
  }

  void refine(const Expr *Cond, bool Branch, AbsState &S) {
    const Expr *C = Cond->IgnoreParenImpCasts();
    bool NonNull = Branch;
    while (const auto *U = dyn_cast<UnaryOperator>(C)) {
      if (U->getOpcode() != UO_LNot)
        return;
      C = U->getSubExpr()->IgnoreParenImpCasts();
      NonNull = !NonNull;
    }
    const Expr *PtrE = C;
    if (const auto *BO = dyn_cast<BinaryOperator>(C)) {
      if (BO->isEqualityOp()) {
        if (isNullConstant(BO->getRHS(), Ctx))
          PtrE = BO->getLHS();
        else if (isNullConstant(BO->getLHS(), Ctx))
          PtrE = BO->getRHS();
        else
          return;
        if (BO->getOpcode() == BO_EQ)
          NonNull = !NonNull;
      } else if (BO->getOpcode() != BO_Assign) {
        return;
      }
    }
    PtrE = PtrE->IgnoreParenImpCasts();
    if (const auto *BO = dyn_cast<BinaryOperator>(PtrE);
        BO && BO->getOpcode() == BO_Assign)
      PtrE = BO->getLHS();
    const VarDecl *V = localVar(PtrE);
    if (!V || !V->getType()->isPointerType())
      return;
    if (NonNull) {
      setVal(S.Vals, V, Val::nonNull());
      return;
    }
    setVal(S.Vals, V, Val::integer(0));
    if (const SiteSet *Sites = S.sitesOf(V))
      for (uint16_t I : *Sites)
        if (S.status(I) & Owned)
          setStatus(S, I, (S.status(I) & ~Owned) | Null);
  }

  /// A local variable's scope closes: its handle leaks if nothing else holds
  /// it, and its value facts are forgotten.
  void lifetimeEnds(const CFGLifetimeEnds &LE, AbsState &S) {
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
          ExitBits[I] |= S.status(I);
        leak(I, {Loc, K, V->getNameAsString()});
        setStatus(S, I, 0);
      }
    S.bindVar(V, {});
  }

  /// Forgets real sites that are settled on this path (released, null or
  /// escaped) and no longer held by any variable, and bindings to them: they
  /// cannot leak any more, and keeping them would keep otherwise equal ESP
  /// states apart and make every state as large as the function.
  void collect(AbsState &S) {
    bool Removed = false;
    for (size_t K = 0; K < S.Status.size();) {
      auto [I, St] = S.Status[K];
      if ((St & Owned) || R.Sites[I].isPseudo()) {
        ++K;
        continue;
      }
      S.Status.erase(S.Status.begin() + K);
      Removed = true;
    }
    if (!Removed && S.Status.size() >= S.Bind.size())
      return;
    for (size_t K = 0; K < S.Bind.size();) {
      SiteSet &Sites = S.Bind[K].second;
      Sites.erase(std::remove_if(Sites.begin(), Sites.end(),
                                 [&](uint16_t I) { return S.status(I) == 0; }),
                  Sites.end());
      if (Sites.empty())
        S.Bind.erase(S.Bind.begin() + K);
      else
        ++K;
    }
  }

  void mergeInto(const CFGBlock *Succ, AbsState NS) {
    if (Succ == &Cfg->getExit()) {
      atExit(NS, FD->getBody()->getEndLoc(), ExitKind::EndOfFunction);
      return;
    }
    NS.ExprVals.clear();
    auto &Vec = In[Succ->getBlockID()];
    for (AbsState &Ex : Vec)
      if (Ex.sameKey(NS)) {
        if (intersectVals(Ex.Vals, NS.Vals)) {
          Ex.Dirty = true;
          enqueue(Succ);
        }
        return;
      }
    if (Vec.size() >= TU.options().MaxStatesPerBlock) {
      if (Vec.back().joinFrom(NS)) {
        Vec.back().Dirty = true;
        enqueue(Succ);
      }
      return;
    }
    NS.Dirty = true;
    Vec.push_back(std::move(NS));
    enqueue(Succ);
  }

  void processBlock(const CFGBlock *B, AbsState S) {
    CurBlock = B;
    S.ExprVals.clear();
    SmallVector<AbsState, 2> Cur;
    Cur.push_back(std::move(S));
    for (const CFGElement &El : *B) {
      if (std::optional<CFGLifetimeEnds> LE = El.getAs<CFGLifetimeEnds>()) {
        for (AbsState &St : Cur)
          lifetimeEnds(*LE, St);
        continue;
      }
      std::optional<CFGStmt> CS = El.getAs<CFGStmt>();
      if (!CS)
        continue;
      SmallVector<AbsState, 2> Next;
      for (AbsState &St : Cur)
        transfer(CS->getStmt(), St, Next);
      Cur = std::move(Next);
    }
    if (B->hasNoReturnElement())
      return; // exit(), abort(): the process ends, nothing leaks
    for (AbsState &St : Cur)
      collect(St);
    const Expr *Cond = B->succ_size() == 2 ? conditionOf(B) : nullptr;
    for (AbsState &St : Cur) {
      std::optional<Val> V;
      if (Cond)
        V = evaluate(Cond, env(St));
      unsigned Idx = 0;
      for (const CFGBlock *Succ : B->succs()) {
        bool Branch = Idx++ == 0;
        if (!Succ)
          continue;
        // A try's dispatch block reaches the exit for "not caught": throws
        // that no handler catches were judged at the throw (handleThrow).
        if (Succ == &Cfg->getExit() &&
            isa_and_nonnull<CXXTryStmt>(B->getTerminatorStmt()))
          continue;
        if (Cond && V && V->truth() != Branch)
          continue;
        AbsState NS = St;
        if (Cond)
          refine(Cond, Branch, NS);
        mergeInto(Succ, std::move(NS));
      }
    }
  }

  void finish();

  /// True if the statement releases one of the variables with a release of
  /// the site's family (or a local helper whose summary releases that
  /// argument), or deletes one.
  bool releasesOneOf(const Stmt *St, const Family *F,
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
      if (const FunctionDecl *Callee = CE->getDirectCallee()) {
        CallArgs A = callArgs(CE);
        for (const CalleeRole &Role : TU.roles(Callee))
          if (Role.Kind == CalleeRole::Release && Role.F == F && Role.R) {
            const Expr *H = releasedArg(*Role.R, A);
            if (H && Held(H))
              return true;
          }
        if (const FunctionSummary *Sum = TU.summary(Callee))
          for (unsigned K = 0; K < A.Args.size() && K < Sum->Params.size(); ++K)
            if (Sum->Params[K] == FunctionSummary::Release && Held(A.Args[K]))
              return true;
      }
    for (const Stmt *C : St->children())
      if (releasesOneOf(C, F, Vars))
        return true;
    return false;
  }

  /// True if control can leave the handler other than by falling off its
  /// end: return, throw, goto, or a break/continue of an outer loop.
  static bool leavesEarly(const Stmt *St, bool InLoop = false) {
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
  bool caughtSafely(const ThrowPoint &T, unsigned I) {
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
          Safe = llvm::all_of(ReleaseLocs[I], [&](SourceLocation RL) {
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

  /// Reverse post-order numbering; unreachable successors are null and
  /// skipped (llvm::ReversePostOrderTraversal does not expect them).
  void computeRPO() {
    std::vector<unsigned> Post;
    BitVector Seen(Cfg->getNumBlockIDs());
    SmallVector<std::pair<const CFGBlock *, unsigned>, 32> Stack;
    const CFGBlock *Entry = &Cfg->getEntry();
    Stack.push_back({Entry, 0});
    Seen.set(Entry->getBlockID());
    while (!Stack.empty()) {
      auto &[B, Next] = Stack.back();
      if (Next < B->succ_size()) {
        const CFGBlock *S = *(B->succ_begin() + Next++);
        if (S && !Seen[S->getBlockID()]) {
          Seen.set(S->getBlockID());
          Stack.push_back({S, 0});
        }
        continue;
      }
      Post.push_back(B->getBlockID());
      Stack.pop_back();
    }
    unsigned N = 0;
    for (auto It = Post.rbegin(); It != Post.rend(); ++It)
      RPO[*It] = N++;
    for (unsigned &X : RPO)
      if (X == ~0u)
        X = N++;
  }
};

void FunctionAnalyzer::run() {
  const Stmt *Body = FD->getBody();
  CFG::BuildOptions BO;
  BO.setAllAlwaysAdd();
  BO.AddInitializers = true;
  BO.AddCXXDefaultInitExprInCtors = true;
  // Lifetime ends let a variable's handle be judged when its scope closes,
  // so states only carry handles of variables in scope: the analysis stays
  // linear in the function even when many handles leak.
  BO.AddLifetime = true;
  Cfg = CFG::buildCFG(FD, const_cast<Stmt *>(Body), &Ctx, BO);
  if (!Cfg) {
    R.SkipReason = "no CFG could be built";
    return;
  }
  PM = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
  if (Ctx.getLangOpts().CPlusPlus)
    collectGuarded(Body);
  In.assign(Cfg->getNumBlockIDs(), {});
  RPO.assign(Cfg->getNumBlockIDs(), ~0u);
  ById.assign(Cfg->getNumBlockIDs(), nullptr);
  for (const CFGBlock *B : *Cfg)
    ById[B->getBlockID()] = B;
  Queued.resize(Cfg->getNumBlockIDs());
  computeRPO();

  // Summary pseudo-sites: one per pointer parameter.
  AbsState Init;
  for (const ParmVarDecl *P : FD->parameters()) {
    QualType T = P->getType();
    if (!T->isPointerType() || T->isFunctionPointerType() ||
        T->getPointeeType()->isAnyCharacterType())
      continue;
    Site S;
    S.Param = P;
    unsigned Idx = newSite(std::move(S));
    setStatus(Init, Idx, Owned);
    Init.bindVar(P, {static_cast<uint16_t>(Idx)});
  }
  const CFGBlock &Entry = Cfg->getEntry();
  In[Entry.getBlockID()].push_back(std::move(Init));
  enqueue(&Entry);

  // The budget grows with the function: ESP keeps a bounded number of
  // states per block, so a fixed multiple of the block count is enough.
  const AnalysisOptions &O = TU.options();
  unsigned Budget =
      O.FixedBudget ? O.MaxBlockVisits
                    : std::max<unsigned>(O.MaxBlockVisits,
                                         AnalysisOptions::VisitsPerBlock *
                                             Cfg->getNumBlockIDs());
  while (!Queue.empty()) {
    unsigned Id = Queue.top().second;
    Queue.pop();
    Queued.reset(Id);
    const CFGBlock *B = ById[Id];
    if (!B)
      continue;
    for (size_t I = 0; I < In[Id].size(); ++I) {
      if (!In[Id][I].Dirty)
        continue;
      In[Id][I].Dirty = false;
      if (++Visits > Budget) {
        Aborted = true;
        R.SkipReason = ("the analysis budget of " + Twine(Budget) +
                        " block visits was exceeded")
                           .str();
        return;
      }
      AbsState S = In[Id][I];
      processBlock(B, std::move(S));
    }
  }
  finish();
}

void FunctionAnalyzer::finish() {
  R.Analyzed = true;
  SourceManager &SM = Ctx.getSourceManager();
  for (unsigned I = 0; I < R.Sites.size(); ++I) {
    const Site &S = R.Sites[I];
    if (S.isPseudo())
      continue;
    if (!Exits[I].empty()) {
      LeakReport L;
      L.SiteIdx = I;
      L.Exits.assign(Exits[I].begin(), Exits[I].end());
      llvm::sort(L.Exits, [&](const LeakExit &A, const LeakExit &B) {
        return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
      });
      if (L.Exits.size() > 4)
        L.Exits.resize(4);
      R.Leaks.push_back(std::move(L));
      continue;
    }
    // exception-unsafe: released on every normal path, never escaped. In a
    // noexcept function an escaping exception terminates the process.
    if (const auto *FPT = FD->getType()->getAs<FunctionProtoType>();
        FPT && FPT->isNothrow())
      continue;
    uint8_t Bits = ExitBits[I] | EverStatus[I];
    if (Throws[I].empty() || (Bits & Escaped) || !(Bits & Released) ||
        (ExitBits[I] & Owned))
      continue;
    // The first call in the source whose exception no handler of this
    // function makes safe.
    SmallVector<const ThrowPoint *, 4> Order;
    for (const ThrowPoint &T : Throws[I])
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
      continue;
    ExceptionReport E;
    E.SiteIdx = I;
    E.ThrowPoint = First->E;
    E.ThrowName = calleeName(First->E);
    for (SourceLocation RL : ReleaseLocs[I])
      if (SM.isBeforeInTranslationUnit(E.ThrowPoint->getBeginLoc(), RL) &&
          (E.Release.isInvalid() || SM.isBeforeInTranslationUnit(RL, E.Release)))
        E.Release = RL;
    R.ExceptionUnsafe.push_back(E);
  }

  // Summary.
  FunctionSummary &Sum = R.Summary;
  for (const ParmVarDecl *P : FD->parameters()) {
    (void)P;
    Sum.Params.push_back(FunctionSummary::Borrow);
    Sum.ReleasedBy.emplace_back();
  }
  for (unsigned I = 0; I < R.Sites.size(); ++I) {
    const Site &S = R.Sites[I];
    if (!S.isPseudo())
      continue;
    unsigned PI = S.Param->getFunctionScopeIndex();
    uint8_t Bits = ExitBits[I];
    if (Bits & Escaped)
      Sum.Params[PI] = FunctionSummary::Sink;
    else if ((Bits & Released) && !(Bits & Owned)) {
      Sum.Params[PI] = FunctionSummary::Release;
      Sum.ReleasedBy[PI] = ReleasedBy[I];
    } else if (Bits & Released) {
      // Released on some paths only (maybe_close(c, flag)): the caller
      // cannot know, so the handle is treated as taken over.
      Sum.Params[PI] = FunctionSummary::Sink;
    }
  }
  if (!ReturnsOther) {
    const Family *F = nullptr;
    bool Mixed = false;
    for (unsigned I = 0; I < R.Sites.size(); ++I)
      if (ReturnedSite[I]) {
        if (F && F != R.Sites[I].F)
          Mixed = true;
        F = R.Sites[I].F;
      }
    if (F && !Mixed) {
      Sum.Returns = F;
      Sum.ReturnsNullable = ReturnsNull || F->Nullable;
      AcquireSpec &A = TU.newAcquireSpec();
      A.Function = FD->getQualifiedNameAsString();
      Sum.AsAcquire = &A;
    }
  }
}

} // namespace

std::unique_ptr<FunctionResult> analyzeFunction(TUAnalysis &TU,
                                                const FunctionDecl *FD) {
  auto R = std::make_unique<FunctionResult>();
  R->FD = FD;
  FunctionAnalyzer A(TU, FD, *R);
  A.run();
  return R;
}

} // namespace connleak
