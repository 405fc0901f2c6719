//===--- Solver.cpp - the worklist of the flow analysis -------------------===//
//
// Reverse post-order worklist over the CFG; per block a list of path states
// kept apart by their property part (ESP), joined past
// AnalysisOptions::MaxStatesPerBlock. Branches whose condition evaluates
// to a constant under a state are pruned, which removes the false positives
// of correlated branches (an `owned` flag, a status code saved from the
// acquire call). See docs/design.md.
//
//===----------------------------------------------------------------------===//
#include "FunctionAnalyzer.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include <functional>

using namespace clang;
using namespace llvm;

namespace connleak {

bool FunctionAnalyzer::buildCFG() {
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
  if (!Cfg)
    return false;
  PM = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
  In.assign(Cfg->getNumBlockIDs(), {});
  RPO.assign(Cfg->getNumBlockIDs(), ~0u);
  ById.assign(Cfg->getNumBlockIDs(), nullptr);
  for (const CFGBlock *B : *Cfg)
    ById[B->getBlockID()] = B;
  Queued.resize(Cfg->getNumBlockIDs());
  computeRPO();
  return true;
}

/// The state at the entry: one summary pseudo-site per pointer parameter.
PathState FunctionAnalyzer::entryState() {
  PathState Init;
  for (const ParmVarDecl *P : FD->parameters()) {
    QualType T = P->getType();
    // T **out (T not a character type or a function): an out-parameter
    // slot, filled when the body stores a fresh handle through it.
    if (T->isPointerType() && T->getPointeeType()->isPointerType() &&
        !T->getPointeeType().isConstQualified() &&
        !T->getPointeeType()->getPointeeType()->isAnyCharacterType() &&
        !T->getPointeeType()->isFunctionPointerType()) {
      Site Slot;
      Slot.Param = P;
      Slot.OutSlot = true;
      OutSlots[P] = newSite(std::move(Slot));
    }
    if (!T->isPointerType() || T->isFunctionPointerType() ||
        T->getPointeeType()->isAnyCharacterType())
      continue;
    Site S;
    S.Param = P;
    unsigned Idx = newSite(std::move(S));
    setStatus(Init, Idx, Owned);
    Init.bindVar(P, {static_cast<uint16_t>(Idx)});
  }
  return Init;
}

void FunctionAnalyzer::run() {
  if (!buildCFG()) {
    R.SkipReason = "no CFG could be built";
    return;
  }
  // Scope guards: lambdas and deleters (C++), blocks and cleanup attributes
  // (C and C++).
  collectGuarded(FD->getBody());
  const CFGBlock &Entry = Cfg->getEntry();
  In[Entry.getBlockID()].push_back(entryState());
  enqueue(&Entry);

  // The budget grows with the function: ESP keeps a bounded number of
  // states per block, so a fixed multiple of the block count is enough.
  const AnalysisOptions &O = TU.options();
  unsigned Budget =
      O.FixedBudget ? O.MaxBlockVisits
                    : std::max<unsigned>(O.MaxBlockVisits,
                                         AnalysisOptions::VisitsPerBlock *
                                             Cfg->getNumBlockIDs());
  solve(Budget);
  if (R.SkipReason.empty())
    finish();
}

void FunctionAnalyzer::solve(unsigned Budget) {
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
        R.SkipReason = ("the analysis budget of " + Twine(Budget) +
                        " block visits was exceeded")
                           .str();
        return;
      }
      PathState S = In[Id][I];
      processBlock(B, std::move(S));
    }
  }
}

void FunctionAnalyzer::enqueue(const CFGBlock *B) {
  unsigned Id = B->getBlockID();
  if (Queued[Id])
    return;
  Queued.set(Id);
  Queue.push({RPO[Id], Id});
}

std::string FunctionAnalyzer::siteName(unsigned I) const {
  const Site &S = R.Sites[I];
  if (S.isPseudo())
    return "param:" + S.Param->getNameAsString();
  return S.Acquirer + "@" +
         std::to_string(Ctx.getSourceManager().getPresumedLineNumber(
             S.E->getBeginLoc()));
}

/// Reverse post-order numbering; unreachable successors are null and
/// skipped (llvm::ReversePostOrderTraversal does not expect them).
void FunctionAnalyzer::computeRPO() {
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

void FunctionAnalyzer::mergeInto(const CFGBlock *Succ, PathState NS) {
  if (Succ == &Cfg->getExit()) {
    if (FD->getReturnType()->isVoidType())
      recordOutExits(NS, std::nullopt);
    atExit(NS, FD->getBody()->getEndLoc(), ExitKind::EndOfFunction);
    return;
  }
  NS.ExprVals.clear();
  auto &Vec = In[Succ->getBlockID()];
  for (PathState &Ex : Vec)
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

void FunctionAnalyzer::processBlock(const CFGBlock *B, PathState S) {
  CurBlock = B;
  S.ExprVals.clear();
  SmallVector<PathState, 2> Cur;
  Cur.push_back(std::move(S));
  for (const CFGElement &El : *B) {
    if (std::optional<CFGLifetimeEnds> LE = El.getAs<CFGLifetimeEnds>()) {
      for (PathState &St : Cur)
        lifetimeEnds(*LE, St);
      continue;
    }
    std::optional<CFGStmt> CS = El.getAs<CFGStmt>();
    if (!CS)
      continue;
    SmallVector<PathState, 2> Next;
    for (PathState &St : Cur) {
      applyAssertions(CS->getStmt(), St);
      transfer(CS->getStmt(), St, Next);
    }
    Cur = std::move(Next);
  }
  if (B->hasNoReturnElement())
    return; // exit(), abort(): the process ends, nothing leaks
  for (PathState &St : Cur)
    collect(St);
  const Expr *Cond = B->succ_size() == 2 ? conditionOf(B) : nullptr;
  for (PathState &St : Cur) {
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
      PathState NS = St;
      if (Cond)
        refine(Cond, Branch, NS);
      if (B->succ_size() == 2)
        callerOwnsOnEdge(B, Branch, NS);
      mergeInto(Succ, std::move(NS));
    }
  }
}

const Expr *FunctionAnalyzer::conditionOf(const CFGBlock *B) {
  const Stmt *T = B->getTerminatorStmt();
  // A switch's successors are its case labels and default, not a true and a
  // false edge: its condition says nothing about them one by one.
  if (!T || isa<SwitchStmt>(T))
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

void FunctionAnalyzer::refine(const Expr *Cond, bool Branch, PathState &S) {
  // An integer local compared with a constant (or tested for zero) has that
  // value on the edge where the test says so.
  if (auto Learnt = valueOnEdge(Cond, Branch, env(S))) {
    setVal(S.Vals, Learnt->first, Learnt->second);
    return;
  }
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
  if (const auto *ME = dyn_cast<MemberExpr>(PtrE)) {
    refineField(ME, NonNull, S);
    return;
  }
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
  assumeNull(V, S);
}

void FunctionAnalyzer::assumeNull(const VarDecl *V, PathState &S) {
  setVal(S.Vals, V, Val::integer(0));
  if (const SiteSet *Sites = S.sitesOf(V))
    for (uint16_t I : *Sites)
      if (S.status(I) & Owned)
        setStatus(S, I, (S.status(I) & ~Owned) | Null);
}

/// The caller's data: a parameter, or a local pointer initialised from
/// parameters only and never written again (`UpgradeTaskStep *steps =
/// &task->steps[slot->step_idx];`).
static bool isCallerData(const VarDecl *V, const Stmt *Body) {
  if (isa<ParmVarDecl>(V))
    return true;
  if (!V->hasLocalStorage() || !V->getType()->isPointerType() || !V->getInit())
    return false;
  bool OnlyParams = true, Any = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || !OnlyParams)
      return;
    if (const auto *D = dyn_cast<DeclRefExpr>(S)) {
      if (isa<ParmVarDecl>(D->getDecl()))
        Any = true;
      else if (!isa<EnumConstantDecl>(D->getDecl()))
        OnlyParams = false;
      return;
    }
    if (isa<CallExpr>(S)) {
      OnlyParams = false;
      return;
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(V->getInit());
  return OnlyParams && Any && !changesVar(Body, V);
}

/// A flag that the caller passes: a parameter, or a field reached through
/// `.` and `->` from a parameter or a local pointer into the caller's data
/// (isCallerData), of integer or boolean type, tested as it is or negated
/// (`free_result`, `!s->keep_result`, `steps->free_result`).
static bool isCallerFlag(const Expr *E, const Stmt *Body) {
  E = E->IgnoreParenImpCasts();
  while (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() != UO_LNot)
      return false;
    E = U->getSubExpr()->IgnoreParenImpCasts();
  }
  QualType T = E->getType();
  if (!T->isBooleanType() && !T->isIntegerType())
    return false;
  const Expr *Cur = E;
  while (const auto *ME = dyn_cast<MemberExpr>(Cur))
    Cur = ME->getBase()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(Cur);
  if (!DRE)
    return false;
  if (isa<ParmVarDecl>(DRE->getDecl()))
    return true;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  return V && Cur != E && isCallerData(V, Body);
}

/// True if St contains a statement that leaves it other than by its end
/// (return, goto, break, continue, throw, co_return).
static bool leavesArm(const Stmt *St) {
  if (!St)
    return false;
  if (isa<ReturnStmt, GotoStmt, IndirectGotoStmt, BreakStmt, ContinueStmt,
          CXXThrowExpr, CoreturnStmt>(St))
    return true;
  for (const Stmt *C : St->children())
    if (leavesArm(C))
      return true;
  return false;
}

/// `if (s->free_result) PQclear(res);`: a release that only a flag of the
/// caller's decides leaves the choice of owner to the caller. On the edge
/// where the flag skips the release, the caller owns the handle (it gave a
/// callback that keeps the result, pg_upgrade's task.c), and the handle is
/// not reported there; the other paths are judged as usual.
void FunctionAnalyzer::callerOwnsOnEdge(const CFGBlock *B, bool Branch,
                                        PathState &S) {
  const auto *If = dyn_cast_or_null<IfStmt>(B->getTerminatorStmt());
  if (!If || If->getConditionVariable() || !isCallerFlag(If->getCond(), FD->getBody()))
    return;
  const Stmt *Taken = Branch ? If->getThen() : If->getElse();
  const Stmt *Skipped = Branch ? If->getElse() : If->getThen();
  // The arms join again after the if: the flag decides only the release
  // (`if (dry_run) { PQfinish(c); return 1; }` is an early exit, not a
  // choice of owner).
  if (!Skipped || leavesArm(Skipped) || leavesArm(Taken))
    return;
  auto Bind = S.Bind;
  for (const auto &[V, Sites] : Bind) {
    if (!llvm::any_of(Sites, [&](uint16_t I) { return S.status(I) & Owned; }))
      continue;
    if (!releasesVar(Skipped, V) || releasesVar(Taken, V))
      continue;
    for (uint16_t I : Sites)
      if (uint8_t St = S.status(I); St & Owned)
        setStatus(S, I, (St & ~Owned) | Escaped);
  }
}

/// `Assert(res == NULL);` where Assert expands to `((void) true)`: the
/// statements of the expansion carry its location, and the variable named
/// in the argument is taken from the handles this path holds (one variable
/// of that name, else nothing is assumed).
void FunctionAnalyzer::applyAssertions(const Stmt *St, PathState &S) {
  const AssertedNulls *A = TU.options().Assertions.get();
  if (!A || A->empty())
    return;
  // The statement comes from that very use of the macro when one level of
  // its location's expansion chain was expanded there (not merely from an
  // enclosing macro that also uses the assertion).
  const SourceManager &SM = Ctx.getSourceManager();
  AssertedNulls::const_iterator It = A->end();
  for (SourceLocation L = St->getBeginLoc(); L.isMacroID() && It == A->end();
       L = SM.getImmediateExpansionRange(L).getBegin())
    It = A->find(SM.getImmediateExpansionRange(L).getBegin().getRawEncoding());
  if (It == A->end())
    return;
  for (const std::string &Name : It->second) {
    const VarDecl *Found = nullptr;
    unsigned Count = 0;
    for (const auto &[V, Sites] : S.Bind)
      if (V->getName() == Name) {
        Found = V;
        ++Count;
      }
    if (Count == 1)
      assumeNull(Found, S);
  }
}

/// `if (c->err)`: on the branch where the field is set, the handles that
/// are null whenever it is (null-when-set: redisCommand(c, ...)) are null.
/// The context is a variable (`c`) or a member chain on one (`k->con`): the
/// test must name the same chain, and no path from the acquisition to the
/// test may change it (contextStable).
void FunctionAnalyzer::refineField(const MemberExpr *ME, bool Set,
                                   PathState &S) {
  if (!Set)
    return;
  const VarDecl *Base = nullptr;
  SmallVector<const FieldDecl *, 2> Chain;
  const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!Field || !Field->getIdentifier() ||
      !memberChain(ME->getBase(), Base, Chain))
    return;
  auto Copy = S.Status;
  for (const auto &[I, St] : Copy) {
    const Site &Si = R.Sites[I];
    if ((St & Owned) && Si.NullCtx == Base &&
        Si.NullField == Field->getName() &&
        ArrayRef<const FieldDecl *>(Si.NullCtxFields) ==
            ArrayRef<const FieldDecl *>(Chain) &&
        contextStable(Si, CurBlock))
      setStatus(S, I, (St & ~Owned) | Null);
  }
}

/// Does St write the context Base->Fields[0]->...: an assignment (or ++,
/// --, &) to the variable or to any member named by one of the fields (on
/// whatever object: aliases are not tracked), or, for a member chain, a
/// call given a shorter chain (`reconnect(k)` may change `k->con`).
static bool writesContext(const Stmt *St, const VarDecl *Base,
                          ArrayRef<const FieldDecl *> Fields) {
  auto IsTarget = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return llvm::is_contained(Fields, ME->getMemberDecl());
    return localVar(E) == Base;
  };
  if (const auto *BO = dyn_cast<BinaryOperator>(St))
    return BO->isAssignmentOp() && IsTarget(BO->getLHS());
  if (const auto *UO = dyn_cast<UnaryOperator>(St))
    return (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf) &&
           IsTarget(UO->getSubExpr());
  if (const auto *CE = dyn_cast<CallExpr>(St); CE && !Fields.empty())
    for (const Expr *Arg : CE->arguments()) {
      const VarDecl *B = nullptr;
      SmallVector<const FieldDecl *, 2> Chain;
      if (memberChain(strip(Arg), B, Chain) && B == Base &&
          Chain.size() < Fields.size() &&
          ArrayRef<const FieldDecl *>(Chain) == Fields.take_front(Chain.size()))
        return true;
    }
  return false;
}

bool FunctionAnalyzer::contextStable(const Site &Si, const CFGBlock *Test) {
  const CFGBlock *Acq = AcquireBlock.lookup(Si.E);
  if (!Acq || !Test)
    return false;
  auto Key = std::make_pair(Si.E, Test->getBlockID());
  auto It = StableCache.find(Key);
  if (It != StableCache.end())
    return It->second;
  unsigned N = Cfg->getNumBlockIDs();
  // Blocks reachable from the acquisition's block (after it), and blocks
  // that reach the test's block (the test's block included).
  BitVector Fwd(N), Bwd(N);
  // Marks in Seen the blocks From and every block reached from them along
  // successors (Forward) or predecessors.
  auto Flood = [](BitVector &Seen, ArrayRef<const CFGBlock *> From,
                  bool Forward) {
    SmallVector<const CFGBlock *, 16> Work;
    auto Visit = [&](const CFGBlock *X) {
      if (X && !Seen[X->getBlockID()]) {
        Seen.set(X->getBlockID());
        Work.push_back(X);
      }
    };
    for (const CFGBlock *X : From)
      Visit(X);
    while (!Work.empty()) {
      const CFGBlock *B = Work.pop_back_val();
      for (const CFGBlock *X : Forward ? B->succs() : B->preds())
        Visit(X);
    }
  };
  SmallVector<const CFGBlock *, 4> AcqSuccs(Acq->succs().begin(),
                                            Acq->succs().end());
  Flood(Fwd, AcqSuccs, /*Forward=*/true);
  Flood(Bwd, {Test}, /*Forward=*/false);
  auto Writes = [&](const CFGBlock *B, const Stmt *After) {
    bool Started = After == nullptr;
    for (const CFGElement &El : *B) {
      std::optional<CFGStmt> CS = El.getAs<CFGStmt>();
      if (!CS)
        continue;
      if (!Started) {
        Started = CS->getStmt() == After;
        continue;
      }
      if (writesContext(CS->getStmt(), Si.NullCtx, Si.NullCtxFields))
        return true;
    }
    return false;
  };
  bool Stable = true;
  // The rest of the acquisition's block, unless a loop brings the whole
  // block between the acquisition and the test anyway.
  if (!(Fwd[Acq->getBlockID()] && Bwd[Acq->getBlockID()]))
    Stable = !Writes(Acq, Si.E);
  for (const CFGBlock *B : *Cfg)
    if (Stable && Fwd[B->getBlockID()] && Bwd[B->getBlockID()])
      Stable = !Writes(B, nullptr);
  StableCache[Key] = Stable;
  return Stable;
}

/// Forgets real sites that are settled on this path (released, null or
/// escaped) and no longer held by any variable, and bindings to them: they
/// cannot leak any more, and keeping them would keep otherwise equal ESP
/// states apart and make every state as large as the function.
void FunctionAnalyzer::collect(PathState &S) {
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

} // namespace connleak
