// Known limitation: missing-timeout judges `setter` entries only for a
// handle held in a plain local variable; a handle acquired into a field
// (`f->curl = curl_easy_init();`) is not judged.
// XFAIL: *
// FIXME: missing-timeout reports nothing for run() today. The right output
// is the warning below: the handle is created in run() and performed with
// no timeout set (the local form in run_local() is reported today). The
// wording for a field is left open by the regex. When this passes (XPASS),
// remove the XFAIL line and the item in docs/design.md#known-limitations.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %curl

#include <curl/curl.h>

struct fetcher {
  CURL *curl;
};

void run(struct fetcher *f) {
  f->curl = curl_easy_init();
  curl_easy_perform(f->curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' runs with no timeout: {{.*}}'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
}

void run_local(void) {
  CURL *h = curl_easy_init();
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' runs with no timeout: 'h' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  curl_easy_cleanup(h);
}
