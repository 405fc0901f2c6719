// RUN: %check_connleak -fix %s connleak-unreleased-handle %t -- -- %cxxflags
// A family declared with Clang's handle attributes is a tag, not a type: no
// std::unique_ptr fix and no suggestion note; the file stays unchanged.
typedef struct session session;

__attribute__((acquire_handle("session"))) session *session_open(void);
void session_close(session *s __attribute__((release_handle("session"))));
int session_ping(session *s __attribute__((use_handle("session"))));

void session_ok(void) {
  session *s = session_open();
  session_close(s);
}

int session_leak(void) {
  session *s = session_open();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: handle returned by 'session_open' is not released with 'session_close' on every path [connleak-unreleased-handle]
  return session_ping(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: leaked when returning here
}
