/* Stand-in for the config.h that Unbound's configure writes (with --enable-cachedb --with-libhiredis), written for
 * bench/realworld.py: the values and the system includes (configure's AH_BOTTOM) that cachedb/redis.c and its
 * headers need on Debian 12 x86_64. */
#define USE_CACHEDB 1
#define USE_REDIS 1
#define HAVE_STDINT_H 1
#define HAVE_STDARG_H 1
#define HAVE_TIME_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_UNISTD_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_NETINET_IN_H 1
#define HAVE_ARPA_INET_H 1
#define HAVE_SYS_SOCKET_H 1
#define HAVE_ATTR_FORMAT 1
#define ATTR_FORMAT(archetype, string_index, first_to_check) __attribute__ ((format (archetype, string_index, first_to_check)))
#define ATTR_UNUSED(x) x __attribute__((unused))
#define HAVE_ATTR_UNUSED 1
#define HAVE_ATTR_NORETURN 1
#define ATTR_NORETURN __attribute__((__noreturn__))
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>
#include <time.h>
#include <pthread.h>
#include <assert.h>
#include <errno.h>
#include <sys/time.h>
#define UNBOUND_DNS_PORT 53
#define UNBOUND_DNS_OVER_TLS_PORT 853
#define UNBOUND_DNS_OVER_HTTPS_PORT 443
#define MAXSYSLOGMSGLEN 10240
#define PACKAGE_STRING "unbound 1.24.0"
#define PACKAGE_VERSION "1.24.0"
#define PACKAGE_NAME "unbound"
#define HAVE_GETADDRINFO 1
#define INET6 1
#define HAVE_SSL 1
