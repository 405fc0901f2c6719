// connleak-unbounded-result: libpq. In a request handler (a libevent HTTP
// callback) or a loop, a literal SELECT with no LIMIT that PQexec,
// PQexecParams or PQsendQuery reads whole is reported; bounded forms,
// streaming (PQsetSingleRowMode, cursors), comments and quotes are judged by
// tokens, and SQL built at run time is not judged.
// RUN: %check_connleak %s connleak-unbounded-result %t -- -- %cflags %event %pq

#include <event2/http.h>
#include <libpq-fe.h>
#include <stdio.h>

#define ALL_ORDERS "SELECT * FROM orders"
#define PAGE " LIMIT 50"

static void list_orders(struct evhttp_request *req, void *arg) {
  PGconn *conn = arg;
  // Positive: the whole table.
  PGresult *r = PQexec(conn, "SELECT id, total FROM orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'PQexec' reads every row of 'SELECT ... FROM orders' inside request handler 'list_orders': the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: bound it: add 'LIMIT <page size>' (keyset pagination: WHERE key > $1 ORDER BY key LIMIT n), or send it with PQsendQuery and read it row by row with PQsetSingleRowMode
  PQclear(r);

  // Positive: mixed case, a parameter that is not a key, a schema.
  const char *params[1] = {"open"};
  r = PQexecParams(conn, "select * From public.Orders where status = $1", 1,
                   NULL, params, NULL, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'PQexecParams' reads every row of 'SELECT ... FROM public.Orders' inside request handler 'list_orders': the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: bound it: add 'LIMIT <page size>' (keyset pagination: WHERE key > $1 ORDER BY key LIMIT n), or send it with PQsendQueryParams and read it row by row with PQsetSingleRowMode
  PQclear(r);

  // Positive: LIMIT only in a string, a quoted identifier and comments.
  PQclear(PQexec(conn, "SELECT 'LIMIT 10', \"limit\" FROM orders -- LIMIT 10\n"
                       "/* LIMIT 10 */"));
  // CHECK-MESSAGES: :[[@LINE-2]]:11: warning: 'PQexec' reads every row of 'SELECT ... FROM orders' inside request handler 'list_orders': the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: bound it: {{.*}}

  // Positive: the second statement of a multi-statement string.
  PQclear(PQexec(conn, "SET LOCAL statement_timeout = 500; SELECT * FROM order_lines"));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' reads every row of 'SELECT ... FROM order_lines' inside request handler 'list_orders': the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: bound it: {{.*}}

  // Positive: SQL from a macro; a local initialised with a literal.
  PQclear(PQexec(conn, ALL_ORDERS));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' reads every row of 'SELECT ... FROM orders' inside request handler 'list_orders': the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: bound it: {{.*}}
  const char *q = "SELECT * FROM customers ORDER BY name";
  PQclear(PQexec(conn, q));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQexec' reads every row of 'SELECT ... FROM customers' inside request handler 'list_orders': the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: bound it: {{.*}}

  // Positive: PQsendQuery without single-row mode.
  PQsendQuery(conn, "SELECT * FROM audit_log");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'PQsendQuery' reads every row of 'SELECT ... FROM audit_log' inside request handler 'list_orders': the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: bound it: add 'LIMIT <page size>', or call PQsetSingleRowMode right after sending it and read it row by row
  while ((r = PQgetResult(conn)))
    PQclear(r);

  // Negative: bounded forms.
  PQclear(PQexec(conn, "SELECT * FROM orders ORDER BY id LIMIT 50"));
  PQclear(PQexec(conn, ALL_ORDERS PAGE));
  PQclear(PQexecParams(conn, "SELECT * FROM orders LIMIT $1", 1, NULL, params,
                       NULL, NULL, 0));
  PQclear(PQexec(conn, "SELECT * FROM orders FETCH FIRST 20 ROWS ONLY"));
  PQclear(PQexec(conn, "SELECT count(*), max(total) FROM orders"));
  PQclear(PQexecParams(conn, "SELECT * FROM orders WHERE id = $1", 1, NULL,
                       params, NULL, NULL, 0));
  PQclear(PQexec(conn, "SELECT now()"));
  // Negative: not a SELECT; a cursor streams.
  PQclear(PQexec(conn, "DELETE FROM orders WHERE status = 'stale'"));
  PQclear(PQexec(conn, "DECLARE c CURSOR FOR SELECT * FROM orders"));
  PQclear(PQexec(conn, "-- SELECT * FROM orders"));
  // Negative: single-row mode streams the result.
  PQsendQuery(conn, "SELECT * FROM audit_log");
  PQsetSingleRowMode(conn);
  while ((r = PQgetResult(conn)))
    PQclear(r);
  // Negative: SQL built at run time is not judged.
  char buf[128];
  snprintf(buf, sizeof buf, "SELECT * FROM %s", "orders");
  PQclear(PQexec(conn, buf));
  evhttp_send_reply(req, HTTP_OK, "OK", NULL);
}

// Positive: a query per item of a loop.
void refresh_all(PGconn *conn, int n) {
  for (int i = 0; i < n; i++)
    PQclear(PQexec(conn, "SELECT * FROM prices"));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'PQexec' reads every row of 'SELECT ... FROM prices' inside a loop: the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: bound it: {{.*}}
}

// Negative: once, outside handlers and loops (start-up, a report).
void load_config(PGconn *conn) {
  PQclear(PQexec(conn, "SELECT key, value FROM settings"));
}
