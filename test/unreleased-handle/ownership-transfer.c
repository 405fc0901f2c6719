// Ownership transfer: a handle that is returned, stored in a struct field,
// a global, an array or an out-parameter, or passed to a function with no
// body and no model (assumed to keep it: UnknownCallsEscape defaults to
// true) is no longer this function's to release.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>
#include <stddef.h>

struct app {
  PGconn *db;
};
static PGconn *g_conn;

// Negative: returned through a variable.
PGconn *returned(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  return conn;
}

// Negative: returned directly.
PGconn *returned_directly(const char *conninfo) {
  return PQconnectdb(conninfo);
}

// Negative: stored in a struct field, through a variable and directly.
void to_field(struct app *a, const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  a->db = conn;
}
void to_field_directly(struct app *a, const char *conninfo) {
  a->db = PQconnectdb(conninfo);
}

// Negative: stored in a global.
void to_global(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  g_conn = conn;
}

// Negative: out-parameter and array element.
void to_out_param(PGconn **out, const char *conninfo) {
  *out = PQconnectdb(conninfo);
}
void to_array(PGconn **pool, const char *conninfo) {
  pool[0] = PQconnectdb(conninfo);
}

// Negative: a struct initialised with the handle and returned.
struct app make_app(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  struct app a = {conn};
  return a;
}

// Negative: passed to an unknown function (no body, no model).
void registry_add(PGconn *conn);
void to_unknown_function(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  registry_add(conn);
}
void to_unknown_function_directly(const char *conninfo) {
  registry_add(PQconnectdb(conninfo));
}

// Positive: returned on one path only; the other path leaks.
PGconn *returned_on_success_only(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (PQstatus(conn) != CONNECTION_OK)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  return conn;
}

// Positive: a borrowing libpq call (PQ*) is not an unknown function.
void borrowed_is_not_transfer(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  PQsetnonblocking(conn, 1);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function
