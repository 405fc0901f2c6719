// connleak-unbounded-result: libpqxx. exec on a transaction of a literal
// SELECT with no LIMIT, in a request handler (a cpp-httplib handler lambda
// or function) or a loop. exec1 and exec_n bound the rows themselves.
// RUN: %check_connleak %s connleak-unbounded-result %t -- -- %cxxflags %pq

#include <httplib.h>
#include <pqxx/pqxx>
#include <string>
#include <vector>

void routes(httplib::Server &svr, pqxx::connection &db) {
  svr.Get("/orders", [&db](const httplib::Request &, httplib::Response &res) {
    pqxx::work w(db);
    pqxx::result r = w.exec("SELECT id, total FROM orders ORDER BY id");
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'exec' reads every row of 'SELECT ... FROM orders' inside a request handler lambda: the query has no LIMIT [connleak-unbounded-result]
    // CHECK-MESSAGES: :[[@LINE-2]]:22: note: bound it: add 'LIMIT <page size>', or read it row by row with pqxx::stream_from
    // Negative: bounded.
    w.exec("SELECT id, total FROM orders ORDER BY id LIMIT 100");
    w.exec1("SELECT count(*) FROM orders");
    w.exec_n(10, "SELECT * FROM orders");
    res.set_content(std::to_string(r.size()), "text/plain");
  });
}

void customer(const httplib::Request &req, httplib::Response &res,
              pqxx::connection &db) {
  pqxx::nontransaction n(db);
  // Positive: a std::string initialised with a literal.
  const std::string q = "SELECT * FROM customers";
  n.exec(q);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'exec' reads every row of 'SELECT ... FROM customers' inside request handler 'customer': the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: bound it: {{.*}}
  // Negative: a key lookup; a query built at run time.
  n.exec("SELECT * FROM customers WHERE id = " + n.quote(req.get_param_value("id")));
  n.exec("SELECT * FROM customers WHERE customer_id = 7");
}

// Positive: per item of a range-for.
void audit(pqxx::connection &db, const std::vector<std::string> &tables) {
  pqxx::work w(db);
  for (const std::string &t : tables)
    w.exec("SELECT * FROM audit_log");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'exec' reads every row of 'SELECT ... FROM audit_log' inside a loop: the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: bound it: {{.*}}
}

// Negative: once, outside handlers and loops.
void report(pqxx::connection &db) {
  pqxx::work w(db);
  w.exec("SELECT * FROM orders");
}
