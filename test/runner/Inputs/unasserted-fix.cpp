// -fix changes the file but there are no CHECK-FIXES lines.
int unused(int x) { return 0; }
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: parameter 'x' is unused [misc-unused-parameters]
