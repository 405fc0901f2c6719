// connleak-missing-timeout: an ODBC connection handle allocated in the
// function (SQLAllocHandle(SQL_HANDLE_DBC, ..., &dbc) or SQLAllocConnect)
// needs SQL_ATTR_LOGIN_TIMEOUT (or the ODBC 2 SQL_LOGIN_TIMEOUT) before
// SQLDriverConnect / SQLConnect.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %odbc

#include <stddef.h>
#include <sql.h>
#include <sqlext.h>

// Positive: SQLDriverConnect without a login timeout.
void driver_connect(SQLHENV env) {
  SQLHDBC dbc;
  SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  SQLDriverConnect(dbc, NULL, (SQLCHAR *)"DSN=orders;", SQL_NTS, NULL, 0, NULL,
                   SQL_DRIVER_NOPROMPT);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'SQLDriverConnect' runs with no timeout: 'dbc' has no 'SQL_ATTR_LOGIN_TIMEOUT' or 'SQL_LOGIN_TIMEOUT' set before it [connleak-missing-timeout]
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
}

// Positive: SQLConnect; a connection timeout is not a login timeout.
void plain_connect(SQLHENV env) {
  SQLHDBC dbc;
  SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  SQLSetConnectAttr(dbc, SQL_ATTR_CONNECTION_TIMEOUT, (SQLPOINTER)5, 0);
  SQLConnect(dbc, (SQLCHAR *)"orders", SQL_NTS, NULL, 0, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SQLConnect' runs with no timeout: 'dbc' has no 'SQL_ATTR_LOGIN_TIMEOUT' or 'SQL_LOGIN_TIMEOUT' set before it [connleak-missing-timeout]
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
}

// Positive: ODBC 2 allocation.
void odbc2_connect(SQLHENV env) {
  SQLHDBC dbc;
  SQLAllocConnect(env, &dbc);
  SQLConnect(dbc, (SQLCHAR *)"orders", SQL_NTS, NULL, 0, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SQLConnect' runs with no timeout: 'dbc' has no 'SQL_ATTR_LOGIN_TIMEOUT' or 'SQL_LOGIN_TIMEOUT' set before it [connleak-missing-timeout]
  SQLDisconnect(dbc);
  SQLFreeConnect(dbc);
}

// Negative: the login timeout is set first (ODBC 3 and ODBC 2 spellings).
void driver_connect_bounded(SQLHENV env) {
  SQLHDBC dbc;
  SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  SQLSetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT, (SQLPOINTER)5, 0);
  SQLDriverConnect(dbc, NULL, (SQLCHAR *)"DSN=orders;", SQL_NTS, NULL, 0, NULL,
                   SQL_DRIVER_NOPROMPT);
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
}
void odbc2_connect_bounded(SQLHENV env) {
  SQLHDBC dbc;
  SQLAllocConnect(env, &dbc);
  SQLSetConnectOption(dbc, SQL_LOGIN_TIMEOUT, 5);
  SQLConnect(dbc, (SQLCHAR *)"orders", SQL_NTS, NULL, 0, NULL, 0);
  SQLDisconnect(dbc);
  SQLFreeConnect(dbc);
}

// Negative: a connection handle received as a parameter.
SQLRETURN connect_given(SQLHDBC dbc) {
  return SQLConnect(dbc, (SQLCHAR *)"orders", SQL_NTS, NULL, 0, NULL, 0);
}
