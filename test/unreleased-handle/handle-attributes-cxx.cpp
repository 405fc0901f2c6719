// Handle-attribute families in C++. Their tag is not a type, so no
// std::unique_ptr can own the handle: the fix is a scope guard
// (test/fixes/attribute-family.cpp), and when none is possible the note
// suggests one.
// (The negative case comes first, so the release name is known: see
// test/known-limitations/attribute-*.c.)
// RUN: %check_connleak %s connleak-unreleased-handle %t -- -- %cxxflags

typedef int chan_t;
typedef struct session session;

__attribute__((acquire_handle("chan"))) chan_t chan_open(const char *name);
void chan_close(chan_t h __attribute__((release_handle("chan"))));
__attribute__((acquire_handle("session"))) session *session_open(void);
void session_close(session *s __attribute__((release_handle("session"))));
void remember(session *s);

// Negative: both released.
void both_ok(const char *name) {
  chan_t h = chan_open(name);
  chan_close(h);
  session *s = session_open();
  session_close(s);
}

// Positive: an integer handle leaked on the early return; the scope-guard
// fix exists, so no note.
int chan_leak(const char *name, bool quick) {
  chan_t h = chan_open(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: handle returned by 'chan_open' is not released with 'chan_close' on every path [connleak-unreleased-handle]
  if (quick)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  chan_close(h);
  return 0;
}

// Positive: a pointer handle leaked on the early return; no fix (remember()
// may keep it), so the note suggests a scope guard.
int session_leak(bool quick) {
  session *s = session_open();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: handle returned by 'session_open' is not released with 'session_close' on every path [connleak-unreleased-handle]
  if (quick)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: leaked when returning here
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: release it from a scope guard declared right after the acquisition
  remember(s);
  return 0;
}
