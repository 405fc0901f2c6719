// Same-TU summaries of C++ member functions: a static factory method is an
// acquirer, a method storing its argument in a member is a sink, a static
// close method is a releaser.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cxxflags %pq

#include <libpq-fe.h>

class Db {
public:
  static PGconn *open(const char *conninfo) { return PQconnectdb(conninfo); }
  static void close(PGconn *conn) { PQfinish(conn); }
  void adopt(PGconn *conn) { conn_ = conn; }

private:
  PGconn *conn_ = nullptr;
};

// Positive: the factory's connection leaks on the status path.
int factory_leak(const char *conninfo) {
  PGconn *conn = Db::open(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'open' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
  Db::close(conn);
  return 0;
}

// Negative: released by the static close method.
int factory_ok(const char *conninfo) {
  PGconn *conn = Db::open(conninfo);
  int status = PQstatus(conn);
  Db::close(conn);
  return status;
}

// Negative: adopted by the object.
void adopted(Db &db, const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  db.adopt(conn);
}
