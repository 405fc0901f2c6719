// connleak-held-during-blocking-call: a client popped from a
// mongoc_client_pool_t is held until mongoc_client_pool_push; sleeping or
// making a network transfer in between keeps it from every other thread.
// The flow analysis follows each path, so only paths that still hold the
// client are reported.
// RUN: %check_connleak %s connleak-held-during-blocking-call %t -- -- %cflags -D_DEFAULT_SOURCE %mongoc %curl

#include <curl/curl.h>
#include <mongoc/mongoc.h>
#include <time.h>
#include <unistd.h>

// Positive: sleep() while the client is out of the pool.
void backoff_while_held(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'sleep' is made while a pooled connection is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: pool checkout returned by 'mongoc_client_pool_pop' is held until 'mongoc_client_pool_push'; release it before the blocking call or check it out after
  mongoc_client_pool_push(pool, client);
}

// Positive: an HTTP transfer, usleep and nanosleep while held.
void notify_while_held(mongoc_client_pool_t *pool, CURL *http) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  curl_easy_perform(http);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'curl_easy_perform' is made while a pooled connection is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: pool checkout returned by 'mongoc_client_pool_pop' is held until 'mongoc_client_pool_push'; release it before the blocking call or check it out after
  usleep(1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'usleep' is made while a pooled connection is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-6]]:29: note: pool checkout returned by 'mongoc_client_pool_pop' is held until 'mongoc_client_pool_push'; release it before the blocking call or check it out after
  struct timespec ts = {0, 1000000};
  nanosleep(&ts, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'nanosleep' is made while a pooled connection is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-10]]:29: note: pool checkout returned by 'mongoc_client_pool_pop' is held until 'mongoc_client_pool_push'; release it before the blocking call or check it out after
  mongoc_client_pool_push(pool, client);
}

// Positive: only the path that has not pushed the client back.
void retry(mongoc_client_pool_t *pool, int failed) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  if (!failed) {
    mongoc_client_pool_push(pool, client);
    sleep(1);
    return;
  }
  sleep(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'sleep' is made while a pooled connection is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-8]]:29: note: pool checkout returned by 'mongoc_client_pool_pop' is held until 'mongoc_client_pool_push'; release it before the blocking call or check it out after
  mongoc_client_pool_push(pool, client);
}

// Positive: try_pop, on the path where it returned a client.
void try_backoff(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_try_pop(pool);
  if (!client) {
    sleep(1);
    return;
  }
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'sleep' is made while a pooled connection is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-7]]:29: note: pool checkout returned by 'mongoc_client_pool_try_pop' is held until 'mongoc_client_pool_push'; release it before the blocking call or check it out after
  mongoc_client_pool_push(pool, client);
}

// Negative: the client is pushed back before the slow call.
void release_first(mongoc_client_pool_t *pool, CURL *http) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  mongoc_client_pool_push(pool, client);
  curl_easy_perform(http);
  sleep(1);
}

// Negative: the slow call comes before the checkout.
void sleep_first(mongoc_client_pool_t *pool) {
  sleep(1);
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  mongoc_client_pool_push(pool, client);
}

// Negative: a client that is not a pool checkout.
void own_client(void) {
  mongoc_client_t *client = mongoc_client_new(
      "mongodb://db/?connectTimeoutMS=500&socketTimeoutMS=500");
  sleep(1);
  mongoc_client_destroy(client);
}
