// Defects: the condition evaluator read integer constants with
// APSInt::getExtValue(), which asserts on unsigned values >= 2^63 (SIZE_MAX,
// ULLONG_MAX) and, without assertions, wraps them to -1 and decides branches
// wrongly; and it did C arithmetic in int64_t, which overflows (undefined
// behaviour) on glibc's `ULLONG_MAX` (`LLONG_MAX * 2ULL + 1`) and on the
// negation of INT64_MIN. Values now keep their C type's width and
// signedness, and overflow makes them unknown (lib/Evaluator.cpp).
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cflags %pq

#include <libpq-fe.h>
#include <limits.h>
#include <stdint.h>
#include <stddef.h>

// Negative: SIZE_MAX > 0 always holds, so the return without PQfinish is
// unreachable. (Wrapped to -1, the test was decided false: a false warning.)
int size_max_limit(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  size_t limit = SIZE_MAX;
  if (limit > 0) {
    PQfinish(c);
    return 1;
  }
  return 0;
}

// Negative: ULLONG_MAX, spelled by glibc as LLONG_MAX * 2ULL + 1ULL.
int ullong_max(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  unsigned long long m = ULLONG_MAX;
  if (m == 0)
    return 0;
  PQfinish(c);
  return 1;
}

// Negative: UINT64_MAX compares equal to (uint64_t)-1.
int minus_one(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  uint64_t m = UINT64_MAX;
  int64_t n = -1;
  if (m != (uint64_t)n)
    return 0;
  PQfinish(c);
  return 1;
}

enum big_flags { BIG_ALL = 0xffffffffffffffffULL };

// Negative: an enumerator above INT64_MAX.
int big_enum(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  unsigned long long f = BIG_ALL;
  if (f < 1)
    return 0;
  PQfinish(c);
  return 1;
}

// Positive: -INT64_MIN overflows, so the test is unknown and both branches
// are taken: the early return leaks.
int negate_min(const char *ci, int64_t x) {
  PGconn *c = PQconnectdb(ci);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  int64_t lo = INT64_MIN;
  int64_t hi = -lo;
  if (hi < 0)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  PQfinish(c);
  return 1;
}

// Positive: unsigned arithmetic wraps (0u - 1u is UINT_MAX, not -1), so the
// early return is taken.
int unsigned_wrap(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  unsigned u = 0u - 1u;
  if (u > 100)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  PQfinish(c);
  return 1;
}

// Positive: (unsigned char)300 is 44.
int truncation(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  unsigned char b = 300;
  if (b == 44)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  PQfinish(c);
  return 1;
}
