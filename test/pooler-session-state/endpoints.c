// connleak-pooler-session-state: PoolerEndpoints replaces the default
// patterns. Matching ignores case and spaces around '='.
// RUN: %check_connleak -check-suffix=DEFAULT %s connleak-pooler-session-state %t.default -- -- %cflags %pq
// RUN: %check_connleak -check-suffix=CUSTOM \
// RUN:   -config="{CheckOptions: {connleak-pooler-session-state.PoolerEndpoints: '*host=bouncer-?.internal*; *port=7432*'}}" \
// RUN:   %s connleak-pooler-session-state %t.custom -- -- %cflags %pq

#include <libpq-fe.h>

void a(void) {
  PGconn *conn = PQconnectdb("host=Bouncer-1.internal dbname=shop connect_timeout=5");
  PQclear(PQexec(conn, "LISTEN a"));
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:11: warning: 'PQexec' sends 'LISTEN' through a transaction-mode pooler: {{.*}}
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-3]]:18: note: 'PQconnectdb' connects through a transaction-mode pooler: its connection string matches PoolerEndpoints pattern '*host=bouncer-?.internal*'
  PQfinish(conn);
}

void b(void) {
  PGconn *conn = PQconnectdb("host=db  port = 7432 dbname=shop connect_timeout=5");
  PQclear(PQexec(conn, "LISTEN b"));
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:11: warning: 'PQexec' sends 'LISTEN' through a transaction-mode pooler: {{.*}}
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-3]]:18: note: 'PQconnectdb' connects through a transaction-mode pooler: its connection string matches PoolerEndpoints pattern '*port=7432*'
  PQfinish(conn);
}

void c(void) {
  PGconn *conn = PQconnectdb("host=db port = 6432 dbname=shop connect_timeout=5");
  PQclear(PQexec(conn, "LISTEN c"));
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:11: warning: 'PQexec' sends 'LISTEN' through a transaction-mode pooler: {{.*}}
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-3]]:18: note: 'PQconnectdb' connects through a transaction-mode pooler: its connection string matches PoolerEndpoints pattern '*port=6432*'
  PQfinish(conn);
}
