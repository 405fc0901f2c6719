//===--- Transfer.cpp - calls, acquisitions and where handles go ----------===//
//
// The transfer function of calls and `new`: what a call does to each handle
// it receives (callEffect(), CalleeOracle.h: released, adopted, stored by a
// same-TU body, borrowed, unknown), whether it may throw or block while a
// handle is owned, and what it acquires; and, for an acquired value, where
// it goes (a variable, a return, a release, a call that keeps it, nowhere)
// and which states its outcomes (success, failure, null) split into.
//
//===----------------------------------------------------------------------===//
#include "FunctionAnalyzer.h"
#include "connleak/analysis/CalleeOracle.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace llvm;

namespace connleak {

bool FunctionAnalyzer::isReturnAcquire(const Expr *E) {
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
Dest FunctionAnalyzer::destination(const Expr *E, const Family *F, const VarDecl *&Var) {
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
  if (const auto *Call = dyn_cast<CallExpr>(P))
    return destinationInCall(Call, Child, F);
  if (isa<CompoundStmt, IfStmt, WhileStmt, DoStmt, ForStmt, SwitchStmt,
          UnaryOperator, MemberExpr, ArraySubscriptExpr>(P))
    return Dest::Lost;
  return Dest::Escape;
}

/// An acquired value passed straight to a call: released, adopted, borrowed
/// (then never stored: lost) or unknown.
Dest FunctionAnalyzer::destinationInCall(const CallExpr *Call,
                                         const Stmt *Child, const Family *F) {
  if (Call->getCallee() == Child)
    return Dest::Escape;
  CallArgs A = callArgs(Call);
  if (A.Obj == Child)
    return Dest::Lost; // acquire()->method(): used, never stored
  std::optional<int> Pos = argPosition(A, dyn_cast<Expr>(Child));
  bool UnknownEscapes = TU.options().UnknownCallsEscape;
  if (!Pos)
    return UnknownEscapes ? Dest::Escape : Dest::Lost;
  switch (callEffect(TU, Call, *Pos, F).Kind) {
  case ArgEffect::Release:
    return Dest::Release;
  case ArgEffect::Adopt:
  case ArgEffect::Sink:
    return Dest::Escape;
  case ArgEffect::Borrow:
    return Dest::Lost;
  case ArgEffect::Unknown:
    break;
  }
  return UnknownEscapes ? Dest::Escape : Dest::Lost;
}

bool memberChain(const Expr *E, const VarDecl *&Base,
                 SmallVectorImpl<const FieldDecl *> &Fields) {
  Fields.clear();
  E = E->IgnoreParenImpCasts();
  while (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD)
      return false;
    Fields.push_back(FD);
    E = ME->getBase()->IgnoreParenImpCasts();
  }
  std::reverse(Fields.begin(), Fields.end());
  Base = localVar(E);
  return Base != nullptr;
}

/// Records an acquisition at E of family F.
void FunctionAnalyzer::acquire(const Expr *E, const Family *F, const AcquireSpec *A,
             StringRef Name, const CallArgs *Args, PathState S,
             SmallVectorImpl<PathState> &Out, bool Nullable) {
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

  unsigned Idx = siteFor(E, F, A, Name, D == Dest::Var ? Var : nullptr);
  if (Site &First = R.Sites[Idx];
      A->NullWhenSet.Arg >= 0 && Args && !First.NullCtx)
    if (const Expr *Ctxt = Args->at(A->NullWhenSet.Arg)) {
      const VarDecl *Base = nullptr;
      SmallVector<const FieldDecl *, 2> Fields;
      if (memberChain(Ctxt, Base, Fields)) {
        First.NullCtx = Base;
        First.NullCtxFields.assign(Fields.begin(), Fields.end());
        First.NullField = A->NullWhenSet.Field;
        AcquireBlock[E] = CurBlock;
      }
    }
  Idx = instanceFor(Idx, D == Dest::Var ? Var : nullptr, S);
  addParents(Idx, E, Args, S);
  // Stored through an out-parameter of this function: `*out =
  // PQconnectdb(...)`, or passed on as the acquisition's own out-argument
  // (`return sqlite3_open(path, out);`).
  if (D == Dest::Escape && !OutSlots.empty()) {
    if (A->HandleArg >= 0 && Args &&
        (unsigned)A->HandleArg < Args->Args.size()) {
      int Slot = outSlotOf(Args->Args[A->HandleArg], /*Deref=*/false);
      if (Slot >= 0) {
        if (!llvm::is_contained(Facts[Slot].OutFamilies, F))
          Facts[Slot].OutFamilies.push_back(F);
        setStatus(S, Slot, Owned);
      }
    } else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(
                   PM->getParentIgnoreParenCasts(E));
               BO && BO->getOpcode() == BO_Assign) {
      unsigned Stored[] = {Idx};
      storeOut(S, BO->getLHS(), Stored);
    }
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
    Facts[Idx].Returned = true;
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

  splitOnOutcome(Idx, E, F, A, Var, std::move(S), Out, Nullable);
}

/// The site of an acquiring expression (one per expression: a loop reuses
/// it), created on first sight.
unsigned FunctionAnalyzer::siteFor(const Expr *E, const Family *F,
                                   const AcquireSpec *A, StringRef Name,
                                   const VarDecl *Var) {
  auto It = SiteOf.find(E);
  if (It != SiteOf.end())
    return It->second;
  Site NS;
  NS.E = E;
  NS.F = F;
  NS.Acquirer = Name.str();
  NS.Var = Var;
  if (A->HandleArg >= 0) {
    NS.OutVar = Var;
    NS.OutParam = true;
  }
  unsigned Idx = newSite(std::move(NS));
  SiteOf[E] = Idx;
  return Idx;
}

/// The instance of an acquiring expression that a new handle gets: the
/// first one that is not owned here, or the one that only the destination
/// variable holds (overwriting it reports it). When every instance is still
/// held elsewhere (`cur` in `next = PQgetResult(c); ...; cur = next;`), a
/// new instance, up to MaxInstancesPerSite; beyond that the first one, which
/// then leaks as acquired again.
unsigned FunctionAnalyzer::instanceFor(unsigned First, const VarDecl *Var,
                                       const PathState &S) {
  auto &Inst = Instances[First];
  if (Inst.empty())
    Inst.push_back(First);
  const SiteSet *Held = Var ? S.sitesOf(Var) : nullptr;
  for (unsigned I : Inst) {
    if (!(S.status(I) & Owned))
      return I;
    if (Held && llvm::is_contained(*Held, I) && !S.heldByOther(I, Var))
      return I;
  }
  if (Inst.size() >= MaxInstancesPerSite)
    return First;
  Site NS = R.Sites[First];
  NS.ParentReleasedFirst = nullptr;
  NS.InstanceOf = First;
  unsigned Idx = newSite(std::move(NS));
  Inst.push_back(Idx); // newSite does not touch Instances
  return Idx;
}

/// Records the handles a site is made from (find(coll) -> cursor): the
/// sites held by the variables among its arguments.
void FunctionAnalyzer::addParents(unsigned Idx, const Expr *E,
                                  const CallArgs *Args, const PathState &S) {
  auto AddParent = [&](const Expr *X) {
    const VarDecl *V = X ? varOf(X) : nullptr;
    if (const SiteSet *Ss = V ? S.sitesOf(V) : nullptr)
      for (uint16_t P : *Ss)
        if (P != Idx &&
            !llvm::is_contained(Facts[Idx].Parents, std::make_pair(P, V)))
          Facts[Idx].Parents.push_back({P, V});
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
}

/// A handle stored in a variable: one state per outcome of the acquire
/// (success and failure for status-returning calls, non-null and null for
/// nullable ones), with the value facts each outcome implies.
void FunctionAnalyzer::splitOnOutcome(unsigned Idx, const Expr *E,
                                      const Family *F, const AcquireSpec *A,
                                      const VarDecl *Var, PathState S,
                                      SmallVectorImpl<PathState> &Out,
                                      bool Nullable) {
  if (!A->Success.empty()) {
    bool ReleaseOnFailure = A->ReleaseOnFailure.value_or(F->ReleaseOnFailure);
    PathState Fail = S;
    setStatus(S, Idx, Owned);
    S.ExprVals.push_back({E, Val::integer(A->Success.front())});
    setVal(S.Vals, Var, Val::nonNull());
    setStatus(Fail, Idx, ReleaseOnFailure ? Owned : Null);
    // When 0 is the only success, a failure is any non-zero code: tests
    // against one particular error (rc == SQLITE_CANTOPEN) stay open.
    Fail.ExprVals.push_back(
        {E, A->Success.size() == 1 && A->Success.front() == 0
                ? Val::nonNull()
                : Val::integer(*A->Failure)});
    setVal(Fail.Vals, Var,
           ReleaseOnFailure ? std::nullopt : std::optional<Val>(Val::integer(0)));
    Out.push_back(std::move(S));
    Out.push_back(std::move(Fail));
    return;
  }
  if (Nullable && A->HandleArg < 0) {
    PathState NullS = S;
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

void FunctionAnalyzer::handleCall(const CallExpr *CE, PathState &S,
                                  SmallVectorImpl<PathState> &Out) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (strip(CE) != CE) { // std::move and friends
    Out.push_back(std::move(S));
    return;
  }
  CallArgs A = callArgs(CE);
  bool UnknownEscapes = TU.options().UnknownCallsEscape;
  auto [Acq, AcqF] = acquireRole(TU, CE);
  bool AcqNullable = AcqF && Acq->Nullable.value_or(AcqF->Nullable);
  if (!Acq && Callee)
    if (const FunctionSummary *Sum = TU.summary(Callee)) {
      if (Sum->Returns && Sum->AsAcquire) {
        Acq = Sum->AsAcquire;
        AcqF = Sum->Returns;
        AcqNullable = Sum->ReturnsNullable;
      } else if (!Sum->Outs.empty()) {
        // A same-TU helper that fills an out-parameter (the first one).
        Acq = Sum->Outs.front().AsAcquire;
        AcqF = Sum->Outs.front().F;
        AcqNullable = false;
      }
    }

  // 1. What the call does to each handle it receives (callEffect).
  SmallVector<std::pair<unsigned, const Family *>, 2> Rel;
  SmallVector<std::pair<unsigned, const VarDecl *>, 2> Escapes;
  SmallVector<const VarDecl *, 2> Forget; // &v passed: its value changes
  for (int Pos = -1; Pos < (int)A.Args.size(); ++Pos) {
    const Expr *Arg = A.at(Pos);
    if (!Arg)
      continue;
    if (const VarDecl *V = Pos >= 0 ? addressOfVar(Arg) : nullptr) {
      if (Acq && Acq->HandleArg == Pos)
        continue; // the out-parameter of this very acquisition
      Forget.push_back(V);
      // Escaping V only matters when it holds a handle: only then is the
      // callee's role read (a dependency on its summary, Dependencies.h).
      if (const SiteSet *Held = S.sitesOf(V); !Held || Held->empty())
        continue;
      ArgEffect K = callEffect(TU, CE, Pos, nullptr).Kind;
      if (K == ArgEffect::Adopt || (K == ArgEffect::Unknown && UnknownEscapes))
        Escapes.push_back({~0u, V});
      continue;
    }
    const VarDecl *V = varOf(Arg);
    const SiteSet *Sites = V ? S.sitesOf(V) : nullptr;
    if (!Sites)
      continue;
    for (uint16_t I : *Sites) {
      const Site &St = R.Sites[I];
      CallEffect E = callEffect(TU, CE, Pos, St.isPseudo() ? nullptr : St.F);
      // A method called on a handle uses it: only a release (`handle:
      // this`) changes it.
      if (Pos < 0 && E.Kind != ArgEffect::Release)
        continue;
      switch (E.Kind) {
      case ArgEffect::Release:
        for (const Family *By : E.ReleasedAs)
          Rel.push_back({I, By});
        if (E.ReleasedAs.empty())
          Rel.push_back({I, nullptr});
        break;
      case ArgEffect::Adopt:
      case ArgEffect::Sink:
        Escapes.push_back({I, V});
        break;
      case ArgEffect::Unknown:
        if (UnknownEscapes)
          Escapes.push_back({I, V});
        break;
      case ArgEffect::Borrow:
        break;
      }
    }
  }

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

  // 3. Releases, then escapes and forgotten values.
  for (auto &[I, F] : Rel)
    release(S, I, F, CE);
  for (const VarDecl *V : Forget)
    setVal(S.Vals, V, std::nullopt);
  for (auto &[I, V] : Escapes) {
    if (I == ~0u) {
      escapeVar(S, V);
      continue;
    }
    if (S.status(I) & Owned)
      setStatus(S, I, (S.status(I) & ~Owned) | Escaped);
  }

  // 4. Acquisition.
  if (Acq) {
    acquire(CE, AcqF, Acq,
            Callee ? StringRef(Callee->getNameAsString()) : StringRef("?"),
            &A, std::move(S), Out, AcqNullable);
    return;
  }
  Out.push_back(std::move(S));
}

void FunctionAnalyzer::handleNew(const CXXNewExpr *NE, PathState &S,
               SmallVectorImpl<PathState> &Out) {
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

void FunctionAnalyzer::noteBlocking(PathState &S, const CallExpr *CE) {
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

} // namespace connleak
