// connleak-missing-timeout: libmongoc gives every client finite timeouts by
// default (mongoc/mongoc-client.h: MONGOC_DEFAULT_CONNECTTIMEOUTMS 10 s,
// MONGOC_DEFAULT_SOCKETTIMEOUTMS 5 min; serverSelectionTimeoutMS 30 s), so a
// literal URI that sets none is not "without a timeout". Only a URI that
// switches a default off (connectTimeoutMS=0 or socketTimeoutMS=0: "0 means
// no timeout" in the MongoDB URI options specification) is reported, whether
// it is passed directly (mongoc_client_new) or through a local mongoc_uri_t
// built from a literal by mongoc_uri_new (mongoc_client_new_from_uri*,
// mongoc_client_pool_new*). No fix: the right value is the user's.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %mongoc

#include <mongoc/mongoc.h>

// Negative: the library's defaults bound the connect and every operation.
void defaults(void) {
  mongoc_client_t *a = mongoc_client_new("mongodb://db/orders");
  mongoc_client_t *b = mongoc_client_new("mongodb://db/orders?appname=orders");
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/orders?maxPoolSize=8");
  mongoc_client_pool_t *p = mongoc_client_pool_new(uri);
  mongoc_client_pool_destroy(p);
  mongoc_uri_destroy(uri);
  mongoc_client_destroy(b);
  mongoc_client_destroy(a);
}

// Positive: socketTimeoutMS=0 switches the 5-minute default off.
void socket_timeout_off(void) {
  mongoc_client_t *c =
      mongoc_client_new("mongodb://db/orders?connectTimeoutMS=500&socketTimeoutMS=0");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'mongoc_client_new' runs with no timeout: its URI switches off the library's default with 'socketTimeoutMS=0' [connleak-missing-timeout]
  mongoc_client_destroy(c);
}

// Positive: both switched off, through mongoc_uri_new; option names are
// case-insensitive.
void both_off_from_uri(void) {
  bson_error_t error;
  mongoc_uri_t *uri;
  uri = mongoc_uri_new("mongodb://db/orders?connecttimeoutms=0&SocketTimeoutMS=0");
  mongoc_client_t *c = mongoc_client_new_from_uri_with_error(uri, &error);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'mongoc_client_new_from_uri_with_error' runs with no timeout: its URI switches off the library's default with 'connectTimeoutMS=0' and 'socketTimeoutMS=0' [connleak-missing-timeout]
  mongoc_client_destroy(c);
  mongoc_uri_destroy(uri);
}
void pool_off(void) {
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/orders?maxPoolSize=8&connectTimeoutMS=0");
  mongoc_client_pool_t *p = mongoc_client_pool_new(uri);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'mongoc_client_pool_new' runs with no timeout: its URI switches off the library's default with 'connectTimeoutMS=0' [connleak-missing-timeout]
  mongoc_client_pool_destroy(p);
  mongoc_uri_destroy(uri);
}

// Negative: explicit finite values, and a value that only starts with 0.
void explicit_values(void) {
  mongoc_client_t *a = mongoc_client_new(
      "mongodb://db/orders?connectTimeoutMS=500&socketTimeoutMS=5000");
  mongoc_client_t *b = mongoc_client_new(
      "mongodb://db/orders?serverSelectionTimeoutMS=500&socketTimeoutMS=05000");
  mongoc_client_destroy(b);
  mongoc_client_destroy(a);
}

// Negative: URIs that are not literals are not judged.
void configured(const char *uri_string, mongoc_uri_t *given) {
  mongoc_client_t *a = mongoc_client_new(uri_string);
  mongoc_uri_t *uri = mongoc_uri_new(uri_string);
  mongoc_client_t *b = mongoc_client_new_from_uri(uri);
  mongoc_client_t *c = mongoc_client_new_from_uri(given);
  mongoc_client_destroy(c);
  mongoc_client_destroy(b);
  mongoc_uri_destroy(uri);
  mongoc_client_destroy(a);
}
