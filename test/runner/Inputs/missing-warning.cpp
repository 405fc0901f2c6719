// Asserts a warning that clang-tidy does not produce.
int used(int a) { return a; }
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: parameter 'a' is unused [misc-unused-parameters]
