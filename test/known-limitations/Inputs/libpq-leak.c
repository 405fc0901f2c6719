#include <libpq-fe.h>

int leak(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  return PQstatus(conn);
}
