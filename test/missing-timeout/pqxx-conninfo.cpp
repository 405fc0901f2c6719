// connleak-missing-timeout: pqxx::connection takes a libpq conninfo string;
// a literal one must set connect_timeout.  Constructions through
// std::make_unique / std::make_shared are judged too.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cxxflags

#include <pqxx/pqxx>
#include <memory>
#include <string>

// Positive: direct construction with a literal.
void direct() {
  pqxx::connection c("host=db dbname=orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'pqxx::connection' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
  pqxx::connection b{"postgresql://db/orders"};
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'pqxx::connection' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}

// Positive: the literal wrapped in a std::string, or in a local std::string.
void through_string() {
  pqxx::connection c(std::string("host=db dbname=orders"));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'pqxx::connection' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
  std::string conninfo = "host=db dbname=orders";
  pqxx::connection d(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'pqxx::connection' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}

// Positive: make_unique / make_shared.
std::unique_ptr<pqxx::connection> make_orders() {
  return std::make_unique<pqxx::connection>("host=db dbname=orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'make_unique<pqxx::connection>' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}
std::shared_ptr<pqxx::connection> make_shared_orders() {
  return std::make_shared<pqxx::connection>("host=db dbname=orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'make_shared<pqxx::connection>' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}

// Negative: connect_timeout is set.
void with_timeout() {
  pqxx::connection c("host=db dbname=orders connect_timeout=5");
  auto p = std::make_unique<pqxx::connection>(
      "postgresql://db/orders?connect_timeout=5");
}

// Negative: not a literal (a parameter), or no conninfo at all.
void configured(const std::string &conninfo) {
  pqxx::connection c(conninfo);
  auto p = std::make_shared<pqxx::connection>(conninfo);
  pqxx::connection from_environment;
}

// Negative: a local string that is appended to or reassigned before the
// connection is made is not judged by its initial text.
void appended() {
  std::string conninfo = "host=db dbname=orders";
  conninfo += " connect_timeout=5";
  pqxx::connection c(conninfo);
}
void reassigned(bool tls) {
  std::string conninfo = "host=db dbname=orders";
  if (tls)
    conninfo = "host=db dbname=orders connect_timeout=5 sslmode=require";
  pqxx::connection c(conninfo);
}

// Positive: a local string initialised from a literal and left as it is.
void unmodified() {
  std::string conninfo = "host=db dbname=orders";
  pqxx::connection c(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'pqxx::connection' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}
