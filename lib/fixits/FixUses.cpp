//===--- FixUses.cpp - text edits, uses of the variable, the target --------===//
//
// Text edits shared by every rewrite, the classification of each use of the
// handle variable (can it be rewritten, and how), and the declaration the
// rewrite starts from.
//
//===----------------------------------------------------------------------===//
#include "connleak/fixits/FixIts.h"
#include "connleak/analysis/CalleeOracle.h"
#include "connleak/ast/AstHelpers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "FixSupport.h"

using namespace clang;

namespace connleak {
namespace fixits {


/// True if only return statements (or nothing) follow S in its block: then
/// the release right before the end of the scope is redundant, and removing
/// it keeps the order of releases.
bool onlyReturnsFollow(const ParentMap &PM, const Stmt *S,
                       const Stmt *ScopeOfVar) {
  const auto *CS = dyn_cast_or_null<CompoundStmt>(PM.getParent(S));
  if (!CS)
    return false;
  bool After = false, Return = false;
  for (const Stmt *X : CS->body()) {
    if (X == S) {
      After = true;
      continue;
    }
    if (!After)
      continue;
    if (!isa<ReturnStmt, NullStmt>(X))
      return false;
    Return |= isa<ReturnStmt>(X);
  }
  // At the end of a nested block (an if body) with no return after it, the
  // release would move to the end of the outer block: a cursor destroyed
  // after its collection. A return right after ends the scope there.
  return After && (CS == ScopeOfVar || Return);
}

/// The single release function of a family that takes the handle as its
/// only argument, for decltype(&fn); or "delete"; or "" if neither.
std::string deleterFor(const Family &F) {
  for (const ReleaseSpec &R : F.Release)
    if (R.Delete)
      return "delete";
  // Not a derived entry (a project function, docs/project-summaries.md):
  // what a fix suggests must not depend on the project summary.
  for (const ReleaseSpec &R : F.Release)
    if (!R.Function.empty() && R.From.empty() && R.HandleArg == 0 &&
        R.When.empty() &&
        StringRef(R.Function).find("::") == StringRef::npos)
      return R.Function;
  return "";
}

bool isAttributeFamily(const Family &F) {
  return F.Origin == FamilyOrigin::HandleAttributes;
}

StringRef text(SourceRange R, const ASTContext &Ctx) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R),
                              Ctx.getSourceManager(), Ctx.getLangOpts());
}

const Stmt *useParent(const ParentMap &PM, const Stmt *S) {
  const Stmt *P = PM.getParent(S);
  while (P && (isa<ParenExpr, ExprWithCleanups>(P) ||
               (isa<ImplicitCastExpr>(P) &&
                cast<ImplicitCastExpr>(P)->getCastKind() != CK_PointerToBoolean)))
    P = PM.getParent(P);
  return P;
}

bool isContextualBool(const ParentMap &PM, const Stmt *Cast) {
  const Stmt *Child = Cast;
  const Stmt *P = PM.getParent(Cast);
  while (P && isa<ParenExpr>(P)) {
    Child = P;
    P = PM.getParent(P);
  }
  if (!P)
    return false;
  if (const auto *If = dyn_cast<IfStmt>(P))
    return If->getCond() == Child;
  if (const auto *W = dyn_cast<WhileStmt>(P))
    return W->getCond() == Child;
  if (const auto *D = dyn_cast<DoStmt>(P))
    return D->getCond() == Child;
  if (const auto *F = dyn_cast<ForStmt>(P))
    return F->getCond() == Child;
  if (const auto *U = dyn_cast<UnaryOperator>(P))
    return U->getOpcode() == UO_LNot;
  if (const auto *B = dyn_cast<BinaryOperator>(P))
    return B->isLogicalOp();
  if (const auto *C = dyn_cast<ConditionalOperator>(P))
    return C->getCond() == Child;
  return false;
}

/// Removes the text from Begin to AfterSemi (just past a statement's ';'),
/// including its line when the statement stands alone on that line.
std::optional<FixItHint> removeRange(SourceLocation Begin,
                                     SourceLocation AfterSemi,
                                     const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (Begin.isInvalid() || AfterSemi.isInvalid() || Begin.isMacroID() ||
      AfterSemi.isMacroID())
    return std::nullopt;
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(SM.getFileID(Begin), &Invalid);
  if (Invalid)
    return std::nullopt;
  unsigned B = SM.getFileOffset(Begin), S = SM.getFileOffset(AfterSemi);
  unsigned LineStart = B;
  while (LineStart > 0 && (Buf[LineStart - 1] == ' ' || Buf[LineStart - 1] == '\t'))
    --LineStart;
  unsigned LineEnd = S;
  while (LineEnd < Buf.size() && (Buf[LineEnd] == ' ' || Buf[LineEnd] == '\t'))
    ++LineEnd;
  bool WholeLine = (LineStart == 0 || Buf[LineStart - 1] == '\n') &&
                   (LineEnd < Buf.size() && Buf[LineEnd] == '\n');
  // The line break stays: removals of consecutive lines would otherwise touch,
  // and clang-tidy refuses touching fixes from different diagnostics.
  SourceLocation From = WholeLine ? Begin.getLocWithOffset(-(int)(B - LineStart)) : Begin;
  SourceLocation To = WholeLine ? AfterSemi.getLocWithOffset(LineEnd - S) : AfterSemi;
  return FixItHint::CreateRemoval(CharSourceRange::getCharRange(From, To));
}

/// Removes a whole statement `call;`.
std::optional<FixItHint> removeStatement(const Expr *E, const ASTContext &Ctx) {
  if (E->getEndLoc().isMacroID())
    return std::nullopt;
  SourceLocation Semi = Lexer::findLocationAfterToken(
      E->getEndLoc(), tok::semi, Ctx.getSourceManager(), Ctx.getLangOpts(),
      /*SkipTrailingWhitespaceAndNewLine=*/false);
  return removeRange(E->getBeginLoc(), Semi, Ctx);
}

/// Removes a declaration statement (its range ends at the ';').
std::optional<FixItHint> removeDecl(const DeclStmt *DS, const ASTContext &Ctx) {
  if (DS->getEndLoc().isMacroID())
    return std::nullopt;
  return removeRange(DS->getBeginLoc(),
                     Lexer::getLocForEndOfToken(DS->getEndLoc(), 0,
                                                Ctx.getSourceManager(),
                                                Ctx.getLangOpts()),
                     Ctx);
}

/// The white space that starts the line of Loc.
std::string indentOf(SourceLocation Loc, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(SM.getFileID(Loc), &Invalid);
  if (Invalid)
    return "";
  unsigned Off = SM.getFileOffset(Loc);
  unsigned Start = Off;
  while (Start > 0 && Buf[Start - 1] != '\n')
    --Start;
  unsigned End = Start;
  while (End < Off && (Buf[End] == ' ' || Buf[End] == '\t'))
    ++End;
  return Buf.substr(Start, End - Start).str();
}


Uses classifyUses(TUAnalysis &TU, const Stmt *Body, const ParentMap &PM,
                  const Target &T, const Site &S) {
  const VarDecl *VD = T.VD;
  ASTContext &Ctx = TU.context();
  const SourceManager &SM = Ctx.getSourceManager();
  Uses U;
  auto Fail = [&](StringRef Why) {
    if (U.Unsafe.empty())
      U.Unsafe = Why.str();
  };
  // What the call does to the handle the use passes (CalleeOracle.h).
  auto EffectOf = [&](const CallExpr *CE, const DeclRefExpr *Ref) {
    CallArgs A = callArgs(CE);
    for (int Pos = -1; Pos < (int)A.Args.size(); ++Pos)
      if (const Expr *Arg = A.at(Pos); Arg && Arg->IgnoreParenImpCasts() == Ref)
        return callEffect(TU, CE, Pos, S.F);
    return CallEffect();
  };
  // A release by a model entry of the family (a local helper that releases
  // may do more, and is not removed).
  auto IsRelease = [](const CallEffect &E) {
    return E.Kind == ArgEffect::Release && E.Spec;
  };
  std::function<void(const Stmt *)> Visit = [&](const Stmt *St) {
    if (!St || !U.Unsafe.empty())
      return;
    if (isa<GotoStmt, IndirectGotoStmt>(St))
      return Fail("the function uses goto");
    if (const auto *LE = dyn_cast<LambdaExpr>(St)) {
      for (const LambdaCapture &C : LE->captures())
        if (C.capturesVariable() && C.getCapturedVar() == VD)
          return Fail("a lambda captures the variable");
      return;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(St);
    if (!DRE || DRE->getDecl() != VD) {
      for (const Stmt *C : St->children())
        Visit(C);
      return;
    }
    Use X{Use::Plain, DRE, DRE->getEndLoc()};
    if (DRE->getBeginLoc().isMacroID()) {
      // A macro argument written in the file (curl_easy_setopt(h, ...)) can
      // be edited where it is spelled; a name inside a macro body cannot.
      if (!SM.isMacroArgExpansion(DRE->getBeginLoc()) ||
          !SM.isMacroArgExpansion(DRE->getEndLoc()))
        return Fail("the variable is used inside a macro");
      X.RefEnd = SM.getSpellingLoc(DRE->getEndLoc());
      if (!SM.getFileID(X.RefEnd).isValid())
        return Fail("the variable is used inside a macro");
    }
    const Stmt *Par = useParent(PM, DRE);
    if (!Par)
      return Fail("an unknown use");
    auto Add = [&](Use::KindT K) {
      X.Kind = K;
      U.List.push_back(X);
    };
    if (const auto *ME = dyn_cast<MemberExpr>(Par); ME && ME->isArrow()) {
      // p->close() with a release method of the family is a release.
      if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(PM.getParent(ME));
          MC && MC->getCallee() == ME && MC->getMethodDecl() &&
          IsRelease(callEffect(TU, MC, -1, S.F))) {
        X.Call = MC;
        X.Callee = MC->getMethodDecl();
        return Add(Use::Release);
      }
      return Add(Use::Plain);
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(Par)) {
      if (UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_LNot)
        return Add(Use::Plain);
      if (UO->getOpcode() == UO_AddrOf && S.OutParam && S.OutVar == VD) {
        const Stmt *C = PM.getParent(UO);
        while (C && isa<ParenExpr, ImplicitCastExpr, ExplicitCastExpr>(C))
          C = PM.getParent(C);
        if (C == S.E)
          return Add(Use::OutArg);
      }
      return Fail("the variable's address is taken or it is modified");
    }
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(Par);
        IC && IC->getCastKind() == CK_PointerToBoolean)
      return Add(isContextualBool(PM, IC) ? Use::Plain : Use::NeedsRaw);
    if (const auto *BO = dyn_cast<BinaryOperator>(Par)) {
      if (BO == T.Assign && BO->getLHS()->IgnoreParens() == DRE)
        return Add(Use::Assign);
      if (BO->isEqualityOp()) {
        const Expr *Other = BO->getLHS()->IgnoreParenImpCasts() == DRE
                                ? BO->getRHS()
                                : BO->getLHS();
        return Add(isNullConstant(Other, Ctx) ? Use::Plain : Use::NeedsRaw);
      }
      if (BO->isRelationalOp())
        return Add(Use::NeedsRaw);
      return Fail("the variable is assigned or stored");
    }
    if (const auto *Del = dyn_cast<CXXDeleteExpr>(Par)) {
      X.Call = Del;
      return Add(Use::Delete);
    }
    if (const auto *CE = dyn_cast<CallExpr>(Par)) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (!Callee || CE->getCallee()->IgnoreParenImpCasts() == DRE)
        return Fail("an indirect call");
      CallEffect E = EffectOf(CE, DRE);
      if (IsRelease(E)) {
        X.Call = CE;
        X.Callee = Callee;
        return Add(Use::Release);
      }
      if (E.Kind == ArgEffect::Adopt)
        return Fail("a call takes ownership of the handle");
      // Borrowed by a modelled function or a local helper that only
      // borrows; anything else might keep the handle.
      if (E.Kind != ArgEffect::Borrow)
        return Fail("the handle is passed to a function that may keep it");
      // A parameter that is a reference to the handle may change it.
      for (unsigned I = 0; I < CE->getNumArgs(); ++I)
        if (CE->getArg(I)->IgnoreParenImpCasts() == DRE &&
            I < Callee->getNumParams() &&
            Callee->getParamDecl(I)->getType()->isReferenceType())
          return Fail("the handle is passed by reference");
      X.Callee = Callee;
      return Add(Use::NeedsRaw);
    }
    return Fail("an unknown use");
  };
  Visit(Body);
  return U;
}

/// The declaration statement that declares VD, in a block of the body.
const DeclStmt *declStmtOf(const Stmt *Body, const VarDecl *VD) {
  if (!Body)
    return nullptr;
  if (const auto *DS = dyn_cast<DeclStmt>(Body))
    for (const Decl *D : DS->decls())
      if (D == VD)
        return DS;
  for (const Stmt *C : Body->children())
    if (const DeclStmt *DS = declStmtOf(C, VD))
      return DS;
  return nullptr;
}

/// True if some declaration in the body (or a parameter) is named Name.
bool nameTaken(const FunctionDecl *FD, StringRef Name) {
  for (const ParmVarDecl *P : FD->parameters())
    if (P->getName() == Name)
      return true;
  std::function<bool(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *ND = dyn_cast<NamedDecl>(D);
            ND && ND->getDeclName().isIdentifier() && ND->getName() == Name)
          return true;
    for (const Stmt *C : S->children())
      if (Walk(C))
        return true;
    return false;
  };
  return Walk(FD->getBody());
}

/// Variables assigned, incremented or address-taken anywhere in the body.
llvm::SmallPtrSet<const VarDecl *, 8> modifiedVars(const Stmt *Body) {
  llvm::SmallPtrSet<const VarDecl *, 8> Out;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    const Expr *Target = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp())
      Target = BO->getLHS();
    else if (const auto *UO = dyn_cast<UnaryOperator>(S);
             UO && (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf))
      Target = UO->getSubExpr();
    if (Target)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          Out.insert(V);
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Body);
  return Out;
}

/// The exit and throw locations of the site's reports, for the guard fix:
/// a guard declared after the acquiring statement repairs only exits that
/// come after it.
std::vector<SourceLocation> reportLocations(const FunctionResult &R,
                                            const Site &S) {
  std::vector<SourceLocation> Out;
  for (const LeakReport &L : R.Leaks)
    if (&R.Sites[L.SiteIdx] == &S)
      for (const LeakExit &E : L.Exits)
        Out.push_back(E.Loc);
  for (const ExceptionReport &E : R.ExceptionUnsafe)
    if (&R.Sites[E.SiteIdx] == &S && E.ThrowPoint)
      Out.push_back(E.ThrowPoint->getBeginLoc());
  return Out;
}

/// The object a member call is made on, as text a constructor can take
/// (`pool`, `*pool` for `pool->lease()`); "" if there is none to name.
std::string objectText(const CXXMemberCallExpr *MC, const ASTContext &Ctx) {
  const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
  if (!ME)
    return "";
  const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
  if (const auto *This = dyn_cast<CXXThisExpr>(Base); This && This->isImplicit())
    return "";
  if (Base->getBeginLoc().isMacroID() || Base->getEndLoc().isMacroID())
    return "";
  std::string T = text(Base->getSourceRange(), Ctx).str();
  if (T.empty())
    return "";
  if (ME->isArrow())
    T = isa<DeclRefExpr>(Base) ? "*" + T : "*(" + T + ")";
  return T;
}

/// The variable the site's handle lives in, with its declaration.
std::optional<Target> findTarget(const ParentMap &PM, const Stmt *Body,
                                 const Site &S, std::string &Why) {
  // The variable the analysis bound the handle to where it was acquired.
  Target T;
  T.VD = S.OutParam ? S.OutVar : S.Var;
  T.DS = T.VD ? declStmtOf(Body, T.VD) : nullptr;
  if (T.VD && !S.OutParam) {
    const Stmt *P = parentSkipping(PM, S.E, [](const Stmt *X) {
      return isa<ImplicitCastExpr, ExplicitCastExpr, ParenExpr,
                 ExprWithCleanups>(X);
    });
    // `T *v = acquire(...);`, or, C style, declared first and assigned in
    // a statement of its own, the variable starting out null (or with no
    // value): `v = acquire(...);`.
    const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
    if (BO && BO->getOpcode() == BO_Assign &&
        isa_and_nonnull<CompoundStmt>(PM.getParent(BO)) &&
        T.VD->getType()->isPointerType() && !isa<ParmVarDecl>(T.VD) &&
        (!T.VD->getInit() ||
         isNullConstant(T.VD->getInit(), T.VD->getASTContext())))
      T.Assign = BO;
    else if (P != T.DS)
      T.VD = nullptr;
  }
  if (!T.DS || !T.DS->isSingleDecl() || !T.VD) {
    Why = "not a single local declaration";
    return std::nullopt;
  }
  T.Scope = dyn_cast_or_null<CompoundStmt>(PM.getParent(T.DS));
  if (!T.Scope) {
    Why = "declared in a condition";
    return std::nullopt;
  }
  const VarDecl *VD = T.VD;
  if (!VD->hasLocalStorage() || VD->isStaticLocal() ||
      VD->getType()->isReferenceType() || VD->getBeginLoc().isMacroID() ||
      (!S.OutParam && !T.Assign &&
       (VD->getInitStyle() != VarDecl::CInit || !VD->getInit() ||
        VD->getInit()->getEndLoc().isMacroID()))) {
    Why = "not a local variable";
    return std::nullopt;
  }
  return T;
}

} // namespace fixits
} // namespace connleak
