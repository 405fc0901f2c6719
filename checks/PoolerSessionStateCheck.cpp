//===--- PoolerSessionStateCheck.cpp --------------------------------------===//
#include "PoolerSessionStateCheck.h"
#include "ConfigChecks.h"
#include "connleak/syntax/ConfigQueries.h"
#include "connleak/syntax/QueryText.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace connleak {

PoolerSessionStateCheck::PoolerSessionStateCheck(
    StringRef Name, tidy::ClangTidyContext *Context)
    : ConnleakCheck(Name, Context) {
  EndpointsOption = Options.get("PoolerEndpoints", DefaultEndpoints).str();
  for (const std::string &P : splitList(EndpointsOption, EndpointSeparators)) {
    llvm::Expected<llvm::GlobPattern> G =
        llvm::GlobPattern::create(StringRef(P).lower());
    if (!G) {
      configurationDiag("invalid value '%0' for option '%1': bad glob '%2': "
                        "%3; the pattern is ignored",
                        DiagnosticIDs::Error)
          << EndpointsOption << (CheckName + ".PoolerEndpoints") << P
          << llvm::toString(G.takeError());
      continue;
    }
    Endpoints.emplace_back(P, std::move(*G));
  }
  SupportsPreparedStatements = boolOption("PoolerSupportsPreparedStatements",
                                          true, /*Shared=*/false);
}

void PoolerSessionStateCheck::storeOptions(
    tidy::ClangTidyOptions::OptionMap &Opts) {
  ConnleakCheck::storeOptions(Opts);
  Options.store(Opts, "PoolerEndpoints", EndpointsOption);
  Options.store(Opts, "PoolerSupportsPreparedStatements",
                SupportsPreparedStatements);
}

std::string PoolerSessionStateCheck::endpointOf(StringRef ConnString) const {
  // "port = 6432" is "port=6432"; host names are not case-sensitive.
  std::string Norm;
  for (size_t I = 0; I < ConnString.size(); ++I) {
    char C = ConnString[I];
    if (llvm::isSpace(C)) {
      size_t J = I;
      while (J < ConnString.size() && llvm::isSpace(ConnString[J]))
        ++J;
      bool NearEq = (J < ConnString.size() && ConnString[J] == '=') ||
                    (!Norm.empty() && Norm.back() == '=');
      if (!NearEq)
        Norm += ' ';
      I = J - 1;
      continue;
    }
    Norm += llvm::toLower(C);
  }
  for (const auto &[Text, G] : Endpoints)
    if (G.match(Norm))
      return Text;
  return "";
}

namespace {
/// Where a pooled handle comes from.
struct Origin {
  const Expr *Connect = nullptr; ///< the connect call or construction
  std::string Name;              ///< its function or type
  std::string Pattern;           ///< the PoolerEndpoints pattern, or ""
  std::string Source;            ///< for a model annotation: its file
};
using LocalMap = llvm::DenseMap<const VarDecl *, Origin>;

/// The handles of a translation unit that go through a transaction-mode
/// pooler: locals, globals and fields assigned from a pooled connect, and
/// the same-TU functions that return one.
class PooledHandles {
public:
  PooledHandles(TUAnalysis &TU, const PoolerSessionStateCheck &Check)
      : TU(TU), Check(Check) {}

  /// Fills Locals, Shared and Returns from one function; true if anything
  /// new was found for other functions.
  bool scan(const FunctionDecl *FD, BodyIndex &Index, LocalMap &Locals);
  std::optional<Origin> originOf(const Expr *E, BodyIndex &Index,
                                 const LocalMap &Locals);
  bool empty() const { return Shared.empty() && Returns.empty(); }

private:
  TUAnalysis &TU;
  const PoolerSessionStateCheck &Check;
  llvm::DenseMap<const ValueDecl *, Origin> Shared;
  llvm::DenseMap<const FunctionDecl *, Origin> Returns;
};
} // namespace

/// The global variable or field that E denotes.
static const ValueDecl *sharedDecl(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
        V && !V->hasLocalStorage())
      return V;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return dyn_cast<FieldDecl>(ME->getMemberDecl());
  return nullptr;
}

std::optional<Origin> PooledHandles::originOf(const Expr *E, BodyIndex &Index,
                                              const LocalMap &Locals) {
  for (unsigned Step = 0; E && Step < 8; ++Step) {
    E = E->IgnoreParenCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BTE->getSubExpr();
    else
      break;
  }
  if (!E)
    return std::nullopt;
  for (const PoolerConnectSpec &P : TU.models().poolerConnects()) {
    std::optional<JudgedCall> J = Index.match(E, P.Function, P.Construct);
    if (!J)
      continue;
    if (P.Arg < 0)
      return Origin{E, J->Name, "", P.Source};
    if ((unsigned)P.Arg >= J->Args.size())
      continue;
    std::optional<std::string> S = Index.configString(J->Args[P.Arg], "");
    if (!S)
      continue;
    std::string Pattern = Check.endpointOf(*S);
    if (!Pattern.empty())
      return Origin{E, J->Name, Pattern, ""};
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (const FunctionDecl *Callee = CE->getDirectCallee())
      if (auto It = Returns.find(Callee->getCanonicalDecl()); It != Returns.end())
        return It->second;
    return std::nullopt;
  }
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(E)) {
    // A copy of a pooled handle, or a transaction on a pooled connection
    // (pqxx::work w(c)).
    for (const Expr *A : CCE->arguments())
      if (std::optional<Origin> O = originOf(A, Index, Locals))
        return O;
    return std::nullopt;
  }
  if (const VarDecl *V = localVarOf(E))
    if (auto It = Locals.find(V); It != Locals.end())
      return It->second;
  if (const ValueDecl *D = sharedDecl(E))
    if (auto It = Shared.find(D); It != Shared.end())
      return It->second;
  return std::nullopt;
}

bool PooledHandles::scan(const FunctionDecl *FD, BodyIndex &Index,
                         LocalMap &Locals) {
  bool Changed = false;
  for (const Stmt *S : Index.statements()) {
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit())
          if (std::optional<Origin> O = originOf(V->getInit(), Index, Locals))
            Locals.try_emplace(V, *O);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S);
               BO && BO->getOpcode() == BO_Assign) {
      std::optional<Origin> O = originOf(BO->getRHS(), Index, Locals);
      if (!O)
        continue;
      if (const VarDecl *V = localVarOf(BO->getLHS()))
        Locals.try_emplace(V, *O);
      else if (const ValueDecl *D = sharedDecl(BO->getLHS()))
        Changed |= Shared.try_emplace(D, *O).second;
    } else if (const auto *RS = dyn_cast<ReturnStmt>(S); RS && RS->getRetValue()) {
      if (std::optional<Origin> O = originOf(RS->getRetValue(), Index, Locals))
        Changed |= Returns.try_emplace(FD->getCanonicalDecl(), *O).second;
    }
  }
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isMemberInitializer() && Init->isWritten())
        if (std::optional<Origin> O = originOf(Init->getInit(), Index, Locals))
          Changed |= Shared.try_emplace(Init->getMember(), *O).second;
  return Changed;
}

void PoolerSessionStateCheck::checkTranslationUnit(TUAnalysis &TU,
                                                   ASTContext &Ctx) {
  const ModelSet &M = TU.models();
  if (M.poolerConnects().empty() ||
      (M.queries().empty() && M.protocolPrepares().empty()))
    return;
  PooledHandles Pooled(TU, *this);
  // Helpers that return a pooled handle, and globals and fields that hold
  // one, until nothing new is found (a few rounds at most).
  bool AnyLocal = false;
  for (unsigned Round = 0; Round < 4; ++Round) {
    bool Changed = false;
    for (const FunctionDecl *FD : TU.functions()) {
      BodyIndex Index(TU, FD);
      LocalMap Locals;
      Changed |= Pooled.scan(FD, Index, Locals);
      AnyLocal |= !Locals.empty();
    }
    if (!Changed)
      break;
  }
  if (!AnyLocal && Pooled.empty())
    return;

  auto NoteOrigin = [&](const Origin &O) {
    if (O.Pattern.empty())
      diag(O.Connect->getBeginLoc(),
           "'%0' returns a handle that goes through a transaction-mode "
           "pooler (pooler-connects in %1)",
           DiagnosticIDs::Note)
          << O.Name << O.Source;
    else
      diag(O.Connect->getBeginLoc(),
           "'%0' connects through a transaction-mode pooler: its connection "
           "string matches PoolerEndpoints pattern '%1'",
           DiagnosticIDs::Note)
          << O.Name << O.Pattern;
  };
  for (const FunctionDecl *FD : TU.functions()) {
    BodyIndex Index(TU, FD);
    LocalMap Locals;
    Pooled.scan(FD, Index, Locals);
    for (const Stmt *S : Index.statements()) {
      const auto *CE = dyn_cast<CallExpr>(S);
      if (!CE || !CE->getDirectCallee())
        continue;
      StringRef Name = TU.qualifiedName(CE->getDirectCallee());
      std::string Short = CE->getDirectCallee()->getNameAsString();
      CallArgs A = callArgs(CE);
      for (const QuerySpec &Q : M.queries()) {
        if (!Q.Session || !matchesPattern(Q.Function, Name))
          continue;
        const Expr *Handle = A.at(Q.HandleArg), *Text = A.at(Q.Arg);
        std::optional<Origin> O;
        if (!Handle || !Text || !(O = Pooled.originOf(Handle, Index, Locals)))
          continue;
        std::optional<std::string> Sql = Index.configString(Text, "");
        if (!Sql)
          continue;
        for (const sql::Statement &St : sql::tokenize(cString(*Sql)))
          if (std::optional<sql::SessionState> SS = sql::sessionState(St)) {
            diag(CE->getBeginLoc(),
                 "'%0' sends %1 through a transaction-mode pooler: %2")
                << Short << SS->What << SS->Why << CE->getSourceRange();
            NoteOrigin(*O);
          }
        break;
      }
      if (SupportsPreparedStatements)
        continue;
      for (const ProtocolPrepareSpec &P : M.protocolPrepares()) {
        if (!matchesPattern(P.Function, Name))
          continue;
        const Expr *Handle = A.at(P.HandleArg);
        std::optional<Origin> O;
        if (!Handle || !(O = Pooled.originOf(Handle, Index, Locals)))
          continue;
        diag(CE->getBeginLoc(),
             "'%0' creates a named prepared statement through a "
             "transaction-mode pooler that does not keep them "
             "(PoolerSupportsPreparedStatements is false): the next "
             "transaction may run on a server connection without it")
            << Short << CE->getSourceRange();
        NoteOrigin(*O);
        break;
      }
    }
  }
}

} // namespace connleak
