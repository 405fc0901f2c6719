//===--- PathState.h - the handle-state lattice of the flow analysis -*- C++ -*-//
//
// One abstract state of the analysis of one function: what one group of
// paths knows at a program point. Three parts:
//
//  - per acquisition site, a set of status bits (below);
//  - which local variables hold which sites (bindings);
//  - value facts of scalar locals (Evaluator.h), and of the expressions of
//    the current block (the status an acquire call returned).
//
// The status of one site on one path moves through this diagram. Each bit
// records that the site reached that state on some path merged into this
// state (a set, so a state joined past the cap may hold several bits):
//
//                 acquire stored in a variable
//   (untracked) ─────────────────────────────────► Owned ──release──► Released
//        │                                          │  │
//        │ acquire returned / stored elsewhere /    │  └──returned, stored in a
//        │ passed to a sink or an unknown function  │     field, passed to a sink,
//        ▼                                          │     adopted ─────────► Escaped
//     Escaped                                       │
//        ▲                         null branch, failed acquire (not
//        │                         release-on-failure) ──────────────────► Null
//        │
//   Owned at an exit (return, throw, end of function), when its last variable
//   is overwritten or goes out of scope, or when the acquire's value is never
//   stored: a leak is recorded at that place and the site is untracked again.
//
// Released, Null and Escaped are final for the site on that path: collect()
// forgets such a site once no variable holds it. Summary pseudo-sites (one
// per pointer parameter) start Owned and are never reported: their final
// bits give the parameter's effect in the function's summary.
//
// States are kept apart per CFG block by their property part (Status and
// Bind) and their value facts are intersected when the property parts are
// equal: ESP (Das, Lerner, Seigle, PLDI 2002). Past the per-block cap,
// joinFrom() takes the least upper bound.
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_LIB_ANALYSIS_PATHSTATE_H
#define CONNLEAK_LIB_ANALYSIS_PATHSTATE_H

#include "Evaluator.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Compiler.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>

namespace clang {
class VarDecl;
} // namespace clang

namespace connleak {

/// Status bits of one site on one path (see the diagram above).
enum HandleStatus : uint8_t { Owned = 1, Released = 2, Null = 4, Escaped = 8 };

/// Site indices bound to one variable.
using SiteSet = llvm::SmallVector<uint16_t, 2>;

struct PathState {
  /// Sparse, sorted (site, status) pairs: only sites that matter on this path.
  llvm::SmallVector<std::pair<uint16_t, uint8_t>, 4> Status;
  /// Sorted by variable.
  llvm::SmallVector<std::pair<const clang::VarDecl *, SiteSet>, 4> Bind;
  VarVals Vals;
  ExprValList ExprVals; ///< facts of the current block only
  /// Set when the state changed since its block last processed it.
  bool Dirty = true;

  uint8_t status(unsigned S) const;
  void setStatus(unsigned S, uint8_t V);
  const SiteSet *sitesOf(const clang::VarDecl *V) const;
  void bindVar(const clang::VarDecl *V, const SiteSet &Sites);
  /// True if a variable other than Except holds site S.
  bool heldByOther(unsigned S, const clang::VarDecl *Except) const;
  /// True if the property parts (statuses and bindings) are equal.
  bool sameKey(const PathState &O) const {
    return Status == O.Status && Bind == O.Bind;
  }
  /// Least upper bound of the property parts, intersection of the value
  /// facts (used past the state cap). Returns true if this state changed.
  bool joinFrom(const PathState &O);

  /// Prints the state; SiteName names a site index (the acquirer and line).
  void print(llvm::raw_ostream &OS,
             llvm::function_ref<std::string(unsigned)> SiteName) const;
  LLVM_DUMP_METHOD void dump() const;
};

/// "Owned|Escaped" for a set of status bits.
std::string statusString(uint8_t Bits);

} // namespace connleak

#endif
