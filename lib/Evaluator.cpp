//===--- Evaluator.cpp ----------------------------------------------------===//
#include "Evaluator.h"

#include "clang/AST/ExprCXX.h"
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
    if (!O || *O != It->second) {
      It = Dst.erase(It);
      Changed = true;
    } else {
      ++It;
    }
  }
  return Changed;
}

bool isNullConstant(const Expr *E, ASTContext &Ctx) {
  return E && E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
         Expr::NPCK_NotNull;
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
    if (Sub->Kind == Val::NonNull && !T->isPointerType() &&
        !T->isNullPtrType() && !T->isIntegralOrEnumerationType())
      return std::nullopt;
    return Sub;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
      return Val::integer(EC->getInitVal().getExtValue());
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      if (const Val *X = lookupVal(Env.Vals, VD))
        return *X;
      // A const local or global with a constant initializer.
      if (VD->getType().isConstQualified() && VD->hasInit() &&
          VD->getType()->isIntegralOrEnumerationType())
        if (const APValue *AV = VD->evaluateValue(); AV && AV->isInt())
          return Val::integer(AV->getInt().getExtValue());
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
        return Val::integer(-Sub->V);
      return std::nullopt;
    case UO_Not:
      if (Sub->Kind == Val::Int)
        return Val::integer(~Sub->V);
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
          Eq = L->V == R->V;
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
    int64_t A = L->V, B = R->V;
    switch (Op) {
    case BO_LT: return Val::integer(A < B);
    case BO_GT: return Val::integer(A > B);
    case BO_LE: return Val::integer(A <= B);
    case BO_GE: return Val::integer(A >= B);
    case BO_And: return Val::integer(A & B);
    case BO_Or: return Val::integer(A | B);
    case BO_Xor: return Val::integer(A ^ B);
    case BO_Add: return Val::integer(A + B);
    case BO_Sub: return Val::integer(A - B);
    case BO_Mul: return Val::integer(A * B);
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
      return Val::integer(R.Val.getInt().getExtValue());
    if (isNullConstant(E, Env.Ctx))
      return Val::integer(0);
  }
  return std::nullopt;
}

} // namespace connleak
