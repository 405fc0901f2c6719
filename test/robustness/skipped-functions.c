// A function whose analysis goes over its budget is skipped, never silently:
// with the ReportSkippedFunctions option it gets a remark (once, whichever
// flow check asks first), and the CLI's --verbose turns the option on.
// MaxBlockVisits sets the budget exactly (default: 40000, or 64 visits per
// CFG block, whichever is larger).
// RUN: %clang_tidy -checks='-*,connleak-unreleased-handle,connleak-exception-unsafe-release' \
// RUN:   -config="{CheckOptions: {connleak.MaxBlockVisits: 6, connleak.ReportSkippedFunctions: true}}" \
// RUN:   %s -- %cflags %pq 2>&1 | FileCheck %s --check-prefix=SKIP \
// RUN:   --implicit-check-not=warning: --implicit-check-not=remark: --implicit-check-not=note:
// Without the option, the same run is silent about it.
// RUN: %clang_tidy -checks='-*,connleak-unreleased-handle' \
// RUN:   -config="{CheckOptions: {connleak.MaxBlockVisits: 6}}" \
// RUN:   %s -- %cflags %pq 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty \
// RUN:   --implicit-check-not=warning: --implicit-check-not=remark: --implicit-check-not=note:
// With the default budget both functions are analysed and the leak found.
// RUN: %clang_tidy -checks='-*,connleak-unreleased-handle' \
// RUN:   -config="{CheckOptions: {connleak.ReportSkippedFunctions: true}}" \
// RUN:   %s -- %cflags %pq 2>&1 | FileCheck %s --check-prefix=FULL \
// RUN:   --implicit-check-not=warning: --implicit-check-not=remark:
// A budget that is not a number is a configuration error.
// RUN: not %clang_tidy -checks='-*,connleak-unreleased-handle' \
// RUN:   -config="{CheckOptions: {connleak.MaxBlockVisits: lots}}" \
// RUN:   %s -- %cflags %pq 2>&1 | FileCheck %s --check-prefix=BAD

#include <libpq-fe.h>

int many_blocks(const char *ci, int n) {
  // SKIP: :[[@LINE-1]]:5: remark: connleak did not analyse 'many_blocks': the analysis budget of 6 block visits was exceeded; its handles are not checked [connleak-unreleased-handle]
  PGconn *c = PQconnectdb(ci);
  // FULL: :[[@LINE-1]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  for (int i = 0; i < n; i++) {
    if (i % 3 == 0)
      continue;
    if (i % 5 == 0)
      break;
  }
  if (n > 10)
    return -1;
  // FULL: :[[@LINE-1]]:5: note: leaked when returning here
  PQfinish(c);
  return 0;
}

int small(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  PQfinish(c);
  return 0;
}

// QUIET-NOT: {{.}}
// BAD: error: invalid value 'lots' for option 'connleak.MaxBlockVisits': expected a number (0 for the default); using the default budget [clang-tidy-config]
