/* Files of test/project/cycle.test that call into each other, as
 * pg_dump's archiver and its format and database modules do: archive.c
 * calls into the three others, and each of them logs through archive.c. */
#ifndef CYCLE_H
#define CYCLE_H
#include <libpq-fe.h>

/* archive.c */
void log_line(PGconn *conn, const char *what); /* borrows conn */
int run_dump(const char *conninfo);
/* db.c */
PGconn *db_connect(const char *conninfo);      /* returns a connection */
void db_close(PGconn *conn);                   /* releases it */
/* custom.c, tar.c */
int custom_write(const char *conninfo);
int tar_write(const char *conninfo);
#endif
