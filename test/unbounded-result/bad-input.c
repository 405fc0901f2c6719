// connleak-unbounded-result: bad input must not crash and must not give
// false findings: empty and comment-only strings, unterminated strings and
// comments, embedded NULs (libpq stops at the first one), stray semicolons,
// SQL assembled by macros, and queries whose text is not a literal.
// RUN: %check_connleak %s connleak-unbounded-result %t -- -- %cflags %pq

#include <libpq-fe.h>
#include <stddef.h>

#define RUN(c, sql) PQclear(PQexec((c), sql))
#define TABLE "orders"

extern const char *next_query(void);

void bad_input(PGconn *conn, const char **queries, int n) {
  for (int i = 0; i < n; i++) {
    RUN(conn, "");
    RUN(conn, "   \n\t ");
    RUN(conn, "-- SELECT * FROM orders");
    RUN(conn, "/* SELECT * FROM orders");
    RUN(conn, ";;; ;");
    RUN(conn, "SELECT 'unterminated FROM orders");
    RUN(conn, "SELECT $$ FROM orders");
    RUN(conn, "SELECT * FROM orders LIMIT 10\0 garbage");
    RUN(conn, "SELECT (((((");
    RUN(conn, "SELECT * FROM");
    RUN(conn, "))))) SELECT * FROM t LIMIT 1");
    // Not literals: not judged.
    RUN(conn, queries[i]);
    RUN(conn, next_query());
    PQclear(PQexec(conn, NULL));
    // Positive: the call comes from a macro; the literal is assembled by the
    // preprocessor; the NUL hides the LIMIT from libpq.
    RUN(conn, "SELECT * FROM " TABLE);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'PQexec' reads every row of 'SELECT ... FROM orders' inside a loop: the query has no LIMIT [connleak-unbounded-result]
    // CHECK-MESSAGES: :10:29: note: expanded from macro 'RUN'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: bound it: {{.*}}
    // CHECK-MESSAGES: :10:29: note: expanded from macro 'RUN'
    RUN(conn, "SELECT * FROM orders\0 LIMIT 10");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'PQexec' reads every row of 'SELECT ... FROM orders' inside a loop: the query has no LIMIT [connleak-unbounded-result]
    // CHECK-MESSAGES: :10:29: note: expanded from macro 'RUN'
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: bound it: {{.*}}
    // CHECK-MESSAGES: :10:29: note: expanded from macro 'RUN'
  }
}
