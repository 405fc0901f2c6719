//===--- AstHelpers.cpp ---------------------------------------------------===//
#include "connleak/ast/AstHelpers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"

using namespace clang;
using namespace llvm;

namespace connleak {

/// How deep typeNames() follows a type's sugar (typedef of a typedef ...).
static constexpr unsigned MaxSugarSteps = 16;

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

const VarDecl *addressOfVar(const Expr *E) {
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(strip(E)))
    if (UO->getOpcode() == UO_AddrOf)
      return localVar(UO->getSubExpr());
  return nullptr;
}

bool changesVar(const Stmt *S, const VarDecl *V) {
  if (!S)
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->isAssignmentOp() && localVarOf(BO->getLHS()) == V)
      return true;
  if (const auto *UO = dyn_cast<UnaryOperator>(S))
    if ((UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf) &&
        localVarOf(UO->getSubExpr()) == V)
      return true;
  for (const Stmt *C : S->children())
    if (changesVar(C, V))
      return true;
  return false;
}

const VarDecl *localVarOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->hasLocalStorage())
        return VD;
  return nullptr;
}

bool isNullConstant(const Expr *E, const ASTContext &Ctx) {
  return E && E->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                                       Expr::NPC_ValueDependentIsNotNull) !=
                  Expr::NPCK_NotNull;
}

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

const Expr *releasedArg(const ReleaseSpec &R, const CallArgs &A) {
  return A.at(R.HandleArg);
}

const Stmt *parentSkipping(const ParentMap &PM, const Stmt *S,
                           function_ref<bool(const Stmt *)> Skip,
                           const Stmt **Child) {
  const Stmt *C = S;
  const Stmt *P = PM.getParent(S);
  while (P && Skip(P)) {
    C = P;
    P = PM.getParent(P);
  }
  if (Child)
    *Child = C;
  return P;
}

SmallVector<std::string, 3> typeNames(QualType T, bool LookThroughPointers) {
  SmallVector<std::string, 3> Out;
  if (T.isNull())
    return Out;
  if (LookThroughPointers) {
    T = T.getNonReferenceType();
    while (const auto *PT = T->getAs<PointerType>())
      T = PT->getPointeeType();
  }
  const Type *Cur = T.getTypePtr();
  for (unsigned Step = 0; Cur && Step < MaxSugarSteps; ++Step) {
    if (const auto *TT = dyn_cast<TypedefType>(Cur))
      Out.push_back(TT->getDecl()->getQualifiedNameAsString());
    else if (const auto *TST = dyn_cast<TemplateSpecializationType>(Cur)) {
      if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
        Out.push_back(TD->getQualifiedNameAsString());
    }
    QualType Next = Cur->getLocallyUnqualifiedSingleStepDesugaredType();
    if (Next.getTypePtr() == Cur)
      break;
    Cur = Next.getTypePtr();
  }
  if (const auto *RD = T->getAsRecordDecl())
    Out.push_back(RD->getQualifiedNameAsString());
  return Out;
}

bool typeMatches(QualType T, StringRef Pattern, bool LookThroughPointers) {
  for (const std::string &N : typeNames(T, LookThroughPointers))
    if (matchesPattern(Pattern, N))
      return true;
  return false;
}

} // namespace connleak
