// Benchmark translation unit: a telemetry ingestion daemon.
// An HTTP endpoint (Boost.Beast over Boost.Asio) accepts batches of readings;
// the daemon also pulls remote feeds with libcurl, stores raw documents in
// MongoDB (mongoc_client_t per call, not pooled), keeps counters and dedup keys
// in Redis (hiredis), and loads hourly aggregates into a warehouse over ODBC.
//
// Heavy headers: <boost/beast.hpp>, <boost/asio.hpp>, <mongoc/mongoc.h>; handle-
// heavy code: SQLHENV/SQLHDBC/SQLHSTMT, mongoc clients/collections/cursors,
// redisContext/redisReply, CURL/CURLM/curl_slist.
// Some functions leak on error paths on purpose (marked "leak:").

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/http.hpp>

#include <curl/curl.h>
#include <hiredis/hiredis.h>
#include <mongoc/mongoc.h>
#include <sql.h>
#include <sqlext.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace ingest {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Reading {
  std::string sensor;
  int64_t ts_ms = 0;
  double value = 0;
};

struct Config {
  std::string mongo_uri = "mongodb://telemetry-db:27017";
  std::string mongo_db = "telemetry";
  std::string redis_socket = "/run/redis/redis.sock";
  std::string redis_host = "127.0.0.1";
  std::string odbc_dsn = "DSN=warehouse;UID=ingest;PWD=ingest";
  std::vector<std::string> feeds = {"http://feeds.internal/weather", "http://feeds.internal/power"};
  unsigned short port = 9090;
};

static Config g_cfg;
static std::atomic<long> g_ingested{0};
static std::atomic<long> g_rejected{0};

static std::vector<Reading> ParseLines(const std::string &body) {
  std::vector<Reading> out;
  std::istringstream is(body);
  std::string line;
  while (std::getline(is, line)) {
    if (line.empty() || line[0] == '#')
      continue;
    Reading r;
    char sensor[128];
    long long ts = 0;
    double v = 0;
    if (std::sscanf(line.c_str(), "%127[^,],%lld,%lf", sensor, &ts, &v) != 3) {
      ++g_rejected;
      continue;
    }
    r.sensor = sensor;
    r.ts_ms = ts;
    r.value = v;
    out.push_back(r);
  }
  return out;
}

// ---------------------------------------------------------------------------
// MongoDB raw store (a client per call)
// ---------------------------------------------------------------------------

static mongoc_client_t *MongoClient() {
  bson_error_t error;
  mongoc_uri_t *uri = mongoc_uri_new_with_error(g_cfg.mongo_uri.c_str(), &error);
  if (!uri)
    return nullptr;
  mongoc_client_t *client = mongoc_client_new_from_uri(uri);
  mongoc_uri_destroy(uri);
  if (client)
    mongoc_client_set_appname(client, "ingest");
  return client;
}

static bool InsertReadings(const std::vector<Reading> &batch) {
  mongoc_client_t *client = MongoClient();
  if (!client)
    return false;
  mongoc_collection_t *coll = mongoc_client_get_collection(client, g_cfg.mongo_db.c_str(), "raw");
  std::vector<bson_t *> docs;
  docs.reserve(batch.size());
  for (const Reading &r : batch)
    docs.push_back(BCON_NEW("sensor", BCON_UTF8(r.sensor.c_str()), "ts", BCON_DATE_TIME(r.ts_ms),
                            "value", BCON_DOUBLE(r.value)));
  bson_error_t error;
  bool ok = mongoc_collection_insert_many(coll, const_cast<const bson_t **>(docs.data()), docs.size(),
                                          nullptr, nullptr, &error);
  if (!ok)
    std::cerr << "insert_many: " << error.message << "\n";
  for (bson_t *d : docs)
    bson_destroy(d);
  mongoc_collection_destroy(coll);
  mongoc_client_destroy(client);
  return ok;
}

static std::vector<Reading> ReadingsSince(const std::string &sensor, int64_t since_ms) {
  std::vector<Reading> out;
  mongoc_client_t *client = MongoClient();
  if (!client)
    return out;
  mongoc_collection_t *coll = mongoc_client_get_collection(client, g_cfg.mongo_db.c_str(), "raw");
  bson_t *filter = BCON_NEW("sensor", BCON_UTF8(sensor.c_str()), "ts", "{", "$gte",
                            BCON_DATE_TIME(since_ms), "}");
  bson_t *opts = BCON_NEW("sort", "{", "ts", BCON_INT32(1), "}");
  mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, filter, opts, nullptr);
  const bson_t *doc;
  while (mongoc_cursor_next(cursor, &doc)) {
    Reading r;
    r.sensor = sensor;
    bson_iter_t it;
    if (bson_iter_init_find(&it, doc, "ts"))
      r.ts_ms = bson_iter_date_time(&it);
    if (bson_iter_init_find(&it, doc, "value"))
      r.value = bson_iter_as_double(&it);
    out.push_back(r);
  }
  mongoc_cursor_destroy(cursor);
  bson_destroy(opts);
  bson_destroy(filter);
  mongoc_collection_destroy(coll);
  mongoc_client_destroy(client);
  return out;
}

static std::vector<std::string> KnownSensors() {
  std::vector<std::string> out;
  mongoc_client_t *client = MongoClient();
  if (!client)
    return out;
  mongoc_collection_t *coll = mongoc_client_get_collection(client, g_cfg.mongo_db.c_str(), "raw");
  bson_t *pipeline = BCON_NEW("pipeline", "[", "{", "$group", "{", "_id", BCON_UTF8("$sensor"), "}",
                              "}", "]");
  mongoc_cursor_t *cursor = mongoc_collection_aggregate(coll, MONGOC_QUERY_NONE, pipeline, nullptr, nullptr);
  const bson_t *doc;
  bson_error_t error;
  while (mongoc_cursor_next(cursor, &doc)) {
    bson_iter_t it;
    if (bson_iter_init_find(&it, doc, "_id") && BSON_ITER_HOLDS_UTF8(&it))
      out.emplace_back(bson_iter_utf8(&it, nullptr));
  }
  if (mongoc_cursor_error(cursor, &error)) {
    std::cerr << "sensors: " << error.message << "\n";
    mongoc_cursor_destroy(cursor);
    bson_destroy(pipeline);
    mongoc_client_destroy(client);
    return {}; // leak: coll is not destroyed
  }
  mongoc_cursor_destroy(cursor);
  bson_destroy(pipeline);
  mongoc_collection_destroy(coll);
  mongoc_client_destroy(client);
  return out;
}

static bool EnsureIndexes() {
  mongoc_client_t *client = MongoClient();
  if (!client)
    return false;
  mongoc_database_t *db = mongoc_client_get_database(client, g_cfg.mongo_db.c_str());
  bson_t *cmd = BCON_NEW("createIndexes", BCON_UTF8("raw"), "indexes", "[", "{", "key", "{", "sensor",
                         BCON_INT32(1), "ts", BCON_INT32(1), "}", "name", BCON_UTF8("sensor_ts"), "}",
                         "]");
  bson_t reply;
  bson_error_t error;
  bool ok = mongoc_database_write_command_with_opts(db, cmd, nullptr, &reply, &error);
  if (!ok)
    std::cerr << "indexes: " << error.message << "\n";
  bson_destroy(&reply);
  bson_destroy(cmd);
  mongoc_database_destroy(db);
  mongoc_client_destroy(client);
  return ok;
}

static int64_t DropOlderThan(int64_t cutoff_ms) {
  mongoc_client_t *client = MongoClient();
  if (!client)
    return -1;
  mongoc_collection_t *coll = mongoc_client_get_collection(client, g_cfg.mongo_db.c_str(), "raw");
  bson_t *filter = BCON_NEW("ts", "{", "$lt", BCON_DATE_TIME(cutoff_ms), "}");
  bson_t reply;
  bson_error_t error;
  int64_t deleted = -1;
  if (mongoc_collection_delete_many(coll, filter, nullptr, &reply, &error)) {
    bson_iter_t it;
    if (bson_iter_init_find(&it, &reply, "deletedCount"))
      deleted = bson_iter_as_int64(&it);
  }
  bson_destroy(&reply);
  bson_destroy(filter);
  mongoc_collection_destroy(coll);
  mongoc_client_destroy(client);
  return deleted;
}

// ---------------------------------------------------------------------------
// Redis counters and dedup
// ---------------------------------------------------------------------------

static redisContext *Redis() {
  redisContext *c = redisConnectUnix(g_cfg.redis_socket.c_str());
  if (c && !c->err)
    return c;
  if (c)
    redisFree(c);
  c = redisConnect(g_cfg.redis_host.c_str(), 6379);
  if (!c)
    return nullptr;
  if (c->err) {
    redisFree(c);
    return nullptr;
  }
  return c;
}

static bool SeenBefore(redisContext *c, const Reading &r) {
  std::string key = "seen:" + r.sensor + ":" + std::to_string(r.ts_ms);
  redisReply *reply = static_cast<redisReply *>(redisCommand(c, "SET %s 1 NX EX 3600", key.c_str()));
  if (!reply)
    return false;
  bool seen = reply->type == REDIS_REPLY_NIL;
  freeReplyObject(reply);
  return seen;
}

static std::vector<Reading> Deduplicate(const std::vector<Reading> &in) {
  redisContext *c = Redis();
  if (!c)
    return in;
  std::vector<Reading> out;
  out.reserve(in.size());
  for (const Reading &r : in) {
    if (!SeenBefore(c, r))
      out.push_back(r);
  }
  redisFree(c);
  return out;
}

static void BumpCounters(const std::vector<Reading> &batch) {
  redisContext *c = Redis();
  if (!c)
    return;
  std::map<std::string, int> per_sensor;
  for (const Reading &r : batch)
    ++per_sensor[r.sensor];
  for (const auto &kv : per_sensor)
    redisAppendCommand(c, "HINCRBY counters %s %d", kv.first.c_str(), kv.second);
  for (size_t i = 0; i < per_sensor.size(); ++i) {
    void *reply = nullptr;
    if (redisGetReply(c, &reply) != REDIS_OK)
      break;
    freeReplyObject(reply);
  }
  redisFree(c);
}

static std::map<std::string, long> ReadCounters() {
  std::map<std::string, long> out;
  redisContext *c = Redis();
  if (!c)
    return out;
  redisReply *reply = static_cast<redisReply *>(redisCommand(c, "HGETALL counters"));
  if (!reply || reply->type != REDIS_REPLY_ARRAY) {
    if (reply)
      freeReplyObject(reply);
    redisFree(c);
    return out;
  }
  for (size_t i = 0; i + 1 < reply->elements; i += 2)
    out[reply->element[i]->str] = std::atol(reply->element[i + 1]->str);
  freeReplyObject(reply);
  redisFree(c);
  return out;
}

static bool StoreLastValues(const std::vector<Reading> &batch) {
  redisContext *c = Redis();
  if (!c)
    return false;
  for (const Reading &r : batch) {
    std::string value = std::to_string(r.value);
    std::string ts = std::to_string(r.ts_ms);
    std::string key = "last:" + r.sensor;
    const char *argv[] = {"HSET", key.c_str(), "value", value.c_str(), "ts", ts.c_str()};
    size_t lens[] = {4, key.size(), 5, value.size(), 2, ts.size()};
    redisReply *reply = static_cast<redisReply *>(redisCommandArgv(c, 6, argv, lens));
    if (!reply) {
      if (redisReconnect(c) != REDIS_OK)
        return false; // leak: c is not freed
      continue;
    }
    freeReplyObject(reply);
  }
  redisFree(c);
  return true;
}

static std::optional<double> LastValue(const std::string &sensor) {
  redisContext *c = Redis();
  if (!c)
    return std::nullopt;
  redisReply *reply = static_cast<redisReply *>(redisCommand(c, "HGET last:%s value", sensor.c_str()));
  std::optional<double> out;
  if (reply != nullptr) {
    if (reply->type == REDIS_REPLY_STRING)
      out = std::strtod(reply->str, nullptr);
    freeReplyObject(reply);
  }
  redisFree(c);
  return out;
}

static bool AcquireLock(const std::string &name, int ttl_s) {
  redisContext *c = Redis();
  if (!c)
    return false;
  redisReply *reply = static_cast<redisReply *>(
      redisCommand(c, "SET lock:%s %d NX EX %d", name.c_str(), getpid(), ttl_s));
  bool ok = reply && reply->type == REDIS_REPLY_STATUS;
  freeReplyObject(reply);
  redisFree(c);
  return ok;
}

static void ReleaseLock(const std::string &name) {
  redisContext *c = Redis();
  if (!c)
    return;
  redisReply *reply = static_cast<redisReply *>(redisCommand(c, "DEL lock:%s", name.c_str()));
  if (reply)
    freeReplyObject(reply);
  redisFree(c);
}

// ---------------------------------------------------------------------------
// Remote feeds (libcurl)
// ---------------------------------------------------------------------------

static size_t Collect(char *ptr, size_t size, size_t nmemb, void *ud) {
  static_cast<std::string *>(ud)->append(ptr, size * nmemb);
  return size * nmemb;
}

static std::optional<std::string> FetchFeed(const std::string &url, const std::string &etag) {
  CURL *curl = curl_easy_init();
  if (!curl)
    return std::nullopt;
  std::string body;
  struct curl_slist *hdrs = nullptr;
  if (!etag.empty())
    hdrs = curl_slist_append(hdrs, ("If-None-Match: " + etag).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(hdrs);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK || code == 304 || code >= 400)
    return std::nullopt;
  return body;
}

static std::map<std::string, std::string> FetchFeedsParallel(const std::vector<std::string> &urls) {
  std::map<std::string, std::string> out;
  CURLM *multi = curl_multi_init();
  if (!multi)
    return out;
  std::vector<std::string> bodies(urls.size());
  std::vector<CURL *> handles;
  for (size_t i = 0; i < urls.size(); ++i) {
    CURL *h = curl_easy_init();
    if (!h) {
      for (CURL *e : handles) {
        curl_multi_remove_handle(multi, e);
        curl_easy_cleanup(e);
      }
      curl_multi_cleanup(multi);
      return out;
    }
    curl_easy_setopt(h, CURLOPT_URL, urls[i].c_str());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &bodies[i]);
    curl_multi_add_handle(multi, h);
    handles.push_back(h);
  }
  int still_running = 1;
  while (still_running) {
    if (curl_multi_perform(multi, &still_running) != CURLM_OK)
      break;
    if (still_running)
      curl_multi_wait(multi, nullptr, 0, 200, nullptr);
  }
  for (size_t i = 0; i < handles.size(); ++i) {
    long code = 0;
    curl_easy_getinfo(handles[i], CURLINFO_RESPONSE_CODE, &code);
    if (code == 200)
      out[urls[i]] = bodies[i];
    curl_multi_remove_handle(multi, handles[i]);
    curl_easy_cleanup(handles[i]);
  }
  curl_multi_cleanup(multi);
  return out;
}

static bool PostAlert(const std::string &webhook, const std::string &text) {
  CURL *curl = curl_easy_init();
  if (!curl)
    return false;
  char *escaped = curl_easy_escape(curl, text.c_str(), static_cast<int>(text.size()));
  if (!escaped) {
    curl_easy_cleanup(curl);
    return false;
  }
  std::string form = std::string("text=") + escaped;
  curl_free(escaped);
  curl_easy_setopt(curl, CURLOPT_URL, webhook.c_str());
  curl_easy_setopt(curl, CURLOPT_COPYPOSTFIELDS, form.c_str());
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  return rc == CURLE_OK;
}

// ---------------------------------------------------------------------------
// Warehouse over ODBC
// ---------------------------------------------------------------------------

static void OdbcDiag(SQLSMALLINT type, SQLHANDLE h, const char *what) {
  SQLCHAR state[6], msg[512];
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  if (SQL_SUCCEEDED(SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len)))
    std::cerr << what << ": [" << state << "] " << msg << "\n";
}

static bool OdbcConnect(SQLHENV *env_out, SQLHDBC *dbc_out) {
  SQLHENV env = SQL_NULL_HENV;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)))
    return false;
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  SQLHDBC dbc = SQL_NULL_HDBC;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc))) {
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return false;
  }
  SQLRETURN rc = SQLDriverConnect(dbc, nullptr, (SQLCHAR *)g_cfg.odbc_dsn.c_str(), SQL_NTS, nullptr, 0,
                                  nullptr, SQL_DRIVER_NOPROMPT);
  if (!SQL_SUCCEEDED(rc)) {
    OdbcDiag(SQL_HANDLE_DBC, dbc, "connect");
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return false;
  }
  *env_out = env;
  *dbc_out = dbc;
  return true;
}

static void OdbcClose(SQLHENV env, SQLHDBC dbc) {
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  SQLFreeHandle(SQL_HANDLE_ENV, env);
}

static bool LoadHourlyAggregates(const std::string &sensor, const std::vector<Reading> &readings) {
  if (readings.empty())
    return true;
  std::map<int64_t, std::pair<double, int>> hours;
  for (const Reading &r : readings) {
    auto &h = hours[r.ts_ms / 3600000];
    h.first += r.value;
    h.second += 1;
  }
  SQLHENV env;
  SQLHDBC dbc;
  if (!OdbcConnect(&env, &dbc))
    return false;
  SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0);
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt))) {
    OdbcClose(env, dbc);
    return false;
  }
  if (!SQL_SUCCEEDED(SQLPrepare(stmt,
                                (SQLCHAR *)"INSERT INTO hourly(sensor, hour, avg_value, samples) VALUES (?, ?, ?, ?)",
                                SQL_NTS))) {
    OdbcDiag(SQL_HANDLE_STMT, stmt, "prepare");
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    OdbcClose(env, dbc);
    return false;
  }
  char sensor_buf[128];
  std::snprintf(sensor_buf, sizeof sensor_buf, "%s", sensor.c_str());
  SQLBIGINT hour = 0;
  double avg = 0;
  SQLINTEGER samples = 0;
  SQLLEN sensor_len = SQL_NTS;
  SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, sizeof sensor_buf, 0, sensor_buf, 0,
                   &sensor_len);
  SQLBindParameter(stmt, 2, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, &hour, 0, nullptr);
  SQLBindParameter(stmt, 3, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, &avg, 0, nullptr);
  SQLBindParameter(stmt, 4, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &samples, 0, nullptr);
  for (const auto &kv : hours) {
    hour = kv.first;
    avg = kv.second.first / kv.second.second;
    samples = kv.second.second;
    if (!SQL_SUCCEEDED(SQLExecute(stmt))) {
      OdbcDiag(SQL_HANDLE_STMT, stmt, "execute");
      SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_ROLLBACK);
      SQLFreeHandle(SQL_HANDLE_STMT, stmt);
      OdbcClose(env, dbc);
      return false;
    }
  }
  SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  OdbcClose(env, dbc);
  return true;
}

static long WarehouseRowCount() {
  SQLHENV env;
  SQLHDBC dbc;
  if (!OdbcConnect(&env, &dbc))
    return -1;
  SQLHSTMT stmt;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt))) {
    OdbcClose(env, dbc);
    return -1;
  }
  long count = -1;
  if (SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *)"SELECT count(*) FROM hourly", SQL_NTS)) &&
      SQL_SUCCEEDED(SQLFetch(stmt))) {
    SQLBIGINT v = 0;
    SQLLEN ind = 0;
    if (SQL_SUCCEEDED(SQLGetData(stmt, 1, SQL_C_SBIGINT, &v, 0, &ind)) && ind != SQL_NULL_DATA)
      count = static_cast<long>(v);
  }
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  OdbcClose(env, dbc);
  return count;
}

static std::vector<std::string> WarehouseSensors() {
  std::vector<std::string> out;
  SQLHENV env;
  SQLHDBC dbc;
  if (!OdbcConnect(&env, &dbc))
    return out;
  SQLHSTMT stmt;
  SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
  if (!SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *)"SELECT DISTINCT sensor FROM hourly", SQL_NTS))) {
    OdbcDiag(SQL_HANDLE_STMT, stmt, "sensors");
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return out; // leak: env/dbc are not released
  }
  char buf[256];
  SQLLEN ind;
  while (SQL_SUCCEEDED(SQLFetch(stmt))) {
    if (SQL_SUCCEEDED(SQLGetData(stmt, 1, SQL_C_CHAR, buf, sizeof buf, &ind)) && ind != SQL_NULL_DATA)
      out.emplace_back(buf);
  }
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  OdbcClose(env, dbc);
  return out;
}

static bool PurgeWarehouse(int days) {
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  bool ok = false;
  std::string sql;
  if (!OdbcConnect(&env, &dbc))
    return false;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    goto cleanup_dbc;
  sql = "DELETE FROM hourly WHERE hour < " +
        std::to_string((static_cast<int64_t>(std::time(nullptr)) - days * 86400LL) / 3600);
  if (!SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *)sql.c_str(), SQL_NTS))) {
    OdbcDiag(SQL_HANDLE_STMT, stmt, "purge");
    goto cleanup_stmt;
  }
  ok = true;
cleanup_stmt:
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
cleanup_dbc:
  OdbcClose(env, dbc);
  return ok;
}

static bool WarehouseAlive() {
  SQLHENV env = SQL_NULL_HENV;
  SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  SQLHDBC dbc = SQL_NULL_HDBC;
  SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  SQLSetConnectAttr(dbc, SQL_LOGIN_TIMEOUT, reinterpret_cast<SQLPOINTER>(2), 0);
  SQLRETURN rc = SQLDriverConnect(dbc, nullptr, (SQLCHAR *)g_cfg.odbc_dsn.c_str(), SQL_NTS, nullptr, 0,
                                  nullptr, SQL_DRIVER_NOPROMPT);
  bool ok = SQL_SUCCEEDED(rc);
  if (ok)
    SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  SQLFreeHandle(SQL_HANDLE_ENV, env);
  return ok;
}

// ---------------------------------------------------------------------------
// Pipeline
// ---------------------------------------------------------------------------

static int IngestBody(const std::string &body) {
  std::vector<Reading> batch = ParseLines(body);
  if (batch.empty())
    return 0;
  batch = Deduplicate(batch);
  if (batch.empty())
    return 0;
  if (!InsertReadings(batch))
    return -1;
  BumpCounters(batch);
  StoreLastValues(batch);
  g_ingested += static_cast<long>(batch.size());
  return static_cast<int>(batch.size());
}

static int PullFeeds() {
  int total = 0;
  auto bodies = FetchFeedsParallel(g_cfg.feeds);
  for (const std::string &url : g_cfg.feeds) {
    if (bodies.count(url))
      continue;
    // The parallel fetch missed this feed: retry once on its own.
    if (std::optional<std::string> body = FetchFeed(url, ""))
      bodies[url] = *body;
  }
  for (const auto &kv : bodies) {
    int n = IngestBody(kv.second);
    if (n < 0)
      std::cerr << "ingest from " << kv.first << " failed\n";
    else
      total += n;
  }
  return total;
}

static bool RollupHour() {
  if (!AcquireLock("rollup", 300))
    return false;
  int64_t since = (static_cast<int64_t>(std::time(nullptr)) - 3600) * 1000;
  bool ok = true;
  for (const std::string &sensor : KnownSensors()) {
    std::vector<Reading> readings = ReadingsSince(sensor, since);
    if (!LoadHourlyAggregates(sensor, readings)) {
      ok = false;
      break;
    }
  }
  ReleaseLock("rollup");
  return ok;
}

static void CheckThresholds(const std::map<std::string, double> &limits, const std::string &webhook) {
  for (const auto &kv : limits) {
    std::optional<double> v = LastValue(kv.first);
    if (v && *v > kv.second)
      PostAlert(webhook, kv.first + " above " + std::to_string(kv.second) + ": " + std::to_string(*v));
  }
}

static std::string StatusText() {
  std::ostringstream os;
  os << "ingested " << g_ingested.load() << "\nrejected " << g_rejected.load() << "\n";
  for (const auto &kv : ReadCounters())
    os << "counter " << kv.first << " " << kv.second << "\n";
  os << "warehouse_rows " << WarehouseRowCount() << "\n";
  os << "warehouse_alive " << (WarehouseAlive() ? 1 : 0) << "\n";
  return os.str();
}

// ---------------------------------------------------------------------------
// HTTP front end (Boost.Beast, one thread per connection)
// ---------------------------------------------------------------------------

static http::response<http::string_body> Route(const http::request<http::string_body> &req) {
  http::response<http::string_body> res{http::status::ok, req.version()};
  res.set(http::field::server, "ingest");
  res.set(http::field::content_type, "text/plain");
  res.keep_alive(req.keep_alive());
  beast::string_view target = req.target();
  if (req.method() == http::verb::post && target == "/ingest") {
    int n = IngestBody(req.body());
    if (n < 0) {
      res.result(http::status::service_unavailable);
      res.body() = "store unavailable\n";
    } else {
      res.body() = std::to_string(n) + "\n";
    }
  } else if (req.method() == http::verb::get && target == "/status") {
    res.body() = StatusText();
  } else if (req.method() == http::verb::get && target.starts_with("/last/")) {
    std::string sensor(target.substr(6));
    auto v = LastValue(sensor);
    if (!v) {
      res.result(http::status::not_found);
    } else {
      res.body() = std::to_string(*v) + "\n";
    }
  } else if (req.method() == http::verb::post && target == "/rollup") {
    res.body() = RollupHour() ? "ok\n" : "busy\n";
  } else if (req.method() == http::verb::get && target == "/sensors") {
    for (const std::string &s : WarehouseSensors())
      res.body() += s + "\n";
  } else {
    res.result(http::status::not_found);
    res.body() = "not found\n";
  }
  res.prepare_payload();
  return res;
}

static void ServeConnection(tcp::socket socket) {
  beast::flat_buffer buffer;
  beast::error_code ec;
  for (;;) {
    http::request<http::string_body> req;
    http::read(socket, buffer, req, ec);
    if (ec == http::error::end_of_stream)
      break;
    if (ec) {
      std::cerr << "read: " << ec.message() << "\n";
      return;
    }
    http::response<http::string_body> res = Route(req);
    bool close = res.need_eof();
    http::write(socket, res, ec);
    if (ec || close)
      break;
  }
  socket.shutdown(tcp::socket::shutdown_send, ec);
}

static void AcceptLoop(asio::io_context &ioc, std::atomic<bool> &stop) {
  tcp::acceptor acceptor(ioc, tcp::endpoint(tcp::v4(), g_cfg.port));
  while (!stop.load()) {
    tcp::socket socket(ioc);
    beast::error_code ec;
    acceptor.accept(socket, ec);
    if (ec)
      continue;
    std::thread(ServeConnection, std::move(socket)).detach();
  }
}

static void TimerLoop(asio::io_context &ioc, std::atomic<bool> &stop) {
  asio::steady_timer timer(ioc);
  int minute = 0;
  while (!stop.load()) {
    timer.expires_after(std::chrono::minutes(1));
    beast::error_code ec;
    timer.wait(ec);
    ++minute;
    PullFeeds();
    CheckThresholds({{"boiler.temp", 95.0}, {"grid.load", 0.9}}, "http://alerts.internal/hook");
    if (minute % 60 == 0)
      RollupHour();
    if (minute % 1440 == 0) {
      DropOlderThan((static_cast<int64_t>(std::time(nullptr)) - 30 * 86400LL) * 1000);
      PurgeWarehouse(365);
    }
  }
}

} // namespace ingest

int main(int argc, char **argv) {
  using namespace ingest;
  mongoc_init();
  curl_global_init(CURL_GLOBAL_ALL);
  if (argc > 1)
    g_cfg.port = static_cast<unsigned short>(std::atoi(argv[1]));
  if (!EnsureIndexes())
    std::cerr << "warning: could not create indexes\n";
  asio::io_context ioc;
  std::atomic<bool> stop{false};
  std::thread timers([&] { TimerLoop(ioc, stop); });
  AcceptLoop(ioc, stop);
  stop = true;
  timers.join();
  curl_global_cleanup();
  mongoc_cleanup();
  return 0;
}
