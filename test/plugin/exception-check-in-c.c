// connleak-exception-unsafe-release is a C++ check: a C file with a call
// between acquire and release produces nothing.
// RUN: %check_connleak %s connleak-exception-unsafe-release %t -- -- %pq

#include <libpq-fe.h>

void audit(const char *what);

int between(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  audit("query");
  int n = PQntuples(res);
  PQclear(res);
  return n;
}
