// Fix-its for handles that come out through an out-parameter (kind 3): the
// variable keeps its raw pointer for the acquiring call, and a scope guard
// declared right after the variable releases whatever it holds at the end of
// the scope, so the failure paths of the acquisition are covered too. The
// explicit releases that only a return follows are removed.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %sqlite %odbc

// CHECK-FIXES:      {{^}}#include <sqlite3.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <sql.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <sqlext.h>{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}
#include <sqlite3.h>
#include <sql.h>
#include <sqlext.h>

// sqlite3_open also allocates the handle when it fails: the guard, declared
// right after the variable, closes it on the failure path too.
// CHECK-MESSAGES: :[[@LINE+5]]:7: warning: connection returned through 'db' by 'sqlite3_open' is not released with 'sqlite3_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: leaked when returning here
int vacuum(const char *path) {
  sqlite3 *db = nullptr;
  if (sqlite3_open(path, &db) != SQLITE_OK)
    return -1;
  if (sqlite3_exec(db, "VACUUM", nullptr, nullptr, nullptr) != SQLITE_OK)
    return -2;
  sqlite3_close(db);
  return 0;
}
// CHECK-FIXES:      {{^}}int vacuum(const char *path) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  sqlite3 *db = nullptr;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<sqlite3 *, void (*)(sqlite3 **)> db_guard(&db, [](sqlite3 **p) { if (*p) sqlite3_close(*p); });{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (sqlite3_open(path, &db) != SQLITE_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (sqlite3_exec(db, "VACUUM", nullptr, nullptr, nullptr) != SQLITE_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// A statement prepared through an out-parameter; the status is kept.
// CHECK-MESSAGES: :[[@LINE+4]]:12: warning: statement returned through 'st' by 'sqlite3_prepare_v2' is not released with 'sqlite3_finalize' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+7]]:5: note: leaked when returning here
int count_users(sqlite3 *db) {
  sqlite3_stmt *st = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM users", -1, &st, nullptr);
  if (rc != SQLITE_OK)
    return -1;
  if (sqlite3_step(st) != SQLITE_ROW)
    return -2;
  int n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return n;
}
// CHECK-FIXES:      {{^}}int count_users(sqlite3 *db) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  sqlite3_stmt *st = nullptr;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<sqlite3_stmt *, void (*)(sqlite3_stmt **)> st_guard(&st, [](sqlite3_stmt **p) { if (*p) sqlite3_finalize(*p); });{{$}}
// CHECK-FIXES-NEXT: {{^}}  int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM users", -1, &st, nullptr);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (rc != SQLITE_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (sqlite3_step(st) != SQLITE_ROW){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int n = sqlite3_column_int(st, 0);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return n;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// ODBC: the handle variable has no initializer; the fix gives it nullptr so
// the guard never reads an indeterminate value. The release is the call the
// code makes, SQLFreeHandle(SQL_HANDLE_STMT, stmt).
// CHECK-MESSAGES: :[[@LINE+4]]:7: warning: statement handle returned through 'stmt' by 'SQLAllocHandle' is not released with 'SQLFreeHandle' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: leaked when returning here
int run_statement(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS)
    return -1;
  if (SQLExecDirect(stmt, (SQLCHAR *)"DELETE FROM log", SQL_NTS) != SQL_SUCCESS)
    return -2;
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return 0;
}
// CHECK-FIXES:      {{^}}int run_statement(SQLHDBC dbc) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  SQLHSTMT stmt = nullptr;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<SQLHSTMT, void (*)(SQLHSTMT *)> stmt_guard(&stmt, [](SQLHSTMT *p) { if (*p) SQLFreeHandle(SQL_HANDLE_STMT, *p); });{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) != SQL_SUCCESS){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (SQLExecDirect(stmt, (SQLCHAR *)"DELETE FROM log", SQL_NTS) != SQL_SUCCESS){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// No release in the function at all: the guard's release is built from the
// model (SQLFreeHandle with its handle-type argument fixed by `when`).
// CHECK-MESSAGES: :[[@LINE+4]]:3: warning: statement handle returned through 'stmt' by 'SQLAllocHandle' is not released with 'SQLFreeHandle' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:1: note: leaked at the end of the function
void forget_statement(SQLHDBC dbc) {
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
  SQLExecDirect(stmt, (SQLCHAR *)"VACUUM", SQL_NTS);
}
// CHECK-FIXES:      {{^}}void forget_statement(SQLHDBC dbc) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  SQLHSTMT stmt = SQL_NULL_HSTMT;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<SQLHSTMT, void (*)(SQLHSTMT *)> stmt_guard(&stmt, [](SQLHSTMT *p) { if (*p) SQLFreeHandle(SQL_HANDLE_STMT, *p); });{{$}}
// CHECK-FIXES-NEXT: {{^}}  SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);{{$}}
// CHECK-FIXES-NEXT: {{^}}  SQLExecDirect(stmt, (SQLCHAR *)"VACUUM", SQL_NTS);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
