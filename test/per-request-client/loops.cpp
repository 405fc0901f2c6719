// connleak-per-request-client: C++ clients constructed in a loop body,
// including range-based for loops and constructions through make_unique.
// Only clients that live for one iteration are reported: a client handed to
// a container, or kept in a variable declared outside the loop, is not.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cxxflags

#include <httplib.h>
#include <pqxx/pqxx>
#include <soci/soci.h>
#include <memory>
#include <string>
#include <vector>

// Positive: range-for body.
void ping_all(const std::string &host, int n) {
  for (int i = 0; i < n; ++i) {
    httplib::Client cli(host);
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'httplib::Client' builds a new HTTP client inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:21: note: share one instead: keep one httplib::Client per upstream and reuse it (keep-alive)
    auto r = cli.Get("/health");
  }
}

// Positive: while body, connection through make_unique.
void retry_insert(int attempts) {
  while (attempts-- > 0) {
    auto db = std::make_unique<pqxx::connection>("host=db connect_timeout=5");
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'pqxx::connection' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:15: note: share one instead: open the connection once (a static or a member) and reuse it, or keep a pool of them
  }
}

// Positive: a soci session opened directly (not from a pool) in a loop.
void export_tables(const std::vector<std::string> &tables) {
  for (std::size_t i = 0; i < tables.size(); ++i) {
    soci::session sql("postgresql", "dbname=app connect_timeout=5");
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'soci::session' builds a new session inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:19: note: share one instead: construct a soci::connection_pool once and check sessions out of it (soci::session sql(pool))
    sql << "select count(*) from " + tables[i];
  }
}

// Negative: sessions checked out of a pool in a loop are not new clients.
void export_pooled(soci::connection_pool &pool,
                   const std::vector<std::string> &tables) {
  for (const std::string &t : tables) {
    soci::session sql(pool);
    sql << "select count(*) from " + t;
  }
}

// Negative: one client, reused by every iteration.
void ping_one(const std::string &host, int n) {
  httplib::Client cli(host);
  for (int i = 0; i < n; ++i)
    auto r = cli.Get("/health");
}

// Negative: a static local in a loop is constructed once.
void ping_static(int n) {
  for (int i = 0; i < n; ++i) {
    static httplib::Client cli("http://health:8080");
    auto r = cli.Get("/health");
  }
}

// Negative: one client per host of the list, another upstream each time
// (the range variable is an argument; per-target-loops.c).
void ping_hosts(const std::vector<std::string> &hosts) {
  for (const std::string &host : hosts) {
    httplib::Client cli(host);
    auto r = cli.Get("/health");
  }
}

// Positive: a temporary client.
void ping_temporaries(const std::string &h, const std::vector<std::string> &paths) {
  for (const std::string &p : paths)
    auto r = httplib::Client(h).Get(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'httplib::Client' builds a new HTTP client inside a loop [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: share one instead: keep one httplib::Client per upstream and reuse it (keep-alive)
}

// Negative: filling a pool of connections or clients.
std::vector<std::unique_ptr<pqxx::connection>> fill_pool(int n) {
  std::vector<std::unique_ptr<pqxx::connection>> pool;
  for (int i = 0; i < n; ++i)
    pool.push_back(std::make_unique<pqxx::connection>("host=db connect_timeout=5"));
  return pool;
}
std::vector<httplib::Client> make_clients(const std::vector<std::string> &hosts) {
  std::vector<httplib::Client> out;
  for (const std::string &h : hosts)
    out.emplace_back(h);
  return out;
}

// Negative: kept in a variable declared outside the loop.
void keep_latest(int n) {
  std::unique_ptr<httplib::Client> cli;
  for (int i = 0; i < n; ++i)
    cli = std::make_unique<httplib::Client>("http://health:8080");
}
