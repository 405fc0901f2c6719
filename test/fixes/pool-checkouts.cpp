// Fix-its for manual pool checkouts (kind 3).
//  - SOCI: lease()/at()/give_back() become one soci::session built from the
//    pool (the pooled-sessions model entry names the session type), which
//    gives the session back on every path.
//  - A lease with no session reference, and mongoc pop/push: a scope guard
//    (by default a std::unique_ptr over the variable's address, whose
//    deleter is a named lambda because the release also needs the pool)
//    declared right after the checkout, and the explicit release removed.
//    Pointer handles are tested for null first (try_pop may return NULL).
//  - Both connleak-unreleased-handle and connleak-exception-unsafe-release
//    offer the fix; the header is inserted once.
// RUN: %check_connleak -fix %s connleak-unreleased-handle,connleak-exception-unsafe-release %t -- -- %cxxflags %mongoc

// CHECK-FIXES:      {{^}}#include <soci/soci.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <mongoc/mongoc.h>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <cstddef>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <memory>{{$}}
// CHECK-FIXES-NOT:  #include <memory>
#include <soci/soci.h>
#include <mongoc/mongoc.h>
#include <cstddef>

// SOCI: lease()/at()/give_back() become one scoped session.
// CHECK-MESSAGES: :[[@LINE+3]]:21: warning: pool checkout returned by 'lease' is not released with 'give_back' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
int open_invoices(soci::connection_pool &pool, int customer) {
  std::size_t pos = pool.lease();
  soci::session &sql = pool.at(pos);
  if (customer <= 0)
    return 0;
  int n = 0;
  sql << "SELECT count(*) FROM invoices WHERE customer = :c", soci::use(customer), soci::into(n);
  pool.give_back(pos);
  return n;
}
// CHECK-FIXES:      {{^}}int open_invoices(soci::connection_pool &pool, int customer) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  soci::session sql(pool);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  if (customer <= 0){{$}}
// CHECK-FIXES-NEXT: {{^}}    return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int n = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  sql << "SELECT count(*) FROM invoices WHERE customer = :c", soci::use(customer), soci::into(n);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return n;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// SOCI through a pointer to the pool: the session is built from *pool.
// CHECK-MESSAGES: :[[@LINE+3]]:21: warning: pool checkout returned by 'lease' is not released with 'give_back' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: leaked when returning here
int count_rows(soci::connection_pool *pool, bool skip) {
  std::size_t pos = pool->lease();
  soci::session &db = pool->at(pos);
  if (skip)
    return -1;
  int n = 0;
  db << "SELECT count(*) FROM t", soci::into(n);
  pool->give_back(pos);
  return n;
}
// CHECK-FIXES:      {{^}}int count_rows(soci::connection_pool *pool, bool skip) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  soci::session db(*pool);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  if (skip){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  int n = 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  db << "SELECT count(*) FROM t", soci::into(n);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return n;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// SOCI without a session reference: a scope guard gives the slot back.
// CHECK-MESSAGES: :[[@LINE+3]]:21: warning: pool checkout returned by 'lease' is not released with 'give_back' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: leaked when returning here
bool warm_up(soci::connection_pool &pool, bool dry_run) {
  std::size_t pos = pool.lease();
  if (dry_run)
    return false;
  pool.give_back(pos);
  return true;
}
// CHECK-FIXES:      {{^}}bool warm_up(soci::connection_pool &pool, bool dry_run) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::size_t pos = pool.lease();{{$}}
// CHECK-FIXES-NEXT: {{^}}  auto pos_release = [&](std::size_t *p) { pool.give_back(*p); };{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<std::size_t, decltype(pos_release)> pos_guard(&pos, pos_release);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (dry_run){{$}}
// CHECK-FIXES-NEXT: {{^}}    return false;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return true;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// mongoc: pop/push become a scope guard declared right after the checkout.
// CHECK-MESSAGES: :[[@LINE+3]]:29: warning: pool checkout returned by 'mongoc_client_pool_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: leaked when returning here
int ping(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  bson_t cmd = BSON_INITIALIZER;
  BSON_APPEND_INT32(&cmd, "ping", 1);
  if (!mongoc_client_command_simple(client, "admin", &cmd, NULL, NULL, NULL))
    return -1;
  mongoc_client_pool_push(pool, client);
  return 0;
}
// CHECK-FIXES:      {{^}}int ping(mongoc_client_pool_t *pool) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  mongoc_client_t *client = mongoc_client_pool_pop(pool);{{$}}
// CHECK-FIXES-NEXT: {{^}}  auto client_release = [&](mongoc_client_t **p) { if (*p) mongoc_client_pool_push(pool, *p); };{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<mongoc_client_t *, decltype(client_release)> client_guard(&client, client_release);{{$}}
// CHECK-FIXES-NEXT: {{^}}  bson_t cmd = BSON_INITIALIZER;{{$}}
// CHECK-FIXES-NEXT: {{^}}  BSON_APPEND_INT32(&cmd, "ping", 1);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!mongoc_client_command_simple(client, "admin", &cmd, NULL, NULL, NULL)){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// mongoc try_pop may return NULL: the guard tests the handle first.
// CHECK-MESSAGES: :[[@LINE+3]]:29: warning: pool checkout returned by 'mongoc_client_pool_try_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: leaked when returning here
bool try_ping(mongoc_client_pool_t *pool, bool quick) {
  mongoc_client_t *client = mongoc_client_pool_try_pop(pool);
  if (!client)
    return false;
  if (quick)
    return true;
  bool ok = mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, NULL);
  mongoc_client_pool_push(pool, client);
  return ok;
}
// CHECK-FIXES:      {{^}}bool try_ping(mongoc_client_pool_t *pool, bool quick) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  mongoc_client_t *client = mongoc_client_pool_try_pop(pool);{{$}}
// CHECK-FIXES-NEXT: {{^}}  auto client_release = [&](mongoc_client_t **p) { if (*p) mongoc_client_pool_push(pool, *p); };{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<mongoc_client_t *, decltype(client_release)> client_guard(&client, client_release);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!client){{$}}
// CHECK-FIXES-NEXT: {{^}}    return false;{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (quick){{$}}
// CHECK-FIXES-NEXT: {{^}}    return true;{{$}}
// CHECK-FIXES-NEXT: {{^}}  bool ok = mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, NULL);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return ok;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// The query may throw between pop and push: the guard also returns the
// client while the exception unwinds.
void must_not_fail(bool ok);
// CHECK-MESSAGES: :[[@LINE+4]]:29: warning: pool checkout returned by 'mongoc_client_pool_pop' is released with 'mongoc_client_pool_push' on normal paths, but not when an exception is thrown before the release [connleak-exception-unsafe-release]
// CHECK-MESSAGES: :[[@LINE+7]]:3: note: an exception thrown by 'must_not_fail' here leaks it
// CHECK-MESSAGES: :[[@LINE+7]]:3: note: this release is skipped when that exception is thrown
int count_items(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  mongoc_collection_t *coll = mongoc_client_get_collection(client, "shop", "items");
  int64_t n = mongoc_collection_count_documents(coll, NULL, NULL, NULL, NULL, NULL);
  mongoc_collection_destroy(coll);
  must_not_fail(n >= 0);
  mongoc_client_pool_push(pool, client);
  return (int)n;
}
// CHECK-FIXES:      {{^}}int count_items(mongoc_client_pool_t *pool) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  mongoc_client_t *client = mongoc_client_pool_pop(pool);{{$}}
// CHECK-FIXES-NEXT: {{^}}  auto client_release = [&](mongoc_client_t **p) { if (*p) mongoc_client_pool_push(pool, *p); };{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<mongoc_client_t *, decltype(client_release)> client_guard(&client, client_release);{{$}}
// CHECK-FIXES-NEXT: {{^}}  mongoc_collection_t *coll = mongoc_client_get_collection(client, "shop", "items");{{$}}
// CHECK-FIXES-NEXT: {{^}}  int64_t n = mongoc_collection_count_documents(coll, NULL, NULL, NULL, NULL, NULL);{{$}}
// CHECK-FIXES-NEXT: {{^}}  mongoc_collection_destroy(coll);{{$}}
// CHECK-FIXES-NEXT: {{^}}  must_not_fail(n >= 0);{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return (int)n;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
