// libcurl handles: curl_easy_init/duphandle -> curl_easy_cleanup,
// curl_multi_init -> curl_multi_cleanup, curl_share_init ->
// curl_share_cleanup.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %curl

#include <curl/curl.h>
#include <stddef.h>

// Positive: the transfer error path skips curl_easy_cleanup.
int easy_perform_fails(const char *url) {
  CURL *h = curl_easy_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 5L);
  CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK)
    return (int)rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  curl_easy_cleanup(h);
  return 0;
}

// Negative: one cleanup on every path.
int easy_ok(const char *url) {
  CURL *h = curl_easy_init();
  if (!h)
    return -1;
  curl_easy_setopt(h, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return (int)rc;
}

// Positive: a duplicated handle that is only tested.
int duphandle(CURL *tmpl) {
  CURL *h = curl_easy_duphandle(tmpl);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: transfer handle returned by 'curl_easy_duphandle' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
  return h != NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

// Positive twice: `if (!m || !h) return` leaks whichever one was created.
int multi_partial_failure(void) {
  CURLM *m = curl_multi_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: multi handle returned by 'curl_multi_init' is not released with 'curl_multi_cleanup' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: leaked when returning here
  CURL *h = curl_easy_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
  if (!m || !h)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  curl_multi_add_handle(m, h);
  int running = 0;
  curl_multi_perform(m, &running);
  curl_multi_remove_handle(m, h);
  curl_easy_cleanup(h);
  curl_multi_cleanup(m);
  return 0;
}

// Negative: each handle checked and cleaned up separately.
int multi_ok(void) {
  CURLM *m = curl_multi_init();
  if (!m)
    return -1;
  CURL *h = curl_easy_init();
  if (!h) {
    curl_multi_cleanup(m);
    return -1;
  }
  curl_multi_add_handle(m, h);
  curl_multi_remove_handle(m, h);
  curl_easy_cleanup(h);
  curl_multi_cleanup(m);
  return 0;
}

// Positive: share handle leaked when curl_share_setopt fails.
int share_setopt_fails(void) {
  CURLSH *s = curl_share_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: share handle returned by 'curl_share_init' is not released with 'curl_share_cleanup' on every path [connleak-unreleased-handle]
  if (curl_share_setopt(s, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) != CURLSHE_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  curl_share_cleanup(s);
  return 0;
}

// Negative: share handle cleaned up.
void share_ok(void) {
  CURLSH *s = curl_share_init();
  curl_share_setopt(s, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_cleanup(s);
}
