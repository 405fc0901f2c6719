/* Stand-in for libgearman-1.0/version.h, which configure makes from version.h.in (bench/realworld.py). */
#pragma once
#define LIBGEARMAN_VERSION_STRING "1.1.22"
#define LIBGEARMAN_VERSION_HEX 0x01001022
