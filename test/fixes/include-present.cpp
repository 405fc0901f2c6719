// The main file already includes <memory>, in an unsorted include block:
// the fix does not include it a second time.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %pq

// CHECK-FIXES-NOT: #include <memory>
// CHECK-FIXES:      {{^}}#include <string>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <libpq-fe.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <cstdio>{{$}}
#include <string>
#include <libpq-fe.h>
#include <memory>
#include <cstdio>

// CHECK-MESSAGES: :[[@LINE+3]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
int server_version(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::fprintf(stderr, "%s", PQerrorMessage(conn));
    return -1;
  }
  int v = PQserverVersion(conn);
  PQfinish(conn);
  return v;
}
// CHECK-FIXES:      {{^}}int server_version(const char *conninfo) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo), &PQfinish);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (PQstatus(conn.get()) != CONNECTION_OK) {{{$}}
// CHECK-FIXES-NEXT: {{^}}    std::fprintf(stderr, "%s", PQerrorMessage(conn.get()));{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  int v = PQserverVersion(conn.get());{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return v;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
// CHECK-FIXES-NOT: #include <memory>
