#!/usr/bin/env python3
"""bench/project_summaries.py: the cost of project summaries on real code.

Extracts PostgreSQL's client programs (src/bin/pg_dump, src/bin/scripts,
src/bin/psql by default) and src/fe_utils from a fetched snapshot (the pinned
commit of ../shared/realworld/sweep), writes a compile_commands.json with the
sweep's flags, and times, in one run, on the same machine:

  off      connleak --project-summaries=off --cache-dir=off   (no summaries)
  full     connleak --cache-dir=off                           (summaries built and used)
  warm     connleak --cache-dir=D   twice; the second run, nothing changed
  touched  connleak --cache-dir=D   after appending a comment to one file

(--repeat N: off and full N times each, alternating, and as many touched
runs, each after a new comment; each ratio is printed, and the median)
and prints the ratios full/off (the summary pass's overhead; wall time, and the
CPU time of the runs, which a loaded shared machine disturbs less) and
touched/full (an incremental run), with the findings that summaries add.

  bench/project_summaries.py --connleak build/bin/connleak \\
      --mirrors /work/.mirror [--dirs src/bin/pg_dump,src/bin/scripts] [-j 2]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

PIN = "f20c4278342f6afc44b856e98a0850f9dd2df0a8"
PG = ["-DFLEXIBLE_ARRAY_MEMBER=", "-DPG_PRINTF_ATTRIBUTE=printf", "-idirafter", "/usr/include/postgresql",
      "-idirafter", "/usr/include/postgresql/15/server", "-DFLOAT8PASSBYVAL=1", "-DACCEPT_TYPE_ARG3=socklen_t"]


CPU = {}


def run(cmd, cwd):
    """Wall time; the CPU time (user + sys) of the run goes to CPU[id(p)]."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    t = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p.cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return t, p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--connleak", required=True)
    ap.add_argument("--mirrors", default=os.environ.get("MIRRORS", "/work/.mirror"))
    ap.add_argument("--dirs", default="src/bin/pg_dump,src/bin/scripts,src/bin/psql,src/fe_utils")
    ap.add_argument("--touch", default="src/fe_utils/query_utils.c",
                    help="the file changed for the incremental run")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1,
                    help="off/full pairs (alternating) and touched runs; medians are printed")
    ap.add_argument("--keep", help="extract here and keep it")
    ap.add_argument("--findings-out", help="write the findings of the full run here (JSON lines, sorted)")
    args = ap.parse_args()
    connleak = os.path.abspath(args.connleak)
    git = os.path.join(args.mirrors, "hackorum-dev+postgres", "repo")
    rev = PIN if subprocess.run(["git", "--git-dir", git, "cat-file", "-e", PIN + "^{commit}"],
                                capture_output=True).returncode == 0 else "HEAD"
    root = args.keep or tempfile.mkdtemp(prefix="connleak-bench-")
    os.makedirs(root, exist_ok=True)
    dirs = args.dirs.split(",")
    for d in ["src/include", "src/interfaces/libpq"] + dirs:
        a = subprocess.run(["git", "--git-dir", git, "archive", rev, d], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", root], input=a.stdout, check=True)
    files = []
    for d in dirs:
        for dp, _, fs in os.walk(os.path.join(root, d)):
            files += [os.path.join(dp, f) for f in fs if f.endswith(".c")]
    files.sort()
    db = [{"directory": root, "file": f,
           "arguments": ["cc", "-std=gnu11"] + PG + ["-I" + os.path.join(root, x) for x in
                                                     ("src/include", "src/interfaces/libpq", os.path.dirname(f))]
           + ["-c", f]} for f in files]
    with open(os.path.join(root, "compile_commands.json"), "w") as fh:
        json.dump(db, fh, indent=1)
    base = [connleak, "-p", root, "-j%d" % args.j, "--format=json", "--root=" + root]
    cache = os.path.join(root, ".bench-cache")
    pairs, touches = [], []
    for k in range(args.repeat):
        # The order alternates, so that a trend in the machine's load
        # favours neither.
        if k % 2 == 0:
            t_off, p_off = run(base + ["--project-summaries=off", "--cache-dir=off"], root)
            t_full, p_full = run(base + ["--cache-dir=off", "--verbose"], root)
        else:
            t_full, p_full = run(base + ["--cache-dir=off", "--verbose"], root)
            t_off, p_off = run(base + ["--project-summaries=off", "--cache-dir=off"], root)
        pairs.append((t_off, p_off.cpu, t_full, p_full.cpu))
    subprocess.run(["rm", "-rf", cache])
    # --verbose in all three: it is part of the cache key (remarks).
    t_cold, _ = run(base + ["--cache-dir=" + cache, "--verbose"], root)
    t_warm, _ = run(base + ["--cache-dir=" + cache, "--verbose"], root)
    for k in range(args.repeat):
        with open(os.path.join(root, args.touch), "a") as fh:
            fh.write("\n/* touched by bench/project_summaries.py (%d) */\n" % k)
        t_touch, p_touch = run(base + ["--cache-dir=" + cache, "--verbose"], root)
        touches.append((t_touch, p_touch.cpu))
    off = set(p_off.stdout.splitlines())
    full = set(p_full.stdout.splitlines())
    if args.findings_out:
        with open(args.findings_out, "w") as fh:
            fh.writelines(l + "\n" for l in sorted(full))
    rounds = [l for l in p_full.stderr.splitlines() if "fixed point" in l or "round " in l]
    again = [l for l in p_touch.stderr.splitlines() if "analysed again" in l]
    print("code base: PostgreSQL %s (%s), %d files, -j%d" % (rev[:12], ",".join(dirs), len(files), args.j))
    med = lambda xs: sorted(xs)[len(xs) // 2]
    if args.repeat > 1:
        for k, (a, ac, b, bc) in enumerate(pairs):
            print("pair %d: off %.1f s (CPU %.1f s), full %.1f s (CPU %.1f s): full/off %.2f, CPU %.2f"
                  % (k + 1, a, ac, b, bc, b / a, bc / ac))
        full_med = med([p[2] for p in pairs])
        for k, (t, c) in enumerate(touches):
            print("touched %d: %.2f s (CPU %.2f s): touched/full %.2f" % (k + 1, t, c, t / full_med))
        print("median of %d: full/off = %.2f (CPU %.2f); touched/full = %.2f (CPU %.2f)"
              % (args.repeat, med([p[2] / p[0] for p in pairs]), med([p[3] / p[1] for p in pairs]),
                 med([t / full_med for t, _ in touches]),
                 med([c / med([p[3] for p in pairs]) for _, c in touches])))
    print("off (no summaries):        %7.1f s  (CPU %.1f s)" % (t_off, p_off.cpu))
    print("full (summaries, no cache):%7.1f s  (CPU %.1f s)   ratio full/off = %.2f (summary overhead %+.0f%%); "
          "CPU time ratio %.2f" % (t_full, p_full.cpu, t_full / t_off, 100 * (t_full / t_off - 1), p_full.cpu / p_off.cpu))
    print("cold cache:                %7.1f s" % t_cold)
    print("warm cache (no change):    %7.1f s   ratio warm/full = %.2f" % (t_warm, t_warm / t_full))
    print("one file touched (%s): %5.1f s  (CPU %.1f s)   ratio touched/full = %.2f; CPU time ratio %.2f"
          % (args.touch, t_touch, p_touch.cpu, t_touch / t_full, p_touch.cpu / p_full.cpu))
    for l in rounds:
        print("  " + l)
    for l in again[:3]:
        print("  " + l)
    print("findings: %d without summaries, %d with; new with summaries:" % (len(off), len(full)))
    for l in sorted(full - off):
        f = json.loads(l)
        print("  NEW  %s:%s:%s %s" % (f["file"], f["line"], f["column"], f["message"]))
    for l in sorted(off - full):
        f = json.loads(l)
        print("  GONE %s:%s:%s %s" % (f["file"], f["line"], f["column"], f["message"]))


if __name__ == "__main__":
    main()
