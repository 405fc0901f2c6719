// The asserted fix differs from the applied one.
int unused(int x) { return 0; }
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: parameter 'x' is unused [misc-unused-parameters]
// CHECK-FIXES: {{^}}int unused(int) { return 0; }{{$}}
