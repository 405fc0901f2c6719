// connleak-unbounded-result: hiredis. Commands that return a whole
// collection (KEYS, SMEMBERS, HGETALL, LRANGE k 0 -1, ZRANGE k 0 -1, ...)
// in a request handler or a loop; literal format strings are judged word by
// word, and words filled in at run time (%s, %d) are not.
// RUN: %check_connleak %s connleak-unbounded-result %t -- -- %cflags %event %hiredis

#include <event2/http.h>
#include <hiredis.h>
#include <async.h>

static void on_cache(struct evhttp_request *req, void *arg) {
  redisContext *c = arg;
  freeReplyObject(redisCommand(c, "KEYS session:*"));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'redisCommand' reads every key that matches the pattern ('KEYS session:*') inside request handler 'on_cache' [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: bound it: iterate with 'SCAN <cursor> MATCH <pattern> COUNT <n>'
  freeReplyObject(redisCommand(c, "smembers online"));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'redisCommand' reads every member of the set ('smembers online') inside request handler 'on_cache' [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: bound it: iterate with 'SSCAN <key> <cursor> COUNT <n>'
  freeReplyObject(redisCommand(c, "HGETALL user:%s", "42"));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'redisCommand' reads every field and value of the hash ('HGETALL user:%s') inside request handler 'on_cache' [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: bound it: iterate with 'HSCAN <key> <cursor> COUNT <n>', or read the fields you need with HMGET
  freeReplyObject(redisCommand(c, "LRANGE %s 0 -1", "feed"));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'redisCommand' reads the whole list ('LRANGE %s 0 -1') inside request handler 'on_cache' [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: bound it: read a page: 'LRANGE <key> <start> <start + page size - 1>'
  freeReplyObject(redisCommand(c, "ZRANGE leaderboard 0 -1 WITHSCORES"));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'redisCommand' reads the whole sorted set ('ZRANGE leaderboard 0 -1 WITHSCORES') inside request handler 'on_cache' [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: bound it: {{.*}}
  freeReplyObject(redisCommand(c, "ZRANGEBYSCORE jobs -inf +inf"));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'redisCommand' reads every member in the score range ('ZRANGEBYSCORE jobs -inf +inf') inside request handler 'on_cache' [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: bound it: add 'LIMIT <offset> <page size>'
  redisAppendCommand(c, "HKEYS config");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'redisAppendCommand' reads every field of the hash ('HKEYS config') inside request handler 'on_cache' [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: bound it: {{.*}}

  // Negative: the bounded forms and the SCAN family.
  freeReplyObject(redisCommand(c, "SCAN 0 MATCH session:* COUNT 100"));
  freeReplyObject(redisCommand(c, "SSCAN online 0 COUNT 100"));
  freeReplyObject(redisCommand(c, "HSCAN user:%s 0", "42"));
  freeReplyObject(redisCommand(c, "LRANGE feed 0 99"));
  freeReplyObject(redisCommand(c, "LRANGE feed 0 %d", 99));
  freeReplyObject(redisCommand(c, "ZRANGEBYSCORE jobs -inf +inf LIMIT 0 10"));
  freeReplyObject(redisCommand(c, "HGET user:%s name", "42"));
  // Negative: the command is filled in at run time; %% is a literal '%'.
  freeReplyObject(redisCommand(c, "%s *", "KEYS"));
  freeReplyObject(redisCommand(c, "GET 100%%"));
  evhttp_send_reply(req, HTTP_OK, "OK", NULL);
}

static void on_reply(redisAsyncContext *ac, void *r, void *priv) {}

// Positive: the async API in a loop.
void warm(redisAsyncContext *ac, int n) {
  for (int i = 0; i < n; i++)
    redisAsyncCommand(ac, on_reply, NULL, "SMEMBERS tags:%d", i);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'redisAsyncCommand' reads every member of the set ('SMEMBERS tags:%d') inside a loop [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: bound it: {{.*}}
}

// Negative: once, at start-up.
void load(redisContext *c) { freeReplyObject(redisCommand(c, "HGETALL config")); }
