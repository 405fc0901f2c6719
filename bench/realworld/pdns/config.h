/* Stand-in for the config.h that PowerDNS's meson build writes (meson.build and the meson.build files under
 * meson/), written for bench/realworld.py: the few values the SQL back-ends and minicurl.cc read, for an authoritative-server build
 * (PDNS_AUTH is passed on the command line, as meson's product option does) with libcurl found. */
#pragma once
#define PACKAGE "pdns"
#define VERSION "0.0.0"
#define SYSCONFDIR "/etc/powerdns"
#define LOCALSTATEDIR "/var/run"
#define PKGLIBDIR "/usr/lib/x86_64-linux-gnu/pdns"
#define LIBDIR "/usr/lib/x86_64-linux-gnu"
#define HAVE_LIBCURL 1
#define HAVE_SQLITE3 1
#define HAVE_CLOCK_GETTIME 1
#define HAVE_GETIFADDRS 1
