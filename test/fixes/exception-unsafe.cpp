// Fix-its of connleak-exception-unsafe-release: handles that are released on
// every normal path, but not when a call between the acquisition and the
// release throws, get the same RAII rewrite, so that the release also runs
// during stack unwinding. The last release before the return is removed; the
// earlier ones become reset() where they were, so the releases keep their
// order on the normal path.
// RUN: %check_connleak -fix %s connleak-exception-unsafe-release %t -- -- %cxxflags %pq

#include <cppconn/driver.h>
#include <cppconn/connection.h>
#include <cppconn/statement.h>
#include <cppconn/resultset.h>
#include <libpq-fe.h>
#include <string>
#include <vector>
// CHECK-FIXES:      {{^}}#include <libpq-fe.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <string>{{$}}

// Connector/C++ style: every call can throw sql::SQLException.
// CHECK-MESSAGES: :[[@LINE+10]]:26: warning: connection returned by 'connect' is released with 'delete' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+10]]:3: note: an exception thrown by 'setSchema' here leaks it
// CHECK-MESSAGES: :[[@LINE+17]]:3: note: this release is skipped when that exception is thrown
// CHECK-MESSAGES: :[[@LINE+9]]:26: warning: statement returned by 'createStatement' is released with 'delete' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+9]]:24: note: an exception thrown by 'executeQuery' here leaks it
// CHECK-MESSAGES: :[[@LINE+13]]:3: note: this release is skipped when that exception is thrown
// CHECK-MESSAGES: :[[@LINE+7]]:24: warning: result set returned by 'executeQuery' is released with 'delete' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+8]]:10: note: an exception thrown by 'next' here leaks it
// CHECK-MESSAGES: :[[@LINE+9]]:3: note: this release is skipped when that exception is thrown
std::vector<std::string> names(sql::Driver *driver) {
  sql::Connection *con = driver->connect("tcp://127.0.0.1:3306", "user", "secret");
  con->setSchema("shop");
  sql::Statement *stmt = con->createStatement();
  sql::ResultSet *rs = stmt->executeQuery("SELECT name FROM items");
  std::vector<std::string> out;
  while (rs->next())
    out.push_back(rs->getString("name"));
  delete rs;
  delete stmt;
  delete con;
  return out;
}
// CHECK-FIXES:      {{^}}std::vector<std::string> names(sql::Driver *driver) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<sql::Connection> con(driver->connect("tcp://127.0.0.1:3306", "user", "secret"));{{$}}
// CHECK-FIXES-NEXT: {{^}}  con->setSchema("shop");{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<sql::Statement> stmt(con->createStatement());{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<sql::ResultSet> rs(stmt->executeQuery("SELECT name FROM items"));{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::vector<std::string> out;{{$}}
// CHECK-FIXES-NEXT: {{^}}  while (rs->next()){{$}}
// CHECK-FIXES-NEXT: {{^}}    out.push_back(rs->getString("name"));{{$}}
// CHECK-FIXES-NEXT: {{^}}  rs.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}  stmt.reset();{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return out;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// C handles with a throwing C++ call (push_back) between acquisition and
// release.
// CHECK-MESSAGES: :[[@LINE+7]]:18: warning: connection returned by 'PQconnectdb' is released with 'PQfinish' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+10]]:5: note: an exception thrown by 'push_back' here leaks it
// CHECK-MESSAGES: :[[@LINE+11]]:3: note: this release is skipped when that exception is thrown
// CHECK-MESSAGES: :[[@LINE+6]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+7]]:5: note: an exception thrown by 'push_back' here leaks it
// CHECK-MESSAGES: :[[@LINE+7]]:3: note: this release is skipped when that exception is thrown
std::vector<std::string> pg_names(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  std::vector<std::string> out;
  PGresult *res = PQexec(conn, "SELECT name FROM items");
  for (int i = 0; i < PQntuples(res); ++i)
    out.push_back(PQgetvalue(res, i, 0));
  PQclear(res);
  PQfinish(conn);
  return out;
}
// CHECK-FIXES:      {{^}}std::vector<std::string> pg_names(const char *conninfo) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo), &PQfinish);{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::vector<std::string> out;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), "SELECT name FROM items"), &PQclear);{{$}}
// CHECK-FIXES-NEXT: {{^}}  for (int i = 0; i < PQntuples(res.get()); ++i){{$}}
// CHECK-FIXES-NEXT: {{^}}    out.push_back(PQgetvalue(res.get(), i, 0));{{$}}
// CHECK-FIXES-NEXT: {{^}}  res.reset();{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return out;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// No fix: the variable is assigned a second statement; the note suggests the
// RAII form for both.
// CHECK-MESSAGES: :[[@LINE+9]]:24: warning: statement returned by 'createStatement' is released with 'delete' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+9]]:3: note: an exception thrown by 'execute' here leaks it
// CHECK-MESSAGES: :[[@LINE+9]]:3: note: this release is skipped when that exception is thrown
// CHECK-MESSAGES: :[[@LINE+6]]:24: note: own it with 'std::unique_ptr<sql::Statement>' so that it is released on every path
// CHECK-MESSAGES: :[[@LINE+8]]:8: warning: statement returned by 'createStatement' is released with 'delete' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+8]]:14: note: an exception thrown by 'executeUpdate' here leaks it
// CHECK-MESSAGES: :[[@LINE+8]]:3: note: this release is skipped when that exception is thrown
// CHECK-MESSAGES: :[[@LINE+5]]:8: note: own it with 'std::unique_ptr<sql::Statement>' so that it is released on every path
int two_statements(sql::Connection *con) {
  sql::Statement *st = con->createStatement();
  st->execute("DELETE FROM log");
  delete st;
  st = con->createStatement();
  int rows = st->executeUpdate("DELETE FROM audit");
  delete st;
  return rows;
}
// CHECK-FIXES:      {{^}}int two_statements(sql::Connection *con) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  sql::Statement *st = con->createStatement();{{$}}
// CHECK-FIXES-NEXT: {{^}}  st->execute("DELETE FROM log");{{$}}
// CHECK-FIXES-NEXT: {{^}}  delete st;{{$}}
// CHECK-FIXES-NEXT: {{^}}  st = con->createStatement();{{$}}
// CHECK-FIXES-NEXT: {{^}}  int rows = st->executeUpdate("DELETE FROM audit");{{$}}
// CHECK-FIXES-NEXT: {{^}}  delete st;{{$}}
// CHECK-FIXES-NEXT: {{^}}  return rows;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
