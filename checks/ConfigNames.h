//===--- ConfigNames.h - the valid connleak names of a configuration -*- C++ -*-===//
//
// Which check names and check option names (CheckOptions keys) connleak
// knows, and the unknown `connleak-*` / `connleak.*` ones of a configuration,
// each with the closest valid name (as clang-tidy's --verify-config does for
// its own checks). Used by the CLI (normal runs and --verify-config) and by
// the checks themselves (the plugin and connleak-clangd warn once per
// translation unit).
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_CHECKS_CONFIGNAMES_H
#define CONNLEAK_CHECKS_CONFIGNAMES_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include <string>
#include <vector>

namespace connleak {

/// Every option key a connleak check reads: connleak-<check>.<Option> and,
/// for the options shared by all checks, connleak.<Option>.
const std::vector<std::string> &knownOptionKeys();

/// "unknown check 'connleak-x'; did you mean 'connleak-y'" for every
/// connleak-* name of Opts.Checks that is not a connleak check, and
/// "unknown check option 'K'; did you mean 'L'" for every CheckOptions key
/// starting with "connleak-" or "connleak." that no check reads. Without a
/// valid name close enough (edit distance below 5, case-insensitive), no
/// "did you mean". In the order of the Checks string, then of the keys.
std::vector<std::string> unknownConnleakNames(const clang::tidy::ClangTidyOptions &Opts);

/// Whether the checks themselves warn about unknown names (a
/// configurationDiag of the first enabled connleak check, once per
/// translation unit). The CLI turns this off: it warns once per .clang-tidy
/// file, with the file's name, before the analysis.
extern bool ChecksWarnAboutUnknownNames;

/// The name of the first check of Checks.def that Ctx enables, or "".
std::string firstEnabledConnleakCheck(clang::tidy::ClangTidyContext &Ctx);

} // namespace connleak

#endif
