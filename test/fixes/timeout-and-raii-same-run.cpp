// Two fixes on one handle compose (docs/fixits.md#composition-with-other-fixes).
// missing-timeout inserts a setter call that names the handle through
// ${handle}; the RAII fix of unreleased-handle turns the handle into a
// std::unique_ptr. In one --fix run the RAII fix carries the inserted line
// with the handle spelled `h.get()`, and clang-tidy drops the raw insertion
// as overlapping. Each fix alone, and both together, give a file that
// compiles (check_connleak.py compiles every fixed file, with no -I for
// connleak's headers), and a second --fix run changes nothing.
// The patterns do not spell the template's options: only how the handle is
// named matters here.
//
// Both checks in one run:
// RUN: %check_connleak -fix -check-suffix=BOTH %s 'connleak-unreleased-handle,connleak-missing-timeout' %t.both -- -- %cxxflags %curl
// missing-timeout alone: the raw handle.
// RUN: %check_connleak -fix -check-suffix=TIMEOUT %s connleak-missing-timeout %t.timeout -- -- %cxxflags %curl
// unreleased-handle alone: no setter line.
// RUN: %check_connleak -fix -check-suffix=RAII %s connleak-unreleased-handle %t.raii -- -- %cxxflags %curl
// The same checks through exception-unsafe-release's RAII fix.
// RUN: %check_connleak -fix -check-suffix=EXC %s 'connleak-exception-unsafe-release,connleak-missing-timeout' %t.exc -- -- %cxxflags %curl

#include <curl/curl.h>
#include <stdexcept>

// CHECK-MESSAGES-BOTH: :[[@LINE+5]]:13: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES-BOTH: :[[@LINE+11]]:5: note: leaked when returning here
// CHECK-MESSAGES-RAII: :[[@LINE+3]]:13: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES-RAII: :[[@LINE+9]]:5: note: leaked when returning here
int fetch(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  // CHECK-MESSAGES-BOTH: :[[@LINE-1]]:17: warning: 'curl_easy_perform' runs with no timeout: 'h' has no {{.*}} set before it [connleak-missing-timeout]
  // CHECK-MESSAGES-BOTH: note: this fix will not be applied because it overlaps with another fix
  // CHECK-MESSAGES-TIMEOUT: :[[@LINE-3]]:17: warning: 'curl_easy_perform' runs with no timeout: 'h' has no {{.*}} set before it [connleak-missing-timeout]
  // CHECK-MESSAGES-EXC: :[[@LINE-4]]:17: warning: 'curl_easy_perform' runs with no timeout: 'h' has no {{.*}} set before it [connleak-missing-timeout]
  if (rc != CURLE_OK)
    return -1;
  curl_easy_cleanup(h);
  return 0;
}
// CHECK-FIXES-BOTH:      {{^}}  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), &curl_easy_cleanup);{{$}}
// CHECK-FIXES-BOTH:      {{^}}  curl_easy_setopt(h.get(), CURLOPT_URL, url);{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}  curl_easy_setopt(h.get(), {{.*}});{{$}}
// CHECK-FIXES-BOTH:      {{^}}  CURLcode rc = curl_easy_perform(h.get());{{$}}
// CHECK-FIXES-BOTH-NOT:  curl_easy_setopt(h,

// CHECK-FIXES-TIMEOUT:      {{^}}  CURL *h = curl_easy_init();{{$}}
// CHECK-FIXES-TIMEOUT:      {{^}}  curl_easy_setopt(h, CURLOPT_URL, url);{{$}}
// CHECK-FIXES-TIMEOUT-NEXT: {{^}}  curl_easy_setopt(h, {{.*}});{{$}}
// CHECK-FIXES-TIMEOUT:      {{^}}  CURLcode rc = curl_easy_perform(h);{{$}}

// CHECK-FIXES-RAII:      {{^}}  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), &curl_easy_cleanup);{{$}}
// CHECK-FIXES-RAII:      {{^}}  curl_easy_setopt(h.get(), CURLOPT_URL, url);{{$}}
// CHECK-FIXES-RAII-NEXT: {{^}}  CURLcode rc = curl_easy_perform(h.get());{{$}}

// exception-unsafe-release: the handle is lost when report() throws.
void report(const char *what); // may throw

// CHECK-MESSAGES-EXC: :[[@LINE+4]]:13: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES-EXC: :[[@LINE+6]]:3: note: {{.*}}
// CHECK-MESSAGES-EXC: note: this fix will not be applied because it overlaps with another fix
int ping(const char *url) {
  CURL *c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(c);
  report("pinged");
  curl_easy_cleanup(c);
  return rc == CURLE_OK ? 0 : -1;
}
// CHECK-MESSAGES-BOTH: :[[@LINE-6]]:17: warning: 'curl_easy_perform' runs with no timeout: 'c' has no {{.*}} set before it [connleak-missing-timeout]
// CHECK-MESSAGES-TIMEOUT: :[[@LINE-7]]:17: warning: 'curl_easy_perform' runs with no timeout: 'c' has no {{.*}} set before it [connleak-missing-timeout]
// CHECK-MESSAGES-EXC: :[[@LINE-8]]:17: warning: 'curl_easy_perform' runs with no timeout: 'c' has no {{.*}} set before it [connleak-missing-timeout]
// CHECK-FIXES-EXC:      {{^}}  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> c(curl_easy_init(), &curl_easy_cleanup);{{$}}
// CHECK-FIXES-EXC-NEXT: {{^}}  curl_easy_setopt(c.get(), CURLOPT_URL, url);{{$}}
// CHECK-FIXES-EXC-NEXT: {{^}}  curl_easy_setopt(c.get(), {{.*}});{{$}}
// CHECK-FIXES-EXC-NEXT: {{^}}  CURLcode rc = curl_easy_perform(c.get());{{$}}
// CHECK-FIXES-EXC-NOT:  curl_easy_setopt(c,
