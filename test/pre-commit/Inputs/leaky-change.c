
/* Staged change: leaks the connection when the ping fails. */
int ping(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return 0;
  PQfinish(conn);
  return 1;
}
