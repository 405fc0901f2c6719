// exception-unsafe-release is not reported inside a noexcept function: an
// exception leaving it calls std::terminate(), so the process ends (like the
// exit()/abort() paths, which leak nothing).  Destructors are implicitly
// noexcept; a noexcept lambda counts too; noexcept(false) does not.
// RUN: %check_connleak %s connleak-exception-unsafe-release %t -- -- %cxxflags %pq

#include <libpq-fe.h>

void audit(const char *what); // may throw

// Negative: a noexcept function.
int in_noexcept(PGconn *conn) noexcept {
  PGresult *res = PQexec(conn, "SELECT 1");
  audit("query");
  PQclear(res);
  return 0;
}

// Negative: a destructor.
struct Auditor {
  PGconn *conn;
  ~Auditor() {
    PGresult *res = PQexec(conn, "SELECT 1");
    audit("shutdown");
    PQclear(res);
  }
};

// Negative: a noexcept lambda.
void in_lambda(PGconn *conn) {
  auto run = [conn]() noexcept {
    PGresult *res = PQexec(conn, "SELECT 1");
    audit("lambda");
    PQclear(res);
  };
  run();
}

// Positive: noexcept(false) may throw.
int may_throw(PGconn *conn) noexcept(false) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  audit("query");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: an exception thrown by 'audit' here leaks it
  PQclear(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return 0;
}

// Positive: the same function without noexcept.
int plain(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  audit("query");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: an exception thrown by 'audit' here leaks it
  PQclear(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return 0;
}
