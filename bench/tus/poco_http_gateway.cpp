// Benchmark translation unit: an HTTP gateway built on Poco::Net's HTTPServer.
// It keeps a local SQLite cache (raw sqlite3 API plus a Poco::Data session pool),
// proxies to upstream services with libcurl and writes orders to MySQL through
// MySQL Connector/C++ (sql::Connection, sql::PreparedStatement...).
//
// Heavy headers: Poco Net/Util/JSON/Data, cppconn; handle-heavy code:
// sqlite3 / sqlite3_stmt, CURL / curl_slist / CURLM, sql::Connection & friends.
// Some functions leak on error paths on purpose (marked "leak:").

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Data/Statement.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <Poco/Util/ServerApplication.h>

#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <curl/curl.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

using Poco::Net::HTTPRequestHandler;
using Poco::Net::HTTPRequestHandlerFactory;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;
using namespace Poco::Data::Keywords;

namespace gateway {

struct Settings {
  std::string cache_path = "/var/lib/gateway/cache.db";
  std::string inventory_url = "http://inventory.internal:8080";
  std::string pricing_url = "http://pricing.internal:8080";
  std::string mysql_url = "tcp://orders-db:3306";
  std::string mysql_user = "gateway";
  std::string mysql_password = "secret";
  std::string mysql_schema = "orders";
  long http_timeout_ms = 2000;
};

static Settings g_settings;
static std::atomic<long> g_requests{0};
static std::atomic<long> g_upstream_errors{0};

// ---------------------------------------------------------------------------
// libcurl upstream calls
// ---------------------------------------------------------------------------

static size_t AppendToString(char *ptr, size_t size, size_t nmemb, void *userdata) {
  auto *out = static_cast<std::string *>(userdata);
  out->append(ptr, size * nmemb);
  return size * nmemb;
}

static bool HttpGet(const std::string &url, std::string *body, long *status) {
  CURL *curl = curl_easy_init();
  if (!curl)
    return false;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendToString);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, g_settings.http_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    ++g_upstream_errors;
    curl_easy_cleanup(curl);
    return false;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
  curl_easy_cleanup(curl);
  return true;
}

static bool HttpPostJson(const std::string &url, const std::string &json, std::string *body) {
  CURL *curl = curl_easy_init();
  if (!curl)
    return false;
  struct curl_slist *headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Accept: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(json.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendToString);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
  CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return rc == CURLE_OK && code >= 200 && code < 300;
}

static bool HttpDelete(const std::string &url) {
  CURL *curl = curl_easy_init();
  if (!curl)
    return false;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "DELETE");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, g_settings.http_timeout_ms);
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    std::cerr << "DELETE " << url << ": " << curl_easy_strerror(rc) << "\n";
    return false; // leak: the easy handle is not cleaned up
  }
  curl_easy_cleanup(curl);
  return true;
}

static std::string UrlEscape(const std::string &raw) {
  CURL *curl = curl_easy_init();
  if (!curl)
    return raw;
  char *esc = curl_easy_escape(curl, raw.c_str(), static_cast<int>(raw.size()));
  std::string out = esc ? esc : raw;
  curl_free(esc);
  curl_easy_cleanup(curl);
  return out;
}

static bool HttpGetWithRetry(const std::string &url, std::string *body, int attempts) {
  CURL *curl = curl_easy_init();
  if (!curl)
    return false;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendToString);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
  for (int i = 0; i < attempts; ++i) {
    body->clear();
    CURLcode rc = curl_easy_perform(curl);
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    if (rc == CURLE_OK && code == 200) {
      curl_easy_cleanup(curl);
      return true;
    }
    if (rc == CURLE_OK && code >= 400 && code < 500)
      break;
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendToString);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
  }
  curl_easy_cleanup(curl);
  return false;
}

static std::map<std::string, std::string> FetchAll(const std::vector<std::string> &urls) {
  std::map<std::string, std::string> out;
  CURLM *multi = curl_multi_init();
  if (!multi)
    return out;
  std::vector<CURL *> easies;
  std::vector<std::string> bodies(urls.size());
  for (size_t i = 0; i < urls.size(); ++i) {
    CURL *e = curl_easy_init();
    if (!e)
      continue;
    curl_easy_setopt(e, CURLOPT_URL, urls[i].c_str());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, AppendToString);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &bodies[i]);
    curl_easy_setopt(e, CURLOPT_PRIVATE, reinterpret_cast<void *>(i));
    curl_multi_add_handle(multi, e);
    easies.push_back(e);
  }
  int running = 0;
  do {
    CURLMcode mc = curl_multi_perform(multi, &running);
    if (mc != CURLM_OK)
      break;
    curl_multi_poll(multi, nullptr, 0, 100, nullptr);
  } while (running > 0);
  CURLMsg *msg;
  int left = 0;
  while ((msg = curl_multi_info_read(multi, &left)) != nullptr) {
    if (msg->msg != CURLMSG_DONE || msg->data.result != CURLE_OK)
      continue;
    void *priv = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
    size_t idx = reinterpret_cast<size_t>(priv);
    out[urls[idx]] = bodies[idx];
  }
  for (CURL *e : easies) {
    curl_multi_remove_handle(multi, e);
    curl_easy_cleanup(e);
  }
  curl_multi_cleanup(multi);
  return out;
}

static bool UploadFile(const std::string &url, const std::string &path) {
  FILE *fp = std::fopen(path.c_str(), "rb");
  if (!fp)
    return false;
  CURL *curl = curl_easy_init();
  if (!curl) {
    std::fclose(fp);
    return false;
  }
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READDATA, fp);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  std::fclose(fp);
  return rc == CURLE_OK;
}

static std::string BuildUrl(const std::string &base, const std::string &path,
                            const std::string &query) {
  CURLU *u = curl_url();
  if (!u)
    return base + path;
  curl_url_set(u, CURLUPART_URL, base.c_str(), 0);
  curl_url_set(u, CURLUPART_PATH, path.c_str(), 0);
  if (!query.empty())
    curl_url_set(u, CURLUPART_QUERY, query.c_str(), CURLU_APPENDQUERY | CURLU_URLENCODE);
  char *full = nullptr;
  if (curl_url_get(u, CURLUPART_URL, &full, 0) != CURLUE_OK) {
    curl_url_cleanup(u);
    return base + path;
  }
  std::string out(full);
  curl_free(full);
  curl_url_cleanup(u);
  return out;
}

// ---------------------------------------------------------------------------
// Local SQLite cache (raw API)
// ---------------------------------------------------------------------------

static sqlite3 *OpenCacheDb(bool readonly) {
  sqlite3 *db = nullptr;
  int flags = readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(g_settings.cache_path.c_str(), &db, flags | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::cerr << "sqlite open: " << sqlite3_errmsg(db) << "\n";
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_busy_timeout(db, 500);
  return db;
}

static bool InitCacheSchema() {
  sqlite3 *db = OpenCacheDb(false);
  if (!db)
    return false;
  char *err = nullptr;
  int rc = sqlite3_exec(db,
                        "CREATE TABLE IF NOT EXISTS http_cache(url TEXT PRIMARY KEY, body BLOB, "
                        "status INTEGER, fetched_at INTEGER);"
                        "CREATE TABLE IF NOT EXISTS prices(sku TEXT PRIMARY KEY, cents INTEGER);"
                        "CREATE TABLE IF NOT EXISTS stock(sku TEXT PRIMARY KEY, qty INTEGER);",
                        nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::cerr << "schema: " << (err ? err : "?") << "\n";
    sqlite3_free(err);
    sqlite3_close(db);
    return false;
  }
  sqlite3_close(db);
  return true;
}

static bool CacheLookup(const std::string &url, std::string *body, long max_age) {
  sqlite3 *db = OpenCacheDb(true);
  if (!db)
    return false;
  sqlite3_stmt *stmt = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT body FROM http_cache WHERE url = ?1 AND "
                         "fetched_at > strftime('%s','now') - ?2",
                         -1, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return false;
  }
  sqlite3_bind_text(stmt, 1, url.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(stmt, 2, max_age);
  bool hit = false;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    const void *blob = sqlite3_column_blob(stmt, 0);
    int n = sqlite3_column_bytes(stmt, 0);
    body->assign(static_cast<const char *>(blob), n);
    hit = true;
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return hit;
}

static bool CacheStore(const std::string &url, const std::string &body, long status) {
  sqlite3 *db = OpenCacheDb(false);
  if (!db)
    return false;
  sqlite3_stmt *stmt = nullptr;
  int rc = sqlite3_prepare_v2(db,
                              "INSERT OR REPLACE INTO http_cache(url, body, status, fetched_at) "
                              "VALUES (?1, ?2, ?3, strftime('%s','now'))",
                              -1, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(db);
    return false;
  }
  sqlite3_bind_text(stmt, 1, url.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob(stmt, 2, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(stmt, 3, status);
  rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE) {
    std::cerr << "cache store: " << sqlite3_errmsg(db) << "\n";
    sqlite3_close(db);
    return false; // leak: stmt is not finalized
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return true;
}

static int CachePurge(long older_than) {
  sqlite3 *db = OpenCacheDb(false);
  if (!db)
    return -1;
  sqlite3_stmt *stmt = nullptr;
  if (sqlite3_prepare_v2(db, "DELETE FROM http_cache WHERE fetched_at < strftime('%s','now') - ?1",
                         -1, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return -1;
  }
  sqlite3_bind_int64(stmt, 1, older_than);
  int rc = sqlite3_step(stmt);
  int changed = rc == SQLITE_DONE ? sqlite3_changes(db) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return changed;
}

static bool StorePrices(const std::map<std::string, long> &prices) {
  sqlite3 *db = OpenCacheDb(false);
  if (!db)
    return false;
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return false;
  }
  sqlite3_stmt *stmt = nullptr;
  if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO prices(sku, cents) VALUES (?1, ?2)", -1, &stmt,
                         nullptr) != SQLITE_OK) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return false;
  }
  for (const auto &kv : prices) {
    sqlite3_bind_text(stmt, 1, kv.first.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 2, kv.second);
    if (sqlite3_step(stmt) != SQLITE_DONE) {
      sqlite3_finalize(stmt);
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_close(db);
      return false;
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
  sqlite3_finalize(stmt);
  bool ok = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(db);
  return ok;
}

static long PriceOf(sqlite3 *db, const std::string &sku) {
  sqlite3_stmt *stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT cents FROM prices WHERE sku = ?1", -1, &stmt, nullptr) !=
      SQLITE_OK)
    return -1;
  sqlite3_bind_text(stmt, 1, sku.c_str(), -1, SQLITE_STATIC);
  long cents = -1;
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW)
    cents = sqlite3_column_int64(stmt, 0);
  else if (rc != SQLITE_DONE)
    std::cerr << "price lookup: " << sqlite3_errmsg(db) << "\n";
  sqlite3_finalize(stmt);
  return cents;
}

static long QuoteBasket(const std::vector<std::pair<std::string, int>> &items) {
  sqlite3 *db = OpenCacheDb(true);
  if (!db)
    return -1;
  long total = 0;
  for (const auto &item : items) {
    long unit = PriceOf(db, item.first);
    if (unit < 0) {
      sqlite3_close(db);
      return -1;
    }
    total += unit * item.second;
  }
  sqlite3_close(db);
  return total;
}

static std::vector<std::string> LowStock(int threshold) {
  std::vector<std::string> out;
  sqlite3 *db = OpenCacheDb(true);
  if (!db)
    return out;
  sqlite3_stmt *stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT sku FROM stock WHERE qty < ?1 ORDER BY qty", -1, &stmt,
                              nullptr);
  if (rc != SQLITE_OK)
    goto done;
  sqlite3_bind_int(stmt, 1, threshold);
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const unsigned char *sku = sqlite3_column_text(stmt, 0);
    if (sku)
      out.emplace_back(reinterpret_cast<const char *>(sku));
  }
  sqlite3_finalize(stmt);
done:
  sqlite3_close(db);
  return out;
}

static bool UpdateStock(const std::string &sku, int delta) {
  sqlite3 *db = OpenCacheDb(false);
  if (!db)
    return false;
  sqlite3_stmt *upd = nullptr;
  sqlite3_stmt *ins = nullptr;
  bool ok = false;
  if (sqlite3_prepare_v2(db, "UPDATE stock SET qty = qty + ?2 WHERE sku = ?1", -1, &upd, nullptr) !=
      SQLITE_OK)
    goto out;
  sqlite3_bind_text(upd, 1, sku.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(upd, 2, delta);
  if (sqlite3_step(upd) != SQLITE_DONE)
    goto out;
  if (sqlite3_changes(db) == 0) {
    if (sqlite3_prepare_v2(db, "INSERT INTO stock(sku, qty) VALUES (?1, ?2)", -1, &ins, nullptr) !=
        SQLITE_OK)
      goto out;
    sqlite3_bind_text(ins, 1, sku.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(ins, 2, delta);
    if (sqlite3_step(ins) != SQLITE_DONE)
      goto out;
  }
  ok = true;
out:
  sqlite3_finalize(ins);
  sqlite3_finalize(upd);
  sqlite3_close(db);
  return ok;
}

static long CacheSizeBytes() {
  sqlite3 *db = OpenCacheDb(true);
  if (!db)
    return -1;
  sqlite3_stmt *stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT sum(length(body)) FROM http_cache", -1, &stmt, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(db);
    return -1;
  }
  long size = 0;
  if (sqlite3_step(stmt) == SQLITE_ROW)
    size = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return size;
}

static bool BackupCache(const std::string &dest_path) {
  sqlite3 *src = OpenCacheDb(true);
  if (!src)
    return false;
  sqlite3 *dst = nullptr;
  if (sqlite3_open(dest_path.c_str(), &dst) != SQLITE_OK) {
    sqlite3_close(dst);
    sqlite3_close(src);
    return false;
  }
  sqlite3_backup *bk = sqlite3_backup_init(dst, "main", src, "main");
  if (!bk) {
    sqlite3_close(dst);
    sqlite3_close(src);
    return false;
  }
  int rc;
  do {
    rc = sqlite3_backup_step(bk, 64);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
      sqlite3_sleep(25);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(bk);
  bool ok = rc == SQLITE_DONE;
  sqlite3_close(dst);
  sqlite3_close(src);
  return ok;
}

// ---------------------------------------------------------------------------
// Poco::Data session pool over the same cache
// ---------------------------------------------------------------------------

static Poco::Data::SessionPool &DataPool() {
  static bool registered = (Poco::Data::SQLite::Connector::registerConnector(), true);
  (void)registered;
  static Poco::Data::SessionPool pool("SQLite", g_settings.cache_path, 1, 8, 60);
  return pool;
}

static std::vector<std::pair<std::string, long>> TopPrices(int limit) {
  std::vector<std::pair<std::string, long>> out;
  Poco::Data::Session session = DataPool().get();
  std::vector<std::string> skus;
  std::vector<long> cents;
  session << "SELECT sku, cents FROM prices ORDER BY cents DESC LIMIT ?", use(limit), into(skus),
      into(cents), now;
  for (size_t i = 0; i < skus.size() && i < cents.size(); ++i)
    out.emplace_back(skus[i], cents[i]);
  return out;
}

static int CountCached() {
  Poco::Data::Session session = DataPool().get();
  int count = 0;
  session << "SELECT count(*) FROM http_cache", into(count), now;
  return count;
}

static std::string StockReportCsv() {
  Poco::Data::Session session = DataPool().get();
  Poco::Data::Statement select(session);
  select << "SELECT sku, qty FROM stock ORDER BY sku";
  select.execute();
  Poco::Data::RecordSet rs(select);
  std::ostringstream os;
  bool more = rs.moveFirst();
  while (more) {
    os << rs[0].convert<std::string>() << ',' << rs[1].convert<std::string>() << '\n';
    more = rs.moveNext();
  }
  return os.str();
}

static bool SetStockPoco(const std::string &sku, int qty) {
  try {
    Poco::Data::Session session = DataPool().get();
    std::string s = sku;
    session << "INSERT OR REPLACE INTO stock(sku, qty) VALUES (?, ?)", use(s), use(qty), now;
    return true;
  } catch (const Poco::Exception &e) {
    std::cerr << "stock: " << e.displayText() << "\n";
    return false;
  }
}

// ---------------------------------------------------------------------------
// MySQL Connector/C++ order store
// ---------------------------------------------------------------------------

static sql::Connection *ConnectOrders() {
  sql::mysql::MySQL_Driver *driver = sql::mysql::get_mysql_driver_instance();
  sql::Connection *con = nullptr;
  try {
    con = driver->connect(g_settings.mysql_url, g_settings.mysql_user, g_settings.mysql_password);
    con->setSchema(g_settings.mysql_schema);
  } catch (const sql::SQLException &e) {
    std::cerr << "mysql connect: " << e.what() << "\n";
    delete con;
    return nullptr;
  }
  return con;
}

static long InsertOrder(const std::string &customer, long total_cents) {
  sql::Connection *con = ConnectOrders();
  if (!con)
    return -1;
  sql::PreparedStatement *ps =
      con->prepareStatement("INSERT INTO orders(customer, total_cents) VALUES (?, ?)");
  ps->setString(1, customer);
  ps->setInt64(2, total_cents);
  ps->executeUpdate();
  delete ps;
  sql::Statement *st = con->createStatement();
  sql::ResultSet *rs = st->executeQuery("SELECT LAST_INSERT_ID()");
  long id = -1;
  if (rs->next())
    id = static_cast<long>(rs->getInt64(1));
  delete rs;
  delete st;
  delete con;
  return id;
}

static bool InsertOrderLines(long order_id, const std::vector<std::pair<std::string, int>> &items) {
  sql::Connection *con = ConnectOrders();
  if (!con)
    return false;
  con->setAutoCommit(false);
  sql::PreparedStatement *ps =
      con->prepareStatement("INSERT INTO order_lines(order_id, sku, qty) VALUES (?, ?, ?)");
  for (const auto &item : items) {
    if (item.second <= 0) {
      con->rollback();
      delete con;
      return false; // leak: ps is not deleted
    }
    ps->setInt64(1, order_id);
    ps->setString(2, item.first);
    ps->setInt(3, item.second);
    ps->executeUpdate();
  }
  con->commit();
  delete ps;
  delete con;
  return true;
}

static std::vector<long> OrdersForCustomer(const std::string &customer) {
  std::vector<long> out;
  std::unique_ptr<sql::Connection> con(ConnectOrders());
  if (!con)
    return out;
  std::unique_ptr<sql::PreparedStatement> ps(
      con->prepareStatement("SELECT id FROM orders WHERE customer = ? ORDER BY id DESC"));
  ps->setString(1, customer);
  std::unique_ptr<sql::ResultSet> rs(ps->executeQuery());
  while (rs->next())
    out.push_back(static_cast<long>(rs->getInt64("id")));
  return out;
}

static bool CancelOrder(long order_id) {
  sql::Connection *con = ConnectOrders();
  if (!con)
    return false;
  sql::PreparedStatement *ps = nullptr;
  try {
    ps = con->prepareStatement("UPDATE orders SET status = 'cancelled' WHERE id = ? AND status = 'open'");
    ps->setInt64(1, order_id);
    int n = ps->executeUpdate();
    delete ps;
    delete con;
    return n == 1;
  } catch (const sql::SQLException &e) {
    std::cerr << "cancel: " << e.getErrorCode() << " " << e.what() << "\n";
    delete ps;
    delete con;
    return false;
  }
}

static std::string OrderSummaryJson(long order_id) {
  sql::Connection *con = ConnectOrders();
  if (!con)
    return "{}";
  sql::PreparedStatement *ps =
      con->prepareStatement("SELECT customer, total_cents, status FROM orders WHERE id = ?");
  ps->setInt64(1, order_id);
  sql::ResultSet *rs = ps->executeQuery();
  if (!rs->next()) {
    delete rs;
    delete ps;
    delete con;
    return "{}";
  }
  Poco::JSON::Object obj;
  obj.set("id", order_id);
  obj.set("customer", std::string(rs->getString("customer")));
  obj.set("total_cents", static_cast<long>(rs->getInt64("total_cents")));
  obj.set("status", std::string(rs->getString("status")));
  delete rs;
  delete ps;
  delete con;
  std::ostringstream os;
  obj.stringify(os);
  return os.str();
}

static int ExpireOpenOrders(int hours) {
  sql::Connection *con = ConnectOrders();
  if (!con)
    return -1;
  sql::Statement *st = con->createStatement();
  int n = st->executeUpdate("UPDATE orders SET status = 'expired' WHERE status = 'open' AND "
                            "created_at < NOW() - INTERVAL " +
                            std::to_string(hours) + " HOUR");
  if (n < 0) {
    delete con;
    return -1; // leak: st is not deleted
  }
  delete st;
  delete con;
  return n;
}

// ---------------------------------------------------------------------------
// Business logic used by the handlers
// ---------------------------------------------------------------------------

static bool RefreshPrices() {
  std::string body;
  long status = 0;
  if (!HttpGet(g_settings.pricing_url + "/v1/prices", &body, &status) || status != 200)
    return false;
  Poco::JSON::Parser parser;
  Poco::Dynamic::Var parsed = parser.parse(body);
  Poco::JSON::Object::Ptr obj = parsed.extract<Poco::JSON::Object::Ptr>();
  std::map<std::string, long> prices;
  for (const auto &kv : *obj)
    prices[kv.first] = kv.second.convert<long>();
  return StorePrices(prices);
}

static bool ReserveStock(const std::vector<std::pair<std::string, int>> &items) {
  Poco::JSON::Object req;
  Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
  for (const auto &item : items) {
    Poco::JSON::Object::Ptr line = new Poco::JSON::Object;
    line->set("sku", item.first);
    line->set("qty", item.second);
    arr->add(line);
  }
  req.set("items", arr);
  std::ostringstream os;
  req.stringify(os);
  std::string resp;
  if (!HttpPostJson(g_settings.inventory_url + "/v1/reserve", os.str(), &resp))
    return false;
  for (const auto &item : items)
    UpdateStock(item.first, -item.second);
  return true;
}

static std::vector<std::pair<std::string, int>> ParseItems(const std::string &body) {
  std::vector<std::pair<std::string, int>> items;
  Poco::JSON::Parser parser;
  Poco::JSON::Object::Ptr obj = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
  Poco::JSON::Array::Ptr arr = obj->getArray("items");
  if (!arr)
    return items;
  for (size_t i = 0; i < arr->size(); ++i) {
    Poco::JSON::Object::Ptr line = arr->getObject(static_cast<unsigned>(i));
    items.emplace_back(line->getValue<std::string>("sku"), line->getValue<int>("qty"));
  }
  return items;
}

static long PlaceOrder(const std::string &customer, const std::string &body) {
  auto items = ParseItems(body);
  if (items.empty())
    return -1;
  long total = QuoteBasket(items);
  if (total < 0) {
    if (!RefreshPrices())
      return -1;
    total = QuoteBasket(items);
    if (total < 0)
      return -1;
  }
  if (!ReserveStock(items))
    return -1;
  long id = InsertOrder(customer, total);
  if (id < 0)
    return -1;
  if (!InsertOrderLines(id, items)) {
    CancelOrder(id);
    return -1;
  }
  return id;
}

static std::string CachedUpstreamGet(const std::string &url, long max_age) {
  std::string body;
  if (CacheLookup(url, &body, max_age))
    return body;
  long status = 0;
  if (!HttpGetWithRetry(url, &body, 3))
    return std::string();
  status = 200;
  CacheStore(url, body, status);
  return body;
}

// ---------------------------------------------------------------------------
// HTTP handlers
// ---------------------------------------------------------------------------

class JsonHandler : public HTTPRequestHandler {
protected:
  static void Reply(HTTPServerResponse &resp, HTTPResponse::HTTPStatus st, const std::string &body) {
    resp.setStatus(st);
    resp.setContentType("application/json");
    resp.setContentLength(static_cast<std::streamsize>(body.size()));
    resp.send() << body;
  }
  static std::string ReadBody(HTTPServerRequest &req) {
    std::string body;
    Poco::StreamCopier::copyToString(req.stream(), body);
    return body;
  }
};

class OrderHandler : public JsonHandler {
public:
  void handleRequest(HTTPServerRequest &req, HTTPServerResponse &resp) override {
    ++g_requests;
    Poco::URI uri(req.getURI());
    Poco::Net::HTMLForm form(req);
    const std::string customer = form.get("customer", "");
    if (req.getMethod() == "POST") {
      if (customer.empty()) {
        Reply(resp, HTTPResponse::HTTP_BAD_REQUEST, "{\"error\":\"customer required\"}");
        return;
      }
      long id = PlaceOrder(customer, ReadBody(req));
      if (id < 0) {
        Reply(resp, HTTPResponse::HTTP_CONFLICT, "{\"error\":\"order failed\"}");
        return;
      }
      Reply(resp, HTTPResponse::HTTP_CREATED, OrderSummaryJson(id));
      return;
    }
    if (req.getMethod() == "DELETE") {
      long id = std::atol(form.get("id", "0").c_str());
      Reply(resp, CancelOrder(id) ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_NOT_FOUND, "{}");
      return;
    }
    std::ostringstream os;
    os << "[";
    bool first = true;
    for (long id : OrdersForCustomer(customer)) {
      if (!first)
        os << ",";
      os << OrderSummaryJson(id);
      first = false;
    }
    os << "]";
    Reply(resp, HTTPResponse::HTTP_OK, os.str());
  }
};

class PriceHandler : public JsonHandler {
public:
  void handleRequest(HTTPServerRequest &req, HTTPServerResponse &resp) override {
    ++g_requests;
    Poco::Net::HTMLForm form(req);
    if (form.has("refresh") && !RefreshPrices()) {
      Reply(resp, HTTPResponse::HTTP_BAD_GATEWAY, "{\"error\":\"pricing unavailable\"}");
      return;
    }
    Poco::JSON::Object obj;
    for (const auto &p : TopPrices(std::atoi(form.get("limit", "20").c_str())))
      obj.set(p.first, p.second);
    std::ostringstream os;
    obj.stringify(os);
    Reply(resp, HTTPResponse::HTTP_OK, os.str());
  }
};

class StockHandler : public JsonHandler {
public:
  void handleRequest(HTTPServerRequest &req, HTTPServerResponse &resp) override {
    ++g_requests;
    Poco::Net::HTMLForm form(req);
    if (req.getMethod() == "PUT") {
      bool ok = SetStockPoco(form.get("sku", ""), std::atoi(form.get("qty", "0").c_str()));
      Reply(resp, ok ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "{}");
      return;
    }
    if (form.has("low")) {
      Poco::JSON::Array arr;
      for (const std::string &sku : LowStock(std::atoi(form.get("low").c_str())))
        arr.add(sku);
      std::ostringstream os;
      arr.stringify(os);
      Reply(resp, HTTPResponse::HTTP_OK, os.str());
      return;
    }
    resp.setContentType("text/csv");
    resp.send() << StockReportCsv();
  }
};

class ProxyHandler : public JsonHandler {
public:
  explicit ProxyHandler(std::string base) : base_(std::move(base)) {}
  void handleRequest(HTTPServerRequest &req, HTTPServerResponse &resp) override {
    ++g_requests;
    Poco::URI uri(req.getURI());
    std::string url = BuildUrl(base_, uri.getPath(), uri.getRawQuery());
    if (req.getMethod() == "GET") {
      std::string body = CachedUpstreamGet(url, 30);
      if (body.empty()) {
        Reply(resp, HTTPResponse::HTTP_BAD_GATEWAY, "{\"error\":\"upstream\"}");
        return;
      }
      Reply(resp, HTTPResponse::HTTP_OK, body);
      return;
    }
    if (req.getMethod() == "DELETE") {
      Reply(resp, HttpDelete(url) ? HTTPResponse::HTTP_NO_CONTENT : HTTPResponse::HTTP_BAD_GATEWAY,
            "");
      return;
    }
    std::string out;
    if (!HttpPostJson(url, ReadBody(req), &out)) {
      Reply(resp, HTTPResponse::HTTP_BAD_GATEWAY, "{\"error\":\"upstream\"}");
      return;
    }
    Reply(resp, HTTPResponse::HTTP_OK, out);
  }

private:
  std::string base_;
};

class AdminHandler : public JsonHandler {
public:
  void handleRequest(HTTPServerRequest &req, HTTPServerResponse &resp) override {
    Poco::Net::HTMLForm form(req);
    std::string action = form.get("action", "status");
    Poco::JSON::Object obj;
    if (action == "purge") {
      obj.set("purged", CachePurge(std::atol(form.get("age", "3600").c_str())));
    } else if (action == "backup") {
      obj.set("backup", BackupCache(form.get("path", "/tmp/cache-backup.db")));
    } else if (action == "expire") {
      obj.set("expired", ExpireOpenOrders(std::atoi(form.get("hours", "24").c_str())));
    } else if (action == "warm") {
      std::vector<std::string> urls = {g_settings.inventory_url + "/v1/skus?since=" +
                                           UrlEscape(form.get("since", "")),
                                       g_settings.pricing_url + "/v1/prices"};
      auto bodies = FetchAll(urls);
      for (const auto &kv : bodies)
        CacheStore(kv.first, kv.second, 200);
      obj.set("warmed", static_cast<int>(bodies.size()));
    } else {
      obj.set("requests", g_requests.load());
      obj.set("upstream_errors", g_upstream_errors.load());
      obj.set("cache_entries", CountCached());
      obj.set("cache_bytes", CacheSizeBytes());
    }
    std::ostringstream os;
    obj.stringify(os);
    Reply(resp, HTTPResponse::HTTP_OK, os.str());
  }
};

class NotFoundHandler : public JsonHandler {
public:
  void handleRequest(HTTPServerRequest &, HTTPServerResponse &resp) override {
    Reply(resp, HTTPResponse::HTTP_NOT_FOUND, "{\"error\":\"not found\"}");
  }
};

class Router : public HTTPRequestHandlerFactory {
public:
  HTTPRequestHandler *createRequestHandler(const HTTPServerRequest &req) override {
    const std::string &uri = req.getURI();
    if (uri.rfind("/orders", 0) == 0)
      return new OrderHandler;
    if (uri.rfind("/prices", 0) == 0)
      return new PriceHandler;
    if (uri.rfind("/stock", 0) == 0)
      return new StockHandler;
    if (uri.rfind("/inventory/", 0) == 0)
      return new ProxyHandler(g_settings.inventory_url);
    if (uri.rfind("/pricing/", 0) == 0)
      return new ProxyHandler(g_settings.pricing_url);
    if (uri.rfind("/admin", 0) == 0)
      return new AdminHandler;
    return new NotFoundHandler;
  }
};

class GatewayApp : public Poco::Util::ServerApplication {
protected:
  int main(const std::vector<std::string> &args) override {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      return Application::EXIT_SOFTWARE;
    if (!InitCacheSchema()) {
      curl_global_cleanup();
      return Application::EXIT_CANTCREAT;
    }
    if (!args.empty())
      UploadFile(args[0], g_settings.cache_path);
    Poco::Net::ServerSocket socket(8080);
    auto *params = new Poco::Net::HTTPServerParams;
    params->setMaxQueued(256);
    params->setMaxThreads(32);
    Poco::Net::HTTPServer server(new Router, socket, params);
    server.start();
    waitForTerminationRequest();
    server.stop();
    curl_global_cleanup();
    return Application::EXIT_OK;
  }
};

} // namespace gateway

int main(int argc, char **argv) {
  gateway::GatewayApp app;
  return app.run(argc, argv);
}
