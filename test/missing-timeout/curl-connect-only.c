// connleak-missing-timeout: a perform with CURLOPT_CONNECT_ONLY set to 1
// does only the connection phase (CURLOPT_CONNECT_ONLY(3)), which libcurl
// bounds by itself: CURLOPT_CONNECTTIMEOUT "only limits the connection
// phase", default 300 s. The model's `bounded-when` (models/curl.yaml).
// Real code: FreeRADIUS rlm_rest pre-connects a pooled handle this way
// (bench/realworld/VERDICTS.md, P23).
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %curl

#include <curl/curl.h>
#include <stddef.h>

// Negative: the pool's pre-connect, with a connect timeout.
CURL *preconnect(const char *url, long ms) {
  CURL *c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, ms);
  curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(c, CURLOPT_URL, url);
  if (curl_easy_perform(c) != CURLE_OK) {
    curl_easy_cleanup(c);
    return NULL;
  }
  return c;
}

// Negative: no connect timeout either: the built-in 300 s bounds it.
int can_connect(const char *url) {
  CURL *c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
  CURLcode rc = curl_easy_perform(c);
  curl_easy_cleanup(c);
  return rc == CURLE_OK;
}

// Positive: 2 (WebSocket) also reads the response headers.
int websocket_open(const char *url) {
  CURL *c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 2L);
  CURLcode rc = curl_easy_perform(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'curl_easy_perform' runs with no timeout: 'c' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  curl_easy_cleanup(c);
  return rc == CURLE_OK;
}

// Positive: connect-only is switched on after the transfer.
void fetch_then_connect_only(const char *url) {
  CURL *c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_perform(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' runs with no timeout: 'c' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  curl_easy_setopt(c, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_perform(c);
  curl_easy_cleanup(c);
}
