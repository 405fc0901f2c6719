//===--- Summarize.cpp - project summaries: fixed point, cache, shards ----===//
//
// The fixed point (docs/project-summaries.md):
//   round 1 analyses every file of the database (the files reported on with
//   all checks, the others for their summaries only), callees' files first
//   (callOrder: a lexical scan; in a cycle of files, the files most called
//   into first); each analysis uses the summary in force when it starts:
//   the merge of the files finished so far, over the last run's summary
//   (none without a cache), made when a file starts whose callee files
//   finished since the last merge (refreshLocked). After the round the per-TU
//   summaries are merged; a file is analysed again in the next round only
//   when the merge differs from the summary its analysis used, for a
//   function it consulted, in a kind of fact it read there (Dependencies.h).
//   It stops when nothing changes, or after --max-summary-rounds rounds:
//   functions still changing then become unknown, and the files that read
//   them are analysed once more.
//
// A file's last analysis used the same facts, of every kind it read for
// every function it consulted, as the final summary: its findings are those
// a run with the final summary file would give. The order only decides how
// much is analysed again: cycles across files are dropped, so the merged
// summary is the same in any order.
//
// The cache (--cache-dir, default <build dir>/.connleak-cache) keeps, per
// file, its findings and summaries, keyed by the compile command and the
// settings, and valid while every file it read (sources, headers, model
// files) has the same content and the summary facts of the functions it
// consulted are the same.
//
//===----------------------------------------------------------------------===//
#include "Summarize.h"
#include "Collect.h"

#include "connleak/model/Model.h"
#include "connleak/summary/ProjectSummary.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/xxhash.h"
#include <fmt/format.h>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <set>

#ifndef CONNLEAK_VERSION
#define CONNLEAK_VERSION "0.0.0"
#endif

using namespace llvm;
namespace tooling = clang::tooling;

namespace connleak::cli {

cl::OptionCategory &connleakCategory() {
  static cl::OptionCategory Cat("connleak options");
  return Cat;
}

namespace {

cl::opt<std::string> ProjectSummaries(
    "project-summaries",
    cl::desc("Summaries of the project's own functions, so that handles\n"
             "acquired and released through helpers in other files are\n"
             "followed: 'auto' builds them over the whole compilation\n"
             "database (default), 'off' does not, a file uses that model\n"
             "file (written by 'connleak summarize')"),
    cl::value_desc("auto|off|file"), cl::init("auto"),
    cl::cat(connleakCategory()));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Per-file cache of findings and summaries, keyed by the content\n"
             "of the files each file reads (default: <build dir>/.connleak-cache;\n"
             "'off': no cache)"),
    cl::value_desc("dir|off"), cl::cat(connleakCategory()));
cl::opt<std::string> Shard(
    "shard",
    cl::desc("Analyse (or summarise) only the I-th of N shards of the files\n"
             "of the compilation database (1 <= I <= N)"),
    cl::value_desc("I/N"), cl::cat(connleakCategory()));
cl::opt<unsigned> MaxRounds(
    "max-summary-rounds",
    cl::desc("Bound of the fixed point over files (default 8)"),
    cl::init(8), cl::cat(connleakCategory()));
cl::opt<std::string> OutputFile(
    "o",
    cl::desc("summarize, merge-summaries: the file to write (a model file;\n"
             "with --shard, the shard's summaries as JSON)"),
    cl::value_desc("file"), cl::cat(connleakCategory()));

cl::extrahelp ProjectHelp(R"(
PROJECT SUMMARIES (docs/project-summaries.md)
  Over a compilation database the command first summarises what the project's
  own functions do with handles (helpers in other files), then analyses with
  those summaries; per-file results are cached in <build dir>/.connleak-cache.
    connleak summarize -p build -o connleak-project.yaml
        writes the summaries as a model file (for connleak.ModelFiles)
    connleak summarize -p build --shard I/N [--project-summaries=F] -o part.json
        one round of the summary pass over shard I of N
    connleak merge-summaries [--root DIR] -o connleak-project.yaml part*.json
        joins the shards' outputs into a model file
)");

unsigned ShardIndex = 0, ShardCount = 1;

void usageError(StringRef Msg) {
  WithColor::error(errs(), "connleak") << Msg << "\n";
}

std::string hex(uint64_t V) { return fmt::format("{:016x}", V); }

/// A file of the cache, parsed; nothing when it is missing or damaged (the
/// cache is rebuilt, it is no error).
std::optional<json::Value> readCacheFile(const Twine &Path) {
  auto Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return std::nullopt;
  Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  if (!V) {
    consumeError(V.takeError());
    return std::nullopt;
  }
  return std::move(*V);
}

/// Writes a file of the cache through a temporary file and a rename, so
/// that a reader never sees half of it.
void writeCacheFile(const std::string &Path, const json::Value &V) {
  std::string Tmp = Path + fmt::format(".tmp{}-{}", sys::Process::getProcessId(),
                                       (uint64_t)get_threadid());
  {
    std::error_code EC;
    raw_fd_ostream OS(Tmp, EC);
    if (EC)
      return;
    OS << V;
  }
  if (sys::fs::rename(Tmp, Path))
    sys::fs::remove(Tmp);
}

//===--- TUResult as JSON (the cache) -------------------------------------===//

json::Value msgToJSON(const RawMessage &M) {
  json::Array Ranges;
  for (auto [O, L] : M.Ranges)
    Ranges.push_back(json::Array{O, L});
  return json::Object{{"m", M.Message},
                      {"p", M.Path},
                      {"o", M.Offset},
                      {"r", std::move(Ranges)}};
}

RawMessage msgFromJSON(const json::Value &V) {
  RawMessage M;
  const json::Object *O = V.getAsObject();
  if (!O)
    return M;
  M.Message = O->getString("m").value_or("").str();
  M.Path = O->getString("p").value_or("").str();
  M.Offset = O->getInteger("o").value_or(0);
  if (const json::Array *R = O->getArray("r"))
    for (const json::Value &X : *R)
      if (const json::Array *P = X.getAsArray(); P && P->size() == 2)
        M.Ranges.push_back({(unsigned)(*P)[0].getAsInteger().value_or(0),
                            (unsigned)(*P)[1].getAsInteger().value_or(0)});
  return M;
}

json::Value resultToJSON(const TUResult &R) {
  json::Array Diags, Fns;
  for (const RawDiag &D : R.Diags) {
    json::Array Notes, Fix;
    for (const RawMessage &N : D.Notes)
      Notes.push_back(msgToJSON(N));
    for (const RawEdit &E : D.Fix)
      Fix.push_back(json::Object{
          {"p", E.Path}, {"o", E.Offset}, {"l", E.Length}, {"t", E.Text}});
    Diags.push_back(json::Object{{"c", D.Check},
                                 {"lv", (int)D.Level},
                                 {"wae", D.IsWarningAsError},
                                 {"bd", D.BuildDirectory},
                                 {"msg", msgToJSON(D.Msg)},
                                 {"notes", std::move(Notes)},
                                 {"fix", std::move(Fix)}});
  }
  for (const FunctionExtent &F : R.Functions)
    Fns.push_back(json::Array{F.Path, F.Begin, F.End, F.Name});
  return json::Object{{"file", R.File},
                      {"diags", std::move(Diags)},
                      {"functions", std::move(Fns)},
                      {"checks", (int64_t)R.EnabledChecks},
                      {"toolfailed", R.ToolFailed}};
}

bool resultFromJSON(const json::Value &V, TUResult &R) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return false;
  R.File = O->getString("file").value_or("").str();
  R.EnabledChecks = O->getInteger("checks").value_or(0);
  R.ToolFailed = O->getBoolean("toolfailed").value_or(false);
  if (const json::Array *A = O->getArray("diags"))
    for (const json::Value &X : *A) {
      const json::Object *D = X.getAsObject();
      if (!D)
        return false;
      RawDiag RD;
      RD.Check = D->getString("c").value_or("").str();
      RD.Level = (RawDiag::LevelKind)D->getInteger("lv").value_or(1);
      RD.IsWarningAsError = D->getBoolean("wae").value_or(false);
      RD.BuildDirectory = D->getString("bd").value_or("").str();
      if (const json::Value *M = D->get("msg"))
        RD.Msg = msgFromJSON(*M);
      if (const json::Array *N = D->getArray("notes"))
        for (const json::Value &NV : *N)
          RD.Notes.push_back(msgFromJSON(NV));
      if (const json::Array *F = D->getArray("fix"))
        for (const json::Value &FV : *F)
          if (const json::Object *E = FV.getAsObject()) {
            RawEdit Ed;
            Ed.Path = E->getString("p").value_or("").str();
            Ed.Offset = E->getInteger("o").value_or(0);
            Ed.Length = E->getInteger("l").value_or(0);
            Ed.Text = E->getString("t").value_or("").str();
            RD.Fix.push_back(std::move(Ed));
          }
      R.Diags.push_back(std::move(RD));
    }
  if (const json::Array *A = O->getArray("functions"))
    for (const json::Value &X : *A)
      if (const json::Array *F = X.getAsArray(); F && F->size() == 4) {
        FunctionExtent E;
        E.Path = (*F)[0].getAsString().value_or("").str();
        E.Begin = (*F)[1].getAsInteger().value_or(0);
        E.End = (*F)[2].getAsInteger().value_or(0);
        E.Name = (*F)[3].getAsString().value_or("").str();
        R.Functions.push_back(std::move(E));
      }
  return true;
}

//===--- the driver -------------------------------------------------------===//

struct TURecord {
  std::string File;
  std::vector<tooling::CompileCommand> Commands;
  bool Report = false; ///< all checks (a file reported on)
  TUResult Result;
  TUSummaries Sum;
  bool Failed = false;
  bool FromCache = false;
  /// The fixed point: the summary in force when its last analysis started.
  std::shared_ptr<const ProjectSummary> Seen;
  bool HasSum = false; ///< Sum is from this run
  /// When its analysis finished (Driver::DoneSeq), if it contributes to the
  /// summary in force.
  uint64_t FinishSeq = 0;
};

/// The function names a C or C++ source defines (at brace depth 0) and the
/// names it calls (inside braces), by a rough lexical scan. Only for the
/// order of round 1: callees' files first, so that a file analysed later
/// already sees their summaries. Macros and odd declarations mislead it; that
/// costs rounds, never a wrong result.
void scanSource(StringRef T, StringSet<> &Defs, StringSet<> &Calls) {
  auto IsKeyword = [](StringRef S) {
    return StringSwitch<bool>(S)
        .Cases("if", "while", "for", "switch", "return", "sizeof", true)
        .Cases("defined", "__attribute__", "_Alignof", "alignof", "typeof",
               true)
        .Cases("__typeof__", "decltype", "catch", "_Static_assert",
               "static_assert", true)
        .Cases("__asm__", "asm", "_Generic", "case", true)
        .Default(false);
  };
  size_t I = 0, N = T.size();
  int Depth = 0, Paren = 0;
  bool LineStart = true, LastIdent = false, Closed = false;
  StringRef Ident, Candidate;
  auto IsId = [](char C) { return isAlnum(C) || C == '_'; };
  while (I < N) {
    char C = T[I];
    if (C == '\n') {
      LineStart = true;
      ++I;
      continue;
    }
    if (C == ' ' || C == '\t' || C == '\r' || C == '\f' || C == '\v') {
      ++I;
      continue;
    }
    if (LineStart && C == '#') {
      while (I < N && T[I] != '\n')
        I += T[I] == '\\' ? 2 : 1;
      continue;
    }
    LineStart = false;
    if (C == '/' && I + 1 < N && T[I + 1] == '/') {
      size_t E = T.find('\n', I);
      I = E == StringRef::npos ? N : E;
      continue;
    }
    if (C == '/' && I + 1 < N && T[I + 1] == '*') {
      size_t E = T.find("*/", I + 2);
      I = E == StringRef::npos ? N : E + 2;
      continue;
    }
    if (C == '"' || C == '\'') {
      for (++I; I < N && T[I] != C; ++I)
        if (T[I] == '\\')
          ++I;
      ++I;
      LastIdent = false;
      continue;
    }
    if (isAlpha(C) || C == '_') {
      size_t B = I;
      while (I < N && IsId(T[I]))
        ++I;
      Ident = T.slice(B, I);
      LastIdent = true;
      continue;
    }
    if (C == '(') {
      if (LastIdent && !IsKeyword(Ident)) {
        if (Depth > 0)
          Calls.insert(Ident);
        else if (Paren == 0 && !Closed)
          Candidate = Ident;
      }
      ++Paren;
    } else if (C == ')') {
      if (Paren > 0 && --Paren == 0 && Depth == 0 && !Candidate.empty())
        Closed = true;
    } else if (C == '{') {
      if (Depth == 0 && Closed)
        Defs.insert(Candidate);
      Candidate = StringRef();
      Closed = false;
      ++Depth;
    } else if (C == '}') {
      if (Depth > 0)
        --Depth;
    } else if (C == ';' && Depth == 0) {
      Candidate = StringRef();
      Closed = false;
    }
    LastIdent = false;
    ++I;
  }
}

class Driver {
public:
  Driver(const ProjectInputs &In, std::string Cache)
      : In(In), Cache(std::move(Cache)) {
    // The cache entries' format (store) is in the key too.
    BuiltinKey = CONNLEAK_VERSION "|entry2";
    // A rebuilt connleak may analyse differently: its build is in the key.
    static int Anchor;
    std::string Exe = sys::fs::getMainExecutable("connleak", &Anchor);
    sys::fs::file_status St;
    if (!sys::fs::status(Exe, St))
      BuiltinKey += fmt::format(
          "|{}|{}", St.getSize(),
          St.getLastModificationTime().time_since_epoch().count());
    size_t N = 0;
    const BuiltinModel *B = builtinModels(N);
    for (size_t I = 0; I < N; ++I)
      BuiltinKey += hex(xxh3_64bits(StringRef(B[I].Text)));
    if (!this->Cache.empty())
      loadStamps();
  }

  std::vector<TURecord> Records;
  ProjectSummary Summary;
  unsigned Rounds = 0, Analysed = 0, Cached = 0;
  std::set<std::string> Unconverged;

  /// The summary in force and its model file ("" when it is empty). In the
  /// fixed point, each analysis uses the one in force when it starts, and
  /// (Publish) what a finished analysis contributes is in force for the
  /// analyses that start after it.
  std::shared_ptr<const ProjectSummary> Live =
      std::make_shared<const ProjectSummary>();
  std::string LiveFile;
  bool PerTU = false, Publish = false;
  unsigned Versions = 0;

  /// Makes S the summary in force. Mu is held.
  void publishLocked(ProjectSummary S) {
    Live = std::make_shared<const ProjectSummary>(std::move(S));
    LiveFile.clear();
    if (Live->Functions.empty())
      return;
    SmallString<256> Path;
    if (!Cache.empty()) {
      Path = Cache;
      sys::path::append(Path, fmt::format("round-{}-{}.yaml",
                                          sys::Process::getProcessId(),
                                          ++Versions));
    } else {
      int FD;
      if (sys::fs::createTemporaryFile("connleak-round", "yaml", FD, Path))
        return;
      sys::Process::SafelyCloseFileDescriptor(FD);
    }
    {
      std::error_code EC;
      raw_fd_ostream OS(Path, EC);
      writeModelFile(OS, *Live, "");
    }
    Temporary.push_back(std::string(Path));
    LiveFile = std::string(Path);
  }
  void publish(ProjectSummary S) {
    std::lock_guard<std::mutex> L(Mu);
    LiveSeq = DoneSeq;
    publishLocked(std::move(S));
  }

  ~Driver() {
    ModelSet::setExtraModelFiles("");
    for (const std::string &T : Temporary)
      sys::fs::remove(T);
  }

  /// Per record, the records before it in round 1's order that define
  /// what it calls (callOrder).
  std::vector<std::vector<size_t>> Before;
  /// Per record, the size of its source (callOrder): the larger files of
  /// those that may start go first.
  std::vector<uint64_t> Weight;
  uint64_t weight(size_t I) const { return I < Weight.size() ? Weight[I] : 0; }

  /// Analyses the records Idx, in parallel, in that order; one whose Before
  /// records are analysed in this run too starts once they are done, so
  /// that it sees their summaries (Publish).
  void run(const std::vector<size_t> &Idx, bool First) {
    unsigned N = In.Jobs ? In.Jobs
                         : hardware_concurrency().compute_thread_count();
    N = std::max(1u, std::min<unsigned>(N, Idx.size()));
    std::vector<char> InRun(Records.size(), 0), Started(Records.size(), 0),
        Done(Records.size(), 0);
    for (size_t I : Idx)
      InRun[I] = 1;
    std::mutex SMu;
    std::condition_variable CV;
    size_t Left = Idx.size();
    auto Ready = [&](size_t I) {
      if (I >= Before.size())
        return true;
      return llvm::all_of(Before[I],
                          [&](size_t J) { return !InRun[J] || Done[J]; });
    };
    DefaultThreadPool Pool(hardware_concurrency(N));
    for (unsigned W = 0; W < N; ++W)
      Pool.async([&, First] {
        for (;;) {
          size_t I = 0;
          {
            std::unique_lock<std::mutex> L(SMu);
            for (;;) {
              if (Left == 0)
                return;
              // With several workers, the largest ready file first (its
              // source's size), so that no big file starts last while the
              // others idle; with one, the order.
              auto It = Idx.end();
              for (auto J = Idx.begin(); J != Idx.end(); ++J)
                if (!Started[*J] && Ready(*J) &&
                    (It == Idx.end() || (N > 1 && weight(*J) > weight(*It))))
                  It = J;
              if (It != Idx.end()) {
                I = *It;
                Started[I] = 1;
                --Left;
                break;
              }
              CV.wait(L);
            }
          }
          runOne(Records[I]);
          if (First && Records[I].Report && In.Progress)
            In.Progress(Records[I].File, Records[I].Failed);
          {
            std::lock_guard<std::mutex> L(SMu);
            Done[I] = 1;
          }
          CV.notify_all();
        }
      });
    Pool.wait();
  }

  /// Round 1's order: the files that define what a file calls come before
  /// it (scanSource); else the database's order. Files that call each other
  /// (a cycle, one strongly connected component of the file call graph)
  /// cannot all come after each other: in a component, the files that the
  /// most other files of the component call into come first, since every
  /// file analysed before one it calls into is analysed again (stale) in
  /// round 2.
  std::vector<size_t> callOrder() {
    const size_t N = Records.size();
    std::vector<StringSet<>> Calls(N);
    StringMap<std::vector<size_t>> DefinedIn;
    Weight.assign(N, 0);
    for (size_t I = 0; I < N; ++I) {
      auto Buf = MemoryBuffer::getFile(Records[I].File, /*IsText=*/true,
                                       /*RequiresNullTerminator=*/false);
      if (!Buf)
        continue;
      Weight[I] = (*Buf)->getBufferSize();
      StringSet<> Defs;
      scanSource((*Buf)->getBuffer(), Defs, Calls[I]);
      for (const auto &D : Defs) {
        DefinedIn[D.getKey()].push_back(I);
        Calls[I].erase(D.getKey()); // its own definition, not another file's
      }
    }
    // Callee files of each file, in index order.
    std::vector<std::vector<size_t>> Out(N);
    for (size_t I = 0; I < N; ++I) {
      std::set<size_t> Next;
      for (const auto &C : Calls[I]) {
        auto It = DefinedIn.find(C.getKey());
        if (It != DefinedIn.end())
          Next.insert(It->second.begin(), It->second.end());
      }
      Next.erase(I);
      Out[I].assign(Next.begin(), Next.end());
    }
    // Tarjan's algorithm, iterative: components come out callees first.
    const size_t None = SIZE_MAX;
    std::vector<size_t> Index(N, None), Low(N, 0), Comp(N, None), Stack;
    std::vector<char> OnStack(N, 0);
    std::vector<std::vector<size_t>> Comps;
    size_t Counter = 0;
    for (size_t Root = 0; Root < N; ++Root) {
      if (Index[Root] != None)
        continue;
      std::vector<std::pair<size_t, size_t>> Work{{Root, 0}};
      while (!Work.empty()) {
        auto &[V, E] = Work.back();
        if (E == 0 && Index[V] == None) {
          Index[V] = Low[V] = Counter++;
          Stack.push_back(V);
          OnStack[V] = 1;
        }
        if (E < Out[V].size()) {
          size_t W = Out[V][E++];
          if (Index[W] == None)
            Work.push_back({W, 0});
          else if (OnStack[W])
            Low[V] = std::min(Low[V], Index[W]);
          continue;
        }
        if (Low[V] == Index[V]) {
          std::vector<size_t> C;
          size_t W;
          do {
            W = Stack.back();
            Stack.pop_back();
            OnStack[W] = 0;
            Comp[W] = Comps.size();
            C.push_back(W);
          } while (W != V);
          Comps.push_back(std::move(C));
        }
        size_t Done = V;
        Work.pop_back();
        if (!Work.empty())
          Low[Work.back().first] = std::min(Low[Work.back().first], Low[Done]);
      }
    }
    std::vector<size_t> Order;
    for (std::vector<size_t> &C : Comps) {
      if (C.size() > 1) {
        std::map<size_t, unsigned> Callers;
        for (size_t I : C)
          for (size_t J : Out[I])
            if (Comp[J] == Comp[I])
              ++Callers[J];
        std::sort(C.begin(), C.end(), [&](size_t A, size_t B) {
          if (Callers[A] != Callers[B])
            return Callers[A] > Callers[B];
          return A < B;
        });
      }
      Order.insert(Order.end(), C.begin(), C.end());
    }
    std::vector<size_t> Rank(N);
    for (size_t K = 0; K < Order.size(); ++K)
      Rank[Order[K]] = K;
    auto &B = Before;
    B.assign(N, {});
    for (size_t I = 0; I < N; ++I)
      for (size_t J : Out[I])
        if (Rank[J] < Rank[I])
          B[I].push_back(J);
    return Order;
  }

  /// The files whose last analysis read, for some function, a kind of fact
  /// that S says otherwise than the summary in force when it started.
  std::vector<size_t> stale(const ProjectSummary &S,
                            const std::vector<size_t> &Order) const {
    std::vector<size_t> Out;
    for (size_t I : Order) {
      const TURecord &R = Records[I];
      if (!R.Seen)
        continue;
      if (llvm::any_of(R.Sum.Deps,
                       [&](const std::pair<std::string, unsigned> &D) {
                         return R.Seen->factsOf(D.first, D.second) !=
                                S.factsOf(D.first, D.second);
                       }))
        Out.push_back(I);
    }
    return Out;
  }

  /// The fixed point; Start is the summary of the last run (or empty).
  void fixedPoint(ProjectSummary Start) {
    std::vector<size_t> Order = callOrder();
    std::vector<size_t> Pending = Order;
    ProjectSummary Prev = Start;
    StartSummary = Start;
    publish(std::move(Start));
    PerTU = Publish = true;
    bool First = true;
    for (Rounds = 1;; ++Rounds) {
      run(Pending, First);
      First = false;
      ProjectSummary Next = merge();
      std::map<std::string, unsigned> Changed = Next.changedFrom(Prev);
      if (In.Verbose)
        errs() << fmt::format("connleak: summaries: round {}: {} analysed, "
                              "{} summaries changed\n",
                              Rounds, Pending.size(), Changed.size());
      // Each file's last analysis used the summary in force when it
      // started; it is analysed again if that differs from the merged one
      // in a kind of fact it read about a function (Dependencies.h).
      Pending = stale(Next, Order);
      if (Pending.empty()) {
        Prev = std::move(Next);
        break;
      }
      if (Rounds >= MaxRounds) {
        // No fixed point within the bound: what still changes is unknown,
        // and the files that read it are analysed once more.
        for (const auto &KV : Changed) {
          const std::string &N = KV.first;
          Next.Functions.erase(N);
          Next.Dropped[N] = fmt::format("no fixed point within {} rounds",
                                        MaxRounds.getValue());
          Unconverged.insert(N);
        }
        Publish = false;
        Pending = stale(Next, Order);
        publish(Next);
        run(Pending, false);
        Prev = std::move(Next);
        break;
      }
      publish(Next);
      Prev = std::move(Next);
    }
    Summary = std::move(Prev);
    PerTU = Publish = false;
    // Names dropped for good must not leave stale facts in the round file
    // of the next run.
    ModelSet::setExtraModelFiles("");
  }

  ProjectSummary merge() const {
    std::vector<const TUSummaries *> All;
    for (const TURecord &R : Records)
      if (!R.Failed)
        All.push_back(&R.Sum);
    return mergeSummaries(All);
  }

private:
  const ProjectInputs &In;
  std::string Cache;
  std::string BuiltinKey;
  std::vector<std::string> Temporary;
  std::mutex Mu;
  std::map<std::string, std::string> FileHashes; ///< content hash per path

  /// A file's status as the index of hashed files records it (Stamps).
  struct Stamp {
    uint64_t Size = 0, Device = 0, Inode = 0;
    int64_t MTime = 0; ///< nanoseconds since the epoch
    std::string Hash;
    bool sameFile(const Stamp &O) const {
      return Size == O.Size && Device == O.Device && Inode == O.Inode &&
             MTime == O.MTime;
    }
  };
  /// The index of the cache (files.json), read when the run starts: a file
  /// whose size, modification time, device and inode are those recorded
  /// has the recorded content hash, and is not read again. Only files last
  /// modified two seconds or more before they were hashed are recorded: a
  /// write within the same tick of the clock could keep the time.
  StringMap<Stamp> Stamps;
  /// The files hashed by this run, with their status: the next index.
  StringMap<Stamp> NextStamps;
  bool StampsChanged = false;
  static constexpr const char *IndexName = "files.json";

  std::string contentHash(const std::string &Path) {
    {
      std::lock_guard<std::mutex> L(Mu);
      auto It = FileHashes.find(Path);
      if (It != FileHashes.end())
        return It->second;
    }
    Stamp Now;
    bool Settled = false;
    sys::fs::file_status St;
    if (!Cache.empty() && !sys::fs::status(Path, St) &&
        sys::fs::is_regular_file(St)) {
      auto MTime = St.getLastModificationTime();
      Now.Size = St.getSize();
      Now.Device = St.getUniqueID().getDevice();
      Now.Inode = St.getUniqueID().getFile();
      Now.MTime = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      MTime.time_since_epoch())
                      .count();
      Settled = std::chrono::system_clock::now() - MTime >=
                std::chrono::seconds(2);
      std::lock_guard<std::mutex> L(Mu);
      auto It = Stamps.find(Path);
      if (Settled && It != Stamps.end() && It->second.sameFile(Now)) {
        NextStamps[Path] = It->second;
        return FileHashes[Path] = It->second.Hash;
      }
    }
    std::string H = "-";
    if (auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false))
      H = hex(xxh3_64bits((*Buf)->getBuffer()));
    std::lock_guard<std::mutex> L(Mu);
    if (Settled && H != "-" && !StringRef(Path).contains('\n')) {
      Now.Hash = H;
      NextStamps[Path] = std::move(Now);
      StampsChanged = true;
    }
    FileHashes[Path] = H;
    return H;
  }

  /// The index: one line "HASH SIZE MTIME DEVICE INODE PATH" per file. A
  /// missing or damaged index is no error: the files are hashed again.
  void loadStamps() {
    SmallString<256> P(Cache);
    sys::path::append(P, IndexName);
    std::optional<json::Value> V = readCacheFile(P);
    const json::Object *O = V ? V->getAsObject() : nullptr;
    std::optional<StringRef> Lines = O ? O->getString("files") : std::nullopt;
    if (!Lines)
      return;
    for (StringRef Line : split(*Lines, '\n')) {
      SmallVector<StringRef, 6> F;
      Line.split(F, ' ', /*MaxSplit=*/5);
      Stamp S;
      if (F.size() != 6 || F[0].size() != 16 || F[1].getAsInteger(10, S.Size) ||
          F[2].getAsInteger(10, S.MTime) || F[3].getAsInteger(10, S.Device) ||
          F[4].getAsInteger(10, S.Inode) || F[5].empty())
        continue;
      S.Hash = F[0].str();
      Stamps[F[5]] = std::move(S);
    }
  }

  void saveStamps() {
    if (!StampsChanged && NextStamps.size() == Stamps.size())
      return;
    std::vector<StringRef> Paths;
    for (const auto &KV : NextStamps)
      Paths.push_back(KV.getKey());
    llvm::sort(Paths);
    std::string Lines;
    for (StringRef P : Paths) {
      const Stamp &S = NextStamps.find(P)->second;
      Lines += fmt::format("{} {} {} {} {} {}\n", S.Hash, S.Size, S.MTime,
                           S.Device, S.Inode, P.str());
    }
    SmallString<256> P(Cache);
    sys::path::append(P, IndexName);
    writeCacheFile(std::string(P), json::Object{{"files", std::move(Lines)}});
  }

  /// Cache entries (and files left by a process that died) that this run
  /// did not use and that nothing used for MaxAge are removed: each file
  /// changed leaves an entry behind, and the cache must not grow for ever.
  /// An entry used is touched (loadCached), so that runs over part of the
  /// files do not remove what the others still use.
  std::set<std::string> UsedEntries;
  static constexpr std::chrono::hours MaxAge{24 * 7};

  void prune() {
    auto Old = std::chrono::system_clock::now() - MaxAge;
    std::error_code EC;
    for (sys::fs::directory_iterator It(Cache, EC), End; It != End && !EC;
         It.increment(EC)) {
      StringRef Name = sys::path::filename(It->path());
      bool Ours = (Name.ends_with(".json") && Name != "project.json" &&
                   Name != IndexName) ||
                  Name.contains(".json.tmp") ||
                  (Name.starts_with("round-") && Name.ends_with(".yaml"));
      if (!Ours || UsedEntries.count(std::string(Name)))
        continue;
      sys::fs::file_status St;
      if (!sys::fs::status(It->path(), St) &&
          St.getLastModificationTime() < Old)
        sys::fs::remove(It->path());
    }
  }

public:
  /// At the end of a run with a cache: the index of hashed files, and
  /// the removal of old unused entries.
  void finishCache() {
    if (Cache.empty())
      return;
    saveStamps();
    prune();
  }

private:

  static std::string
  depsHash(const std::vector<std::pair<std::string, unsigned>> &Deps,
           const ProjectSummary &Input) {
    std::string S;
    for (const auto &[D, K] : Deps) {
      std::string F = Input.factsOf(D, K);
      if (!F.empty())
        S += D + "=" + F + "\n";
    }
    return hex(xxh3_64bits(S));
  }

  std::string keyOf(const TURecord &R, bool Report) const {
    std::string K = BuiltinKey + "\n" + R.File + "\n" +
                    (Report ? "report" : "summary") + "\n" +
                    In.Settings.Checks + "\n" + In.Settings.HeaderFilter +
                    (In.Settings.HeaderFilterSet ? "+" : "-") +
                    (In.Settings.ReportSkipped ? "v" : "q") + "\n" +
                    In.Settings.ResourceDir + "\n";
    for (const tooling::CompileCommand &C : R.Commands)
      K += C.Directory + "\n" + join(C.CommandLine, "\x1f") + "\n";
    // The .clang-tidy files above it decide its checks and options.
    for (StringRef D = sys::path::parent_path(R.File); !D.empty();
         D = sys::path::parent_path(D)) {
      SmallString<256> Cfg(D);
      sys::path::append(Cfg, ".clang-tidy");
      if (sys::fs::exists(Cfg))
        K += std::string(Cfg) + "=" +
             const_cast<Driver *>(this)->contentHash(std::string(Cfg)) + "\n";
    }
    return hex(xxh3_64bits(K));
  }

  std::string cachePath(const std::string &Key) const {
    SmallString<256> P(Cache);
    sys::path::append(P, Key + ".json");
    return std::string(P);
  }

  bool loadCached(TURecord &R, const std::string &Key,
                  const ProjectSummary &Input) {
    std::string Path = cachePath(Key);
    Expected<sys::fs::file_t> FD = sys::fs::openNativeFileForRead(Path);
    if (!FD) {
      consumeError(FD.takeError());
      return false;
    }
    auto Buf = MemoryBuffer::getOpenFile(*FD, Path, /*FileSize=*/-1);
    if (Buf)
      // Used now: prune() keeps it for MaxAge.
      sys::fs::setLastAccessAndModificationTime(
          *FD, std::chrono::system_clock::now());
    sys::fs::closeFile(*FD);
    if (!Buf)
      return false;
    Expected<json::Value> V = json::parse((*Buf)->getBuffer());
    if (!V) {
      consumeError(V.takeError());
      return false;
    }
    const json::Object *O = V->getAsObject();
    if (!O)
      return false;
    // "inputs": one line "HASH PATH" per file the analysis read (store).
    std::optional<StringRef> Inputs = O->getString("inputs");
    if (!Inputs)
      return false;
    std::vector<std::string> Read;
    for (StringRef Rest = *Inputs; !Rest.empty();) {
      StringRef Line;
      std::tie(Line, Rest) = Rest.split('\n');
      auto [Hash, Path] = Line.split(' ');
      if (Path.empty() || contentHash(Path.str()) != Hash)
        return false;
      Read.push_back(Path.str());
    }
    TUSummaries S;
    const json::Value *SV = O->get("summaries");
    if (!SV || !fromJSON(*SV, S))
      return false;
    S.Inputs = std::move(Read);
    if (O->getString("deps").value_or("") != depsHash(S.Deps, Input))
      return false;
    TUResult Res;
    if (R.Report) {
      const json::Value *RV = O->get("result");
      if (!RV || !resultFromJSON(*RV, Res))
        return false;
    }
    R.Result = std::move(Res);
    R.Result.File = R.File;
    std::lock_guard<std::mutex> L(Mu);
    R.Sum = std::move(S);
    R.Failed = O->getBoolean("failed").value_or(false);
    return true;
  }

  void store(const TURecord &R, const std::string &Key,
             const ProjectSummary &Input) {
    // The files read, as one string of "HASH PATH" lines rather than an
    // object or array: the JSON parser reads one string far faster than
    // hundreds of members, and a warm run reads every entry. The summaries'
    // own list of inputs is the same list, so it is left out.
    std::string Inputs;
    for (const std::string &F : R.Sum.Inputs) {
      if (StringRef(F).contains('\n'))
        return;
      Inputs += contentHash(F) + " " + F + "\n";
    }
    json::Value Sum = toJSON(R.Sum);
    if (json::Object *SO = Sum.getAsObject())
      SO->erase("inputs");
    json::Object O{{"inputs", std::move(Inputs)},
                   {"deps", depsHash(R.Sum.Deps, Input)},
                   {"failed", R.Failed},
                   {"summaries", std::move(Sum)}};
    if (R.Report)
      O["result"] = resultToJSON(R.Result);
    writeCacheFile(cachePath(Key), std::move(O));
  }

  /// A finished analysis's summaries are in force for the analyses that
  /// start after it (Publish). The merge is made when such an analysis
  /// starts (refreshLocked), once for all the files finished since the
  /// last one, not once per finished file.
  void finished(TURecord &R, bool FromCache) {
    std::lock_guard<std::mutex> L(Mu);
    R.HasSum = true;
    // A file from the cache read the same facts as the summary in force:
    // what it contributes is (nearly always) in force already.
    if (!Publish || FromCache)
      return;
    R.FinishSeq = ++DoneSeq;
  }
  uint64_t DoneSeq = 0, LiveSeq = 0;

  /// Before record I is analysed: if a file it calls into (Before) finished
  /// after the last merge, the merge of every file finished so far becomes
  /// the summary in force. Mu is held.
  void refreshLocked(size_t I) {
    if (!Publish || DoneSeq == LiveSeq || I >= Before.size() ||
        llvm::none_of(Before[I], [&](size_t J) {
          return Records[J].FinishSeq > LiveSeq;
        }))
      return;
    LiveSeq = DoneSeq;
    // The files not analysed yet in this run contribute what the summary
    // the run started with says of their functions.
    std::vector<const TUSummaries *> All;
    std::set<std::string> Defined;
    for (const TURecord &O : Records)
      if (O.HasSum) {
        if (!O.Failed)
          All.push_back(&O.Sum);
        for (const DerivedSummary &D : O.Sum.Functions)
          Defined.insert(D.Name);
      }
    ProjectSummary M = mergeSummaries(All);
    for (const auto &[N, D] : StartSummary.Functions)
      if (!Defined.count(N) && !M.Functions.count(N) && !M.Dropped.count(N))
        M.Functions.emplace(N, D);
    // A name the last run left unknown (definitions that disagree) stays
    // unknown while a file that may define it is still to come: one
    // definition alone is not the merged fact.
    if (llvm::any_of(Records, [](const TURecord &O) { return !O.HasSum; }))
      for (const auto &[N, Why] : StartSummary.Dropped)
        if (M.Functions.erase(N))
          M.Dropped[N] = Why;
    if (!M.changedFrom(*Live).empty())
      publishLocked(std::move(M));
  }
  ProjectSummary StartSummary;

  void runOne(TURecord &R) {
    // The summary in force now: this analysis's input (PerTU), for this
    // thread's connleak checks.
    std::shared_ptr<const ProjectSummary> Snap;
    {
      std::lock_guard<std::mutex> L(Mu);
      refreshLocked(static_cast<size_t>(&R - Records.data()));
      Snap = Live;
      if (PerTU)
        ModelSet::setExtraModelFiles(LiveFile);
    }
    R.Seen = PerTU ? Snap : nullptr;
    std::string Key;
    if (!Cache.empty()) {
      Key = keyOf(R, R.Report);
      {
        std::lock_guard<std::mutex> L(Mu);
        UsedEntries.insert(Key + ".json");
      }
      bool Loaded = loadCached(R, Key, *Snap);
      // A file analysed for its summaries only takes them from the entry of
      // a run that reported on it, if there is one (`connleak -p build a.c`
      // after a run over every file): the same analysis with more checks,
      // so the same summaries, and what it consulted includes what the
      // summary pass consults.
      if (!Loaded && !R.Report) {
        std::string ReportKey = keyOf(R, /*Report=*/true);
        Loaded = loadCached(R, ReportKey, *Snap);
        if (Loaded) {
          std::lock_guard<std::mutex> L(Mu);
          UsedEntries.insert(ReportKey + ".json");
        }
      }
      if (Loaded) {
        R.FromCache = true;
        {
          std::lock_guard<std::mutex> L(Mu);
          ++Cached;
        }
        finished(R, /*FromCache=*/true);
        return;
      }
    }
    R.FromCache = false;
    RunSettings S = In.Settings;
    if (!R.Report) {
      // Summaries only: one flow check runs the shared analysis.
      S.Checks = "-*,connleak-unreleased-handle";
      S.ReportSkipped = false;
    }
    SummaryCollector C;
    setThreadSummaryCollector(&C);
    TUResult Res = analyseTU(R.File, R.Commands, S);
    setThreadSummaryCollector(nullptr);
    bool Failed = !Res.FailureReason.empty() || Res.ToolFailed ||
                  llvm::any_of(Res.Diags, isCompileError);
    // A file that does not compile contributes no summaries (its findings,
    // its inputs and what it consulted are kept: it is cached too).
    TUSummaries Sum = !C.Filled ? TUSummaries() : std::move(C.Result);
    if (Failed)
      Sum.Functions.clear();
    Sum.File = R.File;
    R.Result = std::move(Res);
    {
      std::lock_guard<std::mutex> L(Mu);
      llvm::erase_if(Sum.Inputs, [&](const std::string &P) {
        return llvm::is_contained(Temporary, P);
      });
      R.Sum = std::move(Sum);
      R.Failed = Failed;
      ++Analysed;
    }
    if (!Cache.empty() && C.Filled && !R.Result.Crashed &&
        R.Result.FailureReason.empty())
      store(R, Key, *Snap);
    finished(R, /*FromCache=*/false);
  }
};

std::string cacheDirFor(const ProjectInputs &In) {
  if (CacheDir == "off")
    return "";
  SmallString<256> Dir(CacheDir.empty() ? In.BuildDir : CacheDir.getValue());
  if (CacheDir.empty())
    sys::path::append(Dir, ".connleak-cache");
  if (sys::fs::create_directories(Dir))
    return "";
  return std::string(Dir);
}

/// The final summary of the last run in this cache directory.
ProjectSummary lastSummary(const std::string &Cache) {
  ProjectSummary P;
  if (Cache.empty())
    return P;
  SmallString<256> Path(Cache);
  sys::path::append(Path, "project.json");
  std::optional<json::Value> V = readCacheFile(Path);
  if (!V)
    return P;
  TUSummaries T;
  if (fromJSON(*V, T))
    for (DerivedSummary &D : T.Functions)
      P.Functions.emplace(D.Name, std::move(D));
  if (const json::Object *O = V->getAsObject())
    if (const json::Object *Dropped = O->getObject("dropped"))
      for (const auto &KV : *Dropped)
        if (!P.Functions.count(KV.first.str()))
          P.Dropped[KV.first.str()] =
              KV.second.getAsString().value_or("").str();
  return P;
}

void saveSummary(const std::string &Cache, const ProjectSummary &P) {
  if (Cache.empty())
    return;
  TUSummaries T;
  for (const auto &[N, D] : P.Functions)
    T.Functions.push_back(D);
  json::Value V = toJSON(T);
  // The names left unknown too (refreshLocked).
  if (json::Object *O = V.getAsObject()) {
    json::Object Dropped;
    for (const auto &[N, Why] : P.Dropped)
      Dropped[N] = Why;
    (*O)["dropped"] = std::move(Dropped);
  }
  SmallString<256> Path(Cache);
  sys::path::append(Path, "project.json");
  writeCacheFile(std::string(Path), V);
}

std::vector<std::string> allFiles(const tooling::CompilationDatabase &DB) {
  std::vector<std::string> Out;
  for (const std::string &F : DB.getAllFiles()) {
    SmallString<256> S(F);
    sys::fs::make_absolute(S);
    sys::path::remove_dots(S, true);
    Out.push_back(std::string(S));
  }
  llvm::sort(Out);
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

/// Builds the records: the files reported on, then the rest of the database
/// (summaries only).
void makeRecords(Driver &D, const ProjectInputs &In,
                 const std::vector<std::string> &Report,
                 const std::vector<std::string> &Others) {
  for (const std::string &F : Report) {
    TURecord R;
    R.File = F;
    R.Report = true;
    R.Commands = In.DB->getCompileCommands(F);
    D.Records.push_back(std::move(R));
  }
  for (const std::string &F : Others) {
    if (llvm::is_contained(Report, F))
      continue;
    TURecord R;
    R.File = F;
    R.Commands = In.DB->getCompileCommands(F);
    D.Records.push_back(std::move(R));
  }
}

size_t withFacts(const ProjectSummary &P) {
  return llvm::count_if(P.Functions,
                        [](const auto &KV) { return KV.second.hasFacts(); });
}

void sayCache(const Driver &D, const ProjectInputs &In) {
  if (In.Quiet || D.Cached == 0)
    return;
  size_t Again = llvm::count_if(D.Records,
                               [](const TURecord &R) { return !R.FromCache; });
  errs() << fmt::format(
      "connleak: project summaries: {} of {} files analysed again, the "
      "others came from the cache ({} {})\n",
      Again, D.Records.size(), D.Rounds, D.Rounds == 1 ? "round" : "rounds");
}

void sayVerbose(const Driver &D, const ProjectInputs &In) {
  if (!In.Verbose)
    return;
  errs() << fmt::format("connleak: summaries: fixed point after {} {}; {} "
                        "functions summarised, {} unknown\n",
                        D.Rounds, D.Rounds == 1 ? "round" : "rounds",
                        withFacts(D.Summary), D.Summary.Dropped.size());
  for (const auto &[N, Why] : D.Summary.Dropped)
    errs() << fmt::format("connleak: summaries: '{}' is unknown: {}\n", N, Why);
  for (const TURecord &R : D.Records)
    if (!R.FromCache && D.Cached)
      errs() << fmt::format("connleak: summaries: analysed again: {}\n",
                            In.Display(R.File));
}

} // namespace

Subcommand takeSubcommand(int &argc, const char **argv) {
  if (argc < 2)
    return Subcommand::Analyse;
  StringRef A = argv[1];
  Subcommand K = A == "summarize"         ? Subcommand::Summarize
                 : A == "merge-summaries" ? Subcommand::MergeSummaries
                                          : Subcommand::Analyse;
  if (K != Subcommand::Analyse) {
    for (int I = 1; I + 1 < argc; ++I)
      argv[I] = argv[I + 1];
    --argc;
  }
  return K;
}

bool checkProjectOptions() {
  if (!Shard.empty()) {
    StringRef S = Shard, I, N;
    std::tie(I, N) = S.split('/');
    if (I.getAsInteger(10, ShardIndex) || N.getAsInteger(10, ShardCount) ||
        ShardCount == 0 || ShardIndex == 0 || ShardIndex > ShardCount) {
      usageError(fmt::format("--shard: expected I/N with 1 <= I <= N, got '{}'",
                             Shard.getValue()));
      return false;
    }
  }
  if (ProjectSummaries != "auto" && ProjectSummaries != "off") {
    Expected<std::shared_ptr<const ModelSet>> M =
        ModelSet::get(ProjectSummaries.getValue());
    if (!M) {
      usageError(fmt::format("--project-summaries: {}", toString(M.takeError())));
      return false;
    }
  }
  return true;
}

std::vector<std::string> shardOf(const std::vector<std::string> &Files) {
  if (ShardCount <= 1)
    return Files;
  std::vector<std::string> Sorted(Files);
  llvm::sort(Sorted);
  std::vector<std::string> Out;
  for (size_t I = 0; I < Sorted.size(); ++I)
    if (I % ShardCount == ShardIndex - 1)
      Out.push_back(Sorted[I]);
  return Out;
}

std::vector<TUResult> analyseProject(const ProjectInputs &In, bool &Handled) {
  Handled = false;
  if (ProjectSummaries == "off")
    return {};
  Handled = true;
  std::vector<std::string> Report = shardOf(In.Files);
  std::vector<TUResult> Out;
  if (ProjectSummaries != "auto" || ShardCount > 1) {
    // A given summary file (a shard of the analysis uses the merged file of
    // the summary pass): no summary pass here. Without one, a shard has no
    // project summaries (they need every file).
    if (ProjectSummaries != "auto")
      ModelSet::setExtraModelFiles(ProjectSummaries.getValue());
    Driver D(In, "");
    makeRecords(D, In, Report, {});
    std::vector<size_t> All(D.Records.size());
    for (size_t I = 0; I < All.size(); ++I)
      All[I] = I;
    D.run(All, true);
    for (TURecord &R : D.Records)
      Out.push_back(std::move(R.Result));
    return Out;
  }
  std::string Cache = cacheDirFor(In);
  Driver D(In, Cache);
  makeRecords(D, In, Report, allFiles(*In.DB));
  D.fixedPoint(lastSummary(Cache));
  saveSummary(Cache, D.Summary);
  D.finishCache();
  sayCache(D, In);
  sayVerbose(D, In);
  for (TURecord &R : D.Records)
    if (R.Report)
      Out.push_back(std::move(R.Result));
  return Out;
}

int runSummarize(const ProjectInputs &In) {
  if (OutputFile.empty()) {
    usageError("summarize: -o <file> is required");
    return 2;
  }
  std::vector<std::string> Files = shardOf(allFiles(*In.DB));
  std::string Cache = ShardCount > 1 ? "" : cacheDirFor(In);
  Driver D(In, Cache);
  makeRecords(D, In, {}, Files);
  if (ShardCount > 1) {
    // One round of the fixed point over this shard, with the merged
    // summary of the previous round (--project-summaries) as input.
    if (ProjectSummaries != "auto" && ProjectSummaries != "off")
      ModelSet::setExtraModelFiles(ProjectSummaries.getValue());
    std::vector<size_t> All(D.Records.size());
    for (size_t I = 0; I < All.size(); ++I)
      All[I] = I;
    D.run(All, false);
    ModelSet::setExtraModelFiles("");
  } else {
    D.fixedPoint(lastSummary(Cache));
    saveSummary(Cache, D.Summary);
    D.finishCache();
  }
  int Status = 0;
  for (const TURecord &R : D.Records)
    if (R.Failed) {
      WithColor::error(errs(), "connleak")
          << fmt::format("{}: {}; it contributes no summaries\n",
                         In.Display(R.File),
                         R.Result.FailureReason.empty()
                             ? "could not be parsed"
                             : R.Result.FailureReason);
      Status = 3;
    }
  std::error_code EC;
  raw_fd_ostream OS(OutputFile, EC);
  if (EC) {
    usageError(fmt::format("cannot write {}: {}", OutputFile.getValue(),
                           EC.message()));
    return 2;
  }
  if (ShardCount > 1) {
    json::Array TUs;
    for (const TURecord &R : D.Records)
      if (!R.Failed)
        TUs.push_back(toJSON(R.Sum));
    OS << json::Value(json::Object{{"connleak-summary-shard",
                                    fmt::format("{}/{}", ShardIndex, ShardCount)},
                                   {"tus", std::move(TUs)}})
       << "\n";
    if (!In.Quiet)
      errs() << fmt::format("connleak: shard {}/{}: {} files summarised -> {}\n",
                            ShardIndex, ShardCount, D.Records.size(),
                            OutputFile.getValue());
    return Status;
  }
  writeModelFile(OS, D.Summary, In.Root);
  sayCache(D, In);
  sayVerbose(D, In);
  if (!In.Quiet)
    errs() << fmt::format("connleak: {} functions summarised in {} {}, {} "
                          "unknown -> {}\n",
                          withFacts(D.Summary), D.Rounds,
                          D.Rounds == 1 ? "round" : "rounds",
                          D.Summary.Dropped.size(), OutputFile.getValue());
  return Status;
}

int runMergeSummaries(int argc, const char **argv) {
  // Its own small command line: shard outputs, -o FILE, --root DIR.
  std::vector<std::string> Parts;
  std::string Root;
  for (int I = 1; I < argc; ++I) {
    StringRef A = argv[I];
    if ((A == "-o" || A == "--root" || A == "-root") && I + 1 < argc) {
      (A == "-o" ? OutputFile.getValue() : Root) = argv[++I];
    } else if (A.consume_front("-o=") || A.consume_front("--o=")) {
      OutputFile.getValue() = A.str();
    } else if (A.consume_front("--root=")) {
      Root = A.str();
    } else if (A == "--help" || A == "-help" || A == "-h") {
      outs() << "USAGE: connleak merge-summaries [--root DIR] -o FILE "
                "<shard outputs...>\n\n"
                "Joins the outputs of 'connleak summarize --shard I/N' into "
                "one model file.\nPaths in it are relative to --root "
                "(default: the git work tree of the current\ndirectory).\n";
      return 0;
    } else if (A.starts_with("-")) {
      usageError(fmt::format("merge-summaries: unknown option '{}'", A.str()));
      return 2;
    } else {
      Parts.push_back(A.str());
    }
  }
  if (OutputFile.empty() || Parts.empty()) {
    usageError("merge-summaries: usage: connleak merge-summaries -o FILE "
               "<shard outputs...>");
    return 2;
  }
  std::vector<TUSummaries> All;
  for (const std::string &P : Parts) {
    auto Buf = MemoryBuffer::getFile(P);
    if (!Buf) {
      usageError(fmt::format("cannot read {}: {}", P, Buf.getError().message()));
      return 2;
    }
    Expected<json::Value> V = json::parse((*Buf)->getBuffer());
    if (!V) {
      usageError(fmt::format("{}: not a shard output: {}", P,
                             toString(V.takeError())));
      return 2;
    }
    const json::Object *O = V->getAsObject();
    const json::Array *TUs = O ? O->getArray("tus") : nullptr;
    if (!TUs) {
      usageError(fmt::format("{}: not a shard output of 'connleak summarize "
                             "--shard'",
                             P));
      return 2;
    }
    for (const json::Value &T : *TUs) {
      TUSummaries S;
      if (!fromJSON(T, S)) {
        usageError(fmt::format("{}: malformed shard output", P));
        return 2;
      }
      All.push_back(std::move(S));
    }
  }
  std::vector<const TUSummaries *> Ptrs;
  for (const TUSummaries &T : All)
    Ptrs.push_back(&T);
  ProjectSummary P = mergeSummaries(Ptrs);
  std::string RootDir = Root;
  if (!RootDir.empty()) {
    SmallString<256> R(RootDir);
    sys::fs::make_absolute(R);
    sys::path::remove_dots(R, true);
    while (R.size() > 1 && sys::path::is_separator(R.back()))
      R.pop_back();
    RootDir = std::string(R);
  } else {
    SmallString<256> Cwd;
    sys::fs::current_path(Cwd);
    RootDir = std::string(Cwd);
    for (StringRef D = Cwd; !D.empty(); D = sys::path::parent_path(D)) {
      SmallString<256> Git(D);
      sys::path::append(Git, ".git");
      if (sys::fs::exists(Git)) {
        RootDir = D.str();
        break;
      }
    }
  }
  std::error_code EC;
  raw_fd_ostream OS(OutputFile, EC);
  if (EC) {
    usageError(fmt::format("cannot write {}: {}", OutputFile.getValue(),
                           EC.message()));
    return 2;
  }
  writeModelFile(OS, P, RootDir);
  errs() << fmt::format("connleak: {} functions summarised from {} files, {} "
                        "unknown -> {}\n",
                        withFacts(P), All.size(), P.Dropped.size(),
                        OutputFile.getValue());
  return 0;
}

} // namespace connleak::cli
