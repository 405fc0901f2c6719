/* Included by src/db.c and src/cache.c. */
#ifndef POOL_H
#define POOL_H
#include <libpq-fe.h>

static inline int pool_ping(PGconn *conn)
{
    PGresult *res = PQexec(conn, "SELECT 1");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return -1;
    PQclear(res);
    return 0;
}
#endif
