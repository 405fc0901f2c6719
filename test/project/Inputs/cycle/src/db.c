#include "cycle.h"

PGconn *db_connect(const char *conninfo)
{
    PGconn *conn = PQconnectdb(conninfo);
    if (PQstatus(conn) != CONNECTION_OK) {
        PQfinish(conn);
        return NULL;
    }
    log_line(conn, "connected");
    return conn;
}

void db_close(PGconn *conn)
{
    log_line(conn, "closing");
    PQfinish(conn);
}
