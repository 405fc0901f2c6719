// Fix-its keep the point of release: an explicit release is removed only when
// nothing but return statements follow it in its block; any other release
// becomes h.reset() where it was. A handle that has to be released before a
// library-wide cleanup (curl_global_cleanup, mysql_library_end) therefore
// still is.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %curl %mysql %pq

#include <curl/curl.h>
#include <libpq-fe.h>
#include <mysql.h>
// CHECK-FIXES:      {{^}}#include <mysql.h>{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}

// curl_multi_cleanup is followed by curl_global_cleanup: reset() in place.
// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: multi handle returned by 'curl_multi_init' is not released with 'curl_multi_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
int run(int argc) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURLM *multi = curl_multi_init();
  if (argc < 2)
    return 1;
  int running = 0;
  curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
  curl_global_cleanup();
  return 0;
}
// CHECK-FIXES:      {{^}}int run(int argc) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  curl_global_init(CURL_GLOBAL_DEFAULT);{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(), &curl_multi_cleanup);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (argc < 2){{$}}
// CHECK-FIXES-NEXT: {{^}}    return 1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int running = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  curl_multi_perform(multi.get(), &running);{{$}}
// CHECK-FIXES-NEXT: {{^}}  multi.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}  curl_global_cleanup();{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// mysql_close is followed by mysql_library_end: reset() in place.
// CHECK-MESSAGES: :[[@LINE+3]]:15: warning: connection returned by 'mysql_init' is not released with 'mysql_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: leaked when returning here
int once(const char *host) {
  MYSQL *db = mysql_init(NULL);
  if (!mysql_real_connect(db, host, "user", "secret", "shop", 0, NULL, 0))
    return -1;
  int rc = mysql_query(db, "DELETE FROM sessions");
  mysql_close(db);
  mysql_library_end();
  return rc;
}
// CHECK-FIXES:      {{^}}int once(const char *host) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<MYSQL, decltype(&mysql_close)> db(mysql_init(NULL), &mysql_close);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!mysql_real_connect(db.get(), host, "user", "secret", "shop", 0, NULL, 0)){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int rc = mysql_query(db.get(), "DELETE FROM sessions");{{$}}
// CHECK-FIXES-NEXT: {{^}}  db.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}  mysql_library_end();{{$}}
// CHECK-FIXES-NEXT: {{^}}  return rc;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// A release followed by a return, even in a nested block, is removed: the
// return ends the scope of the handle right there. The release that more
// statements follow becomes reset().
// CHECK-MESSAGES: :[[@LINE+3]]:18: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: leaked when returning here
int version(const char *conninfo, bool check_only, int *out) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  if (check_only) {
    PQfinish(conn);
    return 0;
  }
  int v = PQserverVersion(conn);
  PQfinish(conn);
  *out = v;
  return 1;
}
// CHECK-FIXES:      {{^}}int version(const char *conninfo, bool check_only, int *out) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo), &PQfinish);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (PQstatus(conn.get()) != CONNECTION_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (check_only) {{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}    return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  int v = PQserverVersion(conn.get());{{$}}
// CHECK-FIXES-NEXT: {{^}}  conn.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}  *out = v;{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 1;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
