// connleak-unbounded-pool: curl multi handles in C++ code.  A local multi
// handle in a member function is judged like any other; one stored in a data
// member is configured elsewhere and not judged.
// RUN: %check_connleak %s connleak-unbounded-pool %t -- -- %cxxflags %curl

#include <curl/curl.h>
#include <vector>

class Crawler {
public:
  // Negative: the handle lives in a member; another function configures it.
  Crawler() : multi_(curl_multi_init()) {}
  void start() { multi_ = curl_multi_init(); }
  void limit() {
    curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, 16L);
  }

  // Positive: a local multi handle with no cap.
  void crawl_once(const std::vector<CURL *> &easy) {
    auto *multi = curl_multi_init();
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' or 'CURLMOPT_MAX_HOST_CONNECTIONS' [connleak-unbounded-pool]
    for (CURL *e : easy)
      curl_multi_add_handle(multi, e);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'curl_multi_add_handle' adds to it inside a loop with no small constant bound
    int running = 1;
    while (running)
      curl_multi_perform(multi, &running);
    curl_multi_cleanup(multi);
  }

  // Negative: a local multi handle with a cap.
  void crawl_capped(const std::vector<CURL *> &easy) {
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 4L);
    for (CURL *e : easy)
      curl_multi_add_handle(multi, e);
    curl_multi_cleanup(multi);
  }

private:
  CURLM *multi_;
};
