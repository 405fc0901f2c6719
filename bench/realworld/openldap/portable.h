/* Stand-in for include/portable.h, which OpenLDAP's configure writes (autoheader, portable.hin), for
   bench/realworld.py: Linux x86_64 with glibc 2.36, POSIX threads, OpenSSL, no Cyrus SASL, slapd with
   dynamic modules, back-sql over unixODBC.  Written for the bench; the tail repeats what portable.hin's
   trailer does (prototypes on, ldap_cdefs.h and ldap_features.h, ac/fdset.h, ac/assert.h, ac/localize.h). */
#ifndef _LDAP_PORTABLE_H
#define _LDAP_PORTABLE_H

#ifndef _REENTRANT
#define _REENTRANT 1
#endif
#ifndef _THREAD_SAFE
#define _THREAD_SAFE 1
#endif

#define LBER_INT_T int
#define LBER_LEN_T long
#define LBER_SOCKET_T int
#define LBER_TAG_T long
#define ber_socklen_t socklen_t
#define CTIME_R_NARGS 2
#define GETHOSTBYADDR_R_NARGS 8
#define GETHOSTBYNAME_R_NARGS 6
#define GWINSZ_IN_SYS_IOCTL 1
#define LDAP_API_FEATURE_X_OPENLDAP_REENTRANT 1
#define LDAP_API_FEATURE_X_OPENLDAP_THREAD_SAFE 1
#define LDAP_DEBUG 1
#define LDAP_LIBS_DYNAMIC 1
#define LDAP_PF_INET6 1
#define LDAP_PF_LOCAL 1
#define LDAP_SYSLOG 1
#define LDAP_VENDOR_VERSION 20613
#define LDAP_VENDOR_VERSION_MAJOR 2
#define LDAP_VENDOR_VERSION_MINOR 6
#define LDAP_VENDOR_VERSION_PATCH 13
#define OPENLDAP_PACKAGE "OpenLDAP"
#define OPENLDAP_VERSION "2.6.13"
#define PACKAGE_NAME ""
#define PACKAGE_VERSION ""
#define SELECT_TYPE_ARG1 int
#define SELECT_TYPE_ARG234 (fd_set *)
#define SELECT_TYPE_ARG5 (struct timeval *)
#define SIZEOF_INT 4
#define SIZEOF_LONG 8
#define SIZEOF_LONG_LONG 8
#define SIZEOF_SHORT 2
#define SIZEOF_WCHAR_T 4
#define SLAPD_ACI_ENABLED 1
#define SLAPD_CLEARTEXT 1
#define SLAPD_CRYPT 1
#define SLAPD_MODULES 1
#define SLAP_DYNACL 1
#define STDC_HEADERS 1
#define URANDOM_DEVICE "/dev/urandom"
#define USE_MP_LONG 1
#define RETSIGTYPE void
#define HAVE_PTHREADS 10
#define HAVE_LINUX_THREADS 1
#define HAVE_OPENSSL 1
#define HAVE_TLS 1
#define HAVE_EPOLL 1
#define HAVE_LONG_LONG 1
#define HAVE_PTRDIFF_T 1
#define HAVE_STRUCT_MSGHDR_MSG_CONTROL 1
#define HAVE_STRUCT_PASSWD_PW_GECOS 1
#define HAVE_STRUCT_PASSWD_PW_PASSWD 1
#define HAVE_STRUCT_STAT_ST_BLKSIZE 1
#define HAVE_ARPA_INET_H 1
#define HAVE_ARPA_NAMESER_H 1
#define HAVE_ASSERT_H 1
#define HAVE_BITS_TYPES_H 1
#define HAVE_CRYPT_H 1
#define HAVE_DIRENT_H 1
#define HAVE_DLFCN_H 1
#define HAVE_ERRNO_H 1
#define HAVE_FCNTL_H 1
#define HAVE_GETOPT_H 1
#define HAVE_GRP_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_LIMITS_H 1
#define HAVE_LOCALE_H 1
#define HAVE_MALLOC_H 1
#define HAVE_MEMORY_H 1
#define HAVE_NETINET_TCP_H 1
#define HAVE_OPENSSL_BN_H 1
#define HAVE_OPENSSL_CRYPTO_H 1
#define HAVE_OPENSSL_SSL_H 1
#define HAVE_POLL_H 1
#define HAVE_PTHREAD_H 1
#define HAVE_PWD_H 1
#define HAVE_REGEX_H 1
#define HAVE_RESOLV_H 1
#define HAVE_SCHED_H 1
#define HAVE_SHADOW_H 1
#define HAVE_SQLEXT_H 1
#define HAVE_SQL_H 1
#define HAVE_STDDEF_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDIO_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRINGS_H 1
#define HAVE_STRING_H 1
#define HAVE_SYSEXITS_H 1
#define HAVE_SYSLOG_H 1
#define HAVE_SYS_EPOLL_H 1
#define HAVE_SYS_ERRNO_H 1
#define HAVE_SYS_FILE_H 1
#define HAVE_SYS_IOCTL_H 1
#define HAVE_SYS_PARAM_H 1
#define HAVE_SYS_POLL_H 1
#define HAVE_SYS_RESOURCE_H 1
#define HAVE_SYS_SELECT_H 1
#define HAVE_SYS_SOCKET_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_SYSLOG_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_SYS_UIO_H 1
#define HAVE_SYS_UN_H 1
#define HAVE_SYS_WAIT_H 1
#define HAVE_TERMIOS_H 1
#define HAVE_UNISTD_H 1
#define HAVE_UTIME_H 1
#define HAVE_BCOPY 1
#define HAVE_CHROOT 1
#define HAVE_CLOCK_GETTIME 1
#define HAVE_CRYPT 1
#define HAVE_CRYPT_R 1
#define HAVE_CTIME_R 1
#define HAVE_ENDGRENT 1
#define HAVE_ENDPWENT 1
#define HAVE_FCNTL 1
#define HAVE_FLOCK 1
#define HAVE_FMEMOPEN 1
#define HAVE_FSTAT 1
#define HAVE_GAI_STRERROR 1
#define HAVE_GETADDRINFO 1
#define HAVE_GETDTABLESIZE 1
#define HAVE_GETEUID 1
#define HAVE_GETGRGID 1
#define HAVE_GETHOSTBYADDR_R 1
#define HAVE_GETHOSTBYNAME_R 1
#define HAVE_GETHOSTNAME 1
#define HAVE_GETNAMEINFO 1
#define HAVE_GETOPT 1
#define HAVE_GETPWNAM 1
#define HAVE_GETPWUID 1
#define HAVE_GETSPNAM 1
#define HAVE_GETTIMEOFDAY 1
#define HAVE_GMTIME_R 1
#define HAVE_HSTRERROR 1
#define HAVE_INET_ATON 1
#define HAVE_INET_NTOP 1
#define HAVE_INITGROUPS 1
#define HAVE_IOCTL 1
#define HAVE_LOCALTIME_R 1
#define HAVE_LOCKF 1
#define HAVE_MEMCPY 1
#define HAVE_MEMMOVE 1
#define HAVE_MEMRCHR 1
#define HAVE_MKSTEMP 1
#define HAVE_MKTEMP 1
#define HAVE_PIPE 1
#define HAVE_POLL 1
#define HAVE_PTHREAD_DETACH 1
#define HAVE_PTHREAD_GETCONCURRENCY 1
#define HAVE_PTHREAD_KILL 1
#define HAVE_PTHREAD_RWLOCK_DESTROY 1
#define HAVE_PTHREAD_SETCONCURRENCY 1
#define HAVE_PTHREAD_YIELD 1
#define HAVE_READ 1
#define HAVE_RECV 1
#define HAVE_RECVFROM 1
#define HAVE_RES_QUERY 1
#define HAVE_SCHED_YIELD 1
#define HAVE_SEND 1
#define HAVE_SENDMSG 1
#define HAVE_SENDTO 1
#define HAVE_SETEGID 1
#define HAVE_SETEUID 1
#define HAVE_SETGID 1
#define HAVE_SETSID 1
#define HAVE_SETUID 1
#define HAVE_SIGACTION 1
#define HAVE_SIGNAL 1
#define HAVE_SIGSET 1
#define HAVE_SNPRINTF 1
#define HAVE_STRDUP 1
#define HAVE_STRERROR 1
#define HAVE_STRERROR_R 1
#define HAVE_STRFTIME 1
#define HAVE_STRPBRK 1
#define HAVE_STRRCHR 1
#define HAVE_STRSEP 1
#define HAVE_STRSPN 1
#define HAVE_STRSTR 1
#define HAVE_STRTOL 1
#define HAVE_STRTOLL 1
#define HAVE_STRTOQ 1
#define HAVE_STRTOUL 1
#define HAVE_STRTOULL 1
#define HAVE_STRTOUQ 1
#define HAVE_SYSCONF 1
#define HAVE_VPRINTF 1
#define HAVE_VSNPRINTF 1
#define HAVE_WAIT4 1
#define HAVE_WAITPID 1
#define HAVE_WRITE 1

#ifndef LDAP_NEEDS_PROTOTYPES
#define LDAP_NEEDS_PROTOTYPES 1
#endif

#include <stddef.h>
#include "ac/fdset.h"
#include "ldap_cdefs.h"
#include "ldap_features.h"
#include "ac/assert.h"
#include "ac/localize.h"

#endif /* _LDAP_PORTABLE_H */
