// connleak-missing-timeout: the conninfo is read as libpq reads it
// (conninfo_parse in fe-connect.c): `connect_timeout=5` inside the
// single-quoted `options` value is part of that value, not the
// connect_timeout keyword.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %pq

#include <libpq-fe.h>

// Positive: the key only inside a quoted value.
PGconn *open_orders(void) {
  return PQconnectdb("host=db options='-c connect_timeout=5'");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}
PGconn *open_escaped_quote(void) {
  return PQconnectdb("host=db application_name='it\\'s connect_timeout=5'");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}

// Negative: the keyword after a quoted value, a quoted keyword value, and
// a quoted value right before the next keyword.
PGconn *open_quoted_then_key(void) {
  return PQconnectdb("host=db options='-c statement_timeout=5000' connect_timeout=5");
}
PGconn *open_quoted_timeout(void) {
  return PQconnectdb("host=db connect_timeout='5'");
}
PGconn *open_adjacent(void) {
  return PQconnectdb("host='db'connect_timeout=5");
}
