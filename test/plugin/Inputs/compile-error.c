#include <libpq-fe.h>

/* Does not compile: skipped by the analysis (it would leak). */
int broken(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return undeclared_status;
  PQfinish(conn);
  return 0;
}

/* Compiles: still analysed. */
int fine(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  return PQstatus(conn);
}
