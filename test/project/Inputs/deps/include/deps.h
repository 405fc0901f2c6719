/* Helpers of test/project/deps.test: each is defined in src/helpers.c. */
#ifndef DEPS_H
#define DEPS_H
#include <libpq-fe.h>

int log_conn(PGconn *conn);   /* borrows its argument */
void close_it(PGconn *conn);  /* releases it */
void ping(PGconn *conn);      /* blocks (sleep) */
#endif
