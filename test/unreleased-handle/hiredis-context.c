// hiredis contexts: redisConnect* -> redisFree.  A context with `err` set is
// still allocated and must be freed, so `if (c == NULL || c->err) return`
// leaks.  redisAsyncConnect* -> redisAsyncFree (or redisAsyncDisconnect).
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %hiredis

#include <hiredis/hiredis.h>
#include <hiredis/async.h>
#include <stddef.h>

// Positive: the documented-but-wrong check drops a context with err set.
int err_set_leaks(void) {
  redisContext *c = redisConnect("127.0.0.1", 6379);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: connection returned by 'redisConnect' is not released with 'redisFree' on every path [connleak-unreleased-handle]
  if (c == NULL || c->err)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  redisFree(c);
  return 0;
}

// Negative: NULL returns, err set frees.
int err_set_freed(void) {
  redisContext *c = redisConnect("127.0.0.1", 6379);
  if (c == NULL)
    return -1;
  if (c->err) {
    redisFree(c);
    return -1;
  }
  redisFree(c);
  return 0;
}

// Negative: the combined check, freeing a non-NULL context inside.
int err_set_freed_combined(void) {
  redisContext *c = redisConnect("127.0.0.1", 6379);
  if (c == NULL || c->err) {
    if (c)
      redisFree(c);
    return -1;
  }
  redisFree(c);
  return 0;
}

// Positive: redisConnectWithTimeout, the error code is returned.
int with_timeout(void) {
  struct timeval tv = {1, 0};
  redisContext *c = redisConnectWithTimeout("127.0.0.1", 6379, tv);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: connection returned by 'redisConnectWithTimeout' is not released with 'redisFree' on every path [connleak-unreleased-handle]
  if (!c)
    return -1;
  return c->err;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Negative: redisConnectUnix freed when non-NULL.
void unix_socket(void) {
  redisContext *c = redisConnectUnix("/run/redis.sock");
  if (c)
    redisFree(c);
}

// Positive: an async context with err set is not freed.
int async_err_leaks(void) {
  redisAsyncContext *ac = redisAsyncConnect("127.0.0.1", 6379);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: connection returned by 'redisAsyncConnect' is not released with 'redisAsyncFree' on every path [connleak-unreleased-handle]
  if (ac == NULL)
    return -1;
  if (ac->err)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  redisAsyncFree(ac);
  return 0;
}

// Negative: freed on error, disconnected otherwise.
int async_ok(void) {
  redisAsyncContext *ac = redisAsyncConnect("127.0.0.1", 6379);
  if (ac == NULL)
    return -1;
  if (ac->err) {
    redisAsyncFree(ac);
    return -1;
  }
  redisAsyncDisconnect(ac);
  return 0;
}
