// connleak-per-request-client: Poco::Net::HTTPRequestHandler::handleRequest
// takes an HTTPServerRequest, so it is a request handler.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cxxflags

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

class OrderHandler : public Poco::Net::HTTPRequestHandler {
public:
  OrderHandler(Poco::Data::SessionPool &pool,
               Poco::Net::HTTPClientSession &inventory)
      : pool_(pool), inventory_(inventory) {}

  // Positive: HTTP(S) sessions and a database session per request.
  void handleRequest(Poco::Net::HTTPServerRequest &request,
                     Poco::Net::HTTPServerResponse &response) override {
    Poco::Net::HTTPClientSession stock("inventory", 8080);
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'Poco::Net::HTTPClientSession' builds a new HTTP client session inside request handler 'handleRequest' [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:34: note: share one instead: keep one session per upstream and reuse it (keep-alive)
    Poco::Net::HTTPSClientSession payments("payments", 443);
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'Poco::Net::HTTPSClientSession' builds a new HTTPS client session inside request handler 'handleRequest' [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:35: note: share one instead: keep one session per upstream and reuse it (keep-alive)
    Poco::Data::Session db("SQLite", "orders.db");
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Poco::Data::Session' builds a new session inside request handler 'handleRequest' [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:25: note: share one instead: create a Poco::Data::SessionPool once and take sessions from it
    response.send();
  }

private:
  Poco::Data::SessionPool &pool_;
  Poco::Net::HTTPClientSession &inventory_;
};

class StatusHandler : public Poco::Net::HTTPRequestHandler {
public:
  StatusHandler(Poco::Data::SessionPool &pool,
                Poco::Net::HTTPClientSession &inventory)
      : pool_(pool), inventory_(inventory) {}

  // Negative: a session taken from the pool and a shared HTTP session.
  void handleRequest(Poco::Net::HTTPServerRequest &request,
                     Poco::Net::HTTPServerResponse &response) override {
    Poco::Data::Session db = pool_.get();
    Poco::Net::HTTPRequest out(Poco::Net::HTTPRequest::HTTP_GET, "/health");
    inventory_.sendRequest(out);
    response.send();
  }

private:
  Poco::Data::SessionPool &pool_;
  Poco::Net::HTTPClientSession &inventory_;
};

// Negative: the pool and the shared session are built at start-up.
int main() {
  Poco::Data::SessionPool pool("SQLite", "orders.db");
  Poco::Net::HTTPClientSession inventory("inventory", 8080);
  StatusHandler status(pool, inventory);
}
