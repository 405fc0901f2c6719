// Catch handlers in the same function, read syntactically (the CFG has no
// exception edges): every handler of the try around the throwing call must
// make the exception safe for the handle -- release that handle, or fall off
// its end to code after the try where every release of the handle is -- and
// one handler must catch everything.
// RUN: %check_connleak %s connleak-exception-unsafe-release %t -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <new>
void audit(const char *what); // may throw

// Negative: a catch-all handler that swallows the exception and falls off
// its end reaches the release after the try.
int handler_falls_through(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  try {
    audit("query");
  } catch (...) {
  }
  PQclear(res);
  return 0;
}

// Positive: the handler releases another result, not this one.
// CHECK-MESSAGES: :[[@LINE+4]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: an exception thrown by 'audit' here leaks it
// CHECK-MESSAGES: :[[@LINE+9]]:3: note: this release is skipped when that exception is thrown
int other_handle(PGconn *conn, PGresult *other) {
  PGresult *res = PQexec(conn, "SELECT 1");
  try {
    audit("query");
  } catch (...) {
    PQclear(other);
    return -1;
  }
  PQclear(res);
  return 0;
}

// Positive: a typed handler catches only some of what audit() may throw.
// CHECK-MESSAGES: :[[@LINE+4]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: an exception thrown by 'audit' here leaks it
// CHECK-MESSAGES: :[[@LINE+9]]:3: note: this release is skipped when that exception is thrown
int typed_handler(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  try {
    audit("query");
  } catch (const std::bad_alloc &) {
    PQclear(res);
    return -1;
  }
  PQclear(res);
  return 0;
}

// Positive: the handler swallows the exception, but the release is inside
// the try block, after the throwing call: it is skipped.
// CHECK-MESSAGES: :[[@LINE+4]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: an exception thrown by 'audit' here leaks it
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: this release is skipped when that exception is thrown
int swallow_inside(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  try {
    audit("query");
    PQclear(res);
  } catch (...) {
  }
  return 0;
}

// Negative: every handler releases, and the last one catches everything.
int typed_then_all(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  try {
    audit("query");
  } catch (const std::bad_alloc &) {
    PQclear(res);
    return -1;
  } catch (...) {
    PQclear(res);
    throw;
  }
  PQclear(res);
  return 0;
}

// Positive: the first call is protected by its handler, the second call,
// outside the try, is not: the note names the second.
// CHECK-MESSAGES: :[[@LINE+4]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+10]]:3: note: an exception thrown by 'audit' here leaks it
// CHECK-MESSAGES: :[[@LINE+10]]:3: note: this release is skipped when that exception is thrown
int protected_then_unprotected(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  try {
    audit("first");
  } catch (...) {
    PQclear(res);
    return -1;
  }
  audit("second");
  PQclear(res);
  return 0;
}
