// connleak-pooler-session-state: PoolerSupportsPreparedStatements. By
// default (true: PgBouncer 1.21+ with max_prepared_statements) PQprepare is
// not reported; with false, protocol-level named prepared statements on a
// pooled connection are. SQL-level PREPARE is reported either way.
// RUN: %check_connleak %s connleak-pooler-session-state %t.default -- -- %cflags %pq
// RUN: %check_connleak -check-suffix=OLD \
// RUN:   -config="{CheckOptions: {connleak-pooler-session-state.PoolerSupportsPreparedStatements: false}}" \
// RUN:   %s connleak-pooler-session-state %t.old -- -- %cflags %pq

#include <libpq-fe.h>

void prepare(void) {
  PGconn *conn = PQconnectdb("host=pgbouncer port=6432 dbname=shop connect_timeout=5");
  PQclear(PQprepare(conn, "by_id", "SELECT * FROM orders WHERE id = $1", 1, NULL));
  // CHECK-MESSAGES-OLD: :[[@LINE-1]]:11: warning: 'PQprepare' creates a named prepared statement through a transaction-mode pooler that does not keep them (PoolerSupportsPreparedStatements is false): the next transaction may run on a server connection without it [connleak-pooler-session-state]
  // CHECK-MESSAGES-OLD: :[[@LINE-3]]:18: note: 'PQconnectdb' connects through a transaction-mode pooler: its connection string matches PoolerEndpoints pattern '*port=6432*'
  PQsendPrepare(conn, "by_sku", "SELECT * FROM items WHERE sku = $1", 1, NULL);
  // CHECK-MESSAGES-OLD: :[[@LINE-1]]:3: warning: 'PQsendPrepare' creates a named prepared statement {{.*}}
  // CHECK-MESSAGES-OLD: :[[@LINE-6]]:18: note: 'PQconnectdb' connects {{.*}}
  PQclear(PQgetResult(conn));
  PQfinish(conn);
}

// Negative with either value: not pooled.
void direct(void) {
  PGconn *conn = PQconnectdb("host=db port=5432 dbname=shop connect_timeout=5");
  PQclear(PQprepare(conn, "by_id", "SELECT * FROM orders WHERE id = $1", 1, NULL));
  PQfinish(conn);
}
