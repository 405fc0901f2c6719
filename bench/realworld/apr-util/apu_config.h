/* Stand-in for include/private/apu_config.h, which apr-util's configure writes (autoheader), for
   bench/realworld.py: Debian 12's headers (libpq-fe.h, MariaDB's mysql.h found through
   -I/usr/include/mariadb, unixODBC's sql.h, sqlite3.h), drivers built as DSOs. */
#ifndef APU_CONFIG_H
#define APU_CONFIG_H
#define HAVE_LIBPQ_FE_H 1
#define HAVE_SQL_H 1
#define HAVE_SQLEXT_H 1
#define HAVE_SQLITE3_H 1
#define HAVE_ICONV_H 1
#define HAVE_LANGINFO_H 1
#define HAVE_NL_LANGINFO 1
#define HAVE_STDIO_H 1
#define HAVE_STRINGS_H 1
#define HAVE_UNISTD_H 1
#define HAVE_OPENSSL_X509_H 1
#define HAVE_DECL_EVP_PKEY_CTX_NEW 1
#define APU_DSO_MODULE_BUILD 1
#define APU_DSO_LIBDIR "/usr/lib/x86_64-linux-gnu/apr-util-1"
#endif
