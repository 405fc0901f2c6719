// connleak-per-request-client: a connection opened in the body of a for,
// while or do loop is opened once per iteration.  Only a connection that
// lives for one iteration (held by a variable declared in the loop, or a
// temporary) is reported: filling a pool (an array) or reconnecting into a
// variable declared outside the loop keeps what the loop builds.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cflags %pq %hiredis %curl

#include <curl/curl.h>
#include <hiredis.h>
#include <libpq-fe.h>
#include <stddef.h>
#include <sys/time.h>

// Positive: for loop body.
void sync_rows_each(const char *ci, int n) {
  for (int i = 0; i < n; ++i) {
    PGconn *c = PQconnectdb(ci);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'PQconnectdb' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
    PQfinish(c);
  }
}

// Positive: while loop body, nested in an if.
void drain(int pending) {
  struct timeval tv = {1, 0};
  while (pending-- > 0) {
    if (pending % 2) {
      redisContext *r = redisConnectWithTimeout("cache", 6379, tv);
      // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'redisConnectWithTimeout' builds a new connection inside a loop [connleak-per-request-client]
      // CHECK-MESSAGES: :[[@LINE-2]]:25: note: share one instead: keep one redisContext per worker and reuse it
      redisFree(r);
    }
  }
}

// Positive: do-while body.
void fetch_pages(int pages) {
  do {
    CURL *h = curl_easy_init();
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'curl_easy_init' builds a new transfer handle inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:15: note: share one instead: create one easy handle per worker and reuse it: it keeps the connection cache
    curl_easy_cleanup(h);
  } while (--pages > 0);
}

// Negative: the connection is opened once, before the loop, and reused.
void sync_rows(int n) {
  PGconn *c = PQconnectdb("host=db connect_timeout=5");
  for (int i = 0; i < n; ++i) {
    PGresult *r = PQexec(c, "SELECT 1");
    PQclear(r);
  }
  PQfinish(c);
}

// Negative: the init-statement of a for loop runs once.
void sync_once(int n) {
  for (PGconn *c = PQconnectdb("host=db connect_timeout=5"); n > 0; --n) {
    PGresult *r = PQexec(c, "SELECT 1");
    PQclear(r);
    if (n == 1)
      PQfinish(c);
  }
}

// Positive: a temporary, finished in the same statement.
void ping_each(const char *ci, int n) {
  for (int i = 0; i < n; ++i)
    PQfinish(PQconnectdb(ci));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'PQconnectdb' builds a new connection inside a loop [connleak-per-request-client]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
}

// Negative: filling a pool (a global array, a local array).
PGconn *g_pool[8];
void fill_pool(const char *ci, int n) {
  for (int i = 0; i < n && i < 8; ++i)
    g_pool[i] = PQconnectdb(ci);
}
void fill_local(const char *ci) {
  PGconn *conns[4];
  for (int i = 0; i < 4; ++i)
    conns[i] = PQconnectdb(ci);
  for (int i = 0; i < 4; ++i)
    PQfinish(conns[i]);
}

// Negative: reconnecting into a variable declared outside the loop.
void retry_connect(const char *ci, int attempts) {
  PGconn *c = NULL;
  while (attempts-- > 0) {
    c = PQconnectdb(ci);
    if (PQstatus(c) == CONNECTION_OK)
      break;
    PQfinish(c);
    c = NULL;
  }
  if (c)
    PQfinish(c);
}
