#include <libpq-fe.h>

void log_conn(PGconn *c); /* no body: an unknown call */

void f(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  log_conn(c);
}
