// connleak-pooler-session-state: libpqxx. A pqxx::connection built from a
// pooled conninfo is pooled, and so are the transactions built on it.
// RUN: %check_connleak %s connleak-pooler-session-state %t -- -- %cxxflags %pq

#include <pqxx/pqxx>

void worker() {
  pqxx::connection c{"host=pgbouncer.internal dbname=shop connect_timeout=5"};
  pqxx::work w(c);
  w.exec("SET search_path TO shop");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'exec' sends 'SET search_path' without LOCAL through a transaction-mode pooler: {{.*}}
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: 'pqxx::connection' connects through a transaction-mode pooler: its connection string matches PoolerEndpoints pattern '*pgbouncer*'
  w.exec("SELECT pg_try_advisory_lock(7)");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'exec' sends 'pg_try_advisory_lock' through a transaction-mode pooler: {{.*}}
  // CHECK-MESSAGES: :[[@LINE-7]]:20: note: 'pqxx::connection' connects {{.*}}
  // Negative: transaction-scoped.
  w.exec("SET LOCAL search_path TO shop");
  w.exec("SELECT pg_advisory_xact_lock(7)");
  w.commit();
}

class Repo {
public:
  Repo() : conn_("host=db port=6432 dbname=shop connect_timeout=5") {}
  void listen() {
    pqxx::nontransaction n(conn_);
    n.exec("LISTEN orders");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'exec' sends 'LISTEN' through a transaction-mode pooler: {{.*}}
    // CHECK-MESSAGES: :[[@LINE-5]]:12: note: 'pqxx::connection' connects through a transaction-mode pooler: its connection string matches PoolerEndpoints pattern '*port=6432*'
  }

private:
  pqxx::connection conn_;
};

// Negative: a direct connection.
void direct() {
  pqxx::connection c{"host=db port=5432 dbname=shop connect_timeout=5"};
  pqxx::work w(c);
  w.exec("SET search_path TO shop");
}
