// connleak-missing-timeout: an RPC made with a local grpc::ClientContext that
// never got set_deadline waits forever if the server does not answer.  Any
// call returning grpc::Status (or a std::unique_ptr reader) with such a
// context is reported; the note points at the context.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cxxflags

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/async_unary_call.h>
#include <chrono>
#include <memory>

struct StockRequest {};
struct StockReply {};

// Stands in for a generated stub.
class InventoryStub {
public:
  grpc::Status Reserve(grpc::ClientContext *ctx, const StockRequest &req,
                       StockReply *reply);
  std::unique_ptr<grpc::ClientAsyncResponseReader<StockReply>>
  AsyncReserve(grpc::ClientContext *ctx, const StockRequest &req,
               grpc::CompletionQueue *cq);
};

void add_tracing(grpc::ClientContext *ctx);

// Positive: no deadline at all.
grpc::Status reserve(InventoryStub &stub) {
  grpc::ClientContext ctx;
  StockRequest req;
  StockReply reply;
  return stub.Reserve(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Reserve' runs with no timeout: 'ctx' has no deadline set before it [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-5]]:23: note: 'ctx' is declared here; call 'grpc::ClientContext::set_deadline' on it
}

// Positive: metadata is not a deadline.
grpc::Status reserve_with_metadata(InventoryStub &stub) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-request-id", "42");
  StockRequest req;
  StockReply reply;
  grpc::Status status = stub.Reserve(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Reserve' runs with no timeout: 'ctx' has no deadline set before it [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-6]]:23: note: 'ctx' is declared here; call 'grpc::ClientContext::set_deadline' on it
  return status;
}

// Positive: the deadline is set only after the call.
grpc::Status reserve_late_deadline(InventoryStub &stub) {
  grpc::ClientContext ctx;
  StockRequest req;
  StockReply reply;
  grpc::Status status = stub.Reserve(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Reserve' runs with no timeout: 'ctx' has no deadline set before it [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-5]]:23: note: 'ctx' is declared here; call 'grpc::ClientContext::set_deadline' on it
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  return status;
}

// Positive: an asynchronous call returning a std::unique_ptr reader.
void reserve_async(InventoryStub &stub, grpc::CompletionQueue *cq) {
  grpc::ClientContext ctx;
  StockRequest req;
  auto reader = stub.AsyncReserve(&ctx, req, cq);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'AsyncReserve' runs with no timeout: 'ctx' has no deadline set before it [connleak-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:23: note: 'ctx' is declared here; call 'grpc::ClientContext::set_deadline' on it
}

// Negative: the deadline is set before the call.
grpc::Status reserve_bounded(InventoryStub &stub) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() +
                   std::chrono::milliseconds(500));
  StockRequest req;
  StockReply reply;
  return stub.Reserve(&ctx, req, &reply);
}

// Negative: a context received from the caller.
grpc::Status reserve_with(InventoryStub &stub, grpc::ClientContext *ctx) {
  StockRequest req;
  StockReply reply;
  return stub.Reserve(ctx, req, &reply);
}

// Negative: the context is handed to a helper first, which may set it.
grpc::Status reserve_traced(InventoryStub &stub) {
  grpc::ClientContext ctx;
  add_tracing(&ctx);
  StockRequest req;
  StockReply reply;
  return stub.Reserve(&ctx, req, &reply);
}
