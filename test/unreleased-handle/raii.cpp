// RAII: handles owned by std::unique_ptr with the release function as
// deleter, or by a user class whose destructor releases them, are not
// reported, even on early returns and throws.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <memory>
#include <stdexcept>

using PGconnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using PGresultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// Negative: unique_ptr with decltype(&PQfinish), early return.
int unique_ptr_early_return(const char *conninfo) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK)
    return -1;
  return 0;
}

// Negative: through an alias, with a throw.
int unique_ptr_throw(const char *conninfo) {
  PGconnPtr conn(PQconnectdb(conninfo), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK)
    throw std::runtime_error(PQerrorMessage(conn.get()));
  PGresultPtr res(PQexec(conn.get(), "SELECT 1"), PQclear);
  return PQntuples(res.get());
}

// Negative: reset() hands the handle to the unique_ptr.
int unique_ptr_reset(const char *conninfo) {
  PGconnPtr conn(nullptr, PQfinish);
  conn.reset(PQconnectdb(conninfo));
  return PQstatus(conn.get());
}

// A user RAII class.
class Connection {
public:
  explicit Connection(const char *conninfo) : conn_(PQconnectdb(conninfo)) {}
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection &) = delete;
  Connection &operator=(const Connection &) = delete;
  PGconn *get() const { return conn_; }

private:
  PGconn *conn_;
};

// Negative: the destructor releases.
int user_class(const char *conninfo) {
  Connection conn(conninfo);
  if (PQstatus(conn.get()) != CONNECTION_OK)
    throw std::runtime_error("cannot connect");
  return 0;
}

// A guard struct adopting a raw result.
struct ResultGuard {
  PGresult *res;
  ~ResultGuard() { PQclear(res); }
};

// Negative: aggregate-initialised guard.
int guard_direct(PGconn *conn) {
  ResultGuard g{PQexec(conn, "SELECT 1")};
  return PQntuples(g.res);
}

// Negative: the guard adopts a local variable.
int guard_adopts_variable(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  ResultGuard g{res};
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return -1;
  return PQntuples(res);
}

// Positive: a raw pointer next to a unique_ptr is still tracked.
int raw_beside_raii(const char *conninfo) {
  PGconnPtr conn(PQconnectdb(conninfo), PQfinish);
  PGresult *res = PQexec(conn.get(), "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  return PQntuples(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}
