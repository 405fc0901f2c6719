//===--- FixIts.h - fix-its toward RAII -------------------------*- C++ -*-===//
//
// Rewrites a leaking local handle into an owning RAII object:
//  - a C API handle:       T *h = acquire(...);  ->
//                          std::unique_ptr<T, decltype(&release)> h(acquire(...), &release);
//  - a raw C++ owner:      T *p = f(); / auto *p = new T(...);  ->
//                          std::unique_ptr<T> p(...);
// Other uses become p.get() where a raw pointer is needed (->, *, tests
// against null and contextual bool stay), and the explicit releases are
// removed (or become p.reset() where removing the statement would change the
// program's shape). A fix is built only when every use can be rewritten.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_FIXITS_H
#define CONNLEAK_FIXITS_H

#include "connleak/Analysis.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>
#include <string>
#include <vector>

namespace connleak {

struct RaiiFix {
  std::vector<clang::FixItHint> Hints;
  bool NeedsMemoryHeader = true;
};

/// The RAII form to suggest in a note when no fix is offered ("" if none).
std::string raiiSuggestion(const Site &S);

/// Builds the fix for a site, or std::nullopt with Why set to the reason.
std::optional<RaiiFix> buildRaiiFix(TUAnalysis &TU, const FunctionResult &R,
                                    const Site &S, std::string &Why);

} // namespace connleak

#endif
