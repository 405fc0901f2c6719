// exception-unsafe-release stays quiet for RAII-owned handles, and for a
// handle that already leaks on a normal path: then only unreleased-handle
// reports it.
// RUN: %check_connleak %s connleak-unreleased-handle,connleak-exception-unsafe-release %t -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <memory>

void audit(const char *what); // may throw

// Negative: unique_ptr owns the result.
int raii_owned(PGconn *conn) {
  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn, "SELECT 1"), PQclear);
  audit("query");
  return PQntuples(res.get());
}

// Negative for this check: the early return already leaks, so only
// unreleased-handle fires.
int already_leaks(PGconn *conn, bool dry_run) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  audit("query");
  if (dry_run)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  PQclear(res);
  return 0;
}

// Negative: escaped to an unknown function, so it is not this function's
// to release.
void keep_result(PGresult *res);
void escaped(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  keep_result(res);
  audit("kept");
}

// Positive for this check only: released on every normal path.
int exception_only(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  audit("query");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: an exception thrown by 'audit' here leaks it
  PQclear(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return 0;
}
