// connleak-per-request-client: gRPC service methods are request handlers
// because they take a grpc::ServerContext* (or a CallbackServerContext*); a
// channel created in one is a new channel (and TCP/TLS connection) per RPC.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cxxflags

#include <grpcpp/grpcpp.h>
#include <memory>

struct OrderRequest {};
struct OrderReply {};

class OrderService {
public:
  // Positive: synchronous handler, channel built inline.
  grpc::Status PlaceOrder(grpc::ServerContext *ctx, const OrderRequest *req,
                          OrderReply *reply) {
    auto inventory = grpc::CreateChannel("inventory:50051",
                                         grpc::InsecureChannelCredentials());
    // CHECK-MESSAGES: :[[@LINE-2]]:22: warning: 'grpc::CreateChannel' builds a new channel inside request handler 'PlaceOrder' [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-3]]:22: note: share one instead: create the channel once and share it: one channel multiplexes all RPCs
    return grpc::Status::OK;
  }

  // Positive: callback-API handler, CreateCustomChannel.
  grpc::Status CancelOrder(grpc::CallbackServerContext *ctx,
                           const OrderRequest *req) {
    grpc::ChannelArguments args;
    auto billing = grpc::CreateCustomChannel(
        "billing:50051", grpc::InsecureChannelCredentials(), args);
    // CHECK-MESSAGES: :[[@LINE-2]]:20: warning: 'grpc::CreateCustomChannel' builds a new channel inside request handler 'CancelOrder' [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-3]]:20: note: share one instead: create the channel once and share it: one channel multiplexes all RPCs
    return grpc::Status::OK;
  }

  // Positive: handler defined out of line.
  grpc::Status GetOrder(grpc::ServerContext *ctx, const OrderRequest *req,
                        OrderReply *reply);

  // Negative: the handler uses the channel shared by the service.
  grpc::Status ListOrders(grpc::ServerContext *ctx, const OrderRequest *req,
                          OrderReply *reply) {
    auto ch = inventory_;
    return grpc::Status::OK;
  }

  // Negative: not a handler (no ServerContext parameter), e.g. start-up.
  void Connect(const std::string &target) {
    inventory_ = grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  }

private:
  std::shared_ptr<grpc::Channel> inventory_;
};

grpc::Status OrderService::GetOrder(grpc::ServerContext *ctx,
                                    const OrderRequest *req, OrderReply *reply) {
  std::shared_ptr<grpc::Channel> ch =
      grpc::CreateChannel("inventory:50051", grpc::InsecureChannelCredentials());
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'grpc::CreateChannel' builds a new channel inside request handler 'GetOrder' [connleak-per-request-client]
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: share one instead: create the channel once and share it: one channel multiplexes all RPCs
  return grpc::Status::OK;
}

// Negative: channel created once at start-up.
int main() {
  OrderService svc;
  svc.Connect("inventory:50051");
}
