// connleak-per-request-client: an easy handle per iteration that uses a
// connection cache kept elsewhere is what the check recommends, not a new
// client: a share object that shares the connection cache (CURLOPT_SHARE
// with CURLSHOPT_SHARE CURL_LOCK_DATA_CONNECT, curl's
// docs/examples/shared-connection-cache.c; repro ../shared/realworld/
// patterns/curl_per_iteration_easy_with_shared_conncache.c), or a multi
// handle (curl_multi_add_handle: the multi's connection cache). A share
// object that visibly shares something else does not keep connections.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cflags %curl %event

#include <curl/curl.h>
#include <event2/http.h>
#include <stddef.h>

// The share object shares the connection cache.
int fetch_all(const char **urls, int n) {
  CURLSH *share = curl_share_init();
  if (!share)
    return -1;
  curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  for (int i = 0; i < n; i++) {
    CURL *easy = curl_easy_init();
    if (!easy)
      continue;
    curl_easy_setopt(easy, CURLOPT_URL, urls[i]);
    curl_easy_setopt(easy, CURLOPT_SHARE, share);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_perform(easy);
    curl_easy_cleanup(easy);
  }
  curl_share_cleanup(share);
  return 0;
}

// A share object set up elsewhere is trusted.
void fetch_with(CURLSH *share, const char **urls, int n) {
  for (int i = 0; i < n; i++) {
    CURL *easy = curl_easy_init();
    curl_easy_setopt(easy, CURLOPT_SHARE, share);
    curl_easy_setopt(easy, CURLOPT_URL, urls[i]);
    curl_easy_perform(easy);
    curl_easy_cleanup(easy);
  }
}

// An easy handle per transfer, added to a multi handle.
void fetch_parallel(CURLM *multi, const char **urls, int n) {
  for (int i = 0; i < n; i++) {
    CURL *easy = curl_easy_init();
    curl_easy_setopt(easy, CURLOPT_URL, urls[i]);
    curl_multi_add_handle(multi, easy);
  }
}

// Positive: the share object shares only DNS and TLS sessions; every
// handle still opens its own connection.
int fetch_dns_shared(const char **urls, int n) {
  CURLSH *share = curl_share_init();
  curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  for (int i = 0; i < n; i++) {
    CURL *easy = curl_easy_init();
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'curl_easy_init' builds a new transfer handle inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:18: note: share one instead: create one easy handle per worker and reuse it: it keeps the connection cache
    curl_easy_setopt(easy, CURLOPT_SHARE, share);
    curl_easy_setopt(easy, CURLOPT_URL, urls[i]);
    curl_easy_perform(easy);
    curl_easy_cleanup(easy);
  }
  curl_share_cleanup(share);
  return 0;
}

// Positive: another option than CURLOPT_SHARE.
void fetch_unshared(void *cookies, const char **urls, int n) {
  for (int i = 0; i < n; i++) {
    CURL *easy = curl_easy_init();
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'curl_easy_init' builds a new transfer handle inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:18: note: share one instead: create one easy handle per worker and reuse it: it keeps the connection cache
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, cookies);
    curl_easy_setopt(easy, CURLOPT_URL, urls[i]);
    curl_easy_perform(easy);
    curl_easy_cleanup(easy);
  }
}

// In a request handler too: a handle that uses the shared connection cache
// (a global share object, set up at start-up) is fine, one without is not.
static CURLSH *g_share;
void on_proxy(struct evhttp_request *req, void *arg) {
  CURL *easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_SHARE, g_share);
  curl_easy_setopt(easy, CURLOPT_URL, (const char *)arg);
  curl_easy_perform(easy);
  curl_easy_cleanup(easy);
}
void on_proxy_unshared(struct evhttp_request *req, void *arg) {
  CURL *easy = curl_easy_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'curl_easy_init' builds a new transfer handle inside request handler 'on_proxy_unshared' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: share one instead: create one easy handle per worker and reuse it: it keeps the connection cache
  curl_easy_setopt(easy, CURLOPT_URL, (const char *)arg);
  curl_easy_perform(easy);
  curl_easy_cleanup(easy);
}
