//===--- PerRequestClientCheck.cpp ----------------------------------------===//
#include "PerRequestClientCheck.h"
#include "connleak/analysis/CalleeOracle.h"
#include "connleak/syntax/ConfigQueries.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include <memory>

using namespace clang;

namespace connleak {

namespace {
struct Construction {
  const Expr *E = nullptr;
  std::string What; ///< "'grpc::CreateChannel'" or "'pqxx::connection'"
  std::string Kind;
  std::string Share;
};
} // namespace

/// Is a construction of this class a checkout from a pool (soci::session
/// sql(pool)), which is not a new client?
static bool isPooledCheckout(const ModelSet &M, const CXXConstructExpr *CCE) {
  return pooledSessionFrom(M, CCE->getType(),
                           ArrayRef<const Expr *>(CCE->getArgs(),
                                                  CCE->getNumArgs()));
}

static std::optional<Construction>
clientConstruction(TUAnalysis &TU, const Stmt *S) {
  const ModelSet &M = TU.models();
  auto FromType = [&](QualType T, const Expr *E) -> std::optional<Construction> {
    for (const ClientSpec &C : M.clients())
      if (!C.Construct.empty() && typeMatches(T, C.Construct))
        return Construction{E, "'" + C.Construct + "'", C.Kind, C.Share};
    for (const std::string &N : typeNames(T))
      if (const Family *F = M.familyForNew(N); F && F->Client)
        return Construction{E, "'" + N + "'", F->Kind, F->Share};
    return std::nullopt;
  };
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    if (QualType T = madeTypeAsWritten(CE); !T.isNull()) {
      // std::make_unique<soci::session>(pool) is a checkout too.
      if (pooledSessionFrom(M, T,
                            ArrayRef<const Expr *>(CE->getArgs(),
                                                   CE->getNumArgs())))
        return std::nullopt;
      return FromType(T, CE);
    }
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD)
      return std::nullopt;
    if (auto [A, F] = acquireRole(TU, CE); A) {
      if (!F->Client || F->Pooled)
        return std::nullopt; // e.g. SQLAllocHandle(SQL_HANDLE_STMT, ...)
      return Construction{CE, "'" + FD->getNameAsString() + "'", F->Kind,
                          F->Share};
    }
    StringRef Name = TU.qualifiedName(FD);
    TU.consult(FD, DepClient);
    for (const ClientSpec &C : M.clients())
      if (!C.Function.empty() && (C.From.empty() || TU.derivedApplies(FD)) &&
          matchesPattern(C.Function, Name))
        return Construction{CE, "'" + Name.str() + "'", C.Kind, C.Share};
    return std::nullopt;
  }
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(S)) {
    const CXXConstructorDecl *Ctor = CCE->getConstructor();
    if (Ctor->isCopyOrMoveConstructor() || CCE->isElidable() ||
        isPooledCheckout(M, CCE))
      return std::nullopt;
    return FromType(CCE->getType(), CCE);
  }
  if (const auto *NE = dyn_cast<CXXNewExpr>(S)) {
    if (const CXXConstructExpr *CCE = NE->getConstructExpr();
        CCE && isPooledCheckout(M, CCE))
      return std::nullopt;
    return FromType(NE->getAllocatedType(), NE);
  }
  return std::nullopt;
}

namespace {

/// Three-valued truth, for conditions that test handles.
enum class Tri : uint8_t { False, True, Unknown };
Tri neg(Tri T) {
  return T == Tri::Unknown ? T : (T == Tri::True ? Tri::False : Tri::True);
}
Tri and3(Tri A, Tri B) {
  if (A == Tri::False || B == Tri::False)
    return Tri::False;
  return A == Tri::True && B == Tri::True ? Tri::True : Tri::Unknown;
}

/// What a test says when it holds: the handle works, or it failed.
enum class Meaning : uint8_t { None, WorkingIfTrue, FailedIfTrue };
Meaning flip(Meaning M) {
  if (M == Meaning::WorkingIfTrue)
    return Meaning::FailedIfTrue;
  if (M == Meaning::FailedIfTrue)
    return Meaning::WorkingIfTrue;
  return M;
}

/// The two worlds a loop is judged in: every handle of the iteration works,
/// or every one failed.
enum class World : uint8_t { Working, Failed };

/// The loops of one function, and what a client built in one of them does:
/// lives for one iteration (a client per item), or is kept, or is built
/// again only after a failure (a retry or discovery loop).
/// Documentation: docs/checks/per-request-client.md#loops.
class LoopJudge {
public:
  LoopJudge(TUAnalysis &TU, const FunctionDecl *FD)
      : TU(TU), Ctx(TU.context()), SM(Ctx.getSourceManager()),
        PM(const_cast<Stmt *>(FD->getBody())) {
    index(FD->getBody());
  }

  const ParentMap &parents() const { return PM; }

  /// A handle of a family that reuses connections kept elsewhere.
  bool reuses(const Expr *C) {
    Built B = built(C);
    return B.H && B.F && reusesConnections(B.H, *B.F);
  }

  /// Is the client built by C, outside a request handler, built once per
  /// iteration of a loop that goes on after it worked?
  bool perItem(const Expr *C) {
    Built B = built(C);
    if (B.Kept || (B.H && B.F && reusesConnections(B.H, *B.F)))
      return false;
    for (const Stmt *L = PM.getParent(C); L; L = PM.getParent(L)) {
      if (!isRepeatingLoop(L))
        continue;
      if (livesOneIteration(L, C, B.H, B.F) && !targetVaries(L, C, B.H) &&
          !stopsAtFirstSuccess(L, C, B.H, B.F) && !keepsAClient(L, C))
        return true;
    }
    return false;
  }

private:
  /// Does C name another target in each iteration of L: does an argument
  /// of the construction depend on what L itself changes (its counter, its
  /// cursor, what its condition assigns, its range variable), directly or
  /// through the variables the iteration defines from them (`datname =
  /// PQgetvalue(res, i, 0)`, `params.dbname = cell->name`)? Then each item
  /// needs a client of its own (a connection to each database, each file,
  /// each host), and L does not build it "instead of once". What a loop
  /// nested in L changes starts again in each iteration of L, and does not
  /// count for L: an outer loop that polls the same list of hosts again and
  /// again builds the same clients again.
  bool targetVaries(const Stmt *L, const Expr *C, const VarDecl *H) {
    llvm::SmallPtrSet<const VarDecl *, 8> Varying;
    // Local variables, and the variable under a field or an element of a
    // local array (params.dbname, values[1]).
    auto Base = [](const Expr *E) -> const VarDecl * {
      E = E->IgnoreParenImpCasts();
      for (;;) {
        if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !ME->isArrow())
          E = ME->getBase()->IgnoreParenImpCasts();
        else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E);
                 AS && AS->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
          E = AS->getBase()->IgnoreParenImpCasts();
        else
          break;
      }
      if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
            V && V->hasLocalStorage())
          return V;
      return nullptr;
    };
    auto MentionsVarying = [&](const Stmt *S) {
      return mentionsIf(S, [&](const ValueDecl *D) {
        const auto *V = dyn_cast<VarDecl>(D);
        return V && Varying.count(V);
      });
    };
    // Seeds: counters (++i, i += n), cursors (cell = cell->next), what the
    // loop's condition assigns (while ((row = fetch(res)))), the range
    // variable. Then, to a fixed point, the variables the iteration defines
    // or assigns from a varying one.
    struct Def {
      const VarDecl *V;
      const Expr *From; ///< null: a counter or a cursor (a seed)
    };
    llvm::SmallVector<Def, 16> Defs;
    const Expr *Cond = loopCond(L);
    if (const auto *R = dyn_cast<CXXForRangeStmt>(L))
      Varying.insert(R->getLoopVariable());
    // (statement, inside a loop nested in L)
    llvm::SmallVector<std::pair<const Stmt *, bool>, 32> Work{{L, false}};
    while (!Work.empty()) {
      auto [X, Nested] = Work.pop_back_val();
      if (!X || isa<LambdaExpr>(X))
        continue;
      if (const auto *UO = dyn_cast<UnaryOperator>(X);
          UO && UO->isIncrementDecrementOp()) {
        if (const VarDecl *V = Base(UO->getSubExpr()); V && !Nested)
          Defs.push_back({V, nullptr});
      } else if (const auto *BO = dyn_cast<BinaryOperator>(X);
                 BO && BO->isAssignmentOp()) {
        if (const VarDecl *V = Base(BO->getLHS())) {
          bool Seed = BO->isCompoundAssignmentOp() ||
                      mentions(BO->getRHS(), V) || (Cond && within(BO, Cond));
          if (!Seed)
            Defs.push_back({V, BO->getRHS()});
          else if (!Nested)
            Defs.push_back({V, nullptr});
        }
      } else if (const auto *DS = dyn_cast<DeclStmt>(X)) {
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit())
            Defs.push_back({V, V->getInit()});
      }
      bool InNested = Nested || (X != L && isRepeatingLoop(X));
      for (const Stmt *Ch : X->children())
        Work.push_back({Ch, InNested});
    }
    for (const Def &D : Defs)
      if (!D.From && D.V != H)
        Varying.insert(D.V);
    for (bool Changed = !Varying.empty(); Changed;) {
      Changed = false;
      for (const Def &D : Defs)
        if (D.From && D.V != H && !Varying.count(D.V) &&
            MentionsVarying(D.From)) {
          Varying.insert(D.V);
          Changed = true;
        }
    }
    if (Varying.empty())
      return false;
    // The construction's arguments, but the handle's out-parameter.
    llvm::SmallVector<const Expr *, 8> Args;
    if (const auto *CE = dyn_cast<CallExpr>(C)) {
      for (const Expr *A : CE->arguments())
        if (!H || addressOfVar(A) != H)
          Args.push_back(A);
    } else if (const auto *CCE = dyn_cast<CXXConstructExpr>(C)) {
      Args.append(CCE->arg_begin(), CCE->arg_end());
    } else if (const auto *NE = dyn_cast<CXXNewExpr>(C)) {
      if (const Expr *I = NE->getInitializer())
        Args.push_back(I);
    }
    return llvm::any_of(Args, [&](const Expr *A) { return MentionsVarying(A); });
  }

  /// Does an iteration of L build, besides C, a client that L keeps (a
  /// field, an array element: a loop that connects each configured server
  /// at start-up)? Then L is a set-up loop, and C, which lives for one of
  /// its iterations, is part of that set-up (a sentinel asked for each
  /// server's address).
  bool keepsAClient(const Stmt *L, const Expr *C) {
    for (const CallExpr *CE : Calls)
      if (CE != C && within(CE, L) && clientConstruction(TU, CE) &&
          built(CE).Kept)
        return true;
    return false;
  }

  /// Where a construction puts its client.
  struct Built {
    const VarDecl *H = nullptr; ///< the variable that holds it
    const Family *F = nullptr;  ///< its family, for an acquire call
    bool Kept = false;          ///< stored where it outlives the loop
  };
  Built built(const Expr *C) {
    Built B;
    const Stmt *P = PM.getParent(C);
    while (P && (isa<ImplicitCastExpr, ExplicitCastExpr, ParenExpr,
                     ExprWithCleanups, MaterializeTemporaryExpr,
                     CXXBindTemporaryExpr>(P)))
      P = PM.getParent(P);
    const AcquireSpec *A = nullptr;
    if (const auto *CE = dyn_cast<CallExpr>(C))
      std::tie(A, B.F) = acquireRole(TU, CE);
    if (A && A->HandleArg >= 0) {
      // sqlite3_open(path, &db): the handle comes out through an argument;
      // the call's own value is a status.
      if (const auto *CE = dyn_cast<CallExpr>(C);
          CE && (unsigned)A->HandleArg < CE->getNumArgs())
        B.H = addressOfVar(CE->getArg(A->HandleArg));
    } else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
               BO && BO->getOpcode() == BO_Assign) {
      // Stored into an array element, a field or through a pointer: kept
      // (a pool being filled).
      B.H = localVarOf(BO->getLHS());
      B.Kept = !B.H;
    } else if (const auto *DS = dyn_cast_or_null<DeclStmt>(P)) {
      if (DS->isSingleDecl())
        B.H = dyn_cast<VarDecl>(DS->getSingleDecl());
    } else if (isa_and_nonnull<InitListExpr>(P)) {
      // An element of an aggregate that outlives the loop, unless the list
      // initialises a variable (T *c{...}).
      if (const auto *DS = dyn_cast_or_null<DeclStmt>(PM.getParent(P));
          DS && DS->isSingleDecl())
        B.H = dyn_cast<VarDecl>(DS->getSingleDecl());
      else
        B.Kept = true;
    } else if (const auto *Call = dyn_cast_or_null<CallExpr>(P)) {
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (!TU.isKnown(Callee))
          B.Kept = true; // handed to a container or a helper that keeps it
    }
    return B;
  }

  bool before(const Stmt *A, const Stmt *B) const {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  }
  bool within(const Stmt *S, const Stmt *Outer) const {
    for (const Stmt *P = S; P; P = PM.getParent(P))
      if (P == Outer)
        return true;
    return false;
  }
  bool declaredIn(const VarDecl *V, const Stmt *L) const {
    SourceRange R = L->getSourceRange();
    SourceLocation At = V->getLocation();
    return !SM.isBeforeInTranslationUnit(At, R.getBegin()) &&
           !SM.isBeforeInTranslationUnit(R.getEnd(), At);
  }

  /// Records the definitions of local variables (for flags and status
  /// variables read back in a condition) and the statements of the body.
  void index(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      Calls.push_back(CE);
    if (isa<ReturnStmt>(S))
      Returns.push_back(S);
    if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(S))
      Jumps.push_back(S);
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign)
      Stores.push_back(BO);
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit())
          Defs[V].push_back(V->getInit());
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (const VarDecl *V = localVar(BO->getLHS()); V && BO->isAssignmentOp())
        Defs[V].push_back(BO->getOpcode() == BO_Assign ? BO->getRHS() : nullptr);
      if (const VarDecl *V = localVar(BO->getLHS());
          V && BO->isCompoundAssignmentOp())
        Changes.push_back({BO, V});
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
        if (const VarDecl *V = localVar(UO->getSubExpr())) {
          Defs[V].push_back(nullptr);
          Changes.push_back({UO, V});
        }
    }
    for (const Stmt *C : S->children())
      index(C);
  }

  /// Calls to the entries of the family's `reuses-connections` with H.
  bool reusesConnections(const VarDecl *H, const Family &F) {
    for (const ReuseSpec &R : F.ReusesConnections)
      for (const CallExpr *CE : Calls) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (!Callee || !matchesPattern(R.Function, TU.qualifiedName(Callee)))
          continue;
        CallArgs Args = callArgs(CE);
        if (!Args.at(R.Arg) || localVarOf(Args.at(R.Arg)) != H)
          continue;
        if (R.Option.empty())
          return true;
        const Expr *Opt = Args.at(R.OptionArg);
        if (!Opt || !spelledAs(Opt, R.Option, Ctx))
          continue;
        if (R.ShareSetter.empty())
          return true;
        // The share object: trusted unless its set-up is visible here and
        // never shares what is needed.
        const Expr *Share = Args.at(R.OptionArg + 1);
        const VarDecl *SV = Share ? varOf(Share) : nullptr;
        if (!SV)
          return true;
        bool Configured = false, Shares = false;
        for (const CallExpr *SC : Calls) {
          const FunctionDecl *SF = SC->getDirectCallee();
          if (!SF || SC->getNumArgs() < 1 || varOf(SC->getArg(0)) != SV ||
              !matchesPattern(R.ShareSetter, TU.qualifiedName(SF)))
            continue;
          Configured = true;
          for (const Expr *X : SC->arguments())
            if (spelledAs(X, R.ShareNeeds, Ctx))
              Shares = true;
        }
        if (!Configured || Shares)
          return true;
      }
    return false;
  }

  /// Does the client in H (null: a temporary) live for one iteration of L?
  bool livesOneIteration(const Stmt *L, const Expr *C, const VarDecl *H,
                         const Family *F) {
    if (!H)
      return true;
    if (!declaredIn(H, L)) {
      // A variable declared before the loop keeps the client across
      // iterations (a reconnect loop) unless the iteration releases it
      // after building it.
      if (!F)
        return false;
      for (const CallExpr *CE : Calls) {
        if (!within(CE, L) || !before(C, CE) || !CE->getDirectCallee())
          continue;
        CallArgs Args = callArgs(CE);
        for (const CalleeRole &R : TU.roles(CE->getDirectCallee(), DepReleases))
          if (R.Kind == CalleeRole::Release && R.F == F)
            if (const Expr *A = releasedArg(*R.R, Args); A && varOf(A) == H)
              return !keptBeyond(L, H);
      }
      return false;
    }
    return !keptBeyond(L, H);
  }

  /// H is returned, or stored somewhere that outlives the iteration.
  bool keptBeyond(const Stmt *L, const VarDecl *H) {
    for (const Stmt *S : Returns)
      if (within(S, L))
        if (const Expr *V = cast<ReturnStmt>(S)->getRetValue(); V && varOf(V) == H)
          return true;
    for (const BinaryOperator *BO : Stores)
      if (within(BO, L) && varOf(BO->getRHS()) == H) {
        const VarDecl *To = localVarOf(BO->getLHS());
        if (!To || !declaredIn(To, L))
          return true;
      }
    // Put into a container that outlives the iteration (a member, a
    // global, a local declared before the loop): conns.insert({id, c}),
    // conns.push_back(std::move(c)).
    static const llvm::StringSet<> Inserts = {
        "insert", "emplace", "emplace_back", "push_back", "push_front",
        "emplace_front", "push", "try_emplace", "insert_or_assign",
        "emplace_hint"};
    for (const CallExpr *CE : Calls) {
      const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
      if (!MC || !within(MC, L) || !MC->getMethodDecl() ||
          !MC->getMethodDecl()->getIdentifier() ||
          !Inserts.contains(MC->getMethodDecl()->getName()))
        continue;
      if (const VarDecl *Obj = localVarOf(MC->getImplicitObjectArgument());
          Obj && declaredIn(Obj, L))
        continue;
      for (const Expr *A : MC->arguments())
        if (mentions(A, H))
          return true;
    }
    return false;
  }
  /// Does S name a declaration for which P holds?
  static bool mentionsIf(const Stmt *S,
                         llvm::function_ref<bool(const ValueDecl *)> P) {
    if (!S)
      return false;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      return P(DRE->getDecl());
    for (const Stmt *C : S->children())
      if (mentionsIf(C, P))
        return true;
    return false;
  }
  static bool mentions(const Stmt *S, const VarDecl *H) {
    return mentionsIf(S, [H](const ValueDecl *D) { return D == H; });
  }

  /// The handles acquired in L's iterations, with their families.
  void collectHandles(const Stmt *L, const VarDecl *H, const Family *F) {
    Handles.clear();
    if (H && F)
      Handles[H] = F;
    for (const CallExpr *CE : Calls) {
      if (!within(CE, L))
        continue;
      auto [A, Fam] = acquireRole(TU, CE);
      if (!A)
        continue;
      if (A->HandleArg >= 0) {
        if ((unsigned)A->HandleArg < CE->getNumArgs())
          if (const VarDecl *V = addressOfVar(CE->getArg(A->HandleArg)))
            Handles[V] = Fam;
      } else if (const Stmt *P = parentSkipping(PM, CE, isTransparent)) {
        if (const auto *DS = dyn_cast<DeclStmt>(P); DS && DS->isSingleDecl()) {
          if (const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl()))
            Handles[V] = Fam;
        } else if (const auto *BO = dyn_cast<BinaryOperator>(P);
                   BO && BO->getOpcode() == BO_Assign) {
          if (const VarDecl *V = localVarOf(BO->getLHS()))
            Handles[V] = Fam;
        }
      }
    }
  }

  /// E with local variables that have a single definition replaced by it
  /// (flags: `int ok = PQstatus(c) == CONNECTION_OK;`, statuses:
  /// `CURLcode rc = curl_easy_perform(h);`).
  /// A variable defined once in the loop being judged (and read after
  /// that definition) stands for that definition, whatever it was
  /// initialised to before the loop.
  const Expr *resolve(const Expr *E, unsigned Depth = 0) const {
    E = E->IgnoreParenCasts();
    if (Depth >= 3)
      return E;
    const VarDecl *V = localVar(E);
    if (!V || Handles.count(V) || isa<ParmVarDecl>(V))
      return E;
    auto It = Defs.find(V);
    if (It == Defs.end())
      return E;
    const Expr *Def = nullptr;
    if (It->second.size() == 1) {
      Def = It->second.front();
    } else if (CurLoop) {
      unsigned InLoop = 0;
      for (const Expr *D : It->second)
        if (!D || within(D, CurLoop)) {
          ++InLoop;
          Def = D;
        }
      if (InLoop != 1 || !Def || !before(Def, E))
        Def = nullptr;
    }
    return Def ? resolve(Def, Depth + 1) : E;
  }

  const Family *handleFamily(const Expr *E) const {
    E = E->IgnoreParenCasts();
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && BO->getOpcode() == BO_Assign)
      E = BO->getLHS();
    if (const VarDecl *V = localVar(E))
      return Handles.lookup(V);
    return nullptr;
  }

  /// The status entry a test reads: a status call on a handle
  /// (PQstatus(c)), or a status field of one (c->err).
  const StatusSpec *statusOf(const Expr *E) const {
    E = E->IgnoreParenCasts();
    if (const auto *CE = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (!Callee)
        return nullptr;
      CallArgs Args = callArgs(CE);
      for (const auto &[V, F] : Handles)
        for (const StatusSpec &S : F->Status)
          if (!S.Function.empty() && Args.at(S.Arg) &&
              varOf(Args.at(S.Arg)) == V &&
              matchesPattern(S.Function, TU.qualifiedName(Callee)))
            return &S;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      if (const Family *F = handleFamily(ME->getBase()))
        for (const StatusSpec &S : F->Status)
          if (!S.Field.empty() && ME->getMemberDecl()->getName() == S.Field)
            return &S;
    return nullptr;
  }

  /// An acquire call whose value is a status (sqlite3_open(...)).
  const AcquireSpec *acquireStatus(const Expr *E) const {
    const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenCasts());
    if (!CE)
      return nullptr;
    auto [A, F] = acquireRole(TU, CE);
    return A && !A->Success.empty() ? A : nullptr;
  }

  Meaning truthMeaning(const Expr *E) const {
    E = resolve(E);
    if (const Family *F = handleFamily(E); F && E->getType()->isPointerType())
      return Meaning::WorkingIfTrue; // non-null
    if (const auto *CE = dyn_cast<CallExpr>(E))
      if (auto [A, F] = acquireRole(TU, CE); A && A->HandleArg < 0 &&
                                             CE->getType()->isPointerType())
        return Meaning::WorkingIfTrue;
    if (const StatusSpec *S = statusOf(E)) {
      if (llvm::is_contained(S->Ok, "0"))
        return Meaning::FailedIfTrue;
      if (llvm::is_contained(S->Failed, "0"))
        return Meaning::WorkingIfTrue;
    }
    if (const AcquireSpec *A = acquireStatus(E))
      if (A->Success.size() == 1 && A->Success.front() == 0)
        return Meaning::FailedIfTrue;
    return Meaning::None;
  }

  /// What `Subject == Value` says.
  Meaning equalsMeaning(const Expr *Subject, const Expr *Value) const {
    Subject = resolve(Subject);
    if (isNullConstant(Value, Ctx)) {
      if (handleFamily(Subject) && Subject->getType()->isPointerType())
        return Meaning::FailedIfTrue;
      if (const auto *CE = dyn_cast<CallExpr>(Subject))
        if (auto [A, F] = acquireRole(TU, CE); A && A->HandleArg < 0)
          return Meaning::FailedIfTrue;
    }
    if (const StatusSpec *S = statusOf(Subject)) {
      for (const std::string &V : S->Ok)
        if (spelledAs(Value, V, Ctx))
          return Meaning::WorkingIfTrue;
      for (const std::string &V : S->Failed)
        if (spelledAs(Value, V, Ctx))
          return Meaning::FailedIfTrue;
      return Meaning::None;
    }
    if (const AcquireSpec *A = acquireStatus(Subject)) {
      Expr::EvalResult R;
      if (Value->isValueDependent() || !Value->EvaluateAsInt(R, Ctx))
        return Meaning::None;
      std::optional<int64_t> N = R.Val.getInt().tryExtValue();
      if (!N)
        return Meaning::None;
      return llvm::is_contained(A->Success, *N) ? Meaning::WorkingIfTrue
                                                : Meaning::FailedIfTrue;
    }
    return Meaning::None;
  }

  Tri eval(const Expr *E, World W, unsigned Depth = 0) const {
    E = E->IgnoreParenCasts();
    if (Depth > 8)
      return Tri::Unknown;
    // A constant: `new_pass = false;`.
    if (bool B; !E->isValueDependent() && !E->HasSideEffects(Ctx) &&
                E->EvaluateAsBooleanCondition(B, Ctx))
      return B ? Tri::True : Tri::False;
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_LNot)
      return neg(eval(UO->getSubExpr(), W, Depth + 1));
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      switch (BO->getOpcode()) {
      case BO_LAnd:
        return and3(eval(BO->getLHS(), W, Depth + 1),
                    eval(BO->getRHS(), W, Depth + 1));
      case BO_LOr:
        return neg(and3(neg(eval(BO->getLHS(), W, Depth + 1)),
                        neg(eval(BO->getRHS(), W, Depth + 1))));
      case BO_Comma:
        return eval(BO->getRHS(), W, Depth + 1);
      case BO_EQ:
      case BO_NE: {
        Meaning M = equalsMeaning(BO->getLHS(), BO->getRHS());
        if (M == Meaning::None)
          M = equalsMeaning(BO->getRHS(), BO->getLHS());
        if (M == Meaning::None) {
          // A 0/1 flag compared with 0 or 1: `if (found == 1) break;`.
          Tri T = flagComparison(BO->getLHS(), BO->getRHS(), W, Depth);
          if (T == Tri::Unknown)
            T = flagComparison(BO->getRHS(), BO->getLHS(), W, Depth);
          if (T != Tri::Unknown)
            return BO->getOpcode() == BO_NE ? neg(T) : T;
        }
        return valueIn(BO->getOpcode() == BO_NE ? flip(M) : M, W);
      }
      default:
        break;
      }
    }
    // A flag: `ok = (PQstatus(c) == CONNECTION_OK); ... if (ok)`.
    if (const Expr *R = resolve(E); R != E && !statusOf(R) && !acquireStatus(R))
      return eval(R, W, Depth + 1);
    // A flag set more than once in the loop: `new_pass = false; c = ...;
    // if (PQstatus(c) == CONNECTION_BAD && ...) new_pass = true;`.
    if (const VarDecl *V = localVar(E); V && CurLoop && !Handles.count(V))
      if (Tri T = flagValue(V, E, W, Depth); T != Tri::Unknown)
        return T;
    return valueIn(truthMeaning(E), W);
  }

  /// An integer constant, or nothing.
  std::optional<int64_t> intConstant(const Expr *E) const {
    Expr::EvalResult R;
    if (E->isValueDependent() || E->HasSideEffects(Ctx) ||
        !E->EvaluateAsInt(R, Ctx))
      return std::nullopt;
    return R.Val.getInt().tryExtValue();
  }

  /// `Flag == Value` for a local flag that is only ever given 0 or 1 and a
  /// Value of 0 or 1: the flag's truth, or its negation.
  Tri flagComparison(const Expr *Flag, const Expr *Value, World W,
                     unsigned Depth) const {
    std::optional<int64_t> K = intConstant(Value->IgnoreParenCasts());
    const VarDecl *V = localVar(Flag->IgnoreParenCasts());
    if (!K || (*K != 0 && *K != 1) || !V || Handles.count(V) ||
        isa<ParmVarDecl>(V) || !V->getType()->isIntegralOrEnumerationType())
      return Tri::Unknown;
    auto It = Defs.find(V);
    if (It == Defs.end())
      return Tri::Unknown;
    for (const Expr *D : It->second) {
      std::optional<int64_t> DV = D ? intConstant(D->IgnoreParenCasts())
                                    : std::nullopt;
      if (!DV || (*DV != 0 && *DV != 1))
        return Tri::Unknown;
    }
    Tri T = eval(Flag, W, Depth + 1);
    return *K == 1 ? T : neg(T);
  }

  /// The value of flag V at Use (at the end of an iteration when Use is in
  /// the loop's condition), from its assignments in the loop, in source
  /// order: an assignment under a condition that holds replaces the value,
  /// one under a condition that does not is skipped, any other one keeps the
  /// value only when it assigns the same. `if (V) V = false;` leaves V
  /// false either way.
  Tri flagValue(const VarDecl *V, const Expr *Use, World W,
                unsigned Depth) const {
    const Expr *Cond = loopCond(CurLoop);
    bool AtEnd = Cond && within(Use, Cond);
    for (const auto &[S, Var] : Changes)
      if (Var == V && within(S, CurLoop))
        return Tri::Unknown; // ++, --, &V, +=
    Tri Value = Tri::Unknown;
    bool Seen = false;
    // Declared in the loop with an initialiser: every iteration starts
    // from it (`int found = 0;`).
    if (const Expr *Init = V->getInit();
        Init && !V->isStaticLocal() && loopBody(CurLoop) &&
        declaredIn(V, loopBody(CurLoop))) {
      Value = eval(Init, W, Depth + 1);
      Seen = true;
    }
    for (const BinaryOperator *BO : Stores) {
      if (localVar(BO->getLHS()) != V || !within(BO, CurLoop) ||
          (!AtEnd && !before(BO, Use)))
        continue;
      Tri New = eval(BO->getRHS(), W, Depth + 1);
      Guard G = guardOf(BO, CurLoop, /*Preceding=*/false);
      // Under `if (V)` / `if (!V)` alone.
      if (G.Plain && G.Conds.size() == 1) {
        const Expr *C = G.Conds.front().first->IgnoreParenImpCasts();
        bool Truthy = G.Conds.front().second;
        if (const auto *UO = dyn_cast<UnaryOperator>(C);
            UO && UO->getOpcode() == UO_LNot) {
          C = UO->getSubExpr()->IgnoreParenImpCasts();
          Truthy = !Truthy;
        }
        if (localVar(C) == V) {
          Tri Kept = Truthy ? Tri::False : Tri::True;
          Value = New == Kept ? Kept : Tri::Unknown;
          Seen = true;
          continue;
        }
      }
      Tri Holds = G.Plain ? guardValue(G, W, Depth + 1) : Tri::Unknown;
      if (Holds == Tri::True || !Seen)
        Value = Holds == Tri::False ? Value : (Holds == Tri::True ? New : Tri::Unknown);
      else if (Holds == Tri::Unknown && Value != New)
        Value = Tri::Unknown;
      if (Holds != Tri::False)
        Seen = true;
    }
    return Value;
  }

  static Tri valueIn(Meaning M, World W) {
    if (M == Meaning::None)
      return Tri::Unknown;
    return (M == Meaning::WorkingIfTrue) == (W == World::Working) ? Tri::True
                                                                  : Tri::False;
  }

  /// The branch conditions that lead from L's body to X (true: the
  /// condition holds there). Plain tells whether only `if`s lie between.
  struct Guard {
    llvm::SmallVector<std::pair<const Expr *, bool>, 4> Conds;
    bool Plain = true;
  };
  Tri guardValue(const Guard &G, World W, unsigned Depth = 0) const {
    Tri T = Tri::True;
    for (const auto &[E, Holds] : G.Conds) {
      Tri V = eval(E, W, Depth);
      T = and3(T, Holds ? V : neg(V));
    }
    return T;
  }
  /// S does not fall through: a jump, a call that does not return, or a
  /// block that ends in one.
  static bool endsInJump(const Stmt *S) {
    if (!S)
      return false;
    if (const auto *CS = dyn_cast<CompoundStmt>(S))
      return !CS->body_empty() && endsInJump(CS->body_back());
    if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(S))
      return true;
    if (const auto *E = dyn_cast<Expr>(S))
      if (const auto *CE = dyn_cast<CallExpr>(E->IgnoreImplicit()))
        if (const FunctionDecl *FD = CE->getDirectCallee())
          return FD->isNoReturn();
    return false;
  }
  /// The conditions on the way from L's body to X. With Preceding, also
  /// those of the `if`s before X in the same blocks that jump away when
  /// they hold (`if (PQstatus(c) == CONNECTION_OK) break;` ... X: X runs
  /// only when the status is not OK).
  Guard guardOf(const Stmt *X, const Stmt *L, bool Preceding) const {
    Guard G;
    const Stmt *Child = X;
    for (const Stmt *P = PM.getParent(X); P && P != L;
         Child = P, P = PM.getParent(P)) {
      if (const auto *If = dyn_cast<IfStmt>(P)) {
        if (Child == If->getThen())
          G.Conds.push_back({If->getCond(), true});
        else if (Child == If->getElse())
          G.Conds.push_back({If->getCond(), false});
      } else if (const auto *CS = dyn_cast<CompoundStmt>(P)) {
        if (!Preceding)
          continue;
        for (const Stmt *Before : CS->body()) {
          if (Before == Child)
            break;
          const auto *If = dyn_cast<IfStmt>(Before);
          if (!If || If->getConditionVariable())
            continue;
          bool ThenJumps = endsInJump(If->getThen());
          bool ElseJumps = endsInJump(If->getElse());
          if (ThenJumps && !ElseJumps)
            G.Conds.push_back({If->getCond(), false});
          else if (ElseJumps && !ThenJumps)
            G.Conds.push_back({If->getCond(), true});
        }
      } else if (!isa<LabelStmt, AttributedStmt>(P)) {
        G.Plain = false;
      }
    }
    return G;
  }

  /// The condition of a for, while or do loop (null: none, or a range for).
  static const Expr *loopCond(const Stmt *L) {
    if (const auto *For = dyn_cast_or_null<ForStmt>(L))
      return For->getCond();
    if (const auto *While = dyn_cast_or_null<WhileStmt>(L))
      return While->getCond();
    if (const auto *Do = dyn_cast_or_null<DoStmt>(L))
      return Do->getCond();
    return nullptr;
  }

  static const Stmt *loopBody(const Stmt *L) {
    if (const auto *For = dyn_cast<ForStmt>(L))
      return For->getBody();
    if (const auto *While = dyn_cast<WhileStmt>(L))
      return While->getBody();
    if (const auto *Do = dyn_cast<DoStmt>(L))
      return Do->getBody();
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(L))
      return Range->getBody();
    return nullptr;
  }

  /// Does E read a handle of the iteration: the handle itself, a call given
  /// it (`authenticate(c, pw)`), a field of it (`r->type`), after flags and
  /// status variables are replaced by their definition?
  bool readsHandle(const Expr *E, unsigned Depth = 0) const {
    if (!E || Depth > 8)
      return false;
    E = resolve(E);
    if (const VarDecl *V = localVar(E); V && Handles.count(V))
      return true;
    for (const Stmt *Child : E->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(Child))
        if (readsHandle(CE, Depth + 1))
          return true;
    return false;
  }

  /// Does L's body end in a jump that leaves the loop (`found = 1;
  /// break;`): does the loop go on only through its `continue`s?
  bool endsInExit(const Stmt *L) const {
    const Stmt *S = loopBody(L);
    while (const auto *CS = dyn_cast_or_null<CompoundStmt>(S))
      S = CS->body_empty() ? nullptr : CS->body_back();
    if (!S)
      return false;
    if (isa<ReturnStmt>(S))
      return true;
    if (isa<BreakStmt>(S))
      return jumpTarget(S, true) == L;
    if (const auto *G = dyn_cast<GotoStmt>(S))
      return !G->getLabel()->getStmt() || !within(G->getLabel()->getStmt(), L);
    if (const auto *E = dyn_cast<Expr>(S))
      if (const auto *CE = dyn_cast<CallExpr>(E->IgnoreImplicit()))
        if (const FunctionDecl *FD = CE->getDirectCallee())
          return FD->isNoReturn();
    return false;
  }

  /// A `continue` whose guard the models cannot read in the working world,
  /// but whose every unread condition tests the iteration's client through
  /// something the models do not describe (a helper of the program given
  /// the client, a field of a reply from it), in a loop that leaves at the
  /// end of its body: the loop tries the next endpoint only when the client
  /// did not pass those tests, so they are read as failures.
  bool continuesOnClientTest(const Guard &G, const Stmt *L) const {
    if (!G.Plain || !endsInExit(L))
      return false;
    bool Any = false;
    for (const auto &[E, Holds] : G.Conds) {
      Tri V = eval(E, World::Working);
      if ((Holds ? V : neg(V)) != Tri::Unknown)
        continue;
      if (!readsHandle(E))
        return false;
      Any = true;
    }
    return Any;
  }

  /// The statement a break or continue goes to.
  const Stmt *jumpTarget(const Stmt *J, bool Break) const {
    for (const Stmt *P = PM.getParent(J); P; P = PM.getParent(P))
      if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P) ||
          (Break && isa<SwitchStmt>(P)))
        return P;
    return nullptr;
  }

  /// Does L stop at the first iteration whose client works: does it go on
  /// only after a failure (a retry loop, or a loop over endpoints that
  /// stops at the first answer)?
  bool stopsAtFirstSuccess(const Stmt *L, const Expr *C, const VarDecl *H,
                           const Family *F) {
    collectHandles(L, H, F);
    CurLoop = L;
    bool Success = false;
    auto Judge = [&](const Guard &G) {
      Tri IfFailed = guardValue(G, World::Failed);
      Tri IfWorking = guardValue(G, World::Working);
      // Taken only when it works, or always when it works.
      if ((IfFailed == Tri::False && IfWorking != Tri::False) ||
          (G.Plain && IfWorking == Tri::True))
        Success = true;
    };
    for (const Stmt *J : Jumps) {
      if (!within(J, L) || !before(C, J))
        continue;
      if (isa<ContinueStmt>(J)) {
        // Going on after a client that may have worked: not a retry.
        if (jumpTarget(J, false) != L)
          continue;
        Guard G = guardOf(J, L, /*Preceding=*/true);
        Tri IfWorking = guardValue(G, World::Working);
        if (IfWorking == Tri::True ||
            (IfWorking == Tri::Unknown && !continuesOnClientTest(G, L)))
          return false;
        continue;
      }
      bool Leaves = isa<ReturnStmt>(J);
      if (isa<BreakStmt>(J))
        Leaves = jumpTarget(J, true) == L;
      if (const auto *G = dyn_cast<GotoStmt>(J))
        Leaves = !G->getLabel()->getStmt() ||
                 !within(G->getLabel()->getStmt(), L);
      if (Leaves)
        Judge(guardOf(J, L, /*Preceding=*/false));
    }
    // The loop's own condition: it ends when the condition is false.
    const Expr *Cond = nullptr;
    if (const auto *For = dyn_cast<ForStmt>(L))
      Cond = For->getCond();
    else if (const auto *While = dyn_cast<WhileStmt>(L))
      Cond = While->getCond();
    else if (const auto *Do = dyn_cast<DoStmt>(L))
      Cond = Do->getCond();
    if (Cond) {
      Guard G;
      G.Conds.push_back({Cond, false});
      Judge(G);
    }
    return Success;
  }

  TUAnalysis &TU;
  ASTContext &Ctx;
  const SourceManager &SM;
  ParentMap PM;

  std::vector<const CallExpr *> Calls;
  std::vector<const Stmt *> Returns, Jumps;
  std::vector<const BinaryOperator *> Stores;
  /// ++, --, &V and compound assignments of local variables.
  std::vector<std::pair<const Stmt *, const VarDecl *>> Changes;
  llvm::DenseMap<const VarDecl *, std::vector<const Expr *>> Defs;
  llvm::DenseMap<const VarDecl *, const Family *> Handles;
  const Stmt *CurLoop = nullptr; ///< the loop being judged
};

} // namespace

void PerRequestClientCheck::checkTranslationUnit(TUAnalysis &TU, ASTContext &Ctx) {
  const ModelSet &M = TU.models();
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> PerRequestClasses;
  llvm::SmallPtrSet<const Expr *, 8> Reported;

  auto Report = [&](const Construction &C, const std::string &Where) {
    if (!Reported.insert(C.E).second)
      return;
    diag(C.E->getBeginLoc(), "%0 builds a new %1 %2")
        << C.What << C.Kind << Where << C.E->getSourceRange();
    if (!C.Share.empty())
      diag(C.E->getBeginLoc(), "share one instead: %0", DiagnosticIDs::Note)
          << C.Share;
  };

  llvm::DenseMap<const CXXRecordDecl *, bool> BuiltInLoopOnly;
  for (const FunctionDecl *FD : TU.functions()) {
    std::string Handler = requestHandlerContext(M, FD);
    std::unique_ptr<LoopJudge> Loops;
    walkBody(FD->getBody(), [&](const Stmt *S, bool InLoop) {
      if (!InLoop && Handler.empty())
        return;
      std::string Where =
          !Handler.empty() ? "inside " + Handler : "inside a loop";
      if (std::optional<Construction> C = clientConstruction(TU, S)) {
        if (const auto *NE = dyn_cast<CXXNewExpr>(C->E))
          if (const CXXConstructExpr *Inner = NE->getConstructExpr())
            Reported.insert(Inner); // one report for new T(...)
        if (Reported.count(C->E))
          return;
        if (!Loops)
          Loops = std::make_unique<LoopJudge>(TU, FD);
        // In a loop, only a client that lives for one iteration of a loop
        // that goes on after it worked is waste: a pool being filled, a
        // reconnect into a variable declared before the loop, a retry loop
        // and a loop that stops at the first endpoint that answers keep or
        // need what they build. A handle that reuses connections kept
        // elsewhere (curl: CURLOPT_SHARE) is not a new client anywhere.
        if (Handler.empty() ? !Loops->perItem(C->E) : Loops->reuses(C->E))
          return;
        Report(*C, Where);
        return;
      }
      // Classes built per request: their constructors are judged below.
      QualType T;
      if (const auto *CCE = dyn_cast<CXXConstructExpr>(S))
        T = CCE->getType();
      else if (const auto *NE = dyn_cast<CXXNewExpr>(S))
        T = NE->getAllocatedType();
      else if (const auto *CE = dyn_cast<CallExpr>(S))
        T = madeTypeAsWritten(CE);
      // In a loop, as above: only an object that lives for one iteration
      // of a loop that goes on (not one kept in a member container: a
      // connection per configured database, built at start-up).
      if (!T.isNull() && Handler.empty()) {
        if (!Loops)
          Loops = std::make_unique<LoopJudge>(TU, FD);
        // new T(...) is judged as the new-expression, not its constructor.
        const Stmt *P = Loops->parents().getParent(S);
        if (isa<CXXConstructExpr>(S) && isa_and_nonnull<CXXNewExpr>(P))
          T = QualType();
        else if (!Loops->perItem(cast<Expr>(S)))
          T = QualType();
      }
      if (!T.isNull())
        if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
          if (RD->hasDefinition() && !Ctx.getSourceManager().isInSystemHeader(
                                         RD->getLocation())) {
            PerRequestClasses.insert(RD->getDefinition());
            auto [It, New] = BuiltInLoopOnly.try_emplace(RD->getDefinition(), true);
            if (!Handler.empty())
              It->second = false;
          }
    });
  }

  // A client built in the constructor (or a default member initializer) of
  // a class that is itself built per request.
  for (const CXXRecordDecl *RD : PerRequestClasses) {
    std::string Where = "inside the constructor of '" + RD->getNameAsString() +
                        (BuiltInLoopOnly.lookup(RD)
                             ? "', which is built inside a loop"
                             : "', which is built per request");
    auto Scan = [&](const Stmt *Root) {
      walkBody(Root, [&](const Stmt *S, bool) {
        if (std::optional<Construction> C = clientConstruction(TU, S))
          Report(*C, Where);
      });
    };
    for (const CXXConstructorDecl *Ctor : RD->ctors()) {
      if (!Ctor->doesThisDeclarationHaveABody() || Ctor->isCopyOrMoveConstructor())
        continue;
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten())
          Scan(Init->getInit());
      Scan(Ctor->getBody());
    }
    for (const FieldDecl *FD : RD->fields())
      if (FD->hasInClassInitializer())
        Scan(FD->getInClassInitializer());
  }
}

} // namespace connleak
