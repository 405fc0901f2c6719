/* Stand-in for the config.h of rlm_rest's configure (config.h.in), for bench/realworld.py: Debian 12's
   libcurl 7.88 (OpenSSL) and json-c 0.16. */
#define HAVE_JSON 1
#define HAVE_JSONMC_JSON_H 1
#define HAVE_JSON_C_VERSION 1
#define HAVE_JSON_TYPE_TO_NAME 1
#define HAVE_LIBCURL 1
#define LIBCURL_FEATURE_ASYNCHDNS 1
#define LIBCURL_FEATURE_IPV6 1
#define LIBCURL_FEATURE_LIBZ 1
#define LIBCURL_FEATURE_NTLM 1
#define LIBCURL_FEATURE_SSL 1
#define LIBCURL_PROTOCOL_HTTP 1
#define LIBCURL_PROTOCOL_HTTPS 1
