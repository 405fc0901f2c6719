// Fix-its for libpq: a PGconn and a PGresult become std::unique_ptr with
// PQfinish / PQclear as deleters, the connection is passed with .get() even
// inside the result's initializer. PQfinish, which only the return follows,
// is removed (its line is left empty); PQclear, which PQfinish follows,
// becomes res.reset() in place, so the result is still cleared first.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <cstdio>
// <memory> joins the block of C++ standard headers.
// CHECK-FIXES:      {{^}}#include <cstdio>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}

// CHECK-MESSAGES: :[[@LINE+8]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+9]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+11]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+14]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+7]]:19: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+8]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+11]]:5: note: leaked when returning here
int count_rows(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  PGresult *res = PQexec(conn, "SELECT id FROM items");
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return -2;
  int n = PQntuples(res);
  if (n > 1000) {
    std::fprintf(stderr, "too many rows\n");
    return -3;
  }
  PQclear(res);
  PQfinish(conn);
  return n;
}
// CHECK-FIXES:      {{^}}int count_rows(const char *conninfo) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo), &PQfinish);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (PQstatus(conn.get()) != CONNECTION_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), "SELECT id FROM items"), &PQclear);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (PQresultStatus(res.get()) != PGRES_TUPLES_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int n = PQntuples(res.get());{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (n > 1000) {{{$}}
// CHECK-FIXES-NEXT: {{^}}    std::fprintf(stderr, "too many rows\n");{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -3;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  res.reset();{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return n;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Only the result leaks (at the break): the connection stays a raw pointer,
// and the result, declared in the loop body, is destroyed at the end of each
// iteration where PQclear was: PQclear is the last statement of the loop body,
// the scope of 'res', so it is removed.
// CHECK-MESSAGES: :[[@LINE+8]]:21: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+9]]:7: note: leaked at the end of the scope of 'res'
int sum_versions(const char *conninfo, int rounds) {
  PGconn *conn = PQconnectdb(conninfo);
  if (conn == NULL)
    return -1;
  int total = 0;
  for (int i = 0; i < rounds; ++i) {
    PGresult *res = PQexec(conn, "SELECT 1");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
      break;
    total += PQgetisnull(res, 0, 0) ? 0 : 1;
    PQclear(res);
  }
  PQfinish(conn);
  return total;
}
// CHECK-FIXES:      {{^}}int sum_versions(const char *conninfo, int rounds) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  PGconn *conn = PQconnectdb(conninfo);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (conn == NULL){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int total = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < rounds; ++i) {{{$}}
// CHECK-FIXES-NEXT: {{^}}    std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn, "SELECT 1"), &PQclear);{{$}}
// CHECK-FIXES-NEXT: {{^}}    if (PQresultStatus(res.get()) != PGRES_TUPLES_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}      break;{{$}}
// CHECK-FIXES-NEXT: {{^}}    total += PQgetisnull(res.get(), 0, 0) ? 0 : 1;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQfinish(conn);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return total;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
