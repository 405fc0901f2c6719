// connleak-pooler-session-state: libpq behind PgBouncer in transaction mode.
// A connection whose literal conninfo matches PoolerEndpoints (default
// '*port=6432*' and '*pgbouncer*') is pooled; session-level statements sent
// on it are reported, transaction-scoped forms are not. Multi-statement
// strings are judged statement by statement, by tokens (comments and
// strings are not statements), and SQL built at run time is not judged.
// RUN: %check_connleak %s connleak-pooler-session-state %t -- -- %cflags %pq

#include <libpq-fe.h>
#include <stdio.h>

void session_state(void) {
  PGconn *conn = PQconnectdb("host=db.internal port=6432 dbname=shop connect_timeout=5");
  PQclear(PQexec(conn, "SET search_path TO shop"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' sends 'SET search_path' without LOCAL through a transaction-mode pooler: the setting stays on the server connection, which the pooler then hands to other clients, and this client's next transaction may run on a connection without it; use SET LOCAL inside a transaction [connleak-pooler-session-state]
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'PQconnectdb' connects through a transaction-mode pooler: its connection string matches PoolerEndpoints pattern '*port=6432*'
  PQclear(PQexec(conn, "listen order_events"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' sends 'LISTEN' through a transaction-mode pooler: the server connection is subscribed, not this client: notifications reach whichever client holds it next [connleak-pooler-session-state]
  // CHECK-MESSAGES: :[[@LINE-6]]:18: note: 'PQconnectdb' connects {{.*}}
  PQclear(PQexec(conn, "SELECT pg_advisory_lock(42)"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' sends 'pg_advisory_lock' through a transaction-mode pooler: a session advisory lock is held by the server connection, not by this client: it outlives the transaction, and the unlock may run on another connection; use pg_advisory_xact_lock [connleak-pooler-session-state]
  // CHECK-MESSAGES: :[[@LINE-9]]:18: note: 'PQconnectdb' connects {{.*}}
  PQclear(PQexec(conn, "CREATE TEMP TABLE cart_tmp (id int)"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' sends 'CREATE TEMP TABLE' through a transaction-mode pooler: the temporary object lives as long as the server connection: other clients see it, and this client's next transaction may not; use ON COMMIT DROP inside a transaction [connleak-pooler-session-state]
  // CHECK-MESSAGES: :[[@LINE-12]]:18: note: 'PQconnectdb' connects {{.*}}
  PQclear(PQexec(conn, "PREPARE by_id AS SELECT * FROM orders WHERE id = $1"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' sends 'PREPARE' through a transaction-mode pooler: the prepared statement exists on one server connection only, and the next transaction may run on another [connleak-pooler-session-state]
  // CHECK-MESSAGES: :[[@LINE-15]]:18: note: 'PQconnectdb' connects {{.*}}
  PQclear(PQexec(conn, "BEGIN; DECLARE c CURSOR WITH HOLD FOR SELECT * FROM orders; COMMIT"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' sends 'DECLARE ... WITH HOLD' through a transaction-mode pooler: the cursor stays open on the server connection after the transaction, and the next transaction may run on another connection [connleak-pooler-session-state]
  // CHECK-MESSAGES: :[[@LINE-18]]:18: note: 'PQconnectdb' connects {{.*}}
  // Two statements of one string: two findings.
  PQsendQuery(conn, "Set TimeZone = 'UTC'; -- per session\nSET statement_timeout = 0");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'PQsendQuery' sends 'SET TimeZone' without LOCAL through a transaction-mode pooler: {{.*}}
  // CHECK-MESSAGES: :[[@LINE-22]]:18: note: 'PQconnectdb' connects {{.*}}
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: 'PQsendQuery' sends 'SET statement_timeout' without LOCAL through a transaction-mode pooler: {{.*}}
  // CHECK-MESSAGES: :[[@LINE-24]]:18: note: 'PQconnectdb' connects {{.*}}
  PQclear(PQgetResult(conn));

  // Negative: transaction-scoped forms.
  PQclear(PQexec(conn, "BEGIN; SET LOCAL search_path TO shop; SELECT pg_advisory_xact_lock(42); "
                       "CREATE TEMP TABLE t (id int) ON COMMIT DROP; COMMIT"));
  PQclear(PQexec(conn, "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"));
  // Negative: in comments and strings only.
  PQclear(PQexec(conn, "SELECT 'SET search_path TO x' /* LISTEN x */ -- PREPARE x\n"));
  PQclear(PQexec(conn, "SELECT \"pg_advisory_lock\" FROM locks"));
  // Negative: built at run time.
  char sql[64];
  snprintf(sql, sizeof sql, "SET search_path TO %s", "shop");
  PQclear(PQexec(conn, sql));
  // Negative: protocol-level prepared statements are kept by PgBouncer 1.21+.
  PQclear(PQprepare(conn, "by_id", "SELECT * FROM orders WHERE id = $1", 1, NULL));
  PQfinish(conn);
}

// Negative: a direct connection (not through the pooler) keeps its session.
void direct(void) {
  PGconn *conn = PQconnectdb("host=db.internal port=5432 dbname=shop connect_timeout=5");
  PQclear(PQexec(conn, "SET search_path TO shop"));
  PQclear(PQexec(conn, "LISTEN order_events"));
  PQfinish(conn);
}

// A URI naming the pooler's host, through a helper of the same file, and a
// global set once and used elsewhere.
static PGconn *open_bouncer(void) {
  PGconn *c = PQconnectdb("postgresql://app@PgBouncer.internal/shop?connect_timeout=5");
  return c;
}

void via_helper(void) {
  PGconn *conn = open_bouncer();
  PQclear(PQexec(conn, "SET application_name = 'worker'"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' sends 'SET application_name' without LOCAL through a transaction-mode pooler: {{.*}}
  // CHECK-MESSAGES: :[[@LINE-8]]:15: note: 'PQconnectdb' connects through a transaction-mode pooler: its connection string matches PoolerEndpoints pattern '*pgbouncer*'
  PQfinish(conn);
}

static PGconn *shared;

void init_db(void) { shared = PQconnectdb("host=pgbouncer dbname=shop connect_timeout=5"); }

void on_event(void) {
  PQclear(PQexec(shared, "LISTEN stock"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' sends 'LISTEN' through a transaction-mode pooler: {{.*}}
  // CHECK-MESSAGES: :[[@LINE-5]]:31: note: 'PQconnectdb' connects through a transaction-mode pooler: its connection string matches PoolerEndpoints pattern '*pgbouncer*'
}

// Negative: a connection string built at run time is not judged.
void unknown(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  PQclear(PQexec(conn, "SET search_path TO shop"));
  PQfinish(conn);
}
