// connleak-held-during-blocking-call: the BlockingFunctions option adds
// project functions to the blocking list: a ';'-separated list of globs on
// qualified names.  Without the option these calls are not blocking.  The
// option applies to RAII sessions and to manual checkouts (mongoc pop, soci
// lease) alike.
// RUN: %check_connleak -check-suffix=OPT \
// RUN:   -config="{CheckOptions: {connleak-held-during-blocking-call.BlockingFunctions: 'billing::*;audit_log;Cache::refresh*'}}" \
// RUN:   %s connleak-held-during-blocking-call %t.opt -- -- %cxxflags %mongoc
// RUN: %check_connleak -check-suffix=DEFAULT %s connleak-held-during-blocking-call %t.default -- -- %cxxflags %mongoc

#include <mongoc/mongoc.h>
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

// Positive with the option: manual checkouts.
void charge_popped(mongoc_client_pool_t *pool) {
  mongoc_client_t *c = mongoc_client_pool_pop(pool);
  billing::charge_card(1999);
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: blocking call 'billing::charge_card' is made while a pooled connection is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES-OPT: :[[@LINE-3]]:24: note: pool checkout returned by 'mongoc_client_pool_pop' is held until 'mongoc_client_pool_push'; release it before the blocking call or check it out after
  mongoc_client_pool_push(pool, c);
}
void charge_leased(soci::connection_pool &pool) {
  std::size_t pos = pool.lease();
  audit_log("lease");
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:3: warning: blocking call 'audit_log' is made while a pooled connection is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES-OPT: :[[@LINE-3]]:21: note: pool checkout returned by 'lease' is held until 'give_back'; release it before the blocking call or check it out after
  pool.give_back(pos);
}

// Negative: the manual checkouts are released before the listed calls.
void charge_after_push(mongoc_client_pool_t *pool) {
  mongoc_client_t *c = mongoc_client_pool_pop(pool);
  mongoc_client_pool_push(pool, c);
  billing::charge_card(1999);
}
void charge_after_give_back(soci::connection_pool &pool) {
  std::size_t pos = pool.lease();
  pool.give_back(pos);
  audit_log("lease");
}
