// Fix-its for a C++ connection created with a raw new: `auto *c = new
// pqxx::connection(...)` becomes std::unique_ptr<pqxx::connection> (the type
// is read from the new-expression), *c and c-> stay and the delete is removed.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags

#include <pqxx/pqxx>
#include <string>
// CHECK-FIXES:      {{^}}#include <memory>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <pqxx/pqxx>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <string>{{$}}

// CHECK-MESSAGES: :[[@LINE+3]]:13: warning: connection created by 'new pqxx::connection' is not released with 'delete' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: leaked when returning here
int count_items(const std::string &dsn) {
  auto *c = new pqxx::connection(dsn);
  if (!c->is_open())
    return -1;
  int n = 0;
  {
    pqxx::work tx(*c);
    n = static_cast<int>(tx.exec("SELECT id FROM items").size());
    tx.commit();
  }
  delete c;
  return n;
}
// CHECK-FIXES:      {{^}}int count_items(const std::string &dsn) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<pqxx::connection> c(new pqxx::connection(dsn));{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!c->is_open()){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int n = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  {{{$}}
// CHECK-FIXES-NEXT: {{^}}    pqxx::work tx(*c);{{$}}
// CHECK-FIXES-NEXT: {{^}}    n = static_cast<int>(tx.exec("SELECT id FROM items").size());{{$}}
// CHECK-FIXES-NEXT: {{^}}    tx.commit();{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return n;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Spelled with the type.
// CHECK-MESSAGES: :[[@LINE+3]]:25: warning: connection created by 'new pqxx::connection' is not released with 'delete' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: leaked when returning here
std::string server(const std::string &dsn, bool quiet) {
  pqxx::connection *c = new pqxx::connection(dsn);
  if (quiet)
    return "";
  std::string name = c->hostname();
  delete c;
  return name;
}
// CHECK-FIXES:      {{^}}std::string server(const std::string &dsn, bool quiet) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<pqxx::connection> c(new pqxx::connection(dsn));{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (quiet){{$}}
// CHECK-FIXES-NEXT: {{^}}    return "";{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::string name = c->hostname();{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return name;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// No fix (the connection is handed to a function that may keep it); the note
// names the allocated type.
void keep(pqxx::connection *c);
// CHECK-MESSAGES: :[[@LINE+4]]:13: warning: connection created by 'new pqxx::connection' is not released with 'delete' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:13: note: own it with 'std::unique_ptr<pqxx::connection>' so that it is released on every path
int open_kept(const std::string &dsn) {
  auto *c = new pqxx::connection(dsn);
  if (!c->is_open())
    return -1;
  keep(c);
  return 0;
}
// CHECK-FIXES:      {{^}}int open_kept(const std::string &dsn) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  auto *c = new pqxx::connection(dsn);{{$}}
