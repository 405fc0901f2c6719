// connleak-held-during-blocking-call: a Poco::Data::Session taken from a
// SessionPool (pool.get()) holds a pooled connection until it is destroyed;
// Poco HTTP client sends/receives in its scope block while holding it.
// RUN: %check_connleak %s connleak-held-during-blocking-call %t -- -- %cxxflags

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <thread>

// Positive: copy-initialised session, HTTP request and response in scope.
void sync_stock(Poco::Data::SessionPool &pool,
                Poco::Net::HTTPClientSession &inventory) {
  Poco::Data::Session db = pool.get();
  Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, "/stock");
  inventory.sendRequest(req);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'Poco::Net::HTTPClientSession::sendRequest' is made while pooled session 'db' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-4]]:23: note: 'db' is checked out of the pool here and held until the end of its scope
  Poco::Net::HTTPResponse resp;
  inventory.receiveResponse(resp);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'Poco::Net::HTTPClientSession::receiveResponse' is made while pooled session 'db' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-8]]:23: note: 'db' is checked out of the pool here and held until the end of its scope
}

// Positive: direct-initialised and auto-typed sessions.
void sync_prices(Poco::Data::SessionPool &pool,
                 Poco::Net::HTTPClientSession &pricing) {
  Poco::Data::Session db(pool.get());
  Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, "/prices");
  pricing.sendRequest(req);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'Poco::Net::HTTPClientSession::sendRequest' is made while pooled session 'db' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-4]]:23: note: 'db' is checked out of the pool here and held until the end of its scope
}
void throttle(Poco::Data::SessionPool &pool) {
  auto db = pool.get();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'std::this_thread::sleep_for' is made while pooled session 'db' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: 'db' is checked out of the pool here and held until the end of its scope
}

// Negative: the session's scope closed before the HTTP call.
void sync_stock_scoped(Poco::Data::SessionPool &pool,
                       Poco::Net::HTTPClientSession &inventory) {
  {
    Poco::Data::Session db = pool.get();
  }
  Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, "/stock");
  inventory.sendRequest(req);
}

// Negative: a session opened directly, not from a pool.
void sync_local(Poco::Net::HTTPClientSession &inventory) {
  Poco::Data::Session db("SQLite", "cache.db");
  Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, "/stock");
  inventory.sendRequest(req);
}
