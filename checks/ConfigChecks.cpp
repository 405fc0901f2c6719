//===--- ConfigChecks.cpp -------------------------------------------------===//
#include "ConfigChecks.h"
#include "connleak/syntax/ConfigQueries.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace connleak {

BodyIndex::BodyIndex(TUAnalysis &TU, const FunctionDecl *FD) : TU(TU), FD(FD) {
  walkBody(FD->getBody(), [&](const Stmt *S, bool) {
    Stmts.push_back(S);
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      llvm::SmallPtrSet<const VarDecl *, 4> Seen;
      for (const Expr *A : CE->arguments())
        if (const VarDecl *V = localVarOf(A); V && Seen.insert(V).second)
          CallsByVar[V].push_back(CE);
      if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
        if (const VarDecl *V = localVarOf(MCE->getImplicitObjectArgument()))
          if (const auto *MD = MCE->getMethodDecl(); MD && !MD->isConst())
            Changes.push_back({MCE, V});
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp())
        Assignments.push_back(BO);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      if (UO->getOpcode() == UO_AddrOf || UO->isIncrementDecrementOp())
        if (const VarDecl *V = localVarOf(UO->getSubExpr()))
          Changes.push_back({UO, V});
    }
  });
}

const std::vector<const CallExpr *> &BodyIndex::callsWith(const VarDecl *V) {
  return CallsByVar[V];
}

BodyIndex::~BodyIndex() = default;

const ParentMap &BodyIndex::parents() {
  if (!PM)
    PM = std::make_unique<ParentMap>(const_cast<Stmt *>(FD->getBody()));
  return *PM;
}

bool BodyIndex::before(const Stmt *A, const Stmt *B) const {
  return TU.context().getSourceManager().isBeforeInTranslationUnit(
      A->getBeginLoc(), B->getBeginLoc());
}

std::optional<JudgedCall> BodyIndex::match(const Stmt *S, StringRef Function,
                                           StringRef Construct) {
  JudgedCall J;
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return std::nullopt;
    if (!Function.empty() && matchesPattern(Function, TU.qualifiedName(Callee))) {
      J.E = CE;
      J.Name = Callee->getNameAsString();
      if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
        for (const Expr *A : MCE->arguments())
          J.Args.push_back(A);
      else
        for (const Expr *A : CE->arguments())
          J.Args.push_back(A);
      return J;
    }
    if (!Construct.empty())
      if (QualType T = madeTypeAsWritten(CE); !T.isNull() && typeMatches(T, Construct)) {
        J.E = CE;
        J.Name = Callee->getNameAsString() + "<" + Construct.str() + ">";
        for (const Expr *A : CE->arguments())
          J.Args.push_back(A);
        return J;
      }
    return std::nullopt;
  }
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(S)) {
    if (Construct.empty() || CCE->getConstructor()->isCopyOrMoveConstructor() ||
        !typeMatches(CCE->getType(), Construct))
      return std::nullopt;
    J.E = CCE;
    J.Name = Construct.str();
    for (const Expr *A : CCE->arguments())
      J.Args.push_back(A);
    return J;
  }
  return std::nullopt;
}

std::optional<std::string> BodyIndex::configString(const Expr *Arg,
                                                   StringRef UriConstructor) {
  // A variable that is appended to, reassigned or configured through other
  // calls (mongoc_uri_set_option_as_int32) is not judged by its initial text.
  if (const VarDecl *V = localVarOf(Arg)) {
    const Stmt *Judged = parents().getParent(Arg);
    while (Judged && !isa<CallExpr, CXXConstructExpr>(Judged))
      Judged = parents().getParent(Judged);
    if (changedElsewhere(V, dyn_cast_or_null<CallExpr>(Judged)))
      return std::nullopt;
  }
  if (std::optional<std::string> S = literalString(Arg))
    return S;
  if (UriConstructor.empty())
    return std::nullopt;
  const VarDecl *V = localVarOf(Arg);
  if (!V)
    return std::nullopt;
  auto FromCall = [&](const Expr *E) -> std::optional<std::string> {
    const auto *CE = dyn_cast_or_null<CallExpr>(E ? E->IgnoreParenCasts() : nullptr);
    if (!CE || !CE->getDirectCallee() || CE->getNumArgs() < 1 ||
        !matchesPattern(UriConstructor, TU.qualifiedName(CE->getDirectCallee())))
      return std::nullopt;
    return literalString(CE->getArg(0));
  };
  if (V->getInit())
    return FromCall(V->getInit());
  for (const BinaryOperator *BO : Assignments)
    if (localVarOf(BO->getLHS()) == V)
      return FromCall(BO->getRHS());
  return std::nullopt;
}

bool BodyIndex::changedElsewhere(const VarDecl *V, const Expr *Allowed) {
  // Only what happens before the judged call matters.
  auto Before = [&](const Stmt *S) { return !Allowed || before(S, Allowed); };
  for (const auto &[Use, Var] : Changes)
    if (Var == V && Before(Use))
      return true;
  unsigned Assigned = 0;
  for (const BinaryOperator *BO : Assignments)
    if (localVarOf(BO->getLHS()) == V && Before(BO))
      ++Assigned;
  if (Assigned > (V->getInit() ? 0u : 1u))
    return true;
  for (const CallExpr *CE : callsWith(V))
    if (CE != Allowed && Before(CE))
      return true;
  return false;
}

const clang::StringLiteral *BodyIndex::configLiteral(const Expr *Arg,
                                                     StringRef UriConstructor) {
  if (const clang::StringLiteral *SL = literalExpr(Arg))
    return SL;
  if (UriConstructor.empty())
    return nullptr;
  const VarDecl *V = localVarOf(Arg);
  if (!V)
    return nullptr;
  const Expr *Init = V->getInit();
  if (!Init)
    for (const BinaryOperator *BO : Assignments)
      if (localVarOf(BO->getLHS()) == V)
        Init = BO->getRHS();
  const auto *CE = dyn_cast_or_null<CallExpr>(Init ? Init->IgnoreParenCasts() : nullptr);
  if (!CE || !CE->getDirectCallee() || CE->getNumArgs() < 1 ||
      !matchesPattern(UriConstructor, TU.qualifiedName(CE->getDirectCallee())))
    return nullptr;
  return literalExpr(CE->getArg(0));
}

std::optional<FixItHint> BodyIndex::insertBeforeStatement(const Expr *E,
                                                          StringRef Text) {
  const ParentMap &P = parents();
  const Stmt *Child = E;
  const Stmt *Up = P.getParent(E);
  while (Up && !isa<CompoundStmt>(Up)) {
    if (isa<IfStmt, WhileStmt, ForStmt, DoStmt, SwitchStmt, CXXForRangeStmt>(Up))
      if (!(isa<IfStmt>(Up) && cast<IfStmt>(Up)->getCond() == Child) &&
          !(isa<SwitchStmt>(Up) && cast<SwitchStmt>(Up)->getCond() == Child))
        return std::nullopt; // inside a loop condition or a branch body
    Child = Up;
    Up = P.getParent(Up);
  }
  if (!Up)
    return std::nullopt;
  const SourceManager &SM = TU.context().getSourceManager();
  SourceLocation Begin = Child->getBeginLoc();
  if (Begin.isMacroID())
    return std::nullopt;
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(SM.getFileID(Begin), &Invalid);
  if (Invalid)
    return std::nullopt;
  unsigned Off = SM.getFileOffset(Begin), LineStart = Off;
  while (LineStart > 0 && Buf[LineStart - 1] != '\n')
    --LineStart;
  StringRef Indent = Buf.substr(LineStart, Off - LineStart);
  if (Indent.find_first_not_of(" \t") != StringRef::npos)
    return std::nullopt; // not the first thing on its line
  return FixItHint::CreateInsertion(Begin, (Text + "\n" + Indent).str());
}

static bool isAcquireCall(TUAnalysis &TU, const Expr *E) {
  const auto *CE = dyn_cast_or_null<CallExpr>(E ? E->IgnoreParenCasts() : nullptr);
  if (!CE || !CE->getDirectCallee())
    return false;
  for (const CalleeRole &R : TU.roles(CE->getDirectCallee(), DepReturns))
    if (R.Kind == CalleeRole::Acquire)
      return true;
  if (const FunctionSummary *S = TU.summary(CE->getDirectCallee()))
    return S->Returns != nullptr;
  return false;
}

bool BodyIndex::acquiredHere(const VarDecl *V) {
  if (isa<ParmVarDecl>(V))
    return false;
  if (isAcquireCall(TU, V->getInit()))
    return true;
  for (const BinaryOperator *BO : Assignments)
    if (localVarOf(BO->getLHS()) == V && isAcquireCall(TU, BO->getRHS()))
      return true;
  // Out-parameter acquisitions: SQLAllocHandle(..., &dbc).
  for (const CallExpr *CE : callsWith(V)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      continue;
    for (const CalleeRole &R : TU.roles(Callee, DepReturns))
      if (R.Kind == CalleeRole::Acquire && R.A->HandleArg >= 0 &&
          (unsigned)R.A->HandleArg < CE->getNumArgs()) {
        const Expr *A = CE->getArg(R.A->HandleArg)->IgnoreParenCasts();
        if (const auto *UO = dyn_cast<UnaryOperator>(A);
            UO && UO->getOpcode() == UO_AddrOf && localVarOf(UO) == V)
          return true;
      }
  }
  return false;
}

const VarDecl *BodyIndex::initialisedVar(const Expr *E) {
  const Stmt *Parent = parents().getParentIgnoreParenCasts(E);
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parent))
    return DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Parent))
    if (BO->getOpcode() == BO_Assign)
      return localVarOf(BO->getLHS());
  return nullptr;
}

bool BodyIndex::configuredBy(const VarDecl *V,
                             const std::vector<std::string> &Setters) {
  for (const CallExpr *CE : callsWith(V))
    if (const FunctionDecl *Callee = CE->getDirectCallee())
      for (const std::string &P : Setters)
        if (matchesPattern(P, TU.qualifiedName(Callee)))
          return true;
  return false;
}

bool BodyIndex::escapesAnywhere(const VarDecl *V) {
  for (const CallExpr *CE : callsWith(V)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || !TU.isKnown(Callee))
      return true;
  }
  return false;
}

bool BodyIndex::escapesBefore(const VarDecl *V, const Expr *At) {
  for (const CallExpr *CE : callsWith(V)) {
    if (CE == At || !before(CE, At))
      continue;
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return true;
    if (TU.isKnown(Callee))
      continue; // modelled: a known setter or a borrow
    return true; // unknown, or a local helper that may configure it
  }
  return false;
}

std::vector<const CallExpr *>
BodyIndex::setterCalls(const VarDecl *V, const Expr *At,
                       const std::vector<std::string> &Setters, int OptionArg,
                       bool Before) {
  std::vector<const CallExpr *> Out;
  for (const CallExpr *CE : callsWith(V)) {
    if (!CE->getDirectCallee() || (Before && !before(CE, At)))
      continue;
    StringRef Name = TU.qualifiedName(CE->getDirectCallee());
    if (!llvm::any_of(Setters,
                      [&](const std::string &P) { return matchesPattern(P, Name); }))
      continue;
    if (CE->getNumArgs() <= (unsigned)OptionArg || localVarOf(CE->getArg(0)) != V)
      continue;
    Out.push_back(CE);
  }
  return Out;
}

std::vector<std::vector<std::string>> BodyIndex::missingOptions(
    const VarDecl *V, const Expr *At, const std::vector<std::string> &Setters,
    int OptionArg, const std::vector<std::vector<std::string>> &Require,
    bool Before) {
  std::vector<const CallExpr *> Calls =
      setterCalls(V, At, Setters, OptionArg, Before);
  std::vector<std::vector<std::string>> Missing;
  auto IsSet = [&](StringRef Name) {
    return llvm::any_of(Calls, [&](const CallExpr *CE) {
      return spelledAs(CE->getArg(OptionArg), Name, TU.context());
    });
  };
  for (const auto &Group : Require) {
    // A member `A+B` is met only when every part is set.
    bool Found = llvm::any_of(Group, [&](const std::string &Member) {
      SmallVector<StringRef, 2> Parts;
      StringRef(Member).split(Parts, '+');
      return llvm::all_of(Parts, IsSet);
    });
    if (!Found)
      Missing.push_back(Group);
  }
  return Missing;
}

bool BodyIndex::optionSetBefore(const VarDecl *V, const Expr *At,
                                const std::vector<std::string> &Setters,
                                int OptionArg,
                                const std::vector<std::string> &Options) {
  for (const CallExpr *CE : setterCalls(V, At, Setters, OptionArg, true))
    for (const std::string &O : Options) {
      // "OPTION=value": the argument after the option has that value.
      auto [Opt, Value] = StringRef(O).split('=');
      unsigned ValueArg = OptionArg + 1;
      if (spelledAs(CE->getArg(OptionArg), Opt, TU.context()) &&
          (O.find('=') == std::string::npos ||
           (ValueArg < CE->getNumArgs() &&
            spelledAs(CE->getArg(ValueArg), Value, TU.context()))))
        return true;
    }
  return false;
}

bool BodyIndex::variableOptionBefore(const VarDecl *V, const Expr *At,
                                     const std::vector<std::string> &Setters,
                                     int OptionArg) {
  for (const CallExpr *CE : setterCalls(V, At, Setters, OptionArg, true)) {
    // A constant, or a local initialised with one (spelledAs reads both).
    const Expr *O = CE->getArg(OptionArg);
    for (unsigned Step = 0; Step < 4; ++Step) {
      const auto *DRE = dyn_cast<DeclRefExpr>(O->IgnoreParenCasts());
      const auto *Var = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      if (!Var || !Var->isLocalVarDecl() || !Var->getInit())
        break;
      O = Var->getInit();
    }
    Expr::EvalResult R;
    if (!O->isValueDependent() && !O->EvaluateAsInt(R, TU.context()))
      return true;
  }
  return false;
}

const VarDecl *BodyIndex::contextArg(const CallExpr *CE, const TimeoutSpec &T) {
  bool Returns = llvm::any_of(T.Returns, [&](const std::string &R) {
    return typeMatches(CE->getType(), R);
  });
  if (!Returns)
    return nullptr;
  for (const Expr *A : CE->arguments()) {
    const VarDecl *V = localVarOf(A);
    if (!V || isa<ParmVarDecl>(V) || V->getType()->isReferenceType() ||
        V->getType()->isPointerType())
      continue;
    if (typeMatches(V->getType(), T.ContextType))
      return V;
  }
  return nullptr;
}

bool BodyIndex::contextConfigured(const VarDecl *V, const CallExpr *At,
                                  const TimeoutSpec &T) {
  for (const Stmt *S : Stmts) {
    if (S == At || !before(S, At))
      continue;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(S)) {
      if (localVarOf(MCE->getImplicitObjectArgument()) == V &&
          MCE->getDirectCallee()) {
        StringRef Name = TU.qualifiedName(MCE->getDirectCallee());
        if (llvm::any_of(T.Setters, [&](const std::string &P) {
              return matchesPattern(P, Name);
            }))
          return true;
      }
      continue;
    }
    // Handed to a helper before the call: assume the helper configures it.
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (!contextArg(CE, T))
        for (const Expr *A : CE->arguments())
          if (localVarOf(A) == V)
            return true;
  }
  return false;
}

std::vector<std::vector<std::string>>
missingKeys(StringRef S, const std::vector<std::vector<std::string>> &Require) {
  std::vector<std::vector<std::string>> Missing;
  for (const auto &Group : Require)
    if (!llvm::any_of(Group, [&](const std::string &K) {
          return connStringHasKey(S, K);
        }))
      Missing.push_back(Group);
  return Missing;
}

std::string describeMissing(const std::vector<std::vector<std::string>> &G) {
  std::string Out;
  for (size_t I = 0; I < G.size(); ++I) {
    if (I > 0)
      Out += ", and no ";
    Out += quoteAlternatives(G[I]);
  }
  return Out;
}

} // namespace connleak
