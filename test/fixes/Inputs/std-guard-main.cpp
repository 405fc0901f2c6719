// Runs the functions of test/fixes/std-guard.cpp after the fix and checks
// that every handle they acquire is released exactly once, with the right
// value, on every path.
#include "std-guard.h"
#include <cstdio>
#include <cstdlib>

struct session { int id; };
struct pool { int out; };
struct conn { pool *owner; };

static int opened, closed, chans, chan_closes, last_chan = -1;
static session the_session = {7};
static pool the_pool = {0};
static conn the_conn = {nullptr};

session *session_open(void) { ++opened; return &the_session; }
void session_close(session *s) {
  if (s != &the_session) { std::puts("session_close: wrong handle"); std::exit(1); }
  ++closed;
}
int session_ping(session *s) { return s->id; }
int session_connect(int fail, session **out) {
  *out = session_open();
  return fail;
}

int chan_connect(const char *, chan_t *out) { *out = 40 + ++chans; return 0; }
void chan_close(chan_t h) { ++chan_closes; last_chan = h; }
int chan_send(chan_t, int fail) { return fail; }

pool *pool_default(void) { return &the_pool; }
conn *pool_get(pool *p) { ++p->out; the_conn.owner = p; return &the_conn; }
void pool_put(pool *p, conn *c) {
  if (c->owner != p) { std::puts("pool_put: wrong pool"); std::exit(1); }
  --p->out;
}
int conn_ping(conn *) { return 3; }

#define EXPECT(c)                                                              \
  do {                                                                         \
    if (!(c)) { std::printf("%s:%d: %s\n", __FILE__, __LINE__, #c); return 1; } \
  } while (0)

int main() {
  EXPECT(ping_once() == 7);
  EXPECT(opened == 1 && closed == 1);
  EXPECT(send("a", 1) == -1);            // the early return
  EXPECT(chan_closes == 1 && last_chan == 41);
  EXPECT(send("b", 0) == 0);             // the release the fix removed
  EXPECT(chan_closes == 2 && last_chan == 42);
  EXPECT(borrow(1) == -1);
  EXPECT(the_pool.out == 0);
  EXPECT(borrow(0) == 3);
  EXPECT(the_pool.out == 0);
  opened = closed = 0;
  EXPECT(connect_ping(1) == -1);         // failed, but holds a handle
  EXPECT(opened == 1 && closed == 1);
  EXPECT(connect_ping(0) == 0);
  EXPECT(opened == 2 && closed == 2);
  std::puts("ok");
  return 0;
}
