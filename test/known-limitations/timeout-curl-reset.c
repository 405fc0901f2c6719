// Known limitation: curl_easy_reset() clears every option of the handle,
// but options set before it still count.
// XFAIL: *
// FIXME: missing-timeout reports nothing today. The right output is the
// warning below: CURLOPT_TIMEOUT was cleared by curl_easy_reset() before
// curl_easy_perform(). When this passes (XPASS), remove the XFAIL line and
// the item in docs/design.md#known-limitations.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %curl

#include <curl/curl.h>

void fetch_reset(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
  curl_easy_reset(h); // clears CURLOPT_TIMEOUT
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' runs with no timeout: 'h' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  curl_easy_cleanup(h);
}

// Negative: the timeout is set again after the reset.
void fetch_reset_again(void) {
  CURL *h = curl_easy_init();
  curl_easy_reset(h);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
}
