// connleak-missing-timeout: an easy handle from curl_easy_init in the
// function needs CURLOPT_TIMEOUT, CURLOPT_TIMEOUT_MS or the pair
// CURLOPT_LOW_SPEED_LIMIT + CURLOPT_LOW_SPEED_TIME before curl_easy_perform; by default a transfer may take forever.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %curl

#include <curl/curl.h>

void apply_proxy_settings(CURL *h);

// Positive: only the URL is set.
void fetch(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "http://inventory:8080/stock");
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' runs with no timeout: 'h' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  curl_easy_cleanup(h);
}

// Positive: a connect timeout does not bound the transfer.
void fetch_connect_timeout_only(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "http://inventory:8080/stock");
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' runs with no timeout: 'h' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  curl_easy_cleanup(h);
}

// Positive: the first transfer runs before the timeout is set.
void fetch_twice(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "http://inventory:8080/stock");
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' runs with no timeout: 'h' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
}

// Negative: each of the three options bounds the transfer.
void fetch_timeout(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
}
void fetch_timeout_ms(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 2500L);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
}
void fetch_low_speed(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
}

// Positive: CURLOPT_LOW_SPEED_TIME alone does nothing; libcurl ignores it
// unless CURLOPT_LOW_SPEED_LIMIT is also set (curl_easy_setopt(3),
// CURLOPT_LOW_SPEED_TIME: "used together with CURLOPT_LOW_SPEED_LIMIT").
void fetch_low_speed_time_only(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' runs with no timeout: 'h' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  curl_easy_cleanup(h);
}

// Negative: a handle received as a parameter.
CURLcode fetch_with(CURL *h) {
  return curl_easy_perform(h);
}

// Negative: the handle goes to an unknown function before the transfer.
void fetch_via_proxy(void) {
  CURL *h = curl_easy_init();
  apply_proxy_settings(h);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
}
