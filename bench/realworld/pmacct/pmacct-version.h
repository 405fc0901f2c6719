/* Stand-in for the pmacct-version.h that configure makes from src/pmacct-version.h.in, written for
 * bench/realworld.py. */
#define PMACCT_VERSION "1.7.10-git"
#define PMACCT_BUILD "bench"
