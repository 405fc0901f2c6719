// connleak-missing-timeout fix-it for a libpq conninfo literal: the key is
// added before the closing quote. No fix when the literal ends in an odd
// number of backslashes: the backslash would escape the separating space
// and libpq would read "connect_timeout=10" as part of the value before it.
// RUN: %check_connleak -fix %s connleak-missing-timeout %t -- -- %cflags %pq

#include <libpq-fe.h>

PGconn *plain(void) {
  return PQconnectdb("host=db dbname=orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
  // CHECK-FIXES: return PQconnectdb("host=db dbname=orders connect_timeout=10");
}

PGconn *escaped_backslash(void) {
  return PQconnectdb("host=db dbname=a\\\\");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
  // CHECK-FIXES: return PQconnectdb("host=db dbname=a\\\\ connect_timeout=10");
}

PGconn *escaping_backslash(void) {
  return PQconnectdb("host=db dbname=a\\");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
  // CHECK-FIXES: return PQconnectdb("host=db dbname=a\\");
}
