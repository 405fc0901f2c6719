/* Stand-in for libcdada's cdada.h (pmacct's git submodule src/external_libs/libcdada, which the snapshot does not
 * carry and Debian does not package), written for bench/realworld.py: the two opaque types that pmacct's headers
 * name.  The selected files call no cdada function. */
typedef struct cdada_list cdada_list_t;
typedef struct cdada_map cdada_map_t;
