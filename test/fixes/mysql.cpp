// Fix-its for the MySQL / MariaDB C API: the MYSQL handle from mysql_init
// becomes std::unique_ptr<MYSQL, decltype(&mysql_close)>, the MYSQL_RES from
// mysql_store_result std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)>;
// every mysql_* call gets .get(), !db and res == NULL stay. mysql_close, which
// only the return follows, is removed; mysql_free_result becomes res.reset()
// in place, so the result is still freed before the connection is closed.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %mysql

#include <mysql.h>
#include <cstdio>
// CHECK-FIXES:      {{^}}#include <cstdio>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}

// CHECK-MESSAGES: :[[@LINE+8]]:15: warning: connection returned by 'mysql_init' is not released with 'mysql_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+11]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+12]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+14]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+19]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+10]]:20: warning: result returned by 'mysql_store_result' is not released with 'mysql_free_result' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+17]]:5: note: leaked when returning here
int count_rows(const char *host) {
  MYSQL *db = mysql_init(NULL);
  if (!db)
    return -1;
  if (!mysql_real_connect(db, host, "user", "secret", "shop", 0, NULL, 0))
    return -2;
  if (mysql_query(db, "SELECT id FROM items"))
    return -3;
  MYSQL_RES *res = mysql_store_result(db);
  if (res == NULL)
    return -4;
  int n = 0;
  while (MYSQL_ROW row = mysql_fetch_row(res))
    n += row[0] != NULL;
  if (n > 1000) {
    std::fprintf(stderr, "too many rows\n");
    return -5;
  }
  mysql_free_result(res);
  mysql_close(db);
  return n;
}
// CHECK-FIXES:      {{^}}int count_rows(const char *host) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<MYSQL, decltype(&mysql_close)> db(mysql_init(NULL), &mysql_close);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!db){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!mysql_real_connect(db.get(), host, "user", "secret", "shop", 0, NULL, 0)){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (mysql_query(db.get(), "SELECT id FROM items")){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -3;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> res(mysql_store_result(db.get()), &mysql_free_result);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (res == NULL){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -4;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int n = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  while (MYSQL_ROW row = mysql_fetch_row(res.get())){{$}}
// CHECK-FIXES-NEXT: {{^}}    n += row[0] != NULL;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (n > 1000) {{{$}}
// CHECK-FIXES-NEXT: {{^}}    std::fprintf(stderr, "too many rows\n");{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -5;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  res.reset();{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return n;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
