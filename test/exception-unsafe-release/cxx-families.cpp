// exception-unsafe-release on C++ families: Connector/C++ objects released
// with delete, and SOCI pool leases given back with give_back.
// RUN: %check_connleak %s connleak-exception-unsafe-release %t -- -- %cxxflags

#include <cppconn/connection.h>
#include <cppconn/driver.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <soci/soci.h>
#include <cstddef>
#include <memory>

// Positive three times: every call of the JDBC-style API may throw
// sql::SQLException, so each object is exposed to the next call.
int count_rows(sql::Driver *driver) {
  sql::Connection *con = driver->connect("tcp://db.internal:3306", "app", "secret");
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: connection returned by 'connect' is released with 'delete' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  sql::Statement *stmt = con->createStatement();
  // CHECK-MESSAGES: :[[@LINE-1]]:26: note: an exception thrown by 'createStatement' here leaks it
  // CHECK-MESSAGES: :[[@LINE+13]]:3: note: this release is skipped when that exception is thrown
  // CHECK-MESSAGES: :[[@LINE-3]]:26: warning: statement returned by 'createStatement' is released with 'delete' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  sql::ResultSet *rs = stmt->executeQuery("SELECT id FROM orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:24: note: an exception thrown by 'executeQuery' here leaks it
  // CHECK-MESSAGES: :[[@LINE+8]]:3: note: this release is skipped when that exception is thrown
  // CHECK-MESSAGES: :[[@LINE-3]]:24: warning: result set returned by 'executeQuery' is released with 'delete' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  int n = 0;
  while (rs->next())
    // CHECK-MESSAGES: :[[@LINE-1]]:10: note: an exception thrown by 'next' here leaks it
    n++;
  delete rs;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  delete stmt;
  delete con;
  return n;
}

// Negative: unique_ptr owns them all.
int count_rows_raii(sql::Driver *driver) {
  std::unique_ptr<sql::Connection> con(
      driver->connect("tcp://db.internal:3306", "app", "secret"));
  std::unique_ptr<sql::Statement> stmt(con->createStatement());
  std::unique_ptr<sql::ResultSet> rs(stmt->executeQuery("SELECT id FROM orders"));
  int n = 0;
  while (rs->next())
    n++;
  return n;
}

// Positive: at() and the query may throw soci_error before give_back.
int lease_query(soci::connection_pool &pool) {
  std::size_t pos = pool.lease();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: pool checkout returned by 'lease' is released with 'give_back' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  soci::session &sql = pool.at(pos);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: note: an exception thrown by 'at' here leaks it
  int n = 0;
  sql << "SELECT count(*) FROM orders", soci::into(n);
  pool.give_back(pos);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  return n;
}
