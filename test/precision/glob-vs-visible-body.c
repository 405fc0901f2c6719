// A model glob describes a library's API by its names (`redis*` borrows a
// hiredis context); it never overrides a function whose body is right here.
// hiredis's own async.c defines redisAsyncInitialize(c), which takes its
// argument over (hiredis async.c:183). Repro of
// ../shared/realworld/patterns/hiredis_borrow_glob_shadows_helper.c.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %hiredis

#include <hiredis/hiredis.h>
#include <stdlib.h>

struct wrapper {
  redisContext *c;
};

// Matches 'redis*', but its body stores the context: a sink.
static struct wrapper *redisWrapContext(redisContext *c) {
  struct wrapper *w = malloc(sizeof *w);
  if (w == NULL) {
    redisFree(c);
    return NULL;
  }
  w->c = c;
  return w;
}

// Matches 'redis*', and its body frees the context: a release.
static void redisDropContext(redisContext *c) { redisFree(c); }

// Negative: handed to a same-file helper that keeps it.
struct wrapper *open_wrapped(void) {
  redisContext *c = redisConnect("127.0.0.1", 6379);
  if (c == NULL)
    return NULL;
  return redisWrapContext(c);
}

// Negative: released through a same-file helper.
void open_and_drop(void) {
  redisContext *c = redisConnect("127.0.0.1", 6379);
  redisDropContext(c);
}

// Positive: a library function matched by the glob only borrows.
void library_borrows(void) {
  redisContext *c = redisConnect("127.0.0.1", 6379);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: connection returned by 'redisConnect' is not released with 'redisFree' on every path [connleak-unreleased-handle]
  redisEnableKeepAlive(c);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function
