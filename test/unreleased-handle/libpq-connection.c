// libpq connections: PQconnectdb, PQconnectdbParams, PQsetdbLogin,
// PQconnectStart and PQconnectStartParams are released with PQfinish, and a
// connection that failed (CONNECTION_BAD) is still allocated and must be
// finished.  Only a NULL PGconn (out of memory) needs no PQfinish.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>
#include <stddef.h>

// Positive: the failed connection is not finished on the error path.
int bad_status_returns(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  PQfinish(conn);
  return 0;
}

// Negative: the failed connection is finished too.
int bad_status_finished(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return -1;
  }
  PQfinish(conn);
  return 0;
}

// Negative: a NULL PGconn needs no PQfinish (nullable family).
int null_checked(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (conn == NULL)
    return -1;
  int status = PQstatus(conn);
  PQfinish(conn);
  return status;
}

// Negative: `if (!conn) return` only drops the NULL case.
int not_null_checked(void) {
  PGconn *conn = PQsetdbLogin("db.internal", "5432", NULL, NULL, "orders",
                              "app", "secret");
  if (!conn)
    return -1;
  PQfinish(conn);
  return 0;
}

// Positive: a NULL check is not a status check; CONNECTION_BAD still leaks.
int params_null_then_status(const char *const *keys, const char *const *values) {
  PGconn *conn = PQconnectdbParams(keys, values, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdbParams' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (conn == NULL)
    return -2;
  if (PQstatus(conn) == CONNECTION_BAD)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  PQfinish(conn);
  return 0;
}

// Positive: PQsetdbLogin, never finished; the leak is at the closing brace.
void login_end_of_function(void) {
  PGconn *conn = PQsetdbLogin("db.internal", "5432", NULL, NULL, "orders",
                              "app", "secret");
  // CHECK-MESSAGES: :[[@LINE-2]]:18: warning: connection returned by 'PQsetdbLogin' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  PQstatus(conn);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Positive: non-blocking connect; the poll loop gives up without PQfinish.
int start_poll_fails(const char *conninfo) {
  PGconn *conn = PQconnectStart(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectStart' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (!conn)
    return -1;
  for (;;) {
    PostgresPollingStatusType st = PQconnectPoll(conn);
    if (st == PGRES_POLLING_FAILED)
      return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: leaked when returning here
    if (st == PGRES_POLLING_OK)
      break;
  }
  PQfinish(conn);
  return 0;
}

// Negative: the same loop, finishing the connection when polling fails.
int start_poll_ok(const char *conninfo) {
  PGconn *conn = PQconnectStart(conninfo);
  if (!conn)
    return -1;
  for (;;) {
    PostgresPollingStatusType st = PQconnectPoll(conn);
    if (st == PGRES_POLLING_FAILED) {
      PQfinish(conn);
      return -1;
    }
    if (st == PGRES_POLLING_OK)
      break;
  }
  PQfinish(conn);
  return 0;
}

// Positive: PQconnectStartParams; two leaking returns, notes in source order.
int start_params_two_exits(const char *const *keys, const char *const *values,
                           int quick) {
  PGconn *conn = PQconnectStartParams(keys, values, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectStartParams' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (quick)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  if (PQstatus(conn) == CONNECTION_BAD)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  PQfinish(conn);
  return 0;
}

// Negative: borrowing calls (PQ*) do not take ownership.
int borrowed_only(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  int fd = PQsocket(conn);
  const char *msg = PQerrorMessage(conn);
  (void)msg;
  PQfinish(conn);
  return fd;
}
