//===--- TUAnalysis.cpp - the per-translation-unit analysis context ------===//
#include "connleak/analysis/Analysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"
#include <map>
#include <optional>
#include <mutex>

// clang-tidy's own exception analysis (clangTidyUtils); in the plugin its
// symbols resolve from the clang-tidy binary.
#include "clang-tidy/utils/ExceptionAnalyzer.h"

using namespace clang;
using namespace llvm;

namespace connleak {

static thread_local const DependencyHook *ThreadDepHook;

void setThreadDependencyHook(const DependencyHook *Hook) {
  ThreadDepHook = Hook;
}
const DependencyHook *threadDependencyHook() {
  return ThreadDepHook;
}

std::string AnalysisOptions::key() const {
  return (Twine(UnknownCallsEscape) + "|" + Twine(MaxStatesPerBlock) + "|" +
          Twine(MaxBlockVisits) + "|" + Twine(FixedBudget) + "|" +
          Twine(AssumeExternCNoThrow) + "|" +
          join(IgnoreFunctions, ";") + "|" + join(ExtraBlocking, ";") + "|" +
          HeaderFilter + "|" + ExcludeHeaderFilter + "|" +
          join(AssertionMacros, ";"))
      .str();
}

struct TUAnalysis::Impl {
  std::vector<Regex> Ignore;
  tidy::utils::ExceptionAnalyzer EA;
  std::optional<Regex> HeaderFilter, ExcludeHeaderFilter;
  /// Per file: does clang-tidy show diagnostics there?
  DenseMap<FileID, bool> Reported;
};

TUAnalysis::TUAnalysis(ASTContext &Ctx, std::shared_ptr<const ModelSet> Models,
                       AnalysisOptions Opts)
    : Ctx(Ctx), Models(std::move(Models)), Opts(std::move(Opts)),
      I(std::make_unique<Impl>()) {
  if (const auto *H = threadDependencyHook())
    DepHook = *H;
  for (const std::string &Pat : this->Opts.IgnoreFunctions)
    I->Ignore.emplace_back("^(" + Pat + ")$");
  I->EA.ignoreBadAlloc(true);
  if (!this->Opts.HeaderFilter.empty())
    I->HeaderFilter.emplace(this->Opts.HeaderFilter);
  if (!this->Opts.ExcludeHeaderFilter.empty())
    I->ExcludeHeaderFilter.emplace(this->Opts.ExcludeHeaderFilter);
}

TUAnalysis::~TUAnalysis() = default;

namespace {
class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(SourceManager &SM, std::vector<const FunctionDecl *> &Out)
      : SM(SM), Out(Out) {}
  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D)) {
      SourceLocation L = D->getLocation();
      if (L.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(L)))
        return true;
    }
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody())
      Out.push_back(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *LE) {
    const CXXMethodDecl *MD = LE->getCallOperator();
    if (MD && MD->hasBody() && !MD->isDependentContext())
      Out.push_back(MD);
    return true;
  }

private:
  SourceManager &SM;
  std::vector<const FunctionDecl *> &Out;
};
} // namespace

const std::vector<const FunctionDecl *> &TUAnalysis::functions() {
  if (!Collected) {
    Collected = true;
    Collector C(Ctx.getSourceManager(), Functions);
    C.TraverseDecl(Ctx.getTranslationUnitDecl());
    std::vector<const FunctionDecl *> Kept;
    for (const FunctionDecl *FD : Functions)
      if (isReported(FD) && isAnalyzable(FD) && !llvm::is_contained(Kept, FD))
        Kept.push_back(FD);
    Functions = std::move(Kept);
  }
  return Functions;
}

bool TUAnalysis::isReported(const FunctionDecl *FD) const {
  const SourceManager &SM = Ctx.getSourceManager();
  FileID File = SM.getFileID(SM.getExpansionLoc(FD->getLocation()));
  if (File == SM.getMainFileID())
    return true;
  auto It = I->Reported.find(File);
  if (It != I->Reported.end())
    return It->second;
  bool Shown = false;
  // The regexes are matched as clang-tidy matches them: against the name
  // the file was opened by, anywhere in it.
  if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File)) {
    StringRef Name = Entry->getName();
    Shown = I->HeaderFilter && I->HeaderFilter->isValid() &&
            I->HeaderFilter->match(Name) &&
            !(I->ExcludeHeaderFilter && I->ExcludeHeaderFilter->isValid() &&
              I->ExcludeHeaderFilter->match(Name));
  }
  I->Reported[File] = Shown;
  return Shown;
}

/// True if some expression in S contains a recovery (error) expression.
static bool hasErrors(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *E = dyn_cast<Expr>(S))
    return E->containsErrors();
  for (const Stmt *C : S->children())
    if (hasErrors(C))
      return true;
  return false;
}

bool TUAnalysis::isAnalyzable(const FunctionDecl *FD) {
  auto It = Analyzable.find(FD);
  if (It != Analyzable.end())
    return It->second;
  bool Result = computeAnalyzable(FD);
  Analyzable[FD] = Result;
  return Result;
}

bool TUAnalysis::computeAnalyzable(const FunctionDecl *FD) const {
  if (!FD || !FD->doesThisDeclarationHaveABody() || FD->isInvalidDecl() ||
      FD->isDependentContext())
    return false;
  const Stmt *Body = FD->getBody();
  if (!Body || (isa<Expr>(Body) && cast<Expr>(Body)->containsErrors()) ||
      hasErrors(Body))
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation L = SM.getExpansionLoc(FD->getLocation());
  if (L.isInvalid() || SM.isInSystemHeader(L))
    return false;
  if (FD->isTemplateInstantiation())
    return false;
  return true;
}

const FunctionResult *TUAnalysis::result(const FunctionDecl *FD) {
  if (!isAnalyzable(FD))
    return nullptr;
  auto It = Results.find(FD);
  if (It != Results.end())
    return It->second.get();
  if (InProgress.lookup(FD))
    return nullptr;
  InProgress[FD] = true;
  std::unique_ptr<FunctionResult> R = analyzeFunction(*this, FD);
  InProgress[FD] = false;
  const FunctionResult *Ptr = R.get();
  Results[FD] = std::move(R);
  return Ptr;
}

const FunctionSummary *TUAnalysis::summary(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def)
    return nullptr;
  if (InProgress.lookup(Def))
    return nullptr;
  const FunctionResult *R = result(Def);
  return R && R->Analyzed ? &R->Summary : nullptr;
}

StringRef TUAnalysis::qualifiedName(const FunctionDecl *FD) {
  auto It = Names.find(FD);
  if (It != Names.end())
    return It->second;
  StringRef Saved = NameSaver.save(FD->getQualifiedNameAsString());
  Names[FD] = Saved;
  return Saved;
}

Family *TUAnalysis::attributeFamily(StringRef Tag) {
  for (Family &F : AttrFamilies)
    if (F.Type == Tag)
      return &F;
  Family &F = AttrFamilies.emplace_back();
  F.Name = ("attribute:" + Tag).str();
  F.Kind = "handle";
  F.Type = Tag.str();
  F.Source = "<attributes>";
  F.Origin = FamilyOrigin::HandleAttributes;
  return &F;
}

ArrayRef<CalleeRole> TUAnalysis::roles(const FunctionDecl *FD,
                                       unsigned Kinds) {
  FD = FD->getCanonicalDecl();
  auto It = Roles.find(FD);
  if (It != Roles.end()) {
    consult(FD, Kinds);
    return *It->second;
  }
  std::vector<CalleeRole> Out = Models->rolesFor(qualifiedName(FD));
  bool DerivedHere = derivedApplies(FD);
  // Whether a derived entry exists decides whether the glob entries stay.
  if (DerivedHere &&
      llvm::any_of(Out, [](const CalleeRole &R) { return R.FromGlob; }))
    GlobSensitive.insert(FD);
  // Derived entries (project summaries, docs/project-summaries.md) stand for
  // a body in another file: they apply only where that body could be the
  // callee, a function with external linkage whose body is not here.
  if (llvm::any_of(Out, [](const CalleeRole &R) { return R.Derived; })) {
    if (DerivedHere)
      // ... and then, like a visible body, they win over globs.
      llvm::erase_if(Out, [](const CalleeRole &R) { return R.FromGlob; });
    else
      llvm::erase_if(Out, [](const CalleeRole &R) { return R.Derived; });
  }
  // A glob (`redis*` borrows) describes a library's API by its naming, not
  // a function whose body is right here: hiredis's own async.c defines
  // redisAsyncInitialize, which takes its argument over. The body's summary
  // decides for a function defined in the main file.
  if (const FunctionDecl *Def = FD->getDefinition();
      Def && Def->hasBody() &&
      Ctx.getSourceManager().isInMainFile(Def->getLocation()))
    llvm::erase_if(Out, [](const CalleeRole &R) { return R.FromGlob; });
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    SmallVector<const CXXMethodDecl *, 4> Work(MD->overridden_methods());
    while (!Work.empty()) {
      const CXXMethodDecl *O = Work.pop_back_val();
      for (const CalleeRole &R : Models->rolesFor(qualifiedName(O)))
        Out.push_back(R);
      Work.append(O->overridden_methods().begin(),
                  O->overridden_methods().end());
    }
  }
  // Clang's handle attributes declare a family per tag, with no model file.
  for (const FunctionDecl *Redecl : FD->redecls()) {
    if (const auto *A = Redecl->getAttr<AcquireHandleAttr>()) {
      const Family *F = attributeFamily(A->getHandleType());
      AcquireSpec &S = newAcquireSpec();
      S.Function = FD->getQualifiedNameAsString();
      Out.push_back({CalleeRole::Acquire, F, &S, nullptr});
    }
    for (unsigned I = 0; I < Redecl->getNumParams(); ++I) {
      const ParmVarDecl *P = Redecl->getParamDecl(I);
      if (const auto *A = P->getAttr<AcquireHandleAttr>()) {
        const Family *F = attributeFamily(A->getHandleType());
        AcquireSpec &S = newAcquireSpec();
        S.Function = FD->getQualifiedNameAsString();
        S.HandleArg = I;
        Out.push_back({CalleeRole::Acquire, F, &S, nullptr});
      }
      if (const auto *A = P->getAttr<ReleaseHandleAttr>()) {
        const Family *F = attributeFamily(A->getHandleType());
        ReleaseSpec &S = SynthRelease.emplace_back();
        S.Function = FD->getQualifiedNameAsString();
        S.HandleArg = I;
        Out.push_back({CalleeRole::Release, F, nullptr, &S});
        // The family's release, in messages and in scope guards: the first
        // releasing function seen (the family is this context's own).
        Family *Own = attributeFamily(A->getHandleType());
        if (Own->Release.empty()) {
          Own->Release.push_back(S);
          Own->Release.back().Function = FD->getNameAsString();
        }
      }
      if (const auto *A = P->getAttr<UseHandleAttr>())
        Out.push_back({CalleeRole::Borrow, attributeFamily(A->getHandleType()),
                       nullptr, nullptr});
    }
  }
  auto Stored = std::make_unique<const std::vector<CalleeRole>>(std::move(Out));
  ArrayRef<CalleeRole> Result = *Stored;
  Roles[FD] = std::move(Stored);
  consult(FD, Kinds);
  return Result;
}

void TUAnalysis::consult(const FunctionDecl *FD, unsigned Kinds) {
  if (!DepHook || !FD)
    return;
  FD = FD->getCanonicalDecl();
  if (GlobSensitive.count(FD))
    Kinds |= DepKnown;
  unsigned Done = Consulted.lookup(FD);
  unsigned New = Kinds & ~Done;
  if (!New)
    return;
  Consulted[FD] = Done | New;
  // The analysis of this translation unit depends on what a project summary
  // says of the function (the CLI's fixed point and cache, lib/summary).
  if (derivedApplies(FD))
    DepHook(qualifiedName(FD), New);
  // roles() adds the roles of the methods FD overrides, derived ones too.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    SmallVector<const CXXMethodDecl *, 4> Work(MD->overridden_methods());
    while (!Work.empty()) {
      const CXXMethodDecl *O = Work.pop_back_val();
      DepHook(qualifiedName(O), New);
      Work.append(O->overridden_methods().begin(),
                  O->overridden_methods().end());
    }
  }
}

bool TUAnalysis::derivedApplies(const FunctionDecl *FD) {
  FD = FD->getCanonicalDecl();
  auto It = DerivedOK.find(FD);
  if (It != DerivedOK.end())
    return It->second;
  bool OK = FD->isExternallyVisible() && !FD->hasBody() &&
            !FD->isTemplateInstantiation();
  DerivedOK[FD] = OK;
  return OK;
}

bool TUAnalysis::isKnown(const FunctionDecl *FD) {
  return !roles(FD, DepKnown).empty();
}

bool TUAnalysis::canThrow(const Expr *Call, const FunctionDecl *Callee) {
  const LangOptions &LO = Ctx.getLangOpts();
  if (!LO.CPlusPlus || !LO.CXXExceptions)
    return false;
  if (!Callee) {
    // An indirect call: only its type can tell.
    if (const auto *CE = dyn_cast<CallExpr>(Call)) {
      QualType T = CE->getCallee()->getType();
      if (const auto *PT = T->getAs<PointerType>())
        T = PT->getPointeeType();
      if (const auto *FPT = T->getAs<FunctionProtoType>())
        return !FPT->isNothrow();
    }
    return true;
  }
  if (Callee->getBuiltinID())
    return false;
  if (const auto *CD = dyn_cast<CXXConstructorDecl>(Callee))
    if (CD->isTrivial())
      return false;
  if (const auto *FPT = Callee->getType()->getAs<FunctionProtoType>()) {
    if (FPT->isNothrow())
      return false;
    if (isUnresolvedExceptionSpec(FPT->getExceptionSpecType()))
      return false; // implicit special members: defaulted, assume fine
  }
  if (Opts.AssumeExternCNoThrow && Callee->isExternC())
    return false;
  auto It = Throws.find(Callee);
  if (It != Throws.end())
    return It->second;
  bool Result = true;
  StringRef Name = qualifiedName(Callee);
  for (const Regex &R : I->Ignore)
    if (R.match(Name))
      Result = false;
  if (Result && Callee->hasBody()) {
    auto Behaviour = I->EA.analyze(Callee).getBehaviour();
    if (Behaviour == tidy::utils::ExceptionAnalyzer::State::NotThrowing)
      Result = false;
    else if (Behaviour == tidy::utils::ExceptionAnalyzer::State::Unknown) {
      // No throw escapes, but the body calls functions clang-tidy's
      // analyzer knows nothing of. Judge those calls as connleak does (C
      // functions, IgnoreFunctions, noexcept): a helper that only calls
      // PQexec does not throw. A recursive call counts as not throwing.
      Throws[Callee] = false;
      Result = bodyCallsThrowing(Callee->getBody());
      // A constructor's member and base initializers run before its body.
      if (const auto *CD = dyn_cast<CXXConstructorDecl>(Callee))
        for (const CXXCtorInitializer *Init : CD->inits())
          Result = Result || bodyCallsThrowing(Init->getInit());
    }
  }
  return Throws[Callee] = Result;
}

bool TUAnalysis::bodyCallsThrowing(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
    // Calls in a try block with a catch (...) handler are caught.
    bool CatchAll = false;
    for (unsigned H = 0; H < Try->getNumHandlers(); ++H)
      CatchAll |= Try->getHandler(H)->getExceptionDecl() == nullptr;
    if (!CatchAll && bodyCallsThrowing(Try->getTryBlock()))
      return true;
    for (unsigned H = 0; H < Try->getNumHandlers(); ++H)
      if (bodyCallsThrowing(Try->getHandler(H)->getHandlerBlock()))
        return true;
    return false;
  }
  if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(S))
    return bodyCallsThrowing(DA->getExpr());
  if (const auto *DI = dyn_cast<CXXDefaultInitExpr>(S))
    return bodyCallsThrowing(DI->getExpr());
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    if (canThrow(CE, CE->getDirectCallee()))
      return true;
  } else if (const auto *CCE = dyn_cast<CXXConstructExpr>(S)) {
    if (canThrow(CCE, CCE->getConstructor()))
      return true;
  }
  for (const Stmt *C : S->children())
    if (bodyCallsThrowing(C))
      return true;
  return false;
}

bool TUAnalysis::isBlocking(const Expr *Call, const FunctionDecl *Callee,
                            bool WithDerived) {
  const auto &Specs = Models->blocking();
  if (Callee) {
    bool ByName;
    auto &Memo = WithDerived ? BlockingCallee : BlockingCalleeLocal;
    auto It = Memo.find(Callee);
    if (It != Memo.end()) {
      ByName = It->second;
    } else {
      StringRef Name = qualifiedName(Callee);
      bool Derived = WithDerived && derivedApplies(Callee);
      if (Derived)
        consult(Callee, DepBlocks);
      ByName = llvm::any_of(Specs,
                            [&](const BlockingSpec &B) {
                              return !B.Function.empty() &&
                                     (B.From.empty() || Derived) &&
                                     matchesPattern(B.Function, Name);
                            }) ||
               llvm::any_of(Opts.ExtraBlocking, [&](const std::string &P) {
                 return matchesPattern(P, Name);
               });
      Memo[Callee] = ByName;
    }
    if (ByName)
      return true;
    // "Any call taking X" means calls into the library (stubs), not local
    // helpers whose bodies are here (add_deadline(ctx)).
    if (Callee->hasBody())
      return false;
  }
  for (const BlockingSpec &B : Specs) {
    if (!B.Function.empty())
      continue;
    const auto *CE = dyn_cast<CallExpr>(Call);
    if (!CE)
      continue;
    for (const Expr *Arg : CE->arguments()) {
      QualType T = Arg->IgnoreParenImpCasts()->getType();
      if (const auto *PT = T->getAs<PointerType>())
        T = PT->getPointeeType();
      if (const auto *RD = T->getAsCXXRecordDecl())
        if (matchesPattern(B.ArgType, RD->getQualifiedNameAsString()))
          return true;
    }
  }
  return false;
}

std::shared_ptr<TUAnalysis>
TUAnalysis::get(ASTContext &Ctx, std::shared_ptr<const ModelSet> Models,
                const AnalysisOptions &Opts) {
  static std::mutex Mu;
  static std::map<std::pair<const ASTContext *, std::string>,
                  std::weak_ptr<TUAnalysis>>
      Cache;
  std::lock_guard<std::mutex> Lock(Mu);
  // Drop entries of finished translation units.
  for (auto It = Cache.begin(); It != Cache.end();)
    It = It->second.expired() ? Cache.erase(It) : std::next(It);
  auto Key = std::make_pair(&Ctx, Opts.key() + "#" +
                                      std::to_string((uintptr_t)Models.get()));
  if (auto Existing = Cache[Key].lock())
    return Existing;
  auto New = std::make_shared<TUAnalysis>(Ctx, std::move(Models), Opts);
  Cache[Key] = New;
  return New;
}

} // namespace connleak
