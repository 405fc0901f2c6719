/* Stand-in for the soci-config.h that SOCI's CMake generates, written for
 * bench/realworld.py: the four backends whose client libraries connleak
 * models and Debian 12 ships (libpq, MariaDB/MySQL, SQLite, unixODBC). */
#ifndef SOCI_SOCICONFIG_H_INCLUDED
#define SOCI_SOCICONFIG_H_INCLUDED
#define SOCI_HAVE_MYSQL 1
#define SOCI_HAVE_ODBC 1
#define SOCI_HAVE_POSTGRESQL 1
#define SOCI_HAVE_SQLITE3 1
#endif
