// connleak-missing-timeout: a pqxx::connection whose literal conninfo libpq
// rejects while parsing it throws before any I/O (libpqxx's test02 expects
// that exception): not reported.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cxxflags

#include <pqxx/pqxx>

// Negative: no '=' and not a URI.
void bad_connect() {
  pqxx::connection cx{"totally#invalid@connect$string!?"};
}

// Negative: an empty conninfo takes every parameter from the environment
// (PGCONNECT_TIMEOUT included), as the default constructor does (libpqxx's
// test_connection.cxx:11).
void from_environment() {
  pqxx::connection cx{""};
  pqxx::connection dflt;
}

// Positive (control): a conninfo libpq parses.
void good_connect() {
  pqxx::connection cx{"host=db dbname=orders"};
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'pqxx::connection' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}
