//===--- Filters.cpp - baseline files and diff filtering ------------------===//
#include "Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <fmt/format.h>

using namespace llvm;

namespace connleak::cli {

//===--- baseline ----------------------------------------------------------===//
//
// {
//   "version": 1,
//   "tool": "connleak",
//   "findings": [
//     {"fingerprint": "...", "check": "...", "file": "src/db.c",
//      "function": "count_orders", "snippet": "PGconn *c = db_open(...);",
//      "message": "..."},      <- informative only
//   ]
// }
// One entry per occurrence; only "fingerprint" is used for matching.

static json::Value jstr(StringRef S) {
  return json::isUTF8(S) ? json::Value(S.str()) : json::Value(json::fixUTF8(S));
}

bool readBaseline(StringRef Path, Baseline &Out, std::string &Err) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf) {
    Err = Buf.getError().message();
    return false;
  }
  Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  if (!V) {
    Err = toString(V.takeError());
    return false;
  }
  const json::Object *O = V->getAsObject();
  const json::Array *Findings = O ? O->getArray("findings") : nullptr;
  if (!Findings || O->getInteger("version") != 1) {
    Err = "not a connleak baseline (expected an object with \"version\": 1 "
          "and a \"findings\" array)";
    return false;
  }
  for (const json::Value &E : *Findings) {
    const json::Object *EO = E.getAsObject();
    std::optional<StringRef> FP = EO ? EO->getString("fingerprint") : std::nullopt;
    if (!FP) {
      Err = "a baseline entry has no \"fingerprint\"";
      return false;
    }
    ++Out[FP->str()];
  }
  return true;
}

bool writeBaseline(StringRef Path, const std::vector<Finding> &Findings,
                   std::string &Err) {
  std::vector<const Finding *> Sorted;
  for (const Finding &F : Findings)
    Sorted.push_back(&F);
  // Ordered by identity, not by line: moving code does not reorder the file.
  // The key is every field written, so equal keys are equal entries and the
  // order is total.
  llvm::sort(Sorted, [](const Finding *A, const Finding *B) {
    return std::tie(A->RelPath, A->Function, A->Check, A->Snippet, A->Message,
                    A->Fingerprint) <
           std::tie(B->RelPath, B->Function, B->Check, B->Snippet, B->Message,
                    B->Fingerprint);
  });
  json::Array Entries;
  for (const Finding *F : Sorted)
    Entries.push_back(json::Object{{"fingerprint", jstr(F->Fingerprint)},
                                   {"check", jstr(F->Check)},
                                   {"file", jstr(F->RelPath)},
                                   {"function", jstr(F->Function)},
                                   {"snippet", jstr(F->Snippet)},
                                   {"message", jstr(F->Message)}});
  json::Object Root{{"version", 1},
                    {"tool", "connleak"},
                    {"findings", std::move(Entries)}};
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_Text);
  if (EC) {
    Err = EC.message();
    return false;
  }
  OS << formatv("{0:2}", json::Value(std::move(Root))) << "\n";
  OS.close();
  if (OS.has_error()) {
    Err = OS.error().message();
    OS.clear_error();
    return false;
  }
  return true;
}

//===--- diff --------------------------------------------------------------===//

/// "b/src/x.c" / "\"b/sp ace.c\"" / "src/x.c\t2024-01-01 ..." -> path
static std::string diffPath(StringRef S) {
  S = S.split('\t').first.rtrim();
  std::string P;
  if (S.size() >= 2 && S.front() == '"' && S.back() == '"') {
    // git's C-style quoting: only the common escapes.
    S = S.drop_front().drop_back();
    for (size_t I = 0; I < S.size(); ++I) {
      if (S[I] == '\\' && I + 1 < S.size()) {
        char C = S[++I];
        P += C == 'n' ? '\n' : C == 't' ? '\t' : C;
      } else {
        P += S[I];
      }
    }
  } else {
    P = S.str();
  }
  return P;
}

ChangedLines parseUnifiedDiff(StringRef Diff, StringRef BaseDir) {
  ChangedLines Out;
  std::set<unsigned> *Current = nullptr;
  SmallVector<StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  for (StringRef L : Lines) {
    L = L.rtrim('\r');
    if (L.starts_with("+++ ")) {
      std::string P = diffPath(L.drop_front(4));
      if (P == "/dev/null") {
        Current = nullptr;
        continue;
      }
      StringRef PR(P);
      if (PR.starts_with("b/"))
        PR = PR.drop_front(2);
      SmallString<256> Abs(PR);
      if (!sys::path::is_absolute(Abs))
        sys::fs::make_absolute(BaseDir, Abs);
      sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
      Current = &Out[std::string(Abs)];
      continue;
    }
    if (!Current || !L.starts_with("@@ "))
      continue;
    // @@ -a[,b] +c[,d] @@
    size_t Plus = L.find(" +");
    if (Plus == StringRef::npos)
      continue;
    StringRef Range = L.drop_front(Plus + 2).split(' ').first;
    StringRef StartS, CountS;
    std::tie(StartS, CountS) = Range.split(',');
    unsigned Start = 0, Count = 1;
    if (StartS.getAsInteger(10, Start))
      continue;
    if (!CountS.empty() && CountS.getAsInteger(10, Count))
      continue;
    for (unsigned I = 0; I < Count; ++I)
      Current->insert(Start + I);
  }
  return Out;
}

/// Runs git with Args; stdout into Out. False (with Err) on failure.
static bool runGit(ArrayRef<StringRef> Args, std::string &Out, std::string &Err) {
  ErrorOr<std::string> Git = sys::findProgramByName("git");
  if (!Git) {
    Err = "git not found in PATH";
    return false;
  }
  SmallString<128> OutFile, ErrFile;
  if (sys::fs::createTemporaryFile("connleak-git", "out", OutFile) ||
      sys::fs::createTemporaryFile("connleak-git", "err", ErrFile)) {
    Err = "cannot create a temporary file";
    return false;
  }
  std::vector<StringRef> Argv{*Git};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<StringRef> Redirects[] = {StringRef(""), StringRef(OutFile),
                                          StringRef(ErrFile)};
  std::string ExecErr;
  int RC = sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0, 0,
                               &ExecErr);
  auto OutBuf = MemoryBuffer::getFile(OutFile);
  auto ErrBuf = MemoryBuffer::getFile(ErrFile);
  sys::fs::remove(OutFile);
  sys::fs::remove(ErrFile);
  if (RC != 0) {
    std::string Msg = ErrBuf ? (*ErrBuf)->getBuffer().trim().str() : "";
    Err = fmt::format("git {} failed: {}", join(Args.begin(), Args.end(), " "),
                      Msg.empty() ? ExecErr : Msg);
    return false;
  }
  Out = OutBuf ? (*OutBuf)->getBuffer().str() : "";
  return true;
}

bool runGitDiff(StringRef Rev, StringRef Dir, std::string &Diff,
                std::string &BaseDir, std::string &Err) {
  std::string Top;
  if (!runGit({"-C", Dir, "rev-parse", "--show-toplevel"}, Top, Err))
    return false;
  BaseDir = StringRef(Top).trim().str();
  return runGit({"-C", BaseDir, "diff", "-U0", "--no-color", "--no-ext-diff",
                 Rev, "--"},
                Diff, Err);
}

} // namespace connleak::cli
