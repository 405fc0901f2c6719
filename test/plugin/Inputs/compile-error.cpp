#include <libpq-fe.h>

void audit(const char *what);

// Does not compile (a missing member): skipped.
struct Holder { int x; };
int broken(PGconn *conn, Holder &h) {
  PGresult *res = PQexec(conn, "SELECT 1");
  audit("query");
  h.no_such_member = 1;
  PQclear(res);
  return 0;
}

// Compiles: analysed by both checks.
int fine(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  audit("query");
  PQclear(res);
  return 0;
}
