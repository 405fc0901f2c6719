// connleak-per-request-client: sentinel discovery loops whose exit the
// program's own helpers decide (kamailio's db_redis and ndb_redis, bench
// verdicts P19). One endpoint per iteration, stop at the first that answers:
// - a `continue` after a test of the iteration's client that the models do
//   not describe (a helper given the client, `status = select(c, ...)`) is
//   read as a failure when the loop leaves at the end of its body, so the
//   loop goes on only through those `continue`s;
// - a 0/1 flag declared in the loop starts every iteration from its
//   initialiser, and `found == 1` is the flag's truth;
// - an outer loop that keeps a client per iteration (connecting each
//   configured server) is a set-up loop: a sentinel context built for one
//   of its iterations is part of that set-up.
// Loops over items that go on after a client worked are still reported.
// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cflags %hiredis

#include <hiredis/hiredis.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

struct sentinel {
  const char *host;
  int port;
  struct sentinel *next;
};
struct target {
  char host[64];
  int port;
};

static int authenticate(redisContext *c, const char *pw) {
  if (!pw)
    return 0;
  redisReply *r = redisCommand(c, "AUTH %s", pw);
  int ok = r && r->type != REDIS_REPLY_ERROR;
  freeReplyObject(r);
  return ok ? 0 : -1;
}

static int select_master(redisContext *c, struct target *t) {
  redisReply *r = redisCommand(c, "SENTINEL get-master-addr-by-name %s", "m");
  int rc = -1;
  if (r && r->type == REDIS_REPLY_ARRAY && r->elements == 2) {
    strncpy(t->host, r->element[0]->str, sizeof t->host - 1);
    t->port = atoi(r->element[1]->str);
    rc = 0;
  }
  freeReplyObject(r);
  return rc;
}

static int select_replica(redisContext *c, struct target *t) {
  redisReply *r = redisCommand(c, "SENTINEL replicas %s", "m");
  int rc = r && r->type == REDIS_REPLY_ARRAY && r->elements > 0 ? 0 : -1;
  if (rc == 0)
    t->port = 6379;
  freeReplyObject(r);
  return rc;
}

// Negative (db_redis's shape): the context lives in a variable declared
// before the loop and is released in the iteration; the `continue`s follow
// a failed connect (c->err), a failed helper, and a status variable set from
// helpers given the context; the body ends in `found = 1; break;`.
int connect_via_sentinels(struct sentinel *list, const char *pw,
                          struct target *t, int replicas) {
  redisContext *ctx = NULL;
  int status, found = 0;
  for (struct sentinel *s = list; s != NULL; s = s->next) {
    struct timeval tv;
    tv.tv_sec = 0;
    tv.tv_usec = 500000;
    ctx = redisConnectWithTimeout(s->host, s->port, tv);
    if (!ctx || ctx->err) {
      if (ctx) {
        redisFree(ctx);
        ctx = NULL;
      }
      continue;
    }
    if (authenticate(ctx, pw) != 0) {
      redisFree(ctx);
      ctx = NULL;
      continue;
    }
    status = replicas ? select_replica(ctx, t) : select_master(ctx, t);
    if (status != 0) {
      redisFree(ctx);
      ctx = NULL;
      continue;
    }
    found = 1;
    break;
  }
  if (ctx)
    redisFree(ctx);
  return found ? 0 : -1;
}

// Negative (ndb_redis's shape, at start-up): a flag declared in the loop,
// set under a test of the reply's type in either branch of an `if` the
// models cannot read, and `if (found == 1) break;` at the end.
int discover(char **sentinels, int n, int want_master, char *addr, size_t len) {
  int port = 0;
  struct timeval tv = {1, 0};
  for (int i = 0; i < n; i++) {
    int found = 0;
    redisContext *redis;
    redisReply *res;
    redis = redisConnectWithTimeout(sentinels[i], 26379, tv);
    if (redis) {
      if (want_master) {
        res = redisCommand(redis, "SENTINEL get-master-addr-by-name %s", "m");
        if (res && (res->type == REDIS_REPLY_ARRAY) && (res->elements == 2)) {
          strncpy(addr, res->element[0]->str, len - 1);
          port = atoi(res->element[1]->str);
          found = 1;
        }
      } else {
        res = redisCommand(redis, "SENTINEL slaves %s", "m");
        if (res && (res->type == REDIS_REPLY_ARRAY)) {
          for (size_t row = 0; row < res->elements; row++) {
            if (res->element[row]->elements > 1) {
              port = atoi(res->element[row]->element[1]->str);
              break;
            }
          }
          found = 1;
        }
      }
      if (res)
        freeReplyObject(res);
      redisFree(redis);
    }
    if (found == 1)
      break;
  }
  return port;
}

// Negative (ndb_redis's shape, on reconnect): the same with the master query
// only and `found != 0`.
int rediscover(char **sentinels, int n, char *addr, size_t len) {
  struct timeval tv = {1, 0};
  int port = -1;
  for (int i = 0; i < n; i++) {
    int found = 0;
    redisContext *redis = redisConnectWithTimeout(sentinels[i], 26379, tv);
    if (redis) {
      redisReply *res =
          redisCommand(redis, "SENTINEL get-master-addr-by-name %s", "m");
      if (res && res->type == REDIS_REPLY_ARRAY && res->elements == 2) {
        strncpy(addr, res->element[0]->str, len - 1);
        port = atoi(res->element[1]->str);
        found = 1;
      }
      freeReplyObject(res);
      redisFree(redis);
    }
    if (found != 0)
      break;
  }
  return port;
}

// Negative (ndb_redis's redisc_init): for each configured server, the
// sentinels are asked for its address, then the server's own context is
// connected and kept in its record: the outer loop is a set-up loop, and the
// sentinel contexts built for its iterations are part of that set-up.
struct server {
  char addr[64];
  int port;
  char **sentinels;
  int nsentinels;
  redisContext *ctx;
  struct server *next;
};
int init_servers(struct server *list) {
  struct timeval tv = {1, 0};
  for (struct server *srv = list; srv != NULL; srv = srv->next) {
    for (int i = 0; i < srv->nsentinels; i++) {
      int found = 0;
      redisContext *sc = redisConnectWithTimeout(srv->sentinels[i], 26379, tv);
      if (sc) {
        redisReply *r =
            redisCommand(sc, "SENTINEL get-master-addr-by-name %s", "m");
        if (r && r->type == REDIS_REPLY_ARRAY && r->elements == 2) {
          strncpy(srv->addr, r->element[0]->str, sizeof srv->addr - 1);
          srv->port = atoi(r->element[1]->str);
          found = 1;
        }
        freeReplyObject(r);
        redisFree(sc);
      }
      if (found == 1)
        break;
    }
    srv->ctx = redisConnectWithTimeout(srv->addr, srv->port, tv);
    if (!srv->ctx || srv->ctx->err)
      return -1;
  }
  return 0;
}

// Positive: the same discovery for each key, and a context to the master
// used for the key and freed: the outer loop keeps no client and goes on
// after both worked.
int set_each_via_sentinels(char **sentinels, int n, const char **keys,
                           int nkeys) {
  struct timeval tv = {1, 0};
  for (int k = 0; k < nkeys; k++) {
    char addr[64] = "";
    int port = 6379;
    for (int i = 0; i < n; i++) {
      int found = 0;
      redisContext *sc = redisConnectWithTimeout(sentinels[i], 26379, tv);
      // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'redisConnectWithTimeout' builds a new connection inside a loop [connleak-per-request-client]
      // CHECK-MESSAGES: :[[@LINE-2]]:26: note: share one instead: keep one redisContext per worker and reuse it
      if (sc) {
        redisReply *r =
            redisCommand(sc, "SENTINEL get-master-addr-by-name %s", "m");
        if (r && r->type == REDIS_REPLY_ARRAY && r->elements == 2) {
          strncpy(addr, r->element[0]->str, sizeof addr - 1);
          port = atoi(r->element[1]->str);
          found = 1;
        }
        freeReplyObject(r);
        redisFree(sc);
      }
      if (found == 1)
        break;
    }
    redisContext *m = redisConnectWithTimeout(addr, port, tv);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'redisConnectWithTimeout' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: share one instead: keep one redisContext per worker and reuse it
    if (m && !m->err)
      freeReplyObject(redisCommand(m, "SET %s 1", keys[k]));
    redisFree(m);
  }
  return 0;
}

// Positive: a context per key; a failed helper skips the key, and the loop
// goes on after each key that was set (the body falls through).
int set_all(const char *host, int port, const char **keys, int n,
            const char *pw) {
  int set = 0;
  for (int i = 0; i < n; i++) {
    redisContext *c = redisConnect(host, port);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'redisConnect' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: share one instead: keep one redisContext per worker and reuse it
    if (!c || c->err) {
      redisFree(c);
      return -1;
    }
    if (authenticate(c, pw) != 0) {
      redisFree(c);
      continue;
    }
    redisReply *r = redisCommand(c, "SET %s 1", keys[i]);
    if (r && r->type == REDIS_REPLY_STATUS)
      set++;
    freeReplyObject(r);
    redisFree(c);
  }
  return set;
}

// Positive: a context per key, the loop stops at the first error reply: a
// flag set only when the reply failed.
int incr_until_error(const char *host, int port, const char **keys, int n) {
  int i;
  for (i = 0; i < n; i++) {
    int failed = 0;
    redisContext *c = redisConnect(host, port);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'redisConnect' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: share one instead: keep one redisContext per worker and reuse it
    if (c && !c->err) {
      redisReply *r = redisCommand(c, "INCR %s", keys[i]);
      if (r && r->type == REDIS_REPLY_ERROR)
        failed = 1;
      freeReplyObject(r);
    }
    redisFree(c);
    if (failed == 1)
      break;
  }
  return i;
}

// Positive: the flag says the key was written; the loop stops when it was
// not (`ok == 0`), and goes on after each write.
int write_all(const char *host, int port, const char **keys, int n) {
  for (int i = 0; i < n; i++) {
    int ok = 0;
    redisContext *c = redisConnect(host, port);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'redisConnect' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: share one instead: keep one redisContext per worker and reuse it
    if (c && !c->err) {
      redisReply *r = redisCommand(c, "SET %s 1", keys[i]);
      if (r && r->type == REDIS_REPLY_STATUS)
        ok = 1;
      freeReplyObject(r);
    }
    redisFree(c);
    if (ok == 0)
      return -1;
  }
  return 0;
}

// Positive: a helper's test before a `continue`, but the body does not end
// in an exit: the loop goes on after each context that passed.
int auth_all(const char *host, int n, const char *pw) {
  int done = 0;
  for (int i = 0; i < n; i++) {
    redisContext *c = redisConnect(host, 6379);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'redisConnect' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: share one instead: keep one redisContext per worker and reuse it
    if (!c || c->err || authenticate(c, pw) != 0) {
      redisFree(c);
      continue;
    }
    done++;
    redisFree(c);
  }
  return done;
}

// Positive: the `continue` before the final exit tests something that is
// not the client (the item), so the loop may go on after a working client.
int first_nonempty(const char *host, const char **keys, int n) {
  for (int i = 0; i < n; i++) {
    redisContext *c = redisConnect(host, 6379);
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'redisConnect' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: share one instead: keep one redisContext per worker and reuse it
    if (!c || c->err) {
      redisFree(c);
      continue;
    }
    freeReplyObject(redisCommand(c, "TOUCH %s", keys[i]));
    redisFree(c);
    if (strlen(keys[i]) == 0)
      continue;
    return i;
  }
  return -1;
}

// By design (docs/checks/per-request-client.md): a loop over items that goes
// on after a helper's success only through a `continue` and leaves at the
// end of its body reads like a discovery loop, and is not reported.
static int send_item(redisContext *c, const char *item) {
  redisReply *r = redisCommand(c, "RPUSH q %s", item);
  int rc = r && r->type == REDIS_REPLY_INTEGER ? 0 : -1;
  freeReplyObject(r);
  return rc;
}
int send_until_failure(const char *host, int port, const char **items, int n) {
  int i;
  for (i = 0; i < n; i++) {
    redisContext *c = redisConnect(host, port);
    if (!c || c->err) {
      redisFree(c);
      return -1;
    }
    if (send_item(c, items[i]) == 0) {
      redisFree(c);
      continue;
    }
    redisFree(c);
    break;
  }
  return i;
}
