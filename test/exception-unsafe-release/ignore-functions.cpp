// Option IgnoreFunctions: ';'-separated regular expressions matched against
// the whole qualified name of the callee; matching callees are treated as
// non-throwing.
// RUN: %check_connleak -check-suffix=DEFAULT %s connleak-exception-unsafe-release %t.default -- -- %cxxflags %pq
// RUN: %check_connleak -check-suffix=IGNORE \
// RUN:   -config="{CheckOptions: {connleak-exception-unsafe-release.IgnoreFunctions: 'applog::.*; metrics::count'}}" \
// RUN:   %s connleak-exception-unsafe-release %t.ignore -- -- %cxxflags %pq

#include <libpq-fe.h>

namespace applog {
void info(const char *msg);
void debug(const char *msg);
} // namespace applog
namespace metrics {
void count(const char *name);
void count_rows(int n);
} // namespace metrics

// Ignored by 'applog::.*' and 'metrics::count'.
int ignored_calls(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  applog::info("query");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: note: an exception thrown by 'info' here leaks it
  applog::debug("query");
  metrics::count("queries");
  PQclear(res);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return 0;
}

// 'metrics::count' must match the whole name: metrics::count_rows still
// throws.
int whole_name_only(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  // CHECK-MESSAGES-IGNORE: :[[@LINE-2]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  applog::info("query");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: note: an exception thrown by 'info' here leaks it
  metrics::count_rows(PQntuples(res));
  // CHECK-MESSAGES-IGNORE: :[[@LINE-1]]:3: note: an exception thrown by 'count_rows' here leaks it
  PQclear(res);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  // CHECK-MESSAGES-IGNORE: :[[@LINE-2]]:3: note: this release is skipped when that exception is thrown
  return 0;
}
