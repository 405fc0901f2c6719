// connleak-per-request-client: a loop that builds a client for another
// target in each iteration (each database of a cluster, each file, each
// host of a list) needs one client per target; it does not build the
// client "instead of once", and is not reported. The target is another one
// when an argument of the construction depends on what the loop itself
// changes (its counter, its cursor, what its condition assigns), directly or
// through variables the iteration defines from them. What a nested loop
// changes starts again in each iteration of the outer loop: an outer loop
// that goes over the same list again and again is reported.
// (PostgreSQL's pg_upgrade, pg_amcheck and vacuumdb connect to each
// database in turn: a connection serves one database.)
// The program's helpers that connect are in another file: a model file
// made by `connleak summarize` tells the plugin that they build clients.
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %S/Inputs/pg-helpers.c %S/Inputs/pg-helpers.h %t.dir/
// RUN: echo '[{"directory": "%t.dir", "file": "pg-helpers.c", "command": "cc -c pg-helpers.c %pq"}]' > %t.dir/compile_commands.json
// RUN: %connleak_build/bin/connleak summarize -p %t.dir --cache-dir=off -o %t.dir/helpers.yaml
// RUN: FileCheck %s --check-prefix=MODEL --input-file=%t.dir/helpers.yaml
// MODEL: function: 'connect_params'
// MODEL: function: 'connect_to'
// RUN: %check_connleak -config="{CheckOptions: {connleak.ModelFiles: '%t.dir/helpers.yaml'}}" \
// RUN:   %s connleak-per-request-client %t -- -- %cflags %pq %hiredis %sqlite -I%S/Inputs

#include "pg-helpers.h"
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Negative (pg_upgrade): the database names come from a query; each
// iteration connects to the database of its row.
void set_frozenxids(PGconn *template1) {
  PGresult *dbres = PQexec(template1, "SELECT datname FROM pg_database");
  PGconn *conn;
  int ntups = PQntuples(dbres);
  for (int dbnum = 0; dbnum < ntups; dbnum++) {
    char *datname = PQgetvalue(dbres, dbnum, 0);
    conn = connect_to(datname);
    PQclear(PQexec(conn, "UPDATE pg_catalog.pg_class SET relfrozenxid = 0"));
    PQfinish(conn);
  }
  PQclear(dbres);
}

// Negative: the same with PQconnectdbParams, the name put in an element
// of the values array by the iteration.
void analyze_all(const char **names, int n) {
  const char *keys[] = {"dbname", "connect_timeout", NULL};
  const char *vals[] = {NULL, "10", NULL};
  for (int i = 0; i < n; i++) {
    vals[0] = names[i];
    PGconn *c = PQconnectdbParams(keys, vals, 0);
    PQclear(PQexec(c, "ANALYZE"));
    PQfinish(c);
  }
}

// Negative (pg_amcheck): a cursor over a list of databases; the
// parameters are a struct whose field the iteration sets; the connection is
// kept while the database stays the same.
struct db_cell {
  const char *datname;
  struct db_cell *next;
};
void check_all(struct db_cell *databases, const char *host) {
  struct conn_params cparams = {host, NULL};
  PGconn *conn = NULL;
  for (struct db_cell *cell = databases; cell; cell = cell->next) {
    cparams.dbname = cell->datname;
    if (conn == NULL || strcmp(PQdb(conn), cell->datname) != 0) {
      if (conn != NULL)
        PQfinish(conn);
      conn = connect_params(&cparams);
    }
    PGresult *r = PQexec(conn, "SELECT 1");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      PQclear(r);
      PQfinish(conn);
      conn = NULL;
      continue;
    }
    PQclear(r);
  }
  PQfinish(conn);
}

// Negative: one file per item; the loop's condition reads the next path.
const char *next_path(void);
int vacuum_files(void) {
  const char *path;
  while ((path = next_path()) != NULL) {
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
      sqlite3_close(db);
      continue;
    }
    sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
    sqlite3_close(db);
  }
  return 0;
}

// Positive: an outer loop polls the same hosts again and again: each of
// its iterations builds the same clients again (the inner loop is judged
// per host, and not reported).
void poll_forever(const char **hosts, int n) {
  struct timeval tv = {1, 0};
  for (;;) {
    for (int i = 0; i < n; i++) {
      redisContext *c = redisConnectWithTimeout(hosts[i], 6379, tv);
      // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'redisConnectWithTimeout' builds a new connection inside a loop [connleak-per-request-client]
      // CHECK-MESSAGES: :[[@LINE-2]]:25: note: share one instead: keep one redisContext per worker and reuse it
      if (c && !c->err)
        freeReplyObject(redisCommand(c, "PING"));
      redisFree(c);
    }
    sleep(10);
  }
}

// Positive: the counter is used, but not by the connection: the same
// database for every item.
void run_all(const char *ci, const char **queries, int n) {
  for (int i = 0; i < n; i++) {
    PGconn *c = PQconnectdb(ci);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'PQconnectdb' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
    PQclear(PQexec(c, queries[i]));
    PQfinish(c);
  }
}

// Positive: a variable the iteration assigns, but from nothing that
// changes: the same target each time.
void run_env(const char **queries, int n) {
  const char *ci;
  for (int i = 0; i < n; i++) {
    ci = getenv("DATABASE_URL");
    PGconn *c = PQconnectdb(ci);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'PQconnectdb' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
    PQclear(PQexec(c, queries[i]));
    PQfinish(c);
  }
}

// Positive: the helper builds a connection to the same database per item.
void helper_each(const char **queries, int n) {
  for (int i = 0; i < n; i++) {
    PGconn *c = connect_to("app");
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'connect_to' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
    PQclear(PQexec(c, queries[i]));
    PQfinish(c);
  }
}
