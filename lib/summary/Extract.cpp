//===--- Extract.cpp - the summaries of one translation unit --------------===//
//
// Reads the flow analysis's per-function summaries (FunctionSummary,
// lib/analysis/Results.cpp) of the functions a translation unit defines with
// external linkage, and adds what the flow analysis does not compute: whether
// a function blocks, whether it returns a client, and which functions of
// other files it calls.
//
//===----------------------------------------------------------------------===//
#include "connleak/summary/ProjectSummary.h"
#include "connleak/analysis/Analysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/Path.h"
#include <functional>

using namespace clang;
using namespace llvm;

namespace connleak {

namespace {
class Definitions : public RecursiveASTVisitor<Definitions> {
public:
  explicit Definitions(SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return false; }
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D)) {
      SourceLocation L = D->getLocation();
      if (L.isValid() && !SM.isInMainFile(SM.getExpansionLoc(L)))
        return true; // headers: their bodies are visible where included
    }
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool TraverseStmt(Stmt *) { return true; } // no local classes, lambdas
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && !FD->isImplicit() &&
        !FD->isDependentContext() && !FD->isTemplateInstantiation() &&
        FD->isExternallyVisible())
      Out.push_back(FD);
    return true;
  }
  std::vector<const FunctionDecl *> Out;

private:
  SourceManager &SM;
};

/// Calls every callback on the calls of a body (lambdas included).
void forEachCall(const Stmt *S, function_ref<void(const CallExpr *)> F) {
  if (!S)
    return;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    F(CE);
  for (const Stmt *C : S->children())
    forEachCall(C, F);
}

void forEachReturn(const Stmt *S, function_ref<void(const ReturnStmt *)> F) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *RS = dyn_cast<ReturnStmt>(S))
    F(RS);
  for (const Stmt *C : S->children())
    forEachReturn(C, F);
}

const FunctionDecl *bodyHere(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  return FD && FD->hasBody(Def) ? Def : nullptr;
}

/// Strips what wraps a returned value: casts, temporaries, copies.
const Expr *returnedCore(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParenCasts();
    if (const auto *CCE = dyn_cast<CXXConstructExpr>(E);
        CCE && CCE->getNumArgs() == 1 &&
        (CCE->getConstructor()->isCopyOrMoveConstructor() ||
         CCE->getConstructor()->isConvertingConstructor(false))) {
      E = CCE->getArg(0);
      continue;
    }
    if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = BT->getSubExpr();
      continue;
    }
    break;
  }
  return E;
}

class Extractor {
public:
  explicit Extractor(TUAnalysis &TU) : TU(TU) {}

  bool blocks(const FunctionDecl *FD) {
    FD = bodyHere(FD);
    if (!FD)
      return false;
    auto [It, New] = Blocks.try_emplace(FD, false);
    if (!New)
      return It->second; // memoized, or recursion in progress (false)
    bool B = false;
    forEachCall(FD->getBody(), [&](const CallExpr *CE) {
      if (B)
        return;
      const FunctionDecl *Callee = CE->getDirectCallee();
      // Without derived entries: blocking through functions of other files
      // is closed over the call graph (Calls) when the summaries are merged.
      if (TU.isBlocking(CE, Callee, /*WithDerived=*/false))
        B = true;
      else if (Callee && bodyHere(Callee) && blocks(Callee))
        B = true;
    });
    Blocks[FD] = B;
    return B;
  }

  void calls(const FunctionDecl *FD, std::set<std::string> &Out,
             DenseSet<const FunctionDecl *> &Seen) {
    FD = bodyHere(FD);
    if (!FD || !Seen.insert(FD).second)
      return;
    forEachCall(FD->getBody(), [&](const CallExpr *CE) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (!Callee)
        return;
      if (TU.derivedApplies(Callee))
        Out.insert(TU.qualifiedName(Callee).str());
      else if (bodyHere(Callee))
        calls(Callee, Out, Seen);
    });
  }

  bool returnsClient(const FunctionDecl *FD) {
    bool Client = false;
    forEachReturn(FD->getBody(), [&](const ReturnStmt *RS) {
      const auto *CE =
          dyn_cast_or_null<CallExpr>(returnedCore(RS->getRetValue()));
      const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
      if (!Callee)
        return;
      StringRef Name = TU.qualifiedName(Callee);
      TU.consult(Callee, DepClient);
      for (const ClientSpec &C : TU.models().clients())
        if (!C.Function.empty() &&
            (C.From.empty() || TU.derivedApplies(Callee)) &&
            matchesPattern(C.Function, Name))
          Client = true;
    });
    return Client;
  }

private:
  TUAnalysis &TU;
  DenseMap<const FunctionDecl *, bool> Blocks;
};

/// A family a model file can name (not one of Clang's handle attributes).
bool nameable(const Family *F) {
  return F && F->Origin == FamilyOrigin::ModelFile;
}
} // namespace

TUSummaries extractSummaries(TUAnalysis &TU) {
  ASTContext &Ctx = TU.context();
  SourceManager &SM = Ctx.getSourceManager();
  TUSummaries Out;
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID())) {
    SmallString<256> P(Main->getName());
    SM.getFileManager().makeAbsolutePath(P);
    sys::path::remove_dots(P, true);
    Out.File = std::string(P);
  }
  Definitions Defs(SM);
  Defs.TraverseDecl(Ctx.getTranslationUnitDecl());
  Extractor X(TU);
  for (const FunctionDecl *FD : Defs.Out) {
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD);
        MD && MD->getParent()->isLambda())
      continue;
    if (FD->isMain())
      continue;
    DerivedSummary D;
    D.Name = TU.qualifiedName(FD).str();
    D.File = Out.File;
    D.Line = SM.getExpansionLineNumber(FD->getLocation());
    const FunctionResult *R = TU.result(FD);
    if (!R || !R->Analyzed) {
      // Not summarised: unknown to callers in other files, and another
      // definition of the name must not stand for this one.
      D.Skipped = true;
      Out.Functions.push_back(std::move(D));
      continue;
    }
    const FunctionSummary &S = R->Summary;
    if (nameable(S.Returns)) {
      D.Returns = S.Returns->Name;
      D.ReturnsNullable = S.ReturnsNullable;
    }
    for (const FunctionSummary::OutParam &O : S.Outs)
      if (nameable(O.F))
        D.Outs.push_back({O.Param, O.F->Name, O.Success, O.Failure});
    bool AnyPointer = false;
    for (unsigned I = 0; I < S.Params.size(); ++I) {
      QualType T = FD->getParamDecl(I)->getType();
      // The parameters that can hold a handle (as in the flow analysis).
      AnyPointer |= T->isPointerType() && !T->isFunctionPointerType() &&
                    !T->getPointeeType()->isAnyCharacterType();
      switch (S.Params[I]) {
      case FunctionSummary::Borrow:
        break;
      case FunctionSummary::Sink:
        D.Sinks.push_back(I);
        break;
      case FunctionSummary::Release: {
        bool Expressible = !S.ReleasedBy[I].empty();
        for (const Family *F : S.ReleasedBy[I])
          Expressible &= nameable(F);
        if (!Expressible) {
          // A delete, or a family no model file names: the caller can
          // only be told that the handle is taken over.
          D.Sinks.push_back(I);
          break;
        }
        for (const Family *F : S.ReleasedBy[I])
          D.Releases.push_back({I, F->Name});
        break;
      }
      }
    }
    // An out-parameter is not also a sink of its own.
    llvm::erase_if(D.Sinks, [&](unsigned I) {
      return llvm::any_of(D.Outs,
                          [&](const DerivedSummary::Out &O) { return O.Arg == I; });
    });
    D.Known = AnyPointer || isa<CXXMethodDecl>(FD);
    D.Blocks = X.blocks(FD);
    D.Client = X.returnsClient(FD);
    std::set<std::string> Calls;
    DenseSet<const FunctionDecl *> Seen;
    X.calls(FD, Calls, Seen);
    D.Calls.assign(Calls.begin(), Calls.end());
    // Also without facts: a second definition of the name that has some
    // must not stand for this one.
    Out.Functions.push_back(std::move(D));
  }
  // The files it read, for the cache: sources and headers, and the model
  // files of its configuration.
  std::set<std::string> Inputs;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    SmallString<256> P(It->first.getName());
    SM.getFileManager().makeAbsolutePath(P);
    sys::path::remove_dots(P, true);
    Inputs.insert(std::string(P));
  }
  auto AddSource = [&](StringRef Src) {
    if (!Src.empty() && !Src.starts_with("<"))
      Inputs.insert(Src.str());
  };
  for (const auto &F : TU.models().families())
    AddSource(F->Source);
  for (const auto &C : TU.models().clients())
    AddSource(C.Source);
  for (const auto &T : TU.models().timeouts())
    AddSource(T.Source);
  for (const auto &B : TU.models().blocking())
    AddSource(B.Source);
  for (const auto &Fn : TU.models().functionSpecs())
    AddSource(Fn.Source);
  Out.Inputs.assign(Inputs.begin(), Inputs.end());
  return Out;
}

static thread_local SummaryCollector *ThreadCollector;
static thread_local DependencyHook ThreadHook;

void setThreadSummaryCollector(SummaryCollector *C) {
  ThreadCollector = C;
  if (C) {
    ThreadHook = [C](StringRef Name, unsigned Kinds) {
      C->Deps[Name.str()] |= Kinds;
    };
    setThreadDependencyHook(&ThreadHook);
  } else {
    setThreadDependencyHook(nullptr);
  }
}

void collectSummariesIfRequested(TUAnalysis &TU) {
  SummaryCollector *C = ThreadCollector;
  if (!C || C->Filled)
    return;
  C->Filled = true;
  C->Result = extractSummaries(TU);
  // The names consulted while the checks ran and while extracting.
  C->Result.Deps.assign(C->Deps.begin(), C->Deps.end());
}

} // namespace connleak
