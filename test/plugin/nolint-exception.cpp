// The NOLINT comments suppress connleak-exception-unsafe-release too.
// RUN: %check_connleak %s connleak-exception-unsafe-release %t -- -- %cxxflags %pq

#include <libpq-fe.h>

void audit(const char *what);

int suppressed(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1"); // NOLINT(connleak-exception-unsafe-release)
  audit("query");
  PQclear(res);
  return 0;
}

int suppressed_next_line(PGconn *conn) {
  // NOLINTNEXTLINE(connleak-exception-unsafe-release)
  PGresult *res = PQexec(conn, "SELECT 1");
  audit("query");
  PQclear(res);
  return 0;
}

// Positive: not suppressed.
int reported(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  audit("query");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: an exception thrown by 'audit' here leaks it
  PQclear(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return 0;
}
