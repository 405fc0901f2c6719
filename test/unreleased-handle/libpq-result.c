// libpq results (PQexec, PQexecParams, PQprepare, PQdescribePrepared,
// PQdescribePortal, PQgetResult) must be released with PQclear.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>
#include <stddef.h>

// Positive: the error path returns without PQclear.
int exec_error_path(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT id FROM orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  int n = PQntuples(res);
  PQclear(res);
  return n;
}

// Negative: both paths clear the result.
int exec_ok(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT id FROM orders");
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    PQclear(res);
    return -1;
  }
  int n = PQntuples(res);
  PQclear(res);
  return n;
}

// Positive: PQexecParams, result used in the return expression.
int exec_params(PGconn *conn, const char *id) {
  const char *values[1] = {id};
  PGresult *res = PQexecParams(conn, "SELECT 1 FROM orders WHERE id = $1", 1,
                               NULL, values, NULL, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-2]]:19: warning: result returned by 'PQexecParams' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  return PQntuples(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Positive twice: PQprepare leaks on its error path, and the result of
// PQdescribePrepared assigned to the same variable is never cleared.
int prepare_and_describe(PGconn *conn) {
  PGresult *res = PQprepare(conn, "by_id", "SELECT 1 WHERE $1 = 1", 1, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQprepare' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  if (PQresultStatus(res) != PGRES_COMMAND_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  PQclear(res);
  res = PQdescribePrepared(conn, "by_id");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: result returned by 'PQdescribePrepared' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  return PQnparams(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Negative: PQdescribePortal cleared.
int describe_portal(PGconn *conn) {
  PGresult *res = PQdescribePortal(conn, "cur");
  int n = PQnfields(res);
  PQclear(res);
  return n;
}

// Negative: the usual PQgetResult drain loop.
void drain(PGconn *conn) {
  PGresult *res;
  while ((res = PQgetResult(conn)) != NULL)
    PQclear(res);
}

// Positive: leaving the drain loop early skips PQclear.
void drain_break(PGconn *conn) {
  PGresult *res;
  while ((res = PQgetResult(conn)) != NULL) {
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: result returned by 'PQgetResult' is not released with 'PQclear' on every path [connleak-unreleased-handle]
    if (PQresultStatus(res) == PGRES_FATAL_ERROR)
      break;
    PQclear(res);
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Positive: a result statement whose value is discarded.
void discarded(PGconn *conn) {
  PQexec(conn, "BEGIN");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: leaked here: the handle is never stored
}

// Positive: a cast to void does not release it either.
void discarded_void(PGconn *conn) {
  (void)PQexec(conn, "BEGIN");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: leaked here: the handle is never stored
}

// Positive: used as an argument of a borrowing call and dropped.
int counted(PGconn *conn) {
  return PQntuples(PQexec(conn, "SELECT 1"));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-2]]:20: note: leaked here: the handle is never stored
}

// Negative: released directly.
void cleared_directly(PGconn *conn) {
  PQclear(PQexec(conn, "COMMIT"));
}

// Positive: the first result is overwritten before it is cleared.
void overwritten(PGconn *conn) {
  PGresult *res = PQexec(conn, "BEGIN");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  res = PQexec(conn, "COMMIT");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when 'res' is overwritten here
  PQclear(res);
}

// Negative: a NULL result (out of memory) needs no PQclear.
int null_result(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  if (!res)
    return -1;
  int n = PQntuples(res);
  PQclear(res);
  return n;
}
