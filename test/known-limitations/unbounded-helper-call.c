// Known limitation: unbounded-result does not follow calls. A handler that
// calls a local helper which reads a whole table is not reported; only the
// query calls in the handler's own body (or a loop's) are judged.
// XFAIL: *
// FIXME: unbounded-result reports nothing in on_export() today. The right
// output is the warning below on the call of load_all(), as for the direct
// PQexec() in on_list(). When this passes (XPASS), remove the XFAIL line
// and the item in docs/design.md#known-limitations.
// RUN: %check_connleak %s connleak-unbounded-result %t -- -- %cflags %event %pq

#include <event2/http.h>
#include <libpq-fe.h>

static PGresult *load_all(PGconn *c) { return PQexec(c, "SELECT * FROM orders"); }

void on_export(struct evhttp_request *req, void *arg) {
  PQclear(load_all(arg));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'load_all' reads every row of 'SELECT ... FROM orders' inside request handler 'on_export': the query has no LIMIT [connleak-unbounded-result]
}

void on_list(struct evhttp_request *req, void *arg) {
  PQclear(PQexec(arg, "SELECT * FROM orders"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' reads every row of 'SELECT ... FROM orders' inside request handler 'on_list': the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: bound it: {{.*}}
}
