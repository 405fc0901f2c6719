// connleak-per-request-client: a static local is constructed once, the first
// time the handler runs, and then shared by every request; it must not be
// reported, whether in a handler, a handler lambda or a loop.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cxxflags %pq

#include <httplib.h>
#include <libpq-fe.h>
#include <pqxx/pqxx>
#include <memory>

void get_order(const httplib::Request &req, httplib::Response &res) {
  static httplib::Client inventory("http://inventory:8080");
  static pqxx::connection db("host=db connect_timeout=5");
  static PGconn *pg = PQconnectdb("host=db connect_timeout=5");
  auto r = inventory.Get("/stock");
}

void routes(httplib::Server &svr) {
  svr.Get("/stock", [](const httplib::Request &req, httplib::Response &res) {
    static auto billing =
        std::make_unique<httplib::Client>("http://billing:8080");
    auto r = billing->Get("/balance");
  });
}

void poll(int n) {
  for (int i = 0; i < n; ++i) {
    static pqxx::connection db("host=db connect_timeout=5");
  }
}
