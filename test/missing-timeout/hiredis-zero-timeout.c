// connleak-missing-timeout: a function that also calls the timeout-taking
// variant of a connect (the model's `variant`) chose the plain call, in the
// branch where the configured timeout is zero: not reported.  Shapes of
// redis-cli (cli_common.c, redisConnectWrapper) and OpenSIPS
// (cachedb_redis_dbase.c, redis_get_ctx).
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %hiredis

#include <hiredis.h>
#include <stdio.h>
#include <sys/time.h>

// Negative: redis-cli's wrappers, the plain call when the timeout is zero.
redisContext *connect_wrapper(const char *ip, int port, const struct timeval tv) {
  if (tv.tv_sec == 0 && tv.tv_usec == 0)
    return redisConnect(ip, port);
  return redisConnectWithTimeout(ip, port, tv);
}
redisContext *connect_unix_wrapper(const char *path, const struct timeval tv) {
  if (tv.tv_sec == 0 && tv.tv_usec == 0)
    return redisConnectUnix(path);
  return redisConnectUnixWithTimeout(path, tv);
}

// Negative: OpenSIPS's shape, the variant in the else branch.
static int connection_timeout_ms = 5000;
redisContext *get_ctx(char *ip, int port) {
  struct timeval tv;
  redisContext *ctx;
  if (!connection_timeout_ms) {
    fprintf(stderr, "Connecting to redis without timeout might block\n");
    ctx = redisConnect(ip, port);
  } else {
    tv.tv_sec = connection_timeout_ms / 1000;
    tv.tv_usec = (connection_timeout_ms * 1000) % 1000000;
    ctx = redisConnectWithTimeout(ip, port, tv);
  }
  return ctx;
}
redisContext *get_ctx_unix(const char *path) {
  struct timeval tv;
  redisContext *ctx;
  if (!connection_timeout_ms) {
    ctx = redisConnectUnix(path);
  } else {
    tv.tv_sec = connection_timeout_ms / 1000;
    tv.tv_usec = (connection_timeout_ms * 1000) % 1000000;
    ctx = redisConnectUnixWithTimeout(path, tv);
  }
  return ctx;
}

// Positive (control): only the plain call.
redisContext *plain_only(const char *ip, int port) {
  return redisConnect(ip, port);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'redisConnect' connects with no timeout; use 'redisConnectWithTimeout' [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: the timeout bounds only the connect; commands also need redisSetTimeout() on the context (or, from hiredis 1.0, 'command_timeout' in redisOptions)
}

// Positive (control): the function calls the variant of the other connect
// only; the TCP connect has no timeout in either branch.
redisContext *other_variant(const char *ip, int port, const char *path,
                            const struct timeval tv) {
  if (path)
    return redisConnectUnixWithTimeout(path, tv);
  return redisConnect(ip, port);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'redisConnect' connects with no timeout; use 'redisConnectWithTimeout' [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: the timeout bounds only the connect; commands also need redisSetTimeout() on the context (or, from hiredis 1.0, 'command_timeout' in redisOptions)
}

// Positive (control): the variant in another function does not count.
redisContext *bounded(const char *ip, int port, const struct timeval tv) {
  return redisConnectWithTimeout(ip, port, tv);
}
redisContext *unbounded(const char *ip, int port) {
  return redisConnect(ip, port);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'redisConnect' connects with no timeout; use 'redisConnectWithTimeout' [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: the timeout bounds only the connect; commands also need redisSetTimeout() on the context (or, from hiredis 1.0, 'command_timeout' in redisOptions)
}
