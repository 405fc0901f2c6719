// Benchmark translation unit: a user/profile repository library.
// The primary store is PostgreSQL through SOCI (connection_pool lease /
// give_back, pooled sessions, rowsets, transactions); a legacy MySQL database is
// read with the MySQL C API; settings and exports use Boost.PropertyTree.
//
// Heavy headers: <soci/soci.h> + the postgresql backend, Boost PropertyTree,
// Boost.Algorithm, <mysql.h>; handle-heavy code: soci pool positions, MYSQL,
// MYSQL_RES, MYSQL_STMT, sqlite3 handles for a local audit file.
// Some functions leak on error paths on purpose (marked "leak:").

#include <soci/soci.h>
#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>

#include <boost/algorithm/string.hpp>
#include <boost/lexical_cast.hpp>
#include <boost/optional.hpp>
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <mysql.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace repo {

namespace pt = boost::property_tree;

struct User {
  long id = 0;
  std::string login;
  std::string email;
  std::string country;
  int karma = 0;
  bool banned = false;
};

struct LegacyConfig {
  std::string host = "legacy-mysql";
  std::string user = "reader";
  std::string password = "reader";
  std::string db = "forum";
  unsigned port = 3306;
};

static std::unique_ptr<soci::connection_pool> g_pool;
static LegacyConfig g_legacy;
static std::string g_audit_path = "/var/lib/repo/audit.db";
static int g_lease_timeout_ms = 250;

// ---------------------------------------------------------------------------
// Pool setup
// ---------------------------------------------------------------------------

bool InitPool(const std::string &connstr, std::size_t size) {
  g_pool = std::make_unique<soci::connection_pool>(size);
  try {
    for (std::size_t i = 0; i < size; ++i)
      g_pool->at(i).open(soci::postgresql, connstr);
  } catch (const soci::soci_error &e) {
    std::cerr << "pool init: " << e.what() << "\n";
    g_pool.reset();
    return false;
  }
  return true;
}

bool LoadSettings(const std::string &path) {
  pt::ptree tree;
  try {
    pt::read_json(path, tree);
  } catch (const pt::json_parser_error &e) {
    std::cerr << "settings: " << e.what() << "\n";
    return false;
  }
  g_legacy.host = tree.get("legacy.host", g_legacy.host);
  g_legacy.user = tree.get("legacy.user", g_legacy.user);
  g_legacy.password = tree.get("legacy.password", g_legacy.password);
  g_legacy.db = tree.get("legacy.db", g_legacy.db);
  g_legacy.port = tree.get("legacy.port", g_legacy.port);
  g_audit_path = tree.get("audit.path", g_audit_path);
  g_lease_timeout_ms = tree.get("pool.lease_timeout_ms", g_lease_timeout_ms);
  std::string pg = tree.get<std::string>("postgres.connstr", "");
  if (pg.empty())
    return false;
  return InitPool(pg, tree.get<std::size_t>("postgres.pool_size", 4));
}

// ---------------------------------------------------------------------------
// SOCI repository functions
// ---------------------------------------------------------------------------

static User RowToUser(const soci::row &r) {
  User u;
  u.id = r.get<long long>(0);
  u.login = r.get<std::string>(1);
  u.email = r.get<std::string>(2, "");
  u.country = r.get<std::string>(3, "");
  u.karma = r.get<int>(4, 0);
  u.banned = r.get<int>(5, 0) != 0;
  return u;
}

boost::optional<User> FindUser(long id) {
  std::size_t pos = g_pool->lease();
  soci::session &sql = g_pool->at(pos);
  soci::row r;
  sql << "SELECT id, login, email, country, karma, banned::int FROM users WHERE id = :id",
      soci::use(id), soci::into(r);
  boost::optional<User> out;
  if (sql.got_data())
    out = RowToUser(r);
  g_pool->give_back(pos);
  return out;
}

boost::optional<User> FindUserByLogin(const std::string &login) {
  std::size_t pos;
  if (!g_pool->try_lease(pos, g_lease_timeout_ms))
    return boost::none;
  try {
    soci::session &sql = g_pool->at(pos);
    soci::row r;
    std::string l = boost::algorithm::to_lower_copy(login);
    sql << "SELECT id, login, email, country, karma, banned::int FROM users WHERE lower(login) = :l",
        soci::use(l), soci::into(r);
    if (!sql.got_data()) {
      g_pool->give_back(pos);
      return boost::none;
    }
    User u = RowToUser(r);
    g_pool->give_back(pos);
    return u;
  } catch (const soci::soci_error &e) {
    std::cerr << "find by login: " << e.what() << "\n";
    g_pool->give_back(pos);
    return boost::none;
  }
}

std::vector<User> UsersInCountry(const std::string &country, int limit) {
  std::vector<User> out;
  soci::session sql(*g_pool);
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT id, login, email, country, karma, banned::int FROM users "
                      "WHERE country = :c ORDER BY karma DESC LIMIT :n",
       soci::use(country), soci::use(limit));
  for (const soci::row &r : rs)
    out.push_back(RowToUser(r));
  return out;
}

long CountUsers() {
  std::size_t pos = g_pool->lease();
  long long n = 0;
  try {
    g_pool->at(pos) << "SELECT count(*) FROM users", soci::into(n);
  } catch (const soci::soci_error &) {
    return -1; // leak: the pool slot is never given back
  }
  g_pool->give_back(pos);
  return static_cast<long>(n);
}

long CreateUser(const User &u) {
  std::size_t pos = g_pool->lease();
  soci::session &sql = g_pool->at(pos);
  long long id = 0;
  try {
    soci::transaction tr(sql);
    sql << "INSERT INTO users(login, email, country, karma, banned) "
           "VALUES (:login, :email, :country, 0, false) RETURNING id",
        soci::use(u.login), soci::use(u.email), soci::use(u.country), soci::into(id);
    sql << "INSERT INTO user_events(user_id, kind) VALUES (:id, 'created')", soci::use(id);
    tr.commit();
  } catch (const soci::soci_error &e) {
    std::cerr << "create user: " << e.what() << "\n";
    g_pool->give_back(pos);
    return -1;
  }
  g_pool->give_back(pos);
  return static_cast<long>(id);
}

bool UpdateKarma(const std::map<long, int> &deltas) {
  std::size_t pos = g_pool->lease();
  soci::session &sql = g_pool->at(pos);
  bool ok = true;
  try {
    soci::transaction tr(sql);
    long id = 0;
    int delta = 0;
    soci::statement st = (sql.prepare << "UPDATE users SET karma = karma + :d WHERE id = :id",
                          soci::use(delta), soci::use(id));
    for (const auto &kv : deltas) {
      id = kv.first;
      delta = kv.second;
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        ok = false;
        break;
      }
    }
    if (ok)
      tr.commit();
    else
      tr.rollback();
  } catch (const soci::soci_error &e) {
    std::cerr << "karma: " << e.what() << "\n";
    ok = false;
  }
  g_pool->give_back(pos);
  return ok;
}

bool BanUser(long id, const std::string &reason) {
  std::size_t pos;
  if (!g_pool->try_lease(pos, g_lease_timeout_ms))
    return false;
  soci::session &sql = g_pool->at(pos);
  int banned = 0;
  soci::indicator ind;
  sql << "SELECT banned::int FROM users WHERE id = :id", soci::use(id), soci::into(banned, ind);
  if (!sql.got_data() || ind != soci::i_ok)
    return false; // leak: slot not given back when the user does not exist
  if (banned) {
    g_pool->give_back(pos);
    return true;
  }
  sql << "UPDATE users SET banned = true WHERE id = :id", soci::use(id);
  sql << "INSERT INTO user_events(user_id, kind, detail) VALUES (:id, 'banned', :r)", soci::use(id),
      soci::use(reason);
  g_pool->give_back(pos);
  return true;
}

int DeleteInactive(int days) {
  soci::session sql(*g_pool);
  int n = 0;
  soci::statement st = (sql.prepare << "DELETE FROM users WHERE last_login < now() - (:d || ' days')::interval",
                        soci::use(days));
  st.execute(true);
  n = static_cast<int>(st.get_affected_rows());
  return n;
}

std::map<std::string, long> CountryHistogram() {
  std::map<std::string, long> out;
  std::size_t pos = g_pool->lease();
  soci::session &sql = g_pool->at(pos);
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT coalesce(country, 'unknown'), count(*) FROM users GROUP BY 1");
  for (auto it = rs.begin(); it != rs.end(); ++it)
    out[it->get<std::string>(0)] = static_cast<long>(it->get<long long>(1));
  g_pool->give_back(pos);
  return out;
}

std::vector<long> TopContributors(int n) {
  std::vector<long long> ids(static_cast<std::size_t>(n));
  std::size_t pos = g_pool->lease();
  g_pool->at(pos) << "SELECT id FROM users ORDER BY karma DESC LIMIT :n", soci::use(n),
      soci::into(ids);
  g_pool->give_back(pos);
  return std::vector<long>(ids.begin(), ids.end());
}

bool MergeUsers(long keep, long drop) {
  if (keep == drop)
    return false;
  std::size_t pos = g_pool->lease();
  soci::session &sql = g_pool->at(pos);
  try {
    soci::transaction tr(sql);
    static const char *const kTables[] = {"posts", "comments", "votes", "user_events"};
    for (const char *t : kTables) {
      std::string q = std::string("UPDATE ") + t + " SET user_id = :keep WHERE user_id = :drop";
      sql << q, soci::use(keep), soci::use(drop);
    }
    sql << "UPDATE users u SET karma = u.karma + d.karma FROM users d WHERE u.id = :keep AND d.id = :drop",
        soci::use(keep), soci::use(drop);
    sql << "DELETE FROM users WHERE id = :drop", soci::use(drop);
    tr.commit();
  } catch (const std::exception &e) {
    std::cerr << "merge: " << e.what() << "\n";
    g_pool->give_back(pos);
    return false;
  }
  g_pool->give_back(pos);
  return true;
}

std::string ExportUsersJson(const std::vector<long> &ids) {
  pt::ptree root, arr;
  std::size_t pos = g_pool->lease();
  soci::session &sql = g_pool->at(pos);
  for (long id : ids) {
    soci::row r;
    sql << "SELECT id, login, email, country, karma, banned::int FROM users WHERE id = :id",
        soci::use(id), soci::into(r);
    if (!sql.got_data())
      continue;
    User u = RowToUser(r);
    pt::ptree node;
    node.put("id", u.id);
    node.put("login", u.login);
    node.put("email", u.email);
    node.put("karma", u.karma);
    arr.push_back(std::make_pair("", node));
  }
  g_pool->give_back(pos);
  root.add_child("users", arr);
  std::ostringstream os;
  pt::write_json(os, root, false);
  return os.str();
}

bool HealthCheck() {
  std::size_t pos;
  if (!g_pool->try_lease(pos, 50))
    return false;
  int one = 0;
  bool ok;
  try {
    g_pool->at(pos) << "SELECT 1", soci::into(one);
    ok = one == 1;
  } catch (const soci::soci_error &) {
    ok = false;
    try {
      g_pool->at(pos).reconnect();
    } catch (...) {
    }
  }
  g_pool->give_back(pos);
  return ok;
}

std::vector<std::string> SearchLogins(const std::string &fragment) {
  std::vector<std::string> out;
  std::string pattern = "%" + boost::algorithm::replace_all_copy(fragment, "%", "\\%") + "%";
  std::size_t pos = g_pool->lease();
  soci::session &sql = g_pool->at(pos);
  std::string login;
  soci::statement st = (sql.prepare << "SELECT login FROM users WHERE login ILIKE :p ORDER BY login LIMIT 100",
                        soci::use(pattern), soci::into(login));
  st.execute();
  while (st.fetch())
    out.push_back(login);
  g_pool->give_back(pos);
  return out;
}

// ---------------------------------------------------------------------------
// Legacy MySQL (C API)
// ---------------------------------------------------------------------------

static MYSQL *OpenLegacy() {
  MYSQL *db = mysql_init(nullptr);
  if (!db)
    return nullptr;
  unsigned int timeout = 3;
  mysql_options(db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  if (!mysql_real_connect(db, g_legacy.host.c_str(), g_legacy.user.c_str(),
                          g_legacy.password.c_str(), g_legacy.db.c_str(), g_legacy.port, nullptr,
                          0)) {
    std::cerr << "legacy connect: " << mysql_error(db) << "\n";
    mysql_close(db);
    return nullptr;
  }
  return db;
}

std::vector<std::string> LegacyLogins(int limit) {
  std::vector<std::string> out;
  MYSQL *db = OpenLegacy();
  if (!db)
    return out;
  std::string q = "SELECT username FROM phpbb_users ORDER BY user_id LIMIT " + std::to_string(limit);
  if (mysql_query(db, q.c_str()) != 0) {
    mysql_close(db);
    return out;
  }
  MYSQL_RES *res = mysql_store_result(db);
  if (!res) {
    mysql_close(db);
    return out;
  }
  MYSQL_ROW row;
  while ((row = mysql_fetch_row(res)) != nullptr) {
    if (row[0])
      out.emplace_back(row[0]);
  }
  mysql_free_result(res);
  mysql_close(db);
  return out;
}

boost::optional<std::string> LegacyEmail(const std::string &login) {
  MYSQL *db = OpenLegacy();
  if (!db)
    return boost::none;
  std::vector<char> esc(login.size() * 2 + 1);
  mysql_real_escape_string(db, esc.data(), login.c_str(), static_cast<unsigned long>(login.size()));
  std::string q = std::string("SELECT user_email FROM phpbb_users WHERE username = '") + esc.data() + "'";
  if (mysql_real_query(db, q.c_str(), static_cast<unsigned long>(q.size())) != 0) {
    std::cerr << "legacy email: " << mysql_error(db) << "\n";
    return boost::none; // leak: db not closed
  }
  MYSQL_RES *res = mysql_store_result(db);
  boost::optional<std::string> out;
  if (res) {
    MYSQL_ROW row = mysql_fetch_row(res);
    if (row && row[0])
      out = std::string(row[0]);
    mysql_free_result(res);
  }
  mysql_close(db);
  return out;
}

long LegacyPostCount(long legacy_user_id) {
  MYSQL *db = OpenLegacy();
  if (!db)
    return -1;
  MYSQL_STMT *stmt = mysql_stmt_init(db);
  if (!stmt) {
    mysql_close(db);
    return -1;
  }
  const char *q = "SELECT count(*) FROM phpbb_posts WHERE poster_id = ?";
  if (mysql_stmt_prepare(stmt, q, static_cast<unsigned long>(std::strlen(q))) != 0) {
    mysql_stmt_close(stmt);
    mysql_close(db);
    return -1;
  }
  MYSQL_BIND param;
  std::memset(&param, 0, sizeof param);
  long long uid = legacy_user_id;
  param.buffer_type = MYSQL_TYPE_LONGLONG;
  param.buffer = &uid;
  MYSQL_BIND result;
  std::memset(&result, 0, sizeof result);
  long long count = -1;
  result.buffer_type = MYSQL_TYPE_LONGLONG;
  result.buffer = &count;
  if (mysql_stmt_bind_param(stmt, &param) || mysql_stmt_execute(stmt) ||
      mysql_stmt_bind_result(stmt, &result)) {
    std::cerr << "legacy count: " << mysql_stmt_error(stmt) << "\n";
    mysql_stmt_close(stmt);
    mysql_close(db);
    return -1;
  }
  if (mysql_stmt_fetch(stmt) != 0)
    count = -1;
  mysql_stmt_free_result(stmt);
  mysql_stmt_close(stmt);
  mysql_close(db);
  return static_cast<long>(count);
}

int MigrateLegacyUsers(int batch) {
  MYSQL *db = OpenLegacy();
  if (!db)
    return -1;
  if (mysql_query(db, "SELECT username, user_email FROM phpbb_users WHERE user_type <> 2") != 0) {
    mysql_close(db);
    return -1;
  }
  MYSQL_RES *res = mysql_use_result(db);
  if (!res) {
    mysql_close(db);
    return -1;
  }
  int migrated = 0;
  std::size_t pos = g_pool->lease();
  soci::session &sql = g_pool->at(pos);
  MYSQL_ROW row;
  int in_batch = 0;
  std::unique_ptr<soci::transaction> tr(new soci::transaction(sql));
  while ((row = mysql_fetch_row(res)) != nullptr) {
    if (!row[0] || !row[1])
      continue;
    std::string login = row[0], email = row[1];
    try {
      sql << "INSERT INTO users(login, email) VALUES (:l, :e) ON CONFLICT DO NOTHING",
          soci::use(login), soci::use(email);
    } catch (const soci::soci_error &e) {
      std::cerr << "migrate " << login << ": " << e.what() << "\n";
      tr->rollback();
      mysql_free_result(res);
      mysql_close(db);
      g_pool->give_back(pos);
      return -1;
    }
    ++migrated;
    if (++in_batch == batch) {
      tr->commit();
      tr.reset(new soci::transaction(sql));
      in_batch = 0;
    }
  }
  tr->commit();
  tr.reset();
  mysql_free_result(res);
  mysql_close(db);
  g_pool->give_back(pos);
  return migrated;
}

bool LegacyPing() {
  MYSQL *db = OpenLegacy();
  if (!db)
    return false;
  bool ok = mysql_ping(db) == 0;
  mysql_close(db);
  return ok;
}

bool LegacyMarkMigrated(const std::vector<std::string> &logins) {
  MYSQL *db = OpenLegacy();
  if (!db)
    return false;
  mysql_autocommit(db, 0);
  for (const std::string &l : logins) {
    std::vector<char> esc(l.size() * 2 + 1);
    mysql_real_escape_string(db, esc.data(), l.c_str(), static_cast<unsigned long>(l.size()));
    std::string q = std::string("UPDATE phpbb_users SET migrated = 1 WHERE username = '") +
                    esc.data() + "'";
    if (mysql_query(db, q.c_str()) != 0) {
      mysql_rollback(db);
      mysql_close(db);
      return false;
    }
  }
  bool ok = mysql_commit(db) == 0;
  mysql_close(db);
  return ok;
}

std::map<std::string, std::string> LegacyServerInfo() {
  std::map<std::string, std::string> out;
  MYSQL *db = OpenLegacy();
  if (!db)
    return out;
  out["server"] = mysql_get_server_info(db);
  out["host"] = mysql_get_host_info(db);
  if (mysql_query(db, "SHOW VARIABLES LIKE 'max_connections'") == 0) {
    MYSQL_RES *res = mysql_store_result(db);
    if (res) {
      MYSQL_ROW row = mysql_fetch_row(res);
      if (row && row[1])
        out["max_connections"] = row[1];
      mysql_free_result(res);
    }
  }
  mysql_close(db);
  return out;
}

// ---------------------------------------------------------------------------
// Local audit file (sqlite3)
// ---------------------------------------------------------------------------

static sqlite3 *OpenAudit() {
  sqlite3 *db = nullptr;
  if (sqlite3_open(g_audit_path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS audit(ts INTEGER, actor TEXT, action TEXT, target INTEGER)",
               nullptr, nullptr, nullptr);
  return db;
}

bool Audit(const std::string &actor, const std::string &action, long target) {
  sqlite3 *db = OpenAudit();
  if (!db)
    return false;
  sqlite3_stmt *st = nullptr;
  if (sqlite3_prepare_v2(db, "INSERT INTO audit VALUES (strftime('%s','now'), ?, ?, ?)", -1, &st,
                         nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return false;
  }
  sqlite3_bind_text(st, 1, actor.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, action.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 3, target);
  bool ok = sqlite3_step(st) == SQLITE_DONE;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return ok;
}

std::vector<std::string> AuditTrail(long target, int limit) {
  std::vector<std::string> out;
  sqlite3 *db = OpenAudit();
  if (!db)
    return out;
  sqlite3_stmt *st = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT ts, actor, action FROM audit WHERE target = ? ORDER BY ts DESC LIMIT ?",
                              -1, &st, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(db);
    return out;
  }
  sqlite3_bind_int64(st, 1, target);
  sqlite3_bind_int(st, 2, limit);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::ostringstream os;
    os << sqlite3_column_int64(st, 0) << ' ' << sqlite3_column_text(st, 1) << ' '
       << sqlite3_column_text(st, 2);
    out.push_back(os.str());
  }
  if (rc != SQLITE_DONE) {
    std::cerr << "audit trail: " << sqlite3_errmsg(db) << "\n";
    sqlite3_finalize(st);
    return out; // leak: db is not closed on the error path
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

int PruneAudit(int keep_days) {
  sqlite3 *db = OpenAudit();
  if (!db)
    return -1;
  sqlite3_stmt *st = nullptr;
  int n = -1;
  if (sqlite3_prepare_v2(db, "DELETE FROM audit WHERE ts < strftime('%s','now') - ? * 86400", -1, &st,
                         nullptr) == SQLITE_OK) {
    sqlite3_bind_int(st, 1, keep_days);
    if (sqlite3_step(st) == SQLITE_DONE)
      n = sqlite3_changes(db);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

// ---------------------------------------------------------------------------
// Higher-level operations combining the stores
// ---------------------------------------------------------------------------

bool BanAndAudit(const std::string &actor, long id, const std::string &reason) {
  if (!BanUser(id, reason))
    return false;
  return Audit(actor, "ban:" + reason, id);
}

bool ImportLegacyUser(const std::string &actor, const std::string &login) {
  if (FindUserByLogin(login))
    return true;
  auto email = LegacyEmail(login);
  if (!email)
    return false;
  User u;
  u.login = login;
  u.email = *email;
  long id = CreateUser(u);
  if (id < 0)
    return false;
  Audit(actor, "import", id);
  return LegacyMarkMigrated({login});
}

std::string UserReport(long id) {
  auto u = FindUser(id);
  if (!u)
    return "{}";
  pt::ptree root;
  root.put("id", u->id);
  root.put("login", u->login);
  root.put("karma", u->karma);
  root.put("banned", u->banned);
  pt::ptree trail;
  for (const std::string &line : AuditTrail(id, 20)) {
    pt::ptree item;
    item.put("", line);
    trail.push_back(std::make_pair("", item));
  }
  root.add_child("audit", trail);
  std::ostringstream os;
  pt::write_json(os, root);
  return os.str();
}

std::string SystemReport() {
  pt::ptree root;
  root.put("users", CountUsers());
  root.put("pool_healthy", HealthCheck());
  root.put("legacy_up", LegacyPing());
  for (const auto &kv : LegacyServerInfo())
    root.put("legacy." + kv.first, kv.second);
  for (const auto &kv : CountryHistogram())
    root.put("countries." + kv.first, kv.second);
  std::ostringstream os;
  pt::write_json(os, root);
  return os.str();
}

int RecomputeKarmaFromLegacy(const std::vector<std::pair<long, long>> &mapping) {
  std::map<long, int> deltas;
  for (const auto &m : mapping) {
    long posts = LegacyPostCount(m.second);
    if (posts < 0)
      continue;
    deltas[m.first] = static_cast<int>(posts / 10);
  }
  if (!UpdateKarma(deltas))
    return -1;
  return static_cast<int>(deltas.size());
}

std::vector<std::string> ParseLoginList(const std::string &csv) {
  std::vector<std::string> parts;
  boost::algorithm::split(parts, csv, boost::is_any_of(",;"), boost::token_compress_on);
  for (std::string &p : parts)
    boost::algorithm::trim(p);
  parts.erase(std::remove_if(parts.begin(), parts.end(), [](const std::string &s) { return s.empty(); }),
              parts.end());
  return parts;
}

int BulkImport(const std::string &actor, const std::string &csv) {
  int ok = 0;
  for (const std::string &login : ParseLoginList(csv)) {
    if (ImportLegacyUser(actor, login))
      ++ok;
  }
  return ok;
}

bool SnapshotToSqlite(const std::string &path) {
  soci::session local("sqlite3", "db=" + path); // backend loaded dynamically
  local << "CREATE TABLE IF NOT EXISTS users(id INTEGER PRIMARY KEY, login TEXT, karma INTEGER)";
  std::size_t pos = g_pool->lease();
  soci::session &sql = g_pool->at(pos);
  soci::rowset<soci::row> rs = (sql.prepare << "SELECT id, login, karma FROM users");
  soci::transaction tr(local);
  for (const soci::row &r : rs) {
    long long id = r.get<long long>(0);
    std::string login = r.get<std::string>(1);
    int karma = r.get<int>(2, 0);
    local << "INSERT OR REPLACE INTO users VALUES (:id, :l, :k)", soci::use(id), soci::use(login),
        soci::use(karma);
  }
  tr.commit();
  g_pool->give_back(pos);
  return true;
}

long ParseIdOrThrow(const std::string &s) {
  try {
    return boost::lexical_cast<long>(boost::algorithm::trim_copy(s));
  } catch (const boost::bad_lexical_cast &) {
    throw std::invalid_argument("not an id: " + s);
  }
}

} // namespace repo

int main(int argc, char **argv) {
  if (argc < 2 || !repo::LoadSettings(argv[1]))
    return 1;
  if (argc > 3 && std::strcmp(argv[2], "import") == 0)
    return repo::BulkImport("cli", argv[3]) > 0 ? 0 : 1;
  if (argc > 3 && std::strcmp(argv[2], "user") == 0) {
    std::cout << repo::UserReport(repo::ParseIdOrThrow(argv[3])) << "\n";
    return 0;
  }
  if (argc > 3 && std::strcmp(argv[2], "snapshot") == 0)
    return repo::SnapshotToSqlite(argv[3]) ? 0 : 1;
  repo::PruneAudit(90);
  repo::DeleteInactive(730);
  std::cout << repo::SystemReport() << "\n";
  for (long id : repo::TopContributors(10))
    std::cout << repo::ExportUsersJson({id}) << "\n";
  for (const std::string &l : repo::SearchLogins("admin"))
    std::cout << l << "\n";
  repo::MigrateLegacyUsers(500);
  repo::MergeUsers(1, 2);
  for (const repo::User &u : repo::UsersInCountry("DE", 10))
    std::cout << u.login << "\n";
  std::cout << repo::LegacyLogins(10).size() << "\n";
  return 0;
}
