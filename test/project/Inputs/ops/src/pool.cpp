#include "pool.h"

PGconn *Pool::operator[](int shard) {
  (void)shard;
  return PQconnectdb(conninfo);
}

PGresult *Pool::operator*() {
  PGconn *c = PQconnectdb(conninfo);
  PGresult *r = PQexec(c, "SELECT 1");
  PQfinish(c);
  return r;
}

PGconn *Pool::operator()(const char *db) {
  (void)db;
  return PQconnectdb(conninfo);
}
