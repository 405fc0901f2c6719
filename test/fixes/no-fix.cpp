// No fix when the declaration or a use of the handle cannot be rewritten
// (a condition variable, a direct-initialised variable, a reference
// parameter, ...): the diagnostic comes with a note that suggests the RAII
// form instead, and -fix leaves the file unchanged (no CHECK-FIXES lines).
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <vector>

void remember(PGconn *conn);
static void finish(PGconn *conn) { PQfinish(conn); }
struct Registry { PGconn *last; };
static void keep(Registry &r, PGconn *conn) { r.last = conn; }

// Returned to the caller.
// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
PGconn *open_checked(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return nullptr;
  return conn;
}

// Assigned a new connection.
// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int reconnect(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  PQfinish(conn);
  conn = PQconnectdb(conninfo);
  PQfinish(conn);
  return 0;
}

// Its address is taken.
// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int address_taken(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  PGconn **slot = &conn;
  PQfinish(*slot);
  return 0;
}

// Captured by a lambda, by copy or by reference.
// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int captured(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  auto done = [conn] { PQfinish(conn); };
  done();
  return 0;
}
// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int captured_by_reference(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  auto version = [&] { return PQserverVersion(conn); };
  int v = version();
  PQfinish(conn);
  return v;
}

// Passed to a function whose body is not visible, which may keep it, or to a
// local helper that releases it.
// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int handed_over(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  remember(conn);
  return 0;
}
// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int finished_by_helper(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  finish(conn);
  return 0;
}

// Stored in a container, or by a local helper.
// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int pooled(const char *conninfo, std::vector<PGconn *> &pool) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  pool.push_back(conn);
  return 0;
}
// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int registered(const char *conninfo, Registry &registry) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  keep(registry, conn);
  return 0;
}

// The function has a goto.
// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int with_goto(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  int rc = 0;
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  if (PQserverVersion(conn) < 90000) {
    rc = -2;
    goto out;
  }
  rc = PQbackendPID(conn);
out:
  PQfinish(conn);
  return rc;
}

// Declared together with another variable. (Declared first and assigned
// later is fixed: test/fixes/assigned-later.cpp.)
// CHECK-MESSAGES: :[[@LINE+7]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+8]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+5]]:15: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
// CHECK-MESSAGES: :[[@LINE+4]]:42: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:42: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int two_declarators(const char *primary, const char *replica) {
  PGconn *a = PQconnectdb(primary), *b = PQconnectdb(replica);
  if (PQstatus(a) != CONNECTION_OK || PQstatus(b) != CONNECTION_OK)
    return -1;
  PQfinish(b);
  PQfinish(a);
  return 0;
}

// Declared in the condition of an if or a while: a condition variable cannot
// take a parenthesized initializer.
// CHECK-MESSAGES: :[[@LINE+4]]:23: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:7: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:23: note: own it with 'std::unique_ptr<PGresult, decltype(&PQclear)>' so that it is released on every path
int first_row(PGconn *conn) {
  if (PGresult *res = PQexec(conn, "SELECT 1")) {
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
      return -1;
    PQclear(res);
  }
  return 0;
}
// CHECK-MESSAGES: :[[@LINE+4]]:24: warning: result returned by 'PQgetResult' is not released with 'PQclear' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:7: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:24: note: own it with 'std::unique_ptr<PGresult, decltype(&PQclear)>' so that it is released on every path
int drain(PGconn *conn, bool stop) {
  while (PGresult *r = PQgetResult(conn)) {
    if (stop)
      return -1;
    PQclear(r);
  }
  return 0;
}

// Direct-initialised, with parentheses or braces.
// CHECK-MESSAGES: :[[@LINE+4]]:16: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:16: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int paren_init(const char *conninfo) {
  PGconn *conn(PQconnectdb(conninfo));
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  int v = PQserverVersion(conn);
  PQfinish(conn);
  return v;
}
// CHECK-MESSAGES: :[[@LINE+4]]:16: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:16: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int brace_init(const char *conninfo) {
  PGconn *conn{PQconnectdb(conninfo)};
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  int v = PQserverVersion(conn);
  PQfinish(conn);
  return v;
}

// Passed to a local helper that takes a reference to the pointer (it could
// also reassign it); conn.get() would not bind to it.
static void reset_if_bad(PGconn *&c) {
  if (PQstatus(c) != CONNECTION_OK)
    PQreset(c);
}
// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
int reference_param(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  reset_if_bad(conn);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  int v = PQserverVersion(conn);
  PQfinish(conn);
  return v;
}
