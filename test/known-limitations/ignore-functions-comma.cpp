// Regression test, formerly a known limitation (docs/design.md item "Fixed:
// IgnoreFunctions is split on ';' only", commit 7893d25): an IgnoreFunctions
// regular expression may contain a comma. 'log_v{1,2}' is one expression
// and matches log_v and log_vv, not log_vvv; if the option were split on
// ',' it would be the two broken expressions 'log_v{1' and '2}'.
// RUN: %check_connleak \
// RUN:   -config="{CheckOptions: {connleak-exception-unsafe-release.IgnoreFunctions: 'log_v{1,2}'}}" \
// RUN:   %s connleak-exception-unsafe-release %t -- -- %cxxflags %pq

#include <libpq-fe.h>

void log_v(const char *msg);
void log_vv(const char *msg);
void log_vvv(const char *msg);

// Negative: both calls are ignored.
int ignored(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  log_v("query");
  log_vv("query");
  PQclear(res);
  return 0;
}

// Positive: log_vvv is not matched.
int not_ignored(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  log_vvv("query");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: an exception thrown by 'log_vvv' here leaks it
  PQclear(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return 0;
}
