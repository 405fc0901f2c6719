// connleak-pooler-session-state: libpqxx's connection::prepare creates a
// protocol-level named prepared statement: reported on a pooled connection
// only with PoolerSupportsPreparedStatements false.
// RUN: %check_connleak %s connleak-pooler-session-state %t.default -- -- %cxxflags %pq
// RUN: %check_connleak -check-suffix=OLD \
// RUN:   -config="{CheckOptions: {connleak-pooler-session-state.PoolerSupportsPreparedStatements: 'false'}}" \
// RUN:   %s connleak-pooler-session-state %t.old -- -- %cxxflags %pq

#include <pqxx/pqxx>

void prepare() {
  pqxx::connection c{"host=pgbouncer dbname=shop connect_timeout=5"};
  c.prepare("by_id", "SELECT * FROM orders WHERE id = $1");
  // CHECK-MESSAGES-OLD: :[[@LINE-1]]:3: warning: 'prepare' creates a named prepared statement through a transaction-mode pooler that does not keep them (PoolerSupportsPreparedStatements is false): the next transaction may run on a server connection without it [connleak-pooler-session-state]
  // CHECK-MESSAGES-OLD: :[[@LINE-3]]:20: note: 'pqxx::connection' connects through a transaction-mode pooler: its connection string matches PoolerEndpoints pattern '*pgbouncer*'
  pqxx::work w(c);
  w.exec_prepared("by_id", 1);
  w.commit();
}
