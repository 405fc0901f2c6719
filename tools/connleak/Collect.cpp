//===--- Collect.cpp - diagnostics of the TUs -> findings and errors ------===//
#include "Collect.h"

#include "llvm/Support/WithColor.h"
#include <fmt/format.h>
#include <set>
#include <tuple>

using namespace llvm;

namespace connleak::cli {

bool isCompileError(const RawDiag &D) {
  return D.Level == RawDiag::Error && !D.IsWarningAsError &&
         StringRef(D.Check).starts_with("clang-diagnostic-");
}

std::string FunctionIndex::lookup(StringRef Path, unsigned Offset) const {
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

namespace {

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

/// Sorts out the diagnostics of the TUs, one TU after the other.
class Collector {
public:
  Collector(ReportContext &Out, ReportContext &ErrOut)
      : Out(Out), ErrOut(ErrOut), Sources(Out.Sources), Paths(Out.Paths) {}

  void addTU(const TUResult &R) {
    C.EnabledChecks = std::max(C.EnabledChecks, R.EnabledChecks);
    for (const FunctionExtent &F : R.Functions)
      C.Functions.ByPath[F.Path].push_back(F);
    bool Failed = !R.FailureReason.empty();
    for (const RawDiag &D : R.Diags)
      addDiag(D, Failed);
    if (R.ToolFailed && !Failed && SeenConfig.empty())
      Failed = true; // e.g. a driver error without a diagnostic
    C.AnyRan |= !Failed;
    if (Failed)
      reportFailedTU(R);
  }

  Collected take() { return std::move(C); }

private:
  /// Sets Failed when D is a compile error.
  void addDiag(const RawDiag &D, bool &Failed) {
    if (D.Check == "clang-tidy-config") {
      addConfigDiag(D);
      return;
    }
    if (D.Level == RawDiag::Remark) {
      // Only --verbose asks for remarks (functions the analysis skipped):
      // information on stderr, never a finding.
      Pos P = makePos(Sources, D.Msg);
      printClangStyle(errs(), "remark", D.Msg.Message, D.Check, P, {}, ErrOut);
      return;
    }
    if (isCompileError(D)) {
      Failed = true;
      if (SeenCompile.insert({D.Msg.Path, D.Msg.Offset, D.Msg.Message}).second) {
        Pos P = makePos(Sources, D.Msg);
        printClangStyle(errs(), "error", D.Msg.Message, D.Check, P,
                        makeSpans(Sources, D.Msg), ErrOut);
        Out.Notifications.push_back({"error", D.Msg.Message, P});
      }
      return;
    }
    if (SeenFinding.insert({D.Msg.Path, D.Msg.Offset, D.Check, D.Msg.Message}).second)
      C.Findings.push_back(&D);
  }

  void addConfigDiag(const RawDiag &D) {
    if (D.Level == RawDiag::Error)
      C.ConfigError = true;
    std::string Level = D.Level == RawDiag::Error ? "error" : "warning";
    if (SeenConfig.insert(Level + D.Msg.Message).second) {
      printClangStyle(errs(), Level, D.Msg.Message, D.Check,
                      makePos(Sources, D.Msg), {}, ErrOut);
      Out.Notifications.push_back({Level, D.Msg.Message, {}});
    }
  }

  void reportFailedTU(const TUResult &R) {
    ++C.FailedTUs;
    std::string Why = R.FailureReason.empty() ? "it does not compile" : R.FailureReason;
    std::string Msg = fmt::format("{}: cannot be analysed: {}", Paths.display(R.File), Why);
    WithColor::error(errs(), "connleak") << Msg << "\n";
    Pos P;
    P.Path = R.File;
    Out.Notifications.push_back(
        {"error", fmt::format("{}: cannot be analysed: {}", Paths.rel(R.File), Why), P});
  }

  ReportContext &Out, &ErrOut;
  SourceCache &Sources;
  const PathMapper &Paths;
  Collected C;
  std::set<std::string> SeenConfig;
  std::set<std::tuple<std::string, unsigned, std::string>> SeenCompile;
  std::set<std::tuple<std::string, unsigned, std::string, std::string>> SeenFinding;
};

Finding makeFinding(const RawDiag &D, SourceCache &Sources,
                    const PathMapper &Paths, const FunctionIndex &Functions) {
  Finding F;
  F.Check = D.Check;
  F.Level = D.Level == RawDiag::Error     ? "error"
            : D.Level == RawDiag::Warning ? "warning"
                                          : "remark";
  F.Message = D.Msg.Message;
  F.Where = makePos(Sources, D.Msg);
  F.Ranges = makeSpans(Sources, D.Msg);
  for (const RawMessage &N : D.Notes)
    F.Notes.push_back({makePos(Sources, N), N.Message, makeSpans(Sources, N)});
  for (const RawEdit &E : D.Fix) {
    Edit Ed;
    Ed.Path = E.Path;
    Ed.Offset = E.Offset;
    Ed.Length = E.Length;
    Ed.Text = E.Text;
    std::tie(Ed.StartLine, Ed.StartColumn) = Sources.position(E.Path, E.Offset);
    std::tie(Ed.EndLine, Ed.EndColumn) = Sources.position(E.Path, E.Offset + E.Length);
    F.Fixes.push_back(std::move(Ed));
  }
  F.BuildDirectory = D.BuildDirectory;
  F.RelPath = F.Where.Path.empty() ? "" : Paths.rel(F.Where.Path);
  F.Function = Functions.lookup(F.Where.Path, F.Where.Offset);
  F.Snippet = normaliseSnippet(Sources.lineText(F.Where.Path, F.Where.Line));
  F.Fingerprint = computeFingerprint(F);
  return F;
}

} // namespace

Collected collect(const std::vector<TUResult> &Results, ReportContext &Out,
                  ReportContext &ErrOut) {
  Collector Col(Out, ErrOut);
  for (const TUResult &R : Results)
    Col.addTU(R);
  return Col.take();
}

std::vector<Finding> makeFindings(const Collected &C, SourceCache &Sources,
                                  const PathMapper &Paths) {
  std::vector<Finding> All;
  for (const RawDiag *D : C.Findings)
    All.push_back(makeFinding(*D, Sources, Paths, C.Functions));
  llvm::sort(All, [](const Finding &A, const Finding &B) {
    return std::tie(A.RelPath, A.Where.Line, A.Where.Column, A.Check, A.Message) <
           std::tie(B.RelPath, B.Where.Line, B.Where.Column, B.Check, B.Message);
  });
  std::map<std::string, unsigned> Count;
  for (Finding &F : All)
    F.Occurrence = Count[F.Fingerprint]++;
  return All;
}

} // namespace connleak::cli
