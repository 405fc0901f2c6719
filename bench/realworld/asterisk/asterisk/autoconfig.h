/* Stand-in for the include/asterisk/autoconfig.h that Asterisk's configure makes from autoconfig.h.in, written for
 * bench/realworld.py: the values configure finds on Debian 12 x86_64 with clang for what the selected modules and
 * their headers test (the client libraries found, glibc functions and headers, C11 atomics), and buildopts.h,
 * which the real autoconfig.h.in includes. */
#ifndef _AST_AUTOCONFIG_H
#define _AST_AUTOCONFIG_H
#include "asterisk/buildopts.h"
#define _GNU_SOURCE 1
#define HAVE_PGSQL 1
#define HAVE_MYSQLCLIENT 1
#define HAVE_SQLITE3 1
#define HAVE_UNIXODBC 1
#define HAVE_CURL 1
#define HAVE_ALLOCA_H 1
#define HAVE_MALLOC_H 1
#define HAVE_STDINT_H 1
#define HAVE_SYS_POLL_H 1
#define HAVE_PTHREAD_RWLOCK_INITIALIZER 1
#define HAVE_PTHREAD_RWLOCK_TIMEDWRLOCK 1
#define HAVE_PTHREAD_MUTEX_RECURSIVE_NP 1
#define HAVE_STRSEP 1
#define HAVE_STRCASESTR 1
#define HAVE_STRNDUP 1
#define HAVE_STRNLEN 1
#define HAVE_VASPRINTF 1
#define HAVE_ASPRINTF 1
#define HAVE_GETLOADAVG 1
#define HAVE_TIMERSUB 1
#define HAVE_ATTRIBUTE_always_inline 1
#define HAVE_ATTRIBUTE_const 1
#define HAVE_ATTRIBUTE_deprecated 1
#define HAVE_ATTRIBUTE_malloc 1
#define HAVE_ATTRIBUTE_pure 1
#define HAVE_ATTRIBUTE_unused 1
#define HAVE_ATTRIBUTE_warn_unused_result 1
#define HAVE_ATTRIBUTE_may_alias 1
#define HAVE_ATTRIBUTE_noinline 1
#define HAVE_ATTRIBUTE_sentinel 1
#define HAVE_ATTRIBUTE_weak 1
#define HAVE_ATTRIBUTE_weakref 1
#define HAVE_PKGCONFIG 1
#define SIZEOF_INT 4
#define SIZEOF_LONG 8
#define SIZEOF_LONG_LONG 8
#define SIZEOF_CHAR_P 8
#define SIZEOF_FD_SET_FDS_BITS 8
#define HAVE_LIBXML2 1
#define PBX_PGSQL 1
#define HAVE_STRTOQ 1
#define HAVE_UNSETENV 1
#define HAVE_SETENV 1
#define HAVE_MKDTEMP 1
#define HAVE_FFSLL 1
#define HAVE_LLONG_MAX 1
#define HAVE_STDDEF_H 1
#define HAVE_ALLOCA 1
#define HAVE_ARPA_INET_H 1
#define HAVE_GLOB_BRACE 1
#define HAVE_GLOB_NOMAGIC 1
#define HAVE_ROUNDF 1
#define HAVE_ROUND 1
#define HAVE_C_ATOMICS 1
#define HAVE_CLOSEFROM 1
#define HAVE_SYS_TIME_H 1
#define HAVE_UNISTD_H 1
#define HAVE_LOCALE_T_IN_LOCALE_H 1
#define HAVE_SYS_SOCKET_H 1
#define HAVE_NETINET_IN_H 1
#define HAVE_NETDB_H 1
#define HAVE_FCNTL_H 1
#define HAVE_STRING_H 1
#define HAVE_STRINGS_H 1
#define HAVE_STDLIB_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_LIMITS_H 1
#define HAVE_SYS_SELECT_H 1
#define HAVE_SYS_PARAM_H 1
#define HAVE_ARPA_NAMESER_H 1
#define AST_JSON_INT_T long long
#define TYPEOF_FD_SET_FDS_BITS long
#endif
