// exception-unsafe-release negatives: noexcept functions, extern "C"
// functions (the C client libraries themselves and the program's own; the
// AssumeExternCNoThrow option defaults to true), functions whose bodies
// cannot throw, builtins and trivial constructors.
// RUN: %check_connleak %s connleak-exception-unsafe-release %t -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <cstring>

void log_line(const char *msg) noexcept;
extern "C" void c_logger(const char *msg);
extern "C" {
void c_metrics(int n);
}
static int add_one(int n) { return n + 1; } // cannot throw
struct Point {
  int x, y;
};

int only_non_throwing_calls(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  log_line("ran");
  c_logger("ran");
  c_metrics(PQntuples(res));
  int n = add_one(PQntuples(res));
  Point p{n, n};
  n += (int)std::strlen(PQgetvalue(res, 0, 0));
  n += __builtin_popcount((unsigned)p.x);
  PQclear(res);
  return n;
}

// A lambda's body is checked as well: nothing in it throws.
int lambda_non_throwing(PGconn *conn) {
  auto f = [conn]() noexcept {
    PGresult *res = PQexec(conn, "SELECT 1");
    log_line("ran");
    int n = PQntuples(res);
    PQclear(res);
    return n;
  };
  return f();
}
