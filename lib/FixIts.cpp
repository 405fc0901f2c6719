//===--- FixIts.cpp -------------------------------------------------------===//
#include "connleak/FixIts.h"

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

using namespace clang;

namespace connleak {

namespace {

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
  for (const ReleaseSpec &R : F.Release)
    if (!R.Function.empty() && R.HandleArg == 0 && R.When.empty() &&
        StringRef(R.Function).find("::") == StringRef::npos)
      return R.Function;
  return "";
}

bool isAttributeFamily(const Family &F) {
  return StringRef(F.Name).starts_with("attribute:");
}

StringRef text(SourceRange R, const ASTContext &Ctx) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R),
                              Ctx.getSourceManager(), Ctx.getLangOpts());
}

const Stmt *parentSkipping(const ParentMap &PM, const Stmt *S) {
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
  auto ReleaseRole = [&](const FunctionDecl *Callee) {
    return llvm::any_of(TU.roles(Callee), [&](const CalleeRole &R) {
      return R.Kind == CalleeRole::Release && R.F == S.F;
    });
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
    const Stmt *Par = parentSkipping(PM, DRE);
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
          ReleaseRole(MC->getMethodDecl())) {
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
        return Add(Other->isNullPointerConstant(
                       Ctx, Expr::NPC_ValueDependentIsNotNull)
                       ? Use::Plain
                       : Use::NeedsRaw);
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
      if (ReleaseRole(Callee)) {
        X.Call = CE;
        X.Callee = Callee;
        return Add(Use::Release);
      }
      for (const CalleeRole &Role : TU.roles(Callee))
        if (Role.Kind == CalleeRole::TakeOwnership)
          return Fail("a call takes ownership of the handle");
      // Borrowed by a modelled function or a local helper that only
      // borrows; anything else might keep the handle.
      bool Borrow = TU.isKnown(Callee);
      if (!Borrow)
        if (const FunctionSummary *Sum = TU.summary(Callee)) {
          Borrow = true;
          for (unsigned I = 0; I < CE->getNumArgs() && I < Sum->Params.size(); ++I)
            if (CE->getArg(I)->IgnoreParenImpCasts() == DRE &&
                Sum->Params[I] != FunctionSummary::Borrow)
              Borrow = false;
        }
      if (!Borrow)
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
  unsigned Idx = &S - R.Sites.data();
  for (const LeakReport &L : R.Leaks)
    if (L.SiteIdx == Idx)
      for (const LeakExit &E : L.Exits)
        Out.push_back(E.Loc);
  for (const ExceptionReport &E : R.ExceptionUnsafe)
    if (E.SiteIdx == Idx && E.ThrowPoint)
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

/// The scoped session type of a pool checkout: the pooled-sessions entry
/// whose pool type is the type of the object `lease()` is called on.
const PooledSessionSpec *sessionFor(TUAnalysis &TU, const Site &S) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(S.E);
  if (!MC || !S.F || !S.F->Pooled)
    return nullptr;
  const Expr *Obj = MC->getImplicitObjectArgument();
  if (!Obj)
    return nullptr;
  for (const PooledSessionSpec &P : TU.models().pooledSessions())
    if (!P.FromType.empty() && typeMatches(Obj->getType(), P.FromType, true))
      return &P;
  return nullptr;
}

/// The reference declared from the checkout (`soci::session &sql =
/// pool.at(pos);`) for a use of the position, or null.
const DeclStmt *sessionRefDecl(const ParentMap &PM, const Use &X,
                               const PooledSessionSpec &P) {
  if (X.Kind != Use::NeedsRaw)
    return nullptr;
  const Stmt *Call = parentSkipping(PM, X.Ref);
  if (!isa_and_nonnull<CXXMemberCallExpr>(Call))
    return nullptr;
  const Stmt *Par = PM.getParent(Call);
  while (Par && isa<ParenExpr, ImplicitCastExpr, ExprWithCleanups>(Par))
    Par = PM.getParent(Par);
  const auto *DS = dyn_cast_or_null<DeclStmt>(Par);
  if (!DS || !DS->isSingleDecl())
    return nullptr;
  const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl());
  if (!V || !V->getType()->isLValueReferenceType() ||
      !typeMatches(V->getType().getNonReferenceType(), P.Type))
    return nullptr;
  return DS;
}

//===----------------------------------------------------------------------===//
// The rewrites
//===----------------------------------------------------------------------===//

/// Kind 3, pools with a scoped session type: lease/at/give_back become one
/// session object.
std::optional<RaiiFix> sessionFix(TUAnalysis &TU, const ParentMap &PM,
                                  const Site &S, const Target &T,
                                  const Uses &U, std::string &Why) {
  ASTContext &Ctx = TU.context();
  const PooledSessionSpec *P = sessionFor(TU, S);
  if (!P)
    return std::nullopt;
  std::string Pool = objectText(cast<CXXMemberCallExpr>(S.E), Ctx);
  if (Pool.empty())
    return std::nullopt;
  const DeclStmt *RefDS = nullptr;
  RaiiFix Fix;
  for (const Use &X : U.List) {
    if (X.Kind == Use::Release) {
      const auto *MC = dyn_cast<CXXMemberCallExpr>(X.Call);
      if (!MC || objectText(MC, Ctx) != Pool ||
          !onlyReturnsFollow(PM, X.Call, T.Scope)) {
        Why = "a release that does not end the scope";
        return std::nullopt;
      }
      if (auto H = removeStatement(X.Call, Ctx))
        Fix.Hints.push_back(*H);
      else
        return std::nullopt;
      continue;
    }
    const DeclStmt *D = sessionRefDecl(PM, X, *P);
    if (!D || RefDS || PM.getParent(D) != T.Scope ||
        objectText(cast<CXXMemberCallExpr>(parentSkipping(PM, X.Ref)), Ctx) != Pool) {
      Why = "the checkout is used other than through one session reference";
      return std::nullopt;
    }
    RefDS = D;
  }
  if (!RefDS)
    return std::nullopt;
  std::string Name =
      cast<VarDecl>(RefDS->getSingleDecl())->getNameAsString();
  // The session is checked out where lease() was called.
  if (T.DS->getBeginLoc().isMacroID() || T.DS->getEndLoc().isMacroID())
    return std::nullopt;
  Fix.Hints.insert(Fix.Hints.begin(),
                   FixItHint::CreateReplacement(
                       CharSourceRange::getTokenRange(T.DS->getSourceRange()),
                       P->Type + " " + Name + "(" + Pool + ");"));
  auto H = removeDecl(RefDS, Ctx);
  if (!H)
    return std::nullopt;
  Fix.Hints.push_back(*H);
  return Fix;
}

/// An argument of a release call that a guard can evaluate at the end of the
/// scope with the same value: a constant, `this`, or a variable declared
/// before the guard and never modified, or a member of one.
bool isStable(const Expr *E, const ASTContext &Ctx, SourceLocation GuardLoc,
              const llvm::SmallPtrSet<const VarDecl *, 8> &Modified) {
  E = E->IgnoreParenImpCasts();
  if (E->isValueDependent() || E->isTypeDependent())
    return false;
  if (isa<CXXThisExpr, StringLiteral>(E) ||
      E->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                               Expr::NPC_ValueDependentIsNotNull) ||
      E->isIntegerConstantExpr(Ctx))
    return true;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return isStable(ME->getBase(), Ctx, GuardLoc, Modified);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V || Modified.count(V))
      return false;
    return !V->isLocalVarDeclOrParm() || isa<ParmVarDecl>(V) ||
           Ctx.getSourceManager().isBeforeInTranslationUnit(V->getLocation(),
                                                            GuardLoc);
  }
  return false;
}

/// The release call a guard makes when the function has none to copy:
/// built from the family's release entry when each argument other than the
/// handle is fixed by a `when` condition.
std::string releaseFromModel(const Family &F, StringRef Name) {
  for (const ReleaseSpec &R : F.Release) {
    if (R.Delete || R.Function.empty() || R.HandleArg < 0)
      continue;
    // A name to call (an attribute family whose release function was not
    // seen yet has only a placeholder).
    if (!llvm::all_of(R.Function, [](char C) {
          return llvm::isAlnum(C) || C == '_' || C == ':';
        }))
      continue;
    unsigned N = R.HandleArg + 1;
    for (const ArgCondition &C : R.When)
      N = std::max(N, C.Arg + 1);
    std::vector<std::string> Args(N);
    Args[R.HandleArg] = Name.str();
    for (const ArgCondition &C : R.When)
      if (C.Arg != (unsigned)R.HandleArg)
        Args[C.Arg] = C.Is;
    if (llvm::any_of(Args, [](const std::string &A) { return A.empty(); }))
      continue;
    return R.Function + "(" + llvm::join(Args, ", ") + ")";
  }
  return "";
}

/// Kind 3, scope guard: `auto h_guard = scope_exit([&] { if (h) release; });`
/// right after the acquisition (after the variable, for out-parameters),
/// and the explicit releases removed.
std::optional<RaiiFix> guardFix(TUAnalysis &TU, const FunctionResult &R,
                                const ParentMap &PM, const Site &S,
                                const Target &T, const Uses &U,
                                const FixOptions &O, std::string &Why) {
  ASTContext &Ctx = TU.context();
  const SourceManager &SM = Ctx.getSourceManager();
  const VarDecl *VD = T.VD;
  std::string Name = VD->getNameAsString();
  bool Pointer = VD->getType()->isPointerType();
  RaiiFix Fix;

  // Where the guard goes: after the declaration, or for an out-parameter
  // that is not a pointer (so cannot be tested for null), after the
  // statement that acquires it.
  const Stmt *After = T.DS;
  if (S.OutParam || T.Assign) {
    if (Pointer) {
      if (const Expr *Init = VD->getInit()) {
        if (!Init->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
          Why = "the variable starts with another handle";
          return std::nullopt;
        }
      } else {
        SourceLocation NameEnd = Lexer::getLocForEndOfToken(
            VD->getLocation(), 0, SM, Ctx.getLangOpts());
        if (NameEnd.isInvalid() || VD->getLocation().isMacroID())
          return std::nullopt;
        Fix.Hints.push_back(FixItHint::CreateInsertion(NameEnd, " = nullptr"));
      }
    } else {
      const Stmt *St = S.E;
      while (St && PM.getParent(St) != T.Scope)
        St = PM.getParent(St);
      if (!St) {
        Why = "acquired in another block than the variable's";
        return std::nullopt;
      }
      After = St;
    }
  }
  SourceLocation AfterEnd = After->getEndLoc();
  if (AfterEnd.isMacroID() || After->getBeginLoc().isMacroID()) {
    Why = "the declaration is in a macro";
    return std::nullopt;
  }
  for (SourceLocation L : reportLocations(R, S))
    if (!SM.isBeforeInTranslationUnit(AfterEnd, L)) {
      Why = "a leak happens before the guard could be declared";
      return std::nullopt;
    }

  // The release the guard makes: the one the code makes (each one the
  // same), or the family's when its arguments are known.
  llvm::SmallPtrSet<const VarDecl *, 8> Modified = modifiedVars(R.FD->getBody());
  std::string Release;
  for (const Use &X : U.List) {
    if (X.Kind == Use::Delete) {
      Why = "released by delete";
      return std::nullopt;
    }
    if (X.Kind != Use::Release)
      continue;
    const auto *CE = cast<CallExpr>(X.Call);
    if (CE->getBeginLoc().isMacroID() || CE->getEndLoc().isMacroID() ||
        !SM.isBeforeInTranslationUnit(AfterEnd, CE->getBeginLoc())) {
      Why = "a release that cannot be moved into the guard";
      return std::nullopt;
    }
    auto Stable = [&](const Expr *A) {
      return A->IgnoreParenImpCasts() == X.Ref ||
             isStable(A, Ctx, AfterEnd, Modified);
    };
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      if (!Stable(MC->getImplicitObjectArgument())) {
        Why = "the release's object may change before the end of the scope";
        return std::nullopt;
      }
    for (const Expr *A : CE->arguments())
      if (!Stable(A)) {
        Why = "a release argument may change before the end of the scope";
        return std::nullopt;
      }
    std::string Text = text(CE->getSourceRange(), Ctx).str();
    if (!Release.empty() && Text != Release) {
      Why = "released by different calls";
      return std::nullopt;
    }
    Release = Text;
    if (!onlyReturnsFollow(PM, CE, T.Scope)) {
      Why = "a release that does not end the scope";
      return std::nullopt;
    }
    auto H = removeStatement(CE, Ctx);
    if (!H)
      return std::nullopt;
    Fix.Hints.push_back(*H);
  }
  if (Release.empty())
    Release = releaseFromModel(*S.F, Name);
  if (Release.empty()) {
    Why = "no release call to put in the guard";
    return std::nullopt;
  }
  std::string Guard = Name + "_guard";
  if (nameTaken(R.FD, Guard)) {
    Why = "the guard's name is taken";
    return std::nullopt;
  }
  std::string Body = (Pointer ? "if (" + Name + ") " : std::string()) + Release;
  // After the statement's ';' when its last token is not one (an
  // expression statement, an if whose body is one).
  SourceLocation InsertAt =
      Lexer::getLocForEndOfToken(AfterEnd, 0, SM, Ctx.getLangOpts());
  if (!isa<DeclStmt>(After)) {
    SourceLocation Semi = Lexer::findLocationAfterToken(
        AfterEnd, tok::semi, SM, Ctx.getLangOpts(),
        /*SkipTrailingWhitespaceAndNewLine=*/false);
    if (Semi.isValid())
      InsertAt = Semi;
  }
  Fix.Hints.push_back(FixItHint::CreateInsertion(
      InsertAt,
      "\n" + indentOf(After->getBeginLoc(), Ctx) + "auto " + Guard + " = " +
          O.ScopeGuard + "([&] { " + Body + "; });"));
  if (!O.ScopeGuardHeader.empty())
    Fix.Headers.push_back(O.ScopeGuardHeader);
  return Fix;
}

/// Kinds 1 and 2: the variable becomes a std::unique_ptr.
std::optional<RaiiFix> uniquePtrFix(TUAnalysis &TU, const ParentMap &PM,
                                    const Site &S, const Target &T,
                                    const Uses &U, StringRef Deleter,
                                    std::string &Why) {
  ASTContext &Ctx = TU.context();
  const LangOptions &LO = Ctx.getLangOpts();
  const VarDecl *VD = T.VD;
  std::string Name = VD->getNameAsString();
  RaiiFix Fix;
  Fix.Headers.push_back("<memory>");
  for (const Use &X : U.List) {
    switch (X.Kind) {
    case Use::Plain:
      break;
    case Use::NeedsRaw:
      Fix.Hints.push_back(FixItHint::CreateInsertion(
          Lexer::getLocForEndOfToken(X.RefEnd, 0, Ctx.getSourceManager(), LO),
          ".get()"));
      break;
    case Use::OutArg:
      return std::nullopt;
    case Use::Assign: {
      // v = acquire(...);  ->  v.reset(acquire(...));
      const Expr *RHS = T.Assign->getRHS();
      if (T.Assign->getBeginLoc().isMacroID() || RHS->getBeginLoc().isMacroID() ||
          RHS->getEndLoc().isMacroID())
        return std::nullopt;
      Fix.Hints.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getCharRange(T.Assign->getBeginLoc(),
                                        RHS->getBeginLoc()),
          Name + ".reset("));
      Fix.Hints.push_back(FixItHint::CreateInsertion(
          Lexer::getLocForEndOfToken(RHS->getEndLoc(), 0,
                                     Ctx.getSourceManager(), LO),
          ")"));
      break;
    }
    case Use::Delete:
    case Use::Release: {
      // Another release than the deleter (redisAsyncDisconnect vs
      // redisAsyncFree) has its own meaning: keep the code as it is.
      bool IsDeleter =
          X.Kind == Use::Delete
              ? Deleter == "delete"
              : (X.Callee && X.Callee->getName() == Deleter &&
                 isa<CallExpr>(X.Call) && !isa<CXXMemberCallExpr>(X.Call) &&
                 cast<CallExpr>(X.Call)->getNumArgs() == 1);
      if (!IsDeleter) {
        Why = "released by another function than the deleter";
        return std::nullopt;
      }
      if (onlyReturnsFollow(PM, X.Call, T.Scope))
        if (auto H = removeStatement(X.Call, Ctx)) {
          Fix.Hints.push_back(*H);
          break;
        }
      Fix.Hints.push_back(FixItHint::CreateReplacement(
          X.Call->getSourceRange(), Name + ".reset()"));
      break;
    }
    }
  }

  // The element type, as written when possible.
  std::string Ty;
  if (TypeSourceInfo *TSI = VD->getTypeSourceInfo()) {
    TypeLoc TL = TSI->getTypeLoc();
    if (auto PTL = TL.getAsAdjusted<PointerTypeLoc>()) {
      TypeLoc Pointee = PTL.getPointeeLoc();
      if (!Pointee.getAs<AutoTypeLoc>() && Pointee.getSourceRange().isValid())
        Ty = text(Pointee.getSourceRange(), Ctx).str();
    }
  }
  if (Ty.empty()) {
    if (const auto *NE = dyn_cast<CXXNewExpr>(S.E))
      Ty = text(NE->getAllocatedTypeSourceInfo()->getTypeLoc().getSourceRange(), Ctx).str();
    else
      Ty = VD->getType()->getPointeeType().getAsString(Ctx.getPrintingPolicy());
  }
  if (T.Assign) {
    // Declared first: the whole declaration becomes an empty owner.
    if (T.DS->getEndLoc().isMacroID() || VD->getOuterLocStart().isMacroID())
      return std::nullopt;
    Fix.Hints.insert(
        Fix.Hints.begin(),
        FixItHint::CreateReplacement(
            CharSourceRange::getCharRange(VD->getOuterLocStart(),
                                          T.DS->getEndLoc()),
            Deleter == "delete"
                ? "std::unique_ptr<" + Ty + "> " + Name
                : "std::unique_ptr<" + Ty + ", decltype(&" + Deleter.str() +
                      ")> " + Name + "(nullptr, &" + Deleter.str() + ")"));
    return Fix;
  }
  // The declaration is rewritten around its initializer, which stays as it
  // is: edits inside it (another handle's .get()) then never overlap ours.
  SourceRange InitRange = VD->getInit()->getSourceRange();
  if (Ty.empty() || InitRange.isInvalid() || InitRange.getBegin().isMacroID()) {
    Why = "the declaration could not be read";
    return std::nullopt;
  }
  std::string Head = Deleter == "delete"
                         ? "std::unique_ptr<" + Ty + "> " + Name + "("
                         : "std::unique_ptr<" + Ty + ", decltype(&" +
                               Deleter.str() + ")> " + Name + "(";
  std::string Tail = Deleter == "delete" ? ")" : ", &" + Deleter.str() + ")";
  Fix.Hints.insert(Fix.Hints.begin(),
                   FixItHint::CreateReplacement(
                       CharSourceRange::getCharRange(VD->getOuterLocStart(),
                                                     InitRange.getBegin()),
                       Head));
  Fix.Hints.push_back(FixItHint::CreateInsertion(
      Lexer::getLocForEndOfToken(InitRange.getEnd(), 0, Ctx.getSourceManager(),
                                 LO),
      Tail));
  return Fix;
}

/// The variable the site's handle lives in, with its declaration.
std::optional<Target> findTarget(const ParentMap &PM, const Stmt *Body,
                                 const Site &S, std::string &Why) {
  Target T;
  if (S.OutParam) {
    T.VD = S.OutVar;
    T.DS = T.VD ? declStmtOf(Body, T.VD) : nullptr;
  } else {
    const Stmt *P = S.E;
    do
      P = PM.getParent(P);
    while (P && isa<ImplicitCastExpr, ExplicitCastExpr, ParenExpr,
                    ExprWithCleanups>(P));
    T.DS = dyn_cast_or_null<DeclStmt>(P);
    if (T.DS && T.DS->isSingleDecl())
      T.VD = dyn_cast<VarDecl>(T.DS->getSingleDecl());
    // C style: declared first, `v = acquire(...);` as a statement of its
    // own, the variable starting out null (or with no value).
    const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
    if (BO && BO->getOpcode() == BO_Assign &&
        isa_and_nonnull<CompoundStmt>(PM.getParent(BO)))
      if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
            V && V->getType()->isPointerType() && !isa<ParmVarDecl>(V) &&
            (!V->getInit() ||
             V->getInit()->isNullPointerConstant(
                 V->getASTContext(), Expr::NPC_ValueDependentIsNotNull))) {
          T.VD = V;
          T.DS = declStmtOf(Body, V);
          T.Assign = BO;
        }
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

} // namespace

std::string raiiSuggestion(TUAnalysis &TU, const FunctionResult &R,
                           const Site &S) {
  if (!S.F)
    return "";
  if (const PooledSessionSpec *P = sessionFor(TU, S)) {
    std::string Pool = objectText(cast<CXXMemberCallExpr>(S.E), TU.context());
    return "check the session out with '" + P->Type + " session(" +
           (Pool.empty() ? "pool" : Pool) + ")', which gives it back on "
           "every path";
  }
  if (S.F->Pooled)
    return "return it to the pool from a scope guard declared right after "
           "the checkout";
  if (S.OutParam)
    return "release it from a scope guard declared right after the "
           "variable, so that every path releases it";
  std::string D = deleterFor(*S.F);
  if (isAttributeFamily(*S.F) || D.empty())
    return "release it from a scope guard declared right after the "
           "acquisition";
  std::string T = S.F->Type;
  if (T.empty() && StringRef(S.Acquirer).starts_with("new "))
    T = StringRef(S.Acquirer).drop_front(4).str();
  if (T.empty())
    T = "T";
  if (D == "delete")
    return "own it with 'std::unique_ptr<" + T + ">' so that it is released "
           "on every path";
  return "own it with 'std::unique_ptr<" + T + ", decltype(&" + D +
         ")>' so that it is released on every path";
}

std::optional<RaiiFix> buildRaiiFix(TUAnalysis &TU, const FunctionResult &R,
                                    const Site &S, const FixOptions &O,
                                    std::string &Why, std::string *Advice) {
  ASTContext &Ctx = TU.context();
  if (!Ctx.getLangOpts().CPlusPlus11) {
    Why = "not C++";
    return std::nullopt;
  }
  if (S.isPseudo() || !S.F) {
    Why = "not an acquisition in this function";
    return std::nullopt;
  }
  const Stmt *Body = R.FD->getBody();
  ParentMap PM(const_cast<Stmt *>(Body));
  std::optional<Target> T = findTarget(PM, Body, S, Why);
  if (!T)
    return std::nullopt;
  Uses U = classifyUses(TU, Body, PM, *T, S);
  if (!U.Unsafe.empty()) {
    Why = U.Unsafe;
    return std::nullopt;
  }
  // On some path a handle it was made from is released while it is still
  // held (the path where it leaks): an owner would release it after its
  // parent there.
  if (const VarDecl *P = S.ParentReleasedFirst) {
    Why = "a handle it was made from is released first on some path";
    if (Advice)
      *Advice = "release it before '" + P->getNameAsString() +
                "', which it was made from, on every path that releases '" +
                P->getNameAsString() + "'";
    return std::nullopt;
  }
  // Kind 3: a pool with a scoped session type.
  if (auto F = sessionFix(TU, PM, S, *T, U, Why))
    return F;
  // Kinds 1 and 2: a pointer the family's deleter can own.
  std::string Deleter = deleterFor(*S.F);
  if (!S.OutParam && !S.F->Pooled && !isAttributeFamily(*S.F) &&
      !Deleter.empty()) {
    if (!T->VD->getType()->isPointerType()) {
      Why = "not a local pointer variable";
      return std::nullopt;
    }
    return uniquePtrFix(TU, PM, S, *T, U, Deleter, Why);
  }
  // Kind 3: a scope guard.
  return guardFix(TU, R, PM, S, *T, U, O, Why);
}

} // namespace connleak
