/* Written for bench/realworld.py; libpqxx generates the same content into all its config headers. */
#include "pqxx/config-public-compiler.h"
