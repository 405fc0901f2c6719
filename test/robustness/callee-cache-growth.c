// Defect: handleCall held a reference into the per-TU roles cache while
// summary() analysed a same-file callee defined later; that callee's own 64
// callees grew the cache and freed the reference (a segfault in processBlock,
// or callee roles silently dropped). The caches now never move what they
// hand out (include/connleak/Analysis.h).
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cflags %pq

#include <libpq-fe.h>

#define X8(M, p) M(p##0) M(p##1) M(p##2) M(p##3) M(p##4) M(p##5) M(p##6) M(p##7)
#define X64(M) X8(M, 1) X8(M, 2) X8(M, 3) X8(M, 4) X8(M, 5) X8(M, 6) X8(M, 7) X8(M, 8)
#define DECLARE(n) void step##n(void);
#define CALL(n) step##n();
X64(DECLARE)

static void helper(PGconn *c);

// The helper is analysed on the spot from this call; the roles of PQstatus
// and PQfinish must survive it.
int caller(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  helper(c);
  if (PQstatus(c) != CONNECTION_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  PQfinish(c);
  return 0;
}

// Borrows c: 64 distinct callees, none of which sees the handle.
static void helper(PGconn *c) {
  (void)PQstatus(c);
  X64(CALL)
}

// Negative: the same shape, finished on every path.
static void helper2(PGconn *c);
int caller_ok(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  helper2(c);
  int ok = PQstatus(c) == CONNECTION_OK;
  PQfinish(c);
  return ok;
}
#define CALL2(n) step##n();
static void helper2(PGconn *c) {
  (void)PQdb(c);
  X64(CALL2)
}
