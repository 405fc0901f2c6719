//===--- ScopedTest.cpp - connleak/scoped.h -------------------------------===//
//
// The scope guard that connleak's fix-its insert must run its callable on
// every way out of the scope, exactly once, and not after release().
//
//===----------------------------------------------------------------------===//
#include "connleak/scoped.h"

#include "gtest/gtest.h"
#include <stdexcept>
#include <type_traits>

namespace {

TEST(ScopedTest, RunsAtEndOfScope) {
  int Runs = 0;
  {
    auto G = connleak::scope_exit([&] { ++Runs; });
    EXPECT_EQ(Runs, 0);
  }
  EXPECT_EQ(Runs, 1);
}

int earlyReturn(int &Runs, bool Early) {
  auto G = connleak::scope_exit([&] { ++Runs; });
  if (Early)
    return 1;
  return 2;
}

TEST(ScopedTest, RunsOnEveryReturn) {
  int Runs = 0;
  EXPECT_EQ(earlyReturn(Runs, true), 1);
  EXPECT_EQ(earlyReturn(Runs, false), 2);
  EXPECT_EQ(Runs, 2);
}

TEST(ScopedTest, RunsWhileAnExceptionUnwinds) {
  int Runs = 0;
  EXPECT_THROW(
      {
        auto G = connleak::scope_exit([&] { ++Runs; });
        throw std::runtime_error("query failed");
      },
      std::runtime_error);
  EXPECT_EQ(Runs, 1);
}

TEST(ScopedTest, ReleaseDismisses) {
  int Runs = 0;
  {
    auto G = connleak::scope_exit([&] { ++Runs; });
    G.release();
  }
  EXPECT_EQ(Runs, 0);
}

TEST(ScopedTest, MovedFromGuardDoesNotRun) {
  int Runs = 0;
  {
    auto G = connleak::scope_exit([&] { ++Runs; });
    auto H = std::move(G);
    (void)H;
  }
  EXPECT_EQ(Runs, 1);
}

TEST(ScopedTest, ReadsTheVariableAtScopeExit) {
  // An out-parameter handle is stored after the guard is declared.
  int *Handle = nullptr;
  int Value = 7, Seen = 0;
  {
    auto G = connleak::scope_exit([&] {
      if (Handle)
        Seen = *Handle;
    });
    Handle = &Value;
  }
  EXPECT_EQ(Seen, 7);
}

TEST(ScopedTest, NotCopyable) {
  auto L = [] {};
  using Guard = decltype(connleak::scope_exit(L));
  EXPECT_FALSE(std::is_copy_constructible<Guard>::value);
  EXPECT_FALSE(std::is_copy_assignable<Guard>::value);
  EXPECT_TRUE(std::is_nothrow_destructible<Guard>::value);
}

} // namespace
