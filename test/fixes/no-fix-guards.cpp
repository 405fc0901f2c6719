// Pool checkouts and out-parameter handles that get no scope-guard fix: the
// diagnostic comes with a note that suggests the guard instead, and -fix
// leaves the file unchanged (no CHECK-FIXES lines).
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %mongoc

#include <mongoc/mongoc.h>

void log_line(const char *msg);

// The push is followed by more than a return: a guard would return the
// client later than the code does.
// CHECK-MESSAGES: :[[@LINE+4]]:29: warning: pool checkout returned by 'mongoc_client_pool_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:29: note: return it to the pool from a scope guard declared right after the checkout
int push_then_log(mongoc_client_pool_t *pool, bool quick) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  if (quick)
    return 0;
  mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, NULL);
  mongoc_client_pool_push(pool, client);
  log_line("pushed");
  return 1;
}

// The pool variable changes before the push: a guard would push to the pool
// it holds at the end of the scope.
// CHECK-MESSAGES: :[[@LINE+4]]:29: warning: pool checkout returned by 'mongoc_client_pool_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:29: note: return it to the pool from a scope guard declared right after the checkout
int pool_changes(mongoc_client_pool_t *pool, mongoc_client_pool_t *other, bool quick) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  if (quick)
    return 0;
  mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, NULL);
  mongoc_client_pool_push(pool, client);
  pool = other;
  return 1;
}

// The client is captured by a lambda.
// CHECK-MESSAGES: :[[@LINE+4]]:29: warning: pool checkout returned by 'mongoc_client_pool_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:29: note: return it to the pool from a scope guard declared right after the checkout
int captured(mongoc_client_pool_t *pool, bool quick) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  if (quick)
    return 0;
  auto ping = [client] { return mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, NULL); };
  ping();
  mongoc_client_pool_push(pool, client);
  return 1;
}

// The guard's name is taken.
// CHECK-MESSAGES: :[[@LINE+5]]:29: warning: pool checkout returned by 'mongoc_client_pool_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+3]]:29: note: return it to the pool from a scope guard declared right after the checkout
int name_taken(mongoc_client_pool_t *pool, bool quick) {
  int client_guard = 0;
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  if (quick)
    return client_guard;
  mongoc_client_pool_push(pool, client);
  return 1;
}

// An integer handle of an attribute family, acquired through an
// out-parameter inside the if that also leaks it: it cannot be tested for
// null, so the guard would have to follow the if, after the leak.
typedef int chan_t;
int chan_open(const char *name, chan_t *out __attribute__((acquire_handle("chan"))));
void chan_close(chan_t h __attribute__((release_handle("chan"))));
int chan_send(chan_t h __attribute__((use_handle("chan"))), const char *msg);
// CHECK-MESSAGES: :[[@LINE+5]]:7: warning: handle returned through 'h' by 'chan_open' is not released with 'chan_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+3]]:7: note: release it from a scope guard declared right after the variable, so that every path releases it
int send_once(const char *name) {
  chan_t h;
  if (chan_open(name, &h) != 0 || chan_send(h, "hello") != 0)
    return -1;
  chan_close(h);
  return 0;
}
