// Copies and casts: a handle keeps its identity through C++ casts, C casts,
// void * and copies into other local variables.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cxxflags %pq %hiredis

#include <hiredis/hiredis.h>
#include <libpq-fe.h>

// Positive: static_cast of the reply; the wrong-type path leaks.
long long static_cast_leak(redisContext *c) {
  redisReply *r = static_cast<redisReply *>(redisCommand(c, "INCR hits"));
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
  if (!r)
    return -1;
  if (r->type != REDIS_REPLY_INTEGER)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  long long v = r->integer;
  freeReplyObject(r);
  return v;
}

// Negative: static_cast, freed.
long long static_cast_ok(redisContext *c) {
  redisReply *r = static_cast<redisReply *>(redisCommand(c, "INCR hits"));
  if (!r)
    return -1;
  long long v = r->integer;
  freeReplyObject(r);
  return v;
}

// Negative: C-style cast, freed (freeReplyObject(NULL) is fine).
long long c_cast_ok(redisContext *c) {
  redisReply *r = (redisReply *)redisCommand(c, "INCR hits");
  long long v = r ? r->integer : 0;
  freeReplyObject(r);
  return v;
}

// Negative: released through a copy.
int released_through_copy(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  PGconn *alias = conn;
  int status = PQstatus(alias);
  PQfinish(alias);
  return status;
}

// Positive: a copy does not release it; the early return leaks.
int copy_then_return(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  PGconn *alias = conn;
  if (PQstatus(alias) != CONNECTION_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  // CHECK-MESSAGES: :[[@LINE-6]]:18: note: own it with 'std::unique_ptr<PGconn, decltype(&PQfinish)>' so that it is released on every path
  PQfinish(conn);
  return 0;
}

// Negative: stored as void *, released through a static_cast back.
int void_pointer_roundtrip(const char *conninfo) {
  void *p = PQconnectdb(conninfo);
  PQfinish(static_cast<PGconn *>(p));
  return 0;
}

// Positive: `auto` deduces the raw pointer; same rules.
int auto_variable(const char *conninfo) {
  auto conn = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  PQfinish(conn);
  return 0;
}
