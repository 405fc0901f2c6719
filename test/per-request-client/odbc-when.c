// connleak-per-request-client honours the model's `when` conditions:
// SQLAllocHandle builds a connection only for SQL_HANDLE_DBC; a statement
// (SQL_HANDLE_STMT) allocated per request on a shared connection is fine.
// (The odbc family has no "share one instead" text yet: no note, see
// test/known-limitations/ (per-request-*).)
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cflags %event %odbc

#include <event2/http.h>
#include <sql.h>
#include <sqlext.h>

SQLHDBC shared_dbc;

// Negative: a statement on the shared connection.
void on_query(struct evhttp_request *req, void *arg) {
  SQLHSTMT stmt;
  SQLAllocHandle(SQL_HANDLE_STMT, shared_dbc, &stmt);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
}

// Positive: a connection handle per request.
void on_connect(struct evhttp_request *req, void *arg) {
  SQLHDBC dbc;
  SQLAllocHandle(SQL_HANDLE_DBC, (SQLHENV)arg, &dbc);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SQLAllocHandle' builds a new connection handle inside request handler 'on_connect' [connleak-per-request-client]
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
}
