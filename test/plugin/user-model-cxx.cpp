// A user model for C++ methods (`handle: this` releases the object the
// method is called on) and `new` of a team class released with delete.
// The method release gets a scope-guard fix (a release method is not a
// unique_ptr deleter), the `new` a std::unique_ptr.
// RUN: %check_connleak -fix -config="{CheckOptions: {connleak.ModelFiles: '%S/Inputs/acme-model.yaml'}}" \
// RUN:   %s connleak-unreleased-handle %t -- -- %cxxflags

namespace acme {
class Session {
public:
  bool ping() noexcept;
  void close() noexcept;
};
class Client {
public:
  Session *openSession(const char *name) noexcept;
};
class Buffer {
public:
  explicit Buffer(int size);
};
} // namespace acme

// Positive: the session is closed only on the success path.
int ping_leaks(acme::Client &client) {
  acme::Session *s = client.openSession("reports");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: session returned by 'openSession' is not released with 'close' on every path [connleak-unreleased-handle]
  if (!s->ping())
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  s->close();
  return 0;
}
// CHECK-FIXES:      {{^}}int ping_leaks(acme::Client &client) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  acme::Session *s = client.openSession("reports");{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<acme::Session *, void (*)(acme::Session **)> s_guard(&s, [](acme::Session **p) { if (*p) (*p)->close(); });{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  if (!s->ping()){{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Negative: closed on every path.
int ping_ok(acme::Client &client) {
  acme::Session *s = client.openSession("reports");
  int rc = s->ping() ? 0 : -1;
  s->close();
  return rc;
}

// Positive: new acme::Buffer without delete on the early return.
int buffer_leaks(bool skip) {
  acme::Buffer *b = new acme::Buffer(4096);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: buffer created by 'new acme::Buffer' is not released with 'delete' on every path [connleak-unreleased-handle]
  if (skip)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  delete b;
  return 1;
}
// CHECK-FIXES:      {{^}}int buffer_leaks(bool skip) {{{$}}
// CHECK-FIXES-NEXT: {{^}}  std::unique_ptr<acme::Buffer> b(new acme::Buffer(4096));{{$}}

// Negative: deleted.
void buffer_ok() {
  acme::Buffer *b = new acme::Buffer(4096);
  delete b;
}
