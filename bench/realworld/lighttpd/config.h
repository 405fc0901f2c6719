/* Stand-in for the config.h that lighttpd's build (meson, CMake or configure) writes, written for bench/realworld.py:
 * the values it finds on Debian 12 x86_64 for what the selected modules and their headers test, with libpq,
 * MariaDB, SQLite and libxml2 found (mod_webdav's PROPPATCH and LOCK need the last two). */
#define HAVE_STDINT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_TIMEGM 1
#define HAVE_SOCKLEN_T 1
#define HAVE_UNISTD_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_STRINGS_H 1
#define HAVE_CLOCK_GETTIME 1
#define HAVE_SQLITE3_H 1
#define HAVE_LIBXML_H 1
#define HAVE_PGSQL 1
#define HAVE_MYSQL 1
#define HAVE_IPV6 1
#define HAVE_MMAP 1
#define HAVE_SYS_MMAN_H 1
#define HAVE_PREAD 1
#define HAVE_PWRITE 1
#define HAVE_COPY_FILE_RANGE 1
#define HAVE_SENDFILE 1
#define HAVE_SYS_SENDFILE_H 1
#define HAVE_LINUX_RANDOM_H 1
#define HAVE_GETRANDOM 1
#define HAVE_SYS_RANDOM_H 1
#define HAVE_SPLICE 1
#define HAVE_STRUCT_TM_GMTOFF 1
#define HAVE_MKOSTEMP 1
#define HAVE_PIPE2 1
#define HAVE_ACCEPT4 1
#define HAVE_DLFCN_H 1
#define LIGHTTPD_VERSION_ID 0x10480
#define PACKAGE_NAME "lighttpd"
#define PACKAGE_VERSION "1.4.80"
#define LIBRARY_DIR "/usr/lib/lighttpd"
