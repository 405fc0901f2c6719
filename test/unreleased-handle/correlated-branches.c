// Correlated branches: a flag or a saved NULL test decides both whether the
// handle was acquired and whether it is released.  Such paths are not leaks.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

// Negative: `owned` is true exactly when this function opened the connection.
int owned_flag(const char *conninfo, PGconn *shared) {
  bool owned = false;
  PGconn *conn;
  if (shared) {
    conn = shared;
  } else {
    conn = PQconnectdb(conninfo);
    owned = true;
  }
  int status = PQstatus(conn);
  if (owned)
    PQfinish(conn);
  return status;
}

// Negative: the inverted flag.
void skip_flag(const char *conninfo) {
  PGconn *conn = NULL;
  int skip = 1;
  if (conninfo) {
    conn = PQconnectdb(conninfo);
    skip = 0;
  }
  if (!skip)
    PQfinish(conn);
}

// Negative: the flag records the NULL test of the handle.
int opened_flag(const char *conninfo, bool want) {
  PGconn *conn = NULL;
  bool opened = false;
  if (want) {
    conn = PQconnectdb(conninfo);
    opened = conn != NULL;
  }
  int status = 0;
  if (opened) {
    status = PQstatus(conn);
    PQfinish(conn);
  }
  return status;
}

// Negative: conditionally acquired, released under a NULL test.
void maybe_connect(const char *conninfo, bool want) {
  PGconn *conn = NULL;
  if (want)
    conn = PQconnectdb(conninfo);
  if (conn != NULL)
    PQfinish(conn);
}

// Positive: the flag is set on the wrong branch, so the opened connection
// is never finished.
int wrong_flag(const char *conninfo, PGconn *shared) {
  bool owned = false;
  PGconn *conn;
  if (shared) {
    conn = shared;
    owned = true;
  } else {
    conn = PQconnectdb(conninfo);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  }
  int status = PQstatus(conn);
  if (owned)
    PQfinish(conn);
  return status;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Negative: the status saved in a bool before the branch.
int status_saved(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  bool ok = PQstatus(conn) == CONNECTION_OK;
  if (!ok) {
    PQfinish(conn);
    return -1;
  }
  PQfinish(conn);
  return 0;
}

// Positive: a switch with one case that forgets PQfinish.
int switch_mode(const char *conninfo, int mode) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  switch (mode) {
  case 0:
    PQfinish(conn);
    return 0;
  case 1:
    return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  default:
    break;
  }
  PQfinish(conn);
  return 2;
}
