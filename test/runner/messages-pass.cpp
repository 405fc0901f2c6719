// Runner self-test: a positive test that must PASS.  Uses the built-in
// misc-unused-parameters check so it works without any connleak check.
// RUN: %check_connleak %s misc-unused-parameters %t -- -- %cxxflags

int used(int a) { return a; }

int unused(int x) { return 0; }
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: parameter 'x' is unused [misc-unused-parameters]

int two(int y, int z) { return z; } // CHECK-MESSAGES: :[[@LINE]]:13: warning: parameter 'y' is unused
