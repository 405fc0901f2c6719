#include <stdio.h>
#include <unistd.h>
#include "deps.h"

int log_conn(PGconn *conn)
{
    return printf("%d\n", (int)PQstatus(conn));
}

void close_it(PGconn *conn)
{
    PQfinish(conn);
}

void ping(PGconn *conn)
{
    PQclear(PQexec(conn, "SELECT 1"));
    sleep(1);
}
