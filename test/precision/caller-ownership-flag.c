// A release that only a flag of the caller's decides (a parameter, or a field
// reached from one) leaves the choice of owner to the caller: on the path
// where the flag skips the release, the caller owns the handle. PostgreSQL's
// pg_upgrade (../shared/realworld/patterns/pg_optional_callback_handoff.c,
// ledger: src/bin/pg_upgrade/task.c:213) hands the result to an optional
// callback, which keeps it when free_result is false.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

typedef void (*process_cb_t)(PGresult *res, void *arg);
struct step {
  process_cb_t cb;
  bool free_result;
  void *arg;
};

// Negative: the pattern of task.c.
void process_result(PGconn *conn, const struct step *s) {
  PGresult *res = PQgetResult(conn);
  if (s->cb)
    s->cb(res, s->arg);
  if (s->free_result)
    PQclear(res);
}

// Negative: the flag is reached through a local pointer into the caller's
// data, initialised from parameters and never written (task.c's
// `UpgradeTaskStep *steps = &task->steps[slot->step_idx];`).
struct task {
  struct step steps[4];
};
void process_step(PGconn *conn, const struct task *t, int idx) {
  const struct step *steps = &t->steps[idx];
  PGresult *res = PQgetResult(conn);
  if (steps->cb)
    steps->cb(res, steps->arg);
  if (steps->free_result)
    PQclear(res);
}

// Positive: a local pointer that comes from a call is not the caller's data.
const struct step *current_step(void);
void process_current(PGconn *conn) {
  const struct step *steps = current_step();
  PGresult *res = PQgetResult(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQgetResult' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  if (steps->free_result)
    PQclear(res);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Negative: a flag parameter, negated, with an else that keeps the result.
PGresult *saved;
void keep_or_clear(PGconn *conn, int keep) {
  PGresult *res = PQexec(conn, "SELECT 1");
  if (!keep)
    PQclear(res);
  else
    saved = res;
}

// Positive: the flag decides only the release at the end; the early return
// leaks on every value of it.
int early_return(PGconn *conn, const struct step *s) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  if (s->free_result)
    PQclear(res);
  return 0;
}

// Positive: an arm that releases and leaves is an early exit, not a choice of
// owner; the path that skips it leaks at the end.
int dry_run_exit(PGconn *conn, bool dry_run) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  if (dry_run) {
    PQclear(res);
    return 1;
  }
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Positive: a flag computed here from the result is not the caller's choice.
void local_flag(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
  bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
  if (ok)
    PQclear(res);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function
