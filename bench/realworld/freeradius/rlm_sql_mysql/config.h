/* Stand-in for the config.h of rlm_sql_mysql's configure (config.h.in), for bench/realworld.py: Debian 12's
   libmariadb-dev (mysql.h under /usr/include/mariadb, given with -I). */
#define HAVE_MYSQL_H 1
