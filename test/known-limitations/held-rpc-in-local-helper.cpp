// Known limitation: `arg-type` blocking entries (any call taking a
// grpc::ClientContext is an RPC) skip callees with a body in the translation
// unit, so that local helpers that only set a deadline are not RPCs. A local
// helper that does make the RPC is not seen either.
// XFAIL: *
// FIXME: held-during-blocking-call reports nothing in pay() today. The right
// output is the warning below on the call to charge(), which makes the RPC
// stub.Charge() while 'sql' is checked out (the direct stub call in
// pay_direct() is reported today). When this passes (XPASS), remove the
// XFAIL line and the item in docs/design.md#known-limitations.
// RUN: %check_connleak %s connleak-held-during-blocking-call %t -- -- %cxxflags

#include <grpcpp/grpcpp.h>
#include <soci/soci.h>

struct ChargeRequest {};
struct ChargeReply {};
class BillingStub {
public:
  grpc::Status Charge(grpc::ClientContext *ctx, const ChargeRequest &req, ChargeReply *reply);
};

static grpc::Status charge(BillingStub &stub, grpc::ClientContext *ctx) {
  ChargeRequest req;
  ChargeReply reply;
  return stub.Charge(ctx, req, &reply);
}

void pay(soci::connection_pool &pool, BillingStub &stub) {
  soci::session sql(pool);
  grpc::ClientContext ctx;
  charge(stub, &ctx);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'charge' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-4]]:17: note: 'sql' is checked out of the pool here and held until the end of its scope
}

void pay_direct(soci::connection_pool &pool, BillingStub &stub) {
  soci::session sql(pool);
  grpc::ClientContext ctx;
  ChargeRequest req;
  ChargeReply reply;
  stub.Charge(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call 'BillingStub::Charge' is made while pooled session 'sql' is checked out [connleak-held-during-blocking-call]
  // CHECK-MESSAGES: :[[@LINE-6]]:17: note: 'sql' is checked out of the pool here and held until the end of its scope
}
