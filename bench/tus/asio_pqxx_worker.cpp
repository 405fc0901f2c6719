// Benchmark translation unit: a background job worker driven by Boost.Asio.
// Jobs are claimed from a MongoDB queue (libmongoc client pool), processed
// against PostgreSQL through libpqxx and through raw libpq for bulk work, and
// results are written back to MongoDB.
//
// Heavy headers: <boost/asio.hpp>, <pqxx/pqxx>, <mongoc/mongoc.h>; handle-heavy
// code: mongoc_client_pool_pop/push, collections, cursors, bson documents,
// PGconn/PGresult, heap-allocated pqxx::connection objects.
// Some functions leak on error paths on purpose (marked "leak:").

#include <boost/asio.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <libpq-fe.h>
#include <mongoc/mongoc.h>
#include <pqxx/pqxx>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace worker {

namespace asio = boost::asio;

struct Options {
  std::string mongo_uri = "mongodb://queue-db:27017/?appname=worker";
  std::string queue_db = "jobs";
  std::string queue_collection = "queue";
  std::string results_collection = "results";
  std::string pg_dsn = "host=warehouse dbname=analytics user=worker";
  int batch_size = 50;
  int poll_interval_ms = 500;
  int max_attempts = 5;
};

struct Job {
  std::string id;
  std::string kind;
  std::string payload;
  int attempts = 0;
};

static Options g_opts;
static std::atomic<long> g_done{0};
static std::atomic<long> g_failed{0};
static mongoc_client_pool_t *g_pool = nullptr;

// ---------------------------------------------------------------------------
// MongoDB queue access
// ---------------------------------------------------------------------------

static bool InitMongo() {
  mongoc_init();
  bson_error_t error;
  mongoc_uri_t *uri = mongoc_uri_new_with_error(g_opts.mongo_uri.c_str(), &error);
  if (!uri) {
    std::fprintf(stderr, "bad mongo uri: %s\n", error.message);
    return false;
  }
  g_pool = mongoc_client_pool_new(uri);
  mongoc_uri_destroy(uri);
  if (!g_pool)
    return false;
  mongoc_client_pool_set_error_api(g_pool, MONGOC_ERROR_API_VERSION_2);
  mongoc_client_pool_max_size(g_pool, 16);
  return true;
}

static void ShutdownMongo() {
  if (g_pool) {
    mongoc_client_pool_destroy(g_pool);
    g_pool = nullptr;
  }
  mongoc_cleanup();
}

static bool PingMongo() {
  mongoc_client_t *client = mongoc_client_pool_pop(g_pool);
  bson_t *cmd = BCON_NEW("ping", BCON_INT32(1));
  bson_t reply;
  bson_error_t error;
  bool ok = mongoc_client_command_simple(client, "admin", cmd, nullptr, &reply, &error);
  if (!ok)
    std::fprintf(stderr, "ping: %s\n", error.message);
  bson_destroy(&reply);
  bson_destroy(cmd);
  mongoc_client_pool_push(g_pool, client);
  return ok;
}

static std::optional<Job> DocToJob(const bson_t *doc) {
  Job job;
  bson_iter_t it;
  if (bson_iter_init_find(&it, doc, "_id") && BSON_ITER_HOLDS_OID(&it)) {
    char oid[25];
    bson_oid_to_string(bson_iter_oid(&it), oid);
    job.id = oid;
  } else {
    return std::nullopt;
  }
  if (bson_iter_init_find(&it, doc, "kind") && BSON_ITER_HOLDS_UTF8(&it))
    job.kind = bson_iter_utf8(&it, nullptr);
  if (bson_iter_init_find(&it, doc, "payload") && BSON_ITER_HOLDS_UTF8(&it))
    job.payload = bson_iter_utf8(&it, nullptr);
  if (bson_iter_init_find(&it, doc, "attempts") && BSON_ITER_HOLDS_INT32(&it))
    job.attempts = bson_iter_int32(&it);
  return job;
}

static std::optional<Job> ClaimJob(const std::string &worker_id) {
  mongoc_client_t *client = mongoc_client_pool_pop(g_pool);
  mongoc_collection_t *coll =
      mongoc_client_get_collection(client, g_opts.queue_db.c_str(), g_opts.queue_collection.c_str());
  bson_t *query = BCON_NEW("status", BCON_UTF8("pending"));
  bson_t *update = BCON_NEW("$set", "{", "status", BCON_UTF8("running"), "owner",
                            BCON_UTF8(worker_id.c_str()), "}", "$inc", "{", "attempts",
                            BCON_INT32(1), "}");
  mongoc_find_and_modify_opts_t *opts = mongoc_find_and_modify_opts_new();
  mongoc_find_and_modify_opts_set_update(opts, update);
  mongoc_find_and_modify_opts_set_flags(opts, MONGOC_FIND_AND_MODIFY_RETURN_NEW);
  bson_t reply;
  bson_error_t error;
  std::optional<Job> job;
  if (mongoc_collection_find_and_modify_with_opts(coll, query, opts, &reply, &error)) {
    bson_iter_t it;
    if (bson_iter_init_find(&it, &reply, "value") && BSON_ITER_HOLDS_DOCUMENT(&it)) {
      uint32_t len = 0;
      const uint8_t *data = nullptr;
      bson_iter_document(&it, &len, &data);
      bson_t value;
      if (bson_init_static(&value, data, len))
        job = DocToJob(&value);
    }
  } else {
    std::fprintf(stderr, "claim: %s\n", error.message);
  }
  bson_destroy(&reply);
  mongoc_find_and_modify_opts_destroy(opts);
  bson_destroy(update);
  bson_destroy(query);
  mongoc_collection_destroy(coll);
  mongoc_client_pool_push(g_pool, client);
  return job;
}

static bool MarkJob(const Job &job, const char *status, const std::string &detail) {
  mongoc_client_t *client = mongoc_client_pool_pop(g_pool);
  mongoc_collection_t *coll =
      mongoc_client_get_collection(client, g_opts.queue_db.c_str(), g_opts.queue_collection.c_str());
  bson_oid_t oid;
  if (!bson_oid_is_valid(job.id.c_str(), job.id.size())) {
    mongoc_collection_destroy(coll);
    mongoc_client_pool_push(g_pool, client);
    return false;
  }
  bson_oid_init_from_string(&oid, job.id.c_str());
  bson_t *selector = BCON_NEW("_id", BCON_OID(&oid));
  bson_t *update = BCON_NEW("$set", "{", "status", BCON_UTF8(status), "detail",
                            BCON_UTF8(detail.c_str()), "}");
  bson_error_t error;
  bool ok = mongoc_collection_update_one(coll, selector, update, nullptr, nullptr, &error);
  if (!ok)
    std::fprintf(stderr, "mark %s: %s\n", job.id.c_str(), error.message);
  bson_destroy(update);
  bson_destroy(selector);
  mongoc_collection_destroy(coll);
  mongoc_client_pool_push(g_pool, client);
  return ok;
}

static bool StoreResult(const Job &job, const std::map<std::string, double> &metrics) {
  mongoc_client_t *client = mongoc_client_pool_pop(g_pool);
  if (!client)
    return false;
  mongoc_collection_t *coll = mongoc_client_get_collection(client, g_opts.queue_db.c_str(),
                                                           g_opts.results_collection.c_str());
  bson_t *doc = bson_new();
  BSON_APPEND_UTF8(doc, "job", job.id.c_str());
  BSON_APPEND_UTF8(doc, "kind", job.kind.c_str());
  bson_t child;
  BSON_APPEND_DOCUMENT_BEGIN(doc, "metrics", &child);
  for (const auto &kv : metrics)
    BSON_APPEND_DOUBLE(&child, kv.first.c_str(), kv.second);
  bson_append_document_end(doc, &child);
  BSON_APPEND_DATE_TIME(doc, "at", static_cast<int64_t>(std::time(nullptr)) * 1000);
  bson_error_t error;
  if (!mongoc_collection_insert_one(coll, doc, nullptr, nullptr, &error)) {
    std::fprintf(stderr, "store result: %s\n", error.message);
    bson_destroy(doc);
    mongoc_collection_destroy(coll);
    return false; // leak: client is never pushed back into the pool
  }
  bson_destroy(doc);
  mongoc_collection_destroy(coll);
  mongoc_client_pool_push(g_pool, client);
  return true;
}

static int RequeueStale(int64_t older_than_ms) {
  mongoc_client_t *client = mongoc_client_pool_pop(g_pool);
  mongoc_collection_t *coll =
      mongoc_client_get_collection(client, g_opts.queue_db.c_str(), g_opts.queue_collection.c_str());
  int64_t cutoff = static_cast<int64_t>(std::time(nullptr)) * 1000 - older_than_ms;
  bson_t *selector = BCON_NEW("status", BCON_UTF8("running"), "heartbeat", "{", "$lt",
                              BCON_DATE_TIME(cutoff), "}");
  bson_t *update = BCON_NEW("$set", "{", "status", BCON_UTF8("pending"), "}");
  bson_t reply;
  bson_error_t error;
  int modified = -1;
  if (mongoc_collection_update_many(coll, selector, update, nullptr, &reply, &error)) {
    bson_iter_t it;
    if (bson_iter_init_find(&it, &reply, "modifiedCount"))
      modified = bson_iter_as_int64(&it);
  }
  bson_destroy(&reply);
  bson_destroy(update);
  bson_destroy(selector);
  mongoc_collection_destroy(coll);
  mongoc_client_pool_push(g_pool, client);
  return modified;
}

static std::vector<Job> ListFailed(int limit) {
  std::vector<Job> out;
  mongoc_client_t *client = mongoc_client_pool_pop(g_pool);
  mongoc_collection_t *coll =
      mongoc_client_get_collection(client, g_opts.queue_db.c_str(), g_opts.queue_collection.c_str());
  bson_t *filter = BCON_NEW("status", BCON_UTF8("failed"));
  bson_t *opts = BCON_NEW("limit", BCON_INT64(limit), "sort", "{", "_id", BCON_INT32(-1), "}");
  mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(coll, filter, opts, nullptr);
  const bson_t *doc;
  while (mongoc_cursor_next(cursor, &doc)) {
    if (auto job = DocToJob(doc))
      out.push_back(*job);
  }
  bson_error_t error;
  if (mongoc_cursor_error(cursor, &error))
    std::fprintf(stderr, "list failed: %s\n", error.message);
  mongoc_cursor_destroy(cursor);
  bson_destroy(opts);
  bson_destroy(filter);
  mongoc_collection_destroy(coll);
  mongoc_client_pool_push(g_pool, client);
  return out;
}

static long CountByStatus(const char *status) {
  mongoc_client_t *client = mongoc_client_pool_try_pop(g_pool);
  if (!client)
    return -1;
  mongoc_collection_t *coll =
      mongoc_client_get_collection(client, g_opts.queue_db.c_str(), g_opts.queue_collection.c_str());
  bson_t *filter = BCON_NEW("status", BCON_UTF8(status));
  bson_error_t error;
  int64_t n = mongoc_collection_count_documents(coll, filter, nullptr, nullptr, nullptr, &error);
  bson_destroy(filter);
  mongoc_collection_destroy(coll);
  mongoc_client_pool_push(g_pool, client);
  return n;
}

static bool EnqueueMany(const std::vector<std::pair<std::string, std::string>> &jobs) {
  mongoc_client_t *client = mongoc_client_pool_pop(g_pool);
  mongoc_collection_t *coll =
      mongoc_client_get_collection(client, g_opts.queue_db.c_str(), g_opts.queue_collection.c_str());
  mongoc_bulk_operation_t *bulk = mongoc_collection_create_bulk_operation_with_opts(coll, nullptr);
  bson_error_t error;
  for (const auto &j : jobs) {
    bson_t *doc = BCON_NEW("kind", BCON_UTF8(j.first.c_str()), "payload", BCON_UTF8(j.second.c_str()),
                           "status", BCON_UTF8("pending"), "attempts", BCON_INT32(0));
    bool ok = mongoc_bulk_operation_insert_with_opts(bulk, doc, nullptr, &error);
    bson_destroy(doc);
    if (!ok) {
      mongoc_bulk_operation_destroy(bulk);
      mongoc_collection_destroy(coll);
      mongoc_client_pool_push(g_pool, client);
      return false;
    }
  }
  bson_t reply;
  uint32_t server_id = mongoc_bulk_operation_execute(bulk, &reply, &error);
  bson_destroy(&reply);
  mongoc_bulk_operation_destroy(bulk);
  mongoc_collection_destroy(coll);
  mongoc_client_pool_push(g_pool, client);
  return server_id != 0;
}

static void WatchQueue(std::atomic<bool> *stop, const std::function<void()> &on_insert) {
  mongoc_client_t *client = mongoc_client_pool_pop(g_pool);
  mongoc_collection_t *coll =
      mongoc_client_get_collection(client, g_opts.queue_db.c_str(), g_opts.queue_collection.c_str());
  bson_t *pipeline = BCON_NEW("pipeline", "[", "{", "$match", "{", "operationType",
                              BCON_UTF8("insert"), "}", "}", "]");
  mongoc_change_stream_t *stream = mongoc_collection_watch(coll, pipeline, nullptr);
  const bson_t *change;
  bson_error_t error;
  while (!stop->load()) {
    if (mongoc_change_stream_next(stream, &change)) {
      on_insert();
      continue;
    }
    if (mongoc_change_stream_error_document(stream, &error, nullptr)) {
      std::fprintf(stderr, "change stream: %s\n", error.message);
      break;
    }
  }
  mongoc_change_stream_destroy(stream);
  bson_destroy(pipeline);
  mongoc_collection_destroy(coll);
  mongoc_client_pool_push(g_pool, client);
}

static std::string JobAsJson(const Job &job) {
  bson_t *doc = BCON_NEW("id", BCON_UTF8(job.id.c_str()), "kind", BCON_UTF8(job.kind.c_str()),
                         "attempts", BCON_INT32(job.attempts));
  size_t len = 0;
  char *json = bson_as_relaxed_extended_json(doc, &len);
  std::string out = json ? std::string(json, len) : "{}";
  bson_free(json);
  bson_destroy(doc);
  return out;
}

static bool ArchiveOldResults(int days) {
  mongoc_client_t *client = mongoc_client_pool_pop(g_pool);
  mongoc_database_t *db = mongoc_client_get_database(client, g_opts.queue_db.c_str());
  mongoc_collection_t *results = mongoc_database_get_collection(db, g_opts.results_collection.c_str());
  mongoc_collection_t *archive = mongoc_database_get_collection(db, "results_archive");
  int64_t cutoff = (static_cast<int64_t>(std::time(nullptr)) - days * 86400LL) * 1000;
  bson_t *filter = BCON_NEW("at", "{", "$lt", BCON_DATE_TIME(cutoff), "}");
  mongoc_cursor_t *cursor = mongoc_collection_find_with_opts(results, filter, nullptr, nullptr);
  const bson_t *doc;
  bson_error_t error;
  bool ok = true;
  while (mongoc_cursor_next(cursor, &doc)) {
    if (!mongoc_collection_insert_one(archive, doc, nullptr, nullptr, &error)) {
      ok = false;
      break;
    }
  }
  if (ok && !mongoc_collection_delete_many(results, filter, nullptr, nullptr, &error))
    ok = false;
  mongoc_cursor_destroy(cursor);
  bson_destroy(filter);
  mongoc_collection_destroy(archive);
  mongoc_collection_destroy(results);
  mongoc_database_destroy(db);
  mongoc_client_pool_push(g_pool, client);
  return ok;
}

// ---------------------------------------------------------------------------
// PostgreSQL via libpqxx
// ---------------------------------------------------------------------------

static std::unique_ptr<pqxx::connection> Warehouse() {
  try {
    auto c = std::make_unique<pqxx::connection>(g_opts.pg_dsn);
    c->prepare("insert_metric", "INSERT INTO metrics(job_id, name, value) VALUES ($1, $2, $3)");
    c->prepare("customer_totals",
               "SELECT customer_id, sum(amount) FROM orders WHERE day = $1 GROUP BY 1");
    return c;
  } catch (const std::exception &e) {
    std::cerr << "warehouse: " << e.what() << "\n";
    return nullptr;
  }
}

static std::map<std::string, double> DailyTotals(const std::string &day) {
  std::map<std::string, double> out;
  auto conn = Warehouse();
  if (!conn)
    return out;
  pqxx::read_transaction tx(*conn);
  pqxx::result r = tx.exec_prepared("customer_totals", day);
  for (const auto &row : r)
    out[row[0].as<std::string>()] = row[1].as<double>();
  return out;
}

static bool SaveMetrics(const Job &job, const std::map<std::string, double> &metrics) {
  pqxx::connection *conn = nullptr;
  try {
    conn = new pqxx::connection(g_opts.pg_dsn);
  } catch (const pqxx::broken_connection &e) {
    std::cerr << "save metrics: " << e.what() << "\n";
    return false;
  }
  conn->prepare("insert_metric", "INSERT INTO metrics(job_id, name, value) VALUES ($1, $2, $3)");
  try {
    pqxx::work tx(*conn);
    for (const auto &kv : metrics)
      tx.exec_prepared("insert_metric", job.id, kv.first, kv.second);
    tx.commit();
  } catch (const pqxx::sql_error &e) {
    std::cerr << "save metrics: " << e.what() << " in " << e.query() << "\n";
    return false; // leak: conn is not deleted
  }
  delete conn;
  return true;
}

static long RowCount(const std::string &table) {
  pqxx::connection *conn = new pqxx::connection(g_opts.pg_dsn);
  long n = -1;
  try {
    pqxx::nontransaction tx(*conn);
    pqxx::result r = tx.exec("SELECT count(*) FROM " + tx.quote_name(table));
    n = r[0][0].as<long>();
  } catch (const std::exception &e) {
    std::cerr << "count " << table << ": " << e.what() << "\n";
  }
  delete conn;
  return n;
}

static bool RebuildRollup(const std::string &day) {
  auto conn = Warehouse();
  if (!conn)
    return false;
  try {
    pqxx::work tx(*conn);
    tx.exec0("DELETE FROM daily_rollup WHERE day = " + tx.quote(day));
    tx.exec0("INSERT INTO daily_rollup SELECT day, customer_id, sum(amount), count(*) FROM orders "
             "WHERE day = " + tx.quote(day) + " GROUP BY 1, 2");
    pqxx::row r = tx.exec1("SELECT count(*) FROM daily_rollup WHERE day = " + tx.quote(day));
    if (r[0].as<long>() == 0) {
      tx.abort();
      return false;
    }
    tx.commit();
    return true;
  } catch (const pqxx::failure &e) {
    std::cerr << "rollup: " << e.what() << "\n";
    return false;
  }
}

static std::vector<std::string> TopCustomers(int limit) {
  std::vector<std::string> out;
  auto conn = Warehouse();
  if (!conn)
    return out;
  pqxx::nontransaction tx(*conn);
  pqxx::result r = tx.exec_params(
      "SELECT customer_id FROM daily_rollup GROUP BY 1 ORDER BY sum(total) DESC LIMIT $1", limit);
  out.reserve(r.size());
  for (pqxx::result::size_type i = 0; i < r.size(); ++i)
    out.push_back(r[i][0].c_str());
  return out;
}

static bool ExportDay(const std::string &day, FILE *out) {
  auto conn = Warehouse();
  if (!conn)
    return false;
  pqxx::work tx(*conn);
  pqxx::result r = tx.exec_params("SELECT customer_id, total, n FROM daily_rollup WHERE day = $1", day);
  for (const auto &row : r) {
    if (std::fprintf(out, "%s,%s,%s\n", row[0].c_str(), row[1].c_str(), row[2].c_str()) < 0)
      return false;
  }
  tx.commit();
  return true;
}

// ---------------------------------------------------------------------------
// PostgreSQL via raw libpq for bulk / COPY work
// ---------------------------------------------------------------------------

static PGconn *RawWarehouse() {
  PGconn *conn = PQconnectdb(g_opts.pg_dsn.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::fprintf(stderr, "raw warehouse: %s", PQerrorMessage(conn));
    PQfinish(conn);
    return nullptr;
  }
  return conn;
}

static long CopyOut(const std::string &query, FILE *out) {
  PGconn *conn = RawWarehouse();
  if (!conn)
    return -1;
  std::string sql = "COPY (" + query + ") TO STDOUT WITH CSV";
  PGresult *res = PQexec(conn, sql.c_str());
  if (PQresultStatus(res) != PGRES_COPY_OUT) {
    PQclear(res);
    PQfinish(conn);
    return -1;
  }
  PQclear(res);
  long bytes = 0;
  char *buf = nullptr;
  int n;
  while ((n = PQgetCopyData(conn, &buf, 0)) > 0) {
    std::fwrite(buf, 1, n, out);
    bytes += n;
    PQfreemem(buf);
  }
  res = PQgetResult(conn);
  if (PQresultStatus(res) != PGRES_COMMAND_OK)
    bytes = -1;
  PQclear(res);
  PQfinish(conn);
  return bytes;
}

static bool BulkLoad(const std::string &table, const std::vector<std::string> &lines) {
  PGconn *conn = RawWarehouse();
  if (!conn)
    return false;
  std::string sql = "COPY " + table + " FROM STDIN WITH CSV";
  PGresult *res = PQexec(conn, sql.c_str());
  if (PQresultStatus(res) != PGRES_COPY_IN) {
    PQclear(res);
    PQfinish(conn);
    return false;
  }
  PQclear(res);
  for (const std::string &line : lines) {
    if (PQputCopyData(conn, line.c_str(), static_cast<int>(line.size())) != 1 ||
        PQputCopyData(conn, "\n", 1) != 1) {
      PQputCopyEnd(conn, "aborted");
      res = PQgetResult(conn);
      PQclear(res);
      PQfinish(conn);
      return false;
    }
  }
  PQputCopyEnd(conn, nullptr);
  res = PQgetResult(conn);
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  PQfinish(conn);
  return ok;
}

static bool AnalyzeTables(const std::vector<std::string> &tables) {
  PGconn *conn = RawWarehouse();
  if (!conn)
    return false;
  bool all_ok = true;
  for (size_t i = 0; i < tables.size(); ++i) {
    std::string sql = "ANALYZE " + tables[i];
    PGresult *res = PQexec(conn, sql.c_str());
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_FATAL_ERROR) {
      if (PQstatus(conn) == CONNECTION_BAD) {
        PQclear(res);
        PQfinish(conn);
        conn = RawWarehouse();
        if (!conn)
          return false;
        --i;
        continue;
      }
      all_ok = false;
    }
    PQclear(res);
  }
  PQfinish(conn);
  return all_ok;
}

static std::optional<double> ScalarQuery(const std::string &sql) {
  PGconn *conn = RawWarehouse();
  if (!conn)
    return std::nullopt;
  PGresult *res = PQexec(conn, sql.c_str());
  if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1 || PQnfields(res) != 1) {
    PQclear(res);
    PQfinish(conn);
    return std::nullopt;
  }
  if (PQgetisnull(res, 0, 0)) {
    PQfinish(conn);
    return std::nullopt; // leak: res is not cleared
  }
  double v = std::strtod(PQgetvalue(res, 0, 0), nullptr);
  PQclear(res);
  PQfinish(conn);
  return v;
}

static bool CancelLongQueries(int seconds) {
  PGconn *conn = RawWarehouse();
  if (!conn)
    return false;
  std::string sql = "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE state = 'active' "
                    "AND now() - query_start > interval '" + std::to_string(seconds) + " seconds' "
                    "AND pid <> pg_backend_pid()";
  PGresult *res = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
  PQclear(res);
  PQfinish(conn);
  return ok;
}

// ---------------------------------------------------------------------------
// Job processing
// ---------------------------------------------------------------------------

static bool RunRollupJob(const Job &job) {
  if (!RebuildRollup(job.payload))
    return false;
  auto totals = DailyTotals(job.payload);
  std::map<std::string, double> metrics;
  double sum = 0;
  for (const auto &kv : totals)
    sum += kv.second;
  metrics["customers"] = static_cast<double>(totals.size());
  metrics["revenue"] = sum;
  if (!SaveMetrics(job, metrics))
    return false;
  return StoreResult(job, metrics);
}

static bool RunExportJob(const Job &job) {
  std::string path = "/var/spool/exports/" + job.payload + ".csv";
  FILE *out = std::fopen(path.c_str(), "w");
  if (!out)
    return false;
  bool ok = ExportDay(job.payload, out);
  std::fclose(out);
  if (ok)
    StoreResult(job, {{"exported", 1.0}});
  return ok;
}

static bool RunCopyJob(const Job &job) {
  std::string path = "/var/spool/copies/" + job.id + ".csv";
  FILE *out = std::fopen(path.c_str(), "w");
  if (!out)
    return false;
  long bytes = CopyOut(job.payload, out);
  std::fclose(out);
  if (bytes < 0)
    return false;
  return StoreResult(job, {{"bytes", static_cast<double>(bytes)}});
}

static bool RunMaintenanceJob(const Job &job) {
  if (job.payload == "analyze")
    return AnalyzeTables({"orders", "daily_rollup", "metrics"});
  if (job.payload == "cancel-long")
    return CancelLongQueries(600);
  if (job.payload == "archive")
    return ArchiveOldResults(30);
  if (job.payload == "requeue")
    return RequeueStale(15 * 60 * 1000) >= 0;
  return false;
}

static bool RunStatsJob(const Job &job) {
  std::map<std::string, double> metrics;
  for (const char *table : {"orders", "daily_rollup", "metrics"}) {
    long n = RowCount(table);
    if (n < 0)
      return false;
    metrics[std::string("rows.") + table] = static_cast<double>(n);
  }
  if (auto avg = ScalarQuery("SELECT avg(amount) FROM orders"))
    metrics["avg_amount"] = *avg;
  metrics["pending"] = static_cast<double>(CountByStatus("pending"));
  metrics["failed"] = static_cast<double>(CountByStatus("failed"));
  return StoreResult(job, metrics);
}

static bool Dispatch(const Job &job) {
  if (job.kind == "rollup")
    return RunRollupJob(job);
  if (job.kind == "export")
    return RunExportJob(job);
  if (job.kind == "copy")
    return RunCopyJob(job);
  if (job.kind == "maintenance")
    return RunMaintenanceJob(job);
  if (job.kind == "stats")
    return RunStatsJob(job);
  std::fprintf(stderr, "unknown job kind %s\n", job.kind.c_str());
  return false;
}

static void ProcessOne(const Job &job) {
  bool ok = false;
  try {
    ok = Dispatch(job);
  } catch (const std::exception &e) {
    MarkJob(job, "error", e.what());
    ++g_failed;
    return;
  }
  if (ok) {
    MarkJob(job, "done", "");
    ++g_done;
  } else if (job.attempts >= g_opts.max_attempts) {
    MarkJob(job, "failed", "too many attempts");
    ++g_failed;
  } else {
    MarkJob(job, "pending", "retry");
  }
}

static int DrainBatch(const std::string &worker_id, asio::thread_pool &pool) {
  int claimed = 0;
  for (int i = 0; i < g_opts.batch_size; ++i) {
    std::optional<Job> job = ClaimJob(worker_id);
    if (!job)
      break;
    ++claimed;
    asio::post(pool, [j = *job] { ProcessOne(j); });
  }
  return claimed;
}

class Scheduler {
public:
  Scheduler(asio::io_context &ioc, asio::thread_pool &pool, std::string worker_id)
      : ioc_(ioc), pool_(pool), timer_(ioc), housekeeping_(ioc), worker_id_(std::move(worker_id)) {}

  void Start() {
    SchedulePoll(std::chrono::milliseconds(0));
    ScheduleHousekeeping();
  }

  void Stop() {
    stopped_ = true;
    asio::post(ioc_, [this] {
      timer_.cancel();
      housekeeping_.cancel();
    });
  }

private:
  void SchedulePoll(std::chrono::milliseconds delay) {
    timer_.expires_after(delay);
    timer_.async_wait([this](const boost::system::error_code &ec) {
      if (ec || stopped_)
        return;
      int n = DrainBatch(worker_id_, pool_);
      SchedulePoll(n > 0 ? std::chrono::milliseconds(0)
                         : std::chrono::milliseconds(g_opts.poll_interval_ms));
    });
  }

  void ScheduleHousekeeping() {
    housekeeping_.expires_after(std::chrono::minutes(5));
    housekeeping_.async_wait([this](const boost::system::error_code &ec) {
      if (ec || stopped_)
        return;
      asio::post(pool_, [] {
        int requeued = RequeueStale(15 * 60 * 1000);
        if (requeued > 0)
          std::fprintf(stderr, "requeued %d stale jobs\n", requeued);
        for (const Job &j : ListFailed(10))
          std::fprintf(stderr, "failed: %s\n", JobAsJson(j).c_str());
      });
      ScheduleHousekeeping();
    });
  }

  asio::io_context &ioc_;
  asio::thread_pool &pool_;
  asio::steady_timer timer_;
  asio::steady_timer housekeeping_;
  std::string worker_id_;
  bool stopped_ = false;
};

static void ServeHealth(asio::io_context &ioc, unsigned short port) {
  auto acceptor = std::make_shared<asio::ip::tcp::acceptor>(
      ioc, asio::ip::tcp::endpoint(asio::ip::tcp::v4(), port));
  auto do_accept = std::make_shared<std::function<void()>>();
  *do_accept = [acceptor, do_accept, &ioc] {
    auto socket = std::make_shared<asio::ip::tcp::socket>(ioc);
    acceptor->async_accept(*socket, [socket, do_accept](const boost::system::error_code &ec) {
      if (!ec) {
        bool ok = PingMongo();
        auto msg = std::make_shared<std::string>(
            std::string("HTTP/1.0 ") + (ok ? "200 OK" : "503 Unavailable") +
            "\r\nContent-Type: text/plain\r\n\r\ndone=" + std::to_string(g_done.load()) +
            " failed=" + std::to_string(g_failed.load()) + "\n");
        asio::async_write(*socket, asio::buffer(*msg),
                          [socket, msg](const boost::system::error_code &, std::size_t) {
                            boost::system::error_code ignored;
                            socket->shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
                          });
      }
      (*do_accept)();
    });
  };
  (*do_accept)();
}

static std::vector<std::pair<std::string, std::string>> SeedJobs() {
  std::vector<std::pair<std::string, std::string>> jobs;
  for (const std::string &c : TopCustomers(5))
    jobs.emplace_back("export", c);
  jobs.emplace_back("maintenance", "analyze");
  jobs.emplace_back("stats", "");
  return jobs;
}

static bool ImportSeedFile(const std::string &path) {
  FILE *in = std::fopen(path.c_str(), "r");
  if (!in)
    return false;
  std::vector<std::string> lines;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, in)) {
    size_t n = std::strlen(buf);
    if (n && buf[n - 1] == '\n')
      buf[n - 1] = '\0';
    lines.emplace_back(buf);
  }
  std::fclose(in);
  return BulkLoad("orders_staging", lines);
}

} // namespace worker

int main(int argc, char **argv) {
  using namespace worker;
  if (!InitMongo())
    return 1;
  if (argc > 2 && std::strcmp(argv[1], "--import") == 0) {
    bool ok = ImportSeedFile(argv[2]);
    ShutdownMongo();
    return ok ? 0 : 1;
  }
  if (argc > 1 && std::strcmp(argv[1], "--seed") == 0)
    EnqueueMany(SeedJobs());
  asio::io_context ioc;
  asio::thread_pool pool(4);
  Scheduler sched(ioc, pool, argc > 1 ? argv[argc - 1] : "worker-1");
  sched.Start();
  ServeHealth(ioc, 8081);
  std::atomic<bool> stop{false};
  std::thread watcher([&] { WatchQueue(&stop, [] {}); });
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code &, int) {
    sched.Stop();
    stop = true;
    ioc.stop();
  });
  ioc.run();
  watcher.join();
  pool.join();
  ShutdownMongo();
  return 0;
}
