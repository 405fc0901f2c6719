// No CHECK-MESSAGES lines (a negative test) but a warning is produced.
int unused(int x) { return 0; }
