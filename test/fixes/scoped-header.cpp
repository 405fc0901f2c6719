// include/connleak/scoped.h compiles on its own, without warnings, in every
// standard the fix-its target (C++11 and later), and in C++ with exceptions
// off.
// RUN: clang++-19 -std=c++11 -Wall -Wextra -pedantic -Werror -fsyntax-only -I%connleak_src/include %s
// RUN: clang++-19 -std=c++14 -Wall -Wextra -pedantic -Werror -fsyntax-only -I%connleak_src/include %s
// RUN: clang++-19 -std=c++17 -Wall -Wextra -pedantic -Werror -fsyntax-only -I%connleak_src/include %s
// RUN: clang++-19 -std=c++20 -Wall -Wextra -pedantic -Werror -fsyntax-only -I%connleak_src/include %s
// RUN: clang++-19 -std=c++17 -fno-exceptions -Wall -Wextra -Werror -fsyntax-only -I%connleak_src/include %s
#include <connleak/scoped.h>

int release_count = 0;
void release(int *h) {
  if (h)
    ++release_count;
}

int use(int *h) {
  auto h_guard = connleak::scope_exit([&] { if (h) release(h); });
  return h ? *h : 0;
}
