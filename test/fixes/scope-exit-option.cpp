// connleak's own guard, for teams that choose it (docs/fixits.md#the-guard):
// with `ScopeGuard: connleak::scope_exit` the guard fix writes
// `auto x_guard = connleak::scope_exit([&] { ... });` and includes
// <connleak/scoped.h> (the behaviour before the standard-library guard
// became the default). A ScopeGuardHeader without a ScopeGuard (a vendored
// copy of connleak/scoped.h) selects it too, with that header. The fixed file
// needs connleak's include/ (%connleak_include) to compile.
// RUN: %check_connleak -fix -check-suffix=SCOPED -config="{CheckOptions: {connleak.ScopeGuard: 'connleak::scope_exit'}}" \
// RUN:   %s connleak-unreleased-handle %t.scoped -- -- %cxxflags %sqlite %mongoc %connleak_include
// RUN: %check_connleak -fix -check-suffix=VENDORED -config="{CheckOptions: {connleak-unreleased-handle.ScopeGuardHeader: '\"connleak/scoped.h\"'}}" \
// RUN:   %s connleak-unreleased-handle %t.vendored -- -- %cxxflags %sqlite %mongoc %connleak_include

// CHECK-FIXES-SCOPED:      {{^}}#include <connleak/scoped.h>{{$}}
// CHECK-FIXES-SCOPED-NEXT: {{^}}#include <mongoc/mongoc.h>{{$}}
// CHECK-FIXES-SCOPED-NEXT: {{^}}#include <sqlite3.h>{{$}}
// CHECK-FIXES-SCOPED-NOT:  #include <memory>
// CHECK-FIXES-VENDORED:      {{^}}#include <mongoc/mongoc.h>{{$}}
// CHECK-FIXES-VENDORED-NEXT: {{^}}#include <sqlite3.h>{{$}}
// CHECK-FIXES-VENDORED-EMPTY:
// CHECK-FIXES-VENDORED-NEXT: {{^}}#include "connleak/scoped.h"{{$}}
// CHECK-FIXES-VENDORED-NOT:  #include <memory>
#include <mongoc/mongoc.h>
#include <sqlite3.h>

// An out-parameter: the guard follows the variable and reads it when the
// scope ends.
// CHECK-MESSAGES-SCOPED: :[[@LINE+8]]:7: warning: connection returned through 'db' by 'sqlite3_open' is not released with 'sqlite3_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES-SCOPED: :[[@LINE+8]]:5: note: leaked when returning here
// CHECK-MESSAGES-SCOPED: :[[@LINE+9]]:5: note: leaked when returning here
// CHECK-MESSAGES-VENDORED: :[[@LINE+5]]:7: warning: connection returned through 'db' by 'sqlite3_open' is not released with 'sqlite3_close' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES-VENDORED: :[[@LINE+5]]:5: note: leaked when returning here
// CHECK-MESSAGES-VENDORED: :[[@LINE+6]]:5: note: leaked when returning here
int vacuum(const char *path) {
  sqlite3 *db = nullptr;
  if (sqlite3_open(path, &db) != SQLITE_OK)
    return -1;
  if (sqlite3_exec(db, "VACUUM", nullptr, nullptr, nullptr) != SQLITE_OK)
    return -2;
  sqlite3_close(db);
  return 0;
}
// CHECK-FIXES-SCOPED:      {{^}}  sqlite3 *db = nullptr;{{$}}
// CHECK-FIXES-SCOPED-NEXT: {{^}}  auto db_guard = connleak::scope_exit([&] { if (db) sqlite3_close(db); });{{$}}
// CHECK-FIXES-SCOPED-NEXT: {{^}}  if (sqlite3_open(path, &db) != SQLITE_OK){{$}}
// CHECK-FIXES-VENDORED:      {{^}}  sqlite3 *db = nullptr;{{$}}
// CHECK-FIXES-VENDORED-NEXT: {{^}}  auto db_guard = connleak::scope_exit([&] { if (db) sqlite3_close(db); });{{$}}

// A release that also needs the pool: one capturing lambda.
// CHECK-MESSAGES-SCOPED: :[[@LINE+5]]:29: warning: pool checkout returned by 'mongoc_client_pool_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES-SCOPED: :[[@LINE+6]]:5: note: leaked when returning here
// CHECK-MESSAGES-VENDORED: :[[@LINE+3]]:29: warning: pool checkout returned by 'mongoc_client_pool_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES-VENDORED: :[[@LINE+4]]:5: note: leaked when returning here
int ping(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  if (!mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, NULL))
    return -1;
  mongoc_client_pool_push(pool, client);
  return 0;
}
// CHECK-FIXES-SCOPED:      {{^}}  mongoc_client_t *client = mongoc_client_pool_pop(pool);{{$}}
// CHECK-FIXES-SCOPED-NEXT: {{^}}  auto client_guard = connleak::scope_exit([&] { if (client) mongoc_client_pool_push(pool, client); });{{$}}
// CHECK-FIXES-SCOPED-NEXT: {{^}}  if (!mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, NULL)){{$}}
// CHECK-FIXES-VENDORED:      {{^}}  mongoc_client_t *client = mongoc_client_pool_pop(pool);{{$}}
// CHECK-FIXES-VENDORED-NEXT: {{^}}  auto client_guard = connleak::scope_exit([&] { if (client) mongoc_client_pool_push(pool, client); });{{$}}
