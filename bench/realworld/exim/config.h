/* Stand-in for the config.h that Exim's buildconfig writes from src/config.h.defaults and a Local/Makefile.
   Written for bench/realworld.py: a Linux x86_64 build with OpenSSL and the SQL/Redis lookups built in
   (LOOKUP_MYSQL, LOOKUP_PGSQL, LOOKUP_SQLITE, LOOKUP_REDIS) and the SQLite hints database (USE_SQLITE),
   otherwise the defaults of config.h.defaults. */
#ifndef OFF_T_FMT
# define OFF_T_FMT  "%lld"
#endif
#ifndef LONGLONG_T
# define LONGLONG_T long long int
#endif
#ifndef TIME_T_FMT
# define TIME_T_FMT  "%ld"
#endif
#ifndef INO_T_FMT
# define INO_T_FMT  "%lu"
#endif
#ifndef PID_T_FMT
# define PID_T_FMT  "%lu"
#endif
#define SIZE_T_FMT  "%zu"
#define SSIZE_T_FMT  "%zd"

#define HAVE_IPV6             TRUE
#define HAVE_ICONV            TRUE

#define APPENDFILE_MODE            0600
#define APPENDFILE_DIRECTORY_MODE  0700
#define APPENDFILE_LOCKFILE_MODE   0600
#define AUTH_CRAM_MD5 yes
#define AUTH_PLAINTEXT yes
#define AUTH_VARS                     4
#define BIN_DIRECTORY         "/usr/exim/bin"
#define CONFIGURE_FILE        "/usr/exim/configure"
#define DEFAULT_CRYPT              crypt
#define DELIVER_IN_BUFFER_SIZE     8192
#define DELIVER_OUT_BUFFER_SIZE    8192
#define DISABLE_DKIM yes
#define DISABLE_EXIM_FILTER yes
#define DISABLE_SIEVE_FILTER yes
#define EXIMDB_DIRECTORY_MODE      0750
#define EXIMDB_LOCK_TIMEOUT          60
#define EXIMDB_LOCKFILE_MODE       0640
#define EXIMDB_MODE                0640
#define EXIM_CLIENT_DH_MIN_MIN_BITS         512
#define EXIM_CLIENT_DH_DEFAULT_MIN_BITS    1024
#define EXIM_USERNAME         "exim"
#define EXIM_GROUPNAME        "exim"
#define EXIM_UID              101
#define EXIM_GID              101
#define FIXED_NEVER_USERS     1, 0
#define HEADERS_CHARSET           "ISO-8859-1"
#define HEADER_ADD_BUFFER_SIZE    (8192 * 4)
#define HEADER_MAXSIZE            (1024*1024)
#define INPUT_DIRECTORY_MODE       0750
#define LOG_DIRECTORY_MODE         0750
#define LOG_MODE                   0640
#define LOOKUP_DBM yes
#define LOOKUP_DNSDB yes
#define LOOKUP_DSEARCH yes
#define LOOKUP_LSEARCH yes
#define LOOKUP_MYSQL yes
#define LOOKUP_PGSQL yes
#define LOOKUP_REDIS yes
#define LOOKUP_SQLITE yes
#define MAX_FILTER_SIZE           (1024*1024)
#define MAX_LOCALHOST_NUMBER        256
#define MAX_INCLUDE_SIZE          (1024*1024)
#define MAX_INTERFACES              250
#define MAX_NAMED_LIST               16
#define MSGLOG_DIRECTORY_MODE      0750
#define NVALGRIND yes
#define REGEX_VARS                 9
#define ROUTER_ACCEPT yes
#define ROUTER_DNSLOOKUP yes
#define ROUTER_IPLITERAL yes
#define ROUTER_MANUALROUTE yes
#define ROUTER_QUERYPROGRAM yes
#define ROUTER_REDIRECT yes
#define SPOOL_DIRECTORY       "/var/spool/exim"
#define SPOOL_DIRECTORY_MODE       0750
#define SPOOL_MODE                 0640
#define STRING_SPRINTF_BUFFER_SIZE (8192 * 4)
#define SUPPORT_CRYPTEQ yes
#define SUPPORT_MAILDIR yes
#define SYSLOG_LOG_PID yes
#define TIMEZONE_DEFAULT      NULL
#define TRANSPORT_APPENDFILE yes
#define TRANSPORT_AUTOREPLY yes
#define TRANSPORT_LMTP yes
#define TRANSPORT_PIPE yes
#define TRANSPORT_SMTP yes
#define USE_SQLITE yes
#define USE_OPENSSL yes

#define DNS_MAXNAME                1024
#define EXPAND_MAXN                  20
#define ROOT_UID                      0
#define ROOT_GID                      0
#define int_eximarith_t int64_t
#define PR_EXIM_ARITH "%" PRId64
#define SC_EXIM_ARITH "%" SCNi64
#define SC_EXIM_DEC   "%" SCNd64

/* End of config.h */
