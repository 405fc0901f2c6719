// Facts learnt from a branch test and kept by counters. PostgreSQL's
// streamutil.c retry loop (../shared/realworld/patterns/pg_retry_flag_loop.c,
// ledger: src/bin/pg_basebackup/streamutil.c:183) only repeats after
// PQfinish(), but the flag's value on the other path is known only from an
// earlier test (`if (again) again = 0;`). Counters (`opened++`) and
// comparisons with constants (`if (mode != 1) return`) are flags too.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>
#include <stddef.h>

// Negative: the retry loop of streamutil.c.
PGconn *connect_retry(const char *ci, int ask) {
  PGconn *c;
  int again = ask;
  do {
    if (again)
      again = 0;
    c = PQconnectdb(ci);
    if (PQstatus(c) == CONNECTION_BAD) {
      PQfinish(c);
      again = 1;
    }
  } while (again);
  return c;
}

// Negative: a counter used as a flag.
void counter_flag(const char *ci, int n) {
  PGconn *c = NULL;
  int opened = 0;
  if (n > 0) {
    c = PQconnectdb(ci);
    opened++;
  }
  if (opened > 0)
    PQfinish(c);
}

// Negative: compound assignment keeps the value known.
void counter_add(const char *ci, int n) {
  PGconn *c = NULL;
  unsigned opened = 0;
  if (n > 0) {
    c = PQconnectdb(ci);
    opened += 2;
  }
  if (opened == 2)
    PQfinish(c);
}

// Negative: comparisons with a constant refine the compared variable.
int mode_cmp(const char *ci, int mode) {
  PGconn *c = NULL;
  if (mode == 1)
    c = PQconnectdb(ci);
  if (mode != 1)
    return 0;
  PQfinish(c);
  return 1;
}

int rc_cmp(const char *ci, int rc) {
  PGconn *c = NULL;
  if (rc != 0)
    return -1;
  if (rc == 0)
    c = PQconnectdb(ci);
  if (rc == 0)
    PQfinish(c);
  return 0;
}

// Positive: the flag is set on the path that skips the release.
void flag_wrong_way(const char *ci, int n) {
  PGconn *c = PQconnectdb(ci);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  int skip = 0;
  if (n > 3)
    skip++;
  if (skip == 0)
    PQfinish(c);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Positive: a retry loop whose flag survives the success path loops again
// and overwrites the connection.
PGconn *retry_keeps_flag(const char *ci) {
  PGconn *c;
  int again = 1;
  int tries = 0;
  do {
    c = PQconnectdb(ci);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: leaked when 'c' is overwritten here
    tries++;
    if (PQstatus(c) == CONNECTION_BAD)
      PQfinish(c);
  } while (again && tries < 3);
  return c;
}

// Positive: a value learnt from a branch (mode == 1) is not a switch's
// truth: with no case for it, the switch goes on after its body, and the
// connection leaks (a generated program, gen_programs.py seed 2 #173).
void switch_after_known_value(const char *ci, int mode) {
  PGconn *c = NULL;
  if (mode == 1)
    c = PQconnectdb(ci);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  switch (mode) {
  case 0:
    PQfinish(c);
    break;
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Positive: the default of a switch does not make its variable zero, so
// the branch for mode == 2 is reachable (seed 1 #241).
void switch_default_not_zero(const char *ci, int mode) {
  switch (mode) {
  case 1:
    return;
  default:
    if (mode == 2) {
      PGconn *c = PQconnectdb(ci);
      // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
      PQstatus(c);
    }
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked at the end of the scope of 'c'
  }
}

// Negative: the streamutil.c retry loop with a C99 bool flag (PostgreSQL
// 16 and later use stdbool.h): on the path that did not take
// `if (need_password)`, the flag is false.
#include <stdbool.h>
char *prompt(void);
PGconn *connect_retry_bool(const char *const *keys, const char **values,
                           bool ask) {
  PGconn *tmpconn;
  bool need_password = ask;
  do {
    if (need_password) {
      values[0] = prompt();
      need_password = false;
    }
    tmpconn = PQconnectdbParams(keys, values, 1);
    if (!tmpconn)
      return NULL;
    if (PQstatus(tmpconn) == CONNECTION_BAD &&
        PQconnectionNeedsPassword(tmpconn)) {
      PQfinish(tmpconn);
      need_password = true;
    }
  } while (need_password);
  return tmpconn;
}
