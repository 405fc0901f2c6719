// Fix-its for MySQL Connector/C++: the raw owners returned by
// Driver::connect, Connection::createStatement / prepareStatement and
// PreparedStatement / Statement::executeQuery become std::unique_ptr<T>
// (released by delete); -> stays. A delete followed by nothing but return
// statements in its block is removed; any other delete (one that is the body of
// an if, or that more statements follow) becomes reset() in place, so the
// order of the releases is kept. A local helper that only borrows the
// connection gets .get().
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags

#include <cppconn/driver.h>
#include <cppconn/connection.h>
#include <cppconn/statement.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
// CHECK-FIXES:      {{^}}#include <cppconn/resultset.h>{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}

static bool is_valid(sql::Connection *c) { return c->isValid(); }

// CHECK-MESSAGES: :[[@LINE+10]]:26: warning: connection returned by 'connect' is not released with 'delete' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+11]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+14]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+19]]:7: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+10]]:32: warning: prepared statement returned by 'prepareStatement' is not released with 'delete' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+11]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+16]]:7: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+11]]:24: warning: result set returned by 'executeQuery' is not released with 'delete' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+14]]:7: note: leaked when returning here
int total(sql::Driver *driver, int min, bool dry_run) {
  sql::Connection *con = driver->connect("tcp://127.0.0.1:3306", "user", "secret");
  if (!is_valid(con))
    return -1;
  con->setSchema("shop");
  sql::PreparedStatement *ps = con->prepareStatement("SELECT qty FROM items WHERE qty > ?");
  if (dry_run)
    return 0;
  ps->setInt(1, min);
  sql::ResultSet *rs = ps->executeQuery();
  int sum = 0;
  while (rs->next()) {
    if (rs->isNull(1))
      return -2;
    sum += rs->getInt(1);
  }
  if (rs) delete rs;
  delete ps;
  delete con;
  return sum;
}
// CHECK-FIXES:      {{^}}int total(sql::Driver *driver, int min, bool dry_run) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<sql::Connection> con(driver->connect("tcp://127.0.0.1:3306", "user", "secret"));{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!is_valid(con.get())){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  con->setSchema("shop");{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<sql::PreparedStatement> ps(con->prepareStatement("SELECT qty FROM items WHERE qty > ?"));{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (dry_run){{$}}
// CHECK-FIXES-NEXT: {{^}}    return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  ps->setInt(1, min);{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<sql::ResultSet> rs(ps->executeQuery());{{$}}
// CHECK-FIXES-NEXT: {{^}}  int sum = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  while (rs->next()) {{{$}}
// CHECK-FIXES-NEXT: {{^}}    if (rs->isNull(1)){{$}}
// CHECK-FIXES-NEXT: {{^}}      return -2;{{$}}
// CHECK-FIXES-NEXT: {{^}}    sum += rs->getInt(1);{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (rs) rs.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}  ps.reset();{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return sum;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// CHECK-MESSAGES: :[[@LINE+6]]:24: warning: statement returned by 'createStatement' is not released with 'delete' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+9]]:7: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+12]]:7: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+5]]:26: warning: result set returned by 'executeQuery' is not released with 'delete' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+6]]:7: note: leaked when returning here
int purge(sql::Connection *con, bool check) {
  sql::Statement *st = con->createStatement();
  if (check) {
    sql::ResultSet *rs = st->executeQuery("SELECT COUNT(*) FROM log");
    if (rs == nullptr || !rs->next())
      return -1;
    int n = rs->getInt(1);
    delete rs;
    if (n == 0)
      return 0;
  }
  int rows = st->executeUpdate("DELETE FROM log");
  delete st;
  return rows;
}
// CHECK-FIXES:      {{^}}int purge(sql::Connection *con, bool check) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<sql::Statement> st(con->createStatement());{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (check) {{{$}}
// CHECK-FIXES-NEXT: {{^}}    std::unique_ptr<sql::ResultSet> rs(st->executeQuery("SELECT COUNT(*) FROM log"));{{$}}
// CHECK-FIXES-NEXT: {{^}}    if (rs == nullptr || !rs->next()){{$}}
// CHECK-FIXES-NEXT: {{^}}      return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}    int n = rs->getInt(1);{{$}}
// CHECK-FIXES-NEXT: {{^}}    rs.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}    if (n == 0){{$}}
// CHECK-FIXES-NEXT: {{^}}      return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
// CHECK-FIXES-NEXT: {{^}}  int rows = st->executeUpdate("DELETE FROM log");{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return rows;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
