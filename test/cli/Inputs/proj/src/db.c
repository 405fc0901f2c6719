/* libpq: the result leaks when the query fails. */
#include <libpq-fe.h>
#include "pool.h"

int order_count(PGconn *conn)
{
    PGresult *res = PQexec(conn, "SELECT count(*) FROM orders");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return -1;
    int n = PQntuples(res);
    PQclear(res);
    return n;
}

int ping(const char *conninfo)
{
    PGconn *c = PQconnectdb(conninfo);
    if (PQstatus(c) != CONNECTION_OK) {
        PQfinish(c);
        return -1;
    }
    PQfinish(c);
    return 0;
}
