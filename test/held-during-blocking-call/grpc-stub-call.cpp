// connleak-held-during-blocking-call: any call that takes a
// grpc::ClientContext is an RPC and blocks; making one while a pooled
// connection is checked out (mongoc pop, soci session) holds it for the
// whole round trip.  Local helpers with a body (that only configure the
// context) are not RPCs.
// RUN: %check_connleak %s connleak-held-during-blocking-call %t -- -- %cxxflags %mongoc

#include <grpcpp/grpcpp.h>
#include <mongoc/mongoc.h>
#include <soci/soci.h>
#include <chrono>

struct ChargeRequest {};
struct ChargeReply {};

// Stands in for a generated stub.
class BillingStub {
public:
  grpc::Status Charge(grpc::ClientContext *ctx, const ChargeRequest &req,
                      ChargeReply *reply);
};

static std::chrono::system_clock::time_point in_one_second() {
  return std::chrono::system_clock::now() + std::chrono::seconds(1);
}

// Positive: RPC while a mongoc client is popped.
void charge_and_record(mongoc_client_pool_t *pool, BillingStub &billing) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  grpc::ClientContext ctx;
  ctx.set_deadline(in_one_second());
  ChargeRequest req;
  ChargeReply reply;
  grpc::Status status = billing.Charge(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: blocking call 'BillingStub::Charge' is made while a pooled connection is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-7]]:29: note: pool checkout returned by 'mongoc_client_pool_pop' is held until 'mongoc_client_pool_push'; release it before the blocking call or check it out after
  mongoc_client_pool_push(pool, client);
}

// Positive: RPC while a soci session from the pool is alive.
void charge_in_transaction(soci::connection_pool &pool, BillingStub &billing) {
  soci::session sql(pool);
  grpc::ClientContext ctx;
  ctx.set_deadline(in_one_second());
  ChargeRequest req;
  ChargeReply reply;
  billing.Charge(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'BillingStub::Charge' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-7]]:17: note: 'sql' is checked out of the pool here and held until the end of its scope
}

// Negative: the RPC is made after the client went back to the pool.
void record_then_charge(mongoc_client_pool_t *pool, BillingStub &billing) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  mongoc_client_pool_push(pool, client);
  grpc::ClientContext ctx;
  ctx.set_deadline(in_one_second());
  ChargeRequest req;
  ChargeReply reply;
  billing.Charge(&ctx, req, &reply);
}

// Negative: local helpers that only configure the context.
static void add_deadline(grpc::ClientContext &ctx) {
  ctx.set_deadline(in_one_second());
}
static void add_metadata(grpc::ClientContext *ctx) {
  ctx->AddMetadata("x-request-id", "42");
}
void charge_configured(soci::connection_pool &pool, BillingStub &billing) {
  soci::session sql(pool);
  grpc::ClientContext ctx;
  add_deadline(ctx);
  add_metadata(&ctx);
}

// Positive: a function without a body taking the context is still an RPC.
grpc::Status charge_remote(grpc::ClientContext *ctx, int cents);
void charge_through_wrapper(soci::connection_pool &pool) {
  soci::session sql(pool);
  grpc::ClientContext ctx;
  add_deadline(ctx);
  charge_remote(&ctx, 1999);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'charge_remote' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-5]]:17: note: 'sql' is checked out of the pool here and held until the end of its scope
}
