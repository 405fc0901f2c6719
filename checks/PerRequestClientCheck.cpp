//===--- PerRequestClientCheck.cpp ----------------------------------------===//
#include "PerRequestClientCheck.h"
#include "connleak/analysis/CalleeOracle.h"
#include "connleak/syntax/ConfigQueries.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>

using namespace clang;

namespace connleak {

namespace {
struct Construction {
  const Expr *E = nullptr;
  std::string What; ///< "'grpc::CreateChannel'" or "'pqxx::connection'"
  std::string Kind;
  std::string Share;
};
} // namespace

/// Is a construction of this class a checkout from a pool (soci::session
/// sql(pool)), which is not a new client?
static bool isPooledCheckout(const ModelSet &M, const CXXConstructExpr *CCE) {
  return pooledSessionFrom(M, CCE->getType(),
                           ArrayRef<const Expr *>(CCE->getArgs(),
                                                  CCE->getNumArgs()));
}

static std::optional<Construction>
clientConstruction(TUAnalysis &TU, const Stmt *S) {
  const ModelSet &M = TU.models();
  auto FromType = [&](QualType T, const Expr *E) -> std::optional<Construction> {
    for (const ClientSpec &C : M.clients())
      if (!C.Construct.empty() && typeMatches(T, C.Construct))
        return Construction{E, "'" + C.Construct + "'", C.Kind, C.Share};
    for (const std::string &N : typeNames(T))
      if (const Family *F = M.familyForNew(N); F && F->Client)
        return Construction{E, "'" + N + "'", F->Kind, F->Share};
    return std::nullopt;
  };
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    if (QualType T = madeTypeAsWritten(CE); !T.isNull()) {
      // std::make_unique<soci::session>(pool) is a checkout too.
      if (pooledSessionFrom(M, T,
                            ArrayRef<const Expr *>(CE->getArgs(),
                                                   CE->getNumArgs())))
        return std::nullopt;
      return FromType(T, CE);
    }
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD)
      return std::nullopt;
    if (auto [A, F] = acquireRole(TU, CE); A) {
      if (!F->Client || F->Pooled)
        return std::nullopt; // e.g. SQLAllocHandle(SQL_HANDLE_STMT, ...)
      return Construction{CE, "'" + FD->getNameAsString() + "'", F->Kind,
                          F->Share};
    }
    StringRef Name = TU.qualifiedName(FD);
    for (const ClientSpec &C : M.clients())
      if (!C.Function.empty() && (C.From.empty() || TU.derivedApplies(FD)) &&
          matchesPattern(C.Function, Name))
        return Construction{CE, "'" + Name.str() + "'", C.Kind, C.Share};
    return std::nullopt;
  }
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(S)) {
    const CXXConstructorDecl *Ctor = CCE->getConstructor();
    if (Ctor->isCopyOrMoveConstructor() || CCE->isElidable() ||
        isPooledCheckout(M, CCE))
      return std::nullopt;
    return FromType(CCE->getType(), CCE);
  }
  if (const auto *NE = dyn_cast<CXXNewExpr>(S)) {
    if (const CXXConstructExpr *CCE = NE->getConstructExpr();
        CCE && isPooledCheckout(M, CCE))
      return std::nullopt;
    return FromType(NE->getAllocatedType(), NE);
  }
  return std::nullopt;
}

void PerRequestClientCheck::checkTranslationUnit(TUAnalysis &TU, ASTContext &Ctx) {
  const ModelSet &M = TU.models();
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> PerRequestClasses;
  llvm::SmallPtrSet<const Expr *, 8> Reported;

  auto Report = [&](const Construction &C, const std::string &Where) {
    if (!Reported.insert(C.E).second)
      return;
    diag(C.E->getBeginLoc(), "%0 builds a new %1 %2")
        << C.What << C.Kind << Where << C.E->getSourceRange();
    if (!C.Share.empty())
      diag(C.E->getBeginLoc(), "share one instead: %0", DiagnosticIDs::Note)
          << C.Share;
  };

  llvm::DenseMap<const CXXRecordDecl *, bool> BuiltInLoopOnly;
  for (const FunctionDecl *FD : TU.functions()) {
    std::string Handler = requestHandlerContext(M, FD);
    std::unique_ptr<ParentMap> PM;
    walkBody(FD->getBody(), [&](const Stmt *S, bool InLoop) {
      if (!InLoop && Handler.empty())
        return;
      std::string Where =
          !Handler.empty() ? "inside " + Handler : "inside a loop";
      if (std::optional<Construction> C = clientConstruction(TU, S)) {
        if (const auto *NE = dyn_cast<CXXNewExpr>(C->E))
          if (const CXXConstructExpr *Inner = NE->getConstructExpr())
            Reported.insert(Inner); // one report for new T(...)
        if (Reported.count(C->E))
          return;
        if (Handler.empty()) {
          // In a loop, only a client that lives for one iteration is waste:
          // filling a pool, or reconnecting into a variable declared outside
          // the loop, keeps what it builds.
          if (!PM)
            PM = std::make_unique<ParentMap>(const_cast<Stmt *>(FD->getBody()));
          const Stmt *P = PM->getParent(C->E);
          while (P && (isa<ImplicitCastExpr, ExplicitCastExpr, ParenExpr,
                           ExprWithCleanups, MaterializeTemporaryExpr,
                           CXXBindTemporaryExpr>(P)))
            P = PM->getParent(P);
          // Kept beyond the iteration when stored into something declared
          // outside the loop: assigned to an outer variable, an array, a
          // field (a brace-initialised loop variable is fine).
          if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P)) {
            const VarDecl *V = localVarOf(BO->getLHS());
            const Stmt *Loop = PM->getParent(C->E);
            while (Loop && !isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Loop))
              Loop = PM->getParent(Loop);
            if (!V || !Loop ||
                !Ctx.getSourceManager().isBeforeInTranslationUnit(
                    Loop->getBeginLoc(), V->getLocation()))
              return;
          } else if (isa_and_nonnull<InitListExpr>(P) &&
                     !isa_and_nonnull<DeclStmt>(PM->getParent(P))) {
            return;
          }
          if (const auto *Call = dyn_cast_or_null<CallExpr>(P))
            if (const FunctionDecl *Callee = Call->getDirectCallee())
              if (!TU.isKnown(Callee))
                return; // handed to a container or a helper that keeps it
        }
        Report(*C, Where);
        return;
      }
      // Classes built per request: their constructors are judged below.
      QualType T;
      if (const auto *CCE = dyn_cast<CXXConstructExpr>(S))
        T = CCE->getType();
      else if (const auto *NE = dyn_cast<CXXNewExpr>(S))
        T = NE->getAllocatedType();
      else if (const auto *CE = dyn_cast<CallExpr>(S))
        T = madeTypeAsWritten(CE);
      if (!T.isNull())
        if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
          if (RD->hasDefinition() && !Ctx.getSourceManager().isInSystemHeader(
                                         RD->getLocation())) {
            PerRequestClasses.insert(RD->getDefinition());
            auto [It, New] = BuiltInLoopOnly.try_emplace(RD->getDefinition(), true);
            if (!Handler.empty())
              It->second = false;
          }
    });
  }

  // A client built in the constructor (or a default member initializer) of
  // a class that is itself built per request.
  for (const CXXRecordDecl *RD : PerRequestClasses) {
    std::string Where = "inside the constructor of '" + RD->getNameAsString() +
                        (BuiltInLoopOnly.lookup(RD)
                             ? "', which is built inside a loop"
                             : "', which is built per request");
    auto Scan = [&](const Stmt *Root) {
      walkBody(Root, [&](const Stmt *S, bool) {
        if (std::optional<Construction> C = clientConstruction(TU, S))
          Report(*C, Where);
      });
    };
    for (const CXXConstructorDecl *Ctor : RD->ctors()) {
      if (!Ctor->doesThisDeclarationHaveABody() || Ctor->isCopyOrMoveConstructor())
        continue;
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten())
          Scan(Init->getInit());
      Scan(Ctor->getBody());
    }
    for (const FieldDecl *FD : RD->fields())
      if (FD->hasInClassInitializer())
        Scan(FD->getInClassInitializer());
  }
}

} // namespace connleak
