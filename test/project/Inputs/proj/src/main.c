#include "db.h"

void finish(PGconn *conn); /* src/wrap.c (conn.c has a static one) */

int report(void)
{
    PGconn *conn = app_connect();
    if (!conn)
        return -1;
    if (count_rows(conn) == 0)
        return 0;
    close_db(conn);
    return 1;
}

int load(const char *conninfo)
{
    PGconn *conn;
    if (open_db_into(conninfo, &conn) != 0)
        return -1;
    PGresult *res = run_query(conn, "SELECT 1");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        close_db(conn);
        return -1;
    }
    PQclear(res);
    close_db(conn);
    return 0;
}

int clean(void)
{
    PGconn *conn = connect_db("dbname=app connect_timeout=10");
    if (!conn)
        return -1;
    int n = count_rows(conn);
    close_db(conn);
    return n;
}

int logs_only(void)
{
    PGconn *conn = connect_db("dbname=app connect_timeout=10");
    if (!conn)
        return -1;
    finish(conn);
    return 0;
}

int kept(void)
{
    PGconn *conn = connect_db("dbname=app connect_timeout=10");
    if (!conn)
        return -1;
    remember(conn);
    return 0;
}

int two_programs(void)
{
    PGconn *conn = get_conn();
    return PQstatus(conn) == CONNECTION_OK;
}

int store(const char *path)
{
    sqlite3 *db;
    if (open_store(path, &db) != SQLITE_OK)
        return -1;
    sqlite3_close(db);
    return 0;
}
