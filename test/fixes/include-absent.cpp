// The main file includes no C++ standard header: the fix inserts
// an include of <memory> (IncludeInserter, LLVM style) before the quoted include,
// once for both fixes.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %pq

// CHECK-FIXES:      {{^}}#include <memory>{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}#include "libpq-fe.h"{{$}}
// CHECK-FIXES-NOT:  #include <memory>
#include "libpq-fe.h"

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
// CHECK-FIXES:      {{^}}int server_version(const char *conninfo) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo), &PQfinish);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (PQstatus(conn.get()) != CONNECTION_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int v = PQserverVersion(conn.get());{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return v;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// CHECK-MESSAGES: :[[@LINE+3]]:19: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: leaked when returning here
int has_rows(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return -1;
  int n = PQntuples(res);
  PQclear(res);
  return n > 0;
}
// CHECK-FIXES:      {{^}}int has_rows(PGconn *conn) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn, "SELECT 1"), &PQclear);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (PQresultStatus(res.get()) != PGRES_TUPLES_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int n = PQntuples(res.get());{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return n > 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
