//===--- Fixes.cpp - --fix and --export-fixes -----------------------------===//
#include "Report.h"

#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/YAMLTraits.h"
#include <fmt/format.h>
#include <tuple>

using namespace llvm;
namespace tooling = clang::tooling;

namespace connleak::cli {

static tooling::DiagnosticMessage toMessage(StringRef Message, const Pos &Where,
                                            const std::vector<Span> &Ranges) {
  tooling::DiagnosticMessage M(Message);
  if (!Where.Path.empty()) {
    M.FilePath = Where.Path;
    M.FileOffset = Where.Offset;
    for (const Span &S : Ranges) {
      tooling::FileByteRange R;
      R.FilePath = Where.Path;
      R.FileOffset = S.Offset;
      R.Length = S.Length;
      M.Ranges.push_back(std::move(R));
    }
  }
  return M;
}

bool writeExportFixes(StringRef OutPath, StringRef MainFile,
                      const std::vector<Finding> &Findings, std::string &Err) {
  // The same structure clang-tidy's exportReplacements() writes, so
  // clang-apply-replacements-19 can apply it. All paths are absolute.
  // clang-apply-replacements applies identical replacements of one
  // translation unit twice (it only drops duplicates coming from different
  // TUs), so a replacement already exported for an earlier finding (e.g. the
  // same #include <memory> from two checks) is left out.
  tooling::TranslationUnitDiagnostics TUD;
  TUD.MainSourceFile = MainFile.str();
  std::set<std::tuple<std::string, unsigned, unsigned, std::string>> Seen;
  for (const Finding &F : Findings) {
    tooling::DiagnosticMessage Msg = toMessage(F.Message, F.Where, F.Ranges);
    for (const Edit &E : F.Fixes) {
      if (!Seen.insert({E.Path, E.Offset, E.Length, E.Text}).second)
        continue;
      if (Error Bad = Msg.Fix[E.Path].add(
              tooling::Replacement(E.Path, E.Offset, E.Length, E.Text)))
        consumeError(std::move(Bad)); // clang-tidy already dropped conflicts
    }
    SmallVector<tooling::DiagnosticMessage, 1> Notes;
    for (const NoteInfo &N : F.Notes)
      Notes.push_back(toMessage(N.Message, N.Where, N.Ranges));
    auto Level = F.Level == "error"     ? tooling::Diagnostic::Error
                 : F.Level == "warning" ? tooling::Diagnostic::Warning
                                        : tooling::Diagnostic::Remark;
    TUD.Diagnostics.emplace_back(F.Check, Msg, Notes, Level, F.BuildDirectory);
  }
  std::error_code EC;
  raw_fd_ostream OS(OutPath, EC, sys::fs::OF_TextWithCRLF);
  if (EC) {
    Err = EC.message();
    return false;
  }
  yaml::Output YAML(OS);
  YAML << TUD;
  OS.close();
  if (OS.has_error()) {
    Err = OS.error().message();
    OS.clear_error();
    return false;
  }
  return true;
}

FixStats applyFixes(const std::vector<Finding> &Findings, ReportContext &Ctx) {
  FixStats Stats;
  std::map<std::string, tooling::Replacements> ByFile;
  std::set<std::tuple<std::string, unsigned, unsigned, std::string>> Seen;
  for (const Finding &F : Findings) {
    if (F.Fixes.empty())
      continue;
    // Tentatively merge this finding's edits; commit only if none conflicts.
    std::map<std::string, tooling::Replacements> Trial;
    bool Conflict = false, New = false;
    for (const Edit &E : F.Fixes) {
      if (Seen.count({E.Path, E.Offset, E.Length, E.Text}))
        continue; // the same fix reached us from another TU
      auto It = Trial.find(E.Path);
      if (It == Trial.end())
        It = Trial.emplace(E.Path, ByFile[E.Path]).first;
      if (Error Bad = It->second.add(
              tooling::Replacement(E.Path, E.Offset, E.Length, E.Text))) {
        consumeError(std::move(Bad));
        Conflict = true;
        break;
      }
      New = true;
    }
    if (Conflict) {
      ++Stats.Conflicting;
      Stats.Errors.push_back(fmt::format(
          "the fix for {}:{}:{} [{}] conflicts with another fix; not applied",
          Ctx.Paths.display(F.Where.Path), F.Where.Line, F.Where.Column,
          F.Check));
      continue;
    }
    for (const Edit &E : F.Fixes)
      Seen.insert({E.Path, E.Offset, E.Length, E.Text});
    for (auto &[Path, Reps] : Trial)
      ByFile[Path] = std::move(Reps);
    if (New)
      ++Stats.Applied;
  }
  for (auto &[Path, Reps] : ByFile) {
    if (Reps.empty())
      continue;
    const SourceCache::File *Src = Ctx.Sources.get(Path);
    if (!Src) {
      Stats.Errors.push_back(fmt::format("cannot read {}", Path));
      continue;
    }
    Expected<std::string> NewCode =
        tooling::applyAllReplacements(Src->Buf->getBuffer(), Reps);
    if (!NewCode) {
      Stats.Errors.push_back(
          fmt::format("cannot apply fixes to {}: {}", Path,
                      toString(NewCode.takeError())));
      continue;
    }
    std::error_code EC;
    raw_fd_ostream OS(Path, EC, sys::fs::OF_None);
    if (EC) {
      Stats.Errors.push_back(
          fmt::format("cannot write {}: {}", Path, EC.message()));
      continue;
    }
    OS << *NewCode;
    ++Stats.Files;
  }
  return Stats;
}

} // namespace connleak::cli
