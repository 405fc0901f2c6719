//===--- UnboundedPoolCheck.cpp -------------------------------------------===//
#include "UnboundedPoolCheck.h"
#include "ConfigChecks.h"
#include "connleak/syntax/ConfigQueries.h"

#include "clang/AST/ParentMap.h"

using namespace clang;

namespace connleak {

void UnboundedPoolCheck::checkTranslationUnit(TUAnalysis &TU, ASTContext &Ctx) {
  const ModelSet &M = TU.models();
  if (M.poolLimits().empty())
    return;
  for (const FunctionDecl *FD : TU.functions()) {
    BodyIndex Index(TU, FD);
    for (const Stmt *S : Index.statements()) {
      for (const PoolLimitSpec &P : M.poolLimits()) {
        std::optional<JudgedCall> J = Index.match(S, P.Function, "");
        if (!J)
          continue;
        std::vector<std::vector<std::string>> Missing;
        std::string Where;
        if (P.Kind == ConfigKind::Uri) {
          if ((unsigned)P.Arg >= J->Args.size())
            continue;
          std::optional<std::string> Str =
              Index.configString(J->Args[P.Arg], P.UriConstructor);
          if (!Str)
            continue; // not a literal: not judged
          Missing = missingKeys(*Str, P.Require);
          Where = "its URI sets no ";
          // A pool sized afterwards (mongoc_client_pool_max_size) or handed
          // on to be configured elsewhere is not judged.
          const VarDecl *PoolVar = Index.initialisedVar(J->E);
          if (PoolVar && Index.configuredBy(PoolVar, P.Setters))
            continue;
        } else {
          // The pool handle is the variable the call initialises.
          const VarDecl *V = Index.initialisedVar(J->E);
          if (!V || Index.escapesAnywhere(V))
            continue;
          // Configured anywhere in this function, or handed on to be
          // configured elsewhere: not judged.
          bool HandedOn = false;
          for (const Stmt *X : Index.statements())
            if (const auto *RS = dyn_cast<ReturnStmt>(X))
              if (RS->getRetValue() && localVarOf(RS->getRetValue()) == V)
                HandedOn = true;
          if (HandedOn)
            continue;
          Missing = Index.missingOptions(V, J->E, P.Setters, P.OptionArg,
                                         P.Require, /*Before=*/false);
          Where = "'" + V->getNameAsString() + "' gets no ";
        }
        if (Missing.empty())
          continue;
        diag(J->E->getBeginLoc(),
             "pool created by '%0' is unbounded: %1%2")
            << J->Name << Where << describeMissing(Missing)
            << J->E->getSourceRange();
      }
    }
  }
}

} // namespace connleak
