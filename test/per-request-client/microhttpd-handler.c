// connleak-per-request-client: a libmicrohttpd access handler takes a
// struct MHD_Connection *, so it is a request handler.  A client pool created
// in it is a new pool per request; popping from a shared pool is not.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cflags %mongoc %pq

#include <libpq-fe.h>
#include <microhttpd.h>
#include <mongoc/mongoc.h>
#include <stddef.h>

// Positive: a new pool and a new connection per request.
static enum MHD_Result answer_orders(void *cls, struct MHD_Connection *connection,
                                     const char *url, const char *method,
                                     const char *version, const char *upload_data,
                                     size_t *upload_data_size, void **con_cls) {
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/?maxPoolSize=8");
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'mongoc_client_pool_new' builds a new client pool inside request handler 'answer_orders' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:32: note: share one instead: create the pool once at start-up
  PGconn *pg = PQconnectStart("host=db connect_timeout=5");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'PQconnectStart' builds a new connection inside request handler 'answer_orders' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
  PQfinish(pg);
  mongoc_client_pool_destroy(pool);
  mongoc_uri_destroy(uri);
  return MHD_YES;
}

// Negative: pop a client from the pool created at start-up, and push it back.
static enum MHD_Result answer_status(void *cls, struct MHD_Connection *connection,
                                     const char *url, const char *method,
                                     const char *version, const char *upload_data,
                                     size_t *upload_data_size, void **con_cls) {
  mongoc_client_pool_t *pool = cls;
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  mongoc_client_pool_push(pool, client);
  return MHD_YES;
}

// Negative: not a handler.
int main(void) {
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/?maxPoolSize=8");
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 8080,
                                          NULL, NULL, &answer_status, pool,
                                          MHD_OPTION_END);
  (void)answer_orders;
  MHD_stop_daemon(d);
  mongoc_client_pool_destroy(pool);
  mongoc_uri_destroy(uri);
  return 0;
}
