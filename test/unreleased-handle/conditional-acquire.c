// An acquisition in one arm of a conditional operator (`c = want ?
// PQconnectdb(ci) : NULL`) binds the variable just like a plain
// acquisition: finishing it when it is not NULL is enough, and leaving it
// unfinished is reported where the function returns.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>
#include <stddef.h>

// Negative: initialised from the conditional operator, finished if not NULL.
void ternary_init(const char *ci, int want) {
  PGconn *c = want ? PQconnectdb(ci) : NULL;
  if (c)
    PQfinish(c);
}

// Negative: the same with an assignment.
void ternary_assign(const char *ci, int want) {
  PGconn *c;
  c = want ? PQconnectdb(ci) : NULL;
  if (c)
    PQfinish(c);
}

// Negative: the acquisition in the other arm.
void ternary_else(const char *ci, int skip) {
  PGconn *c = skip ? NULL : PQconnectdb(ci);
  if (c != NULL)
    PQfinish(c);
}

// Positive: never finished; leaked where the function returns.
int ternary_leak(const char *ci, int want) {
  PGconn *c = want ? PQconnectdb(ci) : NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  return PQstatus(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Positive: the assigned form, finished on one path only.
int ternary_assign_leak(const char *ci, int want, int quick) {
  PGconn *c;
  c = want ? PQconnectdb(ci) : NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  if (quick)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  if (c)
    PQfinish(c);
  return 1;
}
