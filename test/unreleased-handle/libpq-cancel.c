// libpq cancel handles: PQgetCancel -> PQfreeCancel.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>

// Negative.
int cancel_ok(PGconn *conn) {
  char err[256];
  PGcancel *cancel = PQgetCancel(conn);
  if (!cancel)
    return -1;
  int rc = PQcancel(cancel, err, sizeof err);
  PQfreeCancel(cancel);
  return rc;
}

// Positive: PQcancel failure path.
int cancel_leak(PGconn *conn) {
  char err[256];
  PGcancel *cancel = PQgetCancel(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: cancel handle returned by 'PQgetCancel' is not released with 'PQfreeCancel' on every path [connleak-unreleased-handle]
  if (!cancel)
    return -1;
  if (!PQcancel(cancel, err, sizeof err))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  PQfreeCancel(cancel);
  return 0;
}

// Positive: the handle is passed straight to PQcancel and never freed.
int cancel_unstored(PGconn *conn) {
  char err[256];
  return PQcancel(PQgetCancel(conn), err, sizeof err);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: cancel handle returned by 'PQgetCancel' is not released with 'PQfreeCancel' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: leaked here: the handle is never stored
}
