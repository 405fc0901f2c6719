// connleak-unbounded-result: a project's own query function and request
// type, declared in a model file (ModelFiles). Without the model nothing is
// reported.
// RUN: %check_connleak -check-suffix=MODEL \
// RUN:   -config="{CheckOptions: {connleak.ModelFiles: '%S/Inputs/acme-queries.yaml'}}" \
// RUN:   %s connleak-unbounded-result %t.model -- -- %cxxflags
// RUN: %check_connleak %s connleak-unbounded-result %t.none -- -- %cxxflags

namespace acme {
struct Request {};
struct Rows {};
struct Db {
  Rows query(const char *sql);
};
} // namespace acme

acme::Rows handle(const acme::Request &req, acme::Db &db) {
  return db.query("SELECT * FROM invoices");
  // CHECK-MESSAGES-MODEL: :[[@LINE-1]]:10: warning: 'query' reads every row of 'SELECT ... FROM invoices' inside request handler 'handle': the query has no LIMIT [connleak-unbounded-result]
  // CHECK-MESSAGES-MODEL: :[[@LINE-2]]:10: note: bound it: pass a page size to acme::Db::page
}
