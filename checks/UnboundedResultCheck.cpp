//===--- UnboundedResultCheck.cpp -----------------------------------------===//
#include "UnboundedResultCheck.h"
#include "ConfigChecks.h"
#include "connleak/syntax/ConfigQueries.h"
#include "connleak/syntax/QueryText.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace connleak {

static bool matchesAny(const std::vector<std::string> &Patterns,
                       StringRef Name) {
  for (const std::string &P : Patterns)
    if (matchesPattern(P, Name))
      return true;
  return false;
}

/// The handle argument of a call denotes Handle: the same variable, or the
/// same member of the same object (db->conn).
static bool takesHandle(const CallExpr *CE, const Expr *Handle) {
  const Expr *H = Handle->IgnoreParenImpCasts();
  CallArgs A = callArgs(CE);
  if (A.Obj && Expr::isSameComparisonOperand(A.Obj->IgnoreParenImpCasts(), H))
    return true;
  for (const Expr *Arg : A.Args)
    if (Expr::isSameComparisonOperand(Arg->IgnoreParenImpCasts(), H))
      return true;
  return false;
}

void UnboundedResultCheck::noteBound(const CallExpr *CE,
                                     const std::string &Bound) {
  if (!Bound.empty())
    diag(CE->getBeginLoc(), "bound it: %0", DiagnosticIDs::Note) << Bound;
}

void UnboundedResultCheck::judgeSql(TUAnalysis &TU, BodyIndex &Index,
                                    const QuerySpec &Q, const CallExpr *CE,
                                    const Expr *Text, const Expr *Handle,
                                    const std::string &Where) {
  std::optional<std::string> Sql = Index.configString(Text, "");
  if (!Sql)
    return; // built at run time: not judged
  std::optional<sql::UnboundedSelect> U;
  for (const sql::Statement &S : sql::tokenize(*Sql))
    if ((U = sql::unboundedSelect(S)))
      break;
  if (!U)
    return;
  // The first later call on the same handle that fetches or streams the
  // result decides (PQsetSingleRowMode, mysql_store_result).
  if (Handle && (!Q.StreamedBy.empty() || !Q.FetchedBy.empty())) {
    bool Fetched = Q.FetchedBy.empty();
    for (const Stmt *S : Index.statements()) {
      const auto *Next = dyn_cast<CallExpr>(S);
      if (!Next || Next == CE || !Next->getDirectCallee() ||
          !Index.before(CE, Next) || !takesHandle(Next, Handle))
        continue;
      StringRef Name = TU.qualifiedName(Next->getDirectCallee());
      if (matchesAny(Q.StreamedBy, Name))
        return; // streamed row by row
      if (matchesAny(Q.FetchedBy, Name)) {
        Fetched = true;
        break;
      }
    }
    if (!Fetched)
      return; // the result is read elsewhere, or not at all
  }
  const FunctionDecl *Callee = CE->getDirectCallee();
  diag(CE->getBeginLoc(),
       "'%0' reads every row of 'SELECT ... FROM %1' %2: the query has no "
       "LIMIT")
      << Callee->getNameAsString() << U->From << Where << CE->getSourceRange();
  noteBound(CE, Q.Bound);
}

void UnboundedResultCheck::judgeRedis(TUAnalysis &TU, BodyIndex &Index,
                                      const QuerySpec &Q,
                                      const CallExpr *CE, const Expr *Text,
                                      const std::string &Where) {
  std::optional<std::string> Format = Index.configString(Text, "");
  if (!Format)
    return;
  std::vector<redis::Word> Words = redis::tokenize(*Format);
  if (Words.empty() || Words[0].Formatted)
    return; // the command itself is filled in at run time
  for (const RedisCommandSpec &R : TU.models().redisCommands()) {
    if (!Words[0].Text.equals_insensitive(R.Command))
      continue;
    if (R.StopArg >= 0) {
      std::optional<long long> Stop = redis::integerArg(Words, R.StopArg);
      if (!Stop || *Stop >= 0)
        return; // a literal bound, or one filled in at run time
    }
    for (const redis::Word &W : Words)
      if (!W.Formatted && llvm::any_of(R.Unless, [&](const std::string &U) {
            return W.Text.equals_insensitive(U);
          }))
        return;
    diag(CE->getBeginLoc(), "'%0' reads %1 ('%2') %3")
        << CE->getDirectCallee()->getNameAsString() << R.What
        << StringRef(*Format).trim() << Where << CE->getSourceRange();
    noteBound(CE, R.Bound);
    return;
  }
}

/// A literal argument of a builder call names one of the keys: "limit", or
/// a JSON text with a "limit" member.
static bool namesKey(const CallExpr *CE, const std::vector<std::string> &Keys) {
  for (const Expr *A : CE->arguments()) {
    std::optional<std::string> S = literalString(A->IgnoreParenCasts());
    if (!S)
      continue;
    for (const std::string &K : Keys)
      if (*S == K || StringRef(*S).contains("\"" + K + "\""))
        return true;
  }
  return false;
}

void UnboundedResultCheck::judgeMongo(TUAnalysis &TU, BodyIndex &Index,
                                      const QuerySpec &Q, const CallExpr *CE,
                                      const Expr *Opts,
                                      const std::string &Where) {
  ASTContext &Ctx = TU.context();
  if (!isNullConstant(Opts, Ctx)) {
    // A local options document built here with the builders only.
    const VarDecl *V = localVarOf(Opts);
    if (!V || isa<ParmVarDecl>(V))
      return;
    auto IsBuilder = [&](const CallExpr *C) {
      return C->getDirectCallee() &&
             matchesAny(Q.Builders, TU.qualifiedName(C->getDirectCallee()));
    };
    std::vector<const Expr *> Sources;
    if (const Expr *Init = V->getInit())
      Sources.push_back(Init);
    for (const BinaryOperator *BO : Index.assignments())
      if (localVarOf(BO->getLHS()) == V)
        Sources.push_back(BO->getRHS());
    for (const Expr *Src : Sources) {
      Src = Src->IgnoreParenCasts();
      if (isa<InitListExpr>(Src) || isNullConstant(Src, Ctx))
        continue; // bson_t opts = BSON_INITIALIZER
      const auto *Call = dyn_cast<CallExpr>(Src);
      if (!Call || !IsBuilder(Call))
        return; // made elsewhere: not judged
      if (namesKey(Call, Q.BoundKeys))
        return;
    }
    for (const CallExpr *Use : Index.callsWith(V)) {
      if (Use == CE)
        continue;
      if (!IsBuilder(Use))
        return; // handed to a helper that may set the limit
      if (namesKey(Use, Q.BoundKeys))
        return;
    }
  }
  diag(CE->getBeginLoc(), "'%0' reads every matching document %1: its "
                          "options set no %2")
      << CE->getDirectCallee()->getNameAsString() << Where
      << quoteAlternatives(Q.BoundKeys) << CE->getSourceRange();
  noteBound(CE, Q.Bound);
}

void UnboundedResultCheck::judge(TUAnalysis &TU, BodyIndex &Index,
                                 const QuerySpec &Q, const CallExpr *CE,
                                 const std::string &Where) {
  CallArgs A = callArgs(CE);
  const Expr *Text = A.at(Q.Arg);
  if (!Text)
    return;
  switch (Q.Language) {
  case QueryLanguage::Sql:
    judgeSql(TU, Index, Q, CE, Text, A.at(Q.HandleArg), Where);
    return;
  case QueryLanguage::Redis:
    judgeRedis(TU, Index, Q, CE, Text, Where);
    return;
  case QueryLanguage::Mongo:
    judgeMongo(TU, Index, Q, CE, Text, Where);
    return;
  }
}

void UnboundedResultCheck::checkTranslationUnit(TUAnalysis &TU,
                                                ASTContext &Ctx) {
  const ModelSet &M = TU.models();
  if (M.queries().empty())
    return;
  for (const FunctionDecl *FD : TU.functions()) {
    std::string Handler = requestHandlerContext(M, FD);
    // The query calls of a request handler, or of a loop body.
    std::vector<std::pair<const CallExpr *, const QuerySpec *>> Judged;
    walkBody(FD->getBody(), [&](const Stmt *S, bool InLoop) {
      const auto *CE = dyn_cast<CallExpr>(S);
      if (!CE || (!InLoop && Handler.empty()) || !CE->getDirectCallee())
        return;
      StringRef Name = TU.qualifiedName(CE->getDirectCallee());
      for (const QuerySpec &Q : M.queries())
        if (Q.Reads && matchesPattern(Q.Function, Name)) {
          Judged.push_back({CE, &Q});
          break;
        }
    });
    if (Judged.empty())
      continue;
    BodyIndex Index(TU, FD);
    for (const auto &[CE, Q] : Judged)
      judge(TU, Index, *Q, CE,
            !Handler.empty() ? "inside " + Handler : "inside a loop");
  }
}

} // namespace connleak
