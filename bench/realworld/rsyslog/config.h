/* Stand-in for rsyslog's autoconf config.h, written for bench/realworld.py: the package macros and the
 * HAVE_* results of a configure run on Debian 12 (glibc, x86_64) with the plugins that use a modelled
 * library enabled (ompgsql, ommysql, omhiredis, omhttp, omelasticsearch, ommongodb, mmkubernetes, ...).
 * Found via -DHAVE_CONFIG_H -Ibench/realworld/rsyslog. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#define PACKAGE "rsyslog"
#define PACKAGE_NAME "rsyslog"
#define VERSION "8.2508.0"
#define PACKAGE_VERSION "8.2508.0"
#define PACKAGE_STRING "rsyslog 8.2508.0"
#define STDC_HEADERS 1
#define HAVE_ATOMIC_BUILTINS 1
#define HAVE_ATOMIC_BUILTINS64 1
#define HAVE_BUILTIN_EXPECT 1
#define HAVE_SYS_EPOLL_H 1
#define HAVE_SYS_QUEUE_H 1
#define HAVE_STRNDUP 1
#define HAVE_LSEEK64 1
#define HAVE_OFF64_T 1
#define HAVE_PTHREAD_SETSCHEDPARAM 1
#define HAVE_MALLOC_H 1
#define HAVE_UNISTD_H 1
#define HAVE_FCNTL_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_NETDB_H 1
#define HAVE_SYSLOG_H 1
#define HAVE_CLOCK_GETTIME 1
#define HAVE_EPOLL_CREATE 1
#define HAVE_EPOLL_CREATE1 1
#define ENABLE_IMTCP_EPOLL 1
#define OS_LINUX 1
/* the plugins' own configure tests */
#define HAVE_MYSQL_LIBRARY_INIT 1      /* ommysql: MariaDB Connector/C has mysql_library_init */
#define HAVE_PGSSLINUSE 1              /* ompgsql: libpq has PQsslInUse */
#define HAVE_LIBMONGOC1 1              /* ommongodb: libmongoc 1.x */
#define HAVE_LOADSAMPLESFROMSTRING 1   /* mmkubernetes: liblognorm 2 has ln_loadSamplesFromString */
#define ENABLE_OPENSSL 1               /* omhttp, omelasticsearch: the OpenSSL-only TLS options */
