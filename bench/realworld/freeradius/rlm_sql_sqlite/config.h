/* Stand-in for the config.h of rlm_sql_sqlite's configure (config.h.in), for bench/realworld.py: Debian 12's
   SQLite 3.40. */
#define HAVE_SQLITE3_CREATE_FUNCTION_V2 1
#define HAVE_SQLITE3_ERRSTR 1
#define HAVE_SQLITE3_EXTENDED_RESULT_CODES 1
#define HAVE_SQLITE3_INT64 1
#define HAVE_SQLITE3_OPEN_V2 1
#define HAVE_SQLITE3_PREPARE_V2 1
