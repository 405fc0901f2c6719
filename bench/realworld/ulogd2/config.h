/* Stand-in for the config.h that ulogd2's configure writes (configure.ac's AC_DEFINEs and checks), written for
   bench/realworld.py: Linux with glibc 2.36, the database output plugins enabled. */
#define HAVE_FCNTL_H 1
#define HAVE_UNISTD_H 1
#define HAVE_DLFCN_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRING_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_SYS_STAT_H 1
#define PACKAGE "ulogd"
#define PACKAGE_NAME "ulogd"
#define PACKAGE_STRING "ulogd 2.0.9"
#define PACKAGE_TARNAME "ulogd"
#define PACKAGE_VERSION "2.0.9"
#define VERSION "2.0.9"
#define STDC_HEADERS 1
