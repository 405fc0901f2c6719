#!/usr/bin/env python3
"""expect_exit.py N COMMAND [ARGS...]

Runs COMMAND with this process's stdin, stdout and stderr and succeeds only if
it exits with status N (lit's `not` only tells zero from non-zero). A crash
(death by a signal) never matches.
"""
import subprocess
import sys

if len(sys.argv) < 3:
    sys.exit("usage: expect_exit.py N COMMAND [ARGS...]")
want = int(sys.argv[1])
rc = subprocess.call(sys.argv[2:])
if rc != want:
    sys.stderr.write("expect_exit.py: %s exited with %d, expected %d\n"
                     % (sys.argv[2], rc, want))
    sys.exit(1)
