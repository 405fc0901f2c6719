// connleak-per-request-client: lambdas registered with svr.Get/Post are
// request handlers through their httplib::Request parameter.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cxxflags

#include <httplib.h>
#include <pqxx/pqxx>
#include <memory>

int main() {
  httplib::Server svr;
  httplib::Client shared_billing("http://billing:8080");

  // Positive: client built inside the handler lambda.
  svr.Get("/stock", [](const httplib::Request &req, httplib::Response &res) {
    httplib::Client inventory("http://inventory:8080");
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'httplib::Client' builds a new HTTP client inside a request handler lambda [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:21: note: share one instead: keep one httplib::Client per upstream and reuse it (keep-alive)
    auto r = inventory.Get("/stock");
  });

  // Positive: unnamed request parameter, connection through make_unique.
  svr.Post("/orders", [](const httplib::Request &, httplib::Response &res) {
    auto db = std::make_unique<pqxx::connection>("host=db connect_timeout=5");
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'pqxx::connection' builds a new connection inside a request handler lambda [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:15: note: share one instead: open the connection once (a static or a member) and reuse it, or keep a pool of them
  });

  // Negative: the handler uses a client captured from main().
  svr.Post("/charge", [&](const httplib::Request &req, httplib::Response &res) {
    auto r = shared_billing.Post("/charge", req.body, "application/json");
  });

  // Negative: a lambda without a request parameter is not a handler.
  auto make_client = [](const std::string &host) {
    return std::make_unique<httplib::Client>(host);
  };
  auto audit = make_client("http://audit:8080");

  svr.listen("0.0.0.0", 8080);
}
