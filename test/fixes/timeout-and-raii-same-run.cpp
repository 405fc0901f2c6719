// Two fixes on one handle compose (docs/fixits.md#composition-with-other-fixes).
// missing-timeout inserts setter calls that name the handle through
// ${handle}; the RAII fix (unreleased-handle, exception-unsafe-release) turns
// the handle into a std::unique_ptr. In one --fix run the RAII fix carries
// the inserted line with the handle spelled `h.get()`, and clang-tidy drops
// the raw insertion as overlapping. Each fix alone, and both together, give a
// file that compiles (check_connleak.py compiles every fixed file, with no -I
// for connleak's headers), and a second --fix run changes nothing.
//
// Both checks in one run:
// RUN: %check_connleak -fix -check-suffix=BOTH %s 'connleak-unreleased-handle,connleak-missing-timeout' %t.both -- -- %cxxflags %curl
// missing-timeout alone: the raw handle.
// RUN: %check_connleak -fix -check-suffix=TIMEOUT %s connleak-missing-timeout %t.timeout -- -- %cxxflags %curl
// unreleased-handle alone: no setter line.
// RUN: %check_connleak -fix -check-suffix=RAII %s connleak-unreleased-handle %t.raii -- -- %cxxflags %curl
// exception-unsafe-release's RAII fix with missing-timeout.
// RUN: %check_connleak -fix -check-suffix=EXC %s 'connleak-exception-unsafe-release,connleak-missing-timeout' %t.exc -- -- %cxxflags %curl
// The option values of missing-timeout reach the carried line too.
// RUN: %check_connleak -fix -check-suffix=OPT %s 'connleak-unreleased-handle,connleak-missing-timeout' %t.opt -config="{CheckOptions: {connleak-missing-timeout.ConnectTimeoutMs: 2500, connleak-missing-timeout.LowSpeedTimeSeconds: 120}}" -- -- %cxxflags %curl

#include <curl/curl.h>
#include <stdexcept>

// CHECK-MESSAGES-BOTH: :[[@LINE+7]]:13: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES-BOTH: :[[@LINE+18]]:5: note: leaked when returning here
// CHECK-MESSAGES-RAII: :[[@LINE+5]]:13: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES-RAII: :[[@LINE+16]]:5: note: leaked when returning here
// CHECK-MESSAGES-OPT: :[[@LINE+3]]:13: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES-OPT: :[[@LINE+14]]:5: note: leaked when returning here
int fetch(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  // CHECK-MESSAGES-BOTH: :[[@LINE-1]]:17: warning: 'curl_easy_perform' runs with no timeout: 'h' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  // CHECK-MESSAGES-BOTH: note: this fix will not be applied because it overlaps with another fix
  // CHECK-MESSAGES-TIMEOUT: :[[@LINE-3]]:17: warning: 'curl_easy_perform' runs with no timeout: 'h' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  // CHECK-MESSAGES-EXC: :[[@LINE-4]]:17: warning: 'curl_easy_perform' runs with no timeout: 'h' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  // CHECK-MESSAGES-OPT: :[[@LINE-5]]:17: warning: 'curl_easy_perform' runs with no timeout: 'h' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  // CHECK-MESSAGES-OPT: note: this fix will not be applied because it overlaps with another fix
  if (rc != CURLE_OK)
    return -1;
  curl_easy_cleanup(h);
  return 0;
}
// CHECK-FIXES-BOTH:      {{^}}int fetch(const char *url) {{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), &curl_easy_cleanup);{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}  if (!h){{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}  curl_easy_setopt(h.get(), CURLOPT_URL, url);{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}  curl_easy_setopt(h.get(), CURLOPT_CONNECTTIMEOUT_MS, 10000L); curl_easy_setopt(h.get(), CURLOPT_LOW_SPEED_LIMIT, 1L); curl_easy_setopt(h.get(), CURLOPT_LOW_SPEED_TIME, 60L);{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}  CURLcode rc = curl_easy_perform(h.get());{{$}}

// CHECK-FIXES-TIMEOUT:      {{^}}int fetch(const char *url) {{{$}}
// CHECK-FIXES-TIMEOUT-NEXT: {{^}}  CURL *h = curl_easy_init();{{$}}
// CHECK-FIXES-TIMEOUT-NEXT: {{^}}  if (!h){{$}}
// CHECK-FIXES-TIMEOUT-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-TIMEOUT-NEXT: {{^}}  curl_easy_setopt(h, CURLOPT_URL, url);{{$}}
// CHECK-FIXES-TIMEOUT-NEXT: {{^}}  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 10000L); curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L); curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);{{$}}
// CHECK-FIXES-TIMEOUT-NEXT: {{^}}  CURLcode rc = curl_easy_perform(h);{{$}}

// CHECK-FIXES-RAII:      {{^}}int fetch(const char *url) {{{$}}
// CHECK-FIXES-RAII-NEXT: {{^}}  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), &curl_easy_cleanup);{{$}}
// CHECK-FIXES-RAII-NEXT: {{^}}  if (!h){{$}}
// CHECK-FIXES-RAII-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-RAII-NEXT: {{^}}  curl_easy_setopt(h.get(), CURLOPT_URL, url);{{$}}
// CHECK-FIXES-RAII-NEXT: {{^}}  CURLcode rc = curl_easy_perform(h.get());{{$}}

// CHECK-FIXES-OPT:      {{^}}  curl_easy_setopt(h.get(), CURLOPT_URL, url);{{$}}
// CHECK-FIXES-OPT-NEXT: {{^}}  curl_easy_setopt(h.get(), CURLOPT_CONNECTTIMEOUT_MS, 2500L); curl_easy_setopt(h.get(), CURLOPT_LOW_SPEED_LIMIT, 1L); curl_easy_setopt(h.get(), CURLOPT_LOW_SPEED_TIME, 120L);{{$}}
// CHECK-FIXES-OPT-NEXT: {{^}}  CURLcode rc = curl_easy_perform(h.get());{{$}}

// exception-unsafe-release: the handle is lost when report() throws.
void report(const char *what); // may throw

// CHECK-MESSAGES-EXC: :[[@LINE+4]]:13: warning: transfer handle returned by 'curl_easy_init' is released with 'curl_easy_cleanup' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES-EXC: :[[@LINE+6]]:3: note: an exception thrown by 'report' here leaks it
// CHECK-MESSAGES-EXC: :[[@LINE+6]]:3: note: this release is skipped when that exception is thrown
int ping(const char *url) {
  CURL *c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(c);
  report("pinged");
  curl_easy_cleanup(c);
  return rc == CURLE_OK ? 0 : -1;
}
// CHECK-MESSAGES-BOTH: :[[@LINE-5]]:17: warning: 'curl_easy_perform' runs with no timeout: 'c' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
// CHECK-MESSAGES-TIMEOUT: :[[@LINE-6]]:17: warning: 'curl_easy_perform' runs with no timeout: 'c' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
// CHECK-MESSAGES-EXC: :[[@LINE-7]]:17: warning: 'curl_easy_perform' runs with no timeout: 'c' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
// CHECK-MESSAGES-EXC: note: this fix will not be applied because it overlaps with another fix
// CHECK-MESSAGES-OPT: :[[@LINE-9]]:17: warning: 'curl_easy_perform' runs with no timeout: 'c' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]

// Only unreleased-handle's fix rewrites fetch; ping gets the raw setter line.
// CHECK-FIXES-BOTH:      {{^}}int ping(const char *url) {{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}  CURL *c = curl_easy_init();{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}  curl_easy_setopt(c, CURLOPT_URL, url);{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 10000L); curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L); curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}  CURLcode rc = curl_easy_perform(c);{{$}}

// CHECK-FIXES-EXC:      {{^}}int ping(const char *url) {{{$}}
// CHECK-FIXES-EXC-NEXT: {{^}}  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> c(curl_easy_init(), &curl_easy_cleanup);{{$}}
// CHECK-FIXES-EXC-NEXT: {{^}}  curl_easy_setopt(c.get(), CURLOPT_URL, url);{{$}}
// CHECK-FIXES-EXC-NEXT: {{^}}  curl_easy_setopt(c.get(), CURLOPT_CONNECTTIMEOUT_MS, 10000L); curl_easy_setopt(c.get(), CURLOPT_LOW_SPEED_LIMIT, 1L); curl_easy_setopt(c.get(), CURLOPT_LOW_SPEED_TIME, 60L);{{$}}
// CHECK-FIXES-EXC-NEXT: {{^}}  CURLcode rc = curl_easy_perform(c.get());{{$}}
// CHECK-FIXES-EXC-NEXT: {{^}}  report("pinged");{{$}}

// The transfer in a nested block, after other statements: the carried line
// goes right before it, with the block's indentation.
// CHECK-MESSAGES-BOTH: :[[@LINE+3]]:13: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES-BOTH: :[[@LINE+9]]:7: note: leaked when returning here
int retry(const char *url, int tries) {
  CURL *r = curl_easy_init();
  if (!r)
    return -1;
  curl_easy_setopt(r, CURLOPT_URL, url);
  while (tries-- > 0) {
    long code = 0;
    if (curl_easy_perform(r) != CURLE_OK)
      return -1;
    curl_easy_getinfo(r, CURLINFO_RESPONSE_CODE, &code);
    if (code == 200)
      break;
  }
  curl_easy_cleanup(r);
  return 0;
}
// CHECK-MESSAGES-BOTH: :[[@LINE-9]]:9: warning: 'curl_easy_perform' runs with no timeout: 'r' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
// CHECK-MESSAGES-BOTH: note: this fix will not be applied because it overlaps with another fix
// CHECK-MESSAGES-TIMEOUT: :[[@LINE-11]]:9: warning: 'curl_easy_perform' runs with no timeout: 'r' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
// CHECK-MESSAGES-EXC: :[[@LINE-12]]:9: warning: 'curl_easy_perform' runs with no timeout: 'r' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
// CHECK-MESSAGES-RAII: :[[@LINE-19]]:13: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES-RAII: :[[@LINE-13]]:7: note: leaked when returning here
// CHECK-MESSAGES-OPT: :[[@LINE-21]]:13: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES-OPT: :[[@LINE-15]]:7: note: leaked when returning here
// CHECK-MESSAGES-OPT: :[[@LINE-17]]:9: warning: 'curl_easy_perform' runs with no timeout: 'r' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
// CHECK-MESSAGES-OPT: note: this fix will not be applied because it overlaps with another fix
// CHECK-FIXES-BOTH:      {{^}}  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> r(curl_easy_init(), &curl_easy_cleanup);{{$}}
// CHECK-FIXES-BOTH:      {{^}}  while (tries-- > 0) {{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}    long code = 0;{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}    curl_easy_setopt(r.get(), CURLOPT_CONNECTTIMEOUT_MS, 10000L); curl_easy_setopt(r.get(), CURLOPT_LOW_SPEED_LIMIT, 1L); curl_easy_setopt(r.get(), CURLOPT_LOW_SPEED_TIME, 60L);{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}    if (curl_easy_perform(r.get()) != CURLE_OK){{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}      return -1;{{$}}
// CHECK-FIXES-BOTH-NEXT: {{^}}    curl_easy_getinfo(r.get(), CURLINFO_RESPONSE_CODE, &code);{{$}}
// CHECK-FIXES-TIMEOUT:      {{^}}    long code = 0;{{$}}
// CHECK-FIXES-TIMEOUT-NEXT: {{^}}    curl_easy_setopt(r, CURLOPT_CONNECTTIMEOUT_MS, 10000L); curl_easy_setopt(r, CURLOPT_LOW_SPEED_LIMIT, 1L); curl_easy_setopt(r, CURLOPT_LOW_SPEED_TIME, 60L);{{$}}
// CHECK-FIXES-TIMEOUT-NEXT: {{^}}    if (curl_easy_perform(r) != CURLE_OK){{$}}
// CHECK-FIXES-RAII:      {{^}}    long code = 0;{{$}}
// CHECK-FIXES-RAII-NEXT: {{^}}    if (curl_easy_perform(r.get()) != CURLE_OK){{$}}
// CHECK-FIXES-EXC:       {{^}}    long code = 0;{{$}}
// CHECK-FIXES-EXC-NEXT:  {{^}}    curl_easy_setopt(r, CURLOPT_CONNECTTIMEOUT_MS, 10000L); curl_easy_setopt(r, CURLOPT_LOW_SPEED_LIMIT, 1L); curl_easy_setopt(r, CURLOPT_LOW_SPEED_TIME, 60L);{{$}}
// CHECK-FIXES-EXC-NEXT:  {{^}}    if (curl_easy_perform(r) != CURLE_OK){{$}}
// CHECK-FIXES-OPT:       {{^}}    curl_easy_setopt(r.get(), CURLOPT_CONNECTTIMEOUT_MS, 2500L); curl_easy_setopt(r.get(), CURLOPT_LOW_SPEED_LIMIT, 1L); curl_easy_setopt(r.get(), CURLOPT_LOW_SPEED_TIME, 120L);{{$}}
