#include <libpq-fe.h>

/* Already committed: this leak is not part of any staged change, so the
   hook must not report it. */
int count_users(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  PGresult *res = PQexec(conn, "SELECT count(*) FROM users");
  int n = PQntuples(res);
  PQclear(res);
  PQfinish(conn);
  return n;
}
