// connleak-held-during-blocking-call: soci::session sql(pool) checks a
// session out of the pool for as long as sql is alive, i.e. to the end of its
// scope; a blocking call anywhere in that scope (including nested blocks and
// loops) is reported, with a note on the session.
// RUN: %check_connleak %s connleak-held-during-blocking-call %t -- -- %cxxflags

#include <soci/soci.h>
#include <chrono>
#include <thread>
#include <unistd.h>

// Positive: sleep in the session's own scope.
void poll_status(soci::connection_pool &pool) {
  soci::session sql(pool);
  int status = 0;
  sql << "select status from jobs where id = 1", soci::into(status);
  sleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'sleep' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-5]]:17: note: 'sql' is checked out of the pool here and held until the end of its scope
}

// Positive: sleep in a loop nested in the session's scope.
void poll_until_done(soci::connection_pool &pool, int tries) {
  soci::session sql(pool);
  for (int i = 0; i < tries; ++i) {
    int status = 0;
    sql << "select status from jobs where id = 1", soci::into(status);
    if (status == 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: blocking call 'std::this_thread::sleep_for' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
      // CHECK-MESSAGES: :[[@LINE-7]]:17: note: 'sql' is checked out of the pool here and held until the end of its scope
  }
}

// Positive: the session is declared in an inner block that is still open.
void nested_block(soci::connection_pool &pool, bool audit) {
  if (audit) {
    soci::session sql(pool);
    sql << "insert into audit values (1)";
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: blocking call 'std::this_thread::sleep_for' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
    // CHECK-MESSAGES: :[[@LINE-4]]:19: note: 'sql' is checked out of the pool here and held until the end of its scope
  }
}

// Negative: the session's block closed before the sleep.
void scoped_session(soci::connection_pool &pool) {
  {
    soci::session sql(pool);
    sql << "insert into audit values (1)";
  }
  sleep(1);
}

// Negative: the sleep comes before the checkout.
void sleep_then_query(soci::connection_pool &pool) {
  sleep(1);
  soci::session sql(pool);
  sql << "insert into audit values (1)";
}

// Negative: a session that is not from a pool holds no pooled connection.
void direct_session() {
  soci::session sql("postgresql", "dbname=app connect_timeout=5");
  sleep(1);
}
