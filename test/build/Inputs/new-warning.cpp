int f(void) {
  int unused = 0;
  return 0;
}
