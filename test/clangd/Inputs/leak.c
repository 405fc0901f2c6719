#include <libpq-fe.h>

int run(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  PQfinish(conn);
  return 0;
}
