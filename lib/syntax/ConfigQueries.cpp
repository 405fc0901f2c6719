//===--- Config.cpp -------------------------------------------------------===//
#include "connleak/syntax/ConfigQueries.h"
#include "connleak/ast/AstHelpers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace llvm;

namespace connleak {

/// How many wrappers (parentheses, casts, temporaries) literalExpr() looks
/// through to find a string literal.
static constexpr unsigned MaxWrapperSteps = 8;
/// How many levels of macro or constant spelling spelledAs() follows.
static constexpr unsigned MaxSpellingSteps = 4;

static void walk(const Stmt *S, bool InLoop,
                 function_ref<void(const Stmt *, bool)> Fn) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *For = dyn_cast<ForStmt>(S)) {
    Fn(S, InLoop);
    walk(For->getInit(), InLoop, Fn);
    walk(For->getCond(), true, Fn);
    walk(For->getInc(), true, Fn);
    walk(For->getBody(), true, Fn);
    return;
  }
  if (const auto *While = dyn_cast<WhileStmt>(S)) {
    Fn(S, InLoop);
    walk(While->getCond(), true, Fn);
    walk(While->getBody(), true, Fn);
    return;
  }
  if (const auto *Do = dyn_cast<DoStmt>(S)) {
    Fn(S, InLoop);
    walk(Do->getBody(), true, Fn);
    walk(Do->getCond(), true, Fn);
    return;
  }
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
    Fn(S, InLoop);
    walk(Range->getRangeInit(), InLoop, Fn);
    walk(Range->getBody(), true, Fn);
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    Fn(S, InLoop);
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (!VD->isStaticLocal() && VD->getInit())
          walk(VD->getInit(), InLoop, Fn);
    return;
  }
  Fn(S, InLoop);
  for (const Stmt *C : S->children())
    walk(C, InLoop, Fn);
}

std::string requestHandlerContext(const ModelSet &M, const FunctionDecl *FD) {
  for (const ParmVarDecl *P : FD->parameters())
    for (const RequestContextSpec &R : M.requestContexts())
      if (typeMatches(P->getType(), R.Type, true)) {
        if (const auto *MD = dyn_cast<CXXMethodDecl>(FD);
            MD && MD->getParent()->isLambda())
          return "a request handler lambda";
        return "request handler '" + FD->getNameAsString() + "'";
      }
  return "";
}

void walkBody(const Stmt *Body, function_ref<void(const Stmt *, bool)> Fn) {
  walk(Body, false, Fn);
}

const clang::StringLiteral *literalExpr(const Expr *E) {
  for (unsigned Step = 0; E && Step < MaxWrapperSteps; ++Step) {
    E = E->IgnoreParenImpCasts();
    if (const auto *SL = dyn_cast<clang::StringLiteral>(E))
      return SL;
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BTE->getSubExpr();
    else if (const auto *FCE = dyn_cast<CXXFunctionalCastExpr>(E))
      E = FCE->getSubExpr();
    else if (const auto *CCE = dyn_cast<CXXConstructExpr>(E)) {
      if (CCE->getNumArgs() >= 1 &&
          (CCE->getNumArgs() == 1 || isa<CXXDefaultArgExpr>(CCE->getArg(1))))
        E = CCE->getArg(0);
      else
        return nullptr;
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (!VD || !VD->getInit() || VD->getType()->isReferenceType() ||
          (!VD->hasLocalStorage() && !VD->getType().isConstQualified()))
        return nullptr;
      E = VD->getInit();
    } else
      return nullptr;
  }
  return nullptr;
}

std::optional<std::string> literalString(const Expr *E) {
  if (const clang::StringLiteral *SL = literalExpr(E))
    return SL->getString().str();
  return std::nullopt;
}

std::optional<StringRef> connStringValue(StringRef S, StringRef Key) {
  // URI query part.
  size_t Q = S.find('?');
  if (S.contains("://")) {
    if (Q == StringRef::npos)
      return std::nullopt;
    SmallVector<StringRef, 8> Parts;
    S.substr(Q + 1).split(Parts, '&');
    for (StringRef P : Parts) {
      auto [K, V] = P.split('=');
      if (K.trim().equals_insensitive(Key))
        return V;
    }
    return std::nullopt;
  }
  // key=value pairs separated by white space; libpq allows spaces around
  // '=' ("connect_timeout = 5").
  size_t Pos = 0;
  while ((Pos = S.find_insensitive(Key, Pos)) != StringRef::npos) {
    bool StartOk = Pos == 0 || isspace((unsigned char)S[Pos - 1]);
    StringRef Rest = S.substr(Pos + Key.size()).ltrim(" \t\n");
    if (StartOk && Rest.consume_front("=")) {
      Rest = Rest.ltrim(" \t\n");
      return Rest.take_until([](char C) { return isspace((unsigned char)C); });
    }
    Pos += Key.size();
  }
  return std::nullopt;
}

bool connStringHasKey(StringRef S, StringRef Key) {
  return connStringValue(S, Key).has_value();
}

bool spelledAs(const Expr *E, StringRef Name, ASTContext &Ctx) {
  SourceManager &SM = Ctx.getSourceManager();
  // NULL matches any null pointer constant: NULL, nullptr, 0.
  if (Name == "NULL")
    return isNullConstant(E, Ctx);
  for (unsigned Step = 0; E && Step < MaxSpellingSteps; ++Step) {
    int64_t Want;
    if (!Name.getAsInteger(0, Want)) {
      Expr::EvalResult ER;
      return E->EvaluateAsInt(ER, Ctx) &&
             ER.Val.getInt().tryExtValue() == std::optional<int64_t>(Want);
    }
    const Expr *SE = E->IgnoreParenCasts();
    if (SE->getBeginLoc().isMacroID()) {
      if (Lexer::getImmediateMacroName(SE->getBeginLoc(), SM,
                                       Ctx.getLangOpts()) == Name)
        return true;
      Token Tok;
      SourceLocation Exp = SM.getExpansionLoc(SE->getBeginLoc());
      if (!Lexer::getRawToken(Exp, Tok, SM, Ctx.getLangOpts()) &&
          Tok.is(tok::raw_identifier) && Tok.getRawIdentifier() == Name)
        return true;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(SE);
    if (!DRE)
      return false;
    if (isa<EnumConstantDecl>(DRE->getDecl()))
      return DRE->getDecl()->getName() == Name;
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || !VD->hasLocalStorage() || !VD->getInit())
      return false;
    E = VD->getInit();
  }
  return false;
}

QualType madeTypeAsWritten(const CallExpr *CE) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee || !Callee->getTemplateSpecializationArgs())
    return {};
  std::string Name = Callee->getQualifiedNameAsString();
  if (Name != "std::make_unique" && Name != "std::make_shared")
    return {};
  if (const auto *DRE = dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreImpCasts()))
    if (DRE->getNumTemplateArgs() >= 1) {
      const TemplateArgument &A = DRE->template_arguments()[0].getArgument();
      if (A.getKind() == TemplateArgument::Type)
        return A.getAsType();
    }
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || !FD->getTemplateSpecializationArgs())
    return {};
  const TemplateArgumentList *Args = FD->getTemplateSpecializationArgs();
  if (Args->size() < 1 || Args->get(0).getKind() != TemplateArgument::Type)
    return {};
  return Args->get(0).getAsType();
}

std::string quoteAlternatives(const std::vector<std::string> &Names,
                              StringRef Conjunction) {
  std::string Out;
  for (size_t I = 0; I < Names.size(); ++I) {
    if (I > 0)
      Out += I + 1 == Names.size() ? (" " + Conjunction + " ").str() : ", ";
    // A member that needs all its parts: 'A' with 'B'.
    SmallVector<StringRef, 2> Parts;
    StringRef(Names[I]).split(Parts, '+');
    for (size_t P = 0; P < Parts.size(); ++P)
      Out += (P ? " with '" : "'") + Parts[P].str() + "'";
  }
  return Out;
}

} // namespace connleak
