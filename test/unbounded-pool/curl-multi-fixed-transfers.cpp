// connleak-unbounded-pool: C++ range-for loops over a fixed number of
// transfers (an array, a std::array, a braced list) add a fixed number;
// a loop over a std::vector does not.
// RUN: %check_connleak %s connleak-unbounded-pool %t -- -- %cxxflags %curl

#include <array>
#include <curl/curl.h>
#include <vector>

void fixed_array(CURL *(&easy)[3]) {
  CURLM *multi = curl_multi_init();
  for (CURL *e : easy)
    curl_multi_add_handle(multi, e);
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

void std_array(const std::array<CURL *, 4> &easy) {
  CURLM *multi = curl_multi_init();
  for (CURL *e : easy)
    curl_multi_add_handle(multi, e);
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

void braced(CURL *a, CURL *b) {
  CURLM *multi = curl_multi_init();
  for (CURL *e : {a, b})
    curl_multi_add_handle(multi, e);
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

void vector(const std::vector<CURL *> &easy) {
  CURLM *multi = curl_multi_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' or 'CURLMOPT_MAX_HOST_CONNECTIONS' [connleak-unbounded-pool]
  for (CURL *e : easy)
    curl_multi_add_handle(multi, e);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'curl_multi_add_handle' adds to it inside a loop with no small constant bound
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}
