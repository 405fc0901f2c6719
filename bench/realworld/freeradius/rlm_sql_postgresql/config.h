/* Stand-in for the config.h of rlm_sql_postgresql's configure (config.h.in), for bench/realworld.py: Debian 12's
   libpq 15 (PGRES_COPY_BOTH, PGRES_SINGLE_TUPLE, PGRES_PIPELINE_SYNC, PQinitOpenSSL, PQinitSSL; no chunked rows). */
#define HAVE_PGRES_COPY_BOTH 1
#define HAVE_PGRES_SINGLE_TUPLE 1
#define HAVE_PGRES_PIPELINE_SYNC 1
#define HAVE_PQINITOPENSSL 1
#define HAVE_PQINITSSL 1
