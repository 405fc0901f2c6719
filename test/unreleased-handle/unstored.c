// A handle that is never stored in a variable leaks where it is created:
// "leaked here: the handle is never stored".  Comparing, negating or
// dereferencing the handle does not store it.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq %hiredis

#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <stddef.h>

// Positive: argument of a borrowing call.
int count_rows(PGconn *conn) {
  return PQntuples(PQexec(conn, "SELECT id FROM orders"));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-2]]:20: note: leaked here: the handle is never stored
}

// Positive: compared with NULL.
int begin(PGconn *conn) {
  if (PQexec(conn, "BEGIN") == NULL)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: leaked here: the handle is never stored
    return -1;
  return 0;
}

// Positive: negated.
int ping(redisContext *c) {
  if (!redisCommand(c, "PING"))
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
    // CHECK-MESSAGES: :[[@LINE-2]]:8: note: leaked here: the handle is never stored
    return -1;
  return 0;
}

// Positive: a member read straight off the reply.
int reply_type(redisContext *c) {
  return ((redisReply *)redisCommand(c, "PING"))->type;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: leaked here: the handle is never stored
}

// Negative: released without being stored.
void released_inline(PGconn *conn, redisContext *c) {
  PQclear(PQexec(conn, "COMMIT"));
  freeReplyObject(redisCommand(c, "PING"));
}
