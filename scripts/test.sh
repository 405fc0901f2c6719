#!/usr/bin/env bash
# The single test command for connleak (README and CI).
#
#   scripts/test.sh [extra lit args, e.g. --filter runner]   (passed to both lit runs)
#
# 1. scripts/install-deps.sh                (Debian packages; no-op when present)
# 2. cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCONNLEAK_WERROR=ON
#    (only if build/build.ninja is missing; `cmake -S . -B build -DCONNLEAK_WERROR=ON`
#    is re-run if build/test/lit.site.cfg.py is missing or the cache lacks
#    CONNLEAK_WERROR=ON)
# 3. cmake --build build        (-Werror: a compiler warning fails the build)
# 4. lit -sv build/test                     (lit tests + googletest binaries, see test/)
# 5. The same suite again against a sanitized build in build-san/
#    (-DCONNLEAK_SANITIZE=ON: ASan + UBSan, assertions on; see CMakeLists.txt
#    and test/lit.cfg.py, which LD_PRELOADs the ASan runtime into clang-tidy-19):
#    cmake -S . -B build-san -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCONNLEAK_SANITIZE=ON
#    -DCONNLEAK_WERROR=ON (only if build-san/build.ninja or build-san/test/lit.site.cfg.py
#    is missing, or build-san is not configured with CONNLEAK_SANITIZE=ON and
#    CONNLEAK_WERROR=ON),
#    cmake --build build-san --target connleak-test-deps (the plugin, CLI, connleak-clangd
#    and gtest binaries; nothing else), lit -sv build-san/test.
#    CONNLEAK_SKIP_SANITIZERS=1 skips step 5 (for quick local runs; CI runs it).
#    Cost on 2 cores: a clean build-san ~520 CPU-seconds, 9 minutes (measured
#    with other jobs running); its lit run 2.5 minutes (the run on build/:
#    1.7) on an otherwise idle machine, 18 minutes on one busy with other builds.
#    The results section prints each run's counts and times.
#
# The LAST line printed is always exactly "N passed, N failed", summed over
# both lit runs:
#   passed = PASS + XFAIL
#   failed = FAIL + XPASS + UNRESOLVED + TIMEOUT + UNSUPPORTED + skipped
#            (tests deselected on purpose with --filter/LIT_FILTER are not counted)
#   not run = UNSUPPORTED only because material outside the repository is
#            absent (the evaluation corpus ../shared/eval/cases on a bare
#            clone; the git history, for the documented pre-commit rev, in a
#            shallow clone or a tarball): listed with the reason, counted
#            neither way, and named in the results section.
# If a step before the first lit run fails, lit cannot run, lit crashes, or no
# test ran, it prints "0 passed, 1 failed" after an error message.  If only
# step 5 fails that way, its run counts as 1 failed, added to the first run's counts.
# Exit status: 0 only if failed == 0 and passed > 0.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1

BUILD_DIR=build
SAN_DIR=build-san
LIT=/usr/lib/llvm-19/build/utils/lit/lit.py
PYTHON="${PYTHON:-python3}"
RESULTS="$BUILD_DIR/test/lit-results.xml"
SAN_RESULTS="$SAN_DIR/test/lit-results.xml"

summary() { echo "$1 passed, $2 failed"; }
since() { local s=$((SECONDS - $1)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }
abort() {
  echo "test.sh: ERROR: $*" >&2
  summary 0 1
  exit 1
}

# run_lit BUILD_TREE RESULTS_XML [lit args...]: runs lit on BUILD_TREE/test and
# sets run_passed and run_failed from its results.  Returns non-zero, after an
# error message, if lit produced no usable results.
run_lit() {
  local tree="$1" results="$2"
  shift 2
  rm -f "$results"
  "$PYTHON" "$LIT" -sv --xunit-xml-output "$results" "$@" "$tree/test"
  local lit_rc=$?
  if [ ! -s "$results" ]; then
    echo "test.sh: ERROR: lit on $tree/test produced no results (exit code $lit_rc); see the lit output above" >&2
    return 1
  fi
  local counts
  counts="$("$PYTHON" - "$results" <<'EOF'
import sys
import xml.etree.ElementTree as ET

# lit features that stand for material outside the repository (see
# test/lit.cfg.py). A test that is UNSUPPORTED only for lack of them is listed
# as not run, with the reason, and counted neither as passed nor as failed.
EXTERNAL = {"eval-corpus": "needs the evaluation corpus ../shared/eval/cases beside the repository",
            "connleak-git-history": "needs the git history of the repository (not a shallow clone or a tarball)"}
MISSING = "Missing required feature(s): "
passed = failed = not_run = 0
for suite in ET.parse(sys.argv[1]).getroot().iter("testsuite"):
    for tc in suite.iter("testcase"):
        name = "%s :: %s" % (tc.get("classname", ""), tc.get("name", ""))
        skipped = tc.find("skipped")
        if tc.find("failure") is not None:
            failed += 1
        elif skipped is not None:
            reason = skipped.get("message", "")
            if reason.startswith("Test not selected"):
                continue  # deselected on purpose (--filter, LIT_FILTER, --max-tests)
            features = [f.strip() for f in reason[len(MISSING):].split(",")] \
                if reason.startswith(MISSING) else []
            if features and all(f in EXTERNAL for f in features):
                not_run += 1
                print("test.sh: not run (%s): %s"
                      % ("; ".join(EXTERNAL[f] for f in features), name), file=sys.stderr)
                continue
            failed += 1
            print("test.sh: counted as failed (not run: %s): %s" % (reason, name),
                  file=sys.stderr)
        else:
            passed += 1
print(passed, failed, not_run)
EOF
)" || { echo "test.sh: ERROR: could not parse $results" >&2; return 1; }
  read -r run_passed run_failed run_not_run <<<"$counts"
  if [ "$lit_rc" -ne 0 ] && [ "$run_failed" -eq 0 ]; then
    echo "test.sh: ERROR: lit on $tree/test exited with code $lit_rc but reported no failing test" >&2
    run_failed=1
  fi
}

echo "== install dependencies"
scripts/install-deps.sh || abort "scripts/install-deps.sh failed"

# has_werror DIR: DIR's CMake cache has CONNLEAK_WERROR=ON.
has_werror() { grep -qx 'CONNLEAK_WERROR:BOOL=ON' "$1/CMakeCache.txt" 2>/dev/null; }

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  echo "== configure"
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCONNLEAK_WERROR=ON ||
    abort "cmake configure failed"
fi

# A build tree configured before test/CMakeLists.txt existed has no lit config;
# CMake does not notice the new file by itself, so re-run the configure step.
# One configured before CONNLEAK_WERROR existed (or without it) gets it here.
if [ ! -f "$BUILD_DIR/test/lit.site.cfg.py" ] || ! has_werror "$BUILD_DIR"; then
  echo "== re-configure ($BUILD_DIR: lit.site.cfg.py missing or CONNLEAK_WERROR not ON)"
  cmake -S . -B "$BUILD_DIR" -DCONNLEAK_WERROR=ON || abort "cmake configure failed"
fi

echo "== build"
cmake --build "$BUILD_DIR" || abort "build failed"

[ -f "$LIT" ] || abort "$LIT not found (install llvm-19-tools)"
[ -f "$BUILD_DIR/test/lit.site.cfg.py" ] ||
  abort "$BUILD_DIR/test/lit.site.cfg.py missing: is add_subdirectory(test) in CMakeLists.txt?"

echo "== lit ($BUILD_DIR)"
t_lit=$SECONDS
run_lit "$BUILD_DIR" "$RESULTS" "$@" || abort "lit on $BUILD_DIR/test did not run"
passed=$run_passed failed=$run_failed not_run=$run_not_run
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  abort "no test ran"
fi
results=("$BUILD_DIR: $passed passed, $failed failed, $run_not_run not run (lit $(since "$t_lit"))")

# 5. The same suite against the ASan+UBSan build.  If it cannot be configured,
# built or run, that counts as 1 failed; the first run's counts stay.
san_error() {
  echo "test.sh: ERROR: $*" >&2
  failed=$((failed + 1))
  results+=("$SAN_DIR (ASan+UBSan): did not run, counted as 1 failed")
}
if [ "${CONNLEAK_SKIP_SANITIZERS:-0}" = 1 ]; then
  echo "== $SAN_DIR skipped (CONNLEAK_SKIP_SANITIZERS=1)"
  results+=("$SAN_DIR (ASan+UBSan): skipped (CONNLEAK_SKIP_SANITIZERS=1)")
else
  san_ok=1
  t_build=$SECONDS
  if [ ! -f "$SAN_DIR/build.ninja" ] || [ ! -f "$SAN_DIR/test/lit.site.cfg.py" ] ||
     ! grep -qx 'CONNLEAK_SANITIZE:BOOL=ON' "$SAN_DIR/CMakeCache.txt" || ! has_werror "$SAN_DIR"; then
    echo "== configure ($SAN_DIR: ASan+UBSan, assertions)"
    cmake -S . -B "$SAN_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCONNLEAK_SANITIZE=ON \
      -DCONNLEAK_WERROR=ON ||
      { san_ok=0; san_error "cmake configure of $SAN_DIR failed"; }
  fi
  if [ "$san_ok" = 1 ]; then
    # Only what the lit suite runs: plugin, CLI, connleak-clangd, gtest binaries.
    echo "== build ($SAN_DIR)"
    cmake --build "$SAN_DIR" --target connleak-test-deps ||
      { san_ok=0; san_error "build of $SAN_DIR failed"; }
  fi
  if [ "$san_ok" = 1 ]; then
    t_build=$(since "$t_build") t_lit=$SECONDS
    echo "== lit ($SAN_DIR: ASan+UBSan, assertions)"
    if ! run_lit "$SAN_DIR" "$SAN_RESULTS" "$@"; then
      san_error "lit on $SAN_DIR/test did not run"
    elif [ "$run_passed" -eq 0 ] && [ "$run_failed" -eq 0 ]; then
      san_error "no test ran in $SAN_DIR/test"
    else
      passed=$((passed + run_passed))
      failed=$((failed + run_failed))
      not_run=$((not_run + run_not_run))
      results+=("$SAN_DIR (ASan+UBSan): $run_passed passed, $run_failed failed, $run_not_run not run (build $t_build, lit $(since "$t_lit"))")
    fi
  fi
fi

echo "== results"
printf '   %s\n' "${results[@]}"
if [ "$not_run" -gt 0 ]; then
  echo "   $not_run not run for lack of material outside the repository (listed above as \"test.sh: not run\"); not counted as passed"
fi
summary "$passed" "$failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
