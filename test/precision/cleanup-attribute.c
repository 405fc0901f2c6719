// A variable with a cleanup attribute is released at every exit of its
// scope (Asterisk's RAII_VAR: under GCC a cleanup function, under clang a
// __block variable and a block run by a cleanup attribute; bench/realworld
// VERDICTS.md P16, res/res_stir_shaken/curl_utils.c:251).
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cflags -fblocks %curl

#include <curl/curl.h>
#include <stddef.h>

static void cleanup_curl(CURL **c) {
  if (*c)
    curl_easy_cleanup(*c);
}

// Negative: the cleanup function releases it on the early return.
long fetch(const char *url) {
  CURL *curl __attribute__((cleanup(cleanup_curl))) = NULL;
  curl = curl_easy_init();
  if (!curl)
    return -1;
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  if (curl_easy_perform(curl) != CURLE_OK)
    return -1;
  curl_easy_cleanup(curl);
  curl = NULL;
  return 0;
}

// Negative: clang's form of RAII_VAR, a block that releases the __block
// variable, run by a cleanup attribute.
typedef void (^cleanup_block_t)(void);
static inline void run_cleanup_block(cleanup_block_t *b) {
  if (*b)
    (*b)();
}
long fetch_block(const char *url) {
  cleanup_block_t _raii_cleanup_curl __attribute__((cleanup(run_cleanup_block))) = NULL;
  __block CURL *curl = NULL;
  _raii_cleanup_curl = ^{ { (void)curl_easy_cleanup(curl); } };
  curl = curl_easy_init();
  if (!curl)
    return -1;
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  if (curl_easy_perform(curl) != CURLE_OK)
    return -1;
  return 0;
}

// Positive: a cleanup function that does not release the handle.
static void just_log(CURL **c) { (void)c; }
long fetch_logged(const char *url) {
  CURL *curl __attribute__((cleanup(just_log))) = curl_easy_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: transfer handle returned by 'curl_easy_init' is not released with 'curl_easy_cleanup' on every path [connleak-unreleased-handle]
  if (!curl)
    return -1;
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  if (curl_easy_perform(curl) != CURLE_OK)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  curl_easy_cleanup(curl);
  return 0;
}
