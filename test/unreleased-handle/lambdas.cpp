// Lambda bodies are analysed as functions of their own; capturing a handle
// hands it to the lambda.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cxxflags %pq

#include <libpq-fe.h>

// Positive: a leak inside a lambda body.
int leak_in_lambda(const char *conninfo) {
  auto check = [conninfo]() -> int {
    PGconn *conn = PQconnectdb(conninfo);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
    if (PQstatus(conn) != CONNECTION_OK)
      return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: leaked when returning here
    PQfinish(conn);
    return 0;
  };
  return check();
}

// Negative: the lambda releases on every path.
int ok_in_lambda(const char *conninfo) {
  auto check = [conninfo]() {
    PGconn *conn = PQconnectdb(conninfo);
    int status = PQstatus(conn);
    PQfinish(conn);
    return status;
  };
  return check();
}

// Negative: captured by value or by reference, released by the lambda.
void captured_by_value(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  auto done = [conn]() { PQfinish(conn); };
  done();
}
void captured_by_reference(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  auto done = [&conn]() { PQfinish(conn); };
  done();
}

// Positive: a lambda nested in a lambda.
void nested(PGconn *conn) {
  auto outer = [conn]() {
    auto inner = [conn]() {
      PGresult *res = PQexec(conn, "SELECT 1");
      // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
      return PQntuples(res);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: leaked when returning here
    };
    return inner();
  };
  outer();
}
