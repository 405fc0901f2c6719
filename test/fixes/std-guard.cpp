// The default scope guard of the fix-its (kind 3b) needs only the standard
// library: the fixed file is built and run as C++11, 14, 17 and 20 with
// clang 19, with -Wall -Wextra -pedantic -Werror and no include path for
// connleak's headers. Inputs/std-guard-main.cpp implements the handle
// functions with counters and checks, at run time, that every handle is
// released exactly once when its scope ends (also on the early returns, for
// an out-parameter stored after the guard was declared, for an integer
// handle, and for a release that needs another local).
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags
// RUN: clang++-19 -std=c++11 -Wall -Wextra -pedantic -Werror %t.cpp %S/Inputs/std-guard-main.cpp -I%S -o %t.11 && %t.11
// RUN: clang++-19 -std=c++14 -Wall -Wextra -pedantic -Werror %t.cpp %S/Inputs/std-guard-main.cpp -I%S -o %t.14 && %t.14
// RUN: clang++-19 -std=c++17 -Wall -Wextra -pedantic -Werror %t.cpp %S/Inputs/std-guard-main.cpp -I%S -o %t.17 && %t.17
// RUN: clang++-19 -std=c++20 -Wall -Wextra -pedantic -Werror %t.cpp %S/Inputs/std-guard-main.cpp -I%S -o %t.20 && %t.20
// std-guard-toolchains.test builds the same fixed file with libc++ and GCC.

// CHECK-FIXES: {{^}}#include <memory>{{$}}
#include "Inputs/std-guard.h"

// An attribute family's release gets its name from the first call to it
// (test/known-limitations/attribute-*.c).
void open_close(void) {
  session *s = session_open();
  session_close(s);
}

// A pointer handle with no release in the function: a captureless deleter
// built from the family's release.
// CHECK-MESSAGES: :[[@LINE+3]]:16: warning: handle returned by 'session_open' is not released with 'session_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+3]]:3: note: leaked when returning here
int ping_once(void) {
  session *s = session_open();
  return session_ping(s);
}
// CHECK-FIXES:      {{^}}int ping_once(void) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  session *s = session_open();{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<session *, void (*)(session **)> s_guard(&s, [](session **p) { if (*p) session_close(*p); });{{$}}
// CHECK-FIXES-NEXT: {{^}}  return session_ping(s);{{$}}

// An integer handle from an out-parameter (the guard follows the
// acquisition, since an integer cannot be tested for "none"); released in
// the code on one path.
// CHECK-MESSAGES: :[[@LINE+4]]:3: warning: handle returned through 'c' by 'chan_connect' is not released with 'chan_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
int send(const char *name, int fail) {
  chan_t c;
  chan_connect(name, &c);
  if (chan_send(c, fail) != 0)
    return -1;
  chan_close(c);
  return 0;
}
// CHECK-FIXES:      {{^}}int send(const char *name, int fail) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  chan_t c;{{$}}
// CHECK-FIXES-NEXT: {{^}}  chan_connect(name, &c);{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<chan_t, void (*)(chan_t *)> c_guard(&c, [](chan_t *p) { chan_close(*p); });{{$}}

// A release that names another local (the pool): the deleter is a named
// lambda that captures it by reference.
// CHECK-MESSAGES: :[[@LINE+4]]:13: warning: handle returned by 'pool_get' is not released with 'pool_put' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: leaked when returning here
int borrow(int fail) {
  pool *pl = pool_default();
  conn *c = pool_get(pl);
  int rc = conn_ping(c);
  if (fail)
    return -1;
  pool_put(pl, c);
  return rc;
}
// CHECK-FIXES:      {{^}}int borrow(int fail) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  pool *pl = pool_default();{{$}}
// CHECK-FIXES-NEXT: {{^}}  conn *c = pool_get(pl);{{$}}
// CHECK-FIXES-NEXT: {{^}}  auto c_release = [&](conn **p) { if (*p) pool_put(pl, *p); };{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<conn *, decltype(c_release)> c_guard(&c, c_release);{{$}}

// A pointer out-parameter that holds a handle also when the call fails (as
// sqlite3_open does): the guard is declared right after the variable, before
// the acquisition, and releases what the variable holds when the scope ends.
// CHECK-MESSAGES: :[[@LINE+5]]:7: warning: handle returned through 's' by 'session_connect' is not released with 'session_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: leaked when returning here
int connect_ping(int fail) {
  session *s = nullptr;
  if (session_connect(fail, &s) != 0)
    return -1;
  if (session_ping(s) != 7)
    return -2;
  session_close(s);
  return 0;
}
// CHECK-FIXES:      {{^}}int connect_ping(int fail) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  session *s = nullptr;{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<session *, void (*)(session **)> s_guard(&s, [](session **p) { if (*p) session_close(*p); });{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (session_connect(fail, &s) != 0){{$}}
