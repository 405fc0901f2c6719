#!/usr/bin/env bash
# The single test command for connleak (README and CI).
#
#   scripts/test.sh [extra lit args, e.g. --filter runner]
#
# 1. scripts/install-deps.sh                (Debian packages; no-op when present)
# 2. cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release   (only if build/build.ninja is missing;
#    `cmake -S . -B build` is re-run if build/test/lit.site.cfg.py is missing)
# 3. cmake --build build
# 4. lit -sv build/test                     (lit tests + googletest binaries, see test/)
#
# The LAST line printed is always exactly "N passed, N failed":
#   passed = PASS + XFAIL
#   failed = FAIL + XPASS + UNRESOLVED + TIMEOUT + UNSUPPORTED + skipped
#            (tests deselected on purpose with --filter/LIT_FILTER are not counted)
# If a step before lit fails, lit cannot run, lit crashes, or no test ran, it
# prints "0 passed, 1 failed" after an error message.
# Exit status: 0 only if failed == 0 and passed > 0.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1

BUILD_DIR=build
LIT=/usr/lib/llvm-19/build/utils/lit/lit.py
PYTHON="${PYTHON:-python3}"
RESULTS="$BUILD_DIR/test/lit-results.xml"

summary() { echo "$1 passed, $2 failed"; }
abort() {
  echo "test.sh: ERROR: $*" >&2
  summary 0 1
  exit 1
}

echo "== install dependencies"
scripts/install-deps.sh || abort "scripts/install-deps.sh failed"

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  echo "== configure"
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release || abort "cmake configure failed"
fi

# A build tree configured before test/CMakeLists.txt existed has no lit config;
# CMake does not notice the new file by itself, so re-run the configure step.
if [ ! -f "$BUILD_DIR/test/lit.site.cfg.py" ]; then
  echo "== re-configure ($BUILD_DIR/test/lit.site.cfg.py missing)"
  cmake -S . -B "$BUILD_DIR" || abort "cmake configure failed"
fi

echo "== build"
cmake --build "$BUILD_DIR" || abort "build failed"

[ -f "$LIT" ] || abort "$LIT not found (install llvm-19-tools)"
[ -f "$BUILD_DIR/test/lit.site.cfg.py" ] ||
  abort "$BUILD_DIR/test/lit.site.cfg.py missing: is add_subdirectory(test) in CMakeLists.txt?"

echo "== lit"
rm -f "$RESULTS"
"$PYTHON" "$LIT" -sv --xunit-xml-output "$RESULTS" "$@" "$BUILD_DIR/test"
lit_rc=$?

[ -s "$RESULTS" ] || abort "lit produced no results (exit code $lit_rc); see the lit output above"

counts="$("$PYTHON" - "$RESULTS" <<'EOF'
import sys
import xml.etree.ElementTree as ET

passed = failed = 0
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
            failed += 1
            print("test.sh: counted as failed (not run: %s): %s" % (reason, name),
                  file=sys.stderr)
        else:
            passed += 1
print(passed, failed)
EOF
)" || abort "could not parse $RESULTS"

read -r passed failed <<<"$counts"
if [ "$lit_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: ERROR: lit exited with code $lit_rc but reported no failing test" >&2
  failed=1
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  abort "no test ran"
fi

summary "$passed" "$failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
