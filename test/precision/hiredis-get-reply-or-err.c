// redisGetReply(c, &r) stores a reply only when it returns REDIS_OK, and,
// as with redisCommand, there is no reply when the context's `err` is set
// (hiredis README, "Pipelining"; models/hiredis.yaml). rsyslog's omhiredis
// tests both at once.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %hiredis

#include <hiredis/hiredis.h>
#include <stddef.h>

// Negative: on `!= REDIS_OK` nothing was stored; with `c->err` set neither.
int drain(redisContext *c, int n) {
  redisReply *r;
  for (int i = 0; i < n; i++) {
    if (redisGetReply(c, (void **)&r) != REDIS_OK || c->err) {
      redisFree(c);
      return -1;
    }
    freeReplyObject(r);
  }
  return 0;
}

// Positive: the error field of another context says nothing.
int other_context(redisContext *c, redisContext *d) {
  redisReply *r;
  if (redisGetReply(c, (void **)&r) != REDIS_OK || d->err)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: reply returned through 'r' by 'redisGetReply' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  freeReplyObject(r);
  return 0;
}
