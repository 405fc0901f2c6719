/* Stand-in for the config.h that Kea's meson build makes from config.h.in, written for bench/realworld.py: Linux,
 * MySQL (MariaDB: my_bool, mysql_get_option) and PostgreSQL (tcp_user_timeout) found, OpenSSL as the TLS
 * back-end. */
#define CONFIG_H_WAS_INCLUDED
#define CHRONO_SAME_DURATION 1
#define HAVE_MYSQL 1
#define HAVE_MYSQL_GET_OPTION 1
#define HAVE_PGSQL 1
#define HAVE_PGSQL_TCP_USER_TIMEOUT 1
#define OS_LINUX 1
#define PACKAGE "kea"
#define PACKAGE_NAME "kea"
#define PACKAGE_VERSION "3.1.0"
#define VERSION "3.1.0"
#define PACKAGE_VERSION_TYPE "development"
#define EXTENDED_VERSION "git"
#define WITH_OPENSSL 1
#define HAVE_NEW_SSL_API 1
#define HAVE_OPENSSL_VERSION 1
#define HAVE_MYSQL_MY_BOOL 1
