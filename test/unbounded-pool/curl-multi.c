// connleak-unbounded-pool: a curl multi handle opens as many connections as
// there are transfers unless CURLMOPT_MAX_TOTAL_CONNECTIONS or
// CURLMOPT_MAX_HOST_CONNECTIONS is set on it in the function that creates it.
// It is judged only when transfers are added in a loop with no small
// constant bound (curl-multi-fixed-transfers.c, curl-multi-growth.c).  A multi handle
// that is returned is configured elsewhere and not judged.
// RUN: %check_connleak %s connleak-unbounded-pool %t -- -- %cflags %curl

#include <curl/curl.h>

// Positive: no option at all.
void crawl(CURL **easy, int n) {
  CURLM *multi = curl_multi_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' or 'CURLMOPT_MAX_HOST_CONNECTIONS' [connleak-unbounded-pool]
  for (int i = 0; i < n; ++i)
    curl_multi_add_handle(multi, easy[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'curl_multi_add_handle' adds to it inside a loop with no small constant bound
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

// Positive: MAXCONNECTS only sizes the idle cache, it is not a cap; the
// handle is assigned after its declaration.
void crawl_cached(CURL **easy, int n) {
  CURLM *multi;
  multi = curl_multi_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' or 'CURLMOPT_MAX_HOST_CONNECTIONS' [connleak-unbounded-pool]
  curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 8L);
  for (int i = 0; i < n; ++i)
    curl_multi_add_handle(multi, easy[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'curl_multi_add_handle' adds to it inside a loop with no small constant bound
  curl_multi_cleanup(multi);
}

// Negative: capped (before or after adding transfers), in total or per host.
void crawl_capped(CURL **easy, int n) {
  CURLM *multi = curl_multi_init();
  curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 16L);
  for (int i = 0; i < n; ++i)
    curl_multi_add_handle(multi, easy[i]);
  curl_multi_cleanup(multi);
}
void crawl_capped_late(CURL **easy, int n) {
  CURLM *multi = curl_multi_init();
  for (int i = 0; i < n; ++i)
    curl_multi_add_handle(multi, easy[i]);
  curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 16L);
  curl_multi_cleanup(multi);
}

void crawl_host_capped(CURL **easy, int n) {
  CURLM *multi = curl_multi_init();
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 4L);
  for (int i = 0; i < n; ++i)
    curl_multi_add_handle(multi, easy[i]);
  curl_multi_cleanup(multi);
}

// Negative: returned to the caller, directly or through a variable.
CURLM *make_multi(void) {
  return curl_multi_init();
}
CURLM *make_multi_var(void) {
  CURLM *multi = curl_multi_init();
  return multi;
}

// Negative: stored in a global, configured elsewhere.
CURLM *g_multi;
void init_global_multi(void) {
  g_multi = curl_multi_init();
}

// Negative: handed to an unknown function, which may set the cap.
void register_multi(CURLM *m);
void start_registered(void) {
  CURLM *multi = curl_multi_init();
  register_multi(multi);
}

// Negative: a local helper sets the cap.
static void cap(CURLM *m) {
  curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, 16L);
}
void start_capped(void) {
  CURLM *multi = curl_multi_init();
  cap(multi);
  curl_multi_cleanup(multi);
}
