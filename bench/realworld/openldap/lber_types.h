/* Stand-in for include/lber_types.h, which OpenLDAP's configure makes from lber_types.hin (bench/realworld.py;
   the Linux x86_64 values). */
#ifndef _LBER_TYPES_H
#define _LBER_TYPES_H
#include <ldap_cdefs.h>
LDAP_BEGIN_DECL
typedef int ber_int_t;
typedef signed int ber_sint_t;
typedef unsigned int ber_uint_t;
typedef unsigned long ber_tag_t;
typedef int ber_socket_t;
typedef unsigned long ber_len_t;
typedef signed long ber_slen_t;
LDAP_END_DECL
#endif
