// MySQL/MariaDB C API: mysql_init -> mysql_close (also after a failed
// mysql_real_connect), mysql_store_result/mysql_use_result ->
// mysql_free_result, mysql_stmt_init -> mysql_stmt_close.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %mysql

#include <mysql.h>
#include <stddef.h>

// Positive: a failed mysql_real_connect leaves the MYSQL handle allocated.
int connect_failure_leaks(void) {
  MYSQL *db = mysql_init(NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: connection returned by 'mysql_init' is not released with 'mysql_close' on every path [connleak-unreleased-handle]
  if (!db)
    return -1;
  if (!mysql_real_connect(db, "db.internal", "app", "secret", "orders", 0,
                          NULL, 0))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  mysql_close(db);
  return 0;
}

// Negative: closed on the connect failure path as well.
int connect_failure_closed(void) {
  MYSQL *db = mysql_init(NULL);
  if (db == NULL)
    return -1;
  if (!mysql_real_connect(db, "db.internal", "app", "secret", "orders", 0,
                          NULL, 0)) {
    mysql_close(db);
    return -1;
  }
  mysql_close(db);
  return 0;
}

// Positive: a stored result leaks on the empty-result early return.
long store_result(MYSQL *db) {
  if (mysql_query(db, "SELECT id FROM orders"))
    return -1;
  MYSQL_RES *res = mysql_store_result(db);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: result returned by 'mysql_store_result' is not released with 'mysql_free_result' on every path [connleak-unreleased-handle]
  if (!res)
    return -1;
  long n = (long)mysql_num_rows(res);
  if (n == 0)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  mysql_free_result(res);
  return n;
}

// Negative: mysql_use_result with a fetch loop.
long use_result(MYSQL *db) {
  MYSQL_RES *res = mysql_use_result(db);
  if (!res)
    return -1;
  MYSQL_ROW row;
  long n = 0;
  while ((row = mysql_fetch_row(res)) != NULL)
    n++;
  mysql_free_result(res);
  return n;
}

// Positive: mysql_use_result never freed.
unsigned use_result_leak(MYSQL *db) {
  MYSQL_RES *res = mysql_use_result(db);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: result returned by 'mysql_use_result' is not released with 'mysql_free_result' on every path [connleak-unreleased-handle]
  return res ? mysql_num_fields(res) : 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Positive: the prepare error path skips mysql_stmt_close.
int stmt_prepare_fails(MYSQL *db) {
  MYSQL_STMT *stmt = mysql_stmt_init(db);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: statement returned by 'mysql_stmt_init' is not released with 'mysql_stmt_close' on every path [connleak-unreleased-handle]
  if (!stmt)
    return -1;
  if (mysql_stmt_prepare(stmt, "SELECT 1", 8))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  mysql_stmt_close(stmt);
  return 0;
}

// Negative: one exit, the statement is always closed.
int stmt_ok(MYSQL *db) {
  MYSQL_STMT *stmt = mysql_stmt_init(db);
  if (!stmt)
    return -1;
  int rc = 0;
  if (mysql_stmt_prepare(stmt, "SELECT 1", 8) || mysql_stmt_execute(stmt))
    rc = -1;
  mysql_stmt_close(stmt);
  return rc;
}

// Positive: the statement's result metadata is also a MYSQL_RES.
int stmt_metadata(MYSQL_STMT *stmt) {
  MYSQL_RES *meta = mysql_stmt_result_metadata(stmt);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: result returned by 'mysql_stmt_result_metadata' is not released with 'mysql_free_result' on every path [connleak-unreleased-handle]
  if (!meta)
    return 0;
  return (int)mysql_num_fields(meta);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Negative: mysql_init(&m) initialises a MYSQL the caller owns and returns
// &m; it is not an allocation (the manual's own examples).
int stack_handle(void) {
  MYSQL m;
  mysql_init(&m);
  if (!mysql_real_connect(&m, "db.internal", "app", "secret", "orders", 0,
                          NULL, 0)) {
    mysql_close(&m);
    return -1;
  }
  mysql_close(&m);
  return 0;
}
int stack_handle_checked(void) {
  MYSQL m;
  if (!mysql_init(&m))
    return -1;
  mysql_close(&m);
  return 0;
}

// Positive: any null pointer constant asks mysql_init to allocate.
int init_zero_leaks(void) {
  MYSQL *db = mysql_init(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: connection returned by 'mysql_init' is not released with 'mysql_close' on every path [connleak-unreleased-handle]
  return db != NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}
