// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags
// A family declared with Clang's handle attributes is a tag, not a type, so
// no std::unique_ptr can own it: the fix is a scope guard declared right
// after the acquisition (kind 3), for pointer and integer handles alike.
// (The negative case comes first, so the release name is known: see
// test/known-limitations/attribute-*.c.)

// No include to join: <memory>, for the guard, goes at the top of the file.
// CHECK-FIXES:      {{^}}#include <memory>{{$}}
typedef struct session session;
typedef int chan_t;

__attribute__((acquire_handle("session"))) session *session_open(void);
void session_close(session *s __attribute__((release_handle("session"))));
int session_ping(session *s __attribute__((use_handle("session"))));
__attribute__((acquire_handle("chan"))) chan_t chan_open(const char *name);
void chan_close(chan_t h __attribute__((release_handle("chan"))));

void session_ok(void) {
  session *s = session_open();
  session_close(s);
}

// No release in the function: the guard's release is built from the
// attribute family (the release_handle parameter is the only one).
// CHECK-MESSAGES: :[[@LINE+3]]:16: warning: handle returned by 'session_open' is not released with 'session_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+3]]:3: note: leaked when returning here
int session_leak(void) {
  session *s = session_open();
  return session_ping(s);
}
// CHECK-FIXES:      {{^}}int session_leak(void) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  session *s = session_open();{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<session *, void (*)(session **)> s_guard(&s, [](session **p) { if (*p) session_close(*p); });{{$}}
// CHECK-FIXES-NEXT: {{^}}  return session_ping(s);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// An integer handle: the guard cannot test it for null, and calls the
// release the code makes.
// CHECK-MESSAGES: :[[@LINE+3]]:14: warning: handle returned by 'chan_open' is not released with 'chan_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: leaked when returning here
int chan_leak(const char *name, bool quick) {
  chan_t h = chan_open(name);
  if (quick)
    return -1;
  chan_close(h);
  return 0;
}
// CHECK-FIXES:      {{^}}int chan_leak(const char *name, bool quick) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  chan_t h = chan_open(name);{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<chan_t, void (*)(chan_t *)> h_guard(&h, [](chan_t *p) { chan_close(*p); });{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (quick){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
