// A loop counter tested for zero after the loop: at a `break` out of
// `for (i = N; i; i--)` the condition `i` held and nothing changed i since,
// so `i == 0` is false there and the live reply goes on to the return;
// `i == 0` only after every attempt failed with a NULL reply (OpenSIPS
// cachedb_redis's retry loop). A test that makes a variable non-zero (`if
// (i)`, `i != 0`) is kept as "non-zero", and a state that joins two
// non-zero values keeps that.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %hiredis

#include <hiredis/hiredis.h>
#include <stddef.h>

// Negative: i is non-zero at the break.
redisReply *retry(redisContext *c) {
  redisReply *reply;
  int i;
  for (;;) {
    for (i = 3; i; i--) {
      reply = redisCommand(c, "PING");
      if (reply == NULL)
        continue;
      break;
    }
    if (i == 0)
      continue;
    return reply;
  }
}

// Negative: the same with `i != 0` and `!i`.
redisReply *retry_ne(redisContext *c, int n) {
  redisReply *reply;
  int i;
  for (;;) {
    for (i = n; i != 0; i--) {
      reply = redisCommand(c, "PING");
      if (!reply)
        continue;
      break;
    }
    if (!i)
      continue;
    return reply;
  }
}

// Positive: "non-zero" says nothing about `i == 1`.
int wrong_count(redisContext *c) {
  redisReply *reply;
  int i;
  for (;;) {
    for (i = 3; i; i--) {
      reply = redisCommand(c, "PING");
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: leaked when 'reply' is overwritten here
      if (reply == NULL)
        continue;
      break;
    }
    if (i == 1)
      continue;
    freeReplyObject(reply);
    return 0;
  }
}
