#include "cycle.h"

/* Closes its connection on every path: no leak, once log_line is known
 * to borrow it. */
int custom_write(const char *conninfo)
{
    PGconn *conn = PQconnectdb(conninfo);
    log_line(conn, "custom");
    int ok = PQstatus(conn) == CONNECTION_OK;
    PQfinish(conn);
    return ok ? 0 : -1;
}
