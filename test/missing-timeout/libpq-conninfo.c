// connleak-missing-timeout: a literal libpq conninfo string, in keyword/value
// or in URI form, must set connect_timeout; without it PQconnectdb waits for
// the operating system's TCP timeout when the server does not answer.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %pq

#include <libpq-fe.h>

static const char REPORTING_DB[] = "host=reports dbname=app";

// Positive: keyword/value form without connect_timeout.
PGconn *open_orders(void) {
  return PQconnectdb("host=db dbname=orders user=app");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}

// Positive: URI form without connect_timeout, and a URI query without it.
PGconn *open_orders_uri(void) {
  return PQconnectdb("postgresql://app@db/orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}
PGconn *open_orders_tls(void) {
  return PQconnectdb("postgresql://app@db/orders?sslmode=require");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}

// Positive: the literal reaches the call through a local variable.
PGconn *open_local(void) {
  const char *conninfo = "host=db dbname=orders";
  return PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}

// Positive: the literal is a file-scope constant.
PGconn *open_reporting(void) {
  return PQconnectdb(REPORTING_DB);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}

// Negative: the non-blocking PQconnectStart ignores connect_timeout (libpq
// manual: "The connect_timeout connection parameter is ignored when using
// PQconnectPoll"); the caller's poll loop bounds it.
PGconn *start_orders(void) {
  return PQconnectStart("host=db dbname=orders");
}

// Positive: the key must be a key, not part of another key's value.
PGconn *open_misnamed(void) {
  return PQconnectdb("host=db application_name=connect_timeout");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}

// Negative: connect_timeout is set (keyword/value and URI forms).
PGconn *open_with_timeout(void) {
  return PQconnectdb("host=db dbname=orders connect_timeout=5");
}
PGconn *open_uri_with_timeout(void) {
  return PQconnectdb("postgresql://app@db/orders?sslmode=require&connect_timeout=5");
}
PGconn *start_with_timeout(void) {
  return PQconnectStart("connect_timeout=5 host=db");
}

// Negative: a conninfo that is not a literal is not judged.
PGconn *open_configured(const char *conninfo) {
  return PQconnectdb(conninfo);
}

// Negative: libpq allows white space around '=' ("connect_timeout = 5").
PGconn *open_spaced_timeout(void) {
  return PQconnectdb("host=db dbname=orders connect_timeout = 5");
}
PGconn *open_spaced_before(void) {
  return PQconnectdb("host=db connect_timeout =5 dbname=orders");
}
