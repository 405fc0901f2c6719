// MySQL Connector/C++ 1.1: Driver::connect, Connection::createStatement,
// Connection::prepareStatement and Statement/PreparedStatement::executeQuery
// return raw pointers owned by the caller, released with delete.
// (When a unique_ptr fix-it is possible it is attached to the warning and
// no extra note is printed.)
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cxxflags

#include <cppconn/connection.h>
#include <cppconn/driver.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <memory>

// Negative: everything deleted.
int count_rows(sql::Driver *driver) {
  sql::Connection *con = driver->connect("tcp://db.internal:3306", "app", "secret");
  sql::Statement *stmt = con->createStatement();
  sql::ResultSet *rs = stmt->executeQuery("SELECT id FROM orders");
  int n = 0;
  while (rs->next())
    n++;
  delete rs;
  delete stmt;
  delete con;
  return n;
}

// Positive three times: the early return leaks connection, prepared
// statement and result set.
int first_value(sql::Driver *driver) {
  sql::Connection *con = driver->connect("tcp://db.internal:3306", "app", "secret");
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: connection returned by 'connect' is not released with 'delete' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+8]]:5: note: leaked when returning here
  sql::PreparedStatement *ps = con->prepareStatement("SELECT v FROM kv WHERE k = ?");
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: prepared statement returned by 'prepareStatement' is not released with 'delete' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
  ps->setInt(1, 42);
  sql::ResultSet *rs = ps->executeQuery();
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: result set returned by 'executeQuery' is not released with 'delete' on every path [connleak-unreleased-handle]
  if (!rs->next())
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  int v = rs->getInt(1);
  delete rs;
  delete ps;
  delete con;
  return v;
}

// Negative: owned by unique_ptr from the start.
int with_unique_ptr(sql::Driver *driver) {
  std::unique_ptr<sql::Connection> con(
      driver->connect("tcp://db.internal:3306", "app", "secret"));
  std::unique_ptr<sql::Statement> stmt(con->createStatement());
  std::unique_ptr<sql::ResultSet> rs(stmt->executeQuery("SELECT 1"));
  return rs->next() ? 1 : 0;
}

// Positive: the statement is created and immediately used, never deleted.
bool run_update(sql::Connection *con) {
  return con->createStatement()->execute("UPDATE orders SET seen = 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: statement returned by 'createStatement' is not released with 'delete' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: leaked here: the handle is never stored
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: own it with 'std::unique_ptr<sql::Statement>' so that it is released on every path
}
