//===--- Evaluator.cpp ----------------------------------------------------===//
#include "Evaluator.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/APSInt.h"
#include <algorithm>

using namespace clang;

namespace connleak {

static bool lessVar(const std::pair<const VarDecl *, Val> &A,
                    const VarDecl *B) {
  return A.first < B;
}

const Val *lookupVal(const VarVals &Vals, const VarDecl *V) {
  auto It = std::lower_bound(Vals.begin(), Vals.end(), V, lessVar);
  return It != Vals.end() && It->first == V ? &It->second : nullptr;
}

void setVal(VarVals &Vals, const VarDecl *V, std::optional<Val> X) {
  auto It = std::lower_bound(Vals.begin(), Vals.end(), V, lessVar);
  bool Found = It != Vals.end() && It->first == V;
  if (!X) {
    if (Found)
      Vals.erase(It);
    return;
  }
  static thread_local uint32_t Clock = 0;
  X->Stamp = ++Clock;
  if (Found) {
    It->second = *X;
    return;
  }
  Vals.insert(It, {V, *X});
  if (Vals.size() > MaxVals) {
    auto Oldest = std::min_element(
        Vals.begin(), Vals.end(), [](const auto &A, const auto &B) {
          return A.second.Stamp < B.second.Stamp;
        });
    Vals.erase(Oldest);
  }
}

bool intersectVals(VarVals &Dst, const VarVals &Src) {
  bool Changed = false;
  for (auto It = Dst.begin(); It != Dst.end();) {
    const Val *O = lookupVal(Src, It->first);
    if (O && *O != It->second && O->truth() && It->second.truth()) {
      // Both non-zero: the join is "non-zero".
      if (It->second.Kind != Val::NonNull) {
        uint32_t Stamp = It->second.Stamp;
        It->second = Val::nonNull();
        It->second.Stamp = Stamp;
        Changed = true;
      }
      ++It;
    } else if (!O || *O != It->second) {
      It = Dst.erase(It);
      Changed = true;
    } else {
      ++It;
    }
  }
  return Changed;
}


/// Integer values are kept as the exact mathematical value of the expression
/// in its C type (see Val): anything that does not fit in 64 bits, and
/// signed overflow, is unknown. Arithmetic is done at the width and
/// signedness of the C type: unsigned arithmetic wraps, signed overflow is
/// undefined behaviour and gives up.
static std::optional<Val> fromAPSInt(const llvm::APSInt &X) {
  if (std::optional<int64_t> V = X.tryExtValue())
    return Val::integer(*V);
  if (X.isUnsigned() && X.getActiveBits() <= 64)
    return Val::fromUnsigned(X.getZExtValue());
  return std::nullopt;
}

/// X (an integer) as an APSInt of T's width and signedness, with C's
/// conversion: modulo 2^width for unsigned types (and, as every compiler
/// defines it, for signed ones).
static std::optional<llvm::APSInt> inType(const Val &X, QualType T,
                                          ASTContext &Ctx) {
  if (X.Kind != Val::Int || !T->isIntegralOrEnumerationType() ||
      T->isBooleanType())
    return std::nullopt;
  unsigned W = Ctx.getIntWidth(T);
  if (W == 0)
    return std::nullopt;
  llvm::APInt A(64, static_cast<uint64_t>(X.V), /*isSigned=*/!X.Big);
  return llvm::APSInt(X.Big ? A.zextOrTrunc(W) : A.sextOrTrunc(W),
                      T->isUnsignedIntegerOrEnumerationType());
}

/// Converts the integer X to the integer type T.
static std::optional<Val> convertTo(const Val &X, QualType T, ASTContext &Ctx) {
  if (T->isBooleanType())
    return Val::integer(X.truth());
  std::optional<llvm::APSInt> Y = inType(X, T, Ctx);
  if (!Y)
    return std::nullopt;
  return fromAPSInt(*Y);
}

/// A binary arithmetic or bitwise operation at the width and signedness of
/// the operator's type (its operands are converted to it in the AST).
static std::optional<Val> arith(BinaryOperatorKind Op, const Val &A,
                                const Val &B, QualType T, ASTContext &Ctx) {
  std::optional<llvm::APSInt> X = inType(A, T, Ctx), Y = inType(B, T, Ctx);
  if (!X || !Y)
    return std::nullopt;
  bool Unsigned = X->isUnsigned();
  bool Overflow = false;
  llvm::APInt R;
  switch (Op) {
  case BO_Add:
    R = Unsigned ? *X + *Y : X->sadd_ov(*Y, Overflow);
    break;
  case BO_Sub:
    R = Unsigned ? *X - *Y : X->ssub_ov(*Y, Overflow);
    break;
  case BO_Mul:
    R = Unsigned ? *X * *Y : X->smul_ov(*Y, Overflow);
    break;
  case BO_And:
    R = *X & *Y;
    break;
  case BO_Or:
    R = *X | *Y;
    break;
  case BO_Xor:
    R = *X ^ *Y;
    break;
  default:
    return std::nullopt;
  }
  if (Overflow)
    return std::nullopt;
  return fromAPSInt(llvm::APSInt(R, Unsigned));
}

std::optional<Val> evaluate(const Expr *E, const EvalEnv &Env) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParens();
  for (const auto &[X, V] : Env.ExprVals)
    if (X == E)
      return V;

  if (const auto *Cast = dyn_cast<CastExpr>(E)) {
    std::optional<Val> Sub = evaluate(Cast->getSubExpr(), Env);
    if (!Sub)
      return std::nullopt;
    QualType T = E->getType();
    if (T->isBooleanType())
      return Val::integer(Sub->truth());
    if (Sub->Kind == Val::NonNull) {
      // A non-zero integer may become 0 in a narrower integer type.
      QualType From = Cast->getSubExpr()->getType();
      if (T->isIntegralOrEnumerationType() && !T->isBooleanType() &&
          From->isIntegralOrEnumerationType() &&
          Env.Ctx.getIntWidth(T) < Env.Ctx.getIntWidth(From))
        return std::nullopt;
      return T->isPointerType() || T->isNullPtrType() ||
                     T->isIntegralOrEnumerationType()
                 ? Sub
                 : std::nullopt;
    }
    if (T->isIntegralOrEnumerationType())
      return convertTo(*Sub, T, Env.Ctx);
    if (T->isPointerType() || T->isNullPtrType())
      return Sub; // 0 is the null pointer; other integers stay as they are
    return std::nullopt; // floating point and the rest: not tracked
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
      return fromAPSInt(EC->getInitVal());
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      if (const Val *X = lookupVal(Env.Vals, VD))
        return *X;
      // A const local or global with a constant initializer.
      if (VD->getType().isConstQualified() && VD->hasInit() &&
          VD->getType()->isIntegralOrEnumerationType())
        if (const APValue *AV = VD->evaluateValue(); AV && AV->isInt())
          return fromAPSInt(AV->getInt());
    }
    return std::nullopt;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    std::optional<Val> Sub = evaluate(UO->getSubExpr(), Env);
    if (!Sub)
      return std::nullopt;
    switch (UO->getOpcode()) {
    case UO_LNot:
      return Val::integer(!Sub->truth());
    case UO_Minus:
      if (Sub->Kind == Val::Int)
        return arith(BO_Sub, Val::integer(0), *Sub, UO->getType(), Env.Ctx);
      return std::nullopt;
    case UO_Not:
      if (Sub->Kind == Val::Int)
        return arith(BO_Xor, Val::integer(-1), *Sub, UO->getType(), Env.Ctx);
      return std::nullopt;
    case UO_Plus:
      return Sub;
    default:
      return std::nullopt;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    BinaryOperatorKind Op = BO->getOpcode();
    if (Op == BO_Assign || Op == BO_Comma)
      return evaluate(BO->getRHS(), Env);
    std::optional<Val> L = evaluate(BO->getLHS(), Env);
    if (Op == BO_LAnd || Op == BO_LOr) {
      if (L && L->truth() == (Op == BO_LOr))
        return Val::integer(Op == BO_LOr);
      std::optional<Val> R = evaluate(BO->getRHS(), Env);
      if (L && R)
        return Val::integer(R->truth());
      if (R && R->truth() == (Op == BO_LOr))
        return Val::integer(Op == BO_LOr);
      return std::nullopt;
    }
    std::optional<Val> R = evaluate(BO->getRHS(), Env);
    if (Op == BO_EQ || Op == BO_NE) {
      // Pointer comparisons against null work on non-null facts too.
      std::optional<bool> Eq;
      if (L && R) {
        if (L->Kind == Val::Int && R->Kind == Val::Int)
          Eq = L->compare(*R) == 0;
        else if (L->Kind != R->Kind && (L->Kind == Val::Int ? L->V : R->V) == 0)
          Eq = false;
      } else if (L && L->Kind == Val::NonNull &&
                 isNullConstant(BO->getRHS(), Env.Ctx)) {
        Eq = false;
      } else if (R && R->Kind == Val::NonNull &&
                 isNullConstant(BO->getLHS(), Env.Ctx)) {
        Eq = false;
      }
      if (!Eq)
        return std::nullopt;
      return Val::integer(Op == BO_EQ ? *Eq : !*Eq);
    }
    if (!L || !R || L->Kind != Val::Int || R->Kind != Val::Int)
      return std::nullopt;
    // The operands are converted to a common type in the AST, so their
    // mathematical values compare as C compares them.
    int C = L->compare(*R);
    switch (Op) {
    case BO_LT: return Val::integer(C < 0);
    case BO_GT: return Val::integer(C > 0);
    case BO_LE: return Val::integer(C <= 0);
    case BO_GE: return Val::integer(C >= 0);
    case BO_And:
    case BO_Or:
    case BO_Xor:
    case BO_Add:
    case BO_Sub:
    case BO_Mul:
      return arith(Op, *L, *R, BO->getType(), Env.Ctx);
    default: return std::nullopt;
    }
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    std::optional<Val> C = evaluate(CO->getCond(), Env);
    if (!C)
      return std::nullopt;
    return evaluate(C->truth() ? CO->getTrueExpr() : CO->getFalseExpr(), Env);
  }
  if (isa<IntegerLiteral, CharacterLiteral, CXXBoolLiteralExpr,
          CXXNullPtrLiteralExpr, GNUNullExpr, UnaryExprOrTypeTraitExpr>(E)) {
    Expr::EvalResult R;
    if (E->EvaluateAsInt(R, Env.Ctx))
      return fromAPSInt(R.Val.getInt());
    if (isNullConstant(E, Env.Ctx))
      return Val::integer(0);
  }
  return std::nullopt;
}

/// T after the integer promotions (arithmetic on char or short is done in
/// int).
static QualType promoted(QualType T, ASTContext &Ctx) {
  return Ctx.isPromotableIntegerType(T) ? Ctx.getPromotedIntegerType(T) : T;
}

std::optional<Val> valueAfterUpdate(const Expr *St, const Val &Before,
                                    const EvalEnv &Env) {
  ASTContext &Ctx = Env.Ctx;
  if (const auto *UO = dyn_cast<UnaryOperator>(St)) {
    QualType T = UO->getSubExpr()->getType();
    if (!UO->isIncrementDecrementOp() || !T->isIntegerType() ||
        T->isBooleanType())
      return std::nullopt;
    std::optional<Val> R =
        arith(UO->isIncrementOp() ? BO_Add : BO_Sub, Before, Val::integer(1),
              promoted(T, Ctx), Ctx);
    return R ? convertTo(*R, T, Ctx) : std::nullopt;
  }
  const auto *CA = dyn_cast<CompoundAssignOperator>(St);
  if (!CA)
    return std::nullopt;
  QualType T = CA->getLHS()->getType();
  if (!T->isIntegerType() || T->isBooleanType())
    return std::nullopt;
  std::optional<Val> RHS = evaluate(CA->getRHS(), Env);
  if (!RHS)
    return std::nullopt;
  QualType CT = CA->getComputationResultType();
  std::optional<Val> L = convertTo(Before, CA->getComputationLHSType(), Ctx);
  if (!L)
    return std::nullopt;
  std::optional<Val> R = arith(
      BinaryOperator::getOpForCompoundAssignment(CA->getOpcode()), *L, *RHS,
      CT, Ctx);
  return R ? convertTo(*R, T, Ctx) : std::nullopt;
}

/// A scalar integer local read in E (through its lvalue-to-rvalue cast and
/// any widening that keeps every value: same signedness, no narrower).
static const VarDecl *intLocal(const Expr *E, ASTContext &Ctx) {
  QualType Outer = E->getType();
  const VarDecl *V = localVar(E->IgnoreParenImpCasts());
  if (!V || !V->getType()->isIntegerType() || V->getType()->isBooleanType() ||
      !Outer->isIntegerType())
    return nullptr;
  QualType T = V->getType();
  if (Outer->isBooleanType() ||
      T->isSignedIntegerOrEnumerationType() !=
          Outer->isSignedIntegerOrEnumerationType() ||
      Ctx.getIntWidth(Outer) < Ctx.getIntWidth(T))
    return nullptr;
  return V;
}

std::optional<std::pair<const VarDecl *, Val>>
valueOnEdge(const Expr *Cond, bool Branch, const EvalEnv &Env) {
  const Expr *C = Cond->IgnoreParens();
  // `!v`, and the implicit conversion to bool of `if (v)`.
  while (true) {
    if (const auto *U = dyn_cast<UnaryOperator>(C);
        U && U->getOpcode() == UO_LNot) {
      Branch = !Branch;
      C = U->getSubExpr()->IgnoreParens();
      continue;
    }
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(C);
        IC && (IC->getCastKind() == CK_IntegralToBoolean ||
               IC->getCastKind() == CK_LValueToRValue)) {
      C = IC->getSubExpr()->IgnoreParens();
      continue;
    }
    break;
  }
  // Non-zero is not one value: a known non-zero value stays, else the
  // variable is "non-zero" (the NonNull kind), which decides `v == 0`,
  // `v != 0` and `if (v)` later (a counter still non-zero at a `break` out
  // of `for (i = N; i; i--)`, then `if (i == 0)`).
  auto NonZero = [&](const VarDecl *V) {
    const Val *X = lookupVal(Env.Vals, V);
    return std::make_pair(V, X && X->truth() ? *X : Val::nonNull());
  };
  if (const VarDecl *V = localVar(C); V && V->getType()->isIntegerType()) {
    // A bool is 0 or 1: both edges say which. Any other integer is 0 on
    // the false edge and non-zero on the true one.
    if (V->getType()->isBooleanType())
      return std::make_pair(V, Val::integer(Branch ? 1 : 0));
    if (Branch)
      return NonZero(V);
    return std::make_pair(V, Val::integer(0));
  }
  const auto *BO = dyn_cast<BinaryOperator>(C);
  if (!BO || !BO->isEqualityOp())
    return std::nullopt;
  bool Equal = (BO->getOpcode() == BO_EQ) == Branch;
  const Expr *Sides[2] = {BO->getLHS(), BO->getRHS()};
  for (int I = 0; I < 2; ++I) {
    const VarDecl *V = intLocal(Sides[I], Env.Ctx);
    if (!V)
      continue;
    std::optional<Val> K = evaluate(Sides[1 - I], Env);
    if (!K || K->Kind != Val::Int)
      return std::nullopt;
    if (!Equal) {
      // `v != 0` holds, or `v == 0` does not: v is non-zero.
      if (K->V == 0 && !K->Big)
        return NonZero(V);
      return std::nullopt;
    }
    // The value in the variable's own type; a constant it cannot hold makes
    // the edge impossible, which the caller's evaluation already knows.
    std::optional<Val> InVar = convertTo(*K, V->getType(), Env.Ctx);
    std::optional<Val> Back =
        InVar ? convertTo(*InVar, Sides[I]->getType(), Env.Ctx) : std::nullopt;
    if (!InVar || !Back || *Back != *K)
      return std::nullopt;
    return std::make_pair(V, *InVar);
  }
  return std::nullopt;
}

} // namespace connleak
