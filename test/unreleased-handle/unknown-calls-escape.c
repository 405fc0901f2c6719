// Option UnknownCallsEscape: by default a handle passed to a function with no
// body and no model escapes (no report).  With the option false, such calls
// only borrow the handle, and the leak is reported.
// RUN: %check_connleak -check-suffix=DEFAULT %s connleak-unreleased-handle %t.default -- -- %pq
// RUN: %check_connleak -check-suffix=STRICT \
// RUN:   -config="{CheckOptions: {connleak-unreleased-handle.UnknownCallsEscape: false}}" \
// RUN:   %s connleak-unreleased-handle %t.strict -- -- %pq

#include <libpq-fe.h>

void registry_add(PGconn *conn);
void trace_conn(PGconn **conn);

// Passed by value to an unknown function.
void by_value(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  registry_add(conn);
}
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:1: note: leaked at the end of the function

// Acquired directly as the argument of an unknown function.
void as_argument(const char *conninfo) {
  registry_add(PQconnectdb(conninfo));
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:16: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:16: note: leaked here: the handle is never stored
}

// Its address passed to an unknown function.
void by_address(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  trace_conn(&conn);
}
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:1: note: leaked at the end of the function

// Both modes: a released handle is fine, and stores into a field still
// escape with the option off.
struct holder { PGconn *conn; };
void released(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  registry_add(conn);
  PQfinish(conn);
}
void stored(struct holder *h, const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  h->conn = conn;
}

// Both modes: a leak that has nothing to do with unknown calls.
int plain_leak(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  return PQstatus(conn);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: note: leaked when returning here
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:3: note: leaked when returning here
}
