#include <libpq-fe.h>

namespace applog { void info(const char *msg); }

int query(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  applog::info("query");
  PQclear(res);
  return 0;
}
