// connleak-per-request-client: a client built in the constructor (member
// initializer, constructor body or default member initializer) of a class
// that a request handler constructs is built once per request (or, for a
// class built only in loops, once per iteration).  The diagnostic is on the
// construction inside the class.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cxxflags

#include <httplib.h>
#include <pqxx/pqxx>
#include <soci/soci.h>
#include <memory>

// Positive: member initializer; the class is a local in the handler.
class OrderRepository {
public:
  OrderRepository() : db_("host=db dbname=orders connect_timeout=5") {}
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'pqxx::connection' builds a new connection inside the constructor of 'OrderRepository', which is built per request [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:23: note: share one instead: open the connection once (a static or a member) and reuse it, or keep a pool of them

private:
  pqxx::connection db_;
};

// Positive: constructor body; the class is built with make_unique.
class InventoryGateway {
public:
  InventoryGateway() {
    cli_ = std::make_unique<httplib::Client>("http://inventory:8080");
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'httplib::Client' builds a new HTTP client inside the constructor of 'InventoryGateway', which is built per request [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: share one instead: keep one httplib::Client per upstream and reuse it (keep-alive)
  }

private:
  std::unique_ptr<httplib::Client> cli_;
};

// Positive: default member initializer; the class is built with new.
class BillingGateway {
  httplib::Client cli_{"http://billing:8080"};
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'httplib::Client' builds a new HTTP client inside the constructor of 'BillingGateway', which is built per request [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:23: note: share one instead: keep one httplib::Client per upstream and reuse it (keep-alive)
};

// Negative: the client is injected, not built.
class AuditGateway {
public:
  explicit AuditGateway(httplib::Client &cli) : cli_(cli) {}

private:
  httplib::Client &cli_;
};

// Negative: the session comes out of a pool.
class ReportRepository {
public:
  explicit ReportRepository(soci::connection_pool &pool) : sql_(pool) {}

private:
  soci::session sql_;
};

// Negative: built once, at start-up only.
class Metrics {
public:
  Metrics() : cli_("http://metrics:8080") {}

private:
  httplib::Client cli_;
};

// Positive: a class built only inside a loop (not by a handler) is worded as
// such.
class Worker {
public:
  Worker() : cli_("http://inventory:8080") {}
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'httplib::Client' builds a new HTTP client inside the constructor of 'Worker', which is built inside a loop [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: share one instead: keep one httplib::Client per upstream and reuse it (keep-alive)

private:
  httplib::Client cli_;
};

// Positive: a class built both in a loop and by a handler is built per
// request.
class Courier {
public:
  Courier() : cli_("http://shipping:8080") {}
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'httplib::Client' builds a new HTTP client inside the constructor of 'Courier', which is built per request [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: share one instead: keep one httplib::Client per upstream and reuse it (keep-alive)

private:
  httplib::Client cli_;
};

void batch(int n) {
  for (int i = 0; i < n; ++i) {
    Worker w;
    Courier c;
  }
}

void ship(const httplib::Request &req, httplib::Response &res) {
  Courier c;
}

httplib::Client *g_audit;
soci::connection_pool *g_pool;

void place_order(const httplib::Request &req, httplib::Response &res) {
  OrderRepository repo;
  auto inventory = std::make_unique<InventoryGateway>();
  BillingGateway *billing = new BillingGateway();
  delete billing;
  AuditGateway audit(*g_audit);
  ReportRepository reports(*g_pool);
}

int main() {
  Metrics metrics;
  httplib::Server svr;
  svr.Post("/orders", place_order);
}
