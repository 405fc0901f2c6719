// Same-TU summaries: a local function that returns a fresh handle is an
// acquirer (the message names the wrapper), one that releases its parameter
// is a releaser, one that stores its parameter in a global is a sink, and one
// that only uses it borrows it.  One that releases it on some paths only is
// treated as taking it over (it may release it).  Wrappers of wrappers and wrappers defined
// after their callers work too.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>
#include <stddef.h>

PGconn *open_later(const char *conninfo);
void close_later(PGconn *conn);

static PGconn *open_db(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return NULL;
  }
  return conn;
}
static void close_db(PGconn *conn) {
  if (conn)
    PQfinish(conn);
}
static void close_db_twice_removed(PGconn *conn) { close_db(conn); }
static PGconn *g_conn;
static void keep_db(PGconn *conn) { g_conn = conn; }
static int ping_db(PGconn *conn) { return PQstatus(conn) == CONNECTION_OK; }
static PGconn *open_db_again(const char *conninfo) { return open_db(conninfo); }

// Positive: the wrapper's connection leaks; the message names 'open_db'.
int wrapper_leak(const char *conninfo) {
  PGconn *conn = open_db(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'open_db' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (!conn)
    return -1;
  if (!ping_db(conn))
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  close_db(conn);
  return 0;
}

// Negative: the wrapper may return NULL; close_db releases.
int wrapper_ok(const char *conninfo) {
  PGconn *conn = open_db(conninfo);
  if (!conn)
    return -1;
  int ok = ping_db(conn);
  close_db(conn);
  return ok;
}

// Negative: released through a releaser of a releaser.
void nested_releaser(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  close_db_twice_removed(conn);
}

// Negative: handed to a sink.
void sink(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  keep_db(conn);
}

// Positive: a borrowing wrapper does not release.
void borrower(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  ping_db(conn);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Positive: a wrapper of a wrapper is an acquirer as well.
void wrapper_of_wrapper(const char *conninfo) {
  PGconn *conn = open_db_again(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'open_db_again' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  ping_db(conn);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Positive: wrappers defined further down the file.
int defined_later(const char *conninfo) {
  PGconn *conn = open_later(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'open_later' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  close_later(conn);
  return 0;
}
PGconn *open_later(const char *conninfo) { return PQconnectdb(conninfo); }
void close_later(PGconn *conn) { PQfinish(conn); }

// Positive: the wrapper's result is dropped.
void wrapper_unstored(const char *conninfo) {
  open_db(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: connection returned by 'open_db' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: leaked here: the handle is never stored
}

// Positive: releasing a result with a connection releaser is not a release.
static void clear_result(PGresult *res) { PQclear(res); }
void wrong_family(PGconn *conn) {
  PGconn *other = PQconnectdb("dbname=x");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  clear_result((PGresult *)other);
  (void)conn;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Negative: a helper that releases its parameter on some paths only takes it
// over; the caller's connection is not reported.
static void maybe_close(PGconn *c, int really) {
  if (really)
    PQfinish(c);
}
void conditional_releaser(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  maybe_close(conn, 1);
}
