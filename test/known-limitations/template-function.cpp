// Known limitation: function templates (and members of class templates) are
// not analysed, neither the template nor its instantiations, so a leak in
// one is never reported, even when it does not depend on the template
// parameter. A template helper that releases or stores a handle is an
// unknown function to its callers.
// XFAIL: *
// FIXME: unreleased-handle reports nothing for in_template() today. The
// right output is the warning below (once, however many instantiations).
// One option: analyse the first instantiation of each template and
// deduplicate reports by the pattern's source location. When this passes
// (XPASS), remove the XFAIL line and the item in
// docs/design.md#known-limitations.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cxxflags %pq

#include <libpq-fe.h>

template <class T> int in_template(const char *ci, T t) {
  PGconn *c = PQconnectdb(ci);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
  (void)t;
  return PQstatus(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}

int use_template(const char *ci) { return in_template(ci, 1) + in_template(ci, 'x'); }
