// C-style code declares the handles first and acquires them later with an
// assignment statement. The declaration becomes an empty owner
// (std::unique_ptr<T, D> v(nullptr, &release)) and the assignment
// v.reset(acquire(...)); a pool checkout gets `= nullptr` and a scope guard
// right after its declaration. Destruction in reverse order of declaration
// keeps cursor -> collection -> client.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %mongoc %pq

// CHECK-FIXES:      {{^}}#include <mongoc/mongoc.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <libpq-fe.h>{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}
#include <mongoc/mongoc.h>
#include <libpq-fe.h>

// CHECK-MESSAGES: :[[@LINE+14]]:12: warning: pool checkout returned by 'mongoc_client_pool_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+19]]:7: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+13]]:16: warning: collection handle returned by 'mongoc_client_get_collection' is not released with 'mongoc_collection_destroy' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+17]]:7: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+13]]:12: warning: cursor returned by 'mongoc_collection_find_with_opts' is not released with 'mongoc_cursor_destroy' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+15]]:7: note: leaked when returning here
int count(mongoc_client_pool_t *pool, const char *name) {
  mongoc_client_t *client;
  mongoc_collection_t *collection;
  bson_t *query;
  mongoc_cursor_t *cursor;
  const bson_t *doc;
  int n = 0;

  client = mongoc_client_pool_pop(pool);
  collection = mongoc_client_get_collection(client, "db", name);
  query = bson_new();
  cursor = mongoc_collection_find_with_opts(collection, query, NULL, NULL);
  while (mongoc_cursor_next(cursor, &doc)) {
    if (++n > 100)
      return -1;
  }
  mongoc_cursor_destroy(cursor);
  bson_destroy(query);
  mongoc_collection_destroy(collection);
  mongoc_client_pool_push(pool, client);
  return n;
}
// CHECK-FIXES:      {{^}}int count(mongoc_client_pool_t *pool, const char *name) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  mongoc_client_t *client = nullptr;{{$}}
// CHECK-FIXES-NEXT: {{^}}  auto client_release = [&](mongoc_client_t **p) { if (*p) mongoc_client_pool_push(pool, *p); };{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<mongoc_client_t *, decltype(client_release)> client_guard(&client, client_release);{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<mongoc_collection_t, decltype(&mongoc_collection_destroy)> collection(nullptr, &mongoc_collection_destroy);{{$}}
// CHECK-FIXES-NEXT: {{^}}  bson_t *query;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<mongoc_cursor_t, decltype(&mongoc_cursor_destroy)> cursor(nullptr, &mongoc_cursor_destroy);{{$}}
// CHECK-FIXES-NEXT: {{^}}  const bson_t *doc;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int n = 0;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  client = mongoc_client_pool_pop(pool);{{$}}
// CHECK-FIXES-NEXT: {{^}}  collection.reset(mongoc_client_get_collection(client, "db", name));{{$}}
// CHECK-FIXES-NEXT: {{^}}  query = bson_new();{{$}}
// CHECK-FIXES-NEXT: {{^}}  cursor.reset(mongoc_collection_find_with_opts(collection.get(), query, NULL, NULL));{{$}}
// CHECK-FIXES-NEXT: {{^}}  while (mongoc_cursor_next(cursor.get(), &doc)) {{{$}}
// CHECK-FIXES-NEXT: {{^}}    if (++n > 100){{$}}
// CHECK-FIXES-NEXT: {{^}}      return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  cursor.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}  bson_destroy(query);{{$}}
// CHECK-FIXES-NEXT: {{^}}  collection.reset();{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return n;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// CHECK-MESSAGES: :[[@LINE+4]]:10: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
int version(const char *ci) {
  PGconn *conn = NULL;
  conn = PQconnectdb(ci);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  int v = PQserverVersion(conn);
  PQfinish(conn);
  return v;
}
// CHECK-FIXES:      {{^}}int version(const char *ci) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(nullptr, &PQfinish);{{$}}
// CHECK-FIXES-NEXT: {{^}}  conn.reset(PQconnectdb(ci));{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (PQstatus(conn.get()) != CONNECTION_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int v = PQserverVersion(conn.get());{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return v;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
