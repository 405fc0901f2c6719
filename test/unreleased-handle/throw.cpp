// An explicit `throw` while a handle is owned (and no handler in the
// function catches it) leaks the handle: "leaked when throwing here".
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <stdexcept>

// Positive: thrown with the connection still open.
int throw_without_finish(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (PQstatus(conn) != CONNECTION_OK)
    throw std::runtime_error(PQerrorMessage(conn));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when throwing here
  PQfinish(conn);
  return 0;
}

// Negative: finished before the throw.
int throw_after_finish(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    throw std::runtime_error("cannot connect");
  }
  PQfinish(conn);
  return 0;
}

// Positive: a result leaks at the throw, with a return leak too; notes in
// source order.
int throw_and_return(PGconn *conn, bool strict) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    if (strict)
      throw std::runtime_error("query failed");
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: leaked when throwing here
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  }
  int n = PQntuples(res);
  PQclear(res);
  return n;
}

// Negative: the throw is caught by a catch-all handler that finishes the
// connection.
int caught_and_finished(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  try {
    if (PQstatus(conn) != CONNECTION_OK)
      throw 1;
  } catch (...) {
    PQfinish(conn);
    return -1;
  }
  PQfinish(conn);
  return 0;
}
