// Known limitation: for `setter` pool-limits entries (curl_multi_init) the
// pool must be held in a local variable: a pool stored straight into a
// global or a field is not judged. (`uri` entries are judged wherever the
// pool goes.)
// XFAIL: *
// FIXME: unbounded-pool reports only init_local() today. The right output
// also has the two warnings below for the multi handles stored in a global
// and in a field, which get no CURLMOPT_MAX_TOTAL_CONNECTIONS in the
// function that creates them. When this passes (XPASS), remove the XFAIL
// line and the item in docs/design.md#known-limitations.
// RUN: %check_connleak %s connleak-unbounded-pool %t -- -- %cflags %curl

#include <curl/curl.h>

CURLM *g_multi;

void init_global(void) {
  g_multi = curl_multi_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: pool created by 'curl_multi_init' is unbounded: {{.*}}'CURLMOPT_MAX_TOTAL_CONNECTIONS' [connleak-unbounded-pool]
}

struct svc {
  CURLM *multi;
};

void init_field(struct svc *s) {
  s->multi = curl_multi_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: pool created by 'curl_multi_init' is unbounded: {{.*}}'CURLMOPT_MAX_TOTAL_CONNECTIONS' [connleak-unbounded-pool]
}

void init_local(void) {
  CURLM *multi = curl_multi_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: pool created by 'curl_multi_init' is unbounded: 'multi' gets no 'CURLMOPT_MAX_TOTAL_CONNECTIONS' [connleak-unbounded-pool]
  curl_multi_cleanup(multi);
}
