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

/* static: per file. wrap.c has an external finish() that only logs, and
   a static drop() of its own that does not release. */
static void finish(PGconn *conn)
{
    PQfinish(conn);
}

static void drop(PGconn *conn)
{
    finish(conn);
}

void close_db(PGconn *conn)
{
    drop(conn);
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
