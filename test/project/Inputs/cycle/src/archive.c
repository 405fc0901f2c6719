#include "cycle.h"
#include <stdio.h>

/* Called by the three other files. */
void log_line(PGconn *conn, const char *what)
{
    fprintf(stderr, "%s: %s\n", PQdb(conn), what);
}

/* Gets its connection from db.c and gives it back there: no leak. */
int run_dump(const char *conninfo)
{
    PGconn *conn = db_connect(conninfo);
    if (conn == NULL)
        return -1;
    int rc = custom_write(conninfo) + tar_write(conninfo);
    db_close(conn);
    return rc;
}
