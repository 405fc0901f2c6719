//===--- connleak/scoped.h - a dependency-free scope guard -------*- C++ -*-===//
//
// Part of connleak. This header stands on its own: it needs only the C++
// standard library (C++11 or later) and may be copied into any project.
//
// connleak's fix-its for pool checkouts and out-parameter handles return the
// handle from a scope guard declared right after the acquisition:
//
//   mongoc_client_t *client = mongoc_client_pool_pop(pool);
//   auto client_guard = connleak::scope_exit([&] { if (client) mongoc_client_pool_push(pool, client); });
//
// The callable runs when the guard goes out of scope: on a return, at the
// end of the block, and while an exception unwinds the stack. release()
// dismisses the guard (the callable will not run).
//
// See docs/fixits.md for the options that choose another guard
// (llvm::make_scope_exit, absl::MakeCleanup, gsl::finally).
//
//===----------------------------------------------------------------------===//
#ifndef CONNLEAK_SCOPED_H
#define CONNLEAK_SCOPED_H

#include <type_traits>
#include <utility>

namespace connleak {

template <typename F> class scope_guard {
public:
  explicit scope_guard(F &&Fn) noexcept(
      std::is_nothrow_move_constructible<F>::value)
      : Fn(std::move(Fn)) {}
  explicit scope_guard(const F &Fn) noexcept(
      std::is_nothrow_copy_constructible<F>::value)
      : Fn(Fn) {}
  scope_guard(scope_guard &&Other) noexcept(
      std::is_nothrow_move_constructible<F>::value)
      : Fn(std::move(Other.Fn)), Active(Other.Active) {
    Other.Active = false;
  }
  scope_guard(const scope_guard &) = delete;
  scope_guard &operator=(const scope_guard &) = delete;
  scope_guard &operator=(scope_guard &&) = delete;

  ~scope_guard() noexcept {
    if (Active)
      Fn();
  }

  /// The callable will not run.
  void release() noexcept { Active = false; }

private:
  F Fn;
  bool Active = true;
};

/// Runs `Fn` when the returned guard goes out of scope.
template <typename F>
scope_guard<typename std::decay<F>::type> scope_exit(F &&Fn) {
  return scope_guard<typename std::decay<F>::type>(std::forward<F>(Fn));
}

} // namespace connleak

#endif // CONNLEAK_SCOPED_H
