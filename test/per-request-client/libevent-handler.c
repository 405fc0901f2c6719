// connleak-per-request-client: a libevent HTTP callback takes a
// struct evhttp_request *, so it is a request handler; the C client
// libraries' connect functions called in it open a connection per request.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cflags %event %pq %mysql %hiredis %mongoc %curl

#include <curl/curl.h>
#include <event2/http.h>
#include <hiredis.h>
#include <libpq-fe.h>
#include <mongoc/mongoc.h>
#include <mysql.h>
#include <stddef.h>
#include <sys/time.h>

// Positive: one connection of each library per request.
static void on_order(struct evhttp_request *req, void *arg) {
  PGconn *pg = PQconnectdb("host=db dbname=orders connect_timeout=5");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'PQconnectdb' builds a new connection inside request handler 'on_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
  MYSQL *my = mysql_init(NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'mysql_init' builds a new connection inside request handler 'on_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: share one instead: open the connection once and reuse it, or keep a pool
  struct timeval tv = {1, 0};
  redisContext *cache = redisConnectWithTimeout("cache", 6379, tv);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'redisConnectWithTimeout' builds a new connection inside request handler 'on_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: share one instead: keep one redisContext per worker and reuse it
  mongoc_client_t *mongo = mongoc_client_new(
      "mongodb://db/?connectTimeoutMS=500&socketTimeoutMS=500");
  // CHECK-MESSAGES: :[[@LINE-2]]:28: warning: 'mongoc_client_new' builds a new client inside request handler 'on_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: share one instead: create one mongoc_client_pool_t at start-up and pop clients from it
  CURL *http = curl_easy_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'curl_easy_init' builds a new transfer handle inside request handler 'on_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: share one instead: create one easy handle per worker and reuse it: it keeps the connection cache

  curl_easy_cleanup(http);
  mongoc_client_destroy(mongo);
  redisFree(cache);
  mysql_close(my);
  PQfinish(pg);
  evhttp_send_reply(req, HTTP_OK, "OK", NULL);
}

// Negative: the callback uses connections opened once in main().
struct app {
  PGconn *pg;
  redisContext *cache;
};
static void on_status(struct evhttp_request *req, void *arg) {
  struct app *app = arg;
  PGresult *r = PQexec(app->pg, "SELECT 1");
  PQclear(r);
  evhttp_send_reply(req, HTTP_OK, "OK", NULL);
}

// Negative: not a handler.
int main(void) {
  struct app app;
  struct timeval tv = {1, 0};
  app.pg = PQconnectdb("host=db dbname=orders connect_timeout=5");
  app.cache = redisConnectWithTimeout("cache", 6379, tv);
  (void)on_order;
  (void)on_status;
  PQfinish(app.pg);
  redisFree(app.cache);
  return 0;
}
