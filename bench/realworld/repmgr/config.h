/* Stand-in for repmgr's config.h: autoheader generates it from config.h.in, which defines nothing. */
