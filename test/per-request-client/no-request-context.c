// connleak-per-request-client: C clients opened at start-up or in a worker
// thread's entry function (a void * argument is not a request) are not
// reported.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cflags %mysql %hiredis %mongoc %curl

#include <curl/curl.h>
#include <hiredis.h>
#include <mongoc/mongoc.h>
#include <mysql.h>
#include <stddef.h>
#include <sys/time.h>

struct worker {
  MYSQL *db;
  redisContext *cache;
  CURL *http;
};

// Negative: a worker opens its connections once, when it starts.
void *worker_main(void *arg) {
  struct worker *w = arg;
  struct timeval tv = {1, 0};
  w->db = mysql_init(NULL);
  w->cache = redisConnectWithTimeout("cache", 6379, tv);
  w->http = curl_easy_init();
  return NULL;
}

// Negative: start-up code.
int main(void) {
  mongoc_client_t *client = mongoc_client_new(
      "mongodb://db/?connectTimeoutMS=500&socketTimeoutMS=500");
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/?maxPoolSize=8");
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  struct worker w;
  worker_main(&w);
  mongoc_client_pool_destroy(pool);
  mongoc_uri_destroy(uri);
  mongoc_client_destroy(client);
  return 0;
}
