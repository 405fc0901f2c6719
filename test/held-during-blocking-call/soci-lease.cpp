// connleak-held-during-blocking-call: soci::connection_pool::lease() checks a
// session out until give_back(); a sleep in between holds the session.
// RUN: %check_connleak %s connleak-held-during-blocking-call %t -- -- %cxxflags

#include <soci/soci.h>
#include <chrono>
#include <thread>

// Positive: std::this_thread::sleep_for while the lease is held.
void throttled_insert(soci::connection_pool &pool) {
  std::size_t pos = pool.lease();
  soci::session &sql = pool.at(pos);
  sql << "insert into audit values (1)";
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'std::this_thread::sleep_for' is made while a pooled connection is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-5]]:21: note: pool checkout returned by 'lease' is held until 'give_back'; release it before the blocking call or check it out after
  pool.give_back(pos);
}

// Positive: sleep_until, on the path that has not given the session back.
void wait_for_window(soci::connection_pool &pool, bool ready) {
  std::size_t pos = pool.lease();
  if (ready) {
    pool.give_back(pos);
    return;
  }
  std::this_thread::sleep_until(std::chrono::steady_clock::now() +
                                std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: blocking call 'std::this_thread::sleep_until' is made while a pooled connection is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-8]]:21: note: pool checkout returned by 'lease' is held until 'give_back'; release it before the blocking call or check it out after
  pool.give_back(pos);
}

// Negative: given back before sleeping.
void insert_then_wait(soci::connection_pool &pool) {
  std::size_t pos = pool.lease();
  pool.at(pos) << "insert into audit values (1)";
  pool.give_back(pos);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

// Negative: sleeping before the lease.
void wait_then_insert(soci::connection_pool &pool) {
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::size_t pos = pool.lease();
  pool.at(pos) << "insert into audit values (1)";
  pool.give_back(pos);
}
