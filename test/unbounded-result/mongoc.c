// connleak-unbounded-result: libmongoc. mongoc_collection_find_with_opts in
// a request handler or a loop, whose cursor is read in a loop, with no
// 'limit' in its options: NULL options, or a local options document built
// here without one. A cursor read once is not reported (cursors read in
// batches).
// RUN: %check_connleak %s connleak-unbounded-result %t -- -- %cflags %event %mongoc

#include <event2/http.h>
#include <mongoc/mongoc.h>

extern bson_t *page_options(int page);

static void on_products(struct evhttp_request *req, void *arg) {
  mongoc_collection_t *coll = arg;
  bson_t *filter = BCON_NEW("category", BCON_UTF8("books"));
  // Positive: no options at all.
  const bson_t *doc;
  mongoc_cursor_t *c = mongoc_collection_find_with_opts(coll, filter, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'mongoc_collection_find_with_opts' reads every matching document inside request handler 'on_products': its options set no 'limit' [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: bound it: pass options with a 'limit' (BCON_NEW("limit", BCON_INT64(<page size>))) and page with a range filter on _id
  while (mongoc_cursor_next(c, &doc))
    ;
  mongoc_cursor_destroy(c);

  // Positive: options that sort but do not limit.
  bson_t *sorted = BCON_NEW("sort", "{", "price", BCON_INT32(1), "}");
  c = mongoc_collection_find_with_opts(coll, filter, sorted, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'mongoc_collection_find_with_opts' reads every matching document inside request handler 'on_products': its options set no 'limit' [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: bound it: {{.*}}
  for (int n = 0; mongoc_cursor_next(c, &doc); n++)
    ;
  mongoc_cursor_destroy(c);

  // Negative: the cursor is read once (a lookup), or not here.
  c = mongoc_collection_find_with_opts(coll, filter, NULL, NULL);
  if (mongoc_cursor_next(c, &doc))
    evhttp_send_reply(req, HTTP_OK, "OK", NULL);
  mongoc_cursor_destroy(c);
  mongoc_cursor_destroy(mongoc_collection_find_with_opts(coll, filter, NULL, NULL));

  // Negative: a limit, set by BCON_NEW or appended.
  bson_t *limited = BCON_NEW("limit", BCON_INT64(20));
  c = mongoc_collection_find_with_opts(coll, filter, limited, NULL);
  while (mongoc_cursor_next(c, &doc))
    ;
  mongoc_cursor_destroy(c);
  bson_t opts = BSON_INITIALIZER;
  BSON_APPEND_INT64(&opts, "limit", 20);
  c = mongoc_collection_find_with_opts(coll, filter, &opts, NULL);
  while (mongoc_cursor_next(c, &doc))
    ;
  mongoc_cursor_destroy(c);
  // Negative: options made elsewhere are not judged.
  bson_t *paged = page_options(2);
  c = mongoc_collection_find_with_opts(coll, filter, paged, NULL);
  while (mongoc_cursor_next(c, &doc))
    ;
  mongoc_cursor_destroy(c);

  bson_destroy(&opts);
  bson_destroy(limited);
  bson_destroy(sorted);
  bson_destroy(paged);
  bson_destroy(filter);
  evhttp_send_reply(req, HTTP_OK, "OK", NULL);
}

// Positive: one find per item of a loop.
void sync_all(mongoc_collection_t *coll, bson_t **filters, int n) {
  const bson_t *doc;
  for (int i = 0; i < n; i++) {
    mongoc_cursor_t *c =
        mongoc_collection_find_with_opts(coll, filters[i], NULL, NULL);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'mongoc_collection_find_with_opts' reads every matching document inside a loop: its options set no 'limit' [connleak-unbounded-result]
    // CHECK-MESSAGES: :[[@LINE-2]]:9: note: bound it: {{.*}}
    while (mongoc_cursor_next(c, &doc))
      ;
    mongoc_cursor_destroy(c);
  }
}
