// A user model file gives per-request-client its `status` and
// `reuses-connections` entries, and unbounded-pool a `grows-by` entry, for a
// team's own C API (declared here: it is the team's own code).
// RUN: %check_connleak -config="{CheckOptions: {connleak.ModelFiles: '%S/Inputs/acme-loops.yaml'}}" \
// RUN:   %s 'connleak-per-request-client,connleak-unbounded-pool' %t

#include <stddef.h>

typedef struct acme_conn {
  int broken;
} acme_conn;
typedef struct acme_pool acme_pool;
typedef struct acme_cache acme_cache;
enum acme_state_t { ACME_UP, ACME_DOWN, ACME_STARTING };
#define ACME_POOL_MAX 1

acme_conn *acme_open(const char *addr);
void acme_close(acme_conn *c);
enum acme_state_t acme_state(acme_conn *c);
void acme_attach_cache(acme_conn *c, acme_cache *cache);
int acme_send(acme_conn *c, const char *msg);
acme_pool *acme_pool_new(void);
void acme_pool_free(acme_pool *p);
void acme_pool_set(acme_pool *p, int option, long value);
void acme_pool_add(acme_pool *p, const char *addr);

// Not reported: a retry loop, told by the status function.
acme_conn *open_retry(const char *addr) {
  for (int i = 0; i < 5; i++) {
    acme_conn *c = acme_open(addr);
    if (acme_state(c) == ACME_UP)
      return c;
    acme_close(c);
  }
  return NULL;
}

// Not reported: a retry, told by the status field.
int first_up(const char *addr, int n) {
  for (int i = 0; i < n; i++) {
    acme_conn *c = acme_open(addr);
    if (c == NULL || c->broken) {
      acme_close(c);
      continue;
    }
    acme_send(c, "hello");
    acme_close(c);
    return i;
  }
  return -1;
}

// Not reported: the connection uses a shared cache.
void send_all_cached(acme_cache *cache, const char *addr, int n) {
  for (int i = 0; i < n; i++) {
    acme_conn *c = acme_open(addr);
    acme_attach_cache(c, cache);
    acme_send(c, "hello");
    acme_close(c);
  }
}

// Reported: per item, stops at the first failure.
int send_all(const char *addr, int n) {
  for (int i = 0; i < n; i++) {
    acme_conn *c = acme_open(addr);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'acme_open' builds a new connection inside a loop [connleak-per-request-client]
    if (acme_state(c) == ACME_DOWN) {
      acme_close(c);
      return -1;
    }
    acme_send(c, "hello");
    acme_close(c);
  }
  return 0;
}

// unbounded-pool: two members are a fixed number; members from a list are
// not.
void two_members(void) {
  acme_pool *p = acme_pool_new();
  acme_pool_add(p, "a");
  acme_pool_add(p, "b");
  acme_pool_free(p);
}
void members_from_list(const char **addrs, int n) {
  acme_pool *p = acme_pool_new();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: pool created by 'acme_pool_new' is unbounded: 'p' gets no 'ACME_POOL_MAX' [connleak-unbounded-pool]
  for (int i = 0; i < n; i++)
    acme_pool_add(p, addrs[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'acme_pool_add' adds to it inside a loop with no small constant bound
  acme_pool_free(p);
}
void members_capped(const char **addrs, int n) {
  acme_pool *p = acme_pool_new();
  acme_pool_set(p, ACME_POOL_MAX, 8);
  for (int i = 0; i < n; i++)
    acme_pool_add(p, addrs[i]);
  acme_pool_free(p);
}
