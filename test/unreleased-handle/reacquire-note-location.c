// When a loop acquires again while the previous handle is still held by
// another variable, the previous connection stays reachable through `last`
// until `last = c` overwrites it: the note is at that assignment, not at the
// acquisition (two live handles of one acquiring expression are tracked
// apart; see test/precision/lookahead-loops.c).
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cflags %pq

#include <libpq-fe.h>
#include <stddef.h>

void keep_last(const char *ci, int n) {
  PGconn *last = NULL;
  for (int i = 0; i < n; i++) {
    PGconn *c = PQconnectdb(ci);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
    last = c;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when 'last' is overwritten here
  }
  PQfinish(last);
}
