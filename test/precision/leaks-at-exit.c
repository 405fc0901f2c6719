// A return from main() ends the process, like exit(): the operating system
// closes what is still open. A handle that leaks only there is not reported
// unless ReportLeaksAtExit is set; a handle that also leaks elsewhere is
// reported with the other exits only. From the sweep of real code
// (../shared/realworld/ledger.tsv): most "D" findings were of this kind
// (curl docs/examples/cookie_interface.c, mongoc examples/hello_mongoc.c).
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq
// RUN: %check_connleak -check-suffix=EXIT %s connleak-unreleased-handle %t -- \
// RUN:   -config="{CheckOptions: {connleak-unreleased-handle.ReportLeaksAtExit: true}}" -- %pq

#include <libpq-fe.h>
#include <stdio.h>

// A helper is not main(): its early return is a leak (a caller may go on).
static int helper(const char *conninfo) {
  PGconn *c = PQconnectdb(conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES-EXIT: :[[@LINE-2]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (PQstatus(c) != CONNECTION_OK)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  // CHECK-MESSAGES-EXIT: :[[@LINE-2]]:5: note: leaked when returning here
  PQfinish(c);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  // Leaks only on main's error returns and at its end: not reported.
  PGconn *c = PQconnectdb(argv[1]);
  // CHECK-MESSAGES-EXIT: :[[@LINE-1]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES-EXIT: :[[@LINE+5]]:5: note: leaked when returning here
  // CHECK-MESSAGES-EXIT: :[[@LINE+18]]:5: note: leaked when returning here
  // CHECK-MESSAGES-EXIT: :[[@LINE+18]]:3: note: leaked when returning here
  if (PQstatus(c) != CONNECTION_OK) {
    fprintf(stderr, "%s", PQerrorMessage(c));
    return 1;
  }
  // Overwritten in a loop: a leak while the process runs, reported in both
  // modes.
  PGresult *res = NULL;
  for (int i = 0; i < 3; i++) {
    res = PQexec(c, "SELECT 1");
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: leaked when 'res' is overwritten here
    // CHECK-MESSAGES-EXIT: :[[@LINE-3]]:11: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
    // CHECK-MESSAGES-EXIT: :[[@LINE-4]]:5: note: leaked when 'res' is overwritten here
  }
  PQclear(res);
  if (helper(argv[1]))
    return 1;
  return 0;
}
