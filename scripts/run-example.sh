#!/usr/bin/env bash
# The README's main command: installs what is needed, builds connleak, and
# runs it over the bundled example project (examples/orders-service), using
# the compile_commands.json that the example's CMake generates.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

bash scripts/install-deps.sh
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build build --target connleak connleak-cli

EX=examples/orders-service
cmake -S "$EX" -B "build/$EX" -G Ninja >/dev/null
echo "connleak: analysing $EX (compile_commands.json in build/$EX)"

OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
# The standalone CLI reads the compilation database and $EX/.clang-tidy;
# finding leaks in the example is the expected outcome, so --fail-on=none.
rc=0
build/bin/connleak -p "build/$EX" --fail-on=none "$EX" >"$OUT" || rc=$?
cat "$OUT"

echo
echo "Summary:"
grep -o -E '\[connleak-[a-z-]+\]' "$OUT" | sort | uniq -c | sed 's/^/  /' || true
total=$(grep -c -E 'warning: .*\[connleak-' "$OUT" || true)
files=$(grep -E 'warning: .*\[connleak-' "$OUT" | cut -d: -f1 | sort -u | wc -l)
echo "  $total finding(s) in $files file(s)"
exit "$rc"
