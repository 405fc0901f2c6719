//===--- FixIts.cpp -------------------------------------------------------===//
#include "connleak/FixIts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

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

/// Removes a whole statement `call;` including its line when it stands
/// alone on that line.
std::optional<FixItHint> removeStatement(const Expr *E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = E->getBeginLoc(), End = E->getEndLoc();
  if (Begin.isMacroID() || End.isMacroID())
    return std::nullopt;
  SourceLocation Semi = Lexer::findLocationAfterToken(
      End, tok::semi, SM, Ctx.getLangOpts(), /*SkipTrailingWhitespaceAndNewLine=*/false);
  if (Semi.isInvalid())
    return std::nullopt;
  // Extend to the whole line when only white space surrounds the statement.
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(SM.getFileID(Begin), &Invalid);
  if (Invalid)
    return std::nullopt;
  unsigned B = SM.getFileOffset(Begin), S = SM.getFileOffset(Semi);
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
  SourceLocation To = WholeLine ? Semi.getLocWithOffset(LineEnd - S) : Semi;
  return FixItHint::CreateRemoval(CharSourceRange::getCharRange(From, To));
}

} // namespace

std::string raiiSuggestion(const Site &S) {
  if (!S.F)
    return "";
  if (S.F->Pooled) {
    if (StringRef(S.F->releaseName()) == "give_back")
      return "check the session out with 'soci::session sql(pool)', which "
             "gives it back on every path";
    return "return it to the pool from a scope guard declared right after "
           "the checkout";
  }
  if (StringRef(S.F->Name).starts_with("attribute:"))
    return ""; // a tag, not a type: no std::unique_ptr to suggest
  if (S.OutParam)
    return "release it from a scope guard declared right after the "
           "variable, so that every path releases it";
  std::string D = deleterFor(*S.F);
  std::string T = S.F->Type;
  if (T.empty() && StringRef(S.Acquirer).starts_with("new "))
    T = StringRef(S.Acquirer).drop_front(4).str();
  if (T.empty())
    T = "T";
  if (D == "delete")
    return "own it with 'std::unique_ptr<" + T + ">' so that it is released "
           "on every path";
  if (!D.empty())
    return "own it with 'std::unique_ptr<" + T + ", decltype(&" + D +
           ")>' so that it is released on every path";
  return "release it from a scope guard declared right after the acquisition";
}

std::optional<RaiiFix> buildRaiiFix(TUAnalysis &TU, const FunctionResult &R,
                                    const Site &S, std::string &Why) {
  ASTContext &Ctx = TU.context();
  const LangOptions &LO = Ctx.getLangOpts();
  if (!LO.CPlusPlus11) {
    Why = "not C++";
    return std::nullopt;
  }
  if (S.F && StringRef(S.F->Name).starts_with("attribute:")) {
    Why = "a handle family declared by attributes has no type to own";
    return std::nullopt;
  }
  if (S.OutParam || S.isPseudo() || !S.F) {
    Why = "the handle comes out through an argument";
    return std::nullopt;
  }
  std::string Deleter = deleterFor(*S.F);
  if (Deleter.empty()) {
    Why = "no single-argument release function";
    return std::nullopt;
  }
  const Stmt *Body = R.FD->getBody();
  ParentMap PM(const_cast<Stmt *>(Body));

  // The variable initialised by the acquisition, in a single declaration.
  const Stmt *P = S.E;
  do
    P = PM.getParent(P);
  while (P && isa<ImplicitCastExpr, ExplicitCastExpr, ParenExpr, ExprWithCleanups>(P));
  const auto *DS = dyn_cast_or_null<DeclStmt>(P);
  if (!DS || !DS->isSingleDecl()) {
    Why = "not a single local declaration";
    return std::nullopt;
  }
  if (!isa_and_nonnull<CompoundStmt>(PM.getParent(DS))) {
    Why = "declared in a condition";
    return std::nullopt;
  }
  const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
  if (!VD || VD->getInitStyle() != VarDecl::CInit || !VD->hasLocalStorage() ||
      VD->isStaticLocal() ||
      !VD->getType()->isPointerType() || !VD->getInit() ||
      VD->getBeginLoc().isMacroID() || VD->getInit()->getEndLoc().isMacroID()) {
    Why = "not a local pointer variable";
    return std::nullopt;
  }

  RaiiFix Fix;
  std::string Name = VD->getNameAsString();
  const Stmt *VarScope = PM.getParent(DS);
  bool Unsafe = false;
  // Every use of the variable must have a rewrite.
  std::function<void(const Stmt *)> Visit = [&](const Stmt *St) {
    if (!St || Unsafe)
      return;
    if (isa<GotoStmt, IndirectGotoStmt>(St)) {
      Unsafe = true;
      return;
    }
    if (const auto *LE = dyn_cast<LambdaExpr>(St)) {
      for (const LambdaCapture &C : LE->captures())
        if (C.capturesVariable() && C.getCapturedVar() == VD)
          Unsafe = true;
      return;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(St); DRE && DRE->getDecl() == VD) {
      SourceLocation RefEnd = DRE->getEndLoc();
      if (DRE->getBeginLoc().isMacroID()) {
        // A macro argument written in the file (curl_easy_setopt(h, ...))
        // can be edited where it is spelled; a name inside a macro body
        // cannot.
        const SourceManager &SM = Ctx.getSourceManager();
        if (!SM.isMacroArgExpansion(DRE->getBeginLoc()) ||
            !SM.isMacroArgExpansion(DRE->getEndLoc())) {
          Unsafe = true;
          return;
        }
        RefEnd = SM.getSpellingLoc(DRE->getEndLoc());
        if (!SM.isWrittenInMainFile(RefEnd) && !SM.getFileID(RefEnd).isValid()) {
          Unsafe = true;
          return;
        }
      }
      const Stmt *Par = parentSkipping(PM, DRE);
      auto InsertGet = [&] {
        Fix.Hints.push_back(FixItHint::CreateInsertion(
            Lexer::getLocForEndOfToken(RefEnd, 0, Ctx.getSourceManager(), LO),
            ".get()"));
      };
      if (!Par) {
        Unsafe = true;
        return;
      }
      if (const auto *ME = dyn_cast<MemberExpr>(Par); ME && ME->isArrow())
        return; // p->x
      if (const auto *UO = dyn_cast<UnaryOperator>(Par)) {
        if (UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_LNot)
          return; // *p, !p
        Unsafe = true; // &p, ++p
        return;
      }
      if (const auto *IC = dyn_cast<ImplicitCastExpr>(Par);
          IC && IC->getCastKind() == CK_PointerToBoolean) {
        if (!isContextualBool(PM, IC))
          InsertGet();
        return;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(Par)) {
        if (BO->isEqualityOp()) {
          const Expr *Other = BO->getLHS()->IgnoreParenImpCasts() == DRE
                                  ? BO->getRHS()
                                  : BO->getLHS();
          if (!Other->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
            InsertGet();
          return;
        }
        if (BO->isRelationalOp()) {
          InsertGet();
          return;
        }
        Unsafe = true; // assigned, or stored somewhere
        return;
      }
      if (const auto *Del = dyn_cast<CXXDeleteExpr>(Par)) {
        if (Deleter != "delete") {
          Unsafe = true;
          return;
        }
        if (onlyReturnsFollow(PM, Del, VarScope))
          if (auto H = removeStatement(Del, Ctx)) {
            Fix.Hints.push_back(*H);
            return;
          }
        Fix.Hints.push_back(FixItHint::CreateReplacement(
            Del->getSourceRange(), Name + ".reset()"));
        return;
      }
      if (const auto *CE = dyn_cast<CallExpr>(Par)) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (!Callee || CE->getCallee()->IgnoreParenImpCasts() == DRE) {
          Unsafe = true;
          return;
        }
        bool IsRelease = false, Takes = false;
        for (const CalleeRole &Role : TU.roles(Callee)) {
          if (Role.Kind == CalleeRole::Release && Role.F == S.F) {
            // Another release than the deleter (redisAsyncDisconnect vs
            // redisAsyncFree) has its own meaning: keep the code as it is.
            if (Callee->getName() != Deleter || CE->getNumArgs() != 1) {
              Unsafe = true;
              return;
            }
            IsRelease = true;
          }
          if (Role.Kind == CalleeRole::TakeOwnership)
            Takes = true;
        }
        if (IsRelease) {
          if (onlyReturnsFollow(PM, CE, VarScope))
            if (auto H = removeStatement(CE, Ctx)) {
              Fix.Hints.push_back(*H);
              return;
            }
          Fix.Hints.push_back(FixItHint::CreateReplacement(
              CE->getSourceRange(), Name + ".reset()"));
          return;
        }
        if (Takes) {
          Unsafe = true;
          return;
        }
        // Borrowed by a modelled function or a local helper that only
        // borrows; anything else might keep the pointer.
        bool Borrow = TU.isKnown(Callee);
        if (!Borrow)
          if (const FunctionSummary *Sum = TU.summary(Callee)) {
            Borrow = true;
            for (unsigned I = 0; I < CE->getNumArgs() && I < Sum->Params.size(); ++I)
              if (CE->getArg(I)->IgnoreParenImpCasts() == DRE &&
                  Sum->Params[I] != FunctionSummary::Borrow)
                Borrow = false;
          }
        if (!Borrow) {
          Unsafe = true;
          return;
        }
        // A parameter that is a reference to the pointer cannot take p.get().
        for (unsigned I = 0; I < CE->getNumArgs(); ++I)
          if (CE->getArg(I)->IgnoreParenImpCasts() == DRE &&
              I < Callee->getNumParams() &&
              Callee->getParamDecl(I)->getType()->isReferenceType()) {
            Unsafe = true;
            return;
          }
        InsertGet();
        return;
      }
      Unsafe = true;
      return;
    }
    for (const Stmt *C : St->children())
      Visit(C);
  };
  Visit(Body);
  if (Unsafe) {
    Why = "a use of the variable cannot be rewritten";
    return std::nullopt;
  }

  // The element type, as written when possible.
  std::string T;
  if (TypeSourceInfo *TSI = VD->getTypeSourceInfo()) {
    TypeLoc TL = TSI->getTypeLoc();
    if (auto PTL = TL.getAsAdjusted<PointerTypeLoc>()) {
      TypeLoc Pointee = PTL.getPointeeLoc();
      if (!Pointee.getAs<AutoTypeLoc>() && Pointee.getSourceRange().isValid())
        T = text(Pointee.getSourceRange(), Ctx).str();
    }
  }
  if (T.empty()) {
    if (const auto *NE = dyn_cast<CXXNewExpr>(S.E))
      T = text(NE->getAllocatedTypeSourceInfo()->getTypeLoc().getSourceRange(), Ctx).str();
    else
      T = VD->getType()->getPointeeType().getAsString(Ctx.getPrintingPolicy());
  }
  // The declaration is rewritten around its initializer, which stays as it
  // is: edits inside it (another handle's .get()) then never overlap ours.
  SourceRange InitRange = VD->getInit()->getSourceRange();
  if (T.empty() || InitRange.isInvalid() || InitRange.getBegin().isMacroID()) {
    Why = "the declaration could not be read";
    return std::nullopt;
  }
  std::string Head = Deleter == "delete"
                         ? "std::unique_ptr<" + T + "> " + Name + "("
                         : "std::unique_ptr<" + T + ", decltype(&" + Deleter +
                               ")> " + Name + "(";
  std::string Tail = Deleter == "delete" ? ")" : ", &" + Deleter + ")";
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

} // namespace connleak
