// Option AssumeExternCNoThrow (default true): extern "C" functions are
// assumed not to throw.  Set to false, they may throw (a C++ callback can
// propagate through them).
// RUN: %check_connleak -check-suffix=DEFAULT %s connleak-exception-unsafe-release %t.default -- -- %cxxflags %pq
// RUN: %check_connleak -check-suffix=NOASSUME \
// RUN:   -config="{CheckOptions: {connleak-exception-unsafe-release.AssumeExternCNoThrow: false}}" \
// RUN:   %s connleak-exception-unsafe-release %t.noassume -- -- %cxxflags %pq

#include <libpq-fe.h>

extern "C" void c_logger(const char *msg);
void log_line(const char *msg) noexcept;
void audit(const char *what);

// Only an extern "C" call between acquire and release.
int extern_c_between(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES-NOASSUME: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  c_logger("ran");
  // CHECK-MESSAGES-NOASSUME: :[[@LINE-1]]:3: note: an exception thrown by 'c_logger' here leaks it
  PQclear(res);
  // CHECK-MESSAGES-NOASSUME: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return 0;
}

// A noexcept function stays non-throwing in both modes.
int noexcept_between(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  log_line("ran");
  PQclear(res);
  return 0;
}

// A C++ function throws in both modes; with the option off, the first
// throwing call is the extern "C" one before it.
int both(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  // CHECK-MESSAGES-NOASSUME: :[[@LINE-2]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  c_logger("ran");
  // CHECK-MESSAGES-NOASSUME: :[[@LINE-1]]:3: note: an exception thrown by 'c_logger' here leaks it
  audit("ran");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: note: an exception thrown by 'audit' here leaks it
  PQclear(res);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  // CHECK-MESSAGES-NOASSUME: :[[@LINE-2]]:3: note: this release is skipped when that exception is thrown
  return 0;
}
