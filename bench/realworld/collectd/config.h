/* Stand-in for collectd's autoconf config.h, written for bench/realworld.py:
 * just enough HAVE_* and package macros for Debian 12 (glibc, x86_64) so the
 * plugins that use a modelled library parse. Found via -DHAVE_CONFIG_H=1 -Ibench/realworld/collectd. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#define PACKAGE_NAME "collectd"
#define PACKAGE_VERSION "5.12.0"
#define PACKAGE_STRING "collectd 5.12.0"
#define COLLECTD_USERAGENT "collectd/5.12.0"
#define PREFIX "/usr"
#define SYSCONFDIR "/etc"
#define LOCALSTATEDIR "/var"
#define PKGLOCALSTATEDIR "/var/lib/collectd"
#define PKGDATADIR "/usr/share/collectd"
#define PLUGINDIR "/usr/lib/collectd"
#define CONFIGFILE "/etc/collectd.conf"
#define PIDFILE "/run/collectd.pid"
#define KERNEL_LINUX 1
#define STDC_HEADERS 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_STRINGS_H 1
#define HAVE_UNISTD_H 1
#define HAVE_SYS_WAIT_H 1
#define HAVE_FCNTL_H 1
#define HAVE_SYS_TIME_H 1
#define TIME_WITH_SYS_TIME 1
#define HAVE_SYS_SOCKET_H 1
#define HAVE_NETDB_H 1
#define HAVE_ARPA_INET_H 1
#define HAVE_NETINET_IN_H 1
#define HAVE_SYS_RESOURCE_H 1
#define HAVE_PTHREAD_H 1
#define HAVE_DIRENT_H 1
#define HAVE_STDINT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_LIMITS_H 1
#define HAVE_SYS_CAPABILITY_H 0
#define NAN_STATIC_DEFAULT 1
#define FP_LAYOUT_NEED_NOTHING 1
#define HAVE_HTONLL 0
#define HAVE_LIBCURL 1
#define HAVE_CURLOPT_USERNAME 1
#define HAVE_CURLOPT_TIMEOUT_MS 1
#define HAVE_CURLINFO_APPCONNECT_TIME 1
#define HAVE_LIBMONGOC 1
#define HAVE_LIBHIREDIS 1
#define HAVE_MYSQL_H 1
#define HAVE_LIBXML2 1
#define HAVE_LIBYAJL 1
#define HAVE_YAJL_YAJL_VERSION_H 1
#define HAVE_SETGROUPS 1
#define HAVE_GETPWNAM_R 1
#define HAVE_GETGRNAM_R 1
#define HAVE_STRERROR_R 1
#define STRERROR_R_CHAR_P 1
