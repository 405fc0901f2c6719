// Two warnings are produced but only one is asserted.
int first(int x) { return 0; }
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: parameter 'x' is unused [misc-unused-parameters]
int second(int y) { return 0; }
