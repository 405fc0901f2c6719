// A try/catch in the same function whose handler releases the handle
// protects it: an exception reaching the handler is not a leak.
// (test/exception-unsafe-release/handlers.cpp has the handlers that do not
// protect it: typed ones, one releasing another handle, one swallowing the
// exception before a release inside the try.)
// RUN: %check_connleak %s connleak-exception-unsafe-release %t -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <stdexcept>

void audit(const char *what); // may throw
void log_line(const char *msg) noexcept;

// Negative: the catch-all handler releases and returns.
int handler_releases(PGconn *conn, bool strict) {
  PGresult *res = PQexec(conn, "SELECT 1");
  try {
    if (strict && PQresultStatus(res) != PGRES_TUPLES_OK)
      throw std::runtime_error("bad result");
    audit("query");
  } catch (...) {
    PQclear(res);
    return -1;
  }
  PQclear(res);
  return 0;
}

// Negative: the handler releases and rethrows.
int handler_rethrows(PGconn *conn, bool strict) {
  PGresult *res = PQexec(conn, "SELECT 1");
  try {
    if (strict)
      throw 1;
    audit("query");
  } catch (...) {
    PQclear(res);
    throw;
  }
  PQclear(res);
  return 0;
}

// Positive: the throwing call is outside the try block.
int throw_outside_try(PGconn *conn, bool strict) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  audit("before try");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: an exception thrown by 'audit' here leaks it
  try {
    if (strict)
      throw 1;
  } catch (...) {
    log_line("failed");
  }
  PQclear(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return 0;
}

// The same handlers when the try block only calls a function that may throw
// (no throw statement: the CFG has no edge to the handler, which is read
// syntactically).
// Negative: the handler releases and returns.
int call_handler_releases(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  try {
    audit("query");
  } catch (...) {
    PQclear(res);
    return -1;
  }
  PQclear(res);
  return 0;
}

// Negative: the handler releases and rethrows.
int call_handler_rethrows(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  try {
    audit("query");
  } catch (...) {
    PQclear(res);
    throw;
  }
  PQclear(res);
  return 0;
}

// Positive: the handler returns without releasing.
int call_handler_leaks(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  try {
    audit("query");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: an exception thrown by 'audit' here leaks it
  } catch (...) {
    log_line("failed");
    return -1;
  }
  PQclear(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return 0;
}
