// connleak-missing-timeout: inside a request handler, a MongoDB URI that
// leaves socketTimeoutMS at libmongoc's default (5 minutes,
// MONGOC_DEFAULT_SOCKETTIMEOUTMS in mongoc/mongoc-client.h) lets a slow
// query hold the connection long after the caller gave up. A default longer
// than the RequestDeadlineMs option (30000 by default) is reported there;
// connectTimeoutMS's default (10 s) is not. Outside request handlers only an
// explicit 0 is reported (mongoc-uri.c).
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %mongoc %event
// RUN: %check_connleak -check-suffix=DEADLINE %s connleak-missing-timeout %t \
// RUN:   -config="{CheckOptions: {connleak-missing-timeout.RequestDeadlineMs: '600000'}}" \
// RUN:   -- -- %cflags %mongoc %event

#include <event2/http.h>
#include <mongoc/mongoc.h>

// Positive: the default socket timeout, in a libevent handler.
static void handle_stock(struct evhttp_request *req, void *arg) {
  (void)arg;
  mongoc_client_t *client =
      mongoc_client_new("mongodb://db.internal:27017/?appname=catalog");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'mongoc_client_new' inside request handler 'handle_stock' keeps the library's default 'socketTimeoutMS' of 300000 ms: a slow operation holds the connection longer than a request waits [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:7: note: set 'socketTimeoutMS' in the URI to what a request can wait (RequestDeadlineMs: 30000)
  mongoc_client_destroy(client);
  evhttp_send_reply(req, HTTP_OK, "OK", NULL);
}

// Positive: an explicit 0 is reported as such, in a handler too.
static void handle_off(struct evhttp_request *req, void *arg) {
  (void)arg;
  mongoc_uri_t *uri = mongoc_uri_new("mongodb://db/?socketTimeoutMS=0");
  mongoc_client_t *client = mongoc_client_new_from_uri(uri);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'mongoc_client_new_from_uri' runs with no timeout: its URI switches off the library's default with 'socketTimeoutMS=0' [connleak-missing-timeout]
  // CHECK-MESSAGES-DEADLINE: :[[@LINE-2]]:29: warning: 'mongoc_client_new_from_uri' runs with no timeout: its URI switches off the library's default with 'socketTimeoutMS=0' [connleak-missing-timeout]
  mongoc_client_destroy(client);
  mongoc_uri_destroy(uri);
  evhttp_send_reply(req, HTTP_OK, "OK", NULL);
}

// Negative: the handler sets socketTimeoutMS; connectTimeoutMS's 10 s
// default is within the deadline.
static void handle_bounded(struct evhttp_request *req, void *arg) {
  (void)arg;
  mongoc_client_t *client =
      mongoc_client_new("mongodb://db.internal:27017/?socketTimeoutMS=2000");
  mongoc_client_destroy(client);
  evhttp_send_reply(req, HTTP_OK, "OK", NULL);
}

// Negative: not a request handler; the defaults bound everything.
mongoc_client_t *connect_at_startup(void) {
  return mongoc_client_new("mongodb://db.internal:27017/?appname=catalog");
}

void register_handlers(struct evhttp *http) {
  evhttp_set_cb(http, "/stock", handle_stock, NULL);
  evhttp_set_cb(http, "/off", handle_off, NULL);
  evhttp_set_cb(http, "/bounded", handle_bounded, NULL);
}
