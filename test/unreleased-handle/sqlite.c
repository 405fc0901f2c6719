// SQLite: sqlite3_open/_v2/16 return the connection through their second
// argument, allocated even when the open fails (it must still be closed);
// sqlite3_prepare* return the statement through an out-parameter that is
// NULL on failure.  Status codes saved in a variable are followed.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %sqlite

#include <sqlite3.h>
#include <stddef.h>

// Positive: a failed open still allocates the connection.
int open_failure_leaks(const char *path) {
  sqlite3 *db;
  if (sqlite3_open(path, &db) != SQLITE_OK)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: connection returned through 'db' by 'sqlite3_open' is not released with 'sqlite3_close' on every path [connleak-unreleased-handle]
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  sqlite3_close(db);
  return 0;
}

// Negative: closed on failure, with the status code in a variable.
int open_failure_closed(const char *path) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open(path, &db);
  if (rc != SQLITE_OK) {
    sqlite3_close(db);
    return rc;
  }
  sqlite3_close(db);
  return 0;
}

// Positive: sqlite3_open_v2, `if (rc)` return without close.
int open_v2_leaks(const char *path) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: connection returned through 'db' by 'sqlite3_open_v2' is not released with 'sqlite3_close' on every path [connleak-unreleased-handle]
  if (rc)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  return sqlite3_close_v2(db);
}

// Positive: sqlite3_open16, status ignored, never closed.
int open16_ignored(const void *path) {
  sqlite3 *db;
  sqlite3_open16(path, &db);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: connection returned through 'db' by 'sqlite3_open16' is not released with 'sqlite3_close' on every path [connleak-unreleased-handle]
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Negative: the documented pattern; on failure the statement is NULL.
int prepare_status_var(sqlite3 *db) {
  sqlite3_stmt *stmt;
  int rc = sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
  }
  sqlite3_finalize(stmt);
  return 0;
}

// Negative: the status compared directly in the condition.
int prepare_status_direct(sqlite3 *db) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return 0;
}

// Negative: the statement is used and finalized only when rc == SQLITE_OK.
int prepare_ok_block(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
  }
  return rc;
}

// Negative: the same status tested twice (correlated branches).
int prepare_tested_twice(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_step(stmt);
  if (rc == SQLITE_OK)
    sqlite3_finalize(stmt);
  return rc;
}

// Positive: rc is reused for sqlite3_step; the second early return leaks.
int prepare_rc_reused(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: statement returned through 'stmt' by 'sqlite3_prepare_v2' is not released with 'sqlite3_finalize' on every path [connleak-unreleased-handle]
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step(stmt);
  if (rc != SQLITE_ROW)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  sqlite3_finalize(stmt);
  return 0;
}

// Positive: sqlite3_prepare_v3 (statement is its 5th argument).
int prepare_v3(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  sqlite3_prepare_v3(db, "SELECT 1", -1, 0, &stmt, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: statement returned through 'stmt' by 'sqlite3_prepare_v3' is not released with 'sqlite3_finalize' on every path [connleak-unreleased-handle]
  return sqlite3_step(stmt);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Positive: legacy sqlite3_prepare; the success path forgets to finalize.
int prepare_legacy(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare(db, "SELECT 1", -1, &stmt, NULL))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: statement returned through 'stmt' by 'sqlite3_prepare' is not released with 'sqlite3_finalize' on every path [connleak-unreleased-handle]
    return 1;
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Positive: a failure code other than the model's representative one.  Any
// non-zero status is a failed open, and the connection is still allocated.
int cantopen(const char *path) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open(path, &db);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: connection returned through 'db' by 'sqlite3_open' is not released with 'sqlite3_close' on every path [connleak-unreleased-handle]
  if (rc == SQLITE_CANTOPEN)
    return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  sqlite3_close(db);
  return 0;
}

// Negative: closed on those failure codes too.
int cantopen_closed(const char *path) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open(path, &db);
  if (rc == SQLITE_CANTOPEN || rc == SQLITE_PERM) {
    sqlite3_close(db);
    return rc;
  }
  sqlite3_close(db);
  return 0;
}

// Negative: a failed prepare (any non-zero code) leaves the statement NULL.
int prepare_busy(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL);
  if (rc == SQLITE_BUSY)
    return rc;
  if (rc != SQLITE_OK)
    return -1;
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return 0;
}
