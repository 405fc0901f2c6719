/* Stand-in for the config header libpqxx 7.9's CMake generates from
 * include/pqxx/config.h.in, written for bench/realworld.py: the feature
 * results of clang 19 with libstdc++ 12 (Debian 12) in C++17 mode. */
#define HAVE_LIBPQ 1
#define PACKAGE "libpqxx"
#define PACKAGE_NAME "libpqxx"
#define PACKAGE_VERSION "7.9.2"
#define PACKAGE_STRING "libpqxx 7.9.2"
#define PQXX_HAVE_CHARCONV_FLOAT 1
#define PQXX_HAVE_CHARCONV_INT 1
#define PQXX_HAVE_CXA_DEMANGLE 1
#define PQXX_HAVE_GCC_PURE 1
#define PQXX_HAVE_GCC_VISIBILITY 1
#define PQXX_HAVE_PATH 1
#define PQXX_HAVE_POLL 1
#define PQXX_HAVE_SLEEP_FOR 1
#define PQXX_HAVE_STRERROR_R 1
#define PQXX_HAVE_THREAD_LOCAL 1
/* C++20 only: PQXX_HAVE_CMP, _CONCEPTS, _LIKELY, _MULTIDIM, _SOURCE_LOCATION,
 * _SPAN, _SSIZE, _YEAR_MONTH_DAY are left undefined. */
