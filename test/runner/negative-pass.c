// Runner self-test: a negative C test (no CHECK-MESSAGES lines) that must
// PASS because clang-tidy reports nothing.
// RUN: %check_connleak %s misc-unused-parameters %t -- -- %cflags
// RUN: %check_connleak -fix %s misc-unused-parameters %t.fix -- -- %cflags

int used(int a) { return a; }
