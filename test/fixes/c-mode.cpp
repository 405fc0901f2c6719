// C code gets neither a fix nor the RAII note. This file is compiled as C
// (-x c): the runner picks the C++ compiler from the .cpp extension, and
// clang++ -x c compiles it as C; -fix must leave it unchanged.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- -x c %cflags %pq %hiredis

#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <stddef.h>

#ifdef __cplusplus
#error "this test must be compiled as C"
#endif

// CHECK-MESSAGES: :[[@LINE+3]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: leaked when returning here
int server_version(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  int v = PQserverVersion(conn);
  PQfinish(conn);
  return v;
}

// CHECK-MESSAGES: :[[@LINE+3]]:33: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: leaked when returning here
int ping(redisContext *c) {
  redisReply *r = (redisReply *)redisCommand(c, "PING");
  if (r == NULL || r->type == REDIS_REPLY_ERROR)
    return -1;
  freeReplyObject(r);
  return 0;
}
