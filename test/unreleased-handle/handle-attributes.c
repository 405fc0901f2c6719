// Clang's handle attributes declare a family with no model file:
// __attribute__((acquire_handle("tag"))) on a function (written before the
// declaration, where Clang attaches it to the declaration) or on an
// out-parameter acquires, release_handle("tag") on a parameter releases,
// use_handle("tag") borrows.  The family takes its name from the tag, its
// release name from the releasing function.
// (Known gaps, see test/known-limitations/attribute-*.c: the attribute written
// after the declarator is not seen, and the release name is only known once
// a call to the release function has been analysed; the negative cases come
// first so that it is.)
// RUN: %check_connleak %s connleak-unreleased-handle %t

#include <stddef.h>

typedef int chan_t;
typedef struct session session;

__attribute__((acquire_handle("chan"))) chan_t chan_open(const char *name);
void chan_close(chan_t h __attribute__((release_handle("chan"))));
int chan_send(chan_t h __attribute__((use_handle("chan"))), const char *msg);
void chan_open_into(const char *name,
                    chan_t *out __attribute__((acquire_handle("chan"))));

__attribute__((acquire_handle("session"))) session *session_open(void);
void session_close(session *s __attribute__((release_handle("session"))));

// Negative: an integer handle, released on every path.
int chan_ok(const char *name) {
  chan_t h = chan_open(name);
  int rc = chan_send(h, "hello");
  chan_close(h);
  return rc;
}

// Negative: a pointer handle, released.
void session_ok(void) {
  session *s = session_open();
  session_close(s);
}

// Positive: the send failure path skips chan_close.
int chan_send_fails(const char *name) {
  chan_t h = chan_open(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: handle returned by 'chan_open' is not released with 'chan_close' on every path [connleak-unreleased-handle]
  if (chan_send(h, "hello") < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  chan_close(h);
  return 0;
}

// Positive: acquired through an out-parameter and never released.
void chan_out_param(const char *name) {
  chan_t h;
  chan_open_into(name, &h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: handle returned through 'h' by 'chan_open_into' is not released with 'chan_close' on every path [connleak-unreleased-handle]
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Positive: a pointer handle dropped after a NULL check.
int session_leak(void) {
  session *s = session_open();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: handle returned by 'session_open' is not released with 'session_close' on every path [connleak-unreleased-handle]
  if (!s)
    return -1;
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Positive: a release_handle("session") parameter does not release a
// handle of the "chan" family.
void wrong_tag(const char *name) {
  chan_t h = chan_open(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: handle returned by 'chan_open' is not released with 'chan_close' on every path [connleak-unreleased-handle]
  session_close((session *)(size_t)h);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function
