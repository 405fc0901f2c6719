// Known limitation: a flag that is incremented (`opened++`) loses its known
// value, so the branch pruning that works for `opened = 1` does not apply to
// `opened++` ... `if (opened > 0)`.
// XFAIL: *
// FIXME: unreleased-handle reports a false positive here today ("connection
// returned by 'PQconnectdb' is not released with 'PQfinish' on every path",
// note "leaked at the end of the function"). The right output is no
// diagnostic: ++/-- and `x += constant` of a local with a known integer
// value should keep the value known. When this passes (XPASS), remove the
// XFAIL line and the item in docs/design.md#known-limitations.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cflags %pq

#include <libpq-fe.h>
#include <stddef.h>

void counter_flag(const char *ci, int n) {
  PGconn *c = NULL;
  int opened = 0;
  if (n > 0) {
    c = PQconnectdb(ci);
    opened++;
  }
  if (opened > 0)
    PQfinish(c);
}

// The same with a constant assignment is not reported today.
void constant_flag(const char *ci, int n) {
  PGconn *c = NULL;
  int opened = 0;
  if (n > 0) {
    c = PQconnectdb(ci);
    opened = 1;
  }
  if (opened > 0)
    PQfinish(c);
}
