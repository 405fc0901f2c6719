// SOCI connection pools: connection_pool::lease() returns a position that
// must be given back with give_back(pos).  A leak that a fix-it repairs
// (test/fixes/pool-checkouts.cpp) gets no note; the others get a note that
// suggests the RAII form, `soci::session session(pool)`.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cxxflags

#include <soci/soci.h>
#include <cstddef>

// Negative: leased, used through at(), given back.
int lease_ok(soci::connection_pool &pool) {
  std::size_t pos = pool.lease();
  soci::session &sql = pool.at(pos);
  int n = 0;
  sql << "SELECT count(*) FROM orders", soci::into(n);
  pool.give_back(pos);
  return n;
}

// Positive: the early return keeps the session checked out.
bool lease_early_return(soci::connection_pool &pool, bool dry_run) {
  std::size_t pos = pool.lease();
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: pool checkout returned by 'lease' is not released with 'give_back' on every path [connleak-unreleased-handle]
  if (dry_run)
    return false;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  pool.give_back(pos);
  return true;
}

// Positive: the position is dropped.
void lease_dropped(soci::connection_pool &pool) {
  pool.lease();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pool checkout returned by 'lease' is not released with 'give_back' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: leaked here: the handle is never stored
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: check the session out with 'soci::session session(pool)', which gives it back on every path
}

// Negative: the RAII form the note recommends.
int pooled_session(soci::connection_pool &pool) {
  soci::session sql(pool);
  int n = 0;
  sql << "SELECT 1", soci::into(n);
  return n;
}
