// Handle functions declared with Clang's handle attributes, for
// test/fixes/std-guard.cpp; Inputs/std-guard-main.cpp implements them with
// counters.
#ifndef STD_GUARD_H
#define STD_GUARD_H
typedef struct session session;
typedef int chan_t;
typedef struct pool pool;
typedef struct conn conn;

__attribute__((acquire_handle("session"))) session *session_open(void);
void session_close(session *s __attribute__((release_handle("session"))));
int session_ping(session *s __attribute__((use_handle("session"))));
int session_connect(int fail, session **out __attribute__((acquire_handle("session"))));

int chan_connect(const char *name, chan_t *out __attribute__((acquire_handle("chan"))));
void chan_close(chan_t h __attribute__((release_handle("chan"))));
int chan_send(chan_t h __attribute__((use_handle("chan"))), int fail);

pool *pool_default(void);
__attribute__((acquire_handle("conn"))) conn *pool_get(pool *p);
void pool_put(pool *p, conn *c __attribute__((release_handle("conn"))));
int conn_ping(conn *c __attribute__((use_handle("conn"))));

// The functions of std-guard.cpp, as the fix leaves them.
int ping_once(void);
int send(const char *name, int fail);
int borrow(int fail);
int connect_ping(int fail);
#endif
