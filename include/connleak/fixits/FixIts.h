//===--- FixIts.h - fix-its toward RAII -------------------------*- C++ -*-===//
//
// Rewrites a leaking local handle into one whose release is tied to a scope
// (docs/fixits.md):
//  1. a C API handle:   T *h = acquire(...);  ->
//                       std::unique_ptr<T, decltype(&release)> h(acquire(...), &release);
//  2. a raw C++ owner:  T *p = f(); / auto *p = new T(...);  ->
//                       std::unique_ptr<T> p(...);
//     Other uses become p.get() where a raw pointer is needed (->, *, tests
//     against null and contextual bool stay), and the explicit releases are
//     removed (or become p.reset() where removing the statement would change
//     the program's shape).
//  3. a manual pool checkout:
//     - a pool with a scoped session type (models: pooled-sessions):
//         std::size_t pos = pool.lease(); soci::session &sql = pool.at(pos);
//         -> soci::session sql(pool);   (give_back removed)
//     - any other handle whose release needs more than the handle (pool
//       push, SQLFreeHandle), a handle of an attribute family, and a handle
//       that comes out through an out-parameter: a scope guard declared right
//       after the acquisition (or after the variable, for out-parameters):
//         auto h_guard = connleak::scope_exit([&] { if (h) release(pool, h); });
//       and the explicit releases removed.
// A fix is built only when every use of the variable can be rewritten.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_FIXITS_H
#define CONNLEAK_FIXITS_H

#include "connleak/analysis/Analysis.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>
#include <string>
#include <vector>

namespace connleak {

/// How scope guards are spelled (the checks' ScopeGuard and ScopeGuardHeader
/// options).
struct FixOptions {
  /// A function called with a lambda that returns a guard object:
  /// `auto g = <ScopeGuard>([&] { ... });`.
  std::string ScopeGuard = "connleak::scope_exit";
  /// The header that declares it, with <> or ""; empty: none is inserted.
  std::string ScopeGuardHeader = "<connleak/scoped.h>";
};

struct RaiiFix {
  std::vector<clang::FixItHint> Hints;
  /// What the fix does, for a quick-fix title: "use std::unique_ptr for
  /// 'conn'".
  std::string Title;
  /// Headers the fixed code needs, spelled with <> or "".
  std::vector<std::string> Headers;
};

/// The RAII form to suggest in a note when no fix is offered ("" if none).
std::string raiiSuggestion(TUAnalysis &TU, const FunctionResult &R,
                           const Site &S);

/// Builds the fix for a site, or std::nullopt with Why set to the reason.
/// When the RAII form itself would be wrong (the handle would outlive the
/// handle it was made from), Advice receives what to suggest instead.
std::optional<RaiiFix> buildRaiiFix(TUAnalysis &TU, const FunctionResult &R,
                                    const Site &S, const FixOptions &Opts,
                                    std::string &Why,
                                    std::string *Advice = nullptr);

} // namespace connleak

#endif
