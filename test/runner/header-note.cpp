// Runner self-test: #include "Inputs/..." works from the copied temp file and
// notes pointing into a header keep the header path and can be asserted.
// RUN: %check_connleak %s readability-inconsistent-declaration-parameter-name %t -- -- %cxxflags

#include "Inputs/header-note.h"

int twice(int b);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: function 'twice' has a definition with different parameter names [readability-inconsistent-declaration-parameter-name]
// CHECK-MESSAGES: Inputs{{/|\\}}header-note.h:3:12: note: the definition seen here
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: differing parameters are named here: ('b'), in definition: ('a')
