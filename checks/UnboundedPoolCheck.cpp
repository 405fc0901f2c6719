//===--- UnboundedPoolCheck.cpp -------------------------------------------===//
#include "UnboundedPoolCheck.h"
#include "ConfigChecks.h"
#include "connleak/syntax/ConfigQueries.h"

#include "clang/AST/ParentMap.h"

using namespace clang;

namespace connleak {

UnboundedPoolCheck::UnboundedPoolCheck(StringRef Name,
                                       tidy::ClangTidyContext *Context)
    : ConnleakCheck(Name, Context),
      ConstantLoopLimit(Options.get("ConstantLoopLimit", 16u)) {}

void UnboundedPoolCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  ConnleakCheck::storeOptions(Opts);
  Options.store(Opts, "ConstantLoopLimit", ConstantLoopLimit);
}

/// The first call of one of GrowsBy with V as its first argument that runs
/// in a loop nest whose constant trip counts multiply to more than Limit,
/// or that is not constant: the pool grows without a fixed bound there.
static const CallExpr *unboundedGrowth(TUAnalysis &TU, BodyIndex &Index,
                                       const VarDecl *V,
                                       const std::vector<std::string> &GrowsBy,
                                       unsigned Limit, ASTContext &Ctx) {
  for (const Stmt *S : Index.statements()) {
    const auto *CE = dyn_cast<CallExpr>(S);
    if (!CE || CE->getNumArgs() < 1 || !CE->getDirectCallee() ||
        localVarOf(CE->getArg(0)) != V)
      continue;
    StringRef Name = TU.qualifiedName(CE->getDirectCallee());
    if (!llvm::any_of(GrowsBy, [&](const std::string &P) {
          return matchesPattern(P, Name);
        }))
      continue;
    uint64_t Trips = 1;
    bool InLoop = false, Unbounded = false;
    for (const Stmt *P = Index.parents().getParent(CE); P && !Unbounded;
         P = Index.parents().getParent(P)) {
      if (!isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P))
        continue;
      InLoop = true;
      std::optional<uint64_t> N = constantTripCount(P, Ctx);
      if (!N || (*N != 0 && Trips > Limit / *N))
        Unbounded = true;
      else
        Trips *= *N;
    }
    if (InLoop && (Unbounded || Trips > Limit))
      return CE;
  }
  return nullptr;
}

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
        // A pool that only ever holds a fixed number of members (a multi
        // handle driving one transfer, or HANDLECOUNT of them) is not a
        // pool that can grow: judged only when members are added without
        // a fixed bound.
        const CallExpr *Growth = nullptr;
        if (!P.GrowsBy.empty()) {
          const VarDecl *PoolVar = Index.initialisedVar(J->E);
          if (!PoolVar)
            continue;
          Growth = unboundedGrowth(TU, Index, PoolVar, P.GrowsBy,
                                   ConstantLoopLimit, Ctx);
          if (!Growth)
            continue;
        }
        diag(J->E->getBeginLoc(),
             "pool created by '%0' is unbounded: %1%2")
            << J->Name << Where << describeMissing(Missing)
            << J->E->getSourceRange();
        if (Growth)
          diag(Growth->getBeginLoc(),
               "'%0' adds to it inside a loop with no small constant bound",
               DiagnosticIDs::Note)
              << Growth->getDirectCallee()->getName()
              << Growth->getSourceRange();
      }
    }
  }
}

} // namespace connleak
