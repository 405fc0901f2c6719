// Does not compile.
int unused(int x) { return undeclared_identifier; }
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: parameter 'x' is unused [misc-unused-parameters]
