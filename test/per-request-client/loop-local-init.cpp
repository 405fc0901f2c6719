// RUN: %check_connleak %s connleak-per-request-client %t -- -- %cxxflags %pq
// In a loop, a client held by a variable declared inside the loop lives for
// one iteration: reported whether it is initialised with braces or assigned.
// Stored into something that outlives the iteration (an array, a variable
// declared before the loop): a pool being filled, not reported.
#include <libpq-fe.h>

void brace_init(const char *ci, int n) {
  for (int i = 0; i < n; i++) {
    PGconn *c{PQconnectdb(ci)};
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'PQconnectdb' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:15: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
    PQfinish(c);
  }
}

void assigned(const char *ci, int n) {
  for (int i = 0; i < n; i++) {
    PGconn *c;
    c = PQconnectdb(ci);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'PQconnectdb' builds a new connection inside a loop [connleak-per-request-client]
    // CHECK-MESSAGES: :[[@LINE-2]]:9: note: share one instead: open one connection (or a pool of them) at start-up and reuse it
    PQfinish(c);
  }
}

void fill_pool(PGconn **pool, const char *ci, int n) {
  for (int i = 0; i < n; i++)
    pool[i] = PQconnectdb(ci);
}

PGconn *reconnect(const char *ci) {
  PGconn *c = nullptr;
  for (int attempt = 0; attempt < 3; attempt++) {
    c = PQconnectdb(ci);
    if (PQstatus(c) == CONNECTION_OK)
      break;
    PQfinish(c);
  }
  return c;
}
