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
// A run, in the order of run() at the end of this file:
//   1. the command line, the compilation database, the files, the
//      .clang-tidy files, the baseline and the diff are read and checked
//      (makePlan; any problem is a usage error, before the long part);
//   2. the files are analysed in parallel (analyseFiles; Runner.cpp);
//   3. their diagnostics are sorted out into errors of the run and findings
//      (collect, makeFindings; Collect.cpp);
//   4. --diff and --baseline hide findings (filterFindings);
//   5. the report is printed and --export-fixes, --write-baseline and --fix
//      write their files (printReport, writeFiles; Report.cpp, Fixes.cpp,
//      Filters.cpp);
//   6. the summary, and the exit status (exitCode).
//
//===----------------------------------------------------------------------===//
#include "Collect.h"
#include "Report.h"
#include "Runner.h"
#include "checks/ConfigNames.h"
#include "Summarize.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include <fmt/format.h>
#include <algorithm>
#include <mutex>

#ifndef CONNLEAK_VERSION
#define CONNLEAK_VERSION "0.0.0"
#endif
#ifndef CONNLEAK_CLANG_RESOURCE_DIR
#define CONNLEAK_CLANG_RESOURCE_DIR ""
#endif
#ifndef CONNLEAK_DOCS_URL
#define CONNLEAK_DOCS_URL ""
#endif
#ifndef CONNLEAK_SOURCE_DOCS
#define CONNLEAK_SOURCE_DOCS ""
#endif

using namespace llvm;
using namespace connleak::cli;
namespace tooling = clang::tooling;

namespace {

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitUsage = 2, ExitParse = 3 };

enum class OutputFormat { Text, Json, Sarif };
Subcommand Mode = Subcommand::Analyse;
enum class FailOn { Warning, None };

cl::OptionCategory &Cat = connleakCategory();

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
cl::opt<bool> VerifyConfig(
    "verify-config",
    cl::desc("Check the .clang-tidy files that apply to the inputs (default:\n"
             "the current directory) and exit: syntax, and connleak check and\n"
             "option names that no check knows, with the closest valid name.\n"
             "Exit status 0 when there is no problem, 2 otherwise"),
    cl::cat(Cat));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the connleak checks compiled in and exit"),
                         cl::cat(Cat));
cl::opt<std::string> DocsUrl(
    "docs-url",
    cl::desc("Base URL of the check pages (docs/checks), for SARIF helpUri\n"
             "(default: the installed ones, file://<prefix>/share/doc/connleak/checks,\n"
             "else those of the source tree connleak was built from)"),
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
  A connleak check or option name that no check knows is a warning, with
  the closest valid name; --verify-config checks the files alone.

EXIT STATUS
  0  no findings (or --fail-on=none, or --write-baseline succeeded)
  1  findings were reported
  2  usage or configuration error: unknown option, bad value, no compilation
     database or a malformed one (reported with its line and column),
     invalid .clang-tidy, bad model file, unreadable baseline, failed git
     diff, no checks enabled; --verify-config found a problem
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

//===--- before the analysis: the command line, files, baseline, diff -----===//
//
// Each step reports its own usage error and returns false (exit status 2).

bool parseCommandLine(int argc, const char **argv) {
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
    return false;
  }
  return true;
}

/// Option values that cannot be checked by the option parser.
bool checkOptionValues() {
  if (!BaselineFile.empty() && BaselineFile == WriteBaselineFile) {
    usageError("--baseline and --write-baseline name the same file");
    return false;
  }
  if (StringRef(DiffRev).starts_with("-") && DiffRev != "-") {
    usageError(fmt::format("--diff: invalid revision '{}'", DiffRev.getValue()));
    return false;
  }
  return true;
}

/// The working directory and the project root (--root).
bool resolvePaths(PathMapper &Paths) {
  SmallString<256> CwdBuf;
  sys::fs::current_path(CwdBuf);
  Paths.Cwd = absolute(CwdBuf);
  if (!RootDir.empty()) {
    Paths.Root = absolute(RootDir);
    if (!sys::fs::is_directory(Paths.Root)) {
      usageError(fmt::format("--root: '{}' is not a directory", RootDir.getValue()));
      return false;
    }
  } else {
    Paths.Root = findRoot(Paths.Cwd);
  }
  return true;
}

/// Dir/compile_commands.json, if it exists, must be valid JSON: clang's
/// reader (a YAML parser) reads a truncated file up to the damage and drops
/// the rest, so the file is parsed with llvm::json first. Returns false
/// after a usage error naming the file and the position ("file:line:col").
bool checkJsonDatabase(StringRef Dir, const PathMapper &Paths) {
  SmallString<256> Json(Dir);
  sys::path::append(Json, "compile_commands.json");
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Json);
  if (!Buf)
    return true; // missing or unreadable: the loader says so
  Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  std::string Where = Paths.display(Json), Msg;
  if (!V) {
    // json::ParseError says "[line:column, byte=offset]: message", with a
    // 0-based column; compilers (and editors) count columns from 1.
    std::string Err = toString(V.takeError());
    static const Regex Pos("^\\[([0-9]+):([0-9]+), byte=[0-9]+\\]: (.*)$");
    SmallVector<StringRef, 4> M;
    unsigned Column = 0;
    if (Pos.match(Err, &M) && !M[2].getAsInteger(10, Column)) {
      Where += fmt::format(":{}:{}", M[1].str(), Column + 1);
      Err = M[3].str();
    }
    Msg = "invalid JSON: " + Err;
  } else if (!V->getAsArray()) {
    Msg = "not a JSON array of compile commands";
  } else {
    return true;
  }
  usageError(fmt::format("{}: invalid compilation database: {}", Where, Msg));
  return false;
}

/// The directory whose database autoDetectFromDirectory(Cwd) loads: the
/// first of Cwd and its parents with compile_commands.json or
/// compile_flags.txt, or "".
std::string databaseDirAbove(StringRef Cwd) {
  for (StringRef D = Cwd; !D.empty(); D = sys::path::parent_path(D)) {
    SmallString<256> Json(D), Flags(D);
    sys::path::append(Json, "compile_commands.json");
    sys::path::append(Flags, "compile_flags.txt");
    if (sys::fs::exists(Json) || sys::fs::exists(Flags))
      return D.str();
  }
  return "";
}

/// The database of -p, or the one found from the working directory; null
/// after a usage error.
std::unique_ptr<tooling::CompilationDatabase>
loadCompilationDatabase(const PathMapper &Paths) {
  std::string Err;
  std::unique_ptr<tooling::CompilationDatabase> DB;
  if (!BuildPath.empty()) {
    std::string Dir = absolute(BuildPath);
    if (sys::fs::is_regular_file(Dir)) // -p build/compile_commands.json
      Dir = sys::path::parent_path(Dir).str();
    if (!sys::fs::is_directory(Dir)) {
      usageError(fmt::format("-p: '{}' is not a directory", BuildPath.getValue()));
      return nullptr;
    }
    if (!checkJsonDatabase(Dir, Paths))
      return nullptr;
    DB = tooling::CompilationDatabase::loadFromDirectory(Dir, Err);
    SmallString<256> Json(Dir), Flags(Dir);
    sys::path::append(Json, "compile_commands.json");
    sys::path::append(Flags, "compile_flags.txt");
    if (!DB && !sys::fs::exists(Json) && !sys::fs::exists(Flags))
      Err = fmt::format("no compile_commands.json in '{}'", Dir);
  } else {
    std::string Found = databaseDirAbove(Paths.Cwd);
    if (!Found.empty() && !checkJsonDatabase(Found, Paths))
      return nullptr;
    DB = tooling::CompilationDatabase::autoDetectFromDirectory(Paths.Cwd, Err);
  }
  if (!DB)
    usageError(fmt::format("cannot load the compilation database: {}", Err));
  return DB;
}

void sortUnique(std::vector<std::string> &V) {
  llvm::sort(V);
  V.erase(std::unique(V.begin(), V.end()), V.end());
}

/// The files to analyse: the positional inputs (files, or directories that
/// stand for the database's files below them), or every file of the database.
bool selectFiles(const tooling::CompilationDatabase &DB,
                 std::vector<std::string> &Files) {
  std::vector<std::string> AllFiles;
  for (const std::string &F : DB.getAllFiles())
    AllFiles.push_back(absolute(F));
  sortUnique(AllFiles);
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
          return false;
        }
      } else if (!sys::fs::exists(Abs)) {
        usageError(fmt::format("no such file: '{}'", In));
        return false;
      } else {
        Files.push_back(Abs);
      }
    }
    sortUnique(Files);
  }
  if (Files.empty()) {
    usageError("the compilation database has no files");
    return false;
  }
  return true;
}

/// The .clang-tidy files in Dirs and their parents, sorted.
std::vector<std::string> configFilesAbove(const std::vector<std::string> &Dirs) {
  std::set<std::string> Seen;
  for (const std::string &Dir : Dirs)
    for (StringRef D = Dir; !D.empty(); D = sys::path::parent_path(D))
      if (!Seen.insert(D.str()).second)
        break;
  std::vector<std::string> Files;
  for (const std::string &D : Seen) {
    SmallString<256> Cfg(D);
    sys::path::append(Cfg, ".clang-tidy");
    if (sys::fs::is_regular_file(Cfg))
      Files.push_back(std::string(Cfg));
  }
  return Files;
}

/// Checks every configuration file: an invalid one is an error, unknown
/// connleak names are warnings ("<file>: warning: unknown check option 'x';
/// did you mean 'y'", as clang-tidy --verify-config words them). Returns
/// the number of invalid files; Warnings counts the warnings.
size_t checkConfigFiles(const std::vector<std::string> &Cfgs,
                        const PathMapper &Paths, size_t &Warnings) {
  size_t Invalid = 0;
  for (const std::string &Cfg : Cfgs) {
    std::vector<std::string> Unknown;
    std::string Msg = validateConfigFile(Cfg, Unknown);
    if (!Msg.empty()) {
      usageError(fmt::format("invalid configuration file {}: {}",
                             Paths.display(Cfg), Msg));
      ++Invalid;
    }
    for (const std::string &W : Unknown)
      WithColor::warning(errs(), Paths.display(Cfg)) << W << " [-verify-config]\n";
    Warnings += Unknown.size();
  }
  return Invalid;
}

/// An invalid .clang-tidy in the directories of Files is a usage error
/// (every one is reported); unknown connleak names are warnings.
bool validateConfigFiles(const std::vector<std::string> &Files,
                         const PathMapper &Paths) {
  std::vector<std::string> Dirs;
  for (const std::string &F : Files)
    Dirs.push_back(sys::path::parent_path(F).str());
  size_t Warnings = 0;
  return checkConfigFiles(configFilesAbove(Dirs), Paths, Warnings) == 0;
}

/// --verify-config: the files that apply to the inputs (directories, or the
/// directories of files), or to the current directory.
int verifyConfig() {
  PathMapper Paths;
  if (!resolvePaths(Paths))
    return ExitUsage;
  std::vector<std::string> Dirs;
  for (const std::string &In : Inputs) {
    std::string Abs = absolute(In);
    if (!sys::fs::exists(Abs)) {
      usageError(fmt::format("no such file: '{}'", In));
      return ExitUsage;
    }
    Dirs.push_back(sys::fs::is_directory(Abs) ? Abs : sys::path::parent_path(Abs).str());
  }
  if (Dirs.empty())
    Dirs.push_back(Paths.Cwd);
  std::vector<std::string> Cfgs = configFilesAbove(Dirs);
  size_t Warnings = 0;
  size_t Invalid = checkConfigFiles(Cfgs, Paths, Warnings);
  if (Invalid || Warnings) {
    errs() << fmt::format("connleak: {} in {}\n",
                          plural(Invalid + Warnings, "problem", "problems"),
                          plural(Cfgs.size(), "configuration file", "configuration files"));
    return ExitUsage;
  }
  outs() << fmt::format("connleak: no problems in {}\n",
                        plural(Cfgs.size(), "configuration file", "configuration files"));
  return ExitClean;
}

/// --baseline: the known findings.
bool readKnownFindings(Baseline &Known) {
  std::string Err;
  if (!BaselineFile.empty() && !readBaseline(BaselineFile, Known, Err)) {
    usageError(fmt::format("cannot read the baseline {}: {}", BaselineFile.getValue(), Err));
    return false;
  }
  return true;
}

/// --diff: the changed lines, by real path; none without --diff.
bool readChangedLines(const PathMapper &Paths,
                      std::optional<ChangedLines> &Changed) {
  if (DiffRev.empty())
    return true;
  std::string DiffText, BaseDir, Err;
  if (DiffRev == "-") {
    auto Buf = MemoryBuffer::getSTDIN();
    if (!Buf) {
      usageError(fmt::format("cannot read the diff from stdin: {}",
                             Buf.getError().message()));
      return false;
    }
    DiffText = (*Buf)->getBuffer().str();
    BaseDir = Paths.Root;
  } else if (!runGitDiff(DiffRev, Paths.Root, DiffText, BaseDir, Err)) {
    usageError(fmt::format("--diff: {}", Err));
    return false;
  }
  ChangedLines Raw = parseUnifiedDiff(DiffText, BaseDir);
  Changed.emplace();
  for (auto &[Path, Lines] : Raw)
    (*Changed)[canonical(Path)].insert(Lines.begin(), Lines.end());
  return true;
}

/// What the command line asks for, resolved and checked before the (long)
/// analysis.
struct Plan {
  PathMapper Paths;
  std::unique_ptr<tooling::CompilationDatabase> DB;
  std::vector<std::string> Files;
  Baseline Known;
  std::optional<ChangedLines> Changed;
};

bool makePlan(Plan &P) {
  if (!checkOptionValues() || !resolvePaths(P.Paths))
    return false;
  P.DB = loadCompilationDatabase(P.Paths);
  return P.DB && selectFiles(*P.DB, P.Files) &&
         validateConfigFiles(P.Files, P.Paths) && readKnownFindings(P.Known) &&
         readChangedLines(P.Paths, P.Changed);
}

//===--- the analysis -----------------------------------------------------===//

RunSettings settingsFromOptions() {
  RunSettings Settings;
  Settings.Checks = Checks;
  Settings.HeaderFilter = HeaderFilter;
  Settings.HeaderFilterSet = HeaderFilter.getNumOccurrences() > 0;
  Settings.ReportSkipped = Verbose;
  Settings.ResourceDir = ResourceDir;
  return Settings;
}

/// What the project summaries (Summarize.cpp) need of the plan.
ProjectInputs projectInputs(const Plan &P) {
  ProjectInputs In;
  In.DB = P.DB.get();
  In.Files = P.Files;
  In.BuildDir = BuildPath.empty() ? P.Paths.Cwd : absolute(BuildPath);
  if (sys::fs::is_regular_file(In.BuildDir))
    In.BuildDir = sys::path::parent_path(In.BuildDir).str();
  In.Root = P.Paths.Root;
  In.Display = [&P](StringRef F) { return P.Paths.display(F); };
  In.Settings = settingsFromOptions();
  In.Quiet = Quiet;
  In.Verbose = Verbose;
  In.Jobs = Jobs;
  return In;
}

/// Analyses every file of the plan, -j at a time, with progress on stderr.
std::vector<TUResult> analyseFiles(const Plan &P) {
  const std::vector<std::string> &Files = P.Files;
  RunSettings Settings = settingsFromOptions();
  {
    // With project summaries (the default): Summarize.cpp.
    ProjectInputs In = projectInputs(P);
    Progress Prog(shardOf(Files).size(), !Quiet);
    In.Progress = [&](StringRef F, bool Failed) {
      Prog.done(P.Paths.display(F), Failed);
    };
    enableCrashRecovery();
    bool Handled = false;
    std::vector<TUResult> Results = analyseProject(In, Handled);
    Prog.finish();
    if (Handled)
      return Results;
  }
  std::vector<std::vector<tooling::CompileCommand>> Commands(Files.size());
  for (size_t I = 0; I < Files.size(); ++I)
    Commands[I] = P.DB->getCompileCommands(Files[I]);

  enableCrashRecovery();
  std::vector<TUResult> Results(Files.size());
  Progress Prog(Files.size(), !Quiet);
  {
    unsigned N = Jobs ? Jobs.getValue()
                      : llvm::hardware_concurrency().compute_thread_count();
    N = std::max(1u, std::min<unsigned>(N, Files.size()));
    // With several workers, the largest sources first, so that no big file
    // starts last while the others idle; with one, the database's order.
    std::vector<size_t> Order(Files.size());
    std::vector<uint64_t> Size(Files.size(), 0);
    for (size_t I = 0; I < Files.size(); ++I) {
      Order[I] = I;
      llvm::sys::fs::file_status St;
      if (!llvm::sys::fs::status(Files[I], St))
        Size[I] = St.getSize();
    }
    if (N > 1)
      std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
        return Size[A] != Size[B] ? Size[A] > Size[B] : A < B;
      });
    DefaultThreadPool Pool(llvm::hardware_concurrency(N));
    for (size_t I : Order)
      Pool.async([&, I] {
        Results[I] = analyseTU(Files[I], std::move(Commands[I]), Settings);
        const TUResult &R = Results[I];
        bool Failed = !R.FailureReason.empty() ||
                      llvm::any_of(R.Diags, isCompileError);
        Prog.done(P.Paths.display(Files[I]), Failed);
      });
    Pool.wait();
  }
  Prog.finish();
  return Results;
}

//===--- filters ----------------------------------------------------------===//

struct Filtered {
  std::vector<Finding> Reported;
  size_t HiddenByDiff = 0, HiddenByBaseline = 0;
};

/// --diff keeps the findings on changed lines; --baseline hides as many
/// occurrences of a fingerprint as it knows.
Filtered filterFindings(const std::vector<Finding> &All, const Plan &P) {
  Filtered Out;
  Baseline Remaining = P.Known;
  for (const Finding &F : All) {
    if (P.Changed) {
      auto It = P.Changed->find(canonical(F.Where.Path));
      if (It == P.Changed->end() || !It->second.count(F.Where.Line)) {
        ++Out.HiddenByDiff;
        continue;
      }
    }
    if (!BaselineFile.empty()) {
      auto It = Remaining.find(F.Fingerprint);
      if (It != Remaining.end() && It->second > 0) {
        --It->second;
        ++Out.HiddenByBaseline;
        continue;
      }
    }
    Out.Reported.push_back(F);
  }
  return Out;
}

//===--- output -----------------------------------------------------------===//

/// The default of --docs-url: <exe>/../share/doc/connleak/checks when that
/// exists (an installed connleak), else the source tree's docs/checks.
std::string defaultDocsUrl(const char *Argv0) {
  static int Anchor;
  std::string Exe = sys::fs::getMainExecutable(Argv0, &Anchor);
  SmallString<256> Installed(sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Installed, "share", "doc", "connleak", "checks");
  std::string Dir = sys::fs::is_directory(Installed) ? std::string(Installed)
                                                     : CONNLEAK_SOURCE_DOCS;
  return "file://" + Dir;
}

/// The report on stdout (Out) and errors on stderr (ErrOut).
void setUpReports(ReportContext &Out, ReportContext &ErrOut) {
  Out.DocsUrl = DocsUrl;
  Out.Version = CONNLEAK_VERSION;
  Out.KnownChecks = knownConnleakChecks();
  Out.Caret = !NoCaret;
  Out.Color = outs().is_displayed() && outs().has_colors();
  ErrOut.Caret = !NoCaret;
  ErrOut.Color = errs().is_displayed() && errs().has_colors();
}

void printReport(const std::vector<Finding> &Reported, ReportContext &Out) {
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
}

/// --export-fixes, --write-baseline (All findings) and --fix; false if a
/// file could not be written.
bool writeFiles(const Plan &P, const std::vector<Finding> &All,
                const std::vector<Finding> &Reported, ReportContext &Out) {
  std::string Err;
  bool WriteError = false;
  if (!ExportFixes.empty() &&
      !writeExportFixes(ExportFixes, P.Files.size() == 1 ? P.Files[0] : "",
                        Reported, Err)) {
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
  return !WriteError;
}

void printSummary(const Plan &P, const Collected &C, const Filtered &F) {
  std::string Summary = fmt::format(
      "connleak: {} analysed, {}", plural(P.Files.size(), "file", "files"),
      plural(F.Reported.size(), "finding", "findings"));
  if (C.FailedTUs)
    Summary += fmt::format(", {} could not be analysed",
                           plural(C.FailedTUs, "file", "files"));
  errs() << Summary << "\n";
  if (P.Changed)
    errs() << fmt::format("connleak: {} outside the changed lines hidden\n",
                          plural(F.HiddenByDiff, "finding", "findings"));
  if (!BaselineFile.empty())
    errs() << fmt::format("connleak: {} hidden by the baseline\n",
                          plural(F.HiddenByBaseline, "known finding",
                                 "known findings"));
}

/// See EXIT STATUS in the help: 2 wins over 3, and 3 over 1.
int exitCode(const Collected &C, bool WriteError, const Filtered &F) {
  if (C.ConfigError || WriteError)
    return ExitUsage;
  if (C.FailedTUs)
    return ExitParse;
  if (!WriteBaselineFile.empty())
    return ExitClean;
  if (!F.Reported.empty() && FailOnOpt == FailOn::Warning)
    return ExitFindings;
  return ExitClean;
}

//===--- the command ------------------------------------------------------===//

int run(int argc, const char **argv) {
  if (!parseCommandLine(argc, argv))
    return ExitUsage;
  if (DocsUrl.empty())
    DocsUrl = defaultDocsUrl(argv[0]);
  if (ListChecks) {
    for (const std::string &C : knownConnleakChecks())
      outs() << C << "\n";
    return ExitClean;
  }
  // Unknown connleak names are reported per .clang-tidy file, before the
  // analysis (validateConfigFiles), not again by the checks of every file.
  connleak::ChecksWarnAboutUnknownNames = false;
  if (VerifyConfig)
    return verifyConfig();
  Plan P;
  if (!makePlan(P) || !checkProjectOptions())
    return ExitUsage;
  if (Mode == Subcommand::Summarize)
    return runSummarize(projectInputs(P));

  std::vector<TUResult> Results = analyseFiles(P);

  SourceCache Sources;
  ReportContext Out{Sources, P.Paths}, ErrOut{Sources, P.Paths};
  setUpReports(Out, ErrOut);
  Collected C = collect(Results, Out, ErrOut);
  if (C.EnabledChecks == 0 && C.AnyRan && !C.ConfigError) {
    usageError("no checks enabled (check --checks and the Checks of .clang-tidy)");
    return ExitUsage;
  }
  std::vector<Finding> All = makeFindings(C, Sources, P.Paths);
  Filtered F = filterFindings(All, P);

  printReport(F.Reported, Out);
  bool WriteError = !writeFiles(P, All, F.Reported, Out);
  if (!Quiet)
    printSummary(P, C, F);
  return exitCode(C, WriteError, F);
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  Mode = takeSubcommand(argc, argv);
  if (Mode == Subcommand::MergeSummaries)
    return runMergeSummaries(argc, argv);
  return run(argc, argv);
}
