/* Stand-in for sysbench's autoconf config.h, written for bench/realworld.py: the results of
 * ./configure --with-mysql --with-pgsql on Debian 12 (glibc, MariaDB Connector/C, libpq 15). */
#define PACKAGE "sysbench"
#define PACKAGE_NAME "sysbench"
#define PACKAGE_VERSION "1.1.0"
#define VERSION "1.1.0"
#define SB_GIT_SHA ""
#define STDC_HEADERS 1
#define HAVE_UNISTD_H 1
#define HAVE_STRING_H 1
#define HAVE_STRINGS_H 1
#define HAVE_PTHREAD_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_ISATTY 1
#define HAVE_CLOCK_GETTIME 1
#define HAVE_FUNC_ATTRIBUTE_FORMAT 1
#define HAVE_FUNC_ATTRIBUTE_UNUSED 1
#define USE_MYSQL 1
#define USE_PGSQL 1
#define TLS __thread                     /* AX_TLS */
/* MariaDB Connector/C has no MYSQL_OPT_SSL_MODE (MySQL 5.7.11+ only): left undefined, as configure finds it */
