// connleak-held-during-blocking-call: the BlockingFunctions option adds
// project functions to the blocking list: a ';'-separated list of globs on
// qualified names.  Without the option these calls are not blocking.
// RUN: %check_connleak -check-suffix=OPT \
// RUN:   -config="{CheckOptions: {connleak-held-during-blocking-call.BlockingFunctions: 'billing::*;audit_log;Cache::refresh*'}}" \
// RUN:   %s connleak-held-during-blocking-call %t.opt -- -- %cxxflags
// RUN: %check_connleak -check-suffix=DEFAULT %s connleak-held-during-blocking-call %t.default -- -- %cxxflags

#include <soci/soci.h>

namespace billing {
void charge_card(int cents);
int fetch_rates();
} // namespace billing
void audit_log(const char *what);
void billing_report();

class Cache {
public:
  void refresh_all();
  void get(int key);
};

// Positive with the option: each listed function, inside the session's scope.
void checkout(soci::connection_pool &pool, Cache &cache) {
  soci::session sql(pool);
  billing::charge_card(1999);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: blocking call 'billing::charge_card' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES-OPT: :[[@LINE-3]]:17: note: 'sql' is checked out of the pool here and held until the end of its scope
  int rates = billing::fetch_rates();
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:15: warning: blocking call 'billing::fetch_rates' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES-OPT: :[[@LINE-6]]:17: note: 'sql' is checked out of the pool here and held until the end of its scope
  audit_log("checkout");
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: blocking call 'audit_log' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES-OPT: :[[@LINE-9]]:17: note: 'sql' is checked out of the pool here and held until the end of its scope
  cache.refresh_all();
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: blocking call 'Cache::refresh_all' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES-OPT: :[[@LINE-12]]:17: note: 'sql' is checked out of the pool here and held until the end of its scope
}

// Negative: functions that do not match any glob.
void report(soci::connection_pool &pool, Cache &cache) {
  soci::session sql(pool);
  billing_report();
  cache.get(1);
}

// Negative: the listed functions run after the session's scope.
void checkout_scoped(soci::connection_pool &pool) {
  {
    soci::session sql(pool);
    sql << "insert into orders values (1)";
  }
  billing::charge_card(1999);
  audit_log("checkout");
}
