//===--- Dependencies.h - what a translation unit consulted ----*- C++ -*-===//
//
// The kinds of project-summary facts (docs/project-summaries.md) that the
// analysis of a translation unit can consult about a function of another
// file. The CLI's fixed point analyses a file again only when a kind it
// consulted changed for that name (lib/summary, tools/connleak/Summarize.cpp).
//
//   DepReturns   its acquire entries: the handle it returns (and whether it
//                may be null), the out-parameters it fills. Consulted at
//                every call of it (acquireRole).
//   DepReleases  its release entries. Consulted where a call passes it a
//                tracked handle (a variable or parameter that holds one, an
//                acquired value, the address of such a variable), through
//                callEffect, and by checks that look for a release.
//   DepSinks     the arguments it stores or hands on (`functions: sink`).
//                Consulted as DepReleases.
//   DepKnown     whether it has any role at all (any of the above, or a
//                `functions` entry: "known, borrows its pointer arguments").
//                Consulted as DepReleases, and by isKnown().
//   DepBlocks    its `blocking` entry. Consulted by isBlocking(): in the
//                flow analysis only while a pooled connection is held, and
//                by held-during-blocking-call where a pooled session lives.
//                (Whether a function blocks through functions of other
//                files is closed over the call graph when the summaries are
//                merged, not by analysing its file again.)
//   DepClient    its `clients` entry (per-request-client, and a function
//                that returns what it builds).
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_ANALYSIS_DEPENDENCIES_H
#define CONNLEAK_ANALYSIS_DEPENDENCIES_H

namespace connleak {

enum DepKind : unsigned {
  DepReturns = 1u << 0,
  DepReleases = 1u << 1,
  DepSinks = 1u << 2,
  DepKnown = 1u << 3,
  DepBlocks = 1u << 4,
  DepClient = 1u << 5,
  /// What the roles of a callee are made of.
  DepRoles = DepReturns | DepReleases | DepSinks | DepKnown,
  DepAll = DepRoles | DepBlocks | DepClient,
};

} // namespace connleak

#endif
