//===--- FunctionAnalyzer.h - the flow analysis of one function -*- C++ -*-===//
//
// One forward pass over a function's CFG with the path states of
// PathState.h. The work is split along its seams, one file each:
//
//   Solver.cpp          worklist in reverse post-order, per-block state
//                       lists (ESP), branch pruning and refinement, lifetime
//                       ends, garbage collection of settled sites;
//   Transfer.cpp        calls: what a call releases, acquires, lets escape
//                       (through callEffect(), CalleeOracle.h), and where an
//                       acquired value goes;
//   Events.cpp          the other statements (declarations, assignments,
//                       returns, throws, new/delete, lambdas) and the state
//                       events they cause (release, rebind, exit, escape);
//   ExceptionPaths.cpp  calls that may throw while a handle is owned, and
//                       the catch handlers that make them safe;
//   Results.cpp         leak and exception reports, and the function's
//                       summary for its callers.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_LIB_ANALYSIS_FUNCTIONANALYZER_H
#define CONNLEAK_LIB_ANALYSIS_FUNCTIONANALYZER_H

#include "PathState.h"
#include "connleak/analysis/Analysis.h"
#include "connleak/ast/AstHelpers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <queue>
#include <vector>

namespace connleak {

/// Where the value of a return-style acquire goes.
enum class Dest { Var, Escape, Release, Lost, Returned };

/// A call that may throw while a site is owned, with the variables that
/// hold the site there (a catch handler that releases one of them protects
/// it).
struct ThrowPoint {
  const clang::Expr *E;
  llvm::SmallVector<const clang::VarDecl *, 2> Vars;
};

/// What the analysis learns about one site over all paths.
struct SiteFacts {
  llvm::SmallVector<LeakExit, 4> Exits; ///< where it leaked
  uint8_t ExitBits = 0;   ///< its statuses at the function's exits
  uint8_t EverStatus = 0; ///< every status it had anywhere
  llvm::SmallVector<ThrowPoint, 2> Throws;
  /// The sites it was made from, with the variable holding each.
  llvm::SmallVector<std::pair<uint16_t, const clang::VarDecl *>, 2> Parents;
  llvm::SmallVector<clang::SourceLocation, 2> ReleaseLocs;
  /// The families whose release was used on it (nullptr: a delete).
  llvm::SmallVector<const Family *, 1> ReleasedBy;
  bool Returned = false; ///< returned to the caller as a fresh handle
  /// Out-parameter slots: the families of the handles stored through it,
  /// and per exit whether it was filled and what the function returned.
  llvm::SmallVector<const Family *, 1> OutFamilies;
  bool OutMixed = false; ///< something other than a fresh handle stored
  llvm::SmallVector<std::pair<bool, std::optional<int64_t>>, 4> OutExits;
};

/// `k->con->x` as base variable `k` and fields [con, x]: a chain of member
/// accesses (through `.` or `->`) on a local variable or parameter. False
/// for anything else (a call, an array element, a global).
bool memberChain(const clang::Expr *E, const clang::VarDecl *&Base,
                 llvm::SmallVectorImpl<const clang::FieldDecl *> &Fields);

class FunctionAnalyzer {
public:
  FunctionAnalyzer(TUAnalysis &TU, const clang::FunctionDecl *FD,
                   FunctionResult &R)
      : TU(TU), Ctx(TU.context()), FD(FD), R(R),
        IsCXX(Ctx.getLangOpts().CPlusPlus && Ctx.getLangOpts().CXXExceptions) {
  }

  void run();

private:
  /// Throw points kept per site (the first ones the analysis meets).
  static constexpr unsigned MaxThrowPointsPerSite = 16;

  TUAnalysis &TU;
  clang::ASTContext &Ctx;
  const clang::FunctionDecl *FD;
  FunctionResult &R;
  bool IsCXX;
  std::unique_ptr<clang::CFG> Cfg;
  std::unique_ptr<clang::ParentMap> PM;
  llvm::DenseMap<const clang::Expr *, unsigned> SiteOf;
  /// The sites of one acquiring expression (first site -> every instance,
  /// the first included); see Site::InstanceOf.
  llvm::DenseMap<unsigned, llvm::SmallVector<unsigned, 2>> Instances;
  /// Handles of one acquiring expression tracked apart at the same time.
  static constexpr unsigned MaxInstancesPerSite = 2;
  std::vector<SiteFacts> Facts; ///< parallel to R.Sites
  bool ReturnsNull = false, ReturnsOther = false;
  /// Out-parameter -> its slot site (see Site::OutSlot).
  llvm::DenseMap<const clang::ParmVarDecl *, unsigned> OutSlots;
  /// `*out = ...` with out a parameter that has a slot: records what is
  /// stored (the sites, or nothing that is a fresh handle).
  void storeOut(PathState &S, const clang::Expr *LHS,
                llvm::ArrayRef<unsigned> Sites);
  /// The slot of `*p` / `p` when p is an out-parameter, or -1.
  int outSlotOf(const clang::Expr *E, bool Deref);
  void recordOutExits(const PathState &S, std::optional<int64_t> Ret);
  llvm::DenseSet<std::pair<const clang::Expr *, unsigned>> HeldSeen;
  /// Variables released by a scope guard: captured by reference by a lambda
  /// that releases them (auto g = scope_exit([&] { close(h); })), or given
  /// by address to an object whose deleter releases what the address points
  /// to (std::unique_ptr<T *, void (*)(T **)> g(&h, [](T **p) { close(*p); })).
  /// A handle
  /// stored in one is owned by the guard, also when it is stored after the
  /// guard was declared (an out-parameter acquisition).
  llvm::DenseSet<const clang::VarDecl *> Guarded;

  // Solver.cpp ------------------------------------------------------------
  std::vector<std::vector<PathState>> In;
  std::vector<unsigned> RPO;
  std::vector<const clang::CFGBlock *> ById;
  std::priority_queue<std::pair<unsigned, unsigned>,
                      std::vector<std::pair<unsigned, unsigned>>,
                      std::greater<>>
      Queue;
  llvm::BitVector Queued;
  unsigned Visits = 0;

  bool buildCFG();
  PathState entryState();
  void solve(unsigned Budget);
  /// Reverse post-order numbering; unreachable successors are null and
  /// skipped (llvm::ReversePostOrderTraversal does not expect them).
  void computeRPO();
  void enqueue(const clang::CFGBlock *B);
  void mergeInto(const clang::CFGBlock *Succ, PathState NS);
  void processBlock(const clang::CFGBlock *B, PathState S);
  const clang::Expr *conditionOf(const clang::CFGBlock *B);
  void refine(const clang::Expr *Cond, bool Branch, PathState &S);
  /// On the edge of `if (<caller's flag>) release(h);` that skips the
  /// release, the caller owns h (see Solver.cpp).
  void callerOwnsOnEdge(const clang::CFGBlock *B, bool Branch, PathState &S);
  /// V is null on this path: its value is 0 and its owned handles are Null.
  void assumeNull(const clang::VarDecl *V, PathState &S);
  /// An assertion macro expanded at St's location asserts variables null
  /// (AnalysisOptions::Assertions): assumes them null in S.
  void applyAssertions(const clang::Stmt *St, PathState &S);
  /// Forgets real sites that are settled on this path (released, null or
  /// escaped) and no longer held by any variable, and bindings to them: they
  /// cannot leak any more, and keeping them would keep otherwise equal ESP
  /// states apart and make every state as large as the function.
  void collect(PathState &S);
  EvalEnv env(const PathState &S) { return EvalEnv{Ctx, S.Vals, S.ExprVals}; }
  /// Names a site for dump(): "PQconnectdb@12".
  std::string siteName(unsigned I) const;

  // Events.cpp ------------------------------------------------------------
  unsigned newSite(Site S);
  void setStatus(PathState &S, unsigned Idx, uint8_t V);
  void leak(unsigned Idx, LeakExit E);
  bool compatible(unsigned Idx, const Family *F, bool IsDelete);
  void escapeVar(PathState &S, const clang::VarDecl *V);
  void release(PathState &S, unsigned Idx, const Family *By,
               const clang::Expr *At);
  clang::SourceLocation scopeEndLoc(const clang::Stmt *S);
  /// Rebinds V, reporting sites that lose their last holder while owned.
  void rebind(PathState &S, const clang::VarDecl *V, const SiteSet &NewSites,
              const clang::Stmt *At, ExitKind K);
  void atExit(PathState &S, clang::SourceLocation Loc, ExitKind K);
  bool copyHandle(PathState &S, const clang::VarDecl *V,
                  const clang::VarDecl *Src, const clang::Stmt *At,
                  ExitKind K);
  /// True if the statement releases the variable (a scope guard's lambda).
  bool releasesVar(const clang::Stmt *St, const clang::VarDecl *V);
  void collectGuarded(const clang::Stmt *St);
  bool releasesPointee(const clang::Stmt *Body, const clang::ParmVarDecl *P);
  void transfer(const clang::Stmt *St, PathState &S,
                llvm::SmallVectorImpl<PathState> &Out);
  void handleDelete(const clang::CXXDeleteExpr *DE, PathState &S);
  void handleConstruct(const clang::CXXConstructExpr *CCE, PathState &S);
  void handleDecl(const clang::DeclStmt *DS, PathState &S);
  void handleAssign(const clang::BinaryOperator *BO, PathState &S);
  void handleReturn(const clang::ReturnStmt *RS, PathState &S);
  void handleThrow(const clang::CXXThrowExpr *TE, PathState &S);
  void handleAddressOf(const clang::UnaryOperator *UO, PathState &S);
  /// A local variable's scope closes: its handle leaks if nothing else holds
  /// it, and its value facts are forgotten.
  void lifetimeEnds(const clang::CFGLifetimeEnds &LE, PathState &S);

  // Transfer.cpp ----------------------------------------------------------
  bool isReturnAcquire(const clang::Expr *E);
  /// Where the value of a return-style acquire goes.
  Dest destination(const clang::Expr *E, const Family *F,
                   const clang::VarDecl *&Var);
  Dest destinationInCall(const clang::CallExpr *Call, const clang::Stmt *Child,
                         const Family *F);
  /// Records an acquisition at E of family F.
  void acquire(const clang::Expr *E, const Family *F, const AcquireSpec *A,
               llvm::StringRef Name, const CallArgs *Args, PathState S,
               llvm::SmallVectorImpl<PathState> &Out, bool Nullable);
  unsigned instanceFor(unsigned First, const clang::VarDecl *Var,
                       const PathState &S);
  void mergeInstances();
  bool atProcessExit(ExitKind K, const clang::Stmt *Trigger) const;
  void refineField(const clang::MemberExpr *ME, bool Set, PathState &S);
  /// The block being processed (for refineField's stability test).
  const clang::CFGBlock *CurBlock = nullptr;
  /// The block of each acquiring expression with a null-when-set context.
  llvm::DenseMap<const clang::Expr *, const clang::CFGBlock *> AcquireBlock;
  /// (acquiring expression, test block) -> the context is stable between.
  llvm::DenseMap<std::pair<const clang::Expr *, unsigned>, bool> StableCache;
  /// True if no path from the acquisition of Si to the test in block Test
  /// writes the context of its null-when-set fact (see refineField).
  bool contextStable(const Site &Si, const clang::CFGBlock *Test);
  void updateVal(const clang::Expr *Update, const clang::VarDecl *V,
                 PathState &S);
  unsigned siteFor(const clang::Expr *E, const Family *F, const AcquireSpec *A,
                   llvm::StringRef Name, const clang::VarDecl *Var);
  void addParents(unsigned Idx, const clang::Expr *E, const CallArgs *Args,
                  const PathState &S);
  void splitOnOutcome(unsigned Idx, const clang::Expr *E, const Family *F,
                      const AcquireSpec *A, const clang::VarDecl *Var,
                      PathState S, llvm::SmallVectorImpl<PathState> &Out,
                      bool Nullable);
  void handleCall(const clang::CallExpr *CE, PathState &S,
                  llvm::SmallVectorImpl<PathState> &Out);
  void handleNew(const clang::CXXNewExpr *NE, PathState &S,
                 llvm::SmallVectorImpl<PathState> &Out);
  void noteBlocking(PathState &S, const clang::CallExpr *CE);

  // ExceptionPaths.cpp ----------------------------------------------------
  bool inTryBlock(const clang::Stmt *S);
  /// The call an exception from E is attributed to: the outermost call of
  /// which E is (transitively) an argument.
  const clang::Expr *throwPointOf(const clang::Expr *E);
  std::string calleeName(const clang::Expr *E);
  /// True if the state owns a real (not summary) handle other than those in
  /// Except, and, with PooledOnly, a pooled one. The exception and blocking
  /// queries are asked only then: on real C++ code clang-tidy's
  /// ExceptionAnalyzer is the most expensive part of the analysis, and most
  /// calls happen while no handle is held.
  bool ownsHandle(const PathState &S, llvm::ArrayRef<unsigned> Except,
                  bool PooledOnly = false) const;
  void noteThrow(PathState &S, const clang::Expr *E,
                 llvm::ArrayRef<unsigned> Except);
  /// True if a handler of type H catches an exception object of type T.
  bool handlerMatches(clang::QualType H, clang::QualType T);
  /// True if a handler of this function catches what the throw throws.
  bool caughtInFunction(const clang::CXXThrowExpr *TE);
  /// True if the statement releases one of the variables with a release of
  /// the family (or a local helper whose summary releases that argument),
  /// or deletes one.
  bool releasesOneOf(const clang::Stmt *St, const Family *F,
                     llvm::ArrayRef<const clang::VarDecl *> Vars);
  /// True if the call releases, as a handle of family F (null: any), an
  /// argument for which Held is true.
  bool callReleases(const clang::CallExpr *CE, const Family *F,
                    llvm::function_ref<bool(const clang::Expr *)> Held);
  /// True if control can leave the handler other than by falling off its
  /// end: return, throw, goto, or a break/continue of an outer loop.
  static bool leavesEarly(const clang::Stmt *St, bool InLoop = false);
  /// True if every handler of the try statements around the call makes an
  /// exception from it safe for site I, and one of them catches everything.
  bool caughtSafely(const ThrowPoint &T, unsigned I);

  // Results.cpp -----------------------------------------------------------
  void finish();
  void reportLeak(unsigned I);
  void reportExceptionUnsafe(unsigned I);
  void buildSummary();
  void buildOutSummary(unsigned SlotSite);
};

} // namespace connleak

#endif
