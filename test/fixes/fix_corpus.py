#!/usr/bin/env python3
"""Applies connleak's fix-its to C++ files and re-compiles the results.

usage: fix_corpus.py --plugin LIB --work DIR FILE_OR_DIR...

For every C++ file: copy it into DIR, run clang-tidy-19 -fix with all
connleak checks, then clang++-19 -fsyntax-only on the fixed copy (with the
libraries' include flags only, never connleak's include/), then a
second -fix run that must leave the file unchanged (idempotence). Prints one
line per file and a summary; exits 1 if any fixed file fails to compile or
changes on the second run. Diagnostics without a fix are counted by check.
"""
import argparse, os, re, shutil, subprocess, sys, collections

DIAG = re.compile(r"^(.*?):(\d+):(\d+): warning: (.*) \[(connleak-[a-z-]+)\]$")

def cflags():
    out = []
    for p in ["libpq", "libmongoc-1.0", "hiredis", "libcurl", "sqlite3"]:
        r = subprocess.run(["pkg-config", "--cflags", p], capture_output=True, text=True)
        out += r.stdout.split()
    return out + ["-I/usr/include/postgresql", "-I/usr/include/mariadb"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    files = []
    for p in a.paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".cpp"))
        else:
            files.append(p)
    if not files:
        print("fix_corpus: no C++ files found in %s" % " ".join(a.paths))
        return 1
    os.makedirs(a.work, exist_ok=True)
    # No -I for connleak's own include/: the default fix-its need only the
    # standard library and the libraries' headers, and the fixed files must
    # compile without connleak's headers (docs/fixits.md).
    flags = ["-std=c++17"] + cflags()
    tidy = ["clang-tidy-19", "--load=" + a.plugin, "-checks=-*,connleak-*", "--config={}"]
    applied = compiled = stable = 0
    nofix = collections.Counter()
    failed = False
    for src in files:
        dst = os.path.join(a.work, os.path.basename(src))
        shutil.copy(src, dst)
        before = subprocess.run(tidy + [dst, "--"] + flags, capture_output=True, text=True)
        warnings = [m for m in map(DIAG.match, before.stdout.splitlines()) if m]
        run = subprocess.run(tidy + ["-fix", dst, "--"] + flags, capture_output=True, text=True)
        m = re.search(r"applied (\d+) of (\d+) suggested fixes", run.stdout + run.stderr)
        n = int(m.group(1)) if m else 0
        applied += n
        # A warning whose line received no edit came without a fix.
        with open(src) as f0, open(dst) as f1:
            old, new = f0.read().splitlines(), f1.read().splitlines()
        after = subprocess.run(tidy + [dst, "--"] + flags, capture_output=True, text=True)
        remaining = [m for m in map(DIAG.match, after.stdout.splitlines()) if m]
        for w in remaining:
            nofix[w.group(5)] += 1
        cc = subprocess.run(["clang++-19", "-fsyntax-only"] + flags + [dst], capture_output=True, text=True)
        ok = cc.returncode == 0
        compiled += ok
        snapshot = open(dst).read()
        subprocess.run(tidy + ["-fix", dst, "--"] + flags, capture_output=True, text=True)
        same = open(dst).read() == snapshot
        stable += same
        failed |= not ok or not same
        print("%s: %d warnings, %d fix edits applied, compiles: %s, idempotent: %s"
              % (os.path.basename(src), len(warnings), n, "yes" if ok else "NO", "yes" if same else "NO"))
        if not ok:
            print(cc.stderr)
    print("files: %d, compile after fixing: %d, idempotent: %d, fix edits applied: %d"
          % (len(files), compiled, stable, applied))
    print("diagnostics without a fix: %d (%s)" % (sum(nofix.values()),
          ", ".join("%s %d" % kv for kv in sorted(nofix.items())) or "none"))
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
