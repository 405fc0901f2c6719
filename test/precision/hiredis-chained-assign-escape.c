// A chained assignment stores the reply in the variable and in the outer
// target: `config.last = r = (redisReply *)o;` keeps the reply in a global
// (redis-cli's cliReadReply frees config.last_reply at its next call). The
// outer store is an escape like `config.last = r;`.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %hiredis

#include <hiredis/hiredis.h>
#include <stddef.h>

static struct {
  redisReply *last;
} config;

struct holder {
  redisReply *kept;
};

// Negative: the outer store of the chain puts the reply in a global.
int read_reply(redisContext *c) {
  void *o;
  redisReply *r;
  if (redisGetReply(c, &o) != REDIS_OK)
    return -1;
  config.last = r = (redisReply *)o;
  return r->type;
}

// Negative: the same into a struct field, with the returned form.
int keep_reply(redisContext *c, struct holder *h) {
  redisReply *r;
  h->kept = r = redisCommand(c, "PING");
  if (r == NULL)
    return -1;
  return r->type;
}

// Positive: a chain of two local variables keeps the reply local.
int local_chain(redisContext *c) {
  void *o;
  redisReply *r, *s;
  if (redisGetReply(c, &o) != REDIS_OK)
    return -1;
  s = r = (redisReply *)o;
  // CHECK-MESSAGES: :[[@LINE-3]]:7: warning: reply returned through 'o' by 'redisGetReply' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  return s->type + r->type;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}
