// A handle whose last holder goes out of scope leaks there: at the closing
// brace of the block, or at the break/continue/goto that leaves the block.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %pq

#include <libpq-fe.h>
#include <stddef.h>

// Positive: an inner block.
int inner_block(const char *conninfo) {
  int status = 0;
  {
    PGconn *conn = PQconnectdb(conninfo);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
    status = PQstatus(conn);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked at the end of the scope of 'conn'
  status++;
  return status;
}

// Positive: the then-branch of an if.
void if_branch(const char *conninfo, int want) {
  if (want) {
    PGconn *conn = PQconnectdb(conninfo);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
    PQstatus(conn);
  } else {
    PQping(conninfo);
  }
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: leaked at the end of the scope of 'conn'
  PQping(conninfo);
}

// Positive: `continue` leaves the loop body.
void loop_continue(const char **conninfos, int n) {
  for (int i = 0; i < n; i++) {
    PGconn *conn = PQconnectdb(conninfos[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
    if (PQstatus(conn) != CONNECTION_OK)
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: leaked at the end of the scope of 'conn'
    PQfinish(conn);
  }
}

// Positive: `break` leaves the loop body.
void loop_break(const char **conninfos, int n) {
  for (int i = 0; i < n; i++) {
    PGconn *conn = PQconnectdb(conninfos[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
    if (PQstatus(conn) != CONNECTION_OK)
      break;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: leaked at the end of the scope of 'conn'
    PQfinish(conn);
  }
}

// Positive: `goto` out of the block.
int goto_out_of_block(const char *conninfo) {
  {
    PGconn *conn = PQconnectdb(conninfo);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: connection returned by 'PQconnectdb' is not released with 'PQfinish' on every path [connleak-unreleased-handle]
    if (PQstatus(conn) != CONNECTION_OK)
      goto fail;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: leaked at the end of the scope of 'conn'
    PQfinish(conn);
  }
  return 0;
fail:
  return -1;
}

// Negative: the handle is copied to a variable of the enclosing scope
// before the inner one ends, and returned.
PGconn *outlives_block(const char *conninfo) {
  PGconn *keep = NULL;
  {
    PGconn *conn = PQconnectdb(conninfo);
    keep = conn;
  }
  return keep;
}

// Positive: a while body whose variable is re-declared each iteration.
void while_body(PGconn *conn) {
  int i = 0;
  while (i++ < 3) {
    PGresult *res = PQexec(conn, "SELECT 1");
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: result returned by 'PQexec' is not released with 'PQclear' on every path [connleak-unreleased-handle]
    if (!res)
      continue;
    PQntuples(res);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked at the end of the scope of 'res'
}
