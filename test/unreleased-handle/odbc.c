// ODBC: SQLAllocHandle(SQL_HANDLE_ENV/DBC/STMT, parent, &h) returns the
// handle through its third argument (SQL_SUCCESS or SQL_SUCCESS_WITH_INFO
// on success) and SQLFreeHandle(type, h) releases it, for the same type.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %odbc

#include <sql.h>
#include <sqlext.h>
#include <stddef.h>

// Positive: the environment leaks when the connection handle cannot be
// allocated.  The warning is inside SQL_SUCCEEDED, hence the macro note.
int env_then_dbc(void) {
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)))
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: environment handle returned through 'env' by 'SQLAllocHandle' is not released with 'SQLFreeHandle' on every path [connleak-unreleased-handle]
    // CHECK-MESSAGES: {{.*}}sql.h:{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'SQL_SUCCEEDED'
    return -1;
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  SQLFreeHandle(SQL_HANDLE_ENV, env);
  return 0;
}

// Negative: the environment is freed when the DBC allocation fails.
int env_then_dbc_ok(void) {
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)))
    return -1;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc))) {
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return -1;
  }
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  SQLFreeHandle(SQL_HANDLE_ENV, env);
  return 0;
}

// Positive: the connection handle leaks when SQLDriverConnect fails.
int dbc_connect_fails(SQLHENV env, SQLCHAR *dsn) {
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: connection handle returned through 'dbc' by 'SQLAllocHandle' is not released with 'SQLFreeHandle' on every path [connleak-unreleased-handle]
    // CHECK-MESSAGES: {{.*}}sql.h:{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'SQL_SUCCEEDED'
    return -1;
  SQLSetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT, (SQLPOINTER)5, 0);
  SQLRETURN rc = SQLDriverConnect(dbc, NULL, dsn, SQL_NTS, NULL, 0, NULL,
                                  SQL_DRIVER_NOPROMPT);
  if (!SQL_SUCCEEDED(rc))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}

// Positive: the statement leaks when SQLExecDirect fails; the status is
// saved in a variable and tested with both success values.
int stmt_exec_fails(SQLHDBC dbc) {
  SQLHSTMT stmt;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: statement handle returned through 'stmt' by 'SQLAllocHandle' is not released with 'SQLFreeHandle' on every path [connleak-unreleased-handle]
  if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO)
    return -1;
  rc = SQLExecDirect(stmt, (SQLCHAR *)"SELECT 1", SQL_NTS);
  if (!SQL_SUCCEEDED(rc))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return 0;
}

// Negative: freed on every path after a successful allocation.
int stmt_ok(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  SQLRETURN rc = SQLExecDirect(stmt, (SQLCHAR *)"SELECT 1", SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return SQL_SUCCEEDED(rc) ? 0 : -1;
}

// Positive: SQLFreeHandle with the wrong handle type does not free it.
int stmt_freed_as_dbc(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: statement handle returned through 'stmt' by 'SQLAllocHandle' is not released with 'SQLFreeHandle' on every path [connleak-unreleased-handle]
    return -1;
  SQLFreeHandle(SQL_HANDLE_DBC, stmt);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Negative: SQLFreeStmt(h, SQL_DROP) also frees a statement.
int stmt_dropped(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  SQLFreeStmt(stmt, SQL_DROP);
  return 0;
}

// Positive: SQLFreeStmt(h, SQL_CLOSE) only closes the cursor.
int stmt_closed_only(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: statement handle returned through 'stmt' by 'SQLAllocHandle' is not released with 'SQLFreeHandle' on every path [connleak-unreleased-handle]
    return -1;
  SQLFreeStmt(stmt, SQL_CLOSE);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}
