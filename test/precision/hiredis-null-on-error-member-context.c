// The null-when-set fact of redisCommand (models/hiredis.yaml; hiredis
// README, "Using replies": "When an error occurs, the return value is NULL
// and the err field in the context will be set") with a context that is a
// member chain (`k->con`), as in Kamailio's db_redis: the test must name the
// same chain, and nothing between the call and the test may change it.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %hiredis

#include <hiredis/hiredis.h>
#include <stddef.h>

struct km_con {
  redisContext *con;
  redisContext *other;
};

void reconnect(struct km_con *k);

// Negative: the reply is NULL when k->con->err is set, so the retry
// overwrites nothing.
redisReply *run(struct km_con *k, int argc, const char **argv) {
  redisReply *r = redisCommandArgv(k->con, argc, argv, NULL);
  if (k->con->err != REDIS_OK)
    r = redisCommandArgv(k->con, argc, argv, NULL);
  return r;
}

// Negative: an assignment to the chain after the test (on the error path)
// does not matter; `.` on a struct works like `->`.
int run_value(struct km_con k) {
  redisReply *r = redisCommand(k.con, "PING");
  if (k.con->err) {
    redisFree(k.con);
    k.con = NULL;
    return -1;
  }
  freeReplyObject(r);
  return 0;
}

// Positive: another field of the same object says nothing about the reply.
int other_field(struct km_con *k) {
  redisReply *r = redisCommand(k->con, "PING");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  if (k->other->err)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  freeReplyObject(r);
  return 0;
}

// Positive: k->con is replaced between the call and the test.
int replaced(struct km_con *k, redisContext *fresh) {
  redisReply *r = redisCommand(k->con, "PING");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  k->con = fresh;
  if (k->con->err)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  freeReplyObject(r);
  return 0;
}

// Positive: a call given `k` may replace k->con before the test.
int reconnected(struct km_con *k) {
  redisReply *r = redisCommand(k->con, "PING");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  reconnect(k);
  if (k->con->err)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  freeReplyObject(r);
  return 0;
}

// Positive: the variable context is reassigned between the call and the test.
int var_replaced(redisContext *c, redisContext *d) {
  redisReply *r = redisCommand(c, "PING");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  c = d;
  if (c->err)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  freeReplyObject(r);
  return 0;
}
