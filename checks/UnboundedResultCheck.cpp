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

/// A and B denote the same handle: the same variable, or the same member of
/// the same handle (db->conn, this->conn_).
static bool sameHandle(const Expr *A, const Expr *B) {
  A = A->IgnoreParenImpCasts();
  B = B->IgnoreParenImpCasts();
  if (const auto *DA = dyn_cast<DeclRefExpr>(A)) {
    const auto *DB = dyn_cast<DeclRefExpr>(B);
    return DB && DA->getDecl() == DB->getDecl();
  }
  if (const auto *MA = dyn_cast<MemberExpr>(A)) {
    const auto *MB = dyn_cast<MemberExpr>(B);
    return MB && MA->getMemberDecl() == MB->getMemberDecl() &&
           sameHandle(MA->getBase(), MB->getBase());
  }
  if (isa<CXXThisExpr>(A))
    return isa<CXXThisExpr>(B);
  return false;
}

/// Some argument (or the object) of a call denotes Handle.
static bool takesHandle(const CallExpr *CE, const Expr *Handle) {
  CallArgs A = callArgs(CE);
  if (A.Obj && sameHandle(A.Obj, Handle))
    return true;
  for (const Expr *Arg : A.Args)
    if (sameHandle(Arg, Handle))
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
  for (const sql::Statement &S : sql::tokenize(cString(*Sql)))
    if ((U = sql::unboundedSelect(S)))
      break;
  if (!U)
    return;
  // The first later call on the same handle, before the next query on it,
  // that fetches or streams the result decides (PQsetSingleRowMode,
  // mysql_store_result).
  if (Handle && (!Q.StreamedBy.empty() || !Q.FetchedBy.empty())) {
    bool Fetched = Q.FetchedBy.empty();
    for (const Stmt *S : Index.statements()) {
      const auto *Next = dyn_cast<CallExpr>(S);
      if (!Next || Next == CE || !Next->getDirectCallee() ||
          !Index.before(CE, Next) || !takesHandle(Next, Handle))
        continue;
      StringRef Name = TU.qualifiedName(Next->getDirectCallee());
      if (llvm::any_of(TU.models().queries(), [&](const QuerySpec &Other) {
            return matchesPattern(Other.Function, Name);
          }))
        break; // the next query on the handle: this one's result is done
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
  std::vector<redis::Word> Words = redis::tokenize(cString(*Format));
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

/// The cursor that CE initialises is read by one of the Iterators inside a
/// loop that starts after CE.
static bool iteratedInLoop(TUAnalysis &TU, BodyIndex &Index, const CallExpr *CE,
                           const std::vector<std::string> &Iterators) {
  const VarDecl *Cursor = Index.initialisedVar(CE);
  if (!Cursor)
    return false;
  // Up to the next assignment of another cursor to the variable.
  const BinaryOperator *Next = nullptr;
  for (const BinaryOperator *BO : Index.assignments())
    if (localVarOf(BO->getLHS()) == Cursor && Index.before(CE, BO) &&
        BO->getRHS()->IgnoreParenCasts() != CE) {
      Next = BO;
      break;
    }
  for (const Stmt *S : Index.statements()) {
    if (!isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S) ||
        !Index.before(CE, S) || (Next && !Index.before(S, Next)))
      continue;
    bool Found = false;
    walkBody(S, [&](const Stmt *X, bool) {
      const auto *Call = dyn_cast<CallExpr>(X);
      if (Found || !Call || !Call->getDirectCallee() ||
          !matchesAny(Iterators, TU.qualifiedName(Call->getDirectCallee())))
        return;
      for (const Expr *A : Call->arguments())
        if (localVarOf(A) == Cursor)
          Found = true;
    });
    if (Found)
      return true;
  }
  return false;
}

void UnboundedResultCheck::judge(TUAnalysis &TU, BodyIndex &Index,
                                 const QuerySpec &Q, const CallExpr *CE,
                                 const std::string &Where) {
  CallArgs A = callArgs(CE);
  const Expr *Text = A.at(Q.Arg);
  if (!Text)
    return;
  if (!Q.IteratedBy.empty() && !iteratedInLoop(TU, Index, CE, Q.IteratedBy))
    return; // a lazy cursor that is not read to the end here
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
