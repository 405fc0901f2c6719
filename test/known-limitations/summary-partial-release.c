// Known limitation: a local helper that releases its parameter on some
// paths only is summarised as taking the handle over (Sink), so a leak
// through it is missed: treating the call as a release or as a borrow would
// give a missed leak or a false positive for other callers.
// XFAIL: *
// FIXME: unreleased-handle reports nothing for keep_open() today. The right
// output is the warning below: maybe_close(c, 0) never releases. (A summary
// that keeps the condition, or analysing the callee in the caller's
// context, would tell.) When this passes (XPASS), remove the XFAIL line and
// the item in docs/design.md#known-limitations.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cflags %pq

#include <libpq-fe.h>

static void maybe_close(PGconn *c, int flag) {
  if (flag)
    PQfinish(c);
}

void keep_open(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  maybe_close(c, 0);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Negative: released.
void close_it(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  maybe_close(c, 1);
}
