// CHECK-FIXES lines but the RUN line does not pass -fix.
int unused(int x) { return 0; }
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: parameter 'x' is unused [misc-unused-parameters]
// CHECK-FIXES: {{^}}int unused(int  /*x*/) { return 0; }{{$}}
