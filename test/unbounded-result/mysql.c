// connleak-unbounded-result: MySQL. mysql_query (or mysql_real_query) of a
// SELECT with no LIMIT is reported when mysql_store_result reads its result
// whole; mysql_use_result streams it row by row.
// RUN: %check_connleak %s connleak-unbounded-result %t -- -- %cflags %event %mysql

#include <event2/http.h>
#include <mysql.h>
#include <string.h>

static void on_users(struct evhttp_request *req, void *arg) {
  MYSQL *db = arg;
  // Positive: stored whole.
  if (mysql_query(db, "SELECT id, email FROM users") == 0) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'mysql_query' reads every row of 'SELECT ... FROM users' inside request handler 'on_users': the query has no LIMIT [connleak-unbounded-result]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: bound it: add 'LIMIT <page size>', or read the rows one by one with mysql_use_result
    MYSQL_RES *res = mysql_store_result(db);
    mysql_free_result(res);
  }
  // Positive: mysql_real_query, backquoted identifiers, a # is not special.
  const char *q = "SELECT `limit` FROM `users` WHERE name = 'LIMIT 1'";
  mysql_real_query(db, q, strlen(q));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mysql_real_query' reads every row of 'SELECT ... FROM `users`' inside request handler 'on_users': the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: bound it: {{.*}}
  mysql_free_result(mysql_store_result(db));

  // Negative: streamed with mysql_use_result.
  mysql_query(db, "SELECT * FROM events");
  MYSQL_RES *res = mysql_use_result(db);
  while (mysql_fetch_row(res))
    ;
  mysql_free_result(res);
  // Negative: bounded, a key lookup, an aggregate.
  mysql_query(db, "SELECT * FROM users ORDER BY id LIMIT 100");
  mysql_free_result(mysql_store_result(db));
  mysql_query(db, "SELECT * FROM users WHERE user_id = ?");
  mysql_free_result(mysql_store_result(db));
  mysql_query(db, "SELECT COUNT(*) FROM users");
  mysql_free_result(mysql_store_result(db));
  // Negative: no result is fetched here.
  mysql_query(db, "SELECT * FROM users");
  evhttp_send_reply(req, HTTP_OK, "OK", NULL);
}
