/* Stand-in for the repmgr_version.h that repmgr's configure makes from repmgr_version.h.in, written for
 * bench/realworld.py: the snapshot's version values, and PG_ACTUAL_VERSION_NUM (configure takes it from
 * pg_config) for Debian 12's postgresql-server-dev-15. */
#define REPMGR_VERSION_DATE "2024-11-20"
#define REPMGR_VERSION "5.5.0"
#define REPMGR_VERSION_NUM 50500
#define REPMGR_EXTENSION_VERSION "5.5.0"
#define REPMGR_EXTENSION_NUM 50500
#define REPMGR_RELEASE_DATE "2024-XX-XX"
#define PG_ACTUAL_VERSION_NUM 150000
