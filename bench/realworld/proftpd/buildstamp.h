/* Stand-in for the include/buildstamp.h that ProFTPD's Makefile writes (the build date), for bench/realworld.py. */
#define BUILD_STAMP "bench"
