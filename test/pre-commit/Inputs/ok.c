#include <libpq-fe.h>

int server_version(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  int v = PQserverVersion(conn);
  PQfinish(conn);
  return v;
}
