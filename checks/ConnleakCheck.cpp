//===--- ConnleakCheck.cpp ------------------------------------------------===//
#include "ConnleakCheck.h"
#include "connleak/FixIts.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Regex.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace connleak {

bool parseBool(StringRef V, bool Default) {
  std::string L = V.trim().lower();
  if (L == "true" || L == "1" || L == "yes" || L == "on")
    return true;
  if (L == "false" || L == "0" || L == "no" || L == "off")
    return false;
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
  UnknownCallsEscape = true;
  if (std::optional<std::string> V = sharedOption("UnknownCallsEscape"))
    UnknownCallsEscape = parseBool(*V, true);
  if (std::optional<std::string> V = sharedOption("ReportSkippedFunctions"))
    ReportSkippedFunctions = parseBool(*V, false);
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
    static const llvm::Regex Name(
        "^(::)?[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*$");
    if (Name.match(StringRef(*V).trim()))
      FixOpts.ScopeGuard = StringRef(*V).trim().str();
    else
      configurationDiag("invalid value '%0' for option '%1': expected the "
                        "name of a function that takes a callable and returns "
                        "a scope guard, such as connleak::scope_exit; using "
                        "'%2'",
                        DiagnosticIDs::Error)
          << *V << Key << FixOpts.ScopeGuard;
  }
  if (std::optional<std::string> V = sharedOption("ScopeGuardHeader")) {
    // <a.h> is included with angle brackets; "a.h" and a.h with quotes.
    StringRef H = StringRef(*V).trim();
    if (H.size() >= 2 && H.front() == '"' && H.back() == '"')
      H = H.drop_front().drop_back();
    FixOpts.ScopeGuardHeader = H.str();
  }
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

std::string ConnleakCheck::addRaiiFix(DiagnosticBuilder &D, TUAnalysis &TU,
                                      const FunctionResult &R, const Site &S) {
  std::string Why, Advice;
  std::optional<RaiiFix> Fix = buildRaiiFix(TU, R, S, FixOpts, Why, &Advice);
  if (!Fix) {
    // No safe fix: in C++, the RAII form to write by hand.
    if (!TU.context().getLangOpts().CPlusPlus)
      return "";
    return Advice.empty() ? raiiSuggestion(TU, R, S) : Advice;
  }
  for (const FixItHint &H : Fix->Hints)
    D << H;
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
      D << *Inc;
  }
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

void ConnleakCheck::noteRaiiSuggestion(const Site &S,
                                       const std::string &Suggestion) {
  if (!Suggestion.empty())
    diag(S.E->getBeginLoc(), "%0", DiagnosticIDs::Note) << Suggestion;
}

std::vector<std::string> ConnleakCheck::listOption(StringRef Name) {
  std::vector<std::string> Out;
  SmallVector<StringRef, 4> Parts;
  llvm::SplitString(Options.get(Name, ""), Parts, ";,");
  for (StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().str());
  return Out;
}

void ConnleakCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void ConnleakCheck::check(const MatchFinder::MatchResult &Result) {
  if (!Models)
    return;
  AnalysisOptions Opts;
  Opts.UnknownCallsEscape = UnknownCallsEscape;
  if (MaxBlockVisits) {
    Opts.MaxBlockVisits = MaxBlockVisits;
    Opts.FixedBudget = true;
  }
  const tidy::ClangTidyOptions &TidyOpts = TidyContext->getOptions();
  Opts.HeaderFilter = TidyOpts.HeaderFilterRegex.value_or("");
  Opts.ExcludeHeaderFilter = TidyOpts.ExcludeHeaderFilterRegex.value_or("");
  // The exception options shape the shared analysis, so every check reads
  // them under the exception check's name: one analysis per translation unit.
  const auto &CO = TidyContext->getOptions().CheckOptions;
  auto Lookup = [&](StringRef Key) -> std::optional<std::string> {
    auto It = CO.find(("connleak-exception-unsafe-release." + Key).str());
    if (It == CO.end())
      return std::nullopt;
    return It->second.Value;
  };
  {
    auto It = CO.find("connleak-held-during-blocking-call.BlockingFunctions");
    if (It != CO.end()) {
      SmallVector<StringRef, 4> Parts;
      llvm::SplitString(It->second.Value, Parts, ";,");
      for (StringRef P : Parts)
        if (!P.trim().empty())
          Opts.ExtraBlocking.push_back(P.trim().str());
    }
  }
  if (auto V = Lookup("AssumeExternCNoThrow"))
    Opts.AssumeExternCNoThrow = parseBool(*V, true);
  if (auto V = Lookup("IgnoreFunctions")) {
    SmallVector<StringRef, 4> Parts;
    // Regexes: only ';' separates them (a ',' belongs to '{1,3}').
    llvm::SplitString(*V, Parts, ";");
    for (StringRef P : Parts)
      if (!P.trim().empty())
        Opts.IgnoreFunctions.push_back(P.trim().str());
  }
  Analysis = TUAnalysis::get(*Result.Context, Models, Opts);
  run(*Analysis, *Result.Context);
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
