// libmongoc: clients, client pools, pool checkouts (mongoc_client_pool_pop ->
// mongoc_client_pool_push(pool, client)), databases, collections, cursors and
// URIs, each with its own destroy function.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %mongoc

#include <mongoc/mongoc.h>

// Positive: client leaked when the ping fails.
int client_ping_fails(const char *uri) {
  mongoc_client_t *client = mongoc_client_new(uri);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: client returned by 'mongoc_client_new' is not released with 'mongoc_client_destroy' on every path [connleak-unreleased-handle]
  if (!client)
    return -1;
  bson_error_t error;
  if (!mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, &error))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  mongoc_client_destroy(client);
  return 0;
}

// Positive: a pool checkout not pushed back on the error path.
int checkout_error_path(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: pool checkout returned by 'mongoc_client_pool_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
  bson_error_t error;
  bson_t cmd = BSON_INITIALIZER;
  if (!mongoc_client_command_simple(client, "admin", &cmd, NULL, NULL, &error))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  mongoc_client_pool_push(pool, client);
  return 0;
}

// Negative: pushed back (the client is the second argument).
int checkout_ok(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  bson_error_t error;
  bson_t cmd = BSON_INITIALIZER;
  bool ok = mongoc_client_command_simple(client, "admin", &cmd, NULL, NULL, &error);
  mongoc_client_pool_push(pool, client);
  return ok ? 0 : -1;
}

// Negative: try_pop may return NULL.
int try_pop_ok(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_try_pop(pool);
  if (!client)
    return -1;
  mongoc_client_pool_push(pool, client);
  return 0;
}

// Positive: a pooled client must go back to the pool; destroying it is not
// the release of a checkout.
void checkout_destroyed(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: pool checkout returned by 'mongoc_client_pool_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
  mongoc_client_destroy(client);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Positive: a NULL pool needs nothing, but a created pool is never destroyed.
int pool_never_destroyed(void) {
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db.internal/?maxPoolSize=8");
  if (!uri)
    return -1;
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: client pool returned by 'mongoc_client_pool_new' is not released with 'mongoc_client_pool_destroy' on every path [connleak-unreleased-handle]
  mongoc_uri_destroy(uri);
  if (!pool)
    return -1;
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Positive: the URI is not destroyed when client creation fails.
mongoc_client_t *client_from_uri(const char *s) {
  bson_error_t error;
  mongoc_uri_t *uri = mongoc_uri_new_with_error(s, &error);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: URI returned by 'mongoc_uri_new_with_error' is not released with 'mongoc_uri_destroy' on every path [connleak-unreleased-handle]
  if (!uri)
    return NULL;
  mongoc_client_t *client = mongoc_client_new_from_uri(uri);
  if (!client)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  mongoc_uri_destroy(uri);
  return client;
}

// Positive three times: database, collection and cursor all leak on the
// cursor-error path; the notes point at the same return.
int count_docs(mongoc_client_t *client) {
  mongoc_database_t *db = mongoc_client_get_database(client, "shop");
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: database handle returned by 'mongoc_client_get_database' is not released with 'mongoc_database_destroy' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+13]]:5: note: leaked when returning here
  mongoc_collection_t *coll = mongoc_database_get_collection(db, "orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: collection handle returned by 'mongoc_database_get_collection' is not released with 'mongoc_collection_destroy' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+10]]:5: note: leaked when returning here
  bson_t query = BSON_INITIALIZER;
  mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, &query, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: cursor returned by 'mongoc_collection_find_with_opts' is not released with 'mongoc_cursor_destroy' on every path [connleak-unreleased-handle]
  const bson_t *doc;
  int n = 0;
  while (mongoc_cursor_next(cursor, &doc))
    n++;
  bson_error_t error;
  if (mongoc_cursor_error(cursor, &error))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  mongoc_cursor_destroy(cursor);
  mongoc_collection_destroy(coll);
  mongoc_database_destroy(db);
  return n;
}

// Negative: the same, destroying everything on both paths.
int count_docs_ok(mongoc_client_t *client) {
  mongoc_collection_t *coll = mongoc_client_get_collection(client, "shop", "orders");
  bson_t query = BSON_INITIALIZER;
  mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, &query, NULL, NULL);
  const bson_t *doc;
  int n = 0;
  while (mongoc_cursor_next(cursor, &doc))
    n++;
  bson_error_t error;
  if (mongoc_cursor_error(cursor, &error))
    n = -1;
  mongoc_cursor_destroy(cursor);
  mongoc_collection_destroy(coll);
  return n;
}

// Positive: a collection that is only cast to void.
void collection_unused(mongoc_client_t *client) {
  mongoc_collection_t *coll = mongoc_client_get_collection(client, "shop", "orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: collection handle returned by 'mongoc_client_get_collection' is not released with 'mongoc_collection_destroy' on every path [connleak-unreleased-handle]
  (void)coll;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Negative: client, pool and database each destroyed.
int all_destroyed(const char *uri_string) {
  mongoc_client_t *client = mongoc_client_new(uri_string);
  if (!client)
    return -1;
  mongoc_database_t *db = mongoc_client_get_database(client, "shop");
  bson_error_t error;
  bool ok = mongoc_database_command_simple(db, NULL, NULL, NULL, &error);
  mongoc_database_destroy(db);
  mongoc_client_destroy(client);

  mongoc_uri_t *uri = mongoc_uri_new(uri_string);
  mongoc_client_pool_t *pool = mongoc_client_pool_new(uri);
  mongoc_uri_destroy(uri);
  mongoc_client_pool_destroy(pool);
  return ok ? 0 : -1;
}

// Positive: a change stream not destroyed when it reports an error.
int watch(mongoc_collection_t *coll) {
  mongoc_change_stream_t *stream = mongoc_collection_watch(coll, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: change stream returned by 'mongoc_collection_watch' is not released with 'mongoc_change_stream_destroy' on every path [connleak-unreleased-handle]
  bson_error_t error;
  if (mongoc_change_stream_error_document(stream, &error, NULL))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  mongoc_change_stream_destroy(stream);
  return 0;
}
