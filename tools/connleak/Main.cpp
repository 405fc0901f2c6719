//===--- Main.cpp - the standalone connleak command -----------------------===//
//
//   connleak -p build [options] [files or directories...]
//
// Analyses the translation units of compile_commands.json in parallel with
// the connleak clang-tidy checks linked in (no clang-tidy binary needed), and
// reports in clang's text style, JSON lines or SARIF 2.1.0.
//
// Streams: the report goes to stdout; progress, errors of the run and the
// summary go to stderr.
//
//===----------------------------------------------------------------------===//
#include "Report.h"
#include "Runner.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include <fmt/format.h>
#include <mutex>

#ifndef CONNLEAK_VERSION
#define CONNLEAK_VERSION "0.0.0"
#endif
#ifndef CONNLEAK_CLANG_RESOURCE_DIR
#define CONNLEAK_CLANG_RESOURCE_DIR ""
#endif
#ifndef CONNLEAK_DOCS_URL
#define CONNLEAK_DOCS_URL "https://github.com/connleak/connleak/blob/main/docs/checks"
#endif

using namespace llvm;
using namespace connleak::cli;
namespace tooling = clang::tooling;

namespace {

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitUsage = 2, ExitParse = 3 };

enum class OutputFormat { Text, Json, Sarif };
enum class FailOn { Warning, None };

cl::OptionCategory Cat("connleak options");

cl::opt<std::string> BuildPath(
    "p", cl::desc("Build directory containing compile_commands.json\n"
                  "(default: search the current directory and its parents)"),
    cl::value_desc("dir"), cl::cat(Cat));
cl::list<std::string> Inputs(
    cl::Positional,
    cl::desc("[<file or directory> ...]  (default: every file of the "
             "compilation database)"),
    cl::cat(Cat));
cl::opt<unsigned> Jobs("j", cl::desc("Analyse N files in parallel (default: all cores)"),
                       cl::value_desc("N"), cl::init(0), cl::Prefix, cl::cat(Cat));
cl::opt<std::string> Checks(
    "checks",
    cl::desc("Checks to run (clang-tidy glob syntax); overrides Checks of\n"
             ".clang-tidy. Without it and without a .clang-tidy: '-*,connleak-*'"),
    cl::value_desc("globs"), cl::cat(Cat));
cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Also report findings in headers matching this regex\n"
             "(overrides HeaderFilterRegex of .clang-tidy)"),
    cl::value_desc("regex"), cl::cat(Cat));
cl::opt<OutputFormat> Format(
    "format", cl::desc("Output format"), cl::init(OutputFormat::Text),
    cl::values(clEnumValN(OutputFormat::Text, "text", "clang-style diagnostics (default)"),
               clEnumValN(OutputFormat::Json, "json", "JSON lines, one finding per line"),
               clEnumValN(OutputFormat::Sarif, "sarif", "SARIF 2.1.0 (GitHub code scanning)")),
    cl::cat(Cat));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the findings and their fix-its as clang-tidy YAML\n"
             "(input of clang-apply-replacements-19)"),
    cl::value_desc("file"), cl::cat(Cat));
cl::opt<bool> Fix("fix", cl::desc("Apply the fix-its of the reported findings"),
                  cl::cat(Cat));
cl::opt<std::string> BaselineFile(
    "baseline", cl::desc("Report only findings that are not in this baseline"),
    cl::value_desc("file"), cl::cat(Cat));
cl::opt<std::string> WriteBaselineFile(
    "write-baseline",
    cl::desc("Record all current findings in a baseline file (exit status 0\n"
             "unless there is an error)"),
    cl::value_desc("file"), cl::cat(Cat));
cl::opt<std::string> DiffRev(
    "diff",
    cl::desc("Report only findings on lines changed since REV (git diff -U0\n"
             "REV), or in the unified diff read from stdin with '-'"),
    cl::value_desc("REV|-"), cl::cat(Cat));
cl::opt<FailOn> FailOnOpt(
    "fail-on", cl::desc("Which findings make the exit status 1"),
    cl::init(FailOn::Warning),
    cl::values(clEnumValN(FailOn::Warning, "warning", "any finding (default)"),
               clEnumValN(FailOn::None, "none", "never (report only)")),
    cl::cat(Cat));
cl::opt<std::string> RootDir(
    "root",
    cl::desc("Project root: paths in SARIF, JSON and baselines are relative to\n"
             "it (default: the git work tree of the current directory, or the\n"
             "current directory)"),
    cl::value_desc("dir"), cl::cat(Cat));
cl::opt<bool> Quiet("quiet", cl::desc("No progress and no summary on stderr"),
                    cl::cat(Cat));
cl::alias QuietA("q", cl::desc("Alias for --quiet"), cl::aliasopt(Quiet),
                 cl::NotHidden, cl::cat(Cat));
cl::opt<bool> Verbose("verbose",
                      cl::desc("Say on stderr which functions the analysis "
                               "skipped, and why (over the per-function budget,\n"
                               "no CFG); they are never skipped silently"),
                      cl::cat(Cat));
cl::opt<bool> NoCaret("no-caret",
                      cl::desc("Text format: do not print source lines and carets"),
                      cl::cat(Cat));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the connleak checks compiled in and exit"),
                         cl::cat(Cat));
cl::opt<std::string> DocsUrl(
    "docs-url", cl::desc("Base URL of docs/checks, for SARIF helpUri"),
    cl::init(CONNLEAK_DOCS_URL), cl::value_desc("url"), cl::cat(Cat));
cl::opt<std::string> ResourceDir(
    "resource-dir", cl::desc("Clang resource directory (builtin headers)"),
    cl::init(CONNLEAK_CLANG_RESOURCE_DIR), cl::Hidden, cl::cat(Cat));

cl::extrahelp MoreHelp(R"(
OUTPUT
  The report goes to stdout. Progress goes to stderr: on a terminal a single
  updating line "[37/412] src/api/users.cpp", otherwise one such line per
  analysed file. Errors of the run (files that do not compile, configuration
  errors) and a one-line summary also go to stderr; --quiet keeps only errors.

CONFIGURATION
  Each file uses the nearest .clang-tidy above it, exactly as clang-tidy does
  (Checks, CheckOptions such as connleak.ModelFiles, HeaderFilterRegex,
  WarningsAsErrors, ExtraArgs). --checks and --header-filter override it.

EXIT STATUS
  0  no findings (or --fail-on=none, or --write-baseline succeeded)
  1  findings were reported
  2  usage or configuration error: unknown option, bad value, no compilation
     database, invalid .clang-tidy, bad model file, unreadable baseline,
     failed git diff, no checks enabled
  3  a translation unit could not be parsed (reported on stderr; the other
     files are still analysed)
  When several apply, 2 wins over 3, and 3 over 1.
)");

/// A single progress line on a terminal, one line per file otherwise.
class Progress {
public:
  Progress(size_t Total, bool Enabled)
      : Total(Total), Enabled(Enabled),
        Tty(Enabled && sys::Process::StandardErrIsDisplayed()) {}

  void done(StringRef Name, bool Failed) {
    if (!Enabled)
      return;
    std::lock_guard<std::mutex> Lock(M);
    ++Done;
    std::string Line = fmt::format("[{}/{}] {}{}", Done, Total, Name.str(),
                                   Failed ? " (failed)" : "");
    if (Tty) {
      unsigned Cols = sys::Process::StandardErrColumns();
      if (Cols > 1 && Line.size() >= Cols)
        Line = Line.substr(0, Cols - 1);
      errs() << fmt::format("\r\x1b[K{}", Line);
    } else {
      errs() << Line << "\n";
    }
    errs().flush();
  }

  void finish() {
    if (Enabled && Tty && Done) {
      errs() << "\r\x1b[K";
      errs().flush();
    }
  }

private:
  std::mutex M;
  size_t Total, Done = 0;
  bool Enabled, Tty;
};

std::string absolute(StringRef P, StringRef Base = "") {
  SmallString<256> S(P);
  if (!sys::path::is_absolute(S)) {
    if (Base.empty())
      sys::fs::make_absolute(S);
    else
      sys::fs::make_absolute(Base, S);
  }
  sys::path::remove_dots(S, /*remove_dot_dot=*/true);
  while (S.size() > 1 && sys::path::is_separator(S.back()))
    S.pop_back();
  return std::string(S);
}

/// Real path for comparing with paths from git (which resolves symlinks).
std::string canonical(StringRef P) {
  SmallString<256> Real;
  if (!sys::fs::real_path(P, Real))
    return std::string(Real);
  return P.str();
}

std::string findRoot(StringRef Cwd) {
  for (StringRef Dir = Cwd; !Dir.empty(); Dir = sys::path::parent_path(Dir)) {
    SmallString<256> Git(Dir);
    sys::path::append(Git, ".git");
    if (sys::fs::exists(Git))
      return Dir.str();
  }
  return Cwd.str();
}

std::string plural(size_t N, StringRef One, StringRef Many) {
  return fmt::format("{} {}", N, N == 1 ? One.str() : Many.str());
}

void usageError(StringRef Msg) {
  WithColor::error(errs(), "connleak") << Msg << "\n";
}

bool isCompileError(const RawDiag &D) {
  return D.Level == RawDiag::Error && !D.IsWarningAsError &&
         StringRef(D.Check).starts_with("clang-diagnostic-");
}

struct FunctionIndex {
  std::map<std::string, std::vector<FunctionExtent>> ByPath;
  std::string lookup(StringRef Path, unsigned Offset) const {
    auto It = ByPath.find(Path.str());
    if (It == ByPath.end())
      return "";
    const FunctionExtent *Best = nullptr;
    for (const FunctionExtent &F : It->second)
      if (F.Begin <= Offset && Offset < F.End &&
          (!Best || F.End - F.Begin < Best->End - Best->Begin))
        Best = &F;
    return Best ? Best->Name : "";
  }
};

Pos makePos(SourceCache &Sources, const RawMessage &M) {
  Pos P;
  P.Path = M.Path;
  P.Offset = M.Offset;
  if (!M.Path.empty())
    std::tie(P.Line, P.Column) = Sources.position(M.Path, M.Offset);
  return P;
}

std::vector<Span> makeSpans(SourceCache &Sources, const RawMessage &M) {
  std::vector<Span> Out;
  for (auto [Off, Len] : M.Ranges) {
    Span S;
    S.Offset = Off;
    S.Length = Len;
    std::tie(S.StartLine, S.StartColumn) = Sources.position(M.Path, Off);
    std::tie(S.EndLine, S.EndColumn) = Sources.position(M.Path, Off + Len);
    if (S.StartLine && S.EndLine)
      Out.push_back(S);
  }
  return Out;
}

int run(int argc, const char **argv) {
  cl::HideUnrelatedOptions(Cat);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << fmt::format("connleak {} (LLVM {})\n", CONNLEAK_VERSION,
                      LLVM_VERSION_STRING);
  });
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "connleak: find connection leaks in the translation units of a "
          "compilation database\n",
          &errs())) {
    errs() << "Run 'connleak --help' for the options.\n";
    return ExitUsage;
  }

  if (ListChecks) {
    for (const std::string &C : registeredConnleakChecks())
      outs() << C << "\n";
    return ExitClean;
  }

  if (!BaselineFile.empty() && BaselineFile == WriteBaselineFile) {
    usageError("--baseline and --write-baseline name the same file");
    return ExitUsage;
  }
  if (StringRef(DiffRev).starts_with("-") && DiffRev != "-") {
    usageError(fmt::format("--diff: invalid revision '{}'", DiffRev.getValue()));
    return ExitUsage;
  }

  SmallString<256> CwdBuf;
  sys::fs::current_path(CwdBuf);
  PathMapper Paths;
  Paths.Cwd = absolute(CwdBuf);
  if (!RootDir.empty()) {
    Paths.Root = absolute(RootDir);
    if (!sys::fs::is_directory(Paths.Root)) {
      usageError(fmt::format("--root: '{}' is not a directory", RootDir.getValue()));
      return ExitUsage;
    }
  } else {
    Paths.Root = findRoot(Paths.Cwd);
  }

  // --- the compilation database -------------------------------------------
  std::string Err;
  std::unique_ptr<tooling::CompilationDatabase> DB;
  if (!BuildPath.empty()) {
    std::string Dir = absolute(BuildPath);
    if (sys::fs::is_regular_file(Dir)) // -p build/compile_commands.json
      Dir = sys::path::parent_path(Dir).str();
    if (!sys::fs::is_directory(Dir)) {
      usageError(fmt::format("-p: '{}' is not a directory", BuildPath.getValue()));
      return ExitUsage;
    }
    DB = tooling::CompilationDatabase::loadFromDirectory(Dir, Err);
    SmallString<256> Json(Dir), Flags(Dir);
    sys::path::append(Json, "compile_commands.json");
    sys::path::append(Flags, "compile_flags.txt");
    if (!DB && !sys::fs::exists(Json) && !sys::fs::exists(Flags))
      Err = fmt::format("no compile_commands.json in '{}'", Dir);
  } else {
    DB = tooling::CompilationDatabase::autoDetectFromDirectory(Paths.Cwd, Err);
  }
  if (!DB) {
    usageError(fmt::format("cannot load the compilation database: {}", Err));
    return ExitUsage;
  }

  // --- the files ------------------------------------------------------------
  std::vector<std::string> AllFiles;
  for (const std::string &F : DB->getAllFiles())
    AllFiles.push_back(absolute(F));
  llvm::sort(AllFiles);
  AllFiles.erase(std::unique(AllFiles.begin(), AllFiles.end()), AllFiles.end());
  std::vector<std::string> Files;
  if (Inputs.empty()) {
    Files = AllFiles;
  } else {
    for (const std::string &In : Inputs) {
      std::string Abs = absolute(In);
      if (sys::fs::is_directory(Abs)) {
        size_t Before = Files.size();
        for (const std::string &F : AllFiles)
          if (StringRef(F).starts_with(Abs) && F.size() > Abs.size() &&
              sys::path::is_separator(F[Abs.size()]))
            Files.push_back(F);
        if (Files.size() == Before) {
          usageError(fmt::format("no file of the compilation database is in '{}'", In));
          return ExitUsage;
        }
      } else if (!sys::fs::exists(Abs)) {
        usageError(fmt::format("no such file: '{}'", In));
        return ExitUsage;
      } else {
        Files.push_back(Abs);
      }
    }
    llvm::sort(Files);
    Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  }
  if (Files.empty()) {
    usageError("the compilation database has no files");
    return ExitUsage;
  }

  // --- configuration files: an invalid .clang-tidy is a usage error --------
  {
    std::set<std::string> Dirs, Bad;
    for (const std::string &F : Files)
      for (StringRef D = sys::path::parent_path(F); !D.empty();
           D = sys::path::parent_path(D))
        if (!Dirs.insert(D.str()).second)
          break;
    bool Failed = false;
    for (const std::string &D : Dirs) {
      SmallString<256> Cfg(D);
      sys::path::append(Cfg, ".clang-tidy");
      if (!sys::fs::is_regular_file(Cfg))
        continue;
      std::string Msg = validateConfigFile(std::string(Cfg));
      if (!Msg.empty()) {
        usageError(fmt::format("invalid configuration file {}: {}",
                               Paths.display(Cfg), Msg));
        Failed = true;
      }
    }
    if (Failed)
      return ExitUsage;
  }

  // --- the baseline and the diff are read before the (long) analysis -------
  Baseline Known;
  if (!BaselineFile.empty() && !readBaseline(BaselineFile, Known, Err)) {
    usageError(fmt::format("cannot read the baseline {}: {}", BaselineFile.getValue(), Err));
    return ExitUsage;
  }
  std::optional<ChangedLines> Changed;
  if (!DiffRev.empty()) {
    std::string DiffText, BaseDir;
    if (DiffRev == "-") {
      auto Buf = MemoryBuffer::getSTDIN();
      if (!Buf) {
        usageError(fmt::format("cannot read the diff from stdin: {}",
                               Buf.getError().message()));
        return ExitUsage;
      }
      DiffText = (*Buf)->getBuffer().str();
      BaseDir = Paths.Root;
    } else if (!runGitDiff(DiffRev, Paths.Root, DiffText, BaseDir, Err)) {
      usageError(fmt::format("--diff: {}", Err));
      return ExitUsage;
    }
    ChangedLines Raw = parseUnifiedDiff(DiffText, BaseDir);
    Changed.emplace();
    for (auto &[Path, Lines] : Raw)
      (*Changed)[canonical(Path)].insert(Lines.begin(), Lines.end());
  }

  // --- analysis ---------------------------------------------------------------
  RunSettings Settings;
  Settings.Checks = Checks;
  Settings.HeaderFilter = HeaderFilter;
  Settings.HeaderFilterSet = HeaderFilter.getNumOccurrences() > 0;
  Settings.ReportSkipped = Verbose;
  Settings.ResourceDir = ResourceDir;

  std::vector<std::vector<tooling::CompileCommand>> Commands(Files.size());
  for (size_t I = 0; I < Files.size(); ++I)
    Commands[I] = DB->getCompileCommands(Files[I]);

  enableCrashRecovery();
  std::vector<TUResult> Results(Files.size());
  Progress Prog(Files.size(), !Quiet);
  {
    unsigned N = Jobs ? Jobs.getValue()
                      : llvm::hardware_concurrency().compute_thread_count();
    N = std::max(1u, std::min<unsigned>(N, Files.size()));
    DefaultThreadPool Pool(llvm::hardware_concurrency(N));
    for (size_t I = 0; I < Files.size(); ++I)
      Pool.async([&, I] {
        Results[I] = analyseTU(Files[I], std::move(Commands[I]), Settings);
        const TUResult &R = Results[I];
        bool Failed = !R.FailureReason.empty() ||
                      llvm::any_of(R.Diags, isCompileError);
        Prog.done(Paths.display(Files[I]), Failed);
      });
    Pool.wait();
  }
  Prog.finish();

  // --- collect ----------------------------------------------------------------
  SourceCache Sources;
  ReportContext Out{Sources, Paths};
  Out.DocsUrl = DocsUrl;
  Out.Version = CONNLEAK_VERSION;
  Out.KnownChecks = registeredConnleakChecks();
  Out.Caret = !NoCaret;
  Out.Color = outs().is_displayed() && outs().has_colors();
  ReportContext ErrOut{Sources, Paths};
  ErrOut.Caret = !NoCaret;
  ErrOut.Color = errs().is_displayed() && errs().has_colors();

  bool ConfigError = false;
  size_t FailedTUs = 0, EnabledChecks = 0;
  bool AnyRan = false; // at least one TU was analysed without failing
  std::set<std::string> SeenConfig;
  std::set<std::tuple<std::string, unsigned, std::string>> SeenCompile;
  std::set<std::tuple<std::string, unsigned, std::string, std::string>> SeenFinding;
  FunctionIndex Functions;
  std::vector<const RawDiag *> Raw;
  for (const TUResult &R : Results) {
    EnabledChecks = std::max(EnabledChecks, R.EnabledChecks);
    for (const FunctionExtent &F : R.Functions)
      Functions.ByPath[F.Path].push_back(F);
    bool Failed = !R.FailureReason.empty();
    for (const RawDiag &D : R.Diags) {
      if (D.Check == "clang-tidy-config") {
        if (D.Level == RawDiag::Error)
          ConfigError = true;
        std::string Level = D.Level == RawDiag::Error ? "error" : "warning";
        if (SeenConfig.insert(Level + D.Msg.Message).second) {
          printClangStyle(errs(), Level, D.Msg.Message, D.Check,
                          makePos(Sources, D.Msg), {}, ErrOut);
          Out.Notifications.push_back({Level, D.Msg.Message, {}});
        }
        continue;
      }
      if (D.Level == RawDiag::Remark) {
        // Only --verbose asks for remarks (functions the analysis skipped):
        // information on stderr, never a finding.
        Pos P = makePos(Sources, D.Msg);
        printClangStyle(errs(), "remark", D.Msg.Message, D.Check, P, {}, ErrOut);
        continue;
      }
      if (isCompileError(D)) {
        Failed = true;
        if (SeenCompile.insert({D.Msg.Path, D.Msg.Offset, D.Msg.Message}).second) {
          Pos P = makePos(Sources, D.Msg);
          printClangStyle(errs(), "error", D.Msg.Message, D.Check, P,
                          makeSpans(Sources, D.Msg), ErrOut);
          Out.Notifications.push_back({"error", D.Msg.Message, P});
        }
        continue;
      }
      if (SeenFinding.insert({D.Msg.Path, D.Msg.Offset, D.Check, D.Msg.Message}).second)
        Raw.push_back(&D);
    }
    if (R.ToolFailed && !Failed && SeenConfig.empty())
      Failed = true; // e.g. a driver error without a diagnostic
    AnyRan |= !Failed;
    if (Failed) {
      ++FailedTUs;
      std::string Why = R.FailureReason.empty() ? "it does not compile" : R.FailureReason;
      std::string Msg = fmt::format("{}: cannot be analysed: {}", Paths.display(R.File), Why);
      WithColor::error(errs(), "connleak") << Msg << "\n";
      Pos P;
      P.Path = R.File;
      Out.Notifications.push_back(
          {"error", fmt::format("{}: cannot be analysed: {}", Paths.rel(R.File), Why), P});
    }
  }
  if (EnabledChecks == 0 && AnyRan && !ConfigError) {
    usageError("no checks enabled (check --checks and the Checks of .clang-tidy)");
    return ExitUsage;
  }

  std::vector<Finding> All;
  for (const RawDiag *D : Raw) {
    Finding F;
    F.Check = D->Check;
    F.Level = D->Level == RawDiag::Error     ? "error"
              : D->Level == RawDiag::Warning ? "warning"
                                             : "remark";
    F.Message = D->Msg.Message;
    F.Where = makePos(Sources, D->Msg);
    F.Ranges = makeSpans(Sources, D->Msg);
    for (const RawMessage &N : D->Notes)
      F.Notes.push_back({makePos(Sources, N), N.Message, makeSpans(Sources, N)});
    for (const RawEdit &E : D->Fix) {
      Edit Ed;
      Ed.Path = E.Path;
      Ed.Offset = E.Offset;
      Ed.Length = E.Length;
      Ed.Text = E.Text;
      std::tie(Ed.StartLine, Ed.StartColumn) = Sources.position(E.Path, E.Offset);
      std::tie(Ed.EndLine, Ed.EndColumn) = Sources.position(E.Path, E.Offset + E.Length);
      F.Fixes.push_back(std::move(Ed));
    }
    F.BuildDirectory = D->BuildDirectory;
    F.RelPath = F.Where.Path.empty() ? "" : Paths.rel(F.Where.Path);
    F.Function = Functions.lookup(F.Where.Path, F.Where.Offset);
    F.Snippet = normaliseSnippet(Sources.lineText(F.Where.Path, F.Where.Line));
    F.Fingerprint = computeFingerprint(F);
    All.push_back(std::move(F));
  }
  llvm::sort(All, [](const Finding &A, const Finding &B) {
    return std::tie(A.RelPath, A.Where.Line, A.Where.Column, A.Check, A.Message) <
           std::tie(B.RelPath, B.Where.Line, B.Where.Column, B.Check, B.Message);
  });
  {
    std::map<std::string, unsigned> Count;
    for (Finding &F : All)
      F.Occurrence = Count[F.Fingerprint]++;
  }

  // --- filters -----------------------------------------------------------------
  std::vector<Finding> Reported;
  size_t HiddenByDiff = 0, HiddenByBaseline = 0;
  Baseline Remaining = Known;
  for (const Finding &F : All) {
    if (Changed) {
      auto It = Changed->find(canonical(F.Where.Path));
      if (It == Changed->end() || !It->second.count(F.Where.Line)) {
        ++HiddenByDiff;
        continue;
      }
    }
    if (!BaselineFile.empty()) {
      auto It = Remaining.find(F.Fingerprint);
      if (It != Remaining.end() && It->second > 0) {
        --It->second;
        ++HiddenByBaseline;
        continue;
      }
    }
    Reported.push_back(F);
  }

  // --- output -------------------------------------------------------------------
  switch (Format) {
  case OutputFormat::Text:
    printText(outs(), Reported, Out);
    break;
  case OutputFormat::Json:
    printJsonLines(outs(), Reported, Out);
    break;
  case OutputFormat::Sarif:
    printSarif(outs(), Reported, Out);
    break;
  }
  outs().flush();

  bool WriteError = false;
  if (!ExportFixes.empty() &&
      !writeExportFixes(ExportFixes, Files.size() == 1 ? Files[0] : "", Reported, Err)) {
    usageError(fmt::format("cannot write {}: {}", ExportFixes.getValue(), Err));
    WriteError = true;
  }
  if (!WriteBaselineFile.empty()) {
    if (!writeBaseline(WriteBaselineFile, All, Err)) {
      usageError(fmt::format("cannot write {}: {}", WriteBaselineFile.getValue(), Err));
      WriteError = true;
    } else if (!Quiet) {
      errs() << fmt::format("connleak: {} recorded in {}\n",
                            plural(All.size(), "finding", "findings"),
                            WriteBaselineFile.getValue());
    }
  }
  if (Fix) {
    FixStats S = applyFixes(Reported, Out);
    for (const std::string &E : S.Errors)
      WithColor::warning(errs(), "connleak") << E << "\n";
    if (!Quiet)
      errs() << fmt::format("connleak: applied {} to {}\n",
                            plural(S.Applied, "fix", "fixes"),
                            plural(S.Files, "file", "files"));
  }

  if (!Quiet) {
    std::string Summary = fmt::format(
        "connleak: {} analysed, {}", plural(Files.size(), "file", "files"),
        plural(Reported.size(), "finding", "findings"));
    if (FailedTUs)
      Summary += fmt::format(", {} could not be analysed",
                             plural(FailedTUs, "file", "files"));
    errs() << Summary << "\n";
    if (Changed)
      errs() << fmt::format("connleak: {} outside the changed lines hidden\n",
                            plural(HiddenByDiff, "finding", "findings"));
    if (!BaselineFile.empty())
      errs() << fmt::format("connleak: {} hidden by the baseline\n",
                            plural(HiddenByBaseline, "known finding",
                                   "known findings"));
  }

  if (ConfigError || WriteError)
    return ExitUsage;
  if (FailedTUs)
    return ExitParse;
  if (!WriteBaselineFile.empty())
    return ExitClean;
  if (!Reported.empty() && FailOnOpt == FailOn::Warning)
    return ExitFindings;
  return ExitClean;
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  return run(argc, argv);
}
