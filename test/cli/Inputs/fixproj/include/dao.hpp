// Included by src/a.cpp and src/b.cpp: its finding comes from both TUs.
#pragma once
#include <libpq-fe.h>
#include <memory>
#include <stdexcept>

inline int dao_count(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT count(*) FROM t");
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    throw std::runtime_error("query failed");
  int n = PQntuples(res);
  PQclear(res);
  return n;
}
