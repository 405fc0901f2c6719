// exception-unsafe-release: the handle is released on every normal path, but
// a call that can throw runs between the acquisition and the release.  The
// notes name the first throwing call and the release it skips.
// RUN: %check_connleak %s connleak-exception-unsafe-release %t -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <string>
#include <vector>

void audit(const char *what); // may throw
struct Logger {
  void write(const std::string &line); // may throw
};
static void close_db(PGconn *conn) noexcept { PQfinish(conn); }

// Positive: a free function that may throw.
int free_function(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  audit("query");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: an exception thrown by 'audit' here leaks it
  int n = PQntuples(res);
  PQclear(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return n;
}

// Positive: a member function; only the first throwing call is named.
int method_call(PGconn *conn, Logger &log) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  log.write("ran query");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: an exception thrown by 'write' here leaks it
  audit("query");
  PQclear(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return 0;
}

// Positive: a constructor that may throw (std::vector's).
int constructor(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  std::vector<int> ids(PQntuples(res));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: note: an exception thrown by 'vector' here leaks it
  PQclear(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return (int)ids.size();
}

// Positive: released through a local noexcept wrapper; the note points at
// the wrapper call.
int wrapper_release(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is released with 'PQfinish' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  audit("connected");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: an exception thrown by 'audit' here leaks it
  close_db(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  // CHECK-MESSAGES: :[[@LINE-6]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
  return 0;
}

// Positive: two releases; the skipped one is the first release after the
// throwing call, not the early-return release before it.
int two_releases(const char *conninfo, bool dry_run) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is released with 'PQfinish' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  if (dry_run) {
    PQfinish(conn);
    return 1;
  }
  audit("connected");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: an exception thrown by 'audit' here leaks it
  PQfinish(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return 0;
}

// Negative: the throwing calls run before the acquisition and after the
// release.
int outside_the_window(const char *conninfo) {
  audit("before");
  PGconn *conn = PQconnectdb(conninfo);
  int status = PQstatus(conn);
  PQfinish(conn);
  audit("after");
  return status;
}
