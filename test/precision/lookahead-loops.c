// Look-ahead loops fetch the next result while the current one is still
// held: `next = PQgetResult(c); ...; PQclear(cur); cur = next;`. One
// acquiring expression then has two live handles at once; they are tracked
// apart (up to two per expression), so the loop is not "acquired again
// while the previous one is held". Found in fixed versions of pgbench and
// psql.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>
#include <stddef.h>

// Negative: pgbench's discardUntilSync shape.
int drain(PGconn *c) {
  PGresult *cur = PQgetResult(c);
  while (cur != NULL) {
    PGresult *next = PQgetResult(c);
    if (PQresultStatus(cur) == PGRES_FATAL_ERROR) {
      PQclear(cur);
      PQclear(next);
      return -1;
    }
    PQclear(cur);
    cur = next;
  }
  return 0;
}

// Negative: the same with both variables declared outside the loop.
int drain_outer(PGconn *c) {
  PGresult *cur, *next;
  cur = PQgetResult(c);
  while (cur) {
    next = PQgetResult(c);
    PQclear(cur);
    cur = next;
  }
  return 0;
}

// Positive: the look-ahead result is dropped on one path.
int drain_leaky(PGconn *c) {
  PGresult *cur = PQgetResult(c);
  while (cur != NULL) {
    PGresult *next = PQgetResult(c);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: result returned by 'PQgetResult' is not released with 'PQclear' on every path [connleak-unreleased-handle]
    if (PQresultStatus(cur) == PGRES_FATAL_ERROR) {
      PQclear(cur);
      return -1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: leaked when returning here
    }
    PQclear(cur);
    cur = next;
  }
  return 0;
}

// Positive: the loop really loses the previous result.
void overwrite_in_loop(PGconn *c, int n) {
  PGresult *r = NULL;
  for (int i = 0; i < n; i++)
    r = PQgetResult(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: result returned by 'PQgetResult' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: leaked when 'r' is overwritten here
  PQclear(r);
}
