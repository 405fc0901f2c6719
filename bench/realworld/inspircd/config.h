/* Stand-in for the include/config.h that InspIRCd's ./configure fills in from make/template/config.h,
   written for bench/realworld.py: version 4 on Linux with glibc 2.36 (clock_gettime, getentropy,
   arc4random_buf not in glibc 2.36), the default install paths. */
#pragma once
#define INSPIRCD_BRANCH "InspIRCd-4"
#define INSPIRCD_VERSION "InspIRCd-4.9.0"
#define INSPIRCD_VERSION_BEFORE(MAJOR, MINOR) (((4 << 8) | 9) < ((MAJOR << 8) | (MINOR)))
#define INSPIRCD_VERSION_SINCE(MAJOR, MINOR) (((4 << 8) | 9) >= ((MAJOR << 8) | (MINOR)))
#define INSPIRCD_CONFIG_PATH "/etc/inspircd"
#define INSPIRCD_EXAMPLE_PATH "/usr/share/doc/inspircd/examples"
#define INSPIRCD_DATA_PATH "/var/lib/inspircd"
#define INSPIRCD_LOG_PATH "/var/log/inspircd"
#define INSPIRCD_MODULE_PATH "/usr/lib/inspircd/modules"
#define INSPIRCD_RUNTIME_PATH "/run/inspircd"
#define INSPIRCD_DOCS "https://docs.inspircd.org/4/"
#define HAS_CLOCK_GETTIME
#define HAS_GETENTROPY
