#include "dao.hpp"
#include <string>

void audit(const std::string &what);

int a_total(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  audit("a_total");
  int n = PQntuples(res);
  PQclear(res);
  return n + dao_count(conn);
}
