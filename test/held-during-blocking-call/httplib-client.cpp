// connleak-held-during-blocking-call: cpp-httplib client requests
// (Get/Post/Put/Delete/...) block until the upstream answers; doing one while
// a pooled session is alive holds the session for the whole request.
// RUN: %check_connleak %s connleak-held-during-blocking-call %t -- -- %cxxflags %mongoc

#include <httplib.h>
#include <mongoc/mongoc.h>
#include <soci/soci.h>

// Positive: Get and Post while the soci session is alive.
void sync_order(soci::connection_pool &pool, httplib::Client &upstream) {
  soci::session sql(pool);
  auto stock = upstream.Get("/stock");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: blocking call 'httplib::Client::Get' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'sql' is checked out of the pool here and held until the end of its scope
  auto ack = upstream.Post("/orders", "{}", "application/json");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: blocking call 'httplib::Client::Post' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-6]]:17: note: 'sql' is checked out of the pool here and held until the end of its scope
}

// Positive: Delete while a mongoc client is popped.
void cancel_order(mongoc_client_pool_t *pool, httplib::Client &upstream) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  auto res = upstream.Delete("/orders/42");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: blocking call 'httplib::Client::Delete' is made while a pooled connection is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: pool checkout returned by 'mongoc_client_pool_pop' is held until 'mongoc_client_pool_push'; release it before the blocking call or check it out after
  mongoc_client_pool_push(pool, client);
}

// Negative: the request is made before the session is checked out.
void fetch_then_store(soci::connection_pool &pool, httplib::Client &upstream) {
  auto stock = upstream.Get("/stock");
  soci::session sql(pool);
  sql << "update stock set n = 1";
}

// Negative: the session lives in a block that closed before the request.
void store_then_notify(soci::connection_pool &pool, httplib::Client &upstream) {
  {
    soci::session sql(pool);
    sql << "update stock set n = 1";
  }
  auto ack = upstream.Put("/stock", "{}", "application/json");
}
