// connleak-per-request-client: a free function taking an httplib::Request is
// a request handler; every client or connection it constructs is built once
// per request instead of being shared.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cxxflags

#include <httplib.h>
#include <pqxx/pqxx>
#include <memory>
#include <string>

// Positive: an HTTP client and a database connection per request.
void get_order(const httplib::Request &req, httplib::Response &res) {
  httplib::Client inventory("http://inventory:8080");
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'httplib::Client' builds a new HTTP client inside request handler 'get_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:19: note: share one instead: keep one httplib::Client per upstream and reuse it (keep-alive)
  auto stock = inventory.Get("/stock/" + req.get_param_value("sku"));
  pqxx::connection db("host=db dbname=orders connect_timeout=5");
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'pqxx::connection' builds a new connection inside request handler 'get_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:20: note: share one instead: open the connection once (a static or a member) and reuse it, or keep a pool of them
  res.set_content("ok", "text/plain");
}

// Positive: heap-allocated clients through make_unique / make_shared.
void put_order(const httplib::Request &req, httplib::Response &res) {
  auto billing = std::make_unique<httplib::Client>("http://billing:8080");
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'httplib::Client' builds a new HTTP client inside request handler 'put_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: share one instead: keep one httplib::Client per upstream and reuse it (keep-alive)
  auto db = std::make_shared<pqxx::connection>("host=db connect_timeout=5");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'pqxx::connection' builds a new connection inside request handler 'put_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: share one instead: open the connection once (a static or a member) and reuse it, or keep a pool of them
}

// Positive: a raw new is reported once (not again for the constructor call
// inside it).
void delete_order(const httplib::Request &req, httplib::Response &res) {
  auto *cli = new httplib::Client("http://inventory:8080");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'httplib::Client' builds a new HTTP client inside request handler 'delete_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: share one instead: keep one httplib::Client per upstream and reuse it (keep-alive)
  pqxx::connection *db = new pqxx::connection("host=db connect_timeout=5");
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'pqxx::connection' builds a new connection inside request handler 'delete_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: share one instead: open the connection once (a static or a member) and reuse it, or keep a pool of them
  delete db;
  delete cli;
}

// Negative: the handler reuses clients created once, outside any handler.
static httplib::Client &shared_inventory() {
  static httplib::Client cli("http://inventory:8080");
  return cli;
}
void list_orders(const httplib::Request &req, httplib::Response &res) {
  auto stock = shared_inventory().Get("/stock");
}

// Negative: a function without a request parameter is not a handler.
std::unique_ptr<pqxx::connection> open_db(const std::string &conninfo) {
  return std::make_unique<pqxx::connection>(conninfo);
}

int main() {
  httplib::Server svr;
  svr.Get("/orders/:id", get_order);
  svr.Put("/orders/:id", put_order);
  svr.Get("/orders", list_orders);
  auto db = open_db("host=db connect_timeout=5");
  svr.listen("0.0.0.0", 8080);
}
