// Known limitation: the conninfo parser finds a key inside a quoted value.
// connStringHasKey() looks for the key preceded by white space and followed
// by '=', so `connect_timeout=5` inside the single-quoted `options` value
// counts as the connect_timeout keyword.
// XFAIL: *
// FIXME: missing-timeout reports nothing for open_orders() today. The right
// output is the warning below: the string sets no connect_timeout keyword
// (the text is part of the `options` value). connStringHasKey() should
// tokenise conninfo the way libpq does (key [ws] = [ws] value, values
// optionally single-quoted). When this passes (XPASS), remove the XFAIL line
// and the item in docs/design.md#known-limitations.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %pq

#include <libpq-fe.h>

PGconn *open_orders(void) {
  return PQconnectdb("host=db options='-c connect_timeout=5'");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects with no timeout: its connection string sets no 'connect_timeout' [connleak-missing-timeout]
}

// Negative: the keyword after a quoted value.
PGconn *open_quoted_then_key(void) {
  return PQconnectdb("host=db options='-c statement_timeout=5000' connect_timeout=5");
}
