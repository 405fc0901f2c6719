// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %mongoc
// A release at the end of a nested block (an if body) is not the end of the
// variable's scope: it becomes cursor.reset() in place.
// When the collection the cursor was made from is destroyed in the function
// while the cursor is still held (the else path, where it leaks), a
// std::unique_ptr would destroy the cursor after its collection: no fix, and
// the note says what to do instead.

// CHECK-FIXES:      {{^}}#include <mongoc/mongoc.h>{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}
#include <mongoc/mongoc.h>

void log_count(int n) noexcept;

// CHECK-MESSAGES: :[[@LINE+4]]:29: warning: cursor returned by 'mongoc_collection_find_with_opts' is not released with 'mongoc_cursor_destroy' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+11]]:3: note: leaked when returning here
int first(mongoc_collection_t *coll) {
  bson_t filter = BSON_INITIALIZER;
  mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, &filter, NULL, NULL);
  const bson_t *doc;
  int n = 0;
  if (mongoc_cursor_next(cursor, &doc)) {
    n = 1;
    mongoc_cursor_destroy(cursor);
  }
  log_count(n);
  return n;
}
// CHECK-FIXES:      {{^}}int first(mongoc_collection_t *coll) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  bson_t filter = BSON_INITIALIZER;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<mongoc_cursor_t, decltype(&mongoc_cursor_destroy)> cursor(mongoc_collection_find_with_opts(coll, &filter, NULL, NULL), &mongoc_cursor_destroy);{{$}}
// CHECK-FIXES-NEXT: {{^}}  const bson_t *doc;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int n = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (mongoc_cursor_next(cursor.get(), &doc)) {{{$}}
// CHECK-FIXES-NEXT: {{^}}    n = 1;{{$}}
// CHECK-FIXES-NEXT: {{^}}    cursor.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  log_count(n);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return n;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// CHECK-MESSAGES: :[[@LINE+7]]:29: warning: cursor returned by 'mongoc_collection_find_with_opts' is not released with 'mongoc_cursor_destroy' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+15]]:3: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+5]]:29: note: release it before 'coll', which it was made from, on every path that releases 'coll'
int first_and_close(const char *uri) {
  mongoc_client_t *client = mongoc_client_new(uri);
  mongoc_collection_t *coll = mongoc_client_get_collection(client, "db", "items");
  bson_t filter = BSON_INITIALIZER;
  mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, &filter, NULL, NULL);
  const bson_t *doc;
  int n = 0;
  if (mongoc_cursor_next(cursor, &doc)) {
    n = 1;
    mongoc_cursor_destroy(cursor);
  }
  mongoc_collection_destroy(coll);
  mongoc_client_destroy(client);
  return n;
}
