// Fix-its for libcurl: an easy handle (CURL is a typedef of void) becomes
// std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>, a multi handle
// std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)>; the curl_* calls get
// .get() and !dup stays. curl_easy_setopt / curl_easy_getinfo /
// curl_multi_setopt are macros in curl.h: the handle, a macro argument, gets
// .get() where it is written.
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %curl

#include <curl/curl.h>
// Without a C++ standard header to join, <memory> opens a block of its own.
// CHECK-FIXES:      {{^}}#include <curl/curl.h>{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}

// CHECK-MESSAGES: :[[@LINE+3]]:15: warning: transfer handle returned by 'curl_easy_duphandle' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+7]]:5: note: leaked when returning here
CURLcode probe(CURL *tmpl) {
  CURL *dup = curl_easy_duphandle(tmpl);
  if (!dup)
    return CURLE_OUT_OF_MEMORY;
  CURLcode rc = curl_easy_perform(dup);
  if (rc != CURLE_OK)
    return rc;
  curl_easy_cleanup(dup);
  return CURLE_OK;
}
// CHECK-FIXES:      {{^}}CURLcode probe(CURL *tmpl) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> dup(curl_easy_duphandle(tmpl), &curl_easy_cleanup);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!dup){{$}}
// CHECK-FIXES-NEXT: {{^}}    return CURLE_OUT_OF_MEMORY;{{$}}
// CHECK-FIXES-NEXT: {{^}}  CURLcode rc = curl_easy_perform(dup.get());{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (rc != CURLE_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return rc;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return CURLE_OK;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// CHECK-MESSAGES: :[[@LINE+3]]:16: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+7]]:5: note: leaked when returning here
char *escaped(const char *s) {
  CURL *curl = curl_easy_init();
  if (curl == nullptr)
    return nullptr;
  char *e = curl_easy_escape(curl, s, 0);
  if (e == nullptr)
    return nullptr;
  curl_easy_cleanup(curl);
  return e;
}
// CHECK-FIXES:      {{^}}char *escaped(const char *s) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (curl == nullptr){{$}}
// CHECK-FIXES-NEXT: {{^}}    return nullptr;{{$}}
// CHECK-FIXES-NEXT: {{^}}  char *e = curl_easy_escape(curl.get(), s, 0);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (e == nullptr){{$}}
// CHECK-FIXES-NEXT: {{^}}    return nullptr;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return e;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// CHECK-MESSAGES: :[[@LINE+4]]:18: warning: multi handle returned by 'curl_multi_init' is not released with 'curl_multi_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+8]]:7: note: leaked when returning here
int run_all(CURL *a) {
  CURLM *multi = curl_multi_init();
  if (curl_multi_add_handle(multi, a) != CURLM_OK)
    return -1;
  int running = 0;
  do {
    if (curl_multi_perform(multi, &running) != CURLM_OK)
      return -2;
    curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  } while (running);
  curl_multi_remove_handle(multi, a);
  curl_multi_cleanup(multi);
  return 0;
}
// CHECK-FIXES:      {{^}}int run_all(CURL *a) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(), &curl_multi_cleanup);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (curl_multi_add_handle(multi.get(), a) != CURLM_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int running = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  do {{{$}}
// CHECK-FIXES-NEXT: {{^}}    if (curl_multi_perform(multi.get(), &running) != CURLM_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}      return -2;{{$}}
// CHECK-FIXES-NEXT: {{^}}    curl_multi_poll(multi.get(), nullptr, 0, 1000, nullptr);{{$}}
// CHECK-FIXES-NEXT: {{^}}  } while (running);{{$}}
// CHECK-FIXES-NEXT: {{^}}  curl_multi_remove_handle(multi.get(), a);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// CHECK-MESSAGES: :[[@LINE+3]]:16: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+9]]:5: note: leaked when returning here
long fetch(const char *url) {
  CURL *curl = curl_easy_init();
  if (!curl)
    return -1;
  curl_easy_setopt(curl, CURLOPT_URL, url);
  long status = 0;
  if (curl_easy_perform(curl) != CURLE_OK ||
      curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK)
    return -2;
  curl_easy_cleanup(curl);
  return status;
}
// CHECK-FIXES:      {{^}}long fetch(const char *url) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!curl){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  curl_easy_setopt(curl.get(), CURLOPT_URL, url);{{$}}
// CHECK-FIXES-NEXT: {{^}}  long status = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (curl_easy_perform(curl.get()) != CURLE_OK ||{{$}}
// CHECK-FIXES-NEXT: {{^}}      curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status) != CURLE_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return status;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// CHECK-MESSAGES: :[[@LINE+3]]:18: warning: multi handle returned by 'curl_multi_init' is not released with 'curl_multi_cleanup' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
int capped(CURL *a) {
  CURLM *multi = curl_multi_init();
  curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 4L);
  if (curl_multi_add_handle(multi, a) != CURLM_OK)
    return -1;
  curl_multi_remove_handle(multi, a);
  curl_multi_cleanup(multi);
  return 0;
}
// CHECK-FIXES:      {{^}}int capped(CURL *a) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(), &curl_multi_cleanup);{{$}}
// CHECK-FIXES-NEXT: {{^}}  curl_multi_setopt(multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, 4L);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (curl_multi_add_handle(multi.get(), a) != CURLM_OK){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  curl_multi_remove_handle(multi.get(), a);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
