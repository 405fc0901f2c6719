#include "deps.h"

/* Hands its connection to close_it: what close_it releases matters. */
void work(const char *conninfo)
{
    PGconn *conn = PQconnectdb(conninfo);
    close_it(conn);
}

int works;

int work_count(void)
{
    return works;
}
