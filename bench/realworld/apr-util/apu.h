/* Stand-in for include/apu.h, which apr-util's configure makes from apu.h.in (bench/realworld.py):
   a Unix build with the PostgreSQL, MySQL/MariaDB, SQLite 3 and ODBC DBD drivers, no Oracle or SQLite 2,
   SDBM only, OpenSSL crypto, iconv. */
#ifndef APU_H
#define APU_H
#define APU_DECLARE(type)            type
#define APU_DECLARE_NONSTD(type)     type
#define APU_DECLARE_DATA
#define APU_MODULE_DECLARE_DATA
#define APU_HAVE_SDBM   1
#define APU_HAVE_GDBM   0
#define APU_HAVE_NDBM   0
#define APU_HAVE_DB     0
#define APU_HAVE_PGSQL         1
#define APU_HAVE_MYSQL         1
#define APU_HAVE_SQLITE3       1
#define APU_HAVE_SQLITE2       0
#define APU_HAVE_ORACLE        0
#define APU_HAVE_ODBC          1
#define APU_HAVE_CRYPTO        1
#define APU_HAVE_OPENSSL       1
#define APU_HAVE_NSS           0
#define APU_HAVE_COMMONCRYPTO  0
#define APU_HAVE_APR_ICONV     0
#define APU_HAVE_ICONV         1
#define APR_HAS_XLATE          (APU_HAVE_APR_ICONV || APU_HAVE_ICONV)
#endif /* APU_H */
