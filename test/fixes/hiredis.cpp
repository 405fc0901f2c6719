// Fix-its for hiredis: the redisContext becomes
// std::unique_ptr<redisContext, decltype(&redisFree)>, the reply, cast from
// redisCommand's void *, std::unique_ptr<redisReply,
// decltype(&freeReplyObject)> around the static_cast. c->err, r->type,
// c == NULL and r == nullptr stay; a release that is not a statement of its
// own (the body of an if) becomes r.reset().
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %hiredis

#include <hiredis/hiredis.h>
#include <cstdio>
// CHECK-FIXES:      {{^}}#include <cstdio>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}

// CHECK-MESSAGES: :[[@LINE+7]]:21: warning: connection returned by 'redisConnect' is not released with 'redisFree' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+8]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+10]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+12]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+6]]:45: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+10]]:5: note: leaked when returning here
long long incr(const char *host) {
  redisContext *c = redisConnect(host, 6379);
  if (c == NULL || c->err)
    return -1;
  redisReply *r = static_cast<redisReply *>(redisCommand(c, "INCR counter"));
  if (r == nullptr)
    return -2;
  if (r->type != REDIS_REPLY_INTEGER) {
    std::printf("unexpected reply type %d\n", r->type);
    return -3;
  }
  long long v = r->integer;
  if (r) freeReplyObject(r);
  redisFree(c);
  return v;
}
// CHECK-FIXES:      {{^}}long long incr(const char *host) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<redisContext, decltype(&redisFree)> c(redisConnect(host, 6379), &redisFree);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (c == NULL || c->err){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<redisReply, decltype(&freeReplyObject)> r(static_cast<redisReply *>(redisCommand(c.get(), "INCR counter")), &freeReplyObject);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (r == nullptr){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (r->type != REDIS_REPLY_INTEGER) {{{$}}
// CHECK-FIXES-NEXT: {{^}}    std::printf("unexpected reply type %d\n", r->type);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -3;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  long long v = r->integer;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (r) r.reset();{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return v;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// A C-style cast, and the reply released in both branches of an if/else.
// CHECK-MESSAGES: :[[@LINE+3]]:33: warning: reply returned by 'redisCommand' is not released with 'freeReplyObject' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: leaked when returning here
int ping(redisContext *c, bool verbose) {
  redisReply *r = (redisReply *)redisCommand(c, "PING");
  if (!r)
    return -1;
  if (r->type == REDIS_REPLY_ERROR)
    return -2;
  if (verbose)
    freeReplyObject(r);
  else
    freeReplyObject(r);
  return 0;
}
// CHECK-FIXES:      {{^}}int ping(redisContext *c, bool verbose) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<redisReply, decltype(&freeReplyObject)> r((redisReply *)redisCommand(c, "PING"), &freeReplyObject);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!r){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (r->type == REDIS_REPLY_ERROR){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (verbose){{$}}
// CHECK-FIXES-NEXT: {{^}}    r.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}  else{{$}}
// CHECK-FIXES-NEXT: {{^}}    r.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
