// connleak-missing-timeout: a model entry's `note` is shown with the
// warnings of every kind, here `context` and `uri` with `library-defaults`
// (a switched-off default, and a long default in a request handler).  The
// API is the team's own, declared here.
// RUN: %check_connleak -config="{CheckOptions: {connleak.ModelFiles: '%S/Inputs/acme-timeouts.yaml'}}" \
// RUN:   %s connleak-missing-timeout %t

namespace acme {
struct Status {};
struct Request {};
struct CallOptions {
  void set_deadline(int ms);
};
struct Client;
Client *open(const char *uri);
Status call(CallOptions *opts, const char *what);
} // namespace acme

acme::Status no_deadline() {
  acme::CallOptions opts;
  return acme::call(&opts, "ping");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'call' runs with no timeout: 'opts' has no deadline set before it [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: 'opts' is declared here; call 'acme::CallOptions::set_deadline' on it
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: acme: the deadline also bounds the retries
}

acme::Client *switched_off() {
  return acme::open("acme://db/?readTimeoutMS=-1");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'open' runs with no timeout: its URI switches off the library's default with 'readTimeoutMS=-1' [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: acme: readTimeoutMS bounds each read, not the whole call
}

void handle(acme::Request &req) {
  acme::Client *c = acme::open("acme://db/?readTimeoutMS=0");
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'open' inside request handler 'handle' keeps the library's default 'readTimeoutMS' of 600000 ms: a slow operation holds the connection longer than a request waits [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: set 'readTimeoutMS' in the URI to what a request can wait (RequestDeadlineMs: 30000)
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: acme: readTimeoutMS bounds each read, not the whole call
  (void)c;
}

// Negative: the default kept outside a request handler, a deadline set.
acme::Client *defaults() { return acme::open("acme://db/"); }
acme::Status with_deadline() {
  acme::CallOptions opts;
  opts.set_deadline(2000);
  return acme::call(&opts, "ping");
}
