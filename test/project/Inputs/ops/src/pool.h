// A C++ class whose operators acquire libpq handles (operator-names.test).
#include <libpq-fe.h>

struct Pool {
  const char *conninfo;
  PGconn *operator[](int shard);   // opens a connection to a shard
  PGresult *operator*();           // runs the health query
  PGconn *operator()(const char *db);
};
