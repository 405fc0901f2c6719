//===--- MissingTimeoutCheck.cpp ------------------------------------------===//
#include "MissingTimeoutCheck.h"
#include "ConfigChecks.h"
#include "connleak/Config.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

void MissingTimeoutCheck::run(TUAnalysis &TU, ASTContext &Ctx) {
  const ModelSet &M = TU.models();
  if (M.timeouts().empty())
    return;
  for (const FunctionDecl *FD : TU.functions()) {
    BodyIndex Index(TU, FD);
    for (const Stmt *S : Index.statements()) {
      for (const TimeoutSpec &T : M.timeouts()) {
        if (T.Kind == "context") {
          const auto *CE = dyn_cast<CallExpr>(S);
          if (!CE)
            continue;
          const VarDecl *V = Index.contextArg(CE, T);
          if (!V)
            continue;
          if (Index.contextConfigured(V, CE, T))
            continue;
          const FunctionDecl *Callee = CE->getDirectCallee();
          diag(CE->getBeginLoc(),
               "'%0' runs with no timeout: '%1' has no deadline set before it")
              << (Callee ? Callee->getNameAsString() : std::string("call"))
              << V->getName() << CE->getSourceRange();
          diag(V->getLocation(), "'%0' is declared here; call %1 on it",
               DiagnosticIDs::Note)
              << V->getName() << quoteAlternatives(T.Setters);
          continue;
        }
        std::optional<JudgedCall> J = Index.match(S, T.Function, T.Construct);
        if (!J)
          continue;
        if (T.Kind == "variant") {
          diag(J->E->getBeginLoc(),
               "'%0' connects with no timeout; use '%1'")
              << J->Name << T.Variant << J->E->getSourceRange();
          continue;
        }
        if (T.Kind == "conninfo" || T.Kind == "uri") {
          if ((unsigned)T.Arg >= J->Args.size())
            continue;
          std::optional<std::string> Str =
              Index.configString(J->Args[T.Arg], T.UriConstructor);
          if (!Str)
            continue; // not a literal: not judged
          std::vector<std::vector<std::string>> Missing =
              missingKeys(*Str, T.Require);
          if (Missing.empty())
            continue;
          diag(J->E->getBeginLoc(),
               "'%0' connects with no timeout: its %1 sets no %2")
              << J->Name
              << (T.Kind == "uri" ? "URI" : "connection string")
              << describeMissing(Missing) << J->E->getSourceRange();
          continue;
        }
        if (T.Kind == "setter") {
          if ((unsigned)T.HandleArg >= J->Args.size())
            continue;
          const VarDecl *V = localVarOf(J->Args[T.HandleArg]);
          if (!V || !Index.acquiredHere(V) || Index.escapesBefore(V, J->E))
            continue;
          std::vector<std::vector<std::string>> Missing =
              Index.missingOptions(V, J->E, T.Setters, T.OptionArg, T.Require,
                                   /*Before=*/true);
          if (Missing.empty())
            continue;
          diag(J->E->getBeginLoc(),
               "'%0' runs with no timeout: '%1' has no %2 set before it")
              << J->Name << V->getName() << describeMissing(Missing)
              << J->E->getSourceRange();
        }
      }
    }
  }
}

} // namespace connleak
