// Runner self-test: -fix with CHECK-FIXES must PASS (the FIX-IT notes that
// clang-tidy prints with --fix need not be asserted).
// RUN: %check_connleak -fix %s misc-unused-parameters %t -- -- %cxxflags

int unused(int x) { return 0; }
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: parameter 'x' is unused [misc-unused-parameters]
// CHECK-FIXES: {{^}}int unused(int  /*x*/) { return 0; }{{$}}

int used(int a) { return a; } // CHECK-FIXES: {{^}}int used(int a) { return a; }{{$}}
