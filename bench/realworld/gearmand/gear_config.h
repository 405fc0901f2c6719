/* Stand-in for the gear_config.h that gearmand's configure writes (autoheader), written for
   bench/realworld.py: Linux x86_64, glibc, GCC-compatible compiler, the queue back-ends built with
   libpq, MySQL/MariaDB, SQLite 3 and hiredis; libdrizzle, libmemcached and Tokyo Cabinet absent. */
#pragma once

#define _GNU_SOURCE 1
#define HAVE_MSG_NOSIGNAL 1
#define HAVE_MSG_DONTWAIT 1
#define CINTTYPES_H <cinttypes>
#define GEARMAND_BLOBSLAP_WORKER 1
#define HAVE_ARPA_INET_H 1
#define HAVE_ERRNO_H 1
#define HAVE_FCNTL_H 1
#define HAVE_LIBEVENT2 1
#define HAVE_PTHREAD 1
#define HAVE_STDARG_H 1
#define HAVE_STDDEF_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRINGS_H 1
#define HAVE_STRING_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_UTSNAME_H 1
#define HAVE_UNISTD_H 1
#define HAVE_NETINET_TCP_H 1
#define HAVE_VISIBILITY 1
#define HAVE_LIBPQ 1
#define HAVE_LIBMYSQL 1
#define HAVE_LIBSQLITE3 1
#define HAVE_HIREDIS 1
#define HAVE_LIBDRIZZLE 0
#define HAVE_LIBMEMCACHED 0
#define HAVE_TOKYOCABINET 0
#define PACKAGE "gearmand"
#define PACKAGE_VERSION "1.1.22"
#define VERSION "1.1.22"
#define GEARMAND_PID_FILE "/var/run/gearmand.pid"
#define GEARMAND_LOG_FILE "/var/log/gearmand.log"

/* AH_BOTTOM of m4/bottom.m4 (CONFIG_EXTRA) */
#ifndef __STDC_FORMAT_MACROS
#  define __STDC_FORMAT_MACROS
#endif
#if defined(__cplusplus)
#  include CINTTYPES_H
#else
#  include <inttypes.h>
#endif
#define INVALID_SOCKET -1
#define SOCKET_ERROR -1
#define closesocket(a) close(a)
#define get_socket_errno() errno
