// redisCommand returns NULL whenever it sets the context's `err` field
// (hiredis README, "Using replies": "When an error occurs, the return value
// is NULL and the err field in the context will be set"). models/hiredis.yaml
// says so as data: `null-when-set: {arg: 0, field: err}`.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %hiredis

#include <hiredis/hiredis.h>
#include <stddef.h>

// Negative: the reply is NULL when c->err is set.
long long ping(redisContext *c) {
  redisReply *r = redisCommand(c, "INCR counter");
  if (c->err)
    return -1;
  long long v = r->integer;
  freeReplyObject(r);
  return v;
}

// Negative: the same with the test spelled out, and with redisCommandArgv.
int set_key(redisContext *c, int argc, const char **argv, const size_t *lens) {
  redisReply *r = redisCommandArgv(c, argc, argv, lens);
  if (c->err != 0 || r == NULL)
    return -1;
  freeReplyObject(r);
  return 0;
}

// Positive: an error field of another context says nothing about this reply.
int other_context(redisContext *c, redisContext *d) {
  redisReply *r = redisCommand(c, "PING");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  if (d->err)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  freeReplyObject(r);
  return 0;
}

// Positive: when err is not set, the reply is there and must be freed.
int no_error_leaks(redisContext *c) {
  redisReply *r = redisCommand(c, "PING");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  if (!c->err)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  return -1;
}
