// Produces no diagnostics.
int used(int a) { return a; }
