/* Stand-in for the include/config.h that Bareos's CMake build makes from core/src/include/config.h.in, written for
 * bench/realworld.py: Linux with clang on Debian 12 x86_64, optional features (ACL, PAM, Python, NDMP, LMDB,
 * Jansson, systemd, ...) off, the default ports and paths. */
/*
   BAREOS® - Backup Archiving REcovery Open Sourced

   Copyright (C) 2012-2012 Free Software Foundation Europe e.V.
   Copyright (C) 2011-2012 Planets Communications B.V.
   Copyright (C) 2013-2026 Bareos GmbH & Co. KG

   This program is Free Software; you can redistribute it and/or
   modify it under the terms of version three of the GNU Affero General Public
   License as published by the Free Software Foundation and included
   in the file LICENSE.

   This program is distributed in the hope that it will be useful, but
   WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU
   Affero General Public License for more details.

   You should have received a copy of the GNU Affero General Public License
   along with this program; if not, write to the Free Software
   Foundation, Inc., 51 Franklin Street, Fifth Floor, Boston, MA
   02110-1301, USA.
*/

// clang-format off
#ifndef BAREOS_INCLUDE_CONFIG_H_
#define BAREOS_INCLUDE_CONFIG_H_

#define BAREOS "Bareos"
#define FD_DEFAULT_PORT "9102"
#define SD_DEFAULT_PORT "9103"
#define DIR_DEFAULT_PORT "9101"
#define NDMP_DEFAULT_PORT "10000"

/* #undef HAVE_SOURCE_LOCATION */
#define HAVE_BUILTIN_LOCATION 1

// Define to 1 if you use gcc
/* #undef HAVE_GCC */

// Define to 1 if you use clang
#define HAVE_CLANG 1

// Define to 1 if you use msvc
/* #undef HAVE_MSVC */

// Where are Bareos config files stored
#define CONFDIR "/etc/bareos"

/* Define to 1 if translation of program messages to the user's native
 * language is requested */
/* #undef ENABLE_NLS */

// Define to 1 for pthread_attr_get_np() instead of pthread_getattr_np()
/* #undef HAVE_PTHREAD_ATTR_GET_NP */

// Define to 1 if you want Normal acl support
/* #undef HAVE_ACL */

// Define to 1 if you want PAM support
/* #undef HAVE_PAM */

// Defines if your system have the ACL_TYPE_DEFAULT_DIR acl type
/* #undef HAVE_ACL_TYPE_DEFAULT_DIR */

// Defines if your system have the ACL_TYPE_EXTENDED acl type
/* #undef HAVE_ACL_TYPE_EXTENDED */

// Defines if your system have the ACL_TYPE_NFS4 acl type
/* #undef HAVE_ACL_TYPE_NFS4 */

// Define to 1 if you are running AIX
/* #undef HAVE_AIX_OS */

// Define to 1 if you have the `backtrace' function
#define HAVE_BACKTRACE 1

// Define to 1 if you have the `backtrace_symbols' function
#define HAVE_BACKTRACE_SYMBOLS 1

// Big Endian
/* #undef HAVE_BIG_ENDIAN */

// Define to 1 if you have the `chflags' function
/* #undef HAVE_CHFLAGS */

// Define to 1 if you have the `closefrom' function
#define HAVE_CLOSEFROM 1

// Define to 1 if cplus_demangle exists in libdemangle
/* #undef HAVE_CPLUS_DEMANGLE */

// Define to 1 if you are running OSX
/* #undef HAVE_DARWIN_OS */

// Define to 1 if dynamic loading of storage backends is enabled
/* #undef HAVE_DYNAMIC_SD_BACKENDS */

// Define if you have FreeBSD extattr support
/* #undef HAVE_FREEBSD_EXTATTR */

// Define to 1 if you want Extended acl support
/* #undef HAVE_EXTENDED_ACL */

// Define to 1 if you have the fcntl F_CLOSEM flag
/* #undef HAVE_FCNTL_F_CLOSEM */

// Define to 1 if you are running FreeBSD
/* #undef HAVE_FREEBSD_OS */

// Define if you have AIX EA support
/* #undef HAVE_AIX_EA */

// Define to 1 if you have the `getmntent' function
#define HAVE_GETMNTENT 1

// Define to 1 if you have the `getmntinfo' function
/* #undef HAVE_GETMNTINFO */

// Define to 1 if you have the `getpagesize' function
#define HAVE_GETPAGESIZE 1

// Define if you have Linux xattr support
#define HAVE_LINUX_XATTR 1

// Define if you have MacOS/Darwin xattr support
/* #undef HAVE_DARWIN_XATTR */

// Define to 1 if ioctl request is unsigned long int
/* #undef HAVE_IOCTL_ULINT_REQUEST */

// Define HAVE_IS_TRIVIALLY_COPYABLE if compiler has type trait is_trivially_copyable
#define HAVE_IS_TRIVIALLY_COPYABLE 1

// Define to 1 if you have jansson lib
/* #undef HAVE_JANSSON */

// Define to 1 if you have the `lchmod' function
/* #undef HAVE_LCHMOD */

// Define to 1 if you are running Linux
#define HAVE_LINUX_OS 1

// Define to 1 if LMDB support should be enabled
/* #undef HAVE_LMDB */

// Low level SCSI Interface support
/* #undef HAVE_LOWLEVEL_SCSI_INTERFACE */

// Define to 1 if you have lzo lib
/* #undef HAVE_LZO */

// Define to 1 if NDMP support should be enabled
/* #undef HAVE_NDMP */

// Define to 1 to when walkcontext does not work
/* #undef HAVE_NON_WORKING_WALKCONTEXT */

// Define to 1 to use the old sockopt option
/* #undef HAVE_OLD_SOCKOPT */

// Define to 1 if you have the `poll' function
#define HAVE_POLL 1

// Define to 1 if you have the `posix_fadvise' function
#define HAVE_POSIX_FADVISE 1

// Define to 1 if python support should be enabled
/* #undef HAVE_PYTHON */

// Define to 1 if you have the `readdir_r' function
#define HAVE_READDIR_R 1

// Define to 1 if the SHA-2 family of digest algorithms is available
#define HAVE_SHA2 1

// Define to 1 if you are running Solaris
/* #undef HAVE_SUN_OS */

// Define to 1 if systemd support should be enabled
/* #undef HAVE_SYSTEMD */

// Define to 1 if you have the <sys/acl.h> header file
/* #undef HAVE_SYS_ACL_H */

// Define to 1 if you have the <sys/capability.h> header file
/* #undef HAVE_SYS_CAPABILITY_H */

// Define if you want to use cap_* functions
/* #undef ENABLE_CAPABILITY */

// Extended Attributes support
#define HAVE_XATTR 1

// Where are shared libs stored
#define LIBDIR "/usr/lib/bareos"

// Where are locale files stored
#define LOCALEDIR "/usr/share/locale"

// Define to the full name of this package
#define PACKAGE_NAME "bareos"

// Where are system config files stored
#define SYSCONFDIR "/etc/bareos"

// Define to 1 if DB batch insert code enabled
#define USE_BATCH_FILE_INSERT 1

// Number of bits in a file offset, on hosts where this is settable
#define _FILE_OFFSET_BITS 64

// Define to make fseeko etc. visible, on some hosts
#define _LARGEFILE_SOURCE 1

// Define for large files, on AIX-style hosts
/* #undef _LARGE_FILES */

// Directory for backend files
#define PATH_BAREOS_BACKENDDIR "/usr/lib/bareos/backends"

// Directory for backend files
#define PATH_BAREOS_SCRIPTDIR "/usr/lib/bareos/scripts"

// Directory for daemon files
#define PATH_BAREOS_WORKINGDIR "/var/lib/bareos"

// Default path for Bareos Python modules
#define PYTHON_MODULE_PATH "/usr/lib/bareos/plugins"

#define BAREOS_PLATFORM "debian"
#define DISTVER "12"
#endif  // BAREOS_INCLUDE_CONFIG_H_
// clang-format on
