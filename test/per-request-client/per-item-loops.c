// connleak-per-request-client: a client built for each item of a loop that
// goes on after the client worked is reported, whatever the loop does when
// a client fails (return, break, continue, goto), and also when the client
// comes out through an out-parameter (sqlite3_open(path, &db)) or lives in
// a variable declared before the loop that the iteration releases.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cflags %pq %hiredis %curl %sqlite

#include <curl/curl.h>
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stddef.h>
#include <unistd.h>

// sqlite3_open_v2 of the same file per item, handle through an out-parameter; a failed open
// ends the loop.
int count_rows(const char *path, int n) {
  int total = 0;
  for (int i = 0; i < n; i++) {
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'sqlite3_open_v2' builds a new connection inside a loop [connleak-per-request-client]
      sqlite3_close(db);
      return -1;
    }
    total += sqlite3_total_changes(db);
    sqlite3_close(db);
  }
  return total;
}

// sqlite3_open per item into a variable declared before the loop, closed in
// the iteration; the status kept in a variable, a failure skips the item.
int vacuum_all(const char *path, int n) {
  sqlite3 *db = NULL;
  int rc;
  for (int i = 0; i < n; i++) {
    rc = sqlite3_open(path, &db);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'sqlite3_open' builds a new connection inside a loop [connleak-per-request-client]
    if (rc != SQLITE_OK) {
      sqlite3_close(db);
      continue;
    }
    sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
    sqlite3_close(db);
  }
  return 0;
}

// The status as a truth value.
void touch_all(const char *path, int n) {
  for (int i = 0; i < n; i++) {
    sqlite3 *db;
    if (sqlite3_open(path, &db)) {
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'sqlite3_open' builds a new connection inside a loop [connleak-per-request-client]
      sqlite3_close(db);
      break;
    }
    sqlite3_close(db);
  }
}

// The same connection string every time (a job per connection), with an
// error return: not a retry, the loop goes on after a working connection.
int run_jobs(const char *ci, const char **jobs, int n) {
  for (int i = 0; i < n; i++) {
    PGconn *c = PQconnectdb(ci);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'PQconnectdb' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
    if (PQstatus(c) != CONNECTION_OK) {
      PQfinish(c);
      return -1;
    }
    PQclear(PQexec(c, jobs[i]));
    PQfinish(c);
  }
  return 0;
}

// Stops at the first failure, goes on after each success.
int post_until_failure(const char **urls, int n) {
  int i;
  for (i = 0; i < n; i++) {
    CURL *h = curl_easy_init();
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'curl_easy_init' builds a new transfer handle inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:15: note: share one instead: create one easy handle per worker and reuse it: it keeps the connection cache
    if (!h)
      break;
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    CURLcode rc = curl_easy_perform(h);
    curl_easy_cleanup(h);
    if (rc != CURLE_OK)
      break;
  }
  return i;
}

// `continue` after a working context: the loop goes on after success.
int set_all(const char *host, int port, const char **keys, int n) {
  for (int i = 0; i < n; i++) {
    redisContext *c = redisConnect(host, port);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'redisConnect' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: share one instead: keep one redisContext per worker and reuse it
    if (c && !c->err) {
      freeReplyObject(redisCommand(c, "SET %s 1", keys[i]));
      redisFree(c);
      continue;
    }
    redisFree(c);
    break;
  }
  return 0;
}

// A retry loop for each item: the retry is fine, the loop over the items is
// not.
int load_all(const char *ci, const char **queries, int n) {
  for (int i = 0; i < n; i++) {
    PGconn *c = NULL;
    for (int attempt = 0; attempt < 3; attempt++) {
      c = PQconnectdb(ci);
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'PQconnectdb' builds a new connection inside a loop [connleak-per-request-client]
      // CHECK-MESSAGES: :[[@LINE-2]]:11: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
      if (PQstatus(c) == CONNECTION_OK)
        break;
      PQfinish(c);
      c = NULL;
      sleep(1);
    }
    if (!c)
      return -1;
    PQclear(PQexec(c, queries[i]));
    PQfinish(c);
  }
  return 0;
}

// A goto out of the loop on failure.
int ping_all(const char *host, int n) {
  int i;
  for (i = 0; i < n; i++) {
    redisContext *c = redisConnect(host, 6379);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'redisConnect' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: share one instead: keep one redisContext per worker and reuse it
    if (c == NULL || c->err)
      goto fail;
    freeReplyObject(redisCommand(c, "PING"));
    redisFree(c);
  }
  return 0;
fail:
  return -1;
}

// A flag that repeats the loop after a working connection.
const char *next_job(void);
void work_until_done(const char *ci) {
  PGconn *c;
  int more;
  do {
    c = PQconnectdb(ci);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'PQconnectdb' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:9: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
    const char *job = next_job();
    more = PQstatus(c) == CONNECTION_OK && job != NULL;
    if (more)
      PQclear(PQexec(c, job));
    PQfinish(c);
  } while (more);
}
