// An async context attached to an event loop is freed by hiredis itself
// when the connection ends (README "Asynchronous API": "The context object
// is always freed after the disconnect callback fired", and after a failed
// connect reported to the connect callback). models/hiredis.yaml:
// take-ownership 'redis*Attach'. Repro of
// ../shared/realworld/patterns/hiredis_async_freed_by_library.c (hiredis
// examples/example-libsdevent.c:56 and the second note of every
// examples/example-*.c finding).
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %hiredis %event

#include <event2/event.h>
#include <hiredis/hiredis.h>
#include <hiredis/async.h>
#include <hiredis/adapters/libevent.h>

static void on_reply(redisAsyncContext *c, void *r, void *priv) {
  (void)r;
  (void)priv;
  redisAsyncDisconnect(c);
}

// Negative: fire-and-forget in a long-running program.
void ping_once(struct event_base *base) {
  redisAsyncContext *c = redisAsyncConnect("127.0.0.1", 6379);
  if (c == NULL)
    return;
  if (c->err) {
    redisAsyncFree(c);
    return;
  }
  redisLibeventAttach(c, base);
  redisAsyncCommand(c, on_reply, NULL, "PING");
}

// Positive: not attached yet when the function gives up on it.
int attach_late(struct event_base *base, int ready) {
  redisAsyncContext *c = redisAsyncConnect("127.0.0.1", 6379);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: connection returned by 'redisAsyncConnect' is not released with 'redisAsyncFree' on every path [connleak-unreleased-handle]
  if (c == NULL)
    return -1;
  if (!ready)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  redisLibeventAttach(c, base);
  return 0;
}
