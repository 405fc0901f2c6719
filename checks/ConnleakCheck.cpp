//===--- ConnleakCheck.cpp ------------------------------------------------===//
#include "ConnleakCheck.h"
#include "ConfigNames.h"
#include "ExceptionUnsafeReleaseCheck.h"
#include "HeldDuringBlockingCallCheck.h"
#include "MissingTimeoutCheck.h"
#include "UnreleasedHandleCheck.h"
#include "connleak/fixits/FixIts.h"
#include "connleak/summary/ProjectSummary.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroArgs.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/YAMLParser.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace connleak {

std::optional<bool> parseBoolValue(StringRef V) {
  // clang-tidy's own spellings (OptionsView::get<bool>): YAML booleans
  // (true/false, yes/no, on/off, y/n in three cases) and integers.
  V = V.trim();
  if (std::optional<bool> B = llvm::yaml::parseBool(V))
    return B;
  long long N;
  if (!V.getAsInteger(10, N))
    return N != 0;
  return std::nullopt;
}

std::vector<std::string> splitList(StringRef V, StringRef Separators) {
  std::vector<std::string> Out;
  SmallVector<StringRef, 4> Parts;
  llvm::SplitString(V, Parts, Separators);
  for (StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().str());
  return Out;
}

/// Reads an option of another connleak check, without reporting: the check
/// that owns it reports a bad value.
static std::optional<std::string> optionOf(tidy::ClangTidyContext &Ctx,
                                           StringRef Check, StringRef Name) {
  const auto &CO = Ctx.getOptions().CheckOptions;
  auto It = CO.find((Check + "." + Name).str());
  if (It == CO.end())
    return std::nullopt;
  return It->second.Value;
}

AnalysisOptions analysisOptionsFrom(tidy::ClangTidyContext &Ctx,
                                    bool UnknownCallsEscape,
                                    unsigned MaxBlockVisits) {
  AnalysisOptions Opts;
  Opts.UnknownCallsEscape = UnknownCallsEscape;
  if (MaxBlockVisits) {
    Opts.MaxBlockVisits = MaxBlockVisits;
    Opts.FixedBudget = true;
  }
  const tidy::ClangTidyOptions &TidyOpts = Ctx.getOptions();
  Opts.HeaderFilter = TidyOpts.HeaderFilterRegex.value_or("");
  Opts.ExcludeHeaderFilter = TidyOpts.ExcludeHeaderFilterRegex.value_or("");
  // The analysis is shared by every check of a translation unit, so the
  // options of the checks that shape it are read under those checks' names.
  if (auto V = optionOf(Ctx, ExceptionUnsafeReleaseCheck::ID,
                        "AssumeExternCNoThrow"))
    Opts.AssumeExternCNoThrow = parseBoolValue(*V).value_or(true);
  if (auto V = optionOf(Ctx, ExceptionUnsafeReleaseCheck::ID,
                        "IgnoreFunctions"))
    Opts.IgnoreFunctions =
        splitList(*V, ExceptionUnsafeReleaseCheck::IgnoreFunctionsSeparators);
  // Calls whose only exception is std::bad_alloc are not throw points,
  // as in the bodies clang-tidy's exception analysis reads.
  {
    auto V = optionOf(Ctx, ExceptionUnsafeReleaseCheck::ID,
                      "AllocatingFunctions");
    for (std::string &P : splitList(
             V ? *V : std::string(
                          ExceptionUnsafeReleaseCheck::DefaultAllocatingFunctions),
             ExceptionUnsafeReleaseCheck::IgnoreFunctionsSeparators))
      Opts.IgnoreFunctions.push_back(std::move(P));
  }
  if (auto V = optionOf(Ctx, UnreleasedHandleCheck::ID, "AssertionMacros"))
    Opts.AssertionMacros =
        splitList(*V, UnreleasedHandleCheck::AssertionMacrosSeparators);
  if (auto V = optionOf(Ctx, HeldDuringBlockingCallCheck::ID,
                        "BlockingFunctions"))
    Opts.ExtraBlocking =
        splitList(*V, HeldDuringBlockingCallCheck::BlockingSeparators);
  return Opts;
}

bool ConnleakCheck::boolOption(StringRef Name, bool Default, bool Shared) {
  std::string Key = (CheckName + "." + Name).str();
  std::optional<std::string> V;
  if (Shared)
    V = sharedOption(Name, &Key);
  else if (std::optional<StringRef> Local = Options.get(Name))
    V = Local->str();
  if (!V)
    return Default;
  if (std::optional<bool> B = parseBoolValue(*V))
    return *B;
  configurationDiag("invalid value '%0' for option '%1': expected true or "
                    "false; using '%2'",
                    DiagnosticIDs::Error)
      << *V << Key << (Default ? "true" : "false");
  return Default;
}

ConnleakCheck::ConnleakCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CheckName(Name.str()), TidyContext(Context),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        tidy::utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {
  // `ModelFiles`, `UnknownCallsEscape`, `ScopeGuard` and `ScopeGuardHeader`
  // may be set for one check, or once for all of them as `connleak.<Name>`.
  ModelFiles = sharedOption("ModelFiles").value_or("");
  UnknownCallsEscape = boolOption("UnknownCallsEscape", true);
  ReportSkippedFunctions = boolOption("ReportSkippedFunctions", false);
  std::string BudgetKey;
  if (std::optional<std::string> V =
          sharedOption("MaxBlockVisits", &BudgetKey)) {
    if (StringRef(*V).trim().getAsInteger(10, MaxBlockVisits)) {
      configurationDiag("invalid value '%0' for option '%1': expected a "
                        "number (0 for the default); using the default budget",
                        DiagnosticIDs::Error)
          << *V << BudgetKey;
      MaxBlockVisits = 0;
    }
  }
  // How the scope-guard fix-its are spelled (docs/fixits.md).
  std::string Key;
  if (std::optional<std::string> V = sharedOption("ScopeGuard", &Key)) {
    // A name the fix can call: anything else would write code that does
    // not compile, or a lambda that never runs.
    // Empty: the standard-library guard (std::unique_ptr).
    static const llvm::Regex Name(
        "^((::)?[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*)?$");
    if (Name.match(StringRef(*V).trim()))
      FixOpts.ScopeGuard = StringRef(*V).trim().str();
    else
      configurationDiag("invalid value '%0' for option '%1': expected the "
                        "name of a function that takes a callable and returns "
                        "a scope guard, such as connleak::scope_exit, or "
                        "nothing for the standard-library guard; using the "
                        "standard-library guard",
                        DiagnosticIDs::Error)
          << *V << Key;
  }
  bool GuardSet = sharedOption("ScopeGuard").has_value();
  if (std::optional<std::string> V = sharedOption("ScopeGuardHeader")) {
    // <a.h> is included with angle brackets; "a.h" and a.h with quotes.
    StringRef H = StringRef(*V).trim();
    if (H.size() >= 2 && H.front() == '"' && H.back() == '"')
      H = H.drop_front().drop_back();
    FixOpts.ScopeGuardHeader = H.str();
    // A header alone names where connleak::scope_exit comes from (a vendored
    // copy of connleak/scoped.h): the guard that was the default before the
    // standard-library one.
    if (!GuardSet && !FixOpts.ScopeGuardHeader.empty())
      FixOpts.ScopeGuard = "connleak::scope_exit";
  } else if (FixOpts.ScopeGuard == "connleak::scope_exit") {
    // connleak's own guard comes with its header.
    FixOpts.ScopeGuardHeader = "<connleak/scoped.h>";
  }
  // Misspelt connleak names in the configuration, once per translation
  // unit: by the first enabled check (the CLI warns per file instead).
  if (ChecksWarnAboutUnknownNames && firstEnabledConnleakCheck(*Context) == CheckName)
    for (const std::string &Msg : unknownConnleakNames(Context->getOptions()))
      configurationDiag("%0", DiagnosticIDs::Warning) << Msg;
  llvm::Expected<std::shared_ptr<const ModelSet>> M = ModelSet::get(ModelFiles);
  if (!M) {
    configurationDiag("%0", DiagnosticIDs::Error)
        << llvm::toString(M.takeError());
    // Continue with the built-in models only, so that a bad user file does
    // not silently switch the check off.
    llvm::Expected<std::shared_ptr<const ModelSet>> B = ModelSet::get("");
    if (B)
      Models = *B;
    else
      llvm::consumeError(B.takeError());
  } else {
    Models = *M;
  }
}

void ConnleakCheck::onEndOfTranslationUnit() {
  // The CLI's summary pass (lib/summary): the first check to finish hands
  // the shared analysis over, with the summaries it has already computed.
  if (Analysis)
    collectSummariesIfRequested(*Analysis);
  Analysis.reset();
}

std::optional<std::string> ConnleakCheck::sharedOption(StringRef Name,
                                                       std::string *Key) const {
  if (std::optional<StringRef> Local = Options.get(Name)) {
    if (Key)
      *Key = (CheckName + "." + Name).str();
    return Local->str();
  }
  const auto &CO = TidyContext->getOptions().CheckOptions;
  auto It = CO.find(("connleak." + Name).str());
  if (It == CO.end())
    return std::nullopt;
  if (Key)
    *Key = It->first().str();
  return It->second.Value;
}

void ConnleakCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  if (!ModelFiles.empty())
    Options.store(Opts, "ModelFiles", ModelFiles);
  Options.store(Opts, "UnknownCallsEscape", UnknownCallsEscape);
  if (readsFlowResults()) {
    Options.store(Opts, "ReportSkippedFunctions", ReportSkippedFunctions);
    Options.store(Opts, "MaxBlockVisits", MaxBlockVisits);
  }
  if (!offersFixes())
    return;
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
  Options.store(Opts, "ScopeGuard", FixOpts.ScopeGuard);
  Options.store(Opts, "ScopeGuardHeader", FixOpts.ScopeGuardHeader);
}

/// Composition with the fixes of other checks (docs/fixits.md#composition):
/// a fix that changes the variable's type (it becomes a std::unique_ptr)
/// carries every missing-timeout insertion that names the variable,
/// re-spelled for the new type (`h.get()`), as a replacement of the
/// character before and the character after the insertion point. Both
/// fixes then cover that point: clang-tidy applies the larger one, the
/// RAII fix, and drops the raw insertion ("overlaps with another fix").
/// Either fix applied alone still compiles. False if an insertion point
/// touches an edit of the fix itself (then no fix is offered).
static bool carryInsertions(RaiiFix &Fix, TUAnalysis &TU,
                            tidy::ClangTidyContext &Tidy,
                            const FunctionResult &R) {
  ASTContext &Ctx = TU.context();
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<FixItHint> Carried;
  for (const FixItHint &H :
       timeoutInsertionsFor(TU, Tidy, R.FD, Fix.Retyped, Fix.RawSpelling)) {
    SourceLocation L = H.RemoveRange.getBegin();
    FileID File = SM.getFileID(L);
    bool Invalid = false;
    StringRef Buf = SM.getBufferData(File, &Invalid);
    unsigned Off = SM.getFileOffset(L);
    if (Invalid || Off == 0 || Off >= Buf.size())
      return false;
    for (const FixItHint &Own : Fix.Hints) {
      CharSourceRange CR = Lexer::makeFileCharRange(Own.RemoveRange, SM,
                                                    Ctx.getLangOpts());
      if (CR.isInvalid() || SM.getFileID(CR.getBegin()) != File)
        continue;
      unsigned B = SM.getFileOffset(CR.getBegin()),
               E = SM.getFileOffset(CR.getEnd());
      if (B <= Off + 1 && E >= Off - 1)
        return false;
    }
    Carried.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getCharRange(L.getLocWithOffset(-1),
                                      L.getLocWithOffset(1)),
        (Buf.substr(Off - 1, 1) + H.CodeToInsert + Buf.substr(Off, 1)).str()));
  }
  llvm::append_range(Fix.Hints, Carried);
  return true;
}

bool ChecksPutFixesOnNotes = false;

void ConnleakCheck::attachFix(DiagnosticBuilder &D, SourceLocation Loc,
                              const std::string &Title,
                              std::vector<FixItHint> Hints) {
  if (!ChecksPutFixesOnNotes) {
    for (const FixItHint &H : Hints)
      D << H;
    return;
  }
  Pending = PendingFix{Loc, Title, std::move(Hints)};
}

void ConnleakCheck::emitFixNote() {
  if (!Pending)
    return;
  PendingFix P = std::move(*Pending);
  Pending.reset();
  auto N = diag(P.Loc, "%0", DiagnosticIDs::Note) << P.Title;
  for (const FixItHint &H : P.Hints)
    N << H;
}

std::string ConnleakCheck::addRaiiFix(DiagnosticBuilder &D, TUAnalysis &TU,
                                      const FunctionResult &R, const Site &S) {
  std::string Why, Advice;
  std::optional<RaiiFix> Fix = buildRaiiFix(TU, R, S, FixOpts, Why, &Advice);
  // In one --fix run both checks' fixes are applied; a quick fix in clangd
  // stands alone, and the other one is computed again after it.
  if (Fix && Fix->Retyped && !areDiagsSelfContained() &&
      TidyContext->isCheckEnabled(MissingTimeoutCheckName) &&
      !carryInsertions(*Fix, TU, *TidyContext, R))
    Fix.reset();
  if (!Fix) {
    // No safe fix: in C++, the RAII form to write by hand.
    if (!TU.context().getLangOpts().CPlusPlus)
      return "";
    return Advice.empty() ? raiiSuggestion(TU, R, S) : Advice;
  }
  std::vector<FixItHint> Hints = Fix->Hints;
  // Headers go into the file whose code the fix rewrites (a header, for a
  // finding there), unless the main file already includes them.
  const SourceManager &SM = TU.context().getSourceManager();
  FileID File = SM.getFileID(SM.getExpansionLoc(S.E->getBeginLoc()));
  for (const std::string &Header : Fix->Headers) {
    StringRef Bare = StringRef(Header).trim("<>\"");
    if (File == SM.getMainFileID() && MainIncludes && MainIncludes->count(Bare))
      continue;
    // Another connleak check's fix inserts it, unless each diagnostic must
    // carry its own (clangd's code actions).
    if (!areDiagsSelfContained() &&
        !TU.markIncludeInserted(File.getHashValue(), Bare))
      continue;
    if (auto Inc = Inserter.createIncludeInsertion(File, Header))
      Hints.push_back(*Inc);
  }
  attachFix(D, S.E->getBeginLoc(), Fix->Title, std::move(Hints));
  return ""; // the fix itself shows the RAII form
}

namespace {
class IncludeRecorder : public PPCallbacks {
public:
  IncludeRecorder(const SourceManager &SM, std::shared_ptr<llvm::StringSet<>> Out)
      : SM(SM), Out(std::move(Out)) {}
  void InclusionDirective(SourceLocation HashLoc, const Token &, StringRef FileName,
                          bool, CharSourceRange, OptionalFileEntryRef, StringRef,
                          StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    if (SM.isInMainFile(HashLoc))
      Out->insert(FileName);
  }

private:
  const SourceManager &SM;
  std::shared_ptr<llvm::StringSet<>> Out;
};
} // namespace

void ConnleakCheck::recordIncludes(const SourceManager &SM, Preprocessor *PP) {
  MainIncludes = std::make_shared<llvm::StringSet<>>();
  PP->addPPCallbacks(std::make_unique<IncludeRecorder>(SM, MainIncludes));
}

namespace {
/// Records the uses of assertion macros whose one argument says that a
/// variable is null: `v == NULL`, `NULL == v`, `v == 0`, `v == nullptr`
/// (either order) or `!v`, in any number of parentheses. The argument's
/// tokens are read before expansion, so an assertion that expands to
/// nothing of it (PostgreSQL's Assert without USE_ASSERT_CHECKING,
/// assert() with NDEBUG) is recorded as well.
class AssertionRecorder : public PPCallbacks {
public:
  AssertionRecorder(std::vector<std::string> Names,
                    std::shared_ptr<AssertedNulls> Out)
      : Names(std::move(Names)), Out(std::move(Out)) {}
  void MacroExpands(const Token &Name, const MacroDefinition &MD,
                    SourceRange Range, const MacroArgs *Args) override {
    const IdentifierInfo *II = Name.getIdentifierInfo();
    const MacroInfo *MI = MD.getMacroInfo();
    if (!II || !Args || !MI || MI->getNumParams() != 1 ||
        !llvm::is_contained(Names, II->getName()))
      return;
    const Token *T = Args->getUnexpArgument(0);
    unsigned N = MacroArgs::getArgLength(T);
    llvm::ArrayRef<Token> Toks(T, N);
    // Outer parentheses around the whole argument.
    while (Toks.size() >= 2 && Toks.front().is(tok::l_paren) &&
           Toks.back().is(tok::r_paren))
      Toks = Toks.drop_front().drop_back();
    auto IsNull = [](const Token &X) {
      if (X.is(tok::kw_nullptr))
        return true;
      if (X.is(tok::identifier))
        return X.getIdentifierInfo()->getName() == "NULL";
      return X.is(tok::numeric_constant) && X.getLength() == 1 &&
             X.getLiteralData() && *X.getLiteralData() == '0';
    };
    StringRef Var;
    if (Toks.size() == 2 && Toks[0].is(tok::exclaim) &&
        Toks[1].is(tok::identifier))
      Var = Toks[1].getIdentifierInfo()->getName();
    else if (Toks.size() == 3 && Toks[1].is(tok::equalequal)) {
      if (Toks[0].is(tok::identifier) && IsNull(Toks[2]) && !IsNull(Toks[0]))
        Var = Toks[0].getIdentifierInfo()->getName();
      else if (Toks[2].is(tok::identifier) && IsNull(Toks[0]) &&
               !IsNull(Toks[2]))
        Var = Toks[2].getIdentifierInfo()->getName();
    }
    if (Var.empty())
      return;
    // The location of the macro's name: the immediate expansion location
    // of what it expands to, also inside another macro's expansion.
    (*Out)[Range.getBegin().getRawEncoding()].push_back(Var.str());
  }

private:
  std::vector<std::string> Names;
  std::shared_ptr<AssertedNulls> Out;
};
} // namespace

void ConnleakCheck::recordAssertions(const SourceManager &SM,
                                     Preprocessor *PP) {
  Assertions = std::make_shared<AssertedNulls>();
  AnalysisOptions Opts =
      analysisOptionsFrom(*TidyContext, UnknownCallsEscape, MaxBlockVisits);
  PP->addPPCallbacks(
      std::make_unique<AssertionRecorder>(Opts.AssertionMacros, Assertions));
}

void ConnleakCheck::noteRaiiSuggestion(const Site &S,
                                       const std::string &Suggestion) {
  if (!Suggestion.empty())
    diag(S.E->getBeginLoc(), "%0", DiagnosticIDs::Note) << Suggestion;
}

void ConnleakCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void ConnleakCheck::check(const MatchFinder::MatchResult &Result) {
  if (!Models)
    return;
  AnalysisOptions Opts =
      analysisOptionsFrom(*TidyContext, UnknownCallsEscape, MaxBlockVisits);
  Opts.Assertions = Assertions;
  Analysis = TUAnalysis::get(*Result.Context, Models, Opts);
  checkTranslationUnit(*Analysis, *Result.Context);
}

const FunctionResult *ConnleakCheck::flowResult(TUAnalysis &TU,
                                                const FunctionDecl *FD) {
  const FunctionResult *R = TU.result(FD);
  if (!R)
    return nullptr;
  if (R->Analyzed)
    return R;
  if (ReportSkippedFunctions && TU.markSkipReported(FD))
    diag(FD->getLocation(), "connleak did not analyse '%0': %1; its handles "
                            "are not checked",
         DiagnosticIDs::Remark)
        << FD->getQualifiedNameAsString() << R->SkipReason;
  return nullptr;
}

std::string describeSite(const Site &S) {
  const Family &F = *S.F;
  if (isa<CXXNewExpr>(S.E))
    return F.Kind + " created by '" + S.Acquirer + "'";
  if (S.OutVar)
    return F.Kind + " returned through '" + S.OutVar->getNameAsString() +
           "' by '" + S.Acquirer + "'";
  return F.Kind + " returned by '" + S.Acquirer + "'";
}

} // namespace connleak
