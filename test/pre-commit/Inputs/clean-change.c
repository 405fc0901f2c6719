
/* Staged change: releases the connection on every path. */
int ping(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  int ok = PQstatus(conn) == CONNECTION_OK;
  PQfinish(conn);
  return ok;
}
