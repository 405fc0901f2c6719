/* Stand-in for the git-version.h that pg_auto_failover's Makefile writes from `git describe` (absent from a
 * git archive), written for bench/realworld.py. */
#define GIT_VERSION "2.2"
