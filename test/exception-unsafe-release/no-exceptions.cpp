// With -fno-exceptions nothing can throw: no exception-unsafe-release.
// RUN: %check_connleak %s connleak-exception-unsafe-release %t -- -- %cxxflags -fno-exceptions %pq

#include <libpq-fe.h>
#include <string>

void audit(const char *what);

int free_function(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  audit("query");
  std::string s = "rows";
  PQclear(res);
  return (int)s.size();
}
