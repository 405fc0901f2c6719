// A team's own scope guard, for the ScopeGuard / ScopeGuardHeader options
// test (test/fixes/scope-guard-option.cpp).
#ifndef TEAM_GUARD_H
#define TEAM_GUARD_H
#include <utility>
namespace team {
template <typename F> struct finally {
  F fn;
  ~finally() { fn(); }
};
template <typename F> finally<F> on_exit(F fn) { return {std::move(fn)}; }
} // namespace team
#endif
