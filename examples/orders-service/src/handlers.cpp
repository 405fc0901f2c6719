// Request handling in C++ over the C clients.
#include <libpq-fe.h>
#include <stdexcept>
#include <string>

void notify_slow_service(const std::string &event);
void audit(const std::string &what); // may throw

// Bug: an exception from audit() leaks the result.
int count_open_orders(PGconn *conn)
{
    PGresult *res = PQexec(conn, "SELECT count(*) FROM orders WHERE open");
    audit("count_open_orders");
    int n = PQresultStatus(res) == PGRES_TUPLES_OK ? std::stoi(PQgetvalue(res, 0, 0)) : -1;
    PQclear(res);
    return n;
}

// Bug: throws with the connection still open.
void close_order(const std::string &id)
{
    PGconn *conn = PQconnectdb("host=db.internal dbname=orders connect_timeout=5");
    if (PQstatus(conn) != CONNECTION_OK)
        throw std::runtime_error("database unavailable");
    std::string sql = "UPDATE orders SET open = false WHERE id = '" + id + "'";
    PQclear(PQexec(conn, sql.c_str()));
    PQfinish(conn);
}
