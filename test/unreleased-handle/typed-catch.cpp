// An explicit throw inside a try is matched against the handlers by type
// (the exact type, a base class, or catch (...)). A caught throw goes to
// its handler only; one that no handler catches leaves the function at the
// throw ("leaked when throwing here"), not at the closing brace.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <stdexcept>

// Negative: `throw 1` is always caught by catch (int), which releases.
int catch_int(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  try {
    if (PQstatus(c) != CONNECTION_OK)
      throw 1;
  } catch (int) {
    PQfinish(c);
    return -1;
  }
  PQfinish(c);
  return 0;
}

// Positive: the handler that catches the throw returns without release.
// CHECK-MESSAGES: :[[@LINE+3]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+7]]:5: note: leaked when returning here
int catch_int_leaks(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  try {
    if (PQstatus(c) != CONNECTION_OK)
      throw 1;
  } catch (int) {
    return -1;
  }
  PQfinish(c);
  return 0;
}

// Positive: no handler catches a std::runtime_error: the exception leaves
// the function at the throw, with the connection open.
// CHECK-MESSAGES: :[[@LINE+3]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:7: note: leaked when throwing here
int uncaught(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  try {
    if (PQstatus(c) != CONNECTION_OK)
      throw std::runtime_error("down");
  } catch (int) {
    PQfinish(c);
    return -1;
  }
  PQfinish(c);
  return 0;
}

// Negative: catch (const std::exception &) catches the derived
// std::runtime_error.
int base_class(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  try {
    if (PQstatus(c) != CONNECTION_OK)
      throw std::runtime_error("down");
  } catch (const std::exception &) {
    PQfinish(c);
    return -1;
  }
  PQfinish(c);
  return 0;
}

// Negative: the inner try does not catch it, the outer one does.
int nested(const char *ci) {
  PGconn *c = PQconnectdb(ci);
  try {
    try {
      if (PQstatus(c) != CONNECTION_OK)
        throw std::runtime_error("down");
    } catch (int) {
      PQfinish(c);
      return -2;
    }
  } catch (const std::runtime_error &e) {
    PQfinish(c);
    return -1;
  }
  PQfinish(c);
  return 0;
}
