// connleak-per-request-client: clients built outside any request handler,
// loop or per-request class are not reported: start-up code, functions whose
// parameters only look like requests (a grpc::ClientContext, an
// httplib::Response, a user type called Request) and plain helpers.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cxxflags %pq

#include <Poco/Data/Session.h>
#include <Poco/Net/HTTPClientSession.h>
#include <grpcpp/grpcpp.h>
#include <httplib.h>
#include <libpq-fe.h>
#include <pqxx/pqxx>
#include <soci/soci.h>
#include <memory>

struct Request {
  const char *conninfo;
};

// A user type named Request is not a server request type.
PGconn *open_for(const Request &request) {
  return PQconnectdb(request.conninfo);
}

// A client-side gRPC context does not make a server handler.
std::shared_ptr<grpc::Channel> dial(grpc::ClientContext *ctx) {
  return grpc::CreateChannel("inventory:50051",
                             grpc::InsecureChannelCredentials());
}

// A response parameter alone does not make a handler.
void render(httplib::Response &res) {
  httplib::Client cli("http://templates:8080");
  auto r = cli.Get("/order.html");
}

class App {
public:
  // Built once in main(): its constructor is start-up code.
  App() : db_("host=db connect_timeout=5"), cli_("http://inventory:8080") {}

private:
  pqxx::connection db_;
  httplib::Client cli_;
};

int main() {
  App app;
  auto channel = grpc::CreateChannel("billing:50051",
                                     grpc::InsecureChannelCredentials());
  auto db = std::make_unique<pqxx::connection>("host=db connect_timeout=5");
  soci::session sql("postgresql", "dbname=app connect_timeout=5");
  Poco::Data::Session cache("SQLite", "cache.db");
  Poco::Net::HTTPClientSession pricing("pricing", 8080);
  httplib::Server svr;
  svr.listen("0.0.0.0", 8080);
}
