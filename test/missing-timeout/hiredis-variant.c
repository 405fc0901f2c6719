// connleak-missing-timeout: redisConnect and redisConnectUnix have no
// timeout; their ...WithTimeout variants do.  redisSetTimeout after the
// connect only bounds later commands, not the connect itself.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %hiredis

#include <hiredis.h>
#include <sys/time.h>

// Positive: TCP and Unix-socket connects without a timeout.
redisContext *connect_cache(void) {
  return redisConnect("cache", 6379);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'redisConnect' connects with no timeout; use 'redisConnectWithTimeout' [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: the timeout bounds only the connect; commands also need redisSetTimeout() on the context, or 'command_timeout' in redisOptions
}
redisContext *connect_local(void) {
  return redisConnectUnix("/run/redis/redis.sock");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'redisConnectUnix' connects with no timeout; use 'redisConnectUnixWithTimeout' [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: the timeout bounds only the connect; commands also need redisSetTimeout() on the context, or 'command_timeout' in redisOptions
}
redisContext *connect_then_bound(void) {
  struct timeval tv = {1, 0};
  redisContext *c = redisConnect("cache", 6379);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'redisConnect' connects with no timeout; use 'redisConnectWithTimeout' [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: the timeout bounds only the connect; commands also need redisSetTimeout() on the context, or 'command_timeout' in redisOptions
  redisSetTimeout(c, tv);
  return c;
}

// Negative: the timeout variants, and the non-blocking connect.
redisContext *connect_cache_bounded(void) {
  struct timeval tv = {1, 0};
  return redisConnectWithTimeout("cache", 6379, tv);
}
redisContext *connect_local_bounded(void) {
  struct timeval tv = {1, 0};
  return redisConnectUnixWithTimeout("/run/redis/redis.sock", tv);
}
redisContext *connect_async(void) {
  return redisConnectNonBlock("cache", 6379);
}
