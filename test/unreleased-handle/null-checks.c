// NULL checks: a nullable family's NULL result needs no release, whichever
// way the test is written; an assignment inside the condition is followed.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq %hiredis

#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <stddef.h>

// Negative: `if (!c) return`.
int not_c(const char *conninfo) {
  PGconn *c = PQconnectdb(conninfo);
  if (!c)
    return -1;
  PQfinish(c);
  return 0;
}

// Negative: `if (NULL == c) return`.
int null_eq_c(const char *conninfo) {
  PGconn *c = PQconnectdb(conninfo);
  if (NULL == c)
    return -1;
  PQfinish(c);
  return 0;
}

// Negative: the release is guarded by `if (c)`.
void guarded(const char *conninfo) {
  PGconn *c = PQconnectdb(conninfo);
  PQstatus(c);
  if (c)
    PQfinish(c);
}

// Positive: the assignment in the condition is tracked; the status
// failure path returns without PQfinish.
int assign_in_condition(const char *conninfo) {
  PGconn *c;
  if ((c = PQconnectdb(conninfo)) == NULL)
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
    return -1;
  if (PQstatus(c) != CONNECTION_OK)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  PQfinish(c);
  return 0;
}

// Positive: `c == NULL || c->err` returns a context whose err is set.
int hiredis_err(void) {
  redisContext *c = redisConnect("127.0.0.1", 6379);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: connection returned by 'redisConnect' is not released with 'redisFree' on every path [connleak-unreleased-handle]
  if (c == NULL || c->err)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  redisFree(c);
  return 0;
}

// Positive: the reply leaks when it is non-NULL but the guard is inverted.
void inverted_guard(redisContext *c) {
  redisReply *r = redisCommand(c, "PING");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  if (r == NULL)
    freeReplyObject(r);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function
