// connleak-missing-timeout: a literal MongoDB URI must bound both the
// connection (serverSelectionTimeoutMS or connectTimeoutMS) and each socket
// operation (socketTimeoutMS).  The URI may be passed directly
// (mongoc_client_new) or through a local mongoc_uri_t built from a literal by
// mongoc_uri_new (mongoc_client_new_from_uri*, mongoc_client_pool_new*).
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %mongoc

#include <mongoc/mongoc.h>

// Positive: both groups missing, then each group missing alone.
void no_timeouts(void) {
  mongoc_client_t *c = mongoc_client_new("mongodb://db/orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'mongoc_client_new' connects with no timeout: its URI sets no 'serverSelectionTimeoutMS' or 'connectTimeoutMS', and no 'socketTimeoutMS' [connleak-missing-timeout]
  mongoc_client_destroy(c);
}
void no_socket_timeout(void) {
  mongoc_client_t *c = mongoc_client_new("mongodb://db/orders?connectTimeoutMS=500");
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'mongoc_client_new' connects with no timeout: its URI sets no 'socketTimeoutMS' [connleak-missing-timeout]
  mongoc_client_destroy(c);
}
void no_connect_timeout(void) {
  mongoc_client_t *c = mongoc_client_new("mongodb://db/orders?socketTimeoutMS=5000");
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'mongoc_client_new' connects with no timeout: its URI sets no 'serverSelectionTimeoutMS' or 'connectTimeoutMS' [connleak-missing-timeout]
  mongoc_client_destroy(c);
}

// Positive: the URI comes from mongoc_uri_new("literal").
void from_uri(void) {
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/orders?appname=orders");
  mongoc_client_t *c = mongoc_client_new_from_uri(uri);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'mongoc_client_new_from_uri' connects with no timeout: its URI sets no 'serverSelectionTimeoutMS' or 'connectTimeoutMS', and no 'socketTimeoutMS' [connleak-missing-timeout]
  mongoc_client_destroy(c);
  mongoc_uri_destroy(uri);
}
void from_uri_with_error(void) {
  bson_error_t error;
  mongoc_uri_t *uri;
  uri = mongoc_uri_new("mongodb://db/orders?socketTimeoutMS=5000");
  mongoc_client_t *c = mongoc_client_new_from_uri_with_error(uri, &error);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'mongoc_client_new_from_uri_with_error' connects with no timeout: its URI sets no 'serverSelectionTimeoutMS' or 'connectTimeoutMS' [connleak-missing-timeout]
  mongoc_client_destroy(c);
  mongoc_uri_destroy(uri);
}
void pool_from_uri(void) {
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/orders?maxPoolSize=8");
  mongoc_client_pool_t *p = mongoc_client_pool_new(uri);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'mongoc_client_pool_new' connects with no timeout: its URI sets no 'serverSelectionTimeoutMS' or 'connectTimeoutMS', and no 'socketTimeoutMS' [connleak-missing-timeout]
  mongoc_client_pool_destroy(p);
  mongoc_uri_destroy(uri);
}

// Negative: both groups set; serverSelectionTimeoutMS is an alternative to
// connectTimeoutMS, and URI option names are case-insensitive.
void with_timeouts(void) {
  mongoc_client_t *a = mongoc_client_new(
      "mongodb://db/orders?connectTimeoutMS=500&socketTimeoutMS=5000");
  mongoc_client_t *b = mongoc_client_new(
      "mongodb://db/orders?serverSelectionTimeoutMS=500&socketTimeoutMS=5000");
  mongoc_client_t *c = mongoc_client_new(
      "mongodb://db/orders?connecttimeoutms=500&sockettimeoutms=5000");
  mongoc_client_destroy(c);
  mongoc_client_destroy(b);
  mongoc_client_destroy(a);
}
void pool_with_timeouts(void) {
  mongoc_uri_t *uri = mongoc_uri_new(
      "mongodb://db/orders?maxPoolSize=8&waitQueueTimeoutMS=100"
      "&serverSelectionTimeoutMS=500&socketTimeoutMS=5000");
  mongoc_client_pool_t *p = mongoc_client_pool_new(uri);
  mongoc_client_pool_destroy(p);
  mongoc_uri_destroy(uri);
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

// Negative: the timeouts are set on the mongoc_uri_t before the client is
// created.
mongoc_client_t *set_on_uri(void) {
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/orders");
  mongoc_uri_set_option_as_int32(uri, MONGOC_URI_CONNECTTIMEOUTMS, 500);
  mongoc_uri_set_option_as_int32(uri, MONGOC_URI_SOCKETTIMEOUTMS, 5000);
  mongoc_client_t *c = mongoc_client_new_from_uri(uri);
  mongoc_uri_destroy(uri);
  return c;
}

// Positive: set only after the client was created.
mongoc_client_t *set_too_late(void) {
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/orders");
  mongoc_client_t *c = mongoc_client_new_from_uri(uri);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'mongoc_client_new_from_uri' connects with no timeout: its URI sets no 'serverSelectionTimeoutMS' or 'connectTimeoutMS', and no 'socketTimeoutMS' [connleak-missing-timeout]
  mongoc_uri_set_option_as_int32(uri, MONGOC_URI_CONNECTTIMEOUTMS, 500);
  mongoc_uri_destroy(uri);
  return c;
}
