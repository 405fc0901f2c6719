// connleak-pooler-session-state: bad input must not crash and must not give
// false findings: empty and comment-only strings, unterminated strings and
// comments, embedded NULs, SQL and connects written by macros, and SQL or
// connection strings that are not literals.
// RUN: %check_connleak %s connleak-pooler-session-state %t -- -- %cflags %pq

#include <libpq-fe.h>
#include <stddef.h>

#define BOUNCER "host=pgbouncer dbname=shop"
#define CONNECT() PQconnectdb(BOUNCER " connect_timeout=5")
#define RUN(c, sql) PQclear(PQexec((c), sql))

extern const char *setting_sql(void);

void bad_input(const char *sql) {
  PGconn *conn = CONNECT();
  RUN(conn, "");
  RUN(conn, "-- SET search_path TO shop");
  RUN(conn, "/* LISTEN x");
  RUN(conn, "SELECT 'SET search_path TO x");
  RUN(conn, "SELECT 1\0; LISTEN hidden");
  RUN(conn, "SET");
  RUN(conn, "CREATE TEMP");
  RUN(conn, "DECLARE");
  RUN(conn, sql);
  RUN(conn, setting_sql());
  PQclear(PQexec(conn, NULL));
  // Positive: SQL and connect from macros, mixed case.
  RUN(conn, "sEt LoCaL_lc = 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'PQexec' sends 'SET LoCaL_lc' without LOCAL through a transaction-mode pooler: {{.*}}
  // CHECK-MESSAGES: :12:29: note: expanded from macro 'RUN'
  // CHECK-MESSAGES: :[[@LINE-16]]:18: note: 'PQconnectdb' connects through a transaction-mode pooler: its connection string matches PoolerEndpoints pattern '*pgbouncer*'
  // CHECK-MESSAGES: :11:19: note: expanded from macro 'CONNECT'
  PQfinish(conn);
}
