// Paths that end the process (exit, abort, _Exit, a noreturn function) are
// not leaks.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

static void die(const char *msg) __attribute__((noreturn));
static void die(const char *msg) {
  fputs(msg, stderr);
  exit(1);
}

// Negative: exit().
int with_exit(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    exit(1);
  PQfinish(conn);
  return 0;
}

// Negative: abort().
int with_abort(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    abort();
  PQfinish(conn);
  return 0;
}

// Negative: _Exit() after printing the error.
int with_underscore_exit(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "%s", PQerrorMessage(conn));
    _Exit(2);
  }
  PQfinish(conn);
  return 0;
}

// Negative: a local noreturn function.
int with_die(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    die("cannot connect\n");
  PQfinish(conn);
  return 0;
}

// Positive: printing is not exiting.
int print_only(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "cannot connect\n");
    return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  }
  PQfinish(conn);
  return 0;
}
