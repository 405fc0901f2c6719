//===--- ConfigNames.cpp - the valid connleak names of a configuration ----===//
#include "ConfigNames.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include <algorithm>

using namespace llvm;

namespace connleak {

bool ChecksWarnAboutUnknownNames = true;

namespace {

// The checks of Checks.def, with the options each one reads besides the
// common ones. Keep in step with the checks' constructors and storeOptions
// (test/plugin/verify-config.test fails when --dump-config stores a key
// that is not here).
struct CheckOptionsEntry {
  StringRef Check;
  std::vector<StringRef> Options;
};

const std::vector<CheckOptionsEntry> &checkEntries() {
  static const std::vector<CheckOptionsEntry> Entries = [] {
    std::vector<CheckOptionsEntry> E;
#define CONNLEAK_CHECK(Name, Class, Summary, DocPath, Title, Description)      \
  E.push_back({"connleak-" Name, {}});
#include "Checks.def"
    for (CheckOptionsEntry &C : E) {
      if (C.Check == "connleak-exception-unsafe-release")
        C.Options = {"IgnoreFunctions", "AllocatingFunctions", "AssumeExternCNoThrow"};
      else if (C.Check == "connleak-held-during-blocking-call")
        C.Options = {"BlockingFunctions"};
      else if (C.Check == "connleak-missing-timeout")
        C.Options = {"ConnectTimeoutSeconds", "ConnectTimeoutMs",
                     "SocketTimeoutMs",       "TransferTimeoutMs",
                     "LowSpeedLimit",         "LowSpeedTimeSeconds",
                     "ReportInMain",          "RequestDeadlineMs"};
      else if (C.Check == "connleak-unreleased-handle")
        C.Options = {"ReportLeaksAtExit", "AssertionMacros"};
      else if (C.Check == "connleak-pooler-session-state")
        C.Options = {"PoolerEndpoints", "PoolerSupportsPreparedStatements"};
      else if (C.Check == "connleak-unbounded-pool")
        C.Options = {"ConstantLoopLimit"};
    }
    return E;
  }();
  return Entries;
}

// Read by every check, for itself or (sharedOption) for all as connleak.<X>.
const StringRef SharedOptions[] = {"ModelFiles",       "UnknownCallsEscape",
                                   "ReportSkippedFunctions", "MaxBlockVisits",
                                   "ScopeGuard",       "ScopeGuardHeader"};
// Read by every check for itself only (the global form is clang-tidy's
// own `IncludeStyle`, without a prefix).
const StringRef LocalOnlyOptions[] = {"IncludeStyle"};

/// The closest of Valid to Name, as clang-tidy's --verify-config chooses.
StringRef closest(StringRef Name, ArrayRef<std::string> Valid) {
  unsigned MaxEdit = 5;
  StringRef Best;
  for (const std::string &V : Valid) {
    unsigned D = Name.edit_distance_insensitive(V, true, MaxEdit);
    if (D < MaxEdit) {
      Best = V;
      MaxEdit = D;
    }
  }
  return Best;
}

std::string unknown(StringRef What, StringRef Name, ArrayRef<std::string> Valid) {
  std::string Msg = ("unknown " + What + " '" + Name + "'").str();
  StringRef Best = closest(Name, Valid);
  if (!Best.empty())
    Msg += ("; did you mean '" + Best + "'").str();
  return Msg;
}

} // namespace

const std::vector<std::string> &knownOptionKeys() {
  static const std::vector<std::string> Keys = [] {
    std::vector<std::string> K;
    for (StringRef O : SharedOptions)
      K.push_back(("connleak." + O).str());
    for (const CheckOptionsEntry &C : checkEntries()) {
      for (StringRef O : SharedOptions)
        K.push_back((C.Check + "." + O).str());
      for (StringRef O : LocalOnlyOptions)
        K.push_back((C.Check + "." + O).str());
      for (StringRef O : C.Options)
        K.push_back((C.Check + "." + O).str());
    }
    llvm::sort(K);
    return K;
  }();
  return Keys;
}

std::vector<std::string>
unknownConnleakNames(const clang::tidy::ClangTidyOptions &Opts) {
  std::vector<std::string> Out;
  std::vector<std::string> Checks;
  for (const CheckOptionsEntry &C : checkEntries())
    Checks.push_back(C.Check.str());
  if (Opts.Checks) {
    SmallVector<StringRef> Globs;
    SplitString(*Opts.Checks, Globs, ",\n");
    for (StringRef G : Globs) {
      G = G.trim().ltrim('-').trim();
      if (!G.starts_with("connleak-") || G.find_first_of("*?") != StringRef::npos)
        continue;
      if (!llvm::is_contained(Checks, G))
        Out.push_back(unknown("check", G, Checks));
    }
  }
  std::vector<std::string> Keys;
  for (const auto &KV : Opts.CheckOptions)
    Keys.push_back(KV.getKey().str());
  llvm::sort(Keys);
  const std::vector<std::string> &Valid = knownOptionKeys();
  for (const std::string &K : Keys) {
    StringRef Key(K);
    if (!Key.starts_with("connleak-") && !Key.starts_with("connleak."))
      continue;
    if (!std::binary_search(Valid.begin(), Valid.end(), K))
      Out.push_back(unknown("check option", Key, Valid));
  }
  return Out;
}

std::string firstEnabledConnleakCheck(clang::tidy::ClangTidyContext &Ctx) {
  for (const CheckOptionsEntry &C : checkEntries())
    if (Ctx.isCheckEnabled(C.Check))
      return C.Check.str();
  return "";
}

} // namespace connleak
