// connleak-missing-timeout: connection attributes set in a loop from the
// configuration (SQLSetConnectAttr(dbc, attrs[i].id, ...)) may set the login
// timeout; which ones they set is not known, so the connect is not judged,
// as when the handle goes to an unknown function. APR-util's ODBC driver
// does this for its CTIMEOUT parameter (bench/realworld/VERDICTS.md, P26).
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %odbc

#include <stddef.h>
#include <sql.h>
#include <sqlext.h>

struct attr {
  SQLINTEGER id;
  SQLULEN value;
};

// Negative: the attributes come from the configuration.
SQLHDBC open_configured(SQLHENV env, SQLCHAR *dsn, const struct attr *a, int n) {
  SQLHDBC dbc;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  if (!SQL_SUCCEEDED(rc))
    return SQL_NULL_HDBC;
  for (int i = 0; i < n && SQL_SUCCEEDED(rc); i++)
    rc = SQLSetConnectAttr(dbc, a[i].id, (SQLPOINTER)a[i].value, 0);
  if (SQL_SUCCEEDED(rc))
    rc = SQLConnect(dbc, dsn, SQL_NTS, (SQLCHAR *)"", 0, (SQLCHAR *)"", 0);
  if (SQL_SUCCEEDED(rc))
    return dbc;
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return SQL_NULL_HDBC;
}

// Positive: a constant attribute that is not the login timeout.
SQLHDBC open_autocommit(SQLHENV env, SQLCHAR *dsn) {
  SQLHDBC dbc;
  SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, (SQLPOINTER)SQL_AUTOCOMMIT_ON, 0);
  SQLConnect(dbc, dsn, SQL_NTS, (SQLCHAR *)"", 0, (SQLCHAR *)"", 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SQLConnect' runs with no timeout: 'dbc' has no 'SQL_ATTR_LOGIN_TIMEOUT' or 'SQL_LOGIN_TIMEOUT' set before it [connleak-missing-timeout]
  return dbc;
}

// Positive: the configured attributes are set after the connect.
SQLHDBC open_then_configure(SQLHENV env, SQLCHAR *dsn, const struct attr *a, int n) {
  SQLHDBC dbc;
  SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  SQLConnect(dbc, dsn, SQL_NTS, (SQLCHAR *)"", 0, (SQLCHAR *)"", 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SQLConnect' runs with no timeout: 'dbc' has no 'SQL_ATTR_LOGIN_TIMEOUT' or 'SQL_LOGIN_TIMEOUT' set before it [connleak-missing-timeout]
  for (int i = 0; i < n; i++)
    SQLSetConnectAttr(dbc, a[i].id, (SQLPOINTER)a[i].value, 0);
  return dbc;
}
