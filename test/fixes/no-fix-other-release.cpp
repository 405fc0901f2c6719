// No fix when the handle is released by a function of its family other than
// the one the unique_ptr would use as deleter: redisAsyncDisconnect is a
// graceful close (pending commands are still sent and their callbacks run),
// redisAsyncFree frees at once, so replacing one with the other would change
// the program. The note still names the deleter; -fix leaves the file
// unchanged (no CHECK-FIXES lines).
// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags %hiredis

#include <hiredis/async.h>

// CHECK-MESSAGES: :[[@LINE+4]]:27: warning: connection returned by 'redisAsyncConnect' is not released with 'redisAsyncFree' on every path [connleak-unreleased-handle]
// CHECK-MESSAGES: :[[@LINE+7]]:5: note: leaked when returning here
// CHECK-MESSAGES: :[[@LINE+2]]:27: note: own it with 'std::unique_ptr<redisAsyncContext, decltype(&redisAsyncFree)>' so that it is released on every path
int start(const char *host, bool dry_run) {
  redisAsyncContext *ac = redisAsyncConnect(host, 6379);
  if (ac == nullptr)
    return -1;
  if (dry_run)
    return 0;
  redisAsyncCommand(ac, nullptr, nullptr, "SET k v");
  redisAsyncDisconnect(ac);
  return 1;
}
