#include "pg-helpers.h"
#include <stddef.h>

PGconn *connect_to(const char *dbname) {
  const char *keys[] = {"dbname", "connect_timeout", NULL};
  const char *vals[] = {dbname, "10", NULL};
  PGconn *c = PQconnectdbParams(keys, vals, 0);
  if (PQstatus(c) != CONNECTION_OK) {
    PQfinish(c);
    return NULL;
  }
  return c;
}

PGconn *connect_params(const struct conn_params *p) {
  return connect_to(p->dbname);
}
