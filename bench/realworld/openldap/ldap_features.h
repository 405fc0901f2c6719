/* Stand-in for include/ldap_features.h, which OpenLDAP's configure makes from ldap_features.hin
   (bench/realworld.py; 2.6.13, reentrant and thread-safe libldap). */
#ifndef _LDAP_FEATURES_H
#define _LDAP_FEATURES_H 1
#define LDAP_VENDOR_VERSION 20613
#define LDAP_VENDOR_VERSION_MAJOR 2
#define LDAP_VENDOR_VERSION_MINOR 6
#define LDAP_VENDOR_VERSION_PATCH 13
#define LDAP_API_FEATURE_X_OPENLDAP_REENTRANT 1
#define LDAP_API_FEATURE_X_OPENLDAP_THREAD_SAFE 1
#endif
