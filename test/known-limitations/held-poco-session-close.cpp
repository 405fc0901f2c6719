// Known limitation: RAII pooled sessions are judged by scope, not by path.
// Poco::Data::Session::close() on a session from a SessionPool gives the
// connection back to the pool (PooledSessionImpl::close puts the holder
// back), but the session still counts as held until the end of its block.
// XFAIL: *
// FIXME: held-during-blocking-call reports a false positive in sync() today:
// "blocking call 'std::this_thread::sleep_for' is made while pooled session
// 'db' is checked out", note "'db' is checked out of the pool here and held
// until the end of its scope". The right output is no diagnostic for sync()
// (the session was closed before the sleep), and the report for
// sync_not_closed() only. When this passes (XPASS), remove the XFAIL line
// and the item in docs/design.md#known-limitations.
// RUN: %check_connleak %s connleak-held-during-blocking-call %t -- -- %cxxflags

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <thread>

void sync(Poco::Data::SessionPool &pool) {
  Poco::Data::Session db = pool.get();
  db.close(); // back to the pool
  std::this_thread::sleep_for(std::chrono::seconds(1));
}

void sync_not_closed(Poco::Data::SessionPool &pool) {
  Poco::Data::Session db = pool.get();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'std::this_thread::sleep_for' is made while pooled session 'db' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'db' is checked out of the pool here and held until the end of its scope
  db.close();
}
