// A handle variable initialised with braces (`PGconn *c{PQconnectdb(ci)}`)
// is tracked like one initialised with `=`.  (No fix-it: the declaration is
// not in the `T *p = init;` form; see test/fixes/no-fix.cpp.)
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cxxflags %pq

#include <libpq-fe.h>

// Positive: leaked on the early return.
int brace_init(const char *ci) noexcept {
  PGconn *c{PQconnectdb(ci)};
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (PQstatus(c) != CONNECTION_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
  PQfinish(c);
  return 0;
}

// Negative: finished on every path.
int brace_init_ok(const char *ci) {
  PGconn *c{PQconnectdb(ci)};
  int ok = PQstatus(c) == CONNECTION_OK;
  PQfinish(c);
  return ok;
}

// Positive: a result in braces, never cleared.
int brace_result(PGconn *conn) {
  PGresult *res{PQexec(conn, "SELECT 1")};
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  return PQntuples(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: own it with 'std::unique_ptr<PGresult, decltype(&PQclear)>' so that it is released on every path
}
