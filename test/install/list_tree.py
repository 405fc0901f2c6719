#!/usr/bin/env python3
"""list_tree.py DIR: every file and symlink below DIR (relative, sorted), one
per line, with " -> target" for symlinks and " (x)" for executables, then
"N files"."""
import os
import sys

root = sys.argv[1]
out = []
for d, dirs, files in os.walk(root):
    for name in files + [x for x in dirs if os.path.islink(os.path.join(d, x))]:
        p = os.path.join(d, name)
        rel = os.path.relpath(p, root)
        if os.path.islink(p):
            rel += " -> " + os.readlink(p)
        elif os.access(p, os.X_OK):
            rel += " (x)"
        out.append(rel)
for line in sorted(out):
    print(line)
print("%d files" % len(out))
