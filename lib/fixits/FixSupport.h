//===--- FixSupport.h - the parts the RAII fix-its share --------*- C++ -*-===//
//
// Private to lib/fixits: text edits (FixUses.cpp), the classification of
// every use of the handle variable and the variable the fix rewrites
// (FixUses.cpp), and the three rewrites: std::unique_ptr (FixIts.cpp),
// scoped pool sessions and scope guards (GuardFix.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_LIB_FIXITS_FIXSUPPORT_H
#define CONNLEAK_LIB_FIXITS_FIXSUPPORT_H

#include "connleak/fixits/FixIts.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <optional>
#include <string>
#include <vector>

namespace connleak {
namespace fixits {

using namespace clang;
using llvm::StringRef;

//===----------------------------------------------------------------------===//
// The uses of the handle variable
//===----------------------------------------------------------------------===//

struct Use {
  enum KindT {
    Plain,    ///< p->x, *p, !p, if (p), p == nullptr: same text for any owner
    NeedsRaw, ///< needs the raw handle: f(p), p == q, bool b = p
    Release,  ///< a release call of the family
    Delete,   ///< delete p
    OutArg,   ///< &p passed to the out-parameter acquisition itself
    Assign,   ///< p = acquire(...), the acquisition itself
  } Kind;
  const DeclRefExpr *Ref = nullptr;
  SourceLocation RefEnd;           ///< where .get() goes (NeedsRaw)
  const Expr *Call = nullptr;      ///< Release: the call; Delete: the delete
  const FunctionDecl *Callee = nullptr;
};

struct Target {
  const VarDecl *VD = nullptr;
  const DeclStmt *DS = nullptr;     ///< declares VD
  const CompoundStmt *Scope = nullptr; ///< the block DS is in
  /// `v = acquire(...);` when the variable was declared before (C style).
  const BinaryOperator *Assign = nullptr;
};

struct Uses {
  std::vector<Use> List;
  std::string Unsafe; ///< why some use has no rewrite; empty if none
};

/// True if only return statements (or nothing) follow S in its block: then
/// the release right before the end of the scope is redundant, and removing
/// it keeps the order of releases.
bool onlyReturnsFollow(const ParentMap &PM, const Stmt *S,
                       const Stmt *ScopeOfVar);

/// The single release function of a family that takes the handle as its
/// only argument, for decltype(&fn); or "delete"; or "" if neither.
std::string deleterFor(const Family &F);

bool isAttributeFamily(const Family &F);

StringRef text(SourceRange R, const ASTContext &Ctx);

const Stmt *useParent(const ParentMap &PM, const Stmt *S);

bool isContextualBool(const ParentMap &PM, const Stmt *Cast);

/// Removes the text from Begin to AfterSemi (just past a statement's ';'),
/// including its line when the statement stands alone on that line.
std::optional<FixItHint> removeRange(SourceLocation Begin,
                                     SourceLocation AfterSemi,
                                     const ASTContext &Ctx);

/// Removes a whole statement `call;`.
std::optional<FixItHint> removeStatement(const Expr *E, const ASTContext &Ctx);

/// Removes a declaration statement (its range ends at the ';').
std::optional<FixItHint> removeDecl(const DeclStmt *DS, const ASTContext &Ctx);

/// The white space that starts the line of Loc.
std::string indentOf(SourceLocation Loc, const ASTContext &Ctx);

Uses classifyUses(TUAnalysis &TU, const Stmt *Body, const ParentMap &PM,
                  const Target &T, const Site &S);

/// The declaration statement that declares VD, in a block of the body.
const DeclStmt *declStmtOf(const Stmt *Body, const VarDecl *VD);

/// True if some declaration in the body (or a parameter) is named Name.
bool nameTaken(const FunctionDecl *FD, StringRef Name);

/// Variables assigned, incremented or address-taken anywhere in the body.
llvm::SmallPtrSet<const VarDecl *, 8> modifiedVars(const Stmt *Body);

/// The exit and throw locations of the site's reports, for the guard fix:
/// a guard declared after the acquiring statement repairs only exits that
/// come after it.
std::vector<SourceLocation> reportLocations(const FunctionResult &R,
                                            const Site &S);

/// The object a member call is made on, as text a constructor can take
/// (`pool`, `*pool` for `pool->lease()`); "" if there is none to name.
std::string objectText(const CXXMemberCallExpr *MC, const ASTContext &Ctx);

/// The variable the site's handle lives in, with its declaration.
std::optional<Target> findTarget(const ParentMap &PM, const Stmt *Body,
                                 const Site &S, std::string &Why);

/// The scoped session type of a pool checkout: the pooled-sessions entry
/// whose pool type is the type of the object `lease()` is called on.
const PooledSessionSpec *sessionFor(TUAnalysis &TU, const Site &S);

/// The reference declared from the checkout (`soci::session &sql =
/// pool.at(pos);`) for a use of the position, or null.
const DeclStmt *sessionRefDecl(const ParentMap &PM, const Use &X,
                               const PooledSessionSpec &P);

/// Kind 3, pools with a scoped session type: lease/at/give_back become one
/// session object.
std::optional<RaiiFix> sessionFix(TUAnalysis &TU, const ParentMap &PM,
                                  const Site &S, const Target &T,
                                  const Uses &U, std::string &Why);

/// An argument of a release call that a guard can evaluate at the end of the
/// scope with the same value: a constant, `this`, or a variable declared
/// before the guard and never modified, or a member of one.
bool isStable(const Expr *E, const ASTContext &Ctx, SourceLocation GuardLoc,
              const llvm::SmallPtrSet<const VarDecl *, 8> &Modified);

/// The release call a guard makes when the function has none to copy:
/// built from the family's release entry when each argument other than the
/// handle is fixed by a `when` condition.
std::string releaseFromModel(const Family &F, StringRef Name);

/// Kind 3, scope guard: `auto h_guard = scope_exit([&] { if (h) release; });`
/// right after the acquisition (after the variable, for out-parameters),
/// and the explicit releases removed.
std::optional<RaiiFix> guardFix(TUAnalysis &TU, const FunctionResult &R,
                                const ParentMap &PM, const Site &S,
                                const Target &T, const Uses &U,
                                const FixOptions &O, std::string &Why);

/// Kinds 1 and 2: the variable becomes a std::unique_ptr.
std::optional<RaiiFix> uniquePtrFix(TUAnalysis &TU, const ParentMap &PM,
                                    const Site &S, const Target &T,
                                    const Uses &U, StringRef Deleter,
                                    std::string &Why);

} // namespace fixits
} // namespace connleak

#endif
