// Benchmark translation unit: a gRPC "account service" backed by PostgreSQL
// (libpq) with a Redis (hiredis) cache in front of it.
//
// Heavy headers: <grpcpp/grpcpp.h> (pulls in most of gRPC, absl, protobuf
// support); handle-heavy code: PGconn / PGresult / redisContext / redisReply.
// Some functions leak on error paths on purpose (marked "leak:").

#include <grpcpp/grpcpp.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <hiredis/hiredis.h>
#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace accounts {

struct Config {
  std::string pg_dsn = "host=localhost dbname=accounts user=svc";
  std::string pg_replica_dsn = "host=replica dbname=accounts user=svc";
  std::string redis_host = "127.0.0.1";
  int redis_port = 6379;
  int cache_ttl_seconds = 300;
  int max_retries = 3;
};

struct Account {
  long id = 0;
  std::string email;
  std::string display_name;
  long balance_cents = 0;
  bool active = false;
};

static Config g_config;
static std::mutex g_stats_mu;
static std::map<std::string, long> g_stats;

static void Bump(const std::string &key) {
  std::lock_guard<std::mutex> lock(g_stats_mu);
  ++g_stats[key];
}

static std::string BufferToString(const grpc::ByteBuffer &buf) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buf.Dump(&slices).ok())
    return out;
  for (const grpc::Slice &s : slices)
    out.append(reinterpret_cast<const char *>(s.begin()), s.size());
  return out;
}

static grpc::ByteBuffer StringToBuffer(const std::string &s) {
  grpc::Slice slice(s);
  return grpc::ByteBuffer(&slice, 1);
}

static std::optional<long> ParseId(const std::string &s) {
  if (s.empty())
    return std::nullopt;
  char *end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (end == nullptr || *end != '\0' || v <= 0)
    return std::nullopt;
  return v;
}

// ---------------------------------------------------------------------------
// PostgreSQL helpers
// ---------------------------------------------------------------------------

static PGconn *OpenPrimary() {
  PGconn *conn = PQconnectdb(g_config.pg_dsn.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::fprintf(stderr, "primary: %s\n", PQerrorMessage(conn));
    PQfinish(conn);
    return nullptr;
  }
  return conn;
}

static PGconn *OpenReplica() {
  PGconn *conn = PQconnectdb(g_config.pg_replica_dsn.c_str());
  if (conn == nullptr)
    return nullptr;
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return OpenPrimary();
  }
  return conn;
}

static bool ExecCommand(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  if (!ok)
    std::fprintf(stderr, "%s failed: %s\n", sql, PQerrorMessage(conn));
  PQclear(res);
  return ok;
}

static bool Ping() {
  PGconn *conn = OpenPrimary();
  if (!conn)
    return false;
  PGresult *res = PQexec(conn, "SELECT 1");
  bool ok = res && PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
  PQclear(res);
  PQfinish(conn);
  return ok;
}

static std::optional<Account> LoadAccount(PGconn *conn, long id) {
  std::string id_text = std::to_string(id);
  const char *params[1] = {id_text.c_str()};
  PGresult *res = PQexecParams(conn,
                               "SELECT id, email, display_name, balance_cents, active "
                               "FROM accounts WHERE id = $1",
                               1, nullptr, params, nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    PQclear(res);
    return std::nullopt;
  }
  if (PQntuples(res) == 0) {
    PQclear(res);
    return std::nullopt;
  }
  Account a;
  a.id = std::atol(PQgetvalue(res, 0, 0));
  a.email = PQgetvalue(res, 0, 1);
  a.display_name = PQgetvalue(res, 0, 2);
  a.balance_cents = std::atol(PQgetvalue(res, 0, 3));
  a.active = PQgetvalue(res, 0, 4)[0] == 't';
  PQclear(res);
  return a;
}

std::vector<Account> LoadAccountsByEmailDomain(PGconn *conn, const std::string &domain) {
  std::vector<Account> out;
  std::string pattern = "%@" + domain;
  const char *params[1] = {pattern.c_str()};
  PGresult *res = PQexecParams(conn,
                               "SELECT id, email, display_name, balance_cents, active "
                               "FROM accounts WHERE email LIKE $1 ORDER BY id",
                               1, nullptr, params, nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return out; // leak: res is not cleared on the error path
  int n = PQntuples(res);
  out.reserve(n);
  for (int i = 0; i < n; ++i) {
    Account a;
    a.id = std::atol(PQgetvalue(res, i, 0));
    a.email = PQgetvalue(res, i, 1);
    a.display_name = PQgetvalue(res, i, 2);
    a.balance_cents = std::atol(PQgetvalue(res, i, 3));
    a.active = PQgetvalue(res, i, 4)[0] == 't';
    out.push_back(std::move(a));
  }
  PQclear(res);
  return out;
}

static bool PrepareStatements(PGconn *conn) {
  static const char *const kStatements[][2] = {
      {"get_account", "SELECT email, balance_cents FROM accounts WHERE id = $1"},
      {"debit", "UPDATE accounts SET balance_cents = balance_cents - $2 WHERE id = $1"},
      {"credit", "UPDATE accounts SET balance_cents = balance_cents + $2 WHERE id = $1"},
      {"audit", "INSERT INTO audit_log(account_id, action, amount) VALUES ($1, $2, $3)"},
  };
  for (const auto &stmt : kStatements) {
    PGresult *res = PQprepare(conn, stmt[0], stmt[1], 0, nullptr);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
      std::fprintf(stderr, "prepare %s: %s\n", stmt[0], PQresultErrorMessage(res));
      PQclear(res);
      return false;
    }
    PQclear(res);
  }
  return true;
}

static long CountActive() {
  PGconn *conn = OpenReplica();
  if (!conn)
    return -1;
  PGresult *res = PQexec(conn, "SELECT count(*) FROM accounts WHERE active");
  long count = -1;
  if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0)
    count = std::atol(PQgetvalue(res, 0, 0));
  PQclear(res);
  PQfinish(conn);
  return count;
}

bool Transfer(long from, long to, long amount) {
  PGconn *conn = OpenPrimary();
  if (!conn)
    return false;
  if (!PrepareStatements(conn)) {
    PQfinish(conn);
    return false;
  }
  if (!ExecCommand(conn, "BEGIN")) {
    PQfinish(conn);
    return false;
  }
  std::string from_s = std::to_string(from), to_s = std::to_string(to),
              amount_s = std::to_string(amount);
  const char *debit_params[2] = {from_s.c_str(), amount_s.c_str()};
  PGresult *res = PQexecPrepared(conn, "debit", 2, debit_params, nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_COMMAND_OK || std::strcmp(PQcmdTuples(res), "1") != 0) {
    PQclear(res);
    ExecCommand(conn, "ROLLBACK");
    PQfinish(conn);
    return false;
  }
  PQclear(res);
  const char *credit_params[2] = {to_s.c_str(), amount_s.c_str()};
  res = PQexecPrepared(conn, "credit", 2, credit_params, nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    PQclear(res);
    ExecCommand(conn, "ROLLBACK");
    PQfinish(conn);
    return false;
  }
  PQclear(res);
  bool ok = ExecCommand(conn, "COMMIT");
  PQfinish(conn);
  return ok;
}

static bool TransferWithAudit(long from, long to, long amount, const std::string &actor) {
  PGconn *conn = OpenPrimary();
  if (!conn)
    return false;
  PGresult *res = nullptr;
  std::string from_s = std::to_string(from), to_s = std::to_string(to),
              amount_s = std::to_string(amount);
  const char *params[3];
  bool ok = false;

  if (!PrepareStatements(conn))
    goto out;
  if (!ExecCommand(conn, "BEGIN"))
    goto out;
  params[0] = from_s.c_str();
  params[1] = amount_s.c_str();
  res = PQexecPrepared(conn, "debit", 2, params, nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_COMMAND_OK)
    goto rollback;
  PQclear(res);
  params[0] = to_s.c_str();
  res = PQexecPrepared(conn, "credit", 2, params, nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_COMMAND_OK)
    goto rollback;
  PQclear(res);
  params[0] = from_s.c_str();
  params[1] = actor.c_str();
  params[2] = amount_s.c_str();
  res = PQexecPrepared(conn, "audit", 3, params, nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_COMMAND_OK)
    goto rollback;
  PQclear(res);
  res = nullptr;
  ok = ExecCommand(conn, "COMMIT");
  goto out;

rollback:
  PQclear(res);
  ExecCommand(conn, "ROLLBACK");
out:
  PQfinish(conn);
  return ok;
}

static std::string EscapeForLog(PGconn *conn, const std::string &value) {
  char *escaped = PQescapeLiteral(conn, value.c_str(), value.size());
  if (!escaped)
    return "<unescapable>";
  std::string out(escaped);
  PQfreemem(escaped);
  return out;
}

static bool RenameAccount(long id, const std::string &new_name) {
  PGconn *conn = OpenPrimary();
  if (!conn)
    return false;
  char *lit = PQescapeLiteral(conn, new_name.c_str(), new_name.size());
  if (!lit) {
    PQfinish(conn);
    return false;
  }
  std::string sql = "UPDATE accounts SET display_name = " + std::string(lit) +
                    " WHERE id = " + std::to_string(id);
  PQfreemem(lit);
  PGresult *res = PQexec(conn, sql.c_str());
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    std::fprintf(stderr, "rename failed: %s\n", PQresultErrorMessage(res));
    PQclear(res);
    return false; // leak: conn is not finished
  }
  PQclear(res);
  PQfinish(conn);
  return true;
}

int StreamLargeReport(FILE *out) {
  PGconn *conn = OpenReplica();
  if (!conn)
    return -1;
  if (!PQsendQuery(conn, "SELECT id, email, balance_cents FROM accounts ORDER BY id")) {
    PQfinish(conn);
    return -1;
  }
  if (!PQsetSingleRowMode(conn)) {
    PQfinish(conn);
    return -1;
  }
  int rows = 0;
  PGresult *res;
  while ((res = PQgetResult(conn)) != nullptr) {
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_SINGLE_TUPLE) {
      std::fprintf(out, "%s,%s,%s\n", PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1),
                   PQgetvalue(res, 0, 2));
      ++rows;
    } else if (st != PGRES_TUPLES_OK) {
      std::fprintf(stderr, "report: %s\n", PQresultErrorMessage(res));
      PQclear(res);
      break;
    }
    PQclear(res);
  }
  PQfinish(conn);
  return rows;
}

static PGconn *ConnectNonBlocking(const std::string &dsn, int max_polls) {
  PGconn *conn = PQconnectStart(dsn.c_str());
  if (!conn)
    return nullptr;
  if (PQstatus(conn) == CONNECTION_BAD) {
    PQfinish(conn);
    return nullptr;
  }
  for (int i = 0; i < max_polls; ++i) {
    PostgresPollingStatusType st = PQconnectPoll(conn);
    if (st == PGRES_POLLING_OK)
      return conn;
    if (st == PGRES_POLLING_FAILED)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  PQfinish(conn);
  return nullptr;
}

static bool WarmReplica(int attempts) {
  for (int i = 0; i < attempts; ++i) {
    PGconn *conn = ConnectNonBlocking(g_config.pg_replica_dsn, 50);
    if (!conn)
      continue;
    PGresult *res = PQexec(conn, "SELECT pg_prewarm('accounts')");
    bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
    PQclear(res);
    PQfinish(conn);
    if (ok)
      return true;
  }
  return false;
}

static std::vector<std::string> ListTables() {
  std::vector<std::string> out;
  PGconn *conn = OpenReplica();
  if (!conn)
    return out;
  PGresult *res = PQexec(conn, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  if (PQresultStatus(res) == PGRES_TUPLES_OK) {
    for (int i = 0; i < PQntuples(res); ++i)
      out.emplace_back(PQgetvalue(res, i, 0));
  }
  PQclear(res);
  PQfinish(conn);
  return out;
}

static bool VacuumAll() {
  std::vector<std::string> tables = ListTables();
  PGconn *conn = OpenPrimary();
  if (!conn)
    return false;
  for (const std::string &t : tables) {
    std::string sql = "VACUUM ANALYZE " + t;
    PGresult *res = PQexec(conn, sql.c_str());
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
      std::fprintf(stderr, "vacuum %s: %s", t.c_str(), PQresultErrorMessage(res));
      PQclear(res);
      continue;
    }
    PQclear(res);
  }
  PQfinish(conn);
  return true;
}

bool CopyIn(const std::vector<Account> &rows) {
  PGconn *conn = OpenPrimary();
  if (!conn)
    return false;
  PGresult *res = PQexec(conn, "COPY accounts_staging FROM STDIN");
  if (PQresultStatus(res) != PGRES_COPY_IN) {
    PQclear(res);
    PQfinish(conn);
    return false;
  }
  PQclear(res);
  for (const Account &a : rows) {
    std::string line = std::to_string(a.id) + "\t" + a.email + "\t" + a.display_name + "\t" +
                       std::to_string(a.balance_cents) + "\t" + (a.active ? "t" : "f") + "\n";
    if (PQputCopyData(conn, line.data(), static_cast<int>(line.size())) != 1) {
      PQputCopyEnd(conn, "client error");
      PQfinish(conn);
      return false;
    }
  }
  if (PQputCopyEnd(conn, nullptr) != 1) {
    PQfinish(conn);
    return false;
  }
  res = PQgetResult(conn);
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  PQfinish(conn);
  return ok;
}

// ---------------------------------------------------------------------------
// Redis cache helpers
// ---------------------------------------------------------------------------

static redisContext *OpenCache() {
  struct timeval tv = {0, 200000};
  redisContext *ctx = redisConnectWithTimeout(g_config.redis_host.c_str(), g_config.redis_port, tv);
  if (ctx == nullptr)
    return nullptr;
  if (ctx->err) {
    std::fprintf(stderr, "redis: %s\n", ctx->errstr);
    redisFree(ctx);
    return nullptr;
  }
  return ctx;
}

static std::optional<std::string> CacheGet(const std::string &key) {
  redisContext *ctx = OpenCache();
  if (!ctx)
    return std::nullopt;
  redisReply *reply = static_cast<redisReply *>(redisCommand(ctx, "GET %s", key.c_str()));
  if (!reply) {
    redisFree(ctx);
    return std::nullopt;
  }
  std::optional<std::string> out;
  if (reply->type == REDIS_REPLY_STRING)
    out = std::string(reply->str, reply->len);
  freeReplyObject(reply);
  redisFree(ctx);
  return out;
}

static bool CacheSet(const std::string &key, const std::string &value, int ttl) {
  redisContext *ctx = OpenCache();
  if (!ctx)
    return false;
  redisReply *reply = static_cast<redisReply *>(
      redisCommand(ctx, "SET %s %b EX %d", key.c_str(), value.data(), value.size(), ttl));
  if (!reply) {
    redisFree(ctx);
    return false;
  }
  bool ok = reply->type == REDIS_REPLY_STATUS;
  freeReplyObject(reply);
  redisFree(ctx);
  return ok;
}

static bool CacheInvalidate(long id) {
  redisContext *ctx = OpenCache();
  if (!ctx)
    return false;
  std::string key = "account:" + std::to_string(id);
  redisReply *reply = static_cast<redisReply *>(redisCommand(ctx, "DEL %s", key.c_str()));
  if (reply == nullptr)
    return false; // leak: ctx is not freed when the command fails
  freeReplyObject(reply);
  redisFree(ctx);
  return true;
}

static int CacheInvalidateMany(const std::vector<long> &ids) {
  redisContext *ctx = OpenCache();
  if (!ctx)
    return -1;
  for (long id : ids) {
    std::string key = "account:" + std::to_string(id);
    redisAppendCommand(ctx, "DEL %s", key.c_str());
  }
  int deleted = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    void *raw = nullptr;
    if (redisGetReply(ctx, &raw) != REDIS_OK) {
      redisFree(ctx);
      return -1;
    }
    redisReply *reply = static_cast<redisReply *>(raw);
    if (reply->type == REDIS_REPLY_INTEGER)
      deleted += static_cast<int>(reply->integer);
    freeReplyObject(reply);
  }
  redisFree(ctx);
  return deleted;
}

static long NextRequestId() {
  redisContext *ctx = OpenCache();
  if (!ctx)
    return -1;
  redisReply *reply = static_cast<redisReply *>(redisCommand(ctx, "INCR request_id"));
  long id = -1;
  if (reply && reply->type == REDIS_REPLY_INTEGER)
    id = reply->integer;
  if (reply)
    freeReplyObject(reply);
  redisFree(ctx);
  return id;
}

static bool RateLimit(const std::string &client, int limit) {
  redisContext *ctx = OpenCache();
  if (!ctx)
    return true; // fail open
  std::string key = "rl:" + client;
  redisReply *reply = static_cast<redisReply *>(redisCommand(ctx, "INCR %s", key.c_str()));
  if (!reply) {
    redisFree(ctx);
    return true;
  }
  long count = reply->type == REDIS_REPLY_INTEGER ? reply->integer : 0;
  freeReplyObject(reply);
  if (count == 1) {
    reply = static_cast<redisReply *>(redisCommand(ctx, "EXPIRE %s 60", key.c_str()));
    if (reply)
      freeReplyObject(reply);
  }
  if (count > limit) {
    Bump("rate_limited");
    redisFree(ctx);
    return false;
  }
  redisFree(ctx);
  return true;
}

static std::vector<std::string> RecentEvents(long id, int max) {
  std::vector<std::string> out;
  redisContext *ctx = OpenCache();
  if (!ctx)
    return out;
  redisReply *reply = static_cast<redisReply *>(
      redisCommand(ctx, "LRANGE events:%ld 0 %d", id, max - 1));
  if (reply && reply->type == REDIS_REPLY_ARRAY) {
    for (size_t i = 0; i < reply->elements; ++i) {
      redisReply *el = reply->element[i];
      if (el->type == REDIS_REPLY_STRING)
        out.emplace_back(el->str, el->len);
    }
  }
  freeReplyObject(reply);
  redisFree(ctx);
  return out;
}

static bool PublishEvent(long id, const std::string &event) {
  redisContext *ctx = OpenCache();
  if (!ctx)
    return false;
  redisReply *r1 = static_cast<redisReply *>(
      redisCommand(ctx, "LPUSH events:%ld %s", id, event.c_str()));
  redisReply *r2 = static_cast<redisReply *>(redisCommand(ctx, "LTRIM events:%ld 0 99", id));
  bool ok = r1 && r2;
  if (r1)
    freeReplyObject(r1);
  if (r2)
    freeReplyObject(r2);
  redisFree(ctx);
  return ok;
}

static std::string SerializeAccount(const Account &a) {
  std::ostringstream os;
  os << a.id << '|' << a.email << '|' << a.display_name << '|' << a.balance_cents << '|'
     << (a.active ? 1 : 0);
  return os.str();
}

static std::optional<Account> DeserializeAccount(const std::string &s) {
  Account a;
  std::istringstream is(s);
  std::string field;
  int idx = 0;
  while (std::getline(is, field, '|')) {
    switch (idx++) {
    case 0: a.id = std::atol(field.c_str()); break;
    case 1: a.email = field; break;
    case 2: a.display_name = field; break;
    case 3: a.balance_cents = std::atol(field.c_str()); break;
    case 4: a.active = field == "1"; break;
    default: return std::nullopt;
    }
  }
  if (idx != 5)
    return std::nullopt;
  return a;
}

static std::optional<Account> GetAccountCached(long id) {
  std::string key = "account:" + std::to_string(id);
  if (auto cached = CacheGet(key)) {
    Bump("cache_hit");
    return DeserializeAccount(*cached);
  }
  Bump("cache_miss");
  PGconn *conn = OpenReplica();
  if (!conn)
    return std::nullopt;
  std::optional<Account> a = LoadAccount(conn, id);
  PQfinish(conn);
  if (a)
    CacheSet(key, SerializeAccount(*a), g_config.cache_ttl_seconds);
  return a;
}

static bool RefreshHotAccounts(int limit) {
  PGconn *conn = OpenReplica();
  if (!conn)
    return false;
  std::string sql = "SELECT id FROM accounts ORDER BY last_seen DESC LIMIT " + std::to_string(limit);
  PGresult *res = PQexec(conn, sql.c_str());
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    PQclear(res);
    PQfinish(conn);
    return false;
  }
  redisContext *ctx = OpenCache();
  if (!ctx) {
    PQclear(res);
    PQfinish(conn);
    return false;
  }
  for (int i = 0; i < PQntuples(res); ++i) {
    long id = std::atol(PQgetvalue(res, i, 0));
    std::optional<Account> a = LoadAccount(conn, id);
    if (!a)
      continue;
    std::string payload = SerializeAccount(*a);
    redisReply *reply = static_cast<redisReply *>(
        redisCommand(ctx, "SET account:%ld %s EX %d", id, payload.c_str(), g_config.cache_ttl_seconds));
    if (!reply) {
      PQclear(res);
      PQfinish(conn);
      return false; // leak: ctx is not freed
    }
    freeReplyObject(reply);
  }
  redisFree(ctx);
  PQclear(res);
  PQfinish(conn);
  return true;
}

// ---------------------------------------------------------------------------
// Connection pool used by the service
// ---------------------------------------------------------------------------

class PgPool {
public:
  explicit PgPool(size_t size) : size_(size) {}
  ~PgPool() {
    std::lock_guard<std::mutex> lock(mu_);
    for (PGconn *c : idle_)
      PQfinish(c);
    idle_.clear();
  }

  PGconn *Acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        PGconn *c = idle_.back();
        idle_.pop_back();
        if (PQstatus(c) == CONNECTION_OK)
          return c;
        PQfinish(c);
      }
    }
    return OpenPrimary();
  }

  void Release(PGconn *c) {
    if (!c)
      return;
    std::lock_guard<std::mutex> lock(mu_);
    if (idle_.size() >= size_ || PQtransactionStatus(c) != PQTRANS_IDLE) {
      PQfinish(c);
      return;
    }
    idle_.push_back(c);
  }

  size_t Idle() {
    std::lock_guard<std::mutex> lock(mu_);
    return idle_.size();
  }

private:
  size_t size_;
  std::mutex mu_;
  std::vector<PGconn *> idle_;
};

static PgPool &Pool() {
  static PgPool pool(8);
  return pool;
}

struct PooledConn {
  PGconn *conn;
  PooledConn() : conn(Pool().Acquire()) {}
  ~PooledConn() { Pool().Release(conn); }
  PooledConn(const PooledConn &) = delete;
  PooledConn &operator=(const PooledConn &) = delete;
  explicit operator bool() const { return conn != nullptr; }
};

static std::optional<long> BalanceOf(long id) {
  PooledConn pc;
  if (!pc)
    return std::nullopt;
  std::string id_s = std::to_string(id);
  const char *params[1] = {id_s.c_str()};
  PGresult *res = PQexecParams(pc.conn, "SELECT balance_cents FROM accounts WHERE id = $1", 1,
                               nullptr, params, nullptr, nullptr, 0);
  std::optional<long> out;
  if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
    out = std::atol(PQgetvalue(res, 0, 0));
  PQclear(res);
  return out;
}

bool SetActive(long id, bool active) {
  PGconn *conn = Pool().Acquire();
  if (!conn)
    return false;
  std::string id_s = std::to_string(id);
  const char *params[2] = {id_s.c_str(), active ? "true" : "false"};
  PGresult *res = PQexecParams(conn, "UPDATE accounts SET active = $2 WHERE id = $1", 2, nullptr,
                               params, nullptr, nullptr, 0);
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  Pool().Release(conn);
  if (ok)
    CacheInvalidate(id);
  return ok;
}

static int DeactivateDormant(int days) {
  PGconn *conn = Pool().Acquire();
  if (!conn)
    return -1;
  std::string sql = "UPDATE accounts SET active = false WHERE last_seen < now() - interval '" +
                    std::to_string(days) + " days' RETURNING id";
  PGresult *res = PQexec(conn, sql.c_str());
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    PQclear(res);
    Pool().Release(conn);
    return -1;
  }
  std::vector<long> ids;
  for (int i = 0; i < PQntuples(res); ++i)
    ids.push_back(std::atol(PQgetvalue(res, i, 0)));
  PQclear(res);
  Pool().Release(conn);
  CacheInvalidateMany(ids);
  return static_cast<int>(ids.size());
}

static bool CreateAccount(const Account &a, long *new_id) {
  PGconn *conn = Pool().Acquire();
  if (!conn)
    return false;
  std::string bal = std::to_string(a.balance_cents);
  const char *params[3] = {a.email.c_str(), a.display_name.c_str(), bal.c_str()};
  PGresult *res = PQexecParams(conn,
                               "INSERT INTO accounts(email, display_name, balance_cents, active) "
                               "VALUES ($1, $2, $3, true) RETURNING id",
                               3, nullptr, params, nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    bool dup = state && std::strcmp(state, "23505") == 0;
    PQclear(res);
    Pool().Release(conn);
    if (dup)
      Bump("duplicate_email");
    return false;
  }
  *new_id = std::atol(PQgetvalue(res, 0, 0));
  PQclear(res);
  Pool().Release(conn);
  PublishEvent(*new_id, "created");
  return true;
}

static bool DeleteAccount(long id) {
  PGconn *conn = Pool().Acquire();
  if (!conn)
    return false;
  if (!ExecCommand(conn, "BEGIN")) {
    Pool().Release(conn);
    return false;
  }
  std::string id_s = std::to_string(id);
  const char *params[1] = {id_s.c_str()};
  static const char *const kDeletes[] = {
      "DELETE FROM audit_log WHERE account_id = $1",
      "DELETE FROM sessions WHERE account_id = $1",
      "DELETE FROM accounts WHERE id = $1",
  };
  for (const char *sql : kDeletes) {
    PGresult *res = PQexecParams(conn, sql, 1, nullptr, params, nullptr, nullptr, 0);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
      PQclear(res);
      ExecCommand(conn, "ROLLBACK");
      Pool().Release(conn);
      return false;
    }
    PQclear(res);
  }
  bool ok = ExecCommand(conn, "COMMIT");
  Pool().Release(conn);
  CacheInvalidate(id);
  return ok;
}

static std::vector<Account> SearchByName(const std::string &prefix, int limit) {
  std::vector<Account> out;
  PGconn *conn = Pool().Acquire();
  if (!conn)
    return out;
  std::string pat = prefix + "%";
  std::string lim = std::to_string(limit);
  const char *params[2] = {pat.c_str(), lim.c_str()};
  PGresult *res = PQexecParams(conn,
                               "SELECT id, email, display_name, balance_cents, active FROM accounts "
                               "WHERE display_name ILIKE $1 ORDER BY display_name LIMIT $2",
                               2, nullptr, params, nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    PQclear(res);
    return out; // leak: pooled conn is never released
  }
  for (int i = 0; i < PQntuples(res); ++i) {
    Account a;
    a.id = std::atol(PQgetvalue(res, i, 0));
    a.email = PQgetvalue(res, i, 1);
    a.display_name = PQgetvalue(res, i, 2);
    a.balance_cents = std::atol(PQgetvalue(res, i, 3));
    a.active = PQgetvalue(res, i, 4)[0] == 't';
    out.push_back(a);
  }
  PQclear(res);
  Pool().Release(conn);
  return out;
}

static bool ApplyInterest(double rate) {
  PGconn *conn = Pool().Acquire();
  if (!conn)
    return false;
  PGresult *res = PQexec(conn, "SELECT id, balance_cents FROM accounts WHERE active FOR UPDATE");
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    PQclear(res);
    Pool().Release(conn);
    return false;
  }
  int n = PQntuples(res);
  int failures = 0;
  for (int i = 0; i < n; ++i) {
    long id = std::atol(PQgetvalue(res, i, 0));
    long bal = std::atol(PQgetvalue(res, i, 1));
    long delta = static_cast<long>(bal * rate);
    if (delta == 0)
      continue;
    std::string id_s = std::to_string(id), d_s = std::to_string(delta);
    const char *params[2] = {id_s.c_str(), d_s.c_str()};
    PGresult *upd = PQexecPrepared(conn, "credit", 2, params, nullptr, nullptr, 0);
    if (PQresultStatus(upd) != PGRES_COMMAND_OK) {
      ++failures;
      if (failures > 10) {
        PQclear(upd);
        break;
      }
    }
    PQclear(upd);
  }
  PQclear(res);
  Pool().Release(conn);
  return failures == 0;
}

static std::string DumpStats() {
  std::lock_guard<std::mutex> lock(g_stats_mu);
  std::ostringstream os;
  for (const auto &kv : g_stats)
    os << kv.first << '=' << kv.second << '\n';
  os << "pool_idle=" << Pool().Idle() << '\n';
  return os.str();
}

// ---------------------------------------------------------------------------
// gRPC handlers (generic service, payloads are pipe-separated text)
// ---------------------------------------------------------------------------

using Handler = grpc::Status (*)(grpc::ServerContextBase *, const std::string &, std::string *);

static grpc::Status HandleGetAccount(grpc::ServerContextBase *ctx, const std::string &req,
                                     std::string *resp) {
  auto id = ParseId(req);
  if (!id)
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad id");
  if (ctx && ctx->IsCancelled())
    return grpc::Status::CANCELLED;
  auto acct = GetAccountCached(*id);
  if (!acct)
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such account");
  *resp = SerializeAccount(*acct);
  return grpc::Status::OK;
}

static grpc::Status HandleTransfer(grpc::ServerContextBase *ctx, const std::string &req,
                                   std::string *resp) {
  long from = 0, to = 0, amount = 0;
  if (std::sscanf(req.c_str(), "%ld|%ld|%ld", &from, &to, &amount) != 3 || amount <= 0)
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "usage: from|to|amount");
  std::string client = ctx ? ctx->peer() : "local";
  if (!RateLimit(client, 100))
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "slow down");
  for (int attempt = 0; attempt < g_config.max_retries; ++attempt) {
    if (TransferWithAudit(from, to, amount, client)) {
      CacheInvalidate(from);
      CacheInvalidate(to);
      *resp = "ok";
      return grpc::Status::OK;
    }
  }
  return grpc::Status(grpc::StatusCode::ABORTED, "transfer failed");
}

static grpc::Status HandleCreate(grpc::ServerContextBase *, const std::string &req,
                                 std::string *resp) {
  auto a = DeserializeAccount("0|" + req + "|0|1");
  if (!a)
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "usage: email|name");
  long id = 0;
  if (!CreateAccount(*a, &id))
    return grpc::Status(grpc::StatusCode::ALREADY_EXISTS, "could not create");
  *resp = std::to_string(id);
  return grpc::Status::OK;
}

static grpc::Status HandleDelete(grpc::ServerContextBase *, const std::string &req, std::string *resp) {
  auto id = ParseId(req);
  if (!id)
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad id");
  if (!DeleteAccount(*id))
    return grpc::Status(grpc::StatusCode::INTERNAL, "delete failed");
  *resp = "deleted";
  return grpc::Status::OK;
}

static grpc::Status HandleSearch(grpc::ServerContextBase *, const std::string &req, std::string *resp) {
  if (req.size() < 2)
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "prefix too short");
  std::vector<Account> found = SearchByName(req, 50);
  std::string out;
  for (const Account &a : found) {
    out += SerializeAccount(a);
    out += '\n';
  }
  *resp = std::move(out);
  return grpc::Status::OK;
}

static grpc::Status HandleBalance(grpc::ServerContextBase *, const std::string &req, std::string *resp) {
  auto id = ParseId(req);
  if (!id)
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad id");
  auto bal = BalanceOf(*id);
  if (!bal)
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such account");
  *resp = std::to_string(*bal);
  return grpc::Status::OK;
}

static grpc::Status HandleRename(grpc::ServerContextBase *, const std::string &req, std::string *resp) {
  size_t bar = req.find('|');
  if (bar == std::string::npos)
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "usage: id|name");
  auto id = ParseId(req.substr(0, bar));
  if (!id)
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad id");
  if (!RenameAccount(*id, req.substr(bar + 1)))
    return grpc::Status(grpc::StatusCode::INTERNAL, "rename failed");
  CacheInvalidate(*id);
  *resp = "ok";
  return grpc::Status::OK;
}

static grpc::Status HandleEvents(grpc::ServerContextBase *, const std::string &req, std::string *resp) {
  auto id = ParseId(req);
  if (!id)
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad id");
  for (const std::string &e : RecentEvents(*id, 20)) {
    resp->append(e);
    resp->push_back('\n');
  }
  return grpc::Status::OK;
}

static grpc::Status HandleHealth(grpc::ServerContextBase *, const std::string &, std::string *resp) {
  bool db = Ping();
  bool cache = NextRequestId() > 0;
  *resp = std::string("db=") + (db ? "up" : "down") + " cache=" + (cache ? "up" : "down");
  return db ? grpc::Status::OK : grpc::Status(grpc::StatusCode::UNAVAILABLE, *resp);
}

static grpc::Status HandleStats(grpc::ServerContextBase *, const std::string &, std::string *resp) {
  *resp = DumpStats();
  long active = CountActive();
  if (active >= 0)
    *resp += "active_accounts=" + std::to_string(active) + "\n";
  return grpc::Status::OK;
}

static const std::unordered_map<std::string, Handler> &Handlers() {
  static const std::unordered_map<std::string, Handler> handlers = {
      {"/accounts.Accounts/Get", &HandleGetAccount},
      {"/accounts.Accounts/Transfer", &HandleTransfer},
      {"/accounts.Accounts/Create", &HandleCreate},
      {"/accounts.Accounts/Delete", &HandleDelete},
      {"/accounts.Accounts/Search", &HandleSearch},
      {"/accounts.Accounts/Balance", &HandleBalance},
      {"/accounts.Accounts/Rename", &HandleRename},
      {"/accounts.Accounts/Events", &HandleEvents},
      {"/accounts.Accounts/Health", &HandleHealth},
      {"/accounts.Accounts/Stats", &HandleStats},
  };
  return handlers;
}

class UnaryReactor : public grpc::ServerGenericBidiReactor {
public:
  explicit UnaryReactor(grpc::GenericCallbackServerContext *ctx) : ctx_(ctx) {
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no request"));
      return;
    }
    auto it = Handlers().find(ctx_->method());
    if (it == Handlers().end()) {
      Finish(grpc::Status(grpc::StatusCode::UNIMPLEMENTED, ctx_->method()));
      return;
    }
    std::string out;
    grpc::Status st = it->second(ctx_, BufferToString(request_), &out);
    if (!st.ok()) {
      Finish(st);
      return;
    }
    response_ = StringToBuffer(out);
    StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
  }

  void OnDone() override { delete this; }

private:
  grpc::GenericCallbackServerContext *ctx_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
};

class AccountsService : public grpc::CallbackGenericService {
public:
  grpc::ServerGenericBidiReactor *CreateReactor(grpc::GenericCallbackServerContext *ctx) override {
    Bump("rpc");
    return new UnaryReactor(ctx);
  }
};

// ---------------------------------------------------------------------------
// Background maintenance and the client side used by the CLI
// ---------------------------------------------------------------------------

static void MaintenanceLoop(std::atomic<bool> *stop) {
  int tick = 0;
  while (!stop->load()) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    ++tick;
    if (tick % 60 == 0)
      RefreshHotAccounts(100);
    if (tick % 3600 == 0) {
      int n = DeactivateDormant(365);
      std::fprintf(stderr, "deactivated %d dormant accounts\n", n);
    }
    if (tick % 86400 == 0) {
      VacuumAll();
      ApplyInterest(0.0001);
    }
  }
}

static bool CallRemote(const std::string &target, const std::string &method,
                       const std::string &payload, std::string *out) {
  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc::ByteBuffer req = StringToBuffer(payload);
  grpc::ByteBuffer resp;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  grpc::Status status;
  stub.UnaryCall(&ctx, method, grpc::StubOptions(), &req, &resp, [&](grpc::Status s) {
    std::lock_guard<std::mutex> lock(mu);
    status = std::move(s);
    done = true;
    cv.notify_one();
  });
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return done; });
  if (!status.ok())
    return false;
  *out = BufferToString(resp);
  return true;
}

static int ReplicateToPeer(const std::string &target, long since_id) {
  PGconn *conn = OpenReplica();
  if (!conn)
    return -1;
  std::string since = std::to_string(since_id);
  const char *params[1] = {since.c_str()};
  PGresult *res = PQexecParams(conn, "SELECT email, display_name FROM accounts WHERE id > $1", 1,
                               nullptr, params, nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    PQclear(res);
    PQfinish(conn);
    return -1;
  }
  int sent = 0;
  for (int i = 0; i < PQntuples(res); ++i) {
    std::string payload = std::string(PQgetvalue(res, i, 0)) + "|" + PQgetvalue(res, i, 1);
    std::string out;
    if (!CallRemote(target, "/accounts.Accounts/Create", payload, &out)) {
      if (sent == 0) {
        PQclear(res);
        return -1; // leak: conn is not finished when the first call fails
      }
      break;
    }
    ++sent;
  }
  PQclear(res);
  PQfinish(conn);
  return sent;
}

static std::string DescribeConnection(PGconn *conn) {
  std::ostringstream os;
  os << "db=" << PQdb(conn) << " user=" << PQuser(conn) << " host=" << PQhost(conn)
     << " server=" << PQserverVersion(conn) << " proto=" << PQprotocolVersion(conn)
     << " log=" << EscapeForLog(conn, PQparameterStatus(conn, "application_name")
                                          ? PQparameterStatus(conn, "application_name")
                                          : "");
  return os.str();
}

static void LogConnectionInfo() {
  PGconn *primary = OpenPrimary();
  PGconn *replica = OpenReplica();
  if (primary)
    std::fprintf(stderr, "primary: %s\n", DescribeConnection(primary).c_str());
  if (replica)
    std::fprintf(stderr, "replica: %s\n", DescribeConnection(replica).c_str());
  if (primary)
    PQfinish(primary);
  if (replica)
    PQfinish(replica);
}

static bool CheckSchemaVersion(int expected) {
  PGconn *conn = OpenPrimary();
  if (!conn)
    return false;
  PGresult *res = PQexec(conn, "SELECT max(version) FROM schema_migrations");
  if (PQresultStatus(res) != PGRES_TUPLES_OK || PQgetisnull(res, 0, 0)) {
    PQclear(res);
    PQfinish(conn);
    return false;
  }
  int version = std::atoi(PQgetvalue(res, 0, 0));
  PQclear(res);
  if (version < expected) {
    std::fprintf(stderr, "schema %d < expected %d\n", version, expected);
    PQfinish(conn);
    return false;
  }
  PQfinish(conn);
  return true;
}

} // namespace accounts

int main(int argc, char **argv) {
  using namespace accounts;
  if (argc > 1 && std::strcmp(argv[1], "--replicate") == 0 && argc > 2)
    return ReplicateToPeer(argv[2], 0) < 0 ? 1 : 0;
  if (!CheckSchemaVersion(42))
    return 2;
  LogConnectionInfo();
  WarmReplica(3);
  std::atomic<bool> stop{false};
  std::thread maintenance(MaintenanceLoop, &stop);
  AccountsService service;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("0.0.0.0:50051", grpc::InsecureServerCredentials());
  builder.RegisterCallbackGenericService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server) {
    stop = true;
    maintenance.join();
    return 3;
  }
  server->Wait();
  stop = true;
  maintenance.join();
  return 0;
}
