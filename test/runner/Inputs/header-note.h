#pragma once

inline int twice(int a) { return 2 * a; }
