#!/usr/bin/env python3
"""Wall time of the standalone CLI against run-clang-tidy with the plugin.

    bench/cli_bench.py [--build build] [-j 2] [--repeat 5]

Both tools analyse the same multi-file project with the same checks
('-*,connleak-*') and the same parallelism:

  * the five heavy TUs of bench/tus/ and the five files of
    examples/orders-service/src (10 TUs), through a compile_commands.json
    written to a temporary directory (the sources stay where they are);
  * CLI:  build/bin/connleak -p TMP -j N --checks='-*,connleak-*' --format=json -q
  * tidy: run-clang-tidy-19 -p TMP -j N -clang-tidy-binary clang-tidy-19
          -load build/lib/libconnleak.so -checks='-*,connleak-*' -quiet

Each is run --repeat times (alternating which goes first, after one untimed
warm-up run of each so the page cache is hot); the medians and the ratio
CLI / run-clang-tidy are printed. Target: ratio <= 1.0 (the CLI is no slower).
The number of findings of both must agree, or the comparison is void (exit 1).

Python 3 standard library only.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(BENCH_DIR)

# Same packages as bench/run.py, plus those of the example service.
PKG_CONFIG_PACKAGES = [
    "libpq", "libmongoc-1.0", "hiredis", "libcurl", "sqlite3", "grpc++", "protobuf",
    "libpqxx", "mysqlclient", "odbc",
]
FALLBACK_INCLUDE_DIRS = [
    "/usr/include/postgresql", "/usr/include/libmongoc-1.0", "/usr/include/libbson-1.0",
    "/usr/include/mariadb", "/usr/include/hiredis",
]
TIDY_WARNING_RE = re.compile(r"^(\S+):(\d+):(\d+): warning: .*\[(connleak-[\w-]+)\]$", re.M)


def die(msg):
    print("cli_bench.py: error: %s" % msg, file=sys.stderr)
    sys.exit(2)


def pkg_config_flags():
    flags = []
    for pkg in PKG_CONFIG_PACKAGES:
        r = subprocess.run(["pkg-config", "--cflags", pkg], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, universal_newlines=True)
        if r.returncode == 0:
            flags += [f for f in r.stdout.split() if f not in flags]
    for d in FALLBACK_INCLUDE_DIRS:
        if os.path.isdir(d) and "-I" + d not in flags:
            flags.append("-I" + d)
    return flags


def sources():
    tus = sorted(os.path.join(BENCH_DIR, "tus", f)
                 for f in os.listdir(os.path.join(BENCH_DIR, "tus")) if f.endswith(".cpp"))
    ex_dir = os.path.join(REPO_DIR, "examples", "orders-service", "src")
    ex = sorted(os.path.join(ex_dir, f) for f in os.listdir(ex_dir)
                if f.endswith((".c", ".cpp")))
    return tus + ex


def write_db(workdir, files, flags):
    entries = []
    for f in files:
        if f.endswith(".c"):
            args = ["cc", "-std=c17"] + flags + ["-c", f, "-o", os.path.basename(f) + ".o"]
        else:
            args = ["c++", "-std=c++17"] + flags + ["-c", f, "-o", os.path.basename(f) + ".o"]
        entries.append({"directory": workdir, "file": f, "arguments": args})
    with open(os.path.join(workdir, "compile_commands.json"), "w") as out:
        json.dump(entries, out, indent=1)


def timed(cmd, timeout):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True, errors="replace", timeout=timeout)
    return time.perf_counter() - t0, r


def cli_findings(r):
    if r.returncode not in (0, 1):
        die("the CLI failed (exit %d):\n%s" % (r.returncode, r.stderr[-3000:]))
    return sorted((d["file"], d["line"], d["column"], d["check"])
                  for d in map(json.loads, r.stdout.splitlines()))


def tidy_findings(r, root):
    # run-clang-tidy prints each TU's output once; header findings are not
    # enabled (no header filter), so there are no duplicates to remove.
    out = set()
    for m in TIDY_WARNING_RE.finditer(r.stdout):
        path = os.path.relpath(m.group(1), root)
        out.add((path, int(m.group(2)), int(m.group(3)), m.group(4)))
    if r.returncode != 0 and not out:
        die("run-clang-tidy failed (exit %d):\n%s" % (r.returncode, (r.stdout + r.stderr)[-3000:]))
    return sorted(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(REPO_DIR, "build"),
                    help="build directory with bin/connleak and lib/libconnleak.so")
    ap.add_argument("--cli", help="the CLI (default: BUILD/bin/connleak)")
    ap.add_argument("--plugin", help="the plugin (default: BUILD/lib/libconnleak.so)")
    ap.add_argument("--run-clang-tidy", default="run-clang-tidy-19")
    ap.add_argument("--clang-tidy", default="clang-tidy-19")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--timeout", type=int, default=1800)
    args = ap.parse_args()

    cli = args.cli or os.path.join(args.build, "bin", "connleak")
    plugin = args.plugin or os.path.join(args.build, "lib", "libconnleak.so")
    for path, what in ((cli, "CLI"), (plugin, "plugin")):
        if not os.path.isfile(path):
            die("%s not found at %s (build it first)" % (what, path))
    for tool in (args.run_clang_tidy, args.clang_tidy):
        if not shutil.which(tool):
            die("%s not found in PATH (install clang-tidy-19)" % tool)

    files = sources()
    checks = "-*,connleak-*"
    with tempfile.TemporaryDirectory(prefix="connleak-cli-bench-") as work:
        write_db(work, files, pkg_config_flags())
        cli_cmd = [cli, "-p", work, "-j", str(args.jobs), "--checks=" + checks,
                   "--format=json", "-q", "--root", REPO_DIR]
        tidy_cmd = [sys.executable, shutil.which(args.run_clang_tidy), "-p", work,
                    "-j", str(args.jobs), "-clang-tidy-binary", shutil.which(args.clang_tidy),
                    "-load", plugin, "-checks=" + checks, "-quiet"]

        print("cli_bench.py: %d TUs (%d from bench/tus, %d from examples/orders-service), "
              "-j %d, %d repetitions" % (len(files), sum("/bench/tus/" in f for f in files),
                                          sum("/examples/" in f for f in files),
                                          args.jobs, args.repeat))
        # Warm-up (untimed): page cache, and both must agree on the findings.
        _, r = timed(cli_cmd, args.timeout)
        cli_set = cli_findings(r)
        _, r = timed(tidy_cmd, args.timeout)
        tidy_set = tidy_findings(r, REPO_DIR)
        if cli_set != tidy_set:
            print("cli_bench.py: the findings differ:")
            for f in sorted(set(cli_set) - set(tidy_set)):
                print("  only CLI:  %s:%d:%d [%s]" % f)
            for f in sorted(set(tidy_set) - set(cli_set)):
                print("  only tidy: %s:%d:%d [%s]" % f)
            return 1
        print("cli_bench.py: both report the same %d findings" % len(cli_set))

        times = {"cli": [], "tidy": []}
        for i in range(args.repeat):
            order = [("cli", cli_cmd), ("tidy", tidy_cmd)]
            if i % 2:
                order.reverse()
            for name, cmd in order:
                t, r = timed(cmd, args.timeout)
                if name == "cli":
                    cli_findings(r)
                else:
                    tidy_findings(r, REPO_DIR)
                times[name].append(t)

    med_cli = statistics.median(times["cli"])
    med_tidy = statistics.median(times["tidy"])
    fmt = lambda ts: " ".join("%.2f" % t for t in ts)
    print("%-34s median %7.2f s   runs: %s" % ("connleak -j %d" % args.jobs, med_cli, fmt(times["cli"])))
    print("%-34s median %7.2f s   runs: %s" % ("run-clang-tidy-19 -j %d -load" % args.jobs,
                                              med_tidy, fmt(times["tidy"])))
    ratio = med_cli / med_tidy
    print("ratio CLI / run-clang-tidy: %.3f (%s; target <= 1.0)"
          % (ratio, "CLI no slower" if ratio <= 1.0 else "CLI SLOWER"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
