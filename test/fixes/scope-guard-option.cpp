// The ScopeGuard and ScopeGuardHeader options: the guard fix calls the
// team's own guard function and includes its header (spelled with quotes in
// the option, so the include is quoted). Set once for all checks as
// connleak.<Option>.
// RUN: %check_connleak -fix -config="{CheckOptions: {connleak.ScopeGuard: 'team::on_exit', connleak.ScopeGuardHeader: '\"team_guard.h\"'}}" \
// RUN:   %s connleak-unreleased-handle %t -- -- %cxxflags %mongoc -I%S/Inputs

#include <mongoc/mongoc.h>
// CHECK-FIXES:      {{^}}#include <mongoc/mongoc.h>{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}#include "team_guard.h"{{$}}

// CHECK-MESSAGES: :[[@LINE+3]]:29: warning: pool checkout returned by 'mongoc_client_pool_pop' is not released with 'mongoc_client_pool_push' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: leaked when returning here
int ping(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  if (!mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, NULL))
    return -1;
  mongoc_client_pool_push(pool, client);
  return 0;
}
// CHECK-FIXES:      {{^}}int ping(mongoc_client_pool_t *pool) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  mongoc_client_t *client = mongoc_client_pool_pop(pool);{{$}}
// CHECK-FIXES-NEXT: {{^}}  auto client_guard = team::on_exit([&] { if (client) mongoc_client_pool_push(pool, client); });{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (!mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, NULL)){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
