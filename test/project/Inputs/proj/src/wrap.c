#include <stdio.h>
#include "db.h"

static PGconn *shared;

PGconn *app_connect(void)
{
    return connect_db("dbname=app connect_timeout=10");
}

PGresult *run_query(PGconn *conn, const char *sql)
{
    return PQexec(conn, sql);
}

int count_rows(PGconn *conn)
{
    PGresult *res = run_query(conn, "SELECT count(*) FROM t");
    int n = PQntuples(res);
    PQclear(res);
    return n;
}

static void drop(PGconn *conn)
{
    (void)conn;
}

void finish(PGconn *conn);

void finish(PGconn *conn)
{
    drop(conn);
    fprintf(stderr, "done with %s\n", PQdb(conn));
}

PGconn *get_conn(void)
{
    return shared;
}

void remember(PGconn *conn)
{
    shared = conn;
}
