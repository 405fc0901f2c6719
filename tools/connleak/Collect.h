//===--- Collect.h - diagnostics of the TUs -> findings and errors -*- C++ -*-===//
//
// After the analysis: what every translation unit reported is sorted out into
// errors of the run (printed on stderr, and kept as notifications for SARIF)
// and findings (deduplicated across TUs, positioned, fingerprinted).
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_TOOLS_COLLECT_H
#define CONNLEAK_TOOLS_COLLECT_H

#include "Report.h"
#include "Runner.h"

namespace connleak::cli {

/// A compiler error: the TU does not compile (not a warning that
/// WarningsAsErrors turned into an error).
bool isCompileError(const RawDiag &D);

/// Function definitions by file, to name the function around a finding.
struct FunctionIndex {
  std::map<std::string, std::vector<FunctionExtent>> ByPath;
  /// The innermost function of Path around Offset, or "".
  std::string lookup(llvm::StringRef Path, unsigned Offset) const;
};

/// What the translation units reported, sorted out.
struct Collected {
  bool ConfigError = false;
  size_t FailedTUs = 0, EnabledChecks = 0;
  bool AnyRan = false; ///< at least one TU was analysed without failing
  FunctionIndex Functions;
  std::vector<const RawDiag *> Findings; ///< deduplicated, in TU order
};

/// Goes through the diagnostics of Results in order. Configuration errors
/// and compile errors are printed on stderr (in ErrOut's style) once and
/// become notifications of Out, as do the TUs that cannot be analysed;
/// remarks (--verbose) are printed on stderr; findings are kept once.
Collected collect(const std::vector<TUResult> &Results, ReportContext &Out,
                  ReportContext &ErrOut);

/// The findings of C with positions, enclosing function and fingerprint,
/// sorted by place and numbered among equal fingerprints.
std::vector<Finding> makeFindings(const Collected &C, SourceCache &Sources,
                                  const PathMapper &Paths);

} // namespace connleak::cli

#endif
