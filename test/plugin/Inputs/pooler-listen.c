#include <libpq-fe.h>

void job(void) {
  PGconn *conn = PQconnectdb("host=pgbouncer port=6432 dbname=shop");
  PQclear(PQexec(conn, "LISTEN orders"));
  PQfinish(conn);
}
