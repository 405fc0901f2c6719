//===--- Report.cpp - sources, paths, fingerprints, output formats --------===//
//
// Every output is built with llvm::json (json lines, SARIF) or fmt (text);
// nothing is concatenated by hand.
//
//===----------------------------------------------------------------------===//
#include "Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"
#include <algorithm>
#include <fmt/format.h>

using namespace llvm;

namespace connleak::cli {

//===--- sources -----------------------------------------------------------===//

const SourceCache::File *SourceCache::get(StringRef Path) {
  auto It = Files.find(Path);
  if (It != Files.end())
    return It->second.get();
  std::unique_ptr<File> F;
  if (auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/false,
                                       /*RequiresNullTerminator=*/false)) {
    F = std::make_unique<File>();
    F->Buf = std::move(*Buf);
    StringRef Text = F->Buf->getBuffer();
    F->LineStarts.push_back(0);
    for (size_t I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n')
        F->LineStarts.push_back(I + 1);
  }
  const File *Raw = F.get();
  Files.emplace(Path.str(), std::move(F));
  return Raw;
}

std::pair<unsigned, unsigned> SourceCache::position(StringRef Path,
                                                    unsigned Offset) {
  const File *F = get(Path);
  if (!F || Offset > F->Buf->getBufferSize())
    return {0, 0};
  auto It = std::upper_bound(F->LineStarts.begin(), F->LineStarts.end(), Offset);
  unsigned Line = It - F->LineStarts.begin();
  return {Line, Offset - F->LineStarts[Line - 1] + 1};
}

StringRef SourceCache::lineText(StringRef Path, unsigned Line) {
  const File *F = get(Path);
  if (!F || Line == 0 || Line > F->LineStarts.size())
    return "";
  StringRef Text = F->Buf->getBuffer();
  unsigned Begin = F->LineStarts[Line - 1];
  unsigned End = Line < F->LineStarts.size() ? F->LineStarts[Line] : Text.size();
  StringRef L = Text.slice(Begin, End);
  return L.rtrim("\r\n");
}

unsigned SourceCache::utf16Column(StringRef Path, unsigned Line,
                                  unsigned ByteColumn) {
  StringRef L = lineText(Path, Line);
  unsigned Units = 0;
  for (unsigned I = 0; I + 1 < ByteColumn && I < L.size(); ++I) {
    unsigned char C = L[I];
    if ((C & 0xC0) == 0x80)
      continue; // continuation byte
    Units += (C >= 0xF0) ? 2 : 1;
  }
  // Columns past the end of the line (e.g. the line terminator) count bytes.
  if (ByteColumn > L.size() + 1)
    Units += ByteColumn - (L.size() + 1);
  return Units + 1;
}

//===--- paths -------------------------------------------------------------===//

static bool isUnder(StringRef Path, StringRef Dir) {
  if (Dir.empty() || !Path.starts_with(Dir))
    return false;
  if (Path.size() == Dir.size())
    return false;
  return sys::path::is_separator(Path[Dir.size()]) || Dir.ends_with("/");
}

static std::string relativeTo(StringRef Abs, StringRef Dir) {
  StringRef Rest = Abs.drop_front(Dir.size());
  Rest = Rest.ltrim("/");
  std::string S = Rest.str();
  std::replace(S.begin(), S.end(), '\\', '/');
  return S;
}

bool PathMapper::underRoot(StringRef Abs) const { return isUnder(Abs, Root); }

std::string PathMapper::rel(StringRef Abs) const {
  return underRoot(Abs) ? relativeTo(Abs, Root) : Abs.str();
}

std::string PathMapper::display(StringRef Abs) const {
  return isUnder(Abs, Cwd) ? relativeTo(Abs, Cwd) : Abs.str();
}

//===--- fingerprints ------------------------------------------------------===//

std::string normaliseSnippet(StringRef Line) {
  std::string Out;
  bool Space = false;
  for (char C : Line) {
    if (isSpace(C)) {
      Space = true;
      continue;
    }
    if (Space && !Out.empty())
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}

std::string computeFingerprint(const Finding &F) {
  SHA1 H;
  for (StringRef Part : {StringRef(F.Check), StringRef(F.RelPath),
                         StringRef(F.Function), StringRef(F.Snippet)}) {
    H.update(Part);
    H.update(StringRef("\0", 1));
  }
  std::array<uint8_t, 20> Digest = H.final();
  return toHex(ArrayRef<uint8_t>(Digest).take_front(16), /*LowerCase=*/true);
}

//===--- rules -------------------------------------------------------------===//

namespace {
/// The checks of checks/Checks.def, as the CLI describes them.
struct ConnleakCheckInfo {
  const char *Name, *DocPath, *Title, *Description;
};
const ConnleakCheckInfo ConnleakChecks[] = {
#define CONNLEAK_CHECK(Name, Class, Summary, DocPath, Title, Description)      \
  {Name, DocPath, Title, Description},
#include "checks/Checks.def"
};
} // namespace

std::vector<std::string> knownConnleakChecks() {
  std::vector<std::string> Out;
  for (const ConnleakCheckInfo &C : ConnleakChecks)
    Out.push_back(fmt::format("connleak-{}", C.Name));
  llvm::sort(Out);
  return Out;
}

RuleInfo ruleInfo(StringRef Check, StringRef DocsUrl) {
  RuleInfo R;
  R.Id = Check.str();
  if (Check.starts_with("connleak-")) {
    // DocsUrl is the base URL of docs/checks.
    StringRef Name = Check.drop_front(strlen("connleak-"));
    std::string Page = fmt::format("{}.md", Name.str());
    R.Short = fmt::format("connleak check {}", Check.str());
    R.Full = R.Short;
    for (const ConnleakCheckInfo &C : ConnleakChecks)
      if (Name == C.Name) {
        R.Short = C.Title;
        R.Full = C.Description;
        StringRef Doc(C.DocPath);
        if (Doc.consume_front("docs/checks/"))
          Page = Doc.str();
      }
    R.HelpUri = fmt::format("{}/{}", DocsUrl.rtrim("/").str(), Page);
  } else if (Check.starts_with("clang-diagnostic-")) {
    R.Short = fmt::format("Compiler diagnostic {}",
                          Check.drop_front(strlen("clang-diagnostic-")).str());
    R.Full = R.Short;
    R.HelpUri = "https://clang.llvm.org/docs/DiagnosticsReference.html";
  } else {
    R.Short = fmt::format("clang-tidy check {}", Check.str());
    R.Full = R.Short;
    R.HelpUri = "https://clang.llvm.org/extra/clang-tidy/checks/list.html";
  }
  return R;
}

//===--- text --------------------------------------------------------------===//

namespace {

/// Display column (0-based) of every byte of a line, tabs expanded to 8.
std::vector<unsigned> displayColumns(StringRef Line, std::string &Expanded) {
  std::vector<unsigned> Cols(Line.size() + 1, 0);
  unsigned Col = 0;
  for (size_t I = 0; I < Line.size(); ++I) {
    Cols[I] = Col;
    unsigned char C = Line[I];
    if (C == '\t') {
      unsigned Next = (Col / 8 + 1) * 8;
      Expanded.append(Next - Col, ' ');
      Col = Next;
    } else {
      Expanded += Line[I];
      if ((C & 0xC0) != 0x80)
        ++Col;
    }
  }
  Cols[Line.size()] = Col;
  return Cols;
}

void printSourceLine(raw_ostream &OS, const Pos &Where,
                     const std::vector<Span> &Ranges, ReportContext &Ctx) {
  StringRef Line = Ctx.Sources.lineText(Where.Path, Where.Line);
  if (Line.empty() && Where.Column > 1)
    return;
  std::string Expanded;
  std::vector<unsigned> Cols = displayColumns(Line, Expanded);
  auto ColOf = [&](unsigned ByteCol) {
    unsigned I = std::min<unsigned>(ByteCol - 1, Line.size());
    return Cols[I];
  };
  std::string Marks(Cols.back() + 1, ' ');
  for (const Span &S : Ranges) {
    if (S.StartLine > Where.Line || S.EndLine < Where.Line)
      continue;
    unsigned B = S.StartLine == Where.Line ? ColOf(S.StartColumn) : 0;
    unsigned E = S.EndLine == Where.Line ? ColOf(S.EndColumn) : Cols.back();
    for (unsigned I = B; I < E && I < Marks.size(); ++I)
      Marks[I] = '~';
  }
  unsigned Caret = ColOf(Where.Column);
  if (Caret < Marks.size())
    Marks[Caret] = '^';
  StringRef MarkLine = StringRef(Marks).rtrim();
  unsigned Width = std::max<unsigned>(4, std::to_string(Where.Line + 16).size());
  OS << fmt::format("{:>{}} | {}\n", Where.Line, Width + 1, Expanded);
  OS << fmt::format("{:>{}}| ", "", Width + 2);
  if (Ctx.Color)
    OS.changeColor(raw_ostream::GREEN, /*Bold=*/true);
  OS << MarkLine;
  if (Ctx.Color)
    OS.resetColor();
  OS << "\n";
}

} // namespace

void printClangStyle(raw_ostream &OS, StringRef Level, StringRef Message,
                     StringRef Check, const Pos &Where,
                     const std::vector<Span> &Ranges, ReportContext &Ctx) {
  if (Ctx.Color)
    OS.changeColor(raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  if (Where.valid())
    OS << fmt::format("{}:{}:{}: ", Ctx.Paths.display(Where.Path), Where.Line,
                      Where.Column);
  else if (!Where.Path.empty())
    OS << fmt::format("{}: ", Ctx.Paths.display(Where.Path));
  if (Ctx.Color)
    OS.changeColor(Level == "error"     ? raw_ostream::RED
                   : Level == "warning" ? raw_ostream::MAGENTA
                                        : raw_ostream::BLACK,
                   /*Bold=*/true);
  OS << fmt::format("{}: ", Level.str());
  if (Ctx.Color)
    OS.changeColor(raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  OS << Message;
  if (!Check.empty())
    OS << fmt::format(" [{}]", Check.str());
  if (Ctx.Color)
    OS.resetColor();
  OS << "\n";
  if (Ctx.Caret && Where.valid())
    printSourceLine(OS, Where, Ranges, Ctx);
}

void printText(raw_ostream &OS, const std::vector<Finding> &Findings,
               ReportContext &Ctx) {
  for (const Finding &F : Findings) {
    printClangStyle(OS, F.Level, F.Message, F.Check, F.Where, F.Ranges, Ctx);
    for (const NoteInfo &N : F.Notes)
      printClangStyle(OS, "note", N.Message, "", N.Where, N.Ranges, Ctx);
  }
}

//===--- JSON helpers ------------------------------------------------------===//

namespace {

/// json::Value(StringRef) does not copy, and invalid UTF-8 must be repaired.
json::Value str(StringRef S) {
  if (json::isUTF8(S))
    return json::Value(S.str());
  return json::Value(json::fixUTF8(S));
}

} // namespace

//===--- JSON lines --------------------------------------------------------===//

void printJsonLines(raw_ostream &OS, const std::vector<Finding> &Findings,
                    ReportContext &Ctx) {
  for (const Finding &F : Findings) {
    json::Array Notes;
    for (const NoteInfo &N : F.Notes) {
      json::Object O{{"message", str(N.Message)}};
      if (N.Where.valid()) {
        O["file"] = str(Ctx.Paths.rel(N.Where.Path));
        O["line"] = N.Where.Line;
        O["column"] = N.Where.Column;
      }
      Notes.push_back(std::move(O));
    }
    json::Array Fixes;
    for (const Edit &E : F.Fixes)
      Fixes.push_back(json::Object{{"file", str(Ctx.Paths.rel(E.Path))},
                                   {"offset", E.Offset},
                                   {"length", E.Length},
                                   {"line", E.StartLine},
                                   {"column", E.StartColumn},
                                   {"endLine", E.EndLine},
                                   {"endColumn", E.EndColumn},
                                   {"replacement", str(E.Text)}});
    json::Object O{{"check", str(F.Check)},
                   {"level", str(F.Level)},
                   {"message", str(F.Message)},
                   {"function", str(F.Function)},
                   {"fingerprint", str(F.Fingerprint)},
                   {"notes", std::move(Notes)},
                   {"fixes", std::move(Fixes)}};
    if (F.Where.valid()) {
      O["file"] = str(F.RelPath);
      O["line"] = F.Where.Line;
      O["column"] = F.Where.Column;
    }
    OS << json::Value(std::move(O)) << "\n";
  }
}

//===--- SARIF 2.1.0 -------------------------------------------------------===//

namespace {

constexpr const char *SrcRoot = "%SRCROOT%";

/// Percent-encodes a path for use in a URI (RFC 3986, '/' kept).
std::string uriEncodePath(StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (isAlnum(C) || StringRef("-._~/").contains(C))
      Out += C;
    else
      Out += fmt::format("%{:02X}", C);
  }
  return Out;
}

json::Object artifactLocation(StringRef Abs, ReportContext &Ctx) {
  if (Ctx.Paths.underRoot(Abs))
    return json::Object{{"uri", str(uriEncodePath(Ctx.Paths.rel(Abs)))},
                        {"uriBaseId", SrcRoot}};
  return json::Object{{"uri", str(fmt::format("file://{}", uriEncodePath(Abs)))}};
}

json::Object region(const Pos &Where, const std::vector<Span> &Ranges,
                    ReportContext &Ctx) {
  json::Object R{{"startLine", Where.Line},
                 {"startColumn", Ctx.Sources.utf16Column(Where.Path, Where.Line,
                                                         Where.Column)}};
  // The first highlighted range that starts at the location gives the end.
  for (const Span &S : Ranges)
    if (S.StartLine == Where.Line && S.StartColumn == Where.Column &&
        S.Length > 0) {
      R["endLine"] = S.EndLine;
      R["endColumn"] =
          Ctx.Sources.utf16Column(Where.Path, S.EndLine, S.EndColumn);
      break;
    }
  StringRef Line = Ctx.Sources.lineText(Where.Path, Where.Line);
  if (!Line.empty())
    R["snippet"] = json::Object{{"text", str(Line)}};
  return R;
}

json::Object physicalLocation(const Pos &Where, const std::vector<Span> &Ranges,
                              ReportContext &Ctx) {
  return json::Object{{"artifactLocation", artifactLocation(Where.Path, Ctx)},
                      {"region", region(Where, Ranges, Ctx)}};
}

std::string sarifLevel(StringRef Level) {
  if (Level == "error" || Level == "warning")
    return Level.str();
  return "note";
}

std::string ruleName(StringRef Id) {
  // connleak-unreleased-handle -> UnreleasedHandle
  StringRef Rest = Id.starts_with("connleak-") ? Id.drop_front(9) : Id;
  std::string Out;
  bool Up = true;
  for (char C : Rest) {
    if (!isAlnum(C)) {
      Up = true;
      continue;
    }
    Out += Up ? toUpper(C) : C;
    Up = false;
  }
  return Out;
}

/// Every registered connleak check plus whatever else was reported, sorted;
/// RuleIndex receives each rule's index.
json::Array sarifRules(const std::vector<Finding> &Findings, ReportContext &Ctx,
                       std::map<std::string, unsigned> &RuleIndex) {
  std::vector<std::string> RuleIds = Ctx.KnownChecks;
  for (const Finding &F : Findings)
    RuleIds.push_back(F.Check);
  llvm::sort(RuleIds);
  RuleIds.erase(std::unique(RuleIds.begin(), RuleIds.end()), RuleIds.end());
  json::Array Rules;
  for (const std::string &Id : RuleIds) {
    RuleInfo R = ruleInfo(Id, Ctx.DocsUrl);
    RuleIndex[Id] = Rules.size();
    Rules.push_back(json::Object{
        {"id", str(R.Id)},
        {"name", str(ruleName(R.Id))},
        {"shortDescription", json::Object{{"text", str(R.Short)}}},
        {"fullDescription", json::Object{{"text", str(R.Full)}}},
        {"help",
         json::Object{
             {"text", str(fmt::format("{} See {}", R.Full, R.HelpUri))},
             {"markdown",
              str(fmt::format("{}\n\nSee [{}]({}).", R.Full, R.Id, R.HelpUri))}}},
        {"helpUri", str(R.HelpUri)},
        {"defaultConfiguration", json::Object{{"level", "warning"}}},
        {"properties",
         json::Object{{"tags", json::Array{"reliability", "connleak"}},
                      {"precision", "high"},
                      {"problem.severity", "warning"}}}});
  }
  return Rules;
}

/// One step of a code flow.
json::Object threadFlowLocation(const Pos &Where, const std::vector<Span> &Ranges,
                                StringRef Message, size_t Order,
                                ReportContext &Ctx) {
  return json::Object{
      {"location",
       json::Object{{"physicalLocation", physicalLocation(Where, Ranges, Ctx)},
                    {"message", json::Object{{"text", str(Message)}}}}},
      {"nestingLevel", 0},
      {"executionOrder", Order}};
}

/// The finding's location, its notes as related locations, and the leaking
/// path (the acquisition, then every note in order) as a code flow.
void addLocations(json::Object &Res, const Finding &F, ReportContext &Ctx) {
  if (F.Where.valid()) {
    json::Object Loc{{"physicalLocation",
                      physicalLocation(F.Where, F.Ranges, Ctx)}};
    if (!F.Function.empty())
      Loc["logicalLocations"] = json::Array{json::Object{
          {"fullyQualifiedName", str(F.Function)}, {"kind", "function"}}};
    Res["locations"] = json::Array{std::move(Loc)};
  }
  json::Array Related, Flow;
  if (F.Where.valid())
    Flow.push_back(threadFlowLocation(F.Where, F.Ranges, F.Message, 1, Ctx));
  for (const NoteInfo &N : F.Notes) {
    if (!N.Where.valid())
      continue;
    Related.push_back(json::Object{
        {"id", Related.size() + 1},
        {"physicalLocation", physicalLocation(N.Where, N.Ranges, Ctx)},
        {"message", json::Object{{"text", str(N.Message)}}}});
    Flow.push_back(
        threadFlowLocation(N.Where, N.Ranges, N.Message, Flow.size() + 1, Ctx));
  }
  if (Related.empty())
    return;
  Res["relatedLocations"] = std::move(Related);
  Res["codeFlows"] = json::Array{json::Object{
      {"message", json::Object{{"text", str(F.Message)}}},
      {"threadFlows",
       json::Array{json::Object{{"locations", std::move(Flow)}}}}}};
}

/// The fix-it as one fix with one artifactChange per file, in file order.
json::Array sarifFixes(const Finding &F, ReportContext &Ctx) {
  std::map<std::string, json::Array> ByFile;
  for (const Edit &E : F.Fixes)
    ByFile[E.Path].push_back(json::Object{
        {"deletedRegion",
         json::Object{
             {"startLine", E.StartLine},
             {"startColumn",
              Ctx.Sources.utf16Column(E.Path, E.StartLine, E.StartColumn)},
             {"endLine", E.EndLine},
             {"endColumn",
              Ctx.Sources.utf16Column(E.Path, E.EndLine, E.EndColumn)}}},
        {"insertedContent", json::Object{{"text", str(E.Text)}}}});
  json::Array Changes;
  for (auto &[Path, Reps] : ByFile)
    Changes.push_back(json::Object{
        {"artifactLocation", artifactLocation(Path, Ctx)},
        {"replacements", std::move(Reps)}});
  return json::Array{json::Object{
      {"description",
       json::Object{{"text", str(fmt::format("Apply the fix-it of {}",
                                             F.Check))}}},
      {"artifactChanges", std::move(Changes)}}};
}

json::Object sarifResult(const Finding &F, unsigned RuleIndex,
                         ReportContext &Ctx) {
  json::Object Res{{"ruleId", str(F.Check)},
                   {"ruleIndex", RuleIndex},
                   {"level", str(sarifLevel(F.Level))},
                   {"message", json::Object{{"text", str(F.Message)}}}};
  addLocations(Res, F, Ctx);
  Res["partialFingerprints"] = json::Object{
      {"connleakFingerprint/v1",
       str(fmt::format("{}:{}", F.Fingerprint, F.Occurrence + 1))}};
  if (!F.Fixes.empty())
    Res["fixes"] = sarifFixes(F, Ctx);
  return Res;
}

/// The problems of the run; Success is cleared by an error.
json::Array sarifNotifications(ReportContext &Ctx, bool &Success) {
  json::Array Notes;
  for (const Notification &N : Ctx.Notifications) {
    if (N.Level == "error")
      Success = false;
    json::Object O{{"level", str(sarifLevel(N.Level))},
                   {"message", json::Object{{"text", str(N.Message)}}}};
    if (N.Where.valid())
      O["locations"] = json::Array{
          json::Object{{"physicalLocation", physicalLocation(N.Where, {}, Ctx)}}};
    else if (!N.Where.Path.empty())
      O["locations"] = json::Array{json::Object{
          {"physicalLocation",
           json::Object{{"artifactLocation", artifactLocation(N.Where.Path, Ctx)}}}}};
    Notes.push_back(std::move(O));
  }
  return Notes;
}

} // namespace

void printSarif(raw_ostream &OS, const std::vector<Finding> &Findings,
                ReportContext &Ctx) {
  std::map<std::string, unsigned> RuleIndex;
  json::Array Rules = sarifRules(Findings, Ctx, RuleIndex);
  json::Array Results;
  for (const Finding &F : Findings)
    Results.push_back(sarifResult(F, RuleIndex[F.Check], Ctx));
  bool Success = true;
  json::Array Notes = sarifNotifications(Ctx, Success);

  std::string RootUri = fmt::format("file://{}/", uriEncodePath(Ctx.Paths.Root));
  if (StringRef(Ctx.Paths.Root).ends_with("/"))
    RootUri.pop_back();
  json::Object Driver{{"name", "connleak"},
                      {"fullName", "connleak connection leak checker"},
                      {"version", str(Ctx.Version)},
                      {"semanticVersion", str(Ctx.Version)},
                      {"informationUri", str(Ctx.DocsUrl)},
                      {"rules", std::move(Rules)}};
  json::Object Run{
      {"tool", json::Object{{"driver", std::move(Driver)}}},
      {"originalUriBaseIds",
       json::Object{{SrcRoot, json::Object{{"uri", str(RootUri)}}}}},
      {"columnKind", "utf16CodeUnits"},
      {"invocations",
       json::Array{json::Object{{"executionSuccessful", Success},
                                {"toolExecutionNotifications", std::move(Notes)}}}},
      {"results", std::move(Results)}};
  json::Object Log{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::Array{std::move(Run)}}};
  OS << formatv("{0:2}", json::Value(std::move(Log))) << "\n";
}

} // namespace connleak::cli
