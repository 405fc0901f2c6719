#!/usr/bin/env python3
"""Checks the include paths of a connleak build tree (issue: the build broke
when libc++abi-19-dev put a cxxabi.h into /usr/lib/llvm-19/include).

Reads <build>/compile_commands.json. Every translation unit of a target that
uses LLVM or Clang gets LLVM's include directory only with -idirafter (after
the standard library's own directories); every other one (the scoped.h tests)
does not get it at all. Prints one line per violation, then a summary.
"""
import json
import os
import shlex
import sys

LLVM_INCLUDE = sys.argv[2] if len(sys.argv) > 2 else "/usr/lib/llvm-19/include"
# Sources that use no LLVM or Clang header (the scope guard's own tests).
NO_LLVM = ("test/unittests/ScopedTest.cpp",)


def flags_for(args, directory):
    """(flag, path) pairs of every include-path flag of one command."""
    out = []
    i = 0
    while i < len(args):
        a = args[i]
        for flag in ("-idirafter", "-isystem", "-I", "-iquote"):
            if a == flag and i + 1 < len(args):
                out.append((flag, os.path.normpath(os.path.join(directory, args[i + 1]))))
                i += 1
                break
            if a.startswith(flag) and len(a) > len(flag) and flag in ("-I", "-isystem"):
                out.append((flag, os.path.normpath(os.path.join(directory, a[len(flag):]))))
                break
        i += 1
    return out


def main():
    build = sys.argv[1]
    path = os.path.join(build, "compile_commands.json")
    with open(path) as f:
        db = json.load(f)
    bad = 0
    llvm_tus = 0
    for entry in db:
        args = entry.get("arguments") or shlex.split(entry["command"])
        uses = [(fl, p) for fl, p in flags_for(args, entry["directory"])
                if p == os.path.normpath(LLVM_INCLUDE)]
        name = entry["file"]
        if any(name.endswith(n) for n in NO_LLVM):
            for fl, p in uses:
                print("ERROR: %s gets %s %s but uses no LLVM header" % (name, fl, p))
                bad += 1
            continue
        if uses:
            llvm_tus += 1
        for fl, p in uses:
            if fl != "-idirafter":
                print("ERROR: %s gets %s %s (must be -idirafter)" % (name, fl, p))
                bad += 1
    print("llvm_include_dirs.py: %d translation units, %d get %s, %d errors"
          % (len(db), llvm_tus, LLVM_INCLUDE, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
