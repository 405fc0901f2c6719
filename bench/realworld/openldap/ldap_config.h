/* Stand-in for include/ldap_config.h, which OpenLDAP's build makes from ldap_config.hin (bench/realworld.py;
   Debian's directories). */
#ifndef _LDAP_CONFIG_H
#define _LDAP_CONFIG_H
#define LDAP_DIRSEP "/"
#define LDAP_TMPDIR "/tmp"
#define LDAP_BINDIR "/usr/bin"
#define LDAP_SBINDIR "/usr/sbin"
#define LDAP_DATADIR "/usr/share/ldap"
#define LDAP_SYSCONFDIR "/etc/ldap"
#define LDAP_LIBEXECDIR "/usr/libexec"
#define LDAP_MODULEDIR "/usr/lib/ldap"
#define LDAP_RUNDIR "/var/run/slapd"
#define LDAP_LOCALEDIR ""
#endif
