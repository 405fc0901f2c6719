#include "db.h"

PGconn *connect_db(const char *conninfo)
{
    PGconn *conn = PQconnectdb(conninfo);
    if (PQstatus(conn) != CONNECTION_OK) {
        PQfinish(conn);
        return NULL;
    }
    return conn;
}

/* Same name as the external finish() of wrap.c, but this one releases. */
static void finish(PGconn *conn)
{
    PQfinish(conn);
}

void close_db(PGconn *conn)
{
    finish(conn);
}

int open_db_into(const char *conninfo, PGconn **out)
{
    PGconn *conn = connect_db(conninfo);
    if (!conn)
        return -1;
    *out = conn;
    return 0;
}

int open_store(const char *path, sqlite3 **out)
{
    return sqlite3_open(path, out);
}
