// A user model for C++ methods (`handle: this` releases the object the
// method is called on) and `new` of a team class released with delete.
// RUN: %check_connleak -config="{CheckOptions: {connleak.ModelFiles: '%S/Inputs/acme-model.yaml'}}" \
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
  // CHECK-MESSAGES: :[[@LINE-5]]:22: note: release it from a scope guard declared right after the acquisition
  s->close();
  return 0;
}

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

// Negative: deleted.
void buffer_ok() {
  acme::Buffer *b = new acme::Buffer(4096);
  delete b;
}
