// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %mongoc
// A release at the end of a nested block (an if body) is not the end of the
// variable's scope: it becomes cursor.reset() in place, so on the then-path
// the cursor is still destroyed before its collection and client.
#include <mongoc/mongoc.h>

int first(const char *uri) {
  mongoc_client_t *client = mongoc_client_new(uri);
  mongoc_collection_t *coll = mongoc_client_get_collection(client, "db", "items");
  bson_t filter = BSON_INITIALIZER;
  mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, &filter, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: cursor returned by 'mongoc_collection_find_with_opts' is not released with 'mongoc_cursor_destroy' on every path [connleak-unreleased-handle]
  // CHECK-FIXES: {{^}}  std::unique_ptr<mongoc_cursor_t, decltype(&mongoc_cursor_destroy)> cursor(mongoc_collection_find_with_opts(coll, &filter, NULL, NULL), &mongoc_cursor_destroy);{{$}}
  const bson_t *doc;
  int n = 0;
  if (mongoc_cursor_next(cursor, &doc)) {
    // CHECK-FIXES: {{^}}  if (mongoc_cursor_next(cursor.get(), &doc)) {{[{]}}{{$}}
    n = 1;
    mongoc_cursor_destroy(cursor);
    // CHECK-FIXES: {{^}}    cursor.reset();{{$}}
  }
  mongoc_collection_destroy(coll);
  mongoc_client_destroy(client);
  return n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}
