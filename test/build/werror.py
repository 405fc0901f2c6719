#!/usr/bin/env python3
"""werror.py BUILD_DIR [--compile FILE] [--db DB]

Without --compile: every translation unit of BUILD_DIR/compile_commands.json
(or DB) is compiled with -Werror; prints the count, or an ERROR line per
translation unit without it (exit 1).

--compile FILE: compiles FILE (-fsyntax-only) with the flags of the first
translation unit of lib/ in the database, and exits with the compiler's
status: a new warning in connleak's code fails the build."""
import json
import os
import shlex
import subprocess
import sys

args = sys.argv[1:]
build = args[0]
db = os.path.join(build, "compile_commands.json")
if "--db" in args:
    db = args[args.index("--db") + 1]
entries = json.load(open(db))


def argv(e):
    return e["arguments"] if "arguments" in e else shlex.split(e["command"])


if "--compile" in args:
    src = os.path.abspath(args[args.index("--compile") + 1])
    e = next(e for e in entries if "/lib/" in e["file"])
    cmd, skip = [], False
    for a in argv(e):
        if skip:
            skip = False
            continue
        if a in ("-o", "-c", "-MF", "-MT", "-MQ"):
            skip = a != "-c"
            continue
        if a in ("-MD", "-MMD") or a == e["file"] or os.path.basename(a) == os.path.basename(e["file"]):
            continue
        cmd.append(a)
    p = subprocess.run(cmd + ["-fsyntax-only", src], cwd=e["directory"])
    sys.exit(p.returncode)

bad = [e["file"] for e in entries if "-Werror" not in argv(e)]
for f in bad:
    print("werror.py: ERROR: %s is compiled without -Werror" % f)
if bad:
    sys.exit(1)
print("werror.py: %d translation units, all with -Werror" % len(entries))
