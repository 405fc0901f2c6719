// connleak-missing-timeout: a literal conninfo that libpq rejects while
// parsing it (conninfo_parse in fe-connect.c: a keyword not followed by
// '=', an unterminated quoted value) never connects, so it is not reported.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %pq

#include <libpq-fe.h>

// Negative: no '=' after the keyword ("missing "=" after ...").
PGconn *garbage(void) {
  return PQconnectdb("garbage");
}
PGconn *invalid(void) {
  return PQconnectdb("totally#invalid@connect$string!?");
}
PGconn *second_keyword_without_value(void) {
  return PQconnectdb("host=db dbname");
}
PGconn *local_garbage(void) {
  const char *conninfo = "not a conninfo";
  return PQconnectdb(conninfo);
}

// Negative: an unterminated quoted value, also one whose last quote is
// escaped. (PQconninfoParse of Debian's libpq 15 rejects each negative.)
PGconn *unterminated(void) {
  return PQconnectdb("host=db password='secret");
}
PGconn *escaped_quote(void) {
  return PQconnectdb("host=db password='secret\\'");
}

// Positive (control): strings libpq parses (PQconninfoParse of Debian's
// libpq 15 accepts each), without connect_timeout.
PGconn *spaces_around_equals(void) {
  return PQconnectdb("host = db dbname = orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}
PGconn *quoted_values(void) {
  return PQconnectdb("host=db password='a b\\'c' application_name=x\\ y");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}
PGconn *quoted_then_next_keyword(void) {
  return PQconnectdb("host='db'dbname=orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}
PGconn *trailing_backslash(void) {
  return PQconnectdb("host=db\\");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}
PGconn *empty_value(void) {
  return PQconnectdb("host=db password=");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}
// Negative: an empty conninfo takes every parameter, the timeout included,
// from the environment (PGCONNECT_TIMEOUT) and the service file.
PGconn *everything_from_the_environment(void) {
  return PQconnectdb("");
}
PGconn *blank(void) {
  return PQconnectdb("  ");
}
PGconn *uri(void) {
  return PQconnectdb("postgresql://db/orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}
