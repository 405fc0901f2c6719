/* C: no RAII fix-it, the finding stays. */
#include <libpq-fe.h>

int c_total(PGconn *conn)
{
    PGresult *res = PQexec(conn, "SELECT 1");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return -1;
    PQclear(res);
    return 0;
}
