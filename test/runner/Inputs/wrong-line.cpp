// The warning is asserted on the wrong line (it is on line 2, not line 3).
int unused(int x) { return 0; }

// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: parameter 'x' is unused [misc-unused-parameters]
