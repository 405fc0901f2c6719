// per-request-client's loop rule (report only clients that live for one
// iteration of a loop that goes on) applies to classes whose constructor
// connects as it does to clients built directly: ShardRepo objects kept in
// a vector (open_shards), and the repositories of a configuration loop kept
// in a member map (Module::read_config, as InspIRCd's m_sqlite3 builds one
// connection per configured database: bench/realworld/VERDICTS.md, P20),
// are not reported; TempRepo, built and dropped in each iteration of
// per_item(), is.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <map>
#include <string>
#include <utility>
#include <vector>

class ShardRepo {
public:
  explicit ShardRepo(const char *ci) : conn_(PQconnectdb(ci)) {}
  PGconn *conn_;
};

std::vector<ShardRepo> open_shards(const char *const *cis, int n) {
  std::vector<ShardRepo> repos;
  for (int i = 0; i < n; i++)
    repos.push_back(ShardRepo(cis[i]));
  return repos;
}

std::vector<PGconn *> open_conns(const char *const *cis, int n) {
  std::vector<PGconn *> conns;
  for (int i = 0; i < n; i++)
    conns.push_back(PQconnectdb(cis[i]));
  return conns;
}

class TempRepo {
public:
  explicit TempRepo(const char *ci) : conn_(PQconnectdb(ci)) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: 'PQconnectdb' builds a new connection inside the constructor of 'TempRepo', which is built inside a loop [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:45: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
  PGconn *conn_;
};

int per_item(const char *ci, int n) {
  int ok = 0;
  for (int i = 0; i < n; i++) {
    TempRepo repo(ci);
    ok += PQstatus(repo.conn_) == CONNECTION_OK;
  }
  return ok;
}

class DbRepo {
public:
  explicit DbRepo(const std::string &ci) : conn_(PQconnectdb(ci.c_str())) {}
  PGconn *conn_;
};

struct Module {
  std::map<std::string, DbRepo *> repos;
  // Start-up and reload: one repository per configured database, kept.
  void read_config(const std::vector<std::string> &cis) {
    for (const std::string &ci : cis)
      repos.emplace(ci, new DbRepo(ci));
  }
  void read_config_pairs(const std::vector<std::string> &cis) {
    for (const std::string &ci : cis) {
      DbRepo *r = new DbRepo(ci);
      repos.insert(std::make_pair(ci, r));
    }
  }
};
