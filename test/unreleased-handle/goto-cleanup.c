// The C cleanup idiom: handles initialised to NULL, `goto cleanup`, and
// NULL-guarded releases at the label.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq %sqlite

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stddef.h>

// Negative: every goto reaches the guarded releases.
int query_count(const char *conninfo) {
  PGconn *conn = NULL;
  PGresult *res = NULL;
  int rc = -1;
  conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    goto cleanup;
  res = PQexec(conn, "SELECT count(*) FROM orders");
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    goto cleanup;
  rc = PQntuples(res);
cleanup:
  if (res)
    PQclear(res);
  if (conn != NULL)
    PQfinish(conn);
  return rc;
}

// Positive twice: the first goto jumps past PQfinish, the second past
// PQclear; both leaks show at the shared return.
int query_wrong_labels(const char *conninfo) {
  PGconn *conn = NULL;
  PGresult *res = NULL;
  int rc = -1;
  conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+12]]:3: note: leaked when returning here
  if (PQstatus(conn) != CONNECTION_OK)
    goto out;
  res = PQexec(conn, "SELECT count(*) FROM orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    goto finish;
  rc = PQntuples(res);
  PQclear(res);
finish:
  PQfinish(conn);
out:
  return rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Negative: sqlite out-parameters with a single cleanup label; the failed
// open is closed too (sqlite3_close(NULL) is harmless).
int sqlite_cleanup(const char *path) {
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_open(path, &db);
  if (rc != SQLITE_OK)
    goto done;
  rc = sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto done;
  rc = sqlite3_step(stmt);
done:
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rc;
}

// Positive: the failed open jumps to a label after sqlite3_close.
int sqlite_cleanup_skips_close(const char *path) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open(path, &db);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: connection returned through 'db' by 'sqlite3_open' is not released with 'sqlite3_close' on every path [connleak-unreleased-handle]
  if (rc != SQLITE_OK)
    goto fail;
  rc = sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
  sqlite3_close(db);
  return rc;
fail:
  return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}
