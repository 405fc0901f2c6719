// hiredis replies: redisCommand, redisCommandArgv and redisGetReply(c, &reply)
// produce replies released with freeReplyObject.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %hiredis

#include <hiredis/hiredis.h>
#include <stddef.h>

// Positive: the wrong-type path returns without freeing the reply.
long long incr_wrong_type(redisContext *c) {
  redisReply *reply = redisCommand(c, "INCR visits");
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  if (reply == NULL)
    return -1;
  if (reply->type != REDIS_REPLY_INTEGER)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  long long v = reply->integer;
  freeReplyObject(reply);
  return v;
}

// Negative: NULL reply (connection error) needs no free.
long long incr_ok(redisContext *c) {
  redisReply *reply = redisCommand(c, "INCR visits");
  if (!reply)
    return -1;
  long long v = reply->type == REDIS_REPLY_INTEGER ? reply->integer : -1;
  freeReplyObject(reply);
  return v;
}

// Positive: redisCommandArgv reply used in a conditional expression only.
int argv_leak(redisContext *c) {
  const char *argv[2] = {"GET", "session"};
  redisReply *reply = redisCommandArgv(c, 2, argv, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: reply returned by 'redisCommandArgv' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  return reply ? reply->type : -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Negative: pipelined reply through redisGetReply; on REDIS_ERR no reply.
int get_reply_ok(redisContext *c) {
  redisReply *reply = NULL;
  redisAppendCommand(c, "PING");
  if (redisGetReply(c, (void **)&reply) != REDIS_OK)
    return -1;
  freeReplyObject(reply);
  return 0;
}

// Positive: the reply from redisGetReply is never freed.
int get_reply_leak(redisContext *c) {
  void *reply = NULL;
  redisAppendCommand(c, "PING");
  if (redisGetReply(c, &reply) != REDIS_OK)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: reply returned through 'reply' by 'redisGetReply' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
    return -1;
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Positive: a fire-and-forget command still allocates a reply.
void fire_and_forget(redisContext *c) {
  redisCommand(c, "SET k v");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: leaked here: the handle is never stored
}

// Negative: freed directly.
void freed_directly(redisContext *c) {
  freeReplyObject(redisCommand(c, "SET k v"));
}

// Negative: a reply stored through void * and freed through it.
int void_pointer(redisContext *c) {
  void *p = redisCommand(c, "PING");
  redisReply *reply = (redisReply *)p;
  int t = reply ? reply->type : -1;
  freeReplyObject(p);
  return t;
}
