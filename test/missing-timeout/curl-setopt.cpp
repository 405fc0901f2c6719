// connleak-missing-timeout: the same curl rule in C++, where
// curl_easy_setopt is a plain function call (no type-checking macro), and the
// option may be held in a local variable.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cxxflags %curl

#include <curl/curl.h>
#include <string>

// Positive: only the URL and a header list.
std::string fetch(const std::string &url) {
  CURL *h = curl_easy_init();
  curl_slist *headers = curl_slist_append(nullptr, "Accept: application/json");
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  CURLcode rc = curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'curl_easy_perform' runs with no timeout: 'h' has no 'CURLOPT_TIMEOUT', 'CURLOPT_TIMEOUT_MS' or 'CURLOPT_LOW_SPEED_LIMIT' with 'CURLOPT_LOW_SPEED_TIME' set before it [connleak-missing-timeout]
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? "ok" : "error";
}

// Negative: the timeout option comes from a local variable.
std::string fetch_bounded(const std::string &url) {
  CURL *h = curl_easy_init();
  const CURLoption timeout = CURLOPT_TIMEOUT_MS;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, timeout, 2500L);
  CURLcode rc = curl_easy_perform(h);
  curl_easy_cleanup(h);
  return rc == CURLE_OK ? "ok" : "error";
}
