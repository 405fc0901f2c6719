// Scope guards for attribute families, two edge cases:
//  - an integer out-parameter acquired by an expression statement: the guard
//    goes after that statement's ';';
//  - a family whose release function is not declared before its use here
//    (the message shows the attribute's placeholder, see
//    test/known-limitations/attribute-*.c): there is no release to call, so no
//    fix, and the note suggests the guard.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags

// CHECK-FIXES: {{^}}#include <memory>{{$}}
typedef int chan_t;
typedef struct session session;
int chan_connect(const char *name, chan_t *out __attribute__((acquire_handle("chan"))));
void chan_close(chan_t h __attribute__((release_handle("chan"))));
int chan_send(chan_t h __attribute__((use_handle("chan"))), const char *msg);
__attribute__((acquire_handle("session"))) session *session_open(void);
int session_ping(session *s __attribute__((use_handle("session"))));

// CHECK-MESSAGES: :[[@LINE+4]]:3: warning: handle returned through 'c' by 'chan_connect' is not released with 'chan_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
int send_twice(const char *name) {
  chan_t c;
  chan_connect(name, &c);
  if (chan_send(c, "a") != 0)
    return -1;
  chan_close(c);
  return 0;
}
// CHECK-FIXES:      {{^}}int send_twice(const char *name) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  chan_t c;{{$}}
// CHECK-FIXES-NEXT: {{^}}  chan_connect(name, &c);{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<chan_t, void (*)(chan_t *)> c_guard(&c, [](chan_t *p) { chan_close(*p); });{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (chan_send(c, "a") != 0){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// CHECK-MESSAGES: :[[@LINE+4]]:16: warning: handle returned by 'session_open' is not released with 'release_handle("session")' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+4]]:3: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:16: note: release it from a scope guard declared right after the acquisition
int session_leak(void) {
  session *s = session_open();
  return session_ping(s);
}
