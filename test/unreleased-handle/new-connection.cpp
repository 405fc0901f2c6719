// `new pqxx::connection` and `new soci::session` are connections owned by a
// raw pointer and released with delete.
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cxxflags

#include <memory>
#include <pqxx/pqxx>
#include <soci/soci.h>

// Positive: early return without delete.
void pqxx_early_return(bool skip) {
  pqxx::connection *c = new pqxx::connection("dbname=orders connect_timeout=5");
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: connection created by 'new pqxx::connection' is not released with 'delete' on every path [connleak-unreleased-handle]
  if (skip)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  delete c;
}

// Negative: deleted.
void pqxx_deleted() {
  pqxx::connection *c = new pqxx::connection("dbname=orders connect_timeout=5");
  delete c;
}

// Negative: owned by a unique_ptr.
void pqxx_unique_ptr() {
  std::unique_ptr<pqxx::connection> c(
      new pqxx::connection("dbname=orders connect_timeout=5"));
  pqxx::work tx(*c);
  tx.commit();
}

// Negative: a pqxx::connection on the stack is not a raw-pointer handle.
void pqxx_on_stack() {
  pqxx::connection c("dbname=orders connect_timeout=5");
  pqxx::work tx(c);
  tx.commit();
}

// Positive: soci::session allocated with new, early return.
int soci_early_return(bool skip) {
  soci::session *s = new soci::session("postgresql", "dbname=orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: connection created by 'new soci::session' is not released with 'delete' on every path [connleak-unreleased-handle]
  if (skip)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  delete s;
  return 1;
}

// Negative: deleted.
void soci_deleted() {
  soci::session *s = new soci::session("postgresql", "dbname=orders");
  delete s;
}

// Negative: returned to the caller.
soci::session *soci_factory() {
  return new soci::session("postgresql", "dbname=orders");
}

// Positive: never stored.  No fix is possible; the note names the allocated
// type.
void pqxx_unstored() {
  new pqxx::connection("dbname=orders connect_timeout=5");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: connection created by 'new pqxx::connection' is not released with 'delete' on every path [connleak-unreleased-handle]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: leaked here: the handle is never stored
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: own it with 'std::unique_ptr<pqxx::connection>' so that it is released on every path
}
