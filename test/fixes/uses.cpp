// Every kind of use of a rewritten handle: function arguments and an
// initialisation of a bool get .get(), so do comparisons with pointers that
// are not null; ->, *r, !p, p && q, p ? a : b, if (p), while (p && ...) and
// comparisons with NULL, nullptr or 0 stay; a release that is not a
// statement of its own (an if/else branch, a case, a comma operand) becomes
// reset().
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %pq %hiredis

#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <cstddef>
// CHECK-FIXES:      {{^}}#include <cstddef>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}

// A local helper that only reads its argument: passing the handle is a
// borrow, rewritten to .get().
static int rows(const PGresult *r) { return PQntuples(r); }

// CHECK-MESSAGES: :[[@LINE+7]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+9]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+11]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+12]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+7]]:19: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+8]]:5: note: leaked when returning here
int pg_uses(const char *conninfo, const PGresult *previous, int mode) {
  PGconn *conn = PQconnectdb(conninfo);
  bool opened = conn;
  if (!opened || PQstatus(conn) != CONNECTION_OK)
    return -1;
  PGresult *res = PQexec(conn, "SELECT 1");
  if (res == previous || previous != res || res < previous)
    return -2;
  if (NULL == res || res == 0 || !(res != nullptr))
    return -3;
  int n = (res && conn) ? rows(res) : 0;
  switch (mode) {
  case 0:
    PQclear(res);
    break;
  case 1:
    PQclear(res), n = -n;
    break;
  default:
    if (res)
      PQclear(res);
    else
      n = 0;
  }
  PQfinish(conn);
  return n;
}
// CHECK-FIXES:      {{^}}int pg_uses(const char *conninfo, const PGresult *previous, int mode) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo), &PQfinish);{{$}}
// CHECK-FIXES-NEXT: {{^}}  bool opened = conn.get();{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!opened || PQstatus(conn.get()) != CONNECTION_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), "SELECT 1"), &PQclear);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (res.get() == previous || previous != res.get() || res.get() < previous){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (NULL == res || res == 0 || !(res != nullptr)){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -3;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int n = (res && conn) ? rows(res.get()) : 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  switch (mode) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  case 0:{{$}}
// CHECK-FIXES-NEXT: {{^}}    res.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}    break;{{$}}
// CHECK-FIXES-NEXT: {{^}}  case 1:{{$}}
// CHECK-FIXES-NEXT: {{^}}    res.reset(), n = -n;{{$}}
// CHECK-FIXES-NEXT: {{^}}    break;{{$}}
// CHECK-FIXES-NEXT: {{^}}  default:{{$}}
// CHECK-FIXES-NEXT: {{^}}    if (res){{$}}
// CHECK-FIXES-NEXT: {{^}}      res.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}    else{{$}}
// CHECK-FIXES-NEXT: {{^}}      n = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return n;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// CHECK-MESSAGES: :[[@LINE+3]]:45: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+8]]:7: note: leaked when returning here
long long redis_uses(redisContext *c, int tries) {
  redisReply *r = static_cast<redisReply *>(redisCommand(c, "GET k"));
  if (!r)
    return -1;
  redisReply copy = *r;
  while (r && tries-- > 0) {
    if (copy.type == REDIS_REPLY_NIL)
      return -2;
    if (r->type == REDIS_REPLY_STRING)
      break;
  }
  long long len = r ? (long long)r->len : 0;
  freeReplyObject(r);
  return len;
}
// CHECK-FIXES:      {{^}}long long redis_uses(redisContext *c, int tries) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<redisReply, decltype(&freeReplyObject)> r(static_cast<redisReply *>(redisCommand(c, "GET k")), &freeReplyObject);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!r){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  redisReply copy = *r;{{$}}
// CHECK-FIXES-NEXT: {{^}}  while (r && tries-- > 0) {{{$}}
// CHECK-FIXES-NEXT: {{^}}    if (copy.type == REDIS_REPLY_NIL){{$}}
// CHECK-FIXES-NEXT: {{^}}      return -2;{{$}}
// CHECK-FIXES-NEXT: {{^}}    if (r->type == REDIS_REPLY_STRING){{$}}
// CHECK-FIXES-NEXT: {{^}}      break;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  long long len = r ? (long long)r->len : 0;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return len;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
