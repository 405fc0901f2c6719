//===--- Evaluator.h - tiny value evaluator for branch conditions ---------===//
//
// Evaluates branch conditions over the few facts the flow analysis tracks:
// integer values of scalar locals (flags, status codes), null or non-null
// handles, and the status value an acquire call returned on this path.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_LIB_EVALUATOR_H
#define CONNLEAK_LIB_EVALUATOR_H

#include "connleak/ast/AstHelpers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>

namespace connleak {

struct Val {
  enum KindT : uint8_t { Int, NonNull } Kind = Int;
  /// An integer's exact mathematical value: V, or, when Big is set, the
  /// unsigned value (uint64_t)V, which is >= 2^63 (UINT64_MAX, SIZE_MAX).
  /// Values that fit in int64_t are never Big, so equal values compare
  /// equal. Wider values are not kept (unknown).
  bool Big = false;
  int64_t V = 0;
  /// When the fact was set; not part of the value (see setVal).
  uint32_t Stamp = 0;
  static Val integer(int64_t X) { return {Int, false, X, 0}; }
  /// An unsigned value; Big when it does not fit in int64_t.
  static Val fromUnsigned(uint64_t X) {
    return {Int, X > (uint64_t)INT64_MAX, static_cast<int64_t>(X), 0};
  }
  static Val nonNull() { return {NonNull, false, 1, 0}; }
  bool operator==(const Val &O) const {
    return Kind == O.Kind && V == O.V && Big == O.Big;
  }
  bool operator!=(const Val &O) const { return !(*this == O); }
  bool truth() const { return Kind == NonNull || V != 0; }
  /// Three-way comparison of two integers' mathematical values.
  int compare(const Val &O) const {
    if (Big != O.Big)
      return Big ? 1 : -1;
    if (Big)
      return (uint64_t)V < (uint64_t)O.V ? -1 : (uint64_t)V > (uint64_t)O.V;
    return V < O.V ? -1 : V > O.V;
  }
};

/// Sorted (by pointer) list of known values of local variables.
using VarVals = llvm::SmallVector<std::pair<const clang::VarDecl *, Val>, 4>;

const Val *lookupVal(const VarVals &Vals, const clang::VarDecl *V);
/// Sets or forgets a fact. A state keeps at most MaxVals facts: past that the
/// oldest is forgotten, which is sound (a forgotten fact is "unknown") and
/// keeps each state's size, and so the analysis, linear in the function.
void setVal(VarVals &Vals, const clang::VarDecl *V, std::optional<Val> X);
constexpr unsigned MaxVals = 48;
/// Keeps only the facts both sides agree on: equal values, or "non-zero"
/// (NonNull) where both are non-zero (3 and NonNull, 1 and 2). Returns true
/// if Dst changed.
bool intersectVals(VarVals &Dst, const VarVals &Src);

/// Values of expressions evaluated in the current block (few: the status an
/// acquire call returned), kept inline to avoid allocating per state.
using ExprValList = llvm::SmallVector<std::pair<const clang::Expr *, Val>, 2>;

struct EvalEnv {
  clang::ASTContext &Ctx;
  const VarVals &Vals;
  const ExprValList &ExprVals;
};

std::optional<Val> evaluate(const clang::Expr *E, const EvalEnv &Env);

/// The value of a scalar local after `v++`, `v--` or `v op= rhs` (St), from
/// its value before; unknown when either is unknown or on signed overflow.
std::optional<Val> valueAfterUpdate(const clang::Expr *St, const Val &Before,
                                    const EvalEnv &Env);

/// What the edge of a branch on Cond teaches about one integer local
/// (`if (v)`, `if (!v)`, `if (v == K)`, `if (K != v)`): the variable and its
/// value on that edge, when the edge fixes it.
std::optional<std::pair<const clang::VarDecl *, Val>>
valueOnEdge(const clang::Expr *Cond, bool Branch, const EvalEnv &Env);

} // namespace connleak

#endif
