// Known limitation: the RAII fix-its remove a release that is followed only
// by `return` statements, so the release then happens after the return
// expression is evaluated, when the owner goes out of scope. That matters
// when the expression depends on the release having happened: here
// shutdown_library() calls curl_global_cleanup(), which must come after
// curl_multi_cleanup().
// XFAIL: *
// FIXME: the fix removes `curl_multi_cleanup(multi);` today, so the multi
// handle is cleaned up after curl_global_cleanup(). The right fix keeps the
// release where it was, as `multi.reset();`, when the return expression
// calls a function (as it already does when other statements follow, test
// fixes/release-order.cpp). When this passes (XPASS), remove the XFAIL line
// and the item in docs/design.md#known-limitations.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %curl

#include <curl/curl.h>
// CHECK-FIXES:      {{^}}#include <curl/curl.h>{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}

static int shutdown_library(void) {
  curl_global_cleanup();
  return 0;
}

// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: multi handle returned by 'curl_multi_init' is not released with 'curl_multi_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
int run(int argc) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURLM *multi = curl_multi_init();
  if (argc < 2)
    return 1;
  int running = 0;
  curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
  return shutdown_library();
}
// CHECK-FIXES:      {{^}}int run(int argc) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  curl_global_init(CURL_GLOBAL_DEFAULT);{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(), &curl_multi_cleanup);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (argc < 2){{$}}
// CHECK-FIXES-NEXT: {{^}}    return 1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int running = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  curl_multi_perform(multi.get(), &running);{{$}}
// CHECK-FIXES-NEXT: {{^}}  multi.reset();{{$}}
// CHECK-FIXES-NEXT: {{^}}  return shutdown_library();{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
