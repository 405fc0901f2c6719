// ModelFiles takes a ';'- or ','-separated list, and may be set for one
// check (connleak-unreleased-handle.ModelFiles) instead of globally.
// RUN: %check_connleak -check-suffix=BOTH \
// RUN:   -config="{CheckOptions: {connleak.ModelFiles: '%S/Inputs/acme-model.yaml;%S/Inputs/second-model.yaml'}}" \
// RUN:   %s connleak-unreleased-handle %t.both
// RUN: %check_connleak -check-suffix=BOTH \
// RUN:   -config="{CheckOptions: {connleak-unreleased-handle.ModelFiles: '%S/Inputs/acme-model.yaml, %S/Inputs/second-model.yaml'}}" \
// RUN:   %s connleak-unreleased-handle %t.local
// RUN: %check_connleak -check-suffix=SECOND \
// RUN:   -config="{CheckOptions: {connleak.ModelFiles: '%S/Inputs/second-model.yaml'}}" \
// RUN:   %s connleak-unreleased-handle %t.second

typedef struct acme_conn acme_conn;
typedef struct beta beta_t;
acme_conn *acme_connect(const char *addr);
void acme_disconnect(acme_conn *c);
beta_t *beta_open(void);
void beta_close(beta_t *b);

// Reported when acme-model.yaml is loaded.
void acme_leak(const char *addr) {
  acme_conn *c = acme_connect(addr);
  // CHECK-MESSAGES-BOTH: :[[@LINE-1]]:18: warning: connection returned by 'acme_connect' is not released with 'acme_disconnect' on every path [connleak-unreleased-handle]
  (void)c;
}
// CHECK-MESSAGES-BOTH: :[[@LINE-1]]:1: note: leaked at the end of the function

// Reported whenever second-model.yaml is loaded.
void beta_leak(void) {
  beta_t *b = beta_open();
  // CHECK-MESSAGES-BOTH: :[[@LINE-1]]:15: warning: handle returned by 'beta_open' is not released with 'beta_close' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES-SECOND: :[[@LINE-2]]:15: warning: handle returned by 'beta_open' is not released with 'beta_close' on every path [connleak-unreleased-handle]
  (void)b;
}
// CHECK-MESSAGES-BOTH: :[[@LINE-1]]:1: note: leaked at the end of the function
// CHECK-MESSAGES-SECOND: :[[@LINE-2]]:1: note: leaked at the end of the function
