// connleak-pooler-session-state: a model file may say that every handle a
// function returns goes through a transaction-mode pooler (pooler-connects
// with no 'arg').
// RUN: %check_connleak -config="{CheckOptions: {connleak.ModelFiles: '%S/Inputs/bouncer-model.yaml'}}" \
// RUN:   %s connleak-pooler-session-state %t -- -- %cflags %pq

#include <libpq-fe.h>

PGconn *acme_db_connect(const char *service);

void job(void) {
  PGconn *conn = acme_db_connect("orders");
  PQclear(PQexec(conn, "SET statement_timeout = 0"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' sends 'SET statement_timeout' without LOCAL through a transaction-mode pooler: {{.*}}
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'acme_db_connect' returns a handle that goes through a transaction-mode pooler (pooler-connects in {{.*}}bouncer-model.yaml)
  PQfinish(conn);
}
