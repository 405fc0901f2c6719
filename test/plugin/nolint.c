// The NOLINT comment family (same line, next line, begin/end blocks)
// suppresses connleak warnings on the line of the warning (the
// acquisition), for the named check, a glob or all checks; naming another
// check does not.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>

int nolint_named(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo); // NOLINT(connleak-unreleased-handle)
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  PQfinish(conn);
  return 0;
}

int nolint_all(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo); // NOLINT
  return PQstatus(conn);
}

int nolint_glob(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo); // NOLINT(connleak-*)
  return PQstatus(conn);
}

int nolintnextline(const char *conninfo) {
  // NOLINTNEXTLINE(connleak-unreleased-handle)
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  PQfinish(conn);
  return 0;
}

int nolint_begin_end(const char *conninfo) {
  // NOLINTBEGIN(connleak-unreleased-handle)
  PGconn *conn = PQconnectdb(conninfo);
  // NOLINTEND(connleak-unreleased-handle)
  return PQstatus(conn);
}

// Positive: NOLINT for a different check does not suppress this one.
int nolint_other_check(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo); // NOLINT(connleak-exception-unsafe-release)
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  return PQstatus(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Positive: NOLINTNEXTLINE on the wrong line does not suppress it.
int nolintnextline_wrong_line(const char *conninfo) {
  // NOLINTNEXTLINE(connleak-unreleased-handle)
  const char *info = conninfo;
  PGconn *conn = PQconnectdb(info);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  return PQstatus(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}
