// connleak-per-request-client: loops that build a client again only after
// the previous one failed are not per request. A connect retry loop (same
// arguments every time) and a loop over distinct endpoints that stops at the
// first one that answers (sentinel or replica discovery) return or break
// once a client works; what tells a working client from a failed one comes
// from the models' `status` entries (PQstatus, c->err, PQresultStatus,
// curl_easy_perform's CURLcode) and from null tests. None is reported.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cflags %pq %hiredis %curl %sqlite

#include <curl/curl.h>
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// Retry: returns the connection once it works.
PGconn *connect_with_retry(const char *ci) {
  for (int attempt = 0; attempt < 5; attempt++) {
    PGconn *c = PQconnectdb(ci);
    if (PQstatus(c) == CONNECTION_OK)
      return c;
    PQfinish(c);
    sleep(1);
  }
  return NULL;
}

// Retry into a variable declared before the loop: breaks once it works.
PGconn *connect_until_up(const char *ci) {
  PGconn *c;
  for (;;) {
    c = PQconnectdb(ci);
    if (PQstatus(c) != CONNECTION_BAD)
      break;
    PQfinish(c);
    sleep(1);
  }
  return c;
}

// Waiting for a server: the test is kept in a flag.
int wait_for_server(const char *ci) {
  for (int i = 0; i < 30; i++) {
    PGconn *c = PQconnectdb(ci);
    int up = PQstatus(c) == CONNECTION_OK;
    PQfinish(c);
    if (up)
      return 0;
    sleep(1);
  }
  return -1;
}

// Retry with `continue` after a failure and a break at the end.
redisContext *redis_connect_retry(const char *host, int port) {
  redisContext *found = NULL;
  while (!found) {
    redisContext *c = redisConnect(host, port);
    if (c == NULL || c->err) {
      redisFree(c);
      sleep(1);
      continue;
    }
    found = c;
    break;
  }
  return found;
}

// The loop's own condition (through a flag) stops it once the context
// works.
void redis_reconnect(redisContext **out, const char *host, int port) {
  redisContext *c;
  int failed;
  do {
    c = redisConnect(host, port);
    failed = c == NULL || c->err;
    if (failed) {
      redisFree(c);
      sleep(1);
    }
  } while (failed);
  *out = c;
}

// Sentinel discovery: the first sentinel that names the master answers.
struct endpoint {
  const char *host;
  int port;
};
int discover_master(const struct endpoint *sentinels, int n, char *master,
                    size_t len) {
  for (int i = 0; i < n; i++) {
    redisContext *c = redisConnect(sentinels[i].host, sentinels[i].port);
    if (c == NULL || c->err) {
      redisFree(c);
      continue;
    }
    redisReply *r =
        redisCommand(c, "SENTINEL get-master-addr-by-name %s", "mymaster");
    if (r && r->type == REDIS_REPLY_ARRAY && r->elements == 2) {
      strncpy(master, r->element[0]->str, len);
      freeReplyObject(r);
      redisFree(c);
      return 0;
    }
    freeReplyObject(r);
    redisFree(c);
  }
  return -1;
}

// Replica discovery: stops at the first host that is a primary.
int find_primary(const char **hosts, int n) {
  int found = -1;
  for (int i = 0; i < n; i++) {
    PGconn *c = PQconnectdb(hosts[i]);
    if (PQstatus(c) != CONNECTION_OK) {
      PQfinish(c);
      continue;
    }
    PGresult *r = PQexec(c, "SELECT pg_is_in_recovery()");
    int primary = PQresultStatus(r) == PGRES_TUPLES_OK &&
                  strcmp(PQgetvalue(r, 0, 0), "f") == 0;
    PQclear(r);
    PQfinish(c);
    if (primary) {
      found = i;
      break;
    }
  }
  return found;
}

// Mirrors: the first transfer that works ends the loop.
int fetch_from_mirrors(const char **mirrors, int n) {
  for (int i = 0; i < n; i++) {
    CURL *h = curl_easy_init();
    if (!h)
      return -1;
    curl_easy_setopt(h, CURLOPT_URL, mirrors[i]);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
    CURLcode rc = curl_easy_perform(h);
    curl_easy_cleanup(h);
    if (rc == CURLE_OK)
      return 0;
  }
  return -1;
}

// SQLite: retry while the database file is being created elsewhere; the
// status variable is initialised before the loop and set in it.
sqlite3 *open_when_ready(const char *path) {
  sqlite3 *db = NULL;
  int rc = SQLITE_ERROR;
  for (int tries = 0; tries < 10; tries++) {
    rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK)
      break;
    sqlite3_close(db);
    db = NULL;
    sleep(1);
  }
  return db;
}

// do { ... } while (0) runs once: it is not a loop.
PGconn *connect_once(const char *ci) {
  PGconn *c = NULL;
  do {
    if (!ci)
      break;
    PGconn *tmp = PQconnectdb(ci);
    if (PQstatus(tmp) != CONNECTION_OK) {
      PQfinish(tmp);
      break;
    }
    c = tmp;
  } while (0);
  return c;
}

// Asking for a password and connecting again (PostgreSQL's client tools):
// the flag that repeats the loop is set only when the connection failed,
// and reset before each attempt; running out of memory ends the process.
char *prompt_password(void);
PGconn *connect_prompting(const char *const *keywords, const char **values,
                          int password_slot) {
  PGconn *conn;
  int new_pass;
  do {
    new_pass = 0;
    conn = PQconnectdbParams(keywords, values, 1);
    if (!conn)
      exit(1);
    if (PQstatus(conn) == CONNECTION_BAD && PQconnectionNeedsPassword(conn)) {
      PQfinish(conn);
      values[password_slot] = prompt_password();
      new_pass = 1;
    }
  } while (new_pass);
  return conn;
}

// The same, with the flag reset only when it was set.
PGconn *connect_prompting_once(const char *const *keywords, const char **values,
                               int need_password) {
  PGconn *conn;
  do {
    if (need_password)
      need_password = 0;
    conn = PQconnectdbParams(keywords, values, 1);
    if (PQstatus(conn) == CONNECTION_BAD && PQconnectionNeedsPassword(conn)) {
      PQfinish(conn);
      need_password = 1;
    }
  } while (need_password);
  return conn;
}

// A `continue` after the test that breaks on success runs only after a
// failure (psql's \connect).
PGconn *reconnect_interactive(const char *const *keywords, const char **values) {
  PGconn *n_conn = NULL;
  int have_password = 0;
  while (1) {
    n_conn = PQconnectStartParams(keywords, values, 0);
    if (PQstatus(n_conn) == CONNECTION_OK)
      break;
    if (!have_password && PQconnectionNeedsPassword(n_conn)) {
      PQfinish(n_conn);
      n_conn = NULL;
      have_password = 1;
      continue;
    }
    break;
  }
  return n_conn;
}
