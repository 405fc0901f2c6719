// connleak-unbounded-pool: a curl multi handle that drives a fixed number of
// transfers can open no more connections than that; it is not a pool that
// grows. None of these is reported, although none sets
// CURLMOPT_MAX_TOTAL_CONNECTIONS (patterns from curl's docs/examples:
// imap-multi.c, multi-post.c, multi-double.c, multi-app.c, multi-legacy.c,
// http2-upload.c; repro ../shared/realworld/patterns/
// curl_multi_single_transfer_unbounded.c).
// RUN: %check_connleak %s connleak-unbounded-pool %t -- -- %cflags %curl

#include <curl/curl.h>
#include <stddef.h>

#define HANDLECOUNT 2

// One transfer.
int fetch_one(const char *url) {
  CURL *easy = curl_easy_init();
  if (!easy)
    return -1;
  curl_easy_setopt(easy, CURLOPT_URL, url);
  CURLM *multi = curl_multi_init();
  if (!multi) {
    curl_easy_cleanup(easy);
    return -1;
  }
  curl_multi_add_handle(multi, easy);
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_remove_handle(multi, easy);
  curl_multi_cleanup(multi);
  curl_easy_cleanup(easy);
  return 0;
}

// Two transfers added one after the other.
void fetch_two(CURL *a, CURL *b) {
  CURLM *multi = curl_multi_init();
  curl_multi_add_handle(multi, a);
  curl_multi_add_handle(multi, b);
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

// HANDLECOUNT transfers, counted by a macro.
void fetch_handlecount(CURL *handles[HANDLECOUNT]) {
  CURLM *multi = curl_multi_init();
  for (int i = 0; i < HANDLECOUNT; i++)
    curl_multi_add_handle(multi, handles[i]);
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

// A loop over a fixed array, bounded by sizeof, counting down, by steps.
static const char *const urls[] = {"https://a.example/", "https://b.example/",
                                   "https://c.example/"};
void fetch_array(CURL *handles[3]) {
  CURLM *multi = curl_multi_init();
  size_t i;
  for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
    curl_easy_setopt(handles[i], CURLOPT_URL, urls[i]);
    curl_multi_add_handle(multi, handles[i]);
  }
  for (int j = 8; j > 0; j -= 2)
    curl_multi_add_handle(multi, handles[j % 3]);
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

// Exactly ConstantLoopLimit (16) transfers, in two nested constant loops.
void fetch_grid(CURL *grid[4][4]) {
  CURLM *multi = curl_multi_init();
  for (int r = 0; r < 4; r++)
    for (int c = 0; c <= 3; c++)
      curl_multi_add_handle(multi, grid[r][c]);
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

// Added once, inside a do { } while (0) block.
void fetch_once_block(CURL *easy) {
  CURLM *multi = curl_multi_init();
  do {
    if (!easy)
      break;
    curl_multi_add_handle(multi, easy);
  } while (0);
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

// Many transfers (argv), but capped per host (http2-upload.c).
void upload_all(CURL **easy, int n) {
  CURLM *multi = curl_multi_init();
  for (int i = 0; i < n; i++)
    curl_multi_add_handle(multi, easy[i]);
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
  int running = 1;
  while (running)
    curl_multi_perform(multi, &running);
  curl_multi_cleanup(multi);
}

// A multi handle that gets no transfer here.
void idle(void) {
  CURLM *multi = curl_multi_init();
  curl_multi_cleanup(multi);
}
