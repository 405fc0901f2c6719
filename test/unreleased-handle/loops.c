// Loops: a handle held by a loop-body variable leaks at the end of that
// variable's scope when the next iteration starts; re-acquiring into the only
// pointer that holds the previous handle leaks it at the assignment.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq %sqlite

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stddef.h>

// Positive: the loop only ends when PQgetResult returns NULL, so the
// non-NULL result that is not cleared leaks when `res` goes out of scope.
void drain_without_clear(PGconn *conn) {
  for (;;) {
    PGresult *res = PQgetResult(conn);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: result returned by 'PQgetResult' is not released with 'PQclear' on every path [connleak-unreleased-handle]
    if (!res)
      break;
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked at the end of the scope of 'res'
}

// Negative: cleared in each iteration.
void drain_with_clear(PGconn *conn) {
  for (;;) {
    PGresult *res = PQgetResult(conn);
    if (!res)
      break;
    PQclear(res);
  }
}

// Negative: one connection per iteration, always finished.
void connect_each(const char **conninfos, int n) {
  for (int i = 0; i < n; i++) {
    PGconn *conn = PQconnectdb(conninfos[i]);
    if (PQstatus(conn) == CONNECTION_OK)
      PQclear(PQexec(conn, "SELECT 1"));
    PQfinish(conn);
  }
}

// Positive: retry loop; a failed attempt is overwritten by the next one.
void retry_overwrites(const char *conninfo, int tries) {
  PGconn *conn = NULL;
  for (int i = 0; i < tries; i++) {
    conn = PQconnectdb(conninfo);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: leaked when 'conn' is overwritten here
    if (PQstatus(conn) == CONNECTION_OK)
      break;
  }
  PQfinish(conn);
}

// Negative: the failed attempt is finished before retrying.
void retry_ok(const char *conninfo, int tries) {
  PGconn *conn = NULL;
  for (int i = 0; i < tries; i++) {
    conn = PQconnectdb(conninfo);
    if (PQstatus(conn) == CONNECTION_OK)
      break;
    PQfinish(conn);
    conn = NULL;
  }
  if (conn)
    PQfinish(conn);
}

// Positive: an out-parameter re-acquired in a loop overwrites the previous
// statement.
void prepare_each(sqlite3 *db, const char **sqls, int n) {
  sqlite3_stmt *stmt = NULL;
  for (int i = 0; i < n; i++) {
    if (sqlite3_prepare_v2(db, sqls[i], -1, &stmt, NULL) != SQLITE_OK)
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: statement returned through 'stmt' by 'sqlite3_prepare_v2' is not released with 'sqlite3_finalize' on every path [connleak-unreleased-handle]
      // CHECK-MESSAGES: :[[@LINE-2]]:9: note: leaked when 'stmt' is overwritten here
      continue;
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
}

// Negative: finalized inside the loop.
void prepare_each_ok(sqlite3 *db, const char **sqls, int n) {
  for (int i = 0; i < n; i++) {
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, sqls[i], -1, &stmt, NULL) != SQLITE_OK)
      continue;
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
  }
}

// Negative: do/while drain testing the variable in the loop condition.
void drain_do_while(PGconn *conn) {
  PGresult *res;
  do {
    res = PQgetResult(conn);
    if (res)
      PQclear(res);
  } while (res);
}
