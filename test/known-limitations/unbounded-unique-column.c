// Known limitation: unbounded-result recognises a primary key by its name
// only (id, <table>_id). A lookup by another unique column returns at most
// one row but is reported.
// XFAIL: *
// FIXME: unbounded-result reports the lookup by email in on_user() today.
// The right output is nothing, as for the lookup by id. When this passes
// (XPASS), remove the XFAIL line and the item in
// docs/design.md#known-limitations.
// RUN: %check_connleak %s connleak-unbounded-result %t -- -- %cflags %event %pq

#include <event2/http.h>
#include <libpq-fe.h>

void on_user(struct evhttp_request *req, void *arg) {
  const char *p[1] = {"a@example.com"};
  PQclear(PQexecParams(arg, "SELECT * FROM users WHERE email = $1", 1, NULL, p,
                       NULL, NULL, 0));
  PQclear(PQexecParams(arg, "SELECT * FROM users WHERE id = $1", 1, NULL, p,
                       NULL, NULL, 0));
}
