// Families that get no fix, with the note that suggests what to do instead:
// a handle that comes out through an out-parameter (sqlite3_open,
// SQLAllocHandle: a unique_ptr cannot be initialised by the acquisition, so
// the note suggests a scope guard declared right after the variable), and
// pool checkouts whose release needs more than the handle
// (mongoc_client_pool_push, soci::connection_pool::give_back).
// -fix leaves the file unchanged (no CHECK-FIXES lines).
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %sqlite %odbc %mongoc

#include <sqlite3.h>
#include <sql.h>
#include <sqlext.h>
#include <mongoc/mongoc.h>
#include <soci/soci.h>

// CHECK-MESSAGES: :[[@LINE+6]]:7: warning: connection returned through 'db' by 'sqlite3_open' is not released with 'sqlite3_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+7]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+3]]:7: note: release it from a scope guard declared right after the variable, so that every path releases it
int vacuum(const char *path) {
  sqlite3 *db = nullptr;
  if (sqlite3_open(path, &db) != SQLITE_OK)
    return -1;
  if (sqlite3_exec(db, "VACUUM", nullptr, nullptr, nullptr) != SQLITE_OK)
    return -2;
  sqlite3_close(db);
  return 0;
}

// CHECK-MESSAGES: :[[@LINE+5]]:7: warning: statement handle returned through 'stmt' by 'SQLAllocHandle' is not released with 'SQLFreeHandle' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+7]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+3]]:7: note: release it from a scope guard declared right after the variable, so that every path releases it
int run_statement(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  if (SQLExecDirect(stmt, (SQLCHAR *)"DELETE FROM log", SQL_NTS) != SQL_SUCCESS)
    return -2;
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return 0;
}

// A connection handle (SQL_HANDLE_DBC): SQLHDBC is itself a pointer typedef,
// and the code releases it with SQLFreeHandle: a scope guard again.
// CHECK-MESSAGES: :[[@LINE+5]]:7: warning: connection handle returned through 'dbc' by 'SQLAllocHandle' is not released with 'SQLFreeHandle' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+7]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+3]]:7: note: release it from a scope guard declared right after the variable, so that every path releases it
int connect_dbc(SQLHENV env) {
  SQLHDBC dbc;
  if (SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) != SQL_SUCCESS)
    return -1;
  if (SQLConnect(dbc, (SQLCHAR *)"dsn", SQL_NTS, nullptr, 0, nullptr, 0) != SQL_SUCCESS)
    return -2;
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}

// CHECK-MESSAGES: :[[@LINE+4]]:29: warning: pool checkout returned by 'mongoc_client_pool_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+7]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:29: note: return it to the pool from a scope guard declared right after the checkout
int ping(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  bson_t cmd = BSON_INITIALIZER;
  BSON_APPEND_INT32(&cmd, "ping", 1);
  if (!mongoc_client_command_simple(client, "admin", &cmd, NULL, NULL, NULL))
    return -1;
  mongoc_client_pool_push(pool, client);
  return 0;
}

// CHECK-MESSAGES: :[[@LINE+4]]:21: warning: pool checkout returned by 'lease' is not released with 'give_back' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:21: note: check the session out with 'soci::session sql(pool)', which gives it back on every path
int check_session(soci::connection_pool &pool) {
  std::size_t pos = pool.lease();
  soci::session &s = pool.at(pos);
  if (!s.is_connected())
    return -1;
  pool.give_back(pos);
  return 0;
}
