//===--- Config.cpp -------------------------------------------------------===//
#include "connleak/syntax/ConfigQueries.h"
#include "connleak/ast/AstHelpers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using namespace clang;
using namespace llvm;

namespace connleak {

/// How many wrappers (parentheses, casts, temporaries) literalExpr() looks
/// through to find a string literal.
static constexpr unsigned MaxWrapperSteps = 8;
/// How many levels of macro or constant spelling spelledAs() follows.
static constexpr unsigned MaxSpellingSteps = 4;

/// A literal 0 or false: the condition of `do { ... } while (0)`.
static bool isLiteralFalse(const Expr *E) {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *IL = dyn_cast<IntegerLiteral>(E))
    return IL->getValue() == 0;
  if (const auto *BL = dyn_cast<CXXBoolLiteralExpr>(E))
    return !BL->getValue();
  return false;
}

bool isRepeatingLoop(const Stmt *S) {
  if (const auto *Do = dyn_cast_or_null<DoStmt>(S))
    return !isLiteralFalse(Do->getCond());
  if (const auto *While = dyn_cast_or_null<WhileStmt>(S))
    return !isLiteralFalse(While->getCond());
  return isa_and_nonnull<ForStmt, CXXForRangeStmt>(S);
}

static std::optional<int64_t> intValue(const Expr *E, ASTContext &Ctx) {
  Expr::EvalResult R;
  if (!E || E->isValueDependent() || !E->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  const llvm::APSInt &V = R.Val.getInt();
  if (V.getSignificantBits() > 62)
    return std::nullopt;
  return V.getExtValue();
}

std::optional<uint64_t> constantTripCount(const Stmt *Loop, ASTContext &Ctx) {
  if (const auto *Do = dyn_cast<DoStmt>(Loop))
    return isLiteralFalse(Do->getCond()) ? std::optional<uint64_t>(1)
                                         : std::nullopt;
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return isLiteralFalse(While->getCond()) ? std::optional<uint64_t>(0)
                                            : std::nullopt;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop)) {
    const Expr *Init = Range->getRangeInit();
    if (!Init)
      return std::nullopt;
    Init = Init->IgnoreParenImpCasts();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Init))
      Init = MTE->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *IL = dyn_cast<CXXStdInitializerListExpr>(Init))
      Init = IL->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Init))
      Init = MTE->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *List = dyn_cast<InitListExpr>(Init))
      return List->getNumInits();
    QualType T = Init->getType().getNonReferenceType();
    if (const auto *CAT = Ctx.getAsConstantArrayType(T))
      return CAT->getSize().getZExtValue();
    if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            T->getAsCXXRecordDecl()))
      if (Spec->getQualifiedNameAsString() == "std::array" &&
          Spec->getTemplateArgs().size() == 2 &&
          Spec->getTemplateArgs()[1].getKind() == TemplateArgument::Integral)
        return Spec->getTemplateArgs()[1].getAsIntegral().getZExtValue();
    return std::nullopt;
  }
  const auto *For = dyn_cast<ForStmt>(Loop);
  if (!For || !For->getCond() || !For->getInc())
    return std::nullopt;
  // The condition: V op K, or K op V.
  const auto *Cond = dyn_cast<BinaryOperator>(For->getCond()->IgnoreParenImpCasts());
  if (!Cond || !Cond->isComparisonOp() || Cond->getOpcode() == BO_EQ)
    return std::nullopt;
  BinaryOperatorKind Op = Cond->getOpcode();
  const VarDecl *V = localVar(Cond->getLHS());
  std::optional<int64_t> Bound = intValue(Cond->getRHS(), Ctx);
  if (!V || !Bound) {
    V = localVar(Cond->getRHS());
    Bound = intValue(Cond->getLHS(), Ctx);
    switch (Op) { // K < V is V > K
    case BO_LT: Op = BO_GT; break;
    case BO_GT: Op = BO_LT; break;
    case BO_LE: Op = BO_GE; break;
    case BO_GE: Op = BO_LE; break;
    default: break;
    }
  }
  if (!V || !Bound)
    return std::nullopt;
  // The start.
  std::optional<int64_t> Start;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(For->getInit())) {
    if (DS->isSingleDecl() && DS->getSingleDecl() == V)
      Start = intValue(V->getInit(), Ctx);
  } else if (const auto *Init = dyn_cast_or_null<Expr>(For->getInit())) {
    if (const auto *BO = dyn_cast<BinaryOperator>(Init->IgnoreParenImpCasts());
        BO && BO->getOpcode() == BO_Assign && localVar(BO->getLHS()) == V)
      Start = intValue(BO->getRHS(), Ctx);
  }
  if (!Start)
    return std::nullopt;
  // The step.
  int64_t Step = 0;
  const Expr *Inc = For->getInc()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Inc)) {
    if (!UO->isIncrementDecrementOp() || localVar(UO->getSubExpr()) != V)
      return std::nullopt;
    Step = UO->isIncrementOp() ? 1 : -1;
  } else if (const auto *CA = dyn_cast<CompoundAssignOperator>(Inc)) {
    std::optional<int64_t> By = intValue(CA->getRHS(), Ctx);
    if (localVar(CA->getLHS()) != V || !By ||
        (CA->getOpcode() != BO_AddAssign && CA->getOpcode() != BO_SubAssign))
      return std::nullopt;
    Step = CA->getOpcode() == BO_AddAssign ? *By : -*By;
  } else {
    return std::nullopt;
  }
  if (Step == 0 || changesVar(For->getBody(), V) || changesVar(For->getCond(), V))
    return std::nullopt;
  // Count the iterations.
  int64_t From = *Start, To = *Bound;
  if (Op == BO_NE) {
    if ((To - From) % Step != 0 || (To - From) / Step < 0)
      return std::nullopt;
    return (To - From) / Step;
  }
  bool Up = Op == BO_LT || Op == BO_LE;
  if (Up != (Step > 0))
    return std::nullopt; // counts away from the bound
  if (Op == BO_LE)
    ++To;
  if (Op == BO_GE)
    --To;
  int64_t Span = Up ? To - From : From - To;
  if (Span <= 0)
    return 0;
  int64_t Abs = Step > 0 ? Step : -Step;
  return (Span + Abs - 1) / Abs;
}

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
    bool Repeats = isRepeatingLoop(Do);
    walk(Do->getBody(), InLoop || Repeats, Fn);
    walk(Do->getCond(), InLoop || Repeats, Fn);
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

/// The keyword/value pairs of a conninfo string as libpq's conninfo_parse
/// (fe-connect.c) reads them: white space around '=', a value quoted with
/// ' (the pair holds the text between the quotes) or unquoted up to white
/// space, backslash escapes kept as written. False when libpq rejects the
/// string: a keyword not followed by '=', an unterminated quoted value.
static bool conninfoPairs(StringRef S,
                          SmallVectorImpl<std::pair<StringRef, StringRef>> &Out) {
  auto Space = [](char C) { return isspace((unsigned char)C) != 0; };
  size_t I = 0, N = S.size();
  while (I < N) {
    if (Space(S[I])) {
      ++I;
      continue;
    }
    // The keyword: up to '=' or white space, then white space.
    size_t KeyBegin = I;
    while (I < N && S[I] != '=' && !Space(S[I]))
      ++I;
    StringRef Key = S.slice(KeyBegin, I);
    while (I < N && Space(S[I]))
      ++I;
    if (I == N || S[I] != '=')
      return false; // missing "=" after the keyword
    ++I;
    while (I < N && Space(S[I]))
      ++I;
    size_t ValueBegin = I, ValueEnd;
    if (I < N && S[I] == '\'') {
      ValueBegin = ++I;
      for (;; ++I) {
        if (I >= N)
          return false; // unterminated quoted string
        if (S[I] == '\\')
          ++I;
        else if (S[I] == '\'')
          break;
      }
      ValueEnd = I++;
    } else {
      while (I < N && !Space(S[I]))
        I += S[I] == '\\' ? 2 : 1;
      I = std::min(I, N);
      ValueEnd = I;
    }
    Out.push_back({Key, S.slice(ValueBegin, ValueEnd)});
  }
  return true;
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
  // '=' ("connect_timeout = 5") and quotes values ('...'): a key inside a
  // quoted value is not a key. The last one wins, as in libpq.
  SmallVector<std::pair<StringRef, StringRef>, 8> Pairs;
  if (conninfoPairs(S, Pairs)) {
    std::optional<StringRef> Found;
    for (const auto &[K, V] : Pairs)
      if (K.equals_insensitive(Key))
        Found = V;
    return Found;
  }
  // Not a conninfo libpq accepts: look for the key anywhere.
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

bool conninfoParses(StringRef S) {
  if (S.contains("://"))
    return true;
  SmallVector<std::pair<StringRef, StringRef>, 8> Pairs;
  return conninfoPairs(S, Pairs);
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
