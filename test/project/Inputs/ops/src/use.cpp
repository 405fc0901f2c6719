#include "pool.h"

int shard_ok(Pool &p, int shard) {
  PGconn *c = p[shard];
  if (PQstatus(c) != CONNECTION_OK)
    return 0; // leaks c
  PQfinish(c);
  return 1;
}

int healthy(Pool &p) {
  PGresult *r = *p;
  if (PQresultStatus(r) != PGRES_TUPLES_OK)
    return 0; // leaks r
  PQclear(r);
  return 1;
}

int named(Pool &p) {
  PGconn *c = p("app");
  int ok = PQstatus(c) == CONNECTION_OK;
  PQfinish(c);
  return ok;
}
