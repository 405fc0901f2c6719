/* The project's database helpers (test/project): each one is defined in
   another file than its callers. */
#ifndef PROJ_DB_H
#define PROJ_DB_H
#include <libpq-fe.h>
#include <sqlite3.h>

PGconn *connect_db(const char *conninfo);      /* src/conn.c: NULL on failure */
void close_db(PGconn *conn);                   /* src/conn.c */
int open_db_into(const char *conninfo, PGconn **out); /* src/conn.c: 0 or -1 */
int open_store(const char *path, sqlite3 **out);      /* src/conn.c */
PGconn *app_connect(void);                     /* src/wrap.c -> src/conn.c */
PGresult *run_query(PGconn *conn, const char *sql);   /* src/wrap.c */
int count_rows(PGconn *conn);                  /* src/wrap.c: clean */
PGconn *get_conn(void);                        /* two programs, two bodies */
void remember(PGconn *conn);                   /* src/wrap.c: stores it */
#endif
