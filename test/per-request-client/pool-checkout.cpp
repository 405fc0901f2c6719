// connleak-per-request-client: taking a connection out of a pool inside a
// request handler is the intended pattern and must not be reported: soci
// sessions built from a connection_pool (also with new / make_unique), soci
// leases, Poco pool.get() and mongoc_client_pool_pop / try_pop.  A direct
// connection next to them is.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cxxflags %mongoc

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <httplib.h>
#include <mongoc/mongoc.h>
#include <soci/soci.h>
#include <memory>

soci::connection_pool *g_soci_pool;
Poco::Data::SessionPool *g_poco_pool;
mongoc_client_pool_t *g_mongo_pool;

// Negative: every connection comes out of a pool.
void get_order(const httplib::Request &req, httplib::Response &res) {
  soci::session sql(*g_soci_pool);
  std::size_t pos = g_soci_pool->lease();
  g_soci_pool->give_back(pos);

  Poco::Data::Session poco = g_poco_pool->get();

  mongoc_client_t *mongo = mongoc_client_pool_pop(g_mongo_pool);
  mongoc_client_pool_push(g_mongo_pool, mongo);
  mongoc_client_t *maybe = mongoc_client_pool_try_pop(g_mongo_pool);
  if (maybe)
    mongoc_client_pool_push(g_mongo_pool, maybe);
}

// Negative: a soci session checked out of the pool through new or
// make_unique is still a checkout.
void get_report(const httplib::Request &req, httplib::Response &res) {
  soci::session *sql = new soci::session(*g_soci_pool);
  delete sql;
  auto owned = std::make_unique<soci::session>(*g_soci_pool);
}

// Positive: a direct session through make_unique is not.
void put_report(const httplib::Request &req, httplib::Response &res) {
  auto direct = std::make_unique<soci::session>("postgresql", "dbname=orders connect_timeout=5");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'soci::session' builds a new session inside request handler 'put_report' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: share one instead: construct a soci::connection_pool once and check sessions out of it (soci::session sql(pool))
}

// Positive: the same handler shape, but with a direct session and client.
void put_order(const httplib::Request &req, httplib::Response &res) {
  soci::session sql(*g_soci_pool);
  soci::session direct("postgresql", "dbname=orders connect_timeout=5");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'soci::session' builds a new session inside request handler 'put_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: share one instead: construct a soci::connection_pool once and check sessions out of it (soci::session sql(pool))
  mongoc_client_t *mongo = mongoc_client_new(
      "mongodb://db/?connectTimeoutMS=500&socketTimeoutMS=500");
  // CHECK-MESSAGES: :[[@LINE-2]]:28: warning: 'mongoc_client_new' builds a new client inside request handler 'put_order' [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: share one instead: create one mongoc_client_pool_t at start-up and pop clients from it
  mongoc_client_destroy(mongo);
}
