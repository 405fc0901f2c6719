// curl_multi_add_handle hands the easy handle to the multi handle, which
// keeps it; the program cleans it up later, from its curl_multi_info_read()
// loop (msg->easy_handle). The model says so (models/curl.yaml:
// take-ownership), per family: the multi handle itself is only borrowed.
// Repro of ../shared/realworld/patterns/curl_multi_add_handle_handoff.c
// (curl docs/examples/10-at-a-time.c:95, multi-event.c:132, multi-uv.c:97,
// crawler.c:205, http2-pushinmemory.c:168).
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %curl

#include <curl/curl.h>

// Negative: the multi keeps the handle.
static void add_transfer(CURLM *multi, const char *url) {
  CURL *easy = curl_easy_init();
  if (easy) {
    curl_easy_setopt(easy, CURLOPT_URL, url);
    curl_multi_add_handle(multi, easy);
  }
}

static CURL *make_handle(const char *url) {
  CURL *easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, url);
  return easy;
}

// Negative: handed over straight from the call that makes it, and the
// variable reused for msg->easy_handle.
void run(CURLM *multi, const char **urls, int n) {
  int running = 1, left;
  CURLMsg *msg;
  for (int i = 0; i < n; i++)
    add_transfer(multi, urls[i]);
  curl_multi_add_handle(multi, make_handle("https://example.com/"));
  CURL *curl = curl_easy_init();
  if (curl)
    curl_multi_add_handle(multi, curl);
  while (running) {
    curl_multi_perform(multi, &running);
    while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
      if (msg->msg == CURLMSG_DONE) {
        curl = msg->easy_handle;
        curl_multi_remove_handle(multi, curl);
        curl_easy_cleanup(curl);
      }
    }
    curl_multi_poll(multi, NULL, 0, 1000, NULL);
  }
}

// Positive: the multi handle is only borrowed by curl_multi_add_handle.
void multi_leaks(const char *url) {
  CURLM *multi = curl_multi_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: multi handle returned by 'curl_multi_init' is not released with 'curl_multi_cleanup' on every path [connleak-unreleased-handle]
  CURL *easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, url);
  curl_multi_add_handle(multi, easy);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: leaked at the end of the function

// Positive: an easy handle that is never added still leaks.
void easy_not_added(CURLM *multi, const char *url) {
  CURL *easy = curl_easy_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
  if (!url)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  curl_easy_setopt(easy, CURLOPT_URL, url);
  curl_multi_add_handle(multi, easy);
}
