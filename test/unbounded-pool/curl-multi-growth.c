// connleak-unbounded-pool: transfers added to a curl multi handle in a loop
// over input, from a queue, or from the transfer loop itself make it a pool
// that grows with the load; with neither CURLMOPT_MAX_TOTAL_CONNECTIONS nor
// CURLMOPT_MAX_HOST_CONNECTIONS it opens a connection per transfer. The
// note points at the first call that adds without a fixed bound.
// CURLMOPT_MAXCONNECTS is the size of the connection cache, not a cap.
// RUN: %check_connleak -check-suffix=DEFAULT %s connleak-unbounded-pool %t.default -- -- %cflags %curl
// RUN: %check_connleak -check-suffix=LIMIT \
// RUN:   -config="{CheckOptions: {connleak-unbounded-pool.ConstantLoopLimit: 1000}}" \
// RUN:   %s connleak-unbounded-pool %t.limit -- -- %cflags %curl

#include <curl/curl.h>
#include <stddef.h>

struct job {
  struct job *next;
  CURL *easy;
};
struct job *next_job(void);

// From a queue.
void drain_queue(void) {
  CURLM *multi = curl_multi_init();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:18: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' or 'CURLMOPT_MAX_HOST_CONNECTIONS' [connleak-unbounded-pool]
  // CHECK-MESSAGES-LIMIT: :[[@LINE-2]]:18: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' or 'CURLMOPT_MAX_HOST_CONNECTIONS' [connleak-unbounded-pool]
  curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 16L);
  struct job *j;
  while ((j = next_job()) != NULL)
    curl_multi_add_handle(multi, j->easy);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: note: 'curl_multi_add_handle' adds to it inside a loop with no small constant bound
  // CHECK-MESSAGES-LIMIT: :[[@LINE-2]]:5: note: 'curl_multi_add_handle' adds to it inside a loop with no small constant bound
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

// Refilled from the transfer loop: one transfer at a time, for ever. The
// first add is a single one; the note points at the one in the loop.
void refill(CURL *first) {
  CURLM *multi = curl_multi_init();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:18: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' or 'CURLMOPT_MAX_HOST_CONNECTIONS' [connleak-unbounded-pool]
  // CHECK-MESSAGES-LIMIT: :[[@LINE-2]]:18: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' or 'CURLMOPT_MAX_HOST_CONNECTIONS' [connleak-unbounded-pool]
  curl_multi_add_handle(multi, first);
  int running = 1;
  do {
    curl_multi_perform(multi, &running);
    struct job *j = next_job();
    if (j)
      curl_multi_add_handle(multi, j->easy);
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:7: note: 'curl_multi_add_handle' adds to it inside a loop with no small constant bound
    // CHECK-MESSAGES-LIMIT: :[[@LINE-2]]:7: note: 'curl_multi_add_handle' adds to it inside a loop with no small constant bound
  } while (running);
  curl_multi_cleanup(multi);
}

// A constant loop, but a large one: 1000 transfers at once (reported with
// the default ConstantLoopLimit of 16, not with 1000).
void crawl_thousand(CURL *easy[1000]) {
  CURLM *multi = curl_multi_init();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:18: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' or 'CURLMOPT_MAX_HOST_CONNECTIONS' [connleak-unbounded-pool]
  for (int i = 0; i < 1000; i++)
    curl_multi_add_handle(multi, easy[i]);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: note: 'curl_multi_add_handle' adds to it inside a loop with no small constant bound
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

// Nested constant loops: 5 x 5 = 25 transfers.
void crawl_grid(CURL *grid[5][5]) {
  CURLM *multi = curl_multi_init();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:18: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' or 'CURLMOPT_MAX_HOST_CONNECTIONS' [connleak-unbounded-pool]
  for (int r = 0; r < 5; r++)
    for (int c = 0; c < 5; c++)
      curl_multi_add_handle(multi, grid[r][c]);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:7: note: 'curl_multi_add_handle' adds to it inside a loop with no small constant bound
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

// A constant bound, but the counter also moves in the body: not constant.
void crawl_skipping(CURL **easy) {
  CURLM *multi = curl_multi_init();
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:18: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' or 'CURLMOPT_MAX_HOST_CONNECTIONS' [connleak-unbounded-pool]
  // CHECK-MESSAGES-LIMIT: :[[@LINE-2]]:18: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' or 'CURLMOPT_MAX_HOST_CONNECTIONS' [connleak-unbounded-pool]
  for (int i = 0; i < 4; i++) {
    curl_multi_add_handle(multi, easy[i]);
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:5: note: 'curl_multi_add_handle' adds to it inside a loop with no small constant bound
    // CHECK-MESSAGES-LIMIT: :[[@LINE-2]]:5: note: 'curl_multi_add_handle' adds to it inside a loop with no small constant bound
    if (!easy[i + 1])
      i = 0;
  }
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}
