//===--- FixIts.cpp - fix-its toward RAII ----------------------------------===//
//
// Kind 1 and 2 of docs/fixits.md (std::unique_ptr), and the entry points
// that choose between the kinds (FixSupport.h).
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
} // namespace fixits

using namespace fixits;


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
  std::string Var = T->VD->getNameAsString();
  // Kind 3: a pool with a scoped session type.
  if (auto F = sessionFix(TU, PM, S, *T, U, Why)) {
    F->Title = "use a scoped session for '" + Var + "'";
    return F;
  }
  // Kinds 1 and 2: a pointer the family's deleter can own.
  std::string Deleter = deleterFor(*S.F);
  if (!S.OutParam && !S.F->Pooled && !isAttributeFamily(*S.F) &&
      !Deleter.empty()) {
    if (!T->VD->getType()->isPointerType()) {
      Why = "not a local pointer variable";
      return std::nullopt;
    }
    std::optional<RaiiFix> F = uniquePtrFix(TU, PM, S, *T, U, Deleter, Why);
    if (F)
      F->Title = "use std::unique_ptr for '" + Var + "'";
    return F;
  }
  // Kind 3: a scope guard.
  std::optional<RaiiFix> F = guardFix(TU, R, PM, S, *T, U, O, Why);
  if (F)
    F->Title = "release '" + Var + "' with a scope guard";
  return F;
}

} // namespace connleak

