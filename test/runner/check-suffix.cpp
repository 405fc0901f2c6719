// Runner self-test: -check-suffix and -config select different expectations.
// RUN: %check_connleak -check-suffix=DEFAULT %s misc-unused-parameters %t.default -- -- %cxxflags
// RUN: %check_connleak -check-suffix=STRICT \
// RUN:   -config="{CheckOptions: {misc-unused-parameters.StrictMode: true}}" \
// RUN:   %s misc-unused-parameters %t.strict -- -- %cxxflags
// A suffix without any lines of its own makes this a negative test, which
// must fail because the file does produce a warning:
// RUN: not %check_connleak -check-suffix=NONE %s misc-unused-parameters %t.none -- -- %cxxflags

void empty_body(int a) {}
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:21: warning: parameter 'a' is unused [misc-unused-parameters]

int unused(int x) { return 0; }
// CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:16: warning: parameter 'x' is unused [misc-unused-parameters]
// CHECK-MESSAGES-STRICT: :[[@LINE-2]]:16: warning: parameter 'x' is unused [misc-unused-parameters]
