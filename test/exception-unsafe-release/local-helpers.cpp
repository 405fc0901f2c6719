// Local helpers are judged by their bodies: calls to C functions do not
// throw (AssumeExternCNoThrow, the default), std::stoi may (std::invalid_argument).
// RUN: %check_connleak %s connleak-exception-unsafe-release %t -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <string>

static int row_count(PGresult *r) { return PQntuples(r); }
static void log_status(PGconn *c) { (void)PQstatus(c); }
static int parse_count(PGresult *r) { return std::stoi(PQgetvalue(r, 0, 0)); }

// Negative: the local helpers only call C functions (AssumeExternCNoThrow),
// which clang-tidy's ExceptionAnalyzer alone would call "unknown".
int helpers_only_call_c(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  log_status(conn);
  int n = row_count(res);
  PQclear(res);
  return n;
}

// Positive: this helper parses with std::stoi, which may throw.
// CHECK-MESSAGES: :[[@LINE+4]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+4]]:15: note: an exception thrown by 'parse_count' here leaks it
// CHECK-MESSAGES: :[[@LINE+4]]:3: note: this release is skipped when that exception is thrown
int helper_may_throw(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT name FROM t");
  int count = parse_count(res);
  PQclear(res);
  return count;
}
