/* Stand-in for the config.h that Dovecot's configure writes, with the values configure finds on Debian 12
   x86_64 (m4/uoff_t_max.m4, off_t_max.m4, size_t_signed.m4, vararg.m4, typeof.m4, time_t.m4). */
#define UOFF_T_LONG 1
#define UOFF_T_MAX ULONG_MAX
#define OFF_T_MAX LONG_MAX
#define SSIZE_T_MAX LONG_MAX
#define PRIuUOFF_T "lu"
#define PRIuSIZE_T "lu"
#define VA_COPY va_copy
#define HAVE_TYPEOF 1
#define HAVE_STRINGS_H 1
#define HAVE_SYS_SYSMACROS_H 1
#define HAVE_STAT_XTIM 1
#define TIME_T_MAX_BITS 64
#define TIME_T_SIGNED 1
#define HAVE_SQLITE 1
#define HAVE_PGSQL 1
#define HAVE_MYSQL 1
#define PACKAGE "dovecot"
#define PACKAGE_NAME "Dovecot"
#define PACKAGE_VERSION "0.0.0"
#define PACKAGE_STRING "Dovecot 0.0.0"
#define DOVECOT_VERSION "0.0.0"
#define DOVECOT_NAME "Dovecot"
#define DOVECOT_ABI_VERSION "0.0.ABIv0(0.0.0)"
#define SYSCONFDIR "/etc/dovecot"
#define PKG_RUNDIR "/run/dovecot"
#define PKG_STATEDIR "/var/lib/dovecot"
#define PKG_LIBEXECDIR "/usr/libexec/dovecot"
#define MODULEDIR "/usr/lib/dovecot/modules"
#define SSL_DEFAULT_CIPHER_LIST "ALL"
#define _GNU_SOURCE 1
