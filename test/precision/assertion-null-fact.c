// An assertion that a handle is null is a fact of the path, also when the
// assertion is compiled out: PostgreSQL reads the NULL that ends a
// command's results and says so with Assert(res == NULL), which expands to
// ((void) true) without USE_ASSERT_CHECKING. Only macros named in the
// AssertionMacros option, and only an argument `v == NULL`, `NULL == v`,
// `v == 0` or `!v` of a variable.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq
// RUN: %check_connleak %s connleak-unreleased-handle %t -- \
// RUN:   -config="{CheckOptions: {connleak-unreleased-handle.AssertionMacros: 'Assert;CHECK_NULL'}}" -- %pq -DCUSTOM

#include <libpq-fe.h>
#include <stddef.h>

#define Assert(c) ((void) 1)
#define CHECK_NULL(c) ((void) 0)
#define NOTE(c) ((void) 0)

// Negative: the result after the last one is NULL, as the code asserts.
void discard(PGconn *conn, PGresult *res) {
  PQclear(res);
  res = PQgetResult(conn);
  Assert(res == NULL);
}

// Negative: `!v` and a local declared with the call.
int finish(PGconn *conn) {
  PGresult *last = PQgetResult(conn);
  Assert(!last);
  return 0;
}

#ifdef CUSTOM
// Negative: a macro added by the option.
void custom(PGconn *conn) {
  PGresult *res = PQgetResult(conn);
  CHECK_NULL(res == NULL);
}
#endif

// Positive: a macro not named like an assertion is not a fact.
void note(PGconn *conn) {
  PGresult *res = PQgetResult(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQgetResult' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  NOTE(res == NULL);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Positive: an assertion that the handle is not null says nothing against
// the leak.
void not_null(PGconn *conn) {
  PGresult *res = PQgetResult(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQgetResult' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  Assert(res != NULL);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Positive: an assertion inside another macro applies to the statements of
// its own expansion only, not to the acquisition after it.
#define CHECK_THEN_GET(r, c) do { Assert(r == NULL); r = PQgetResult(c); } while (0)
void nested(PGconn *conn) {
  PGresult *res = NULL;
  CHECK_THEN_GET(res, conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result returned by 'PQgetResult' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-5]]:58: note: expanded from macro 'CHECK_THEN_GET'
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Negative: the assertion of the inner macro, after the acquisition.
#define GET_LAST(r, c) do { r = PQgetResult(c); Assert(r == NULL); } while (0)
void nested_after(PGconn *conn) {
  PGresult *res;
  GET_LAST(res, conn);
}
