//===--- MissingTimeoutCheck.cpp ------------------------------------------===//
#include "MissingTimeoutCheck.h"
#include "ConfigChecks.h"
#include "connleak/syntax/ConfigQueries.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace connleak {

MissingTimeoutCheck::MissingTimeoutCheck(StringRef Name,
                                         tidy::ClangTidyContext *Context)
    : ConnleakCheck(Name, Context),
      ReportInMain(boolOption("ReportInMain", false, /*Shared=*/false)),
      RequestDeadlineMs(Options.get("RequestDeadlineMs", 30000U)) {
  for (const FixTemplateOption &O : FixTemplateOptions)
    Values[O.Name] = Options.get(O.Name, O.Default);
}

void MissingTimeoutCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  ConnleakCheck::storeOptions(Opts);
  Options.store(Opts, "ReportInMain", ReportInMain);
  Options.store(Opts, "RequestDeadlineMs", RequestDeadlineMs);
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
  // A conninfo ending in an odd number of backslashes would escape the
  // separating space: "host=db\\" + " connect_timeout=10" is one value.
  if (!Uri && (S.size() - S.rtrim('\\').size()) % 2 == 1)
    return std::nullopt;
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

/// A library with default timeouts (libmongoc): a timeout switched off
/// explicitly is reported; in a request handler, so is a default left in
/// place that is longer than a request may wait (RequestDeadlineMs).
void MissingTimeoutCheck::reportDisabled(const JudgedCall &J,
                                         const TimeoutSpec &T, StringRef Str,
                                         StringRef Handler) {
  StringRef Where = T.Kind == ConfigKind::Uri ? "URI" : "connection string";
  std::vector<std::string> Off, Long, LongText;
  for (const std::string &Entry : T.LibraryDefaults) {
    auto [K, DefaultText] = StringRef(Entry).split('=');
    unsigned long long DefaultMs = 0;
    DefaultText.getAsInteger(10, DefaultMs); // validated when loaded
    std::optional<StringRef> V = connStringValue(Str, K);
    if (V && !T.DisabledValue.empty() && V->trim() == T.DisabledValue)
      Off.push_back(K.str() + "=" + T.DisabledValue);
    else if ((!V || (!T.DefaultValue.empty() && V->trim() == T.DefaultValue)) &&
             !Handler.empty() && DefaultMs > RequestDeadlineMs) {
      Long.push_back(K.str());
      LongText.push_back("'" + K.str() + "' of " + std::to_string(DefaultMs) +
                         " ms");
    }
  }
  if (!Off.empty()) {
    diag(J.E->getBeginLoc(),
         "'%0' runs with no timeout: its %1 switches off the library's "
         "default with %2")
        << J.Name << Where << quoteAlternatives(Off, "and")
        << J.E->getSourceRange();
    if (!T.Note.empty())
      diag(J.E->getBeginLoc(), "%0", DiagnosticIDs::Note) << T.Note;
    return;
  }
  if (Long.empty())
    return;
  diag(J.E->getBeginLoc(),
       "'%0' inside %1 keeps the library's default %2: a slow operation "
       "holds the connection longer than a request waits")
      << J.Name << Handler << llvm::join(LongText, " and ")
      << J.E->getSourceRange();
  diag(J.E->getBeginLoc(),
       "set %0 in the %1 to what a request can wait (RequestDeadlineMs: %2)",
       DiagnosticIDs::Note)
      << quoteAlternatives(Long, "and") << Where
      << std::to_string(RequestDeadlineMs);
  if (!T.Note.empty())
    diag(J.E->getBeginLoc(), "%0", DiagnosticIDs::Note) << T.Note;
}

/// "set CURLOPT_CONNECTTIMEOUT_MS on 'h'": the first missing option that
/// the inserted line sets.
static std::string setterTitle(StringRef Inserted,
                               const std::vector<std::vector<std::string>> &Missing,
                               const VarDecl *V) {
  auto Sets = [&](StringRef Opt) {
    // As a whole word: CURLOPT_TIMEOUT is not set by CURLOPT_TIMEOUT_MS.
    for (size_t At = Inserted.find(Opt); At != StringRef::npos;
         At = Inserted.find(Opt, At + 1)) {
      size_t End = At + Opt.size();
      if (End == Inserted.size() || !isAsciiIdentifierContinue(Inserted[End]))
        return true;
    }
    return false;
  };
  // A requirement `A+B` is met only by setting every part.
  for (const auto &Group : Missing)
    for (const std::string &Opt : Group) {
      llvm::SmallVector<StringRef, 2> Parts;
      StringRef(Opt).split(Parts, '+');
      if (llvm::all_of(Parts, Sets))
        return "set " + llvm::join(Parts, " and ") + " on '" +
               V->getName().str() + "'";
    }
  return "set a timeout on '" + V->getName().str() + "'";
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
  // libcurl's CURLOPT_CONNECT_ONLY: only the connection phase, which the
  // library bounds by itself (the model's `bounded-when`).
  if (!T.BoundedWhen.empty() &&
      Index.optionSetBefore(V, J.E, T.Setters, T.OptionArg, T.BoundedWhen))
    return std::nullopt;
  // Options that come from the configuration (a variable option): whether
  // one of them is the timeout is not known, as for a handle passed to an
  // unknown function.
  if (Index.variableOptionBefore(V, J.E, T.Setters, T.OptionArg))
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

/// Some call in the function (wherever it is, in main() too) is to Variant.
static bool callsVariant(BodyIndex &Index, StringRef Variant) {
  return llvm::any_of(Index.statements(), [&](const Stmt *S) {
    return isa<CallExpr>(S) && Index.match(S, Variant, "").has_value();
  });
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
    std::string Handler = requestHandlerContext(M, FD);
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
          if (!T.Note.empty())
            diag(CE->getBeginLoc(), "%0", DiagnosticIDs::Note) << T.Note;
          continue;
        }
        std::optional<JudgedCall> J = Index.match(S, T.Function, T.Construct);
        if (!J)
          continue;
        if (T.Kind == ConfigKind::Variant) {
          // The function also calls the timeout-taking variant (the plain
          // call in the branch where the configured timeout is zero, the
          // variant in the other): the plain call is a choice, not an
          // omission.
          if (callsVariant(Index, T.Variant))
            continue;
          {
            auto D = diag(J->E->getBeginLoc(),
                          "'%0' connects with no timeout; use '%1'")
                     << J->Name << T.Variant << J->E->getSourceRange();
            if (!T.FixCall.empty())
              if (auto X = expandTimeoutTemplate(T.FixCall, J->Args, nullptr,
                                                 Ctx, Values);
                  X && !J->E->getBeginLoc().isMacroID())
                attachFix(D, J->E->getBeginLoc(),
                          "use '" + std::string(T.Variant) + "'",
                          {FixItHint::CreateReplacement(J->E->getSourceRange(), *X)});
          }
          emitFixNote();
          if (!T.Note.empty())
            diag(J->E->getBeginLoc(), "%0", DiagnosticIDs::Note) << T.Note;
          continue;
        }
        if (T.Kind == ConfigKind::Conninfo || T.Kind == ConfigKind::Uri) {
          if ((unsigned)T.Arg >= J->Args.size())
            continue;
          std::optional<std::string> Str =
              Index.configString(J->Args[T.Arg], T.UriConstructor);
          if (!Str)
            continue; // not a literal: not judged
          // A conninfo the library rejects while parsing it never connects.
          if (T.Kind == ConfigKind::Conninfo && !conninfoParses(*Str))
            continue;
          // An empty conninfo takes every parameter, the timeout included,
          // from the environment (PGCONNECT_TIMEOUT) and the service file,
          // as a default-constructed connection does: the deployment
          // decides, not the code.
          if (T.Kind == ConfigKind::Conninfo && StringRef(*Str).trim().empty())
            continue;
          if (!T.LibraryDefaults.empty()) {
            reportDisabled(*J, T, *Str, Handler);
            continue;
          }
          std::vector<std::vector<std::string>> Missing =
              missingKeys(*Str, T.Require);
          if (Missing.empty())
            continue;
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
          const char *What =
              T.Kind == ConfigKind::Uri ? "URI" : "connection string";
          {
            auto D = diag(J->E->getBeginLoc(),
                          "'%0' connects with no timeout: its %1 sets no %2")
                     << J->Name << What << describeMissing(Missing)
                     << J->E->getSourceRange();
            if (Entries.size() == Missing.size())
              if (auto H = addKeys(Index.configLiteral(J->Args[T.Arg],
                                                       T.UriConstructor),
                                   Entries, Ctx))
                attachFix(D, J->E->getBeginLoc(),
                          "add '" + llvm::join(Entries, "' and '") + "' to the " +
                              What,
                          {*H});
          }
          emitFixNote();
          if (!T.Note.empty())
            diag(J->E->getBeginLoc(), "%0", DiagnosticIDs::Note) << T.Note;
          continue;
        }
        if (T.Kind == ConfigKind::Setter) {
          std::optional<SetterFinding> F = judgeSetter(Index, *J, T);
          if (!F)
            continue;
          {
            auto D = diag(J->E->getBeginLoc(),
                          "'%0' runs with no timeout: '%1' has no %2 set before it")
                     << J->Name << F->V->getName() << describeMissing(F->Missing)
                     << J->E->getSourceRange();
            if (auto H = setterInsertion(Index, *J, T, Ctx, Values))
              attachFix(D, J->E->getBeginLoc(),
                        setterTitle(H->CodeToInsert, F->Missing, F->V), {*H});
          }
          emitFixNote();
          if (!T.Note.empty())
            diag(J->E->getBeginLoc(), "%0", DiagnosticIDs::Note) << T.Note;
        }
      }
    }
  }
}

} // namespace connleak
