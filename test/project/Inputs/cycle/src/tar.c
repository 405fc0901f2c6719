#include "cycle.h"

/* Forgets its connection when the connect fails: a leak, once log_line is
 * known to borrow it (an unknown function would take it). */
int tar_write(const char *conninfo)
{
    PGconn *conn = PQconnectdb(conninfo);
    log_line(conn, "tar");
    if (PQstatus(conn) != CONNECTION_OK)
        return -1;
    PQfinish(conn);
    return 0;
}
