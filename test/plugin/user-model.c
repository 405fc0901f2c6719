// A user model file (connleak.ModelFiles) declares families for a team's own
// C API, in the built-in format.  The API is declared here: it is the team's
// own code.
// RUN: %check_connleak -config="{CheckOptions: {connleak.ModelFiles: '%S/Inputs/acme-model.yaml'}}" \
// RUN:   %s connleak-unreleased-handle %t

#include <stddef.h>

typedef struct acme_conn acme_conn;
typedef struct acme_iter acme_iter;
#define ACME_CONN 1
#define ACME_ITER 2

acme_conn *acme_connect(const char *addr);
int acme_connect_into(const char *addr, acme_conn **out);
void acme_disconnect(acme_conn *c);
int acme_get(acme_conn *c, const char *key);
void acme_pool_adopt(void *pool, acme_conn *c);
acme_iter *acme_scan(acme_conn *c, const char *prefix);
int acme_iter_next(acme_iter *it);
void acme_free(int kind, void *obj);
void acme_log(acme_conn *c); // not in the model: an unknown function

// Positive: return-value acquire, early return.
int get_leaks(const char *addr) {
  acme_conn *c = acme_connect(addr);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: connection returned by 'acme_connect' is not released with 'acme_disconnect' on every path [connleak-unreleased-handle]
  if (!c)
    return -1;
  if (acme_get(c, "k") < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  acme_disconnect(c);
  return 0;
}

// Negative: nullable, released, borrowed in between.
int get_ok(const char *addr) {
  acme_conn *c = acme_connect(addr);
  if (!c)
    return -1;
  int v = acme_get(c, "k");
  acme_disconnect(c);
  return v;
}

// Positive: out-parameter acquire; release-on-failure means the failed
// connection must be disconnected too.
int connect_into_failure(const char *addr) {
  acme_conn *c = NULL;
  if (acme_connect_into(addr, &c) != 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: connection returned through 'c' by 'acme_connect_into' is not released with 'acme_disconnect' on every path [connleak-unreleased-handle]
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  acme_disconnect(c);
  return 0;
}

// Negative: disconnected on both paths.
int connect_into_ok(const char *addr) {
  acme_conn *c = NULL;
  int rc = acme_connect_into(addr, &c);
  acme_disconnect(c);
  return rc;
}

// Negative: take-ownership hands the connection to the pool.
void adopted(void *pool, const char *addr) {
  acme_conn *c = acme_connect(addr);
  acme_pool_adopt(pool, c);
}

// Negative: an unknown function still takes it (UnknownCallsEscape).
void unknown(const char *addr) {
  acme_conn *c = acme_connect(addr);
  acme_log(c);
}

// Positive: acme_free releases an iterator only with ACME_ITER.
int scan_wrong_kind(acme_conn *c) {
  acme_iter *it = acme_scan(c, "user:");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: iterator returned by 'acme_scan' is not released with 'acme_free' on every path [connleak-unreleased-handle]
  int n = 0;
  while (acme_iter_next(it))
    n++;
  acme_free(ACME_CONN, it);
  return n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Negative: the right kind.
int scan_ok(acme_conn *c) {
  acme_iter *it = acme_scan(c, "user:");
  int n = 0;
  while (acme_iter_next(it))
    n++;
  acme_free(ACME_ITER, it);
  return n;
}
