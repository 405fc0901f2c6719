/* Database access of the orders service (libpq). */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

/* Returns an owned connection, or NULL. The caller must PQfinish it. */
PGconn *db_open(const char *conninfo)
{
    PGconn *conn = PQconnectdb(conninfo);
    if (PQstatus(conn) != CONNECTION_OK) {
        PQfinish(conn);
        return NULL;
    }
    return conn;
}

void db_close(PGconn *conn)
{
    if (conn)
        PQfinish(conn);
}

/* Bug: the result leaks when the order does not exist. */
int order_total(PGconn *conn, const char *order_id, double *out)
{
    const char *params[1] = {order_id};
    PGresult *res = PQexecParams(conn, "SELECT total FROM orders WHERE id = $1",
                                 1, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        PQclear(res);
        return -1;
    }
    if (PQntuples(res) == 0)
        return 0;
    *out = atof(PQgetvalue(res, 0, 0));
    PQclear(res);
    return 1;
}

/* Bug: the connection from db_open is never closed on the error path. */
int count_orders(void)
{
    PGconn *conn = db_open("host=db.internal dbname=orders");
    if (conn == NULL)
        return -1;
    PGresult *res = PQexec(conn, "SELECT count(*) FROM orders");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        PQclear(res);
        return -1;
    }
    int n = atoi(PQgetvalue(res, 0, 0));
    PQclear(res);
    db_close(conn);
    return n;
}

/* Correct: a timeout, and one cleanup path. */
int ping_db(void)
{
    int ok = 0;
    PGconn *conn = PQconnectdb("host=db.internal dbname=orders connect_timeout=5");
    if (PQstatus(conn) == CONNECTION_OK) {
        PGresult *res = PQexec(conn, "SELECT 1");
        ok = PQresultStatus(res) == PGRES_TUPLES_OK;
        PQclear(res);
    }
    PQfinish(conn);
    return ok;
}
