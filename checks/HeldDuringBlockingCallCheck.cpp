//===--- HeldDuringBlockingCallCheck.cpp ----------------------------------===//
#include "HeldDuringBlockingCallCheck.h"
#include "connleak/analysis/CalleeOracle.h"
#include "ConfigChecks.h"
#include "connleak/syntax/ConfigQueries.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace connleak {

HeldDuringBlockingCallCheck::HeldDuringBlockingCallCheck(
    StringRef Name, tidy::ClangTidyContext *Context)
    : ConnleakCheck(Name, Context),
      BlockingFunctions(splitList(Options.get("BlockingFunctions", ""),
                                  BlockingSeparators)) {}

void HeldDuringBlockingCallCheck::storeOptions(
    tidy::ClangTidyOptions::OptionMap &Opts) {
  ConnleakCheck::storeOptions(Opts);
  Options.store(Opts, "BlockingFunctions", llvm::join(BlockingFunctions, ";"));
}

/// The pooled session a declaration checks out, if any: soci::session
/// sql(pool) or Poco::Data::Session s = pool.get().
static bool isPooledSession(TUAnalysis &TU, const VarDecl *V) {
  return pooledSessionDeclared(TU, V) != nullptr;
}

void HeldDuringBlockingCallCheck::checkTranslationUnit(TUAnalysis &TU, ASTContext &Ctx) {
  auto IsBlocking = [&](const CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (TU.isBlocking(CE, Callee))
      return true;
    if (Callee)
      for (const std::string &P : BlockingFunctions)
        if (matchesPattern(P, TU.qualifiedName(Callee)))
          return true;
    return false;
  };
  auto Name = [&](const CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    return Callee ? TU.qualifiedName(Callee).str() : std::string("call");
  };

  for (const FunctionDecl *FD : TU.functions()) {
    llvm::SmallPtrSet<const Expr *, 4> Reported;
    // Manual checkouts (pop/lease not yet pushed back): from the flow
    // analysis, which knows on which paths the checkout is still held.
    if (const FunctionResult *R = flowResult(TU, FD)) {
      for (const HeldReport &H : R->Held) {
        if (!Reported.insert(H.Call).second)
          continue;
        const Site &S = R->Sites[H.SiteIdx];
        diag(H.Call->getBeginLoc(),
             "blocking call '%0' is made while a pooled connection is "
             "checked out")
            << H.CallName << H.Call->getSourceRange();
        diag(S.E->getBeginLoc(),
             "%0 is held until '%1'; release it before the blocking call or "
             "check it out after",
             DiagnosticIDs::Note)
            << describeSite(S) << S.F->releaseName();
      }
    }
    // RAII pooled sessions: live from their declaration to the end of their
    // scope.
    BodyIndex Index(TU, FD);
    const ParentMap &PM = Index.parents();
    // Pooled sessions declared directly in each block, indexed once.
    llvm::DenseMap<const CompoundStmt *, std::vector<const VarDecl *>> Sessions;
    for (const Stmt *S : Index.statements())
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        if (const auto *CS = dyn_cast_or_null<CompoundStmt>(PM.getParent(DS)))
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D); V && isPooledSession(TU, V))
              Sessions[CS].push_back(V);
    if (Sessions.empty())
      continue;
    const SourceManager &SM = Ctx.getSourceManager();
    for (const Stmt *S : Index.statements()) {
      const auto *CE = dyn_cast<CallExpr>(S);
      if (!CE || Reported.count(CE) || !IsBlocking(CE))
        continue;
      // The innermost enclosing block with a session declared before the
      // call: the session is alive there until the end of that block.
      const VarDecl *Held = nullptr;
      for (const Stmt *P = PM.getParent(CE); P && !Held; P = PM.getParent(P)) {
        const auto *CS = dyn_cast<CompoundStmt>(P);
        if (!CS)
          continue;
        auto It = Sessions.find(CS);
        if (It == Sessions.end())
          continue;
        for (const VarDecl *V : It->second)
          if (SM.isBeforeInTranslationUnit(V->getLocation(), CE->getBeginLoc())) {
            Held = V;
            break;
          }
      }
      if (!Held)
        continue;
      diag(CE->getBeginLoc(),
           "blocking call '%0' is made while pooled session '%1' is "
           "checked out")
          << Name(CE) << Held->getName() << CE->getSourceRange();
      diag(Held->getLocation(),
           "'%0' is checked out of the pool here and held until the end "
           "of its scope",
           DiagnosticIDs::Note)
          << Held->getName();
    }
  }
}

} // namespace connleak
