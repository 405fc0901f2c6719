// Known limitation: an assertion macro that expands to nothing at all
// (`#define Assert(c)`) leaves no statement in the function, so its
// argument is not taken as a fact of the path (AssertionMacros). One that
// expands to anything (`((void) 0)`, `do { } while (0)`, or assert() with or
// without NDEBUG) is: test/precision/assertion-null-fact.c.
// XFAIL: *
// FIXME: unreleased-handle reports the PQgetResult of empty_assert() today,
// "result returned by 'PQgetResult' is not released with 'PQclear' on every
// path" with the note "leaked at the end of the function". The right output
// is no diagnostic. When this passes (XPASS), remove the XFAIL line and the
// item in docs/design.md#known-limitations.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cflags %pq

#include <libpq-fe.h>
#include <stddef.h>

#define Assert(c)

void empty_assert(PGconn *conn) {
  PGresult *res = PQgetResult(conn);
  Assert(res == NULL);
}
