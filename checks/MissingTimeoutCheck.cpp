//===--- MissingTimeoutCheck.cpp ------------------------------------------===//
#include "MissingTimeoutCheck.h"
#include "ConfigChecks.h"
#include "connleak/syntax/ConfigQueries.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace connleak {

MissingTimeoutCheck::MissingTimeoutCheck(StringRef Name,
                                         tidy::ClangTidyContext *Context)
    : ConnleakCheck(Name, Context),
      ReportInMain(boolOption("ReportInMain", false, /*Shared=*/false)) {
  for (const FixTemplateOption &O : FixTemplateOptions)
    Values[O.Name] = Options.get(O.Name, O.Default);
}

void MissingTimeoutCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  ConnleakCheck::storeOptions(Opts);
  Options.store(Opts, "ReportInMain", ReportInMain);
  for (const FixTemplateOption &O : FixTemplateOptions)
    Options.store(Opts, O.Name, Values.lookup(O.Name));
}

std::optional<std::string>
expandTimeoutTemplate(StringRef Template, ArrayRef<const Expr *> Args,
                      const Expr *Handle, ASTContext &Ctx,
                      const llvm::StringMap<unsigned> &Values,
                      std::optional<StringRef> HandleText) {
  auto Text = [&](const Expr *E) -> std::optional<std::string> {
    if (!E || E->getBeginLoc().isMacroID() || E->getEndLoc().isMacroID())
      return std::nullopt;
    return Lexer::getSourceText(
               CharSourceRange::getTokenRange(E->getSourceRange()),
               Ctx.getSourceManager(), Ctx.getLangOpts())
        .str();
  };
  std::string Out;
  while (!Template.empty()) {
    size_t Pos = Template.find("${");
    Out += Template.substr(0, Pos).str();
    if (Pos == StringRef::npos)
      break;
    Template = Template.substr(Pos + 2);
    size_t End = Template.find('}');
    if (End == StringRef::npos)
      return std::nullopt;
    StringRef Name = Template.substr(0, End);
    Template = Template.substr(End + 1);
    std::optional<std::string> V;
    unsigned Index;
    if (Name == "handle")
      V = HandleText && Handle ? HandleText->str() : Text(Handle);
    else if (Name.consume_front("arg") && !Name.getAsInteger(10, Index) &&
             Index < Args.size())
      V = Text(Args[Index]);
    else if (auto It = Values.find(Name); It != Values.end())
      V = std::to_string(It->second);
    if (!V)
      return std::nullopt;
    Out += *V;
  }
  return Out;
}

/// Adds key=value entries to a literal conninfo or URI, before its closing
/// quote.
static std::optional<FixItHint>
addKeys(const clang::StringLiteral *SL, ArrayRef<std::string> Entries,
        ASTContext &Ctx) {
  if (!SL || SL->getNumConcatenated() != 1 || SL->getBeginLoc().isMacroID() ||
      !SL->isOrdinary() || Entries.empty())
    return std::nullopt;
  StringRef S = SL->getString();
  std::string Add;
  bool Uri = S.contains("://");
  for (const std::string &E : Entries) {
    if (Uri) {
      if (Add.empty() && !S.contains('?'))
        Add += S.substr(S.find("://") + 3).contains('/') ? "?" : "/?";
      else if (!(Add.empty() && (S.ends_with("?") || S.ends_with("&"))))
        Add += "&";
    } else if (!(Add.empty() && (S.empty() || S.ends_with(" ")))) {
      Add += " ";
    }
    Add += E;
  }
  SourceLocation Quote = Lexer::getLocForEndOfToken(
                             SL->getEndLoc(), 0, Ctx.getSourceManager(),
                             Ctx.getLangOpts())
                             .getLocWithOffset(-1);
  return FixItHint::CreateInsertion(Quote, Add);
}

/// A library with default timeouts (libmongoc): only timeouts switched off
/// explicitly are reported.
void MissingTimeoutCheck::reportDisabled(const JudgedCall &J,
                                         const TimeoutSpec &T, StringRef Str) {
  std::vector<std::string> Off;
  for (const std::string &K : T.LibraryDefaults)
    if (std::optional<StringRef> V = connStringValue(Str, K);
        V && V->trim() == T.DisabledValue)
      Off.push_back(K + "=" + T.DisabledValue);
  if (Off.empty())
    return;
  diag(J.E->getBeginLoc(),
       "'%0' runs with no timeout: its %1 switches off the library's default "
       "with %2")
      << J.Name << (T.Kind == ConfigKind::Uri ? "URI" : "connection string")
      << quoteAlternatives(Off, "and") << J.E->getSourceRange();
}

namespace {
/// A transfer on a local handle that misses a setter timeout.
struct SetterFinding {
  const VarDecl *V = nullptr;
  std::vector<std::vector<std::string>> Missing;
};
} // namespace

static std::optional<SetterFinding>
judgeSetter(BodyIndex &Index, const JudgedCall &J, const TimeoutSpec &T) {
  if ((unsigned)T.HandleArg >= J.Args.size())
    return std::nullopt;
  const VarDecl *V = localVarOf(J.Args[T.HandleArg]);
  if (!V || !Index.acquiredHere(V) || Index.escapesBefore(V, J.E))
    return std::nullopt;
  std::vector<std::vector<std::string>> Missing = Index.missingOptions(
      V, J.E, T.Setters, T.OptionArg, T.Require, /*Before=*/true);
  if (Missing.empty())
    return std::nullopt;
  return SetterFinding{V, std::move(Missing)};
}

/// The fix of a setter finding: the model's fix-insert line right before
/// the statement of the transfer.
static std::optional<FixItHint>
setterInsertion(BodyIndex &Index, const JudgedCall &J, const TimeoutSpec &T,
                ASTContext &Ctx, const llvm::StringMap<unsigned> &Values,
                std::optional<StringRef> HandleText = std::nullopt) {
  if (T.FixInsert.empty())
    return std::nullopt;
  std::optional<std::string> X = expandTimeoutTemplate(
      T.FixInsert, J.Args, J.Args[T.HandleArg], Ctx, Values, HandleText);
  if (!X)
    return std::nullopt;
  return Index.insertBeforeStatement(J.E, *X);
}

/// The statements of FD that the check judges. In main() of a one-shot
/// program (an example, a command-line tool) what it does once is not
/// reported unless ReportInMain is set; what it does in a loop (a daemon's
/// main loop) is.
static std::vector<const Stmt *> judgedStatements(BodyIndex &Index,
                                                  const FunctionDecl *FD,
                                                  bool ReportInMain) {
  std::vector<const Stmt *> Out;
  llvm::DenseSet<const Stmt *> InLoop;
  bool OnlyLoops = FD->isMain() && !ReportInMain;
  if (OnlyLoops)
    walkBody(FD->getBody(), [&](const Stmt *S, bool Loop) {
      if (Loop)
        InLoop.insert(S);
    });
  for (const Stmt *S : Index.statements())
    if (!OnlyLoops || InLoop.count(S))
      Out.push_back(S);
  return Out;
}

std::vector<FixItHint> timeoutInsertionsFor(TUAnalysis &TU,
                                            tidy::ClangTidyContext &Tidy,
                                            const FunctionDecl *FD,
                                            const VarDecl *V,
                                            StringRef Handle) {
  std::vector<FixItHint> Out;
  const ModelSet &M = TU.models();
  if (!FD->getBody() || M.timeouts().empty())
    return Out;
  // The check's own option values, read from the same keys as its
  // constructor does (an invalid value is reported by the check itself and
  // replaced by the default here too).
  const auto &CO = Tidy.getOptions().CheckOptions;
  auto Option = [&](StringRef Key) -> std::optional<StringRef> {
    auto It = CO.find((Twine(MissingTimeoutCheckName) + "." + Key).str());
    if (It == CO.end())
      return std::nullopt;
    return StringRef(It->second.Value);
  };
  llvm::StringMap<unsigned> Values;
  for (const FixTemplateOption &O : FixTemplateOptions) {
    Values[O.Name] = O.Default;
    unsigned N;
    if (std::optional<StringRef> X = Option(O.Name);
        X && !X->trim().getAsInteger(10, N))
      Values[O.Name] = N;
  }
  bool ReportInMain = false;
  if (std::optional<StringRef> X = Option("ReportInMain"))
    ReportInMain = parseBoolValue(*X).value_or(false);
  BodyIndex Index(TU, FD);
  for (const Stmt *S : judgedStatements(Index, FD, ReportInMain))
    for (const TimeoutSpec &T : M.timeouts()) {
      if (T.Kind != ConfigKind::Setter)
        continue;
      std::optional<JudgedCall> J = Index.match(S, T.Function, T.Construct);
      if (!J)
        continue;
      std::optional<SetterFinding> F = judgeSetter(Index, *J, T);
      if (!F || F->V != V)
        continue;
      if (auto H = setterInsertion(Index, *J, T, TU.context(), Values, Handle))
        Out.push_back(*H);
    }
  return Out;
}

void MissingTimeoutCheck::checkTranslationUnit(TUAnalysis &TU, ASTContext &Ctx) {
  const ModelSet &M = TU.models();
  if (M.timeouts().empty())
    return;
  for (const FunctionDecl *FD : TU.functions()) {
    BodyIndex Index(TU, FD);
    for (const Stmt *S : judgedStatements(Index, FD, ReportInMain)) {
      for (const TimeoutSpec &T : M.timeouts()) {
        if (T.Kind == ConfigKind::Context) {
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
        if (T.Kind == ConfigKind::Variant) {
          auto D = diag(J->E->getBeginLoc(),
                        "'%0' connects with no timeout; use '%1'")
                   << J->Name << T.Variant << J->E->getSourceRange();
          if (!T.FixCall.empty())
            if (auto X = expandTimeoutTemplate(T.FixCall, J->Args, nullptr, Ctx, Values);
                X && !J->E->getBeginLoc().isMacroID())
              D << FixItHint::CreateReplacement(J->E->getSourceRange(), *X);
          continue;
        }
        if (T.Kind == ConfigKind::Conninfo || T.Kind == ConfigKind::Uri) {
          if ((unsigned)T.Arg >= J->Args.size())
            continue;
          std::optional<std::string> Str =
              Index.configString(J->Args[T.Arg], T.UriConstructor);
          if (!Str)
            continue; // not a literal: not judged
          if (!T.LibraryDefaults.empty()) {
            reportDisabled(*J, T, *Str);
            continue;
          }
          std::vector<std::vector<std::string>> Missing =
              missingKeys(*Str, T.Require);
          if (Missing.empty())
            continue;
          auto D = diag(J->E->getBeginLoc(),
                        "'%0' connects with no timeout: its %1 sets no %2")
                   << J->Name
                   << (T.Kind == ConfigKind::Uri ? "URI" : "connection string")
                   << describeMissing(Missing) << J->E->getSourceRange();
          // One fix entry per missing group: the entry whose key is in it.
          std::vector<std::string> Entries;
          for (const auto &Group : Missing)
            for (const std::string &Entry : T.FixKeys)
              if (llvm::is_contained(Group,
                                     StringRef(Entry).split('=').first.str())) {
                if (auto X = expandTimeoutTemplate(Entry, J->Args, nullptr, Ctx, Values))
                  Entries.push_back(*X);
                break;
              }
          if (Entries.size() == Missing.size())
            if (auto H = addKeys(Index.configLiteral(J->Args[T.Arg],
                                                     T.UriConstructor),
                                 Entries, Ctx))
              D << *H;
          continue;
        }
        if (T.Kind == ConfigKind::Setter) {
          std::optional<SetterFinding> F = judgeSetter(Index, *J, T);
          if (!F)
            continue;
          auto D = diag(J->E->getBeginLoc(),
                        "'%0' runs with no timeout: '%1' has no %2 set before it")
                   << J->Name << F->V->getName() << describeMissing(F->Missing)
                   << J->E->getSourceRange();
          if (auto H = setterInsertion(Index, *J, T, Ctx, Values))
            D << *H;
        }
      }
    }
  }
}

} // namespace connleak
