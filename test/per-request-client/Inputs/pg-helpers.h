// Helpers of a program, defined in pg-helpers.c (per-target-loops.c): each
// builds a connection; `connleak summarize` says so in a model file.
#include <libpq-fe.h>

struct conn_params {
  const char *host;
  const char *dbname;
};

PGconn *connect_to(const char *dbname);
PGconn *connect_params(const struct conn_params *p);
