/* A second program of the same compilation database: its get_conn()
   opens a connection, the one of src/wrap.c does not. Callers of get_conn
   get no summary (two bodies disagree). */
#include "db.h"

PGconn *get_conn(void)
{
    return PQconnectdb("dbname=other connect_timeout=10");
}

int main(void)
{
    PGconn *c = get_conn();
    PQfinish(c);
    return 0;
}
