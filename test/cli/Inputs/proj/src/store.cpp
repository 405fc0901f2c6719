// libpq from C++: a throwing call between PQexec and PQclear.
#include <libpq-fe.h>
#include <stdexcept>
#include <string>

void audit(const std::string &what);

int open_orders(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  audit("open_orders");
  int n = PQntuples(res);
  PQclear(res);
  return n;
}
