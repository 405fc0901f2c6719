// connleak-unbounded-pool: a mongoc_client_pool_t built from a literal URI
// must cap its size (maxPoolSize) and how long mongoc_client_pool_pop waits
// for a free client (waitQueueTimeoutMS).
// RUN: %check_connleak %s connleak-unbounded-pool %t -- -- %cflags %mongoc

#include <mongoc/mongoc.h>

// Positive: neither option.
mongoc_client_pool_t *pool_plain(void) {
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/orders?connectTimeoutMS=500");
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: pool created by 'mongoc_client_pool_new' is unbounded: its URI sets no 'maxPoolSize', and no 'waitQueueTimeoutMS' [connleak-unbounded-pool]
  mongoc_uri_destroy(uri);
  return pool;
}

// Positive: a size cap, but pop can still wait forever.
mongoc_client_pool_t *pool_no_wait_timeout(void) {
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/orders?maxPoolSize=16");
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: pool created by 'mongoc_client_pool_new' is unbounded: its URI sets no 'waitQueueTimeoutMS' [connleak-unbounded-pool]
  mongoc_uri_destroy(uri);
  return pool;
}

// Positive: a wait timeout but no size cap; the URI variable is assigned
// after its declaration, and the pool comes from the _with_error variant.
mongoc_client_pool_t *pool_no_max_size(void) {
  bson_error_t error;
  mongoc_uri_t *uri;
  uri = mongoc_uri_new("mongodb://db/orders?waitQueueTimeoutMS=250");
  mongoc_client_pool_t *pool = mongoc_client_pool_new_with_error(uri, &error);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: pool created by 'mongoc_client_pool_new_with_error' is unbounded: its URI sets no 'maxPoolSize' [connleak-unbounded-pool]
  mongoc_uri_destroy(uri);
  return pool;
}

// Negative: both options (option names are case-insensitive).
mongoc_client_pool_t *pool_bounded(void) {
  mongoc_uri_t *uri =
      mongoc_uri_new("mongodb://db/orders?maxPoolSize=16&waitQueueTimeoutMS=250");
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  mongoc_uri_destroy(uri);
  return pool;
}
mongoc_client_pool_t *pool_bounded_lowercase(void) {
  mongoc_uri_t *uri =
      mongoc_uri_new("mongodb://db/orders?maxpoolsize=16&waitqueuetimeoutms=250");
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  mongoc_uri_destroy(uri);
  return pool;
}

// Negative: URIs that are not literals are not judged.
mongoc_client_pool_t *pool_configured(const char *uri_string) {
  mongoc_uri_t *uri = mongoc_uri_new(uri_string);
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  mongoc_uri_destroy(uri);
  return pool;
}
mongoc_client_pool_t *pool_from(const mongoc_uri_t *uri) {
  return mongoc_client_pool_new(uri);
}

// Negative: the size is set with mongoc_client_pool_max_size, the wait
// timeout in the URI.
mongoc_client_pool_t *pool_sized_by_setter(void) {
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/orders?waitQueueTimeoutMS=250");
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  mongoc_client_pool_max_size(pool, 16);
  mongoc_uri_destroy(uri);
  return pool;
}
