// Fix-its for libmongoc: a client, a collection and a cursor each become a
// std::unique_ptr with their *_destroy function as deleter. Each handle is
// passed with .get() to the acquisition of the next one. Of the destroy calls
// (in reverse order of creation), the last one, which only the return
// follows, is removed; the others become reset() in place, so the cursor and
// the collection are still destroyed before the client.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %mongoc

#include <mongoc/mongoc.h>
// Without a C++ standard header to join, <memory> opens a block of its own.
// CHECK-FIXES:      {{^}}#include <mongoc/mongoc.h>{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}

// CHECK-MESSAGES: :[[@LINE+7]]:29: warning: client returned by 'mongoc_client_new' is not released with 'mongoc_client_destroy' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+16]]:7: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+8]]:31: warning: collection handle returned by 'mongoc_client_get_collection' is not released with 'mongoc_collection_destroy' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+14]]:7: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+8]]:29: warning: cursor returned by 'mongoc_collection_find_with_opts' is not released with 'mongoc_cursor_destroy' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+12]]:7: note: leaked when returning here
int count_docs(const char *uri) {
  mongoc_client_t *client = mongoc_client_new(uri);
  if (!client)
    return -1;
  mongoc_collection_t *coll = mongoc_client_get_collection(client, "shop", "items");
  bson_t filter = BSON_INITIALIZER;
  mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, &filter, NULL, NULL);
  const bson_t *doc;
  int n = 0;
  while (mongoc_cursor_next(cursor, &doc)) {
    if (++n > 1000)
      return -2;
  }
  bson_error_t error;
  if (mongoc_cursor_error(cursor, &error))
    n = -3;
  mongoc_cursor_destroy(cursor);
  mongoc_collection_destroy(coll);
  mongoc_client_destroy(client);
  return n;
}
// CHECK-FIXES:      {{^}}int count_docs(const char *uri) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<mongoc_client_t, decltype(&mongoc_client_destroy)> client(mongoc_client_new(uri), &mongoc_client_destroy);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!client){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<mongoc_collection_t, decltype(&mongoc_collection_destroy)> coll(mongoc_client_get_collection(client.get(), "shop", "items"), &mongoc_collection_destroy);{{$}}
// CHECK-FIXES-NEXT: {{^}}  bson_t filter = BSON_INITIALIZER;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<mongoc_cursor_t, decltype(&mongoc_cursor_destroy)> cursor(mongoc_collection_find_with_opts(coll.get(), &filter, NULL, NULL), &mongoc_cursor_destroy);{{$}}
// CHECK-FIXES-NEXT: {{^}}  const bson_t *doc;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int n = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  while (mongoc_cursor_next(cursor.get(), &doc)) {{{$}}
// CHECK-FIXES-NEXT: {{^}}    if (++n > 1000){{$}}
// CHECK-FIXES-NEXT: {{^}}      return -2;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  bson_error_t error;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (mongoc_cursor_error(cursor.get(), &error)){{$}}
// CHECK-FIXES-NEXT: {{^}}    n = -3;{{$}}
// CHECK-FIXES-NEXT: {{^}}  cursor.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}  coll.reset();{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return n;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
