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
cmake --build build --target connleak

EX=examples/orders-service
cmake -S "$EX" -B "build/$EX" -G Ninja >/dev/null
echo "connleak: analysing $EX (compile_commands.json in build/$EX)"

OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
# run-clang-tidy-19 runs clang-tidy-19 over every entry of the database; the
# checks and options come from $EX/.clang-tidy.
run-clang-tidy-19 -quiet -load "$ROOT/build/lib/libconnleak.so" \
  -p "build/$EX" -j "$(nproc)" >"$OUT" 2>/dev/null || true
grep -v -E '^(Running clang-tidy|\[[0-9]+/[0-9]+\]|clang-tidy-19 |[0-9]+ warnings? generated|Enabled checks|Suppressed)' "$OUT" \
  | sed "s|$ROOT/||" || true

echo
echo "Summary:"
total=$(grep -c -E 'warning: .*\[connleak-' "$OUT" || true)
grep -o -E '\[connleak-[a-z-]+\]' "$OUT" | sort | uniq -c | sed 's/^/  /' || true
files=$(grep -E 'warning: .*\[connleak-' "$OUT" | cut -d: -f1 | sort -u | wc -l)
echo "  $total finding(s) in $files file(s)"
if grep -q 'clang-diagnostic-error' "$OUT"; then
  echo "connleak: some files did not compile; their functions with errors were not analysed" >&2
  exit 3
fi
