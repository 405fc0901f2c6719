// Option AllocatingFunctions: ';'-separated regular expressions of library
// functions whose only exception is std::bad_alloc; calls to them are not
// throw points, as clang-tidy's exception analysis ignores bad_alloc in the
// bodies it reads. The default names std::basic_string's constructors,
// assignment, append, push_back, reserve and resize, std::to_string and
// std::operator+ (PowerDNS and gearmand copy PQresultErrorMessage into a
// std::string before PQclear: bench/realworld/VERDICTS.md). An empty value
// reports leaks on allocation failure too.
// RUN: %check_connleak -check-suffix=DEFAULT %s connleak-exception-unsafe-release %t.default -- -- %cxxflags %pq
// RUN: %check_connleak -check-suffix=ALL \
// RUN:   -config="{CheckOptions: {connleak-exception-unsafe-release.AllocatingFunctions: ''}}" \
// RUN:   %s connleak-exception-unsafe-release %t.all -- -- %cxxflags %pq

#include <libpq-fe.h>
#include <string>
#include <vector>

void log_error(const std::string &message);

// Only allocation can fail between PQexec and PQclear.
int exec_logged(PGconn *conn, const char *sql) {
  PGresult *res = PQexec(conn, sql);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  std::string message = PQresultErrorMessage(res);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:25: note: an exception thrown by 'basic_string' here leaks it
  message += " (";
  message.append(std::to_string(PQresultStatus(res)));
  std::string line = message + ")";
  int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  log_error(line);
  return ok;
}

// std::vector::at throws std::out_of_range: still reported.
int exec_indexed(PGconn *conn, const std::vector<int> &limits) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  int limit = limits.at(3);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:15: note: an exception thrown by 'at' here leaks it
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:15: note: an exception thrown by 'at' here leaks it
  PQclear(res);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:3: note: this release is skipped when that exception is thrown
  return limit;
}

// A function of the program that takes a std::string may throw anything.
int exec_reported(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:19: warning: result returned by 'PQexec' is released with 'PQclear' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
  log_error(PQresultErrorMessage(res));
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: note: an exception thrown by 'log_error' here leaks it
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:3: note: an exception thrown by 'log_error' here leaks it
  PQclear(res);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:3: note: this release is skipped when that exception is thrown
  // CHECK-MESSAGES-ALL: :[[@LINE-2]]:3: note: this release is skipped when that exception is thrown
  return 0;
}
