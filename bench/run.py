#!/usr/bin/env python3
"""connleak overhead and scaling benchmark.

Usage:
    bench/run.py --plugin build/lib/libconnleak.so [--repeat 3] [--max-ratio 1.05]

Part 1 (overhead): for every heavy translation unit in bench/tus/*.cpp, time
  (a) clang-tidy-19 --load=PLUGIN -checks='-*,connleak-*'            TU -- FLAGS
  (b) clang-tidy-19 --load=PLUGIN -checks='-*,<one trivial built-in>' TU -- FLAGS
interleaved in the same run (a/b order alternates between repetitions) and take
the median wall time of --repeat runs of each.  Ratio = a / b.  The overall
ratio is sum(a) / sum(b).  One extra, untimed run per TU with
--enable-check-profile reports the connleak checks' own share of (a).

Part 2 (scaling): bench/gen_big_function.py generates one C function with N
segments (thousands of basic blocks) for each --sizes entry; (a) and (b) are
timed the same way and analysis time = median(a) - median(b).  Near-linear
scaling shows as a per-segment cost that stays flat across sizes (ratio
largest/smallest close to 1) and a log-log exponent close to 1.

Only ratios measured within one run are meaningful; absolute seconds depend
on the machine and on whatever else it is doing.

Exit status: 0 on success; 1 if --max-ratio is given and the overall ratio
exceeds it; 2 on a setup error or a failing clang-tidy run.
"""

import argparse
import datetime
import glob
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(BENCH_DIR)

PKG_CONFIG_PACKAGES = [
    "libpq", "libmongoc-1.0", "hiredis", "libcurl", "sqlite3", "grpc++", "protobuf",
    "libpqxx", "mysqlclient", "odbc",
]
FALLBACK_INCLUDE_DIRS = [
    "/usr/include/postgresql", "/usr/include/libmongoc-1.0", "/usr/include/libbson-1.0",
    "/usr/include/mariadb", "/usr/include/hiredis",
]
DEFAULT_SIZES = [250, 500, 1000, 2000]
WARNING_RE = re.compile(r"warning: .*\[(connleak-[\w.-]+)[,\]]")


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def die(msg, code=2):
    print(f"run.py: error: {msg}", file=sys.stderr)
    sys.exit(code)


def pkg_config_flags():
    """Union of `pkg-config --cflags` for the packages the TUs use, plus fallbacks."""
    flags = []
    have_pkg_config = shutil.which("pkg-config") is not None
    missing = []
    for pkg in PKG_CONFIG_PACKAGES:
        if not have_pkg_config:
            missing.append(pkg)
            continue
        r = subprocess.run(["pkg-config", "--cflags", pkg], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
        if r.returncode != 0:
            missing.append(pkg)
            continue
        for f in r.stdout.split():
            if f not in flags:
                flags.append(f)
    for d in FALLBACK_INCLUDE_DIRS:
        if os.path.isdir(d) and ("-I" + d) not in flags and ("-I" + d + "/") not in flags:
            flags.append("-I" + d)
    return flags, missing


def run_timed(cmd, timeout):
    """Run cmd; return (wall_s, cpu_s, returncode, stdout, stderr). cpu = children user+sys."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - t0, None, None, "", "timeout"
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, r.returncode, r.stdout, r.stderr


def tidy_cmd(args, checks, source, flags, extra=()):
    return [args.clang_tidy, "--load=" + args.plugin, "--quiet", "-checks=-*," + checks,
            *extra, source, "--", *flags]


def count_warnings(text):
    counts = {}
    for m in WARNING_RE.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return counts


def check_run(what, result, cmd):
    wall, cpu, rc, out, err = result
    if rc is None:
        die(f"{what}: timed out after {wall:.0f}s\n  command: {' '.join(cmd)}")
    if rc != 0:
        tail = "\n".join((err or out).strip().splitlines()[-25:])
        die(f"{what}: clang-tidy exited with {rc}\n  command: {' '.join(cmd)}\n{tail}")


def fmt_s(x):
    return "   n/a" if x is None else f"{x:6.2f}"


def median(xs):
    return statistics.median(xs) if xs else None


# ---------------------------------------------------------------------------
# setup checks
# ---------------------------------------------------------------------------

def resolve_plugin(path):
    for cand in (path, os.path.join(REPO_DIR, path)):
        if os.path.isfile(cand):
            return os.path.abspath(cand)
    die(f"plugin not found: {path} (build it first: cmake -S . -B build && cmake --build build -j2)")


def enabled_checks(args, checks):
    cmd = [args.clang_tidy, "--load=" + args.plugin, "-checks=-*," + checks, "--list-checks"]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        die(f"'{' '.join(cmd)}' failed ({r.returncode}):\n{r.stderr.strip()}")
    names = [l.strip() for l in r.stdout.splitlines()
             if l.startswith("    ") and l.strip()]
    return names


def tidy_version(args):
    r = subprocess.run([args.clang_tidy, "--version"], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    m = re.search(r"LLVM version ([\w.\-+~]+)", r.stdout)
    return m.group(1) if m else r.stdout.strip().splitlines()[0] if r.stdout.strip() else "?"


# ---------------------------------------------------------------------------
# part 1: heavy TUs
# ---------------------------------------------------------------------------

def bench_tus(args, tus, flags):
    cxx_flags = ["-std=c++17"] + flags
    conf = {"a": args.checks, "b": args.baseline_check}
    times = {tu: {"a": [], "b": []} for tu in tus}
    cpus = {tu: {"a": [], "b": []} for tu in tus}
    warnings = {}

    if not args.no_warmup:
        print("warm-up: one untimed baseline run per TU ...", flush=True)
        for tu in tus:
            cmd = tidy_cmd(args, conf["b"], tu, cxx_flags)
            check_run(f"warm-up {os.path.basename(tu)}", run_timed(cmd, args.timeout), cmd)

    for rep in range(args.repeat):
        for idx, tu in enumerate(tus):
            order = ("a", "b") if (rep + idx) % 2 == 0 else ("b", "a")
            for which in order:
                cmd = tidy_cmd(args, conf[which], tu, cxx_flags)
                res = run_timed(cmd, args.timeout)
                check_run(f"{os.path.basename(tu)} ({which})", res, cmd)
                times[tu][which].append(res[0])
                cpus[tu][which].append(res[1])
                if which == "a" and tu not in warnings:
                    warnings[tu] = count_warnings(res[3] + res[4])
            print(f"  rep {rep + 1}/{args.repeat} {os.path.basename(tu):32s} "
                  f"a={times[tu]['a'][-1]:.2f}s b={times[tu]['b'][-1]:.2f}s", flush=True)

    profile = {}
    if not args.no_profile:
        print("check profile: one extra run per TU and configuration with "
              "--enable-check-profile ...", flush=True)
        for tu in tus:
            profile[tu] = {}
            for which in ("a", "b"):
                with tempfile.TemporaryDirectory(prefix="connleak-prof-") as d:
                    cmd = tidy_cmd(args, conf[which], tu, cxx_flags,
                                   extra=("--enable-check-profile", "--store-check-profile=" + d))
                    check_run(f"profile {os.path.basename(tu)} ({which})",
                              run_timed(cmd, args.timeout), cmd)
                    by_check = read_profile(d)
                if which == "a":
                    profile[tu]["by_check"] = {k: v for k, v in by_check.items()
                                               if k.startswith("connleak-")}
                    profile[tu]["connleak"] = sum(profile[tu]["by_check"].values())
                else:
                    profile[tu]["baseline"] = by_check.get(args.baseline_check)

    rows = []
    for tu in tus:
        a, b = median(times[tu]["a"]), median(times[tu]["b"])
        ca, cb = median(cpus[tu]["a"]), median(cpus[tu]["b"])
        rows.append({
            "file": os.path.basename(tu), "baseline_s": b, "connleak_s": a,
            "ratio": a / b if b else None, "baseline_cpu_s": cb, "connleak_cpu_s": ca,
            "runs_a": times[tu]["a"], "runs_b": times[tu]["b"],
            "warnings": sum(warnings.get(tu, {}).values()),
            "warnings_by_check": warnings.get(tu, {}),
            "profile_connleak_s": profile.get(tu, {}).get("connleak"),
            "profile_baseline_check_s": profile.get(tu, {}).get("baseline"),
            "profile_by_check": profile.get(tu, {}).get("by_check", {}),
        })
    return rows


def read_profile(directory):
    """Per-check wall seconds from the --store-check-profile JSON files in directory."""
    by_check = {}
    for path in glob.glob(os.path.join(directory, "*.json")):
        try:
            with open(path) as f:
                data = json.load(f)
        except (OSError, ValueError):
            continue
        for key, val in data.get("profile", {}).items():
            m = re.match(r"time\.clang-tidy\.(.+)\.wall$", key)
            if m:
                by_check[m.group(1)] = by_check.get(m.group(1), 0.0) + float(val)
    return by_check


# ---------------------------------------------------------------------------
# part 2: scaling on one generated function
# ---------------------------------------------------------------------------

def bench_scaling(args, flags, workdir):
    sys.path.insert(0, BENCH_DIR)
    sys.dont_write_bytecode = True  # keep bench/ free of __pycache__
    import gen_big_function  # noqa: E402 (local module)

    c_flags = ["-std=c11"] + [f for f in flags if not f.startswith("-std=")]
    files = {}
    for n in args.sizes:
        path = os.path.join(workdir, f"big_{n}.c")
        with open(path, "w") as f:
            f.write(gen_big_function.generate(n, seed=1, leak_every=10))
        files[n] = path

    times = {n: {"a": [], "b": []} for n in args.sizes}
    warnings = {}
    timed_out = set()
    for rep in range(args.repeat):
        for idx, n in enumerate(args.sizes):
            if n in timed_out:
                continue
            order = ("a", "b") if (rep + idx) % 2 == 0 else ("b", "a")
            for which in order:
                checks = args.checks if which == "a" else args.baseline_check
                cmd = tidy_cmd(args, checks, files[n], c_flags)
                res = run_timed(cmd, args.timeout)
                if res[2] is None:
                    print(f"  N={n}: ({which}) timed out after {args.timeout}s; "
                          f"skipping this and larger sizes", flush=True)
                    timed_out.update(m for m in args.sizes if m >= n)
                    break
                check_run(f"big_{n}.c ({which})", res, cmd)
                times[n][which].append(res[0])
                if which == "a" and n not in warnings:
                    warnings[n] = sum(count_warnings(res[3] + res[4]).values())
            if n not in timed_out:
                print(f"  rep {rep + 1}/{args.repeat} N={n:<6d} a={times[n]['a'][-1]:.2f}s "
                      f"b={times[n]['b'][-1]:.2f}s", flush=True)

    rows = []
    for n in args.sizes:
        a, b = median(times[n]["a"]), median(times[n]["b"])
        if n in timed_out or a is None or b is None:
            rows.append({"n": n, "timed_out": True})
            continue
        analysis = a - b
        rows.append({
            "n": n, "baseline_s": b, "connleak_s": a, "analysis_s": analysis,
            "per_segment_ms": 1000.0 * analysis / n, "warnings": warnings.get(n, 0),
            "seeded_leaks": n // 10, "runs_a": times[n]["a"], "runs_b": times[n]["b"],
            "timed_out": False,
        })
    done = [r for r in rows if not r["timed_out"]]
    summary = {"rows": rows, "per_segment_ratio": None, "exponent": None}
    if len(done) >= 2:
        small, large = done[0], done[-1]
        if small["per_segment_ms"] > 0:
            summary["per_segment_ratio"] = large["per_segment_ms"] / small["per_segment_ms"]
        pts = [(math.log(r["n"]), math.log(r["analysis_s"])) for r in done if r["analysis_s"] > 0]
        if len(pts) >= 2:
            mx = sum(p[0] for p in pts) / len(pts)
            my = sum(p[1] for p in pts) / len(pts)
            sxx = sum((p[0] - mx) ** 2 for p in pts)
            if sxx > 0:
                summary["exponent"] = sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx
    return summary


# ---------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------

def report(args, meta, tu_rows, scaling):
    lines = []
    out = lines.append
    out("=" * 78)
    out("connleak benchmark summary")
    out("=" * 78)
    out(f"date        {meta['date']}")
    out(f"host        {meta['host']}, {meta['cpus']} CPUs, load avg at start {meta['load']}")
    out(f"clang-tidy  {args.clang_tidy} (LLVM {meta['llvm']})")
    out(f"plugin      {meta['plugin']}")
    out(f"checks      (a) -*,{args.checks} -> {len(meta['checks'])} enabled: "
        f"{', '.join(meta['checks'])}")
    out(f"baseline    (b) -*,{args.baseline_check} (plugin loaded in both)")
    out(f"method      wall time, median of {args.repeat} interleaved runs per configuration")

    if tu_rows:
        out("")
        out("Overhead on heavy translation units")
        hdr = f"{'file':34s} {'baseline s':>10s} {'connleak s':>10s} {'ratio':>7s} " \
              f"{'warnings':>8s} {'profile':>8s}"
        out(hdr)
        out("-" * len(hdr))
        for r in tu_rows:
            prof = r["profile_connleak_s"]
            prof_s = f"{100.0 * prof / r['connleak_s']:7.1f}%" if prof is not None else "     n/a"
            out(f"{r['file']:34s} {r['baseline_s']:10.2f} {r['connleak_s']:10.2f} "
                f"{r['ratio']:7.3f} {r['warnings']:8d} {prof_s}")
        sa = sum(r["connleak_s"] for r in tu_rows)
        sb = sum(r["baseline_s"] for r in tu_rows)
        ca = sum(r["connleak_cpu_s"] for r in tu_rows)
        cb = sum(r["baseline_cpu_s"] for r in tu_rows)
        out("-" * len(hdr))
        out(f"{'TOTAL':34s} {sb:10.2f} {sa:10.2f} {sa / sb:7.3f}")
        ma = sum(min(r["runs_a"]) for r in tu_rows)
        mb = sum(min(r["runs_b"]) for r in tu_rows)
        out(f"overall ratio (sum connleak / sum baseline): wall {sa / sb:.3f} (median runs), "
            f"{ma / mb:.3f} (fastest runs), cpu user+sys {ca / cb:.3f}")
        prof = [r for r in tu_rows if r["profile_connleak_s"] is not None]
        if prof:
            pa = sum(r["profile_connleak_s"] for r in prof)
            out(f"connleak checks' own time (--enable-check-profile, matcher callbacks): "
                f"{pa:.3f} s = {100.0 * pa / sa:.1f}% of connleak wall")
            by_check = {}
            for r in prof:
                for k, v in r["profile_by_check"].items():
                    by_check[k] = by_check.get(k, 0.0) + v
            if len(by_check) > 1:
                out("  per check: " + ", ".join(
                    f"{k} {v:.3f}s" for k, v in sorted(by_check.items(), key=lambda kv: -kv[1])))
            pb = [r["profile_baseline_check_s"] for r in prof]
            if all(x is not None for x in pb):
                est = 1.0 + (pa - sum(pb)) / sb
                out(f"{args.baseline_check} own time: {sum(pb):.3f} s; profile-based ratio "
                    f"estimate 1 + (connleak - baseline check) / baseline wall = {est:.3f}")
                out("  (low-noise, but only valid if connleak does its work inside matcher "
                    "callbacks; work in onEndOfTranslationUnit etc. is not profiled)")
        if args.max_ratio is not None:
            verdict = "OK" if sa / sb <= args.max_ratio else "FAIL"
            out(f"target      overall ratio <= {args.max_ratio}: {verdict}")

    if scaling:
        out("")
        out("Scaling: one generated function, N segments (~8 CFG blocks each)")
        hdr = f"{'N':>6s} {'baseline s':>10s} {'connleak s':>10s} {'analysis s':>10s} " \
              f"{'ms/segment':>10s} {'warnings':>8s} {'seeded':>6s}"
        out(hdr)
        out("-" * len(hdr))
        for r in scaling["rows"]:
            if r["timed_out"]:
                out(f"{r['n']:6d}   timed out (> {args.timeout}s)")
                continue
            out(f"{r['n']:6d} {r['baseline_s']:10.2f} {r['connleak_s']:10.2f} "
                f"{r['analysis_s']:10.3f} {r['per_segment_ms']:10.3f} {r['warnings']:8d} "
                f"{r['seeded_leaks']:6d}")
        done = [r for r in scaling["rows"] if not r["timed_out"]]
        if scaling["per_segment_ratio"] is not None:
            out(f"per-segment analysis time, N={done[-1]['n']} vs N={done[0]['n']}: "
                f"ratio {scaling['per_segment_ratio']:.2f} (1.0 = linear)")
        if scaling["exponent"] is not None:
            out(f"log-log fit: analysis time ~ N^{scaling['exponent']:.2f} (1.0 = linear, 2.0 = quadratic)")
        quiet = [r["n"] for r in done if r["warnings"] == 0 and r["seeded_leaks"] > 0]
        if quiet:
            out(f"note: no connleak warning at N={', '.join(map(str, quiet))} although leaks are "
                f"seeded: the analysis probably gave up on the function (budget/limit), so those "
                f"sizes time the cut-off, not the analysis")
        if done and min(r["analysis_s"] for r in done) < 0.05:
            out("note: analysis time at the small sizes is within timing noise; "
                "trust the exponent and the largest sizes more")
    load_end = " ".join(f"{x:.2f}" for x in os.getloadavg())
    out(f"load avg at end: {load_end}")
    # The 1-minute load average at the end includes our own clang-tidy (~1.0).
    if meta["busy"] or os.getloadavg()[0] - 1.0 > 0.5 * (meta["cpus"] or 1):
        out("WARNING: the machine was busy during the run; absolute times are inflated and the "
            "ratios are noisy. Re-run on a quiet machine (or with a larger --repeat).")
    out("=" * 78)
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="connleak overhead/scaling benchmark (see bench/README.md)")
    ap.add_argument("--plugin", required=True, help="path to libconnleak.so (required)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per configuration (median)")
    ap.add_argument("--max-ratio", type=float, default=None,
                    help="exit 1 if the overall TU ratio exceeds this (e.g. 1.05)")
    ap.add_argument("--clang-tidy", default="clang-tidy-19", help="clang-tidy binary (LLVM 19)")
    ap.add_argument("--checks", default="connleak-*",
                    help="check glob timed in configuration (a) (default: connleak-*)")
    ap.add_argument("--baseline-check", default="readability-braces-around-statements",
                    help="trivial built-in check for the baseline (b)")
    ap.add_argument("--tu", action="append", default=[],
                    help="only TUs whose name contains this (repeatable)")
    ap.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                    help="comma-separated segment counts for the scaling part")
    ap.add_argument("--timeout", type=float, default=300, help="per clang-tidy run, seconds")
    ap.add_argument("--no-tus", action="store_true", help="skip the heavy-TU overhead part")
    ap.add_argument("--no-scaling", action="store_true", help="skip the scaling part")
    ap.add_argument("--no-profile", action="store_true", help="skip the --enable-check-profile runs")
    ap.add_argument("--no-warmup", action="store_true", help="skip the untimed warm-up runs")
    ap.add_argument("--json", help="also write the raw results to this JSON file")
    ap.add_argument("--keep-generated", help="write the generated C files to this directory")
    args = ap.parse_args(argv)

    if args.repeat < 1:
        ap.error("--repeat must be >= 1")
    try:
        args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        ap.error("--sizes must be a comma-separated list of integers")
    if shutil.which(args.clang_tidy) is None:
        die(f"{args.clang_tidy} not found (install clang-tidy-19; /usr/bin/clang-tidy is LLVM 14)")
    args.plugin = resolve_plugin(args.plugin)

    checks = enabled_checks(args, args.checks)
    if not checks:
        die(f"plugin {args.plugin} provides no check matching '{args.checks}'")
    if not enabled_checks(args, args.baseline_check):
        die(f"baseline check '{args.baseline_check}' is not available")

    flags, missing = pkg_config_flags()
    if missing:
        print(f"note: pkg-config has no entry for: {', '.join(missing)} (using fallbacks)")

    tus = sorted(glob.glob(os.path.join(BENCH_DIR, "tus", "*.cpp")))
    if args.tu:
        tus = [t for t in tus if any(s in os.path.basename(t) for s in args.tu)]
    if not tus and not args.no_tus:
        die("no translation units selected under bench/tus/")

    meta = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "host": platform.node() or "?", "cpus": os.cpu_count(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "llvm": tidy_version(args), "plugin": args.plugin, "checks": checks,
        "flags": flags, "busy": os.getloadavg()[0] > 0.5 * (os.cpu_count() or 1),
    }
    print(f"connleak bench: {len(tus)} TUs, sizes {args.sizes}, repeat {args.repeat}, "
          f"checks {', '.join(checks)}", flush=True)

    tu_rows = []
    if not args.no_tus:
        tu_rows = bench_tus(args, tus, flags)

    scaling = None
    if not args.no_scaling and args.sizes:
        print("scaling: generated single-function files ...", flush=True)
        if args.keep_generated:
            os.makedirs(args.keep_generated, exist_ok=True)
            scaling = bench_scaling(args, flags, args.keep_generated)
        else:
            with tempfile.TemporaryDirectory(prefix="connleak-big-") as d:
                scaling = bench_scaling(args, flags, d)

    text = report(args, meta, tu_rows, scaling)
    print()
    print(text)

    overall = None
    if tu_rows:
        overall = sum(r["connleak_s"] for r in tu_rows) / sum(r["baseline_s"] for r in tu_rows)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"meta": meta, "args": vars(args), "tus": tu_rows, "scaling": scaling,
                       "overall_ratio": overall}, f, indent=2)
    if args.max_ratio is not None and overall is not None and overall > args.max_ratio:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
