//===--- CalleeOracle.h - what a call does to a handle ----------*- C++ -*-===//
//
// The one answer to "what does this call do to the handle in argument N":
// every decision site of the flow analysis (a handle passed on, an acquire
// passed straight to a call, a scope guard's lambda, a catch handler), the
// fix-its and the checks ask callEffect(). The answer comes, in this order,
// from the models (a release entry whose `when` conditions hold, an adopting
// entry, any mention), then from the summary of a same-TU body, and is
// Unknown otherwise (what that means is UnknownCallsEscape's business).
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_ANALYSIS_CALLEEORACLE_H
#define CONNLEAK_ANALYSIS_CALLEEORACLE_H

#include "connleak/ast/AstHelpers.h"
#include "connleak/model/Model.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace connleak {

class TUAnalysis;

enum class ArgEffect : uint8_t {
  Release, ///< the call releases the handle
  Borrow,  ///< it uses the handle and leaves it to the caller
  Sink,    ///< a same-TU body stores it or hands it on (its summary)
  Adopt,   ///< a model says the callee takes ownership
  Unknown, ///< nothing is known of the callee
};

struct CallEffect {
  ArgEffect Kind = ArgEffect::Unknown;
  /// Release: the families whose release was used (nullptr for a delete in
  /// a summarised body).
  llvm::SmallVector<const Family *, 1> ReleasedAs;
  /// Release by a model entry (null for a summarised body).
  const ReleaseSpec *Spec = nullptr;
};

/// What the call does to the handle it receives at model position Pos (-1:
/// the implicit object), for a handle of family F (null: of any family, as
/// for a summary's parameter).
CallEffect callEffect(TUAnalysis &TU, const clang::CallExpr *CE, int Pos,
                      const Family *F);
/// The model position of argument Arg of the call (-1 for the object), or
/// nullopt if Arg is none of them.
std::optional<int> argPosition(const CallArgs &A, const clang::Expr *Arg);

/// True if every `when` condition of a model entry holds for the call.
bool whenHolds(llvm::ArrayRef<ArgCondition> When, const CallArgs &A,
               clang::ASTContext &Ctx);

/// The acquire entry of the callee whose `when` conditions hold, with its
/// family, or {null, null}.
std::pair<const AcquireSpec *, const Family *>
acquireRole(TUAnalysis &TU, const clang::CallExpr *CE);

/// The pooled-session entry for a session of type T made from these
/// arguments (soci::session sql(pool), make_unique<soci::session>(pool)),
/// or null.
const PooledSessionSpec *
pooledSessionFrom(const ModelSet &M, clang::QualType T,
                  llvm::ArrayRef<const clang::Expr *> Args);
/// The pooled-session entry whose pool type is the (pointed-to) type of a
/// checkout's object (pool.lease(), pool->lease()), or null.
const PooledSessionSpec *pooledSessionOfPool(const ModelSet &M,
                                             clang::QualType PoolType);

/// The pooled-session entry of a local session declared from a pool
/// (soci::session sql(pool)) or from a checkout call (Poco::Data::Session
/// s = pool.get()), or null.
const PooledSessionSpec *pooledSessionDeclared(TUAnalysis &TU,
                                               const clang::VarDecl *V);

} // namespace connleak

#endif
