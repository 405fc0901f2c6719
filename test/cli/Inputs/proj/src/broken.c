/* Does not compile (used by exit-codes.test only). */
#include <libpq-fe.h>

int broken(void) { return undeclared_thing; }
