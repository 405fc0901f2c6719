# -*- Python -*-
# lit suite for connleak's googletest unit tests (a nested suite of build/test).
#
# Every executable in CONNLEAK_UNITTEST_DIR whose name ends with
# CONNLEAK_UNITTEST_SUFFIX (default "Tests", e.g. bin/ConnleakTests) is run as
# a googletest binary; each gtest case is reported as one lit test.  No such
# executable => this suite simply contributes no tests.
import os

import lit.formats

config.name = "connleak-unit"

if not hasattr(config, "connleak_unittest_dir"):
    lit_config.fatal(
        "connleak-unit: no site configuration. Run lit on the build tree (build/test)."
    )

config.test_source_root = config.connleak_unittest_dir
config.test_exec_root = config.connleak_unittest_dir
config.test_format = lit.formats.GoogleTest(
    ".", config.connleak_unittest_suffix or "Tests"
)
config.suffixes = []
for var in ("HOME", "TMPDIR", "LANG", "LC_ALL"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

# Sanitized build tree (-DCONNLEAK_SANITIZE=ON): the same options as
# test/lit.cfg.py, so a sanitizer report aborts the gtest binary and fails the
# test (detect_leaks=0 there too; the gtest binaries link the runtime).
import lit.util

if lit.util.pythonize_bool(getattr(config, "connleak_sanitize", "") or False):
    config.environment["ASAN_OPTIONS"] = ":".join(filter(None, [
        "detect_leaks=0", "halt_on_error=1", "abort_on_error=1",
        os.environ.get("ASAN_OPTIONS", "")]))
    config.environment["UBSAN_OPTIONS"] = ":".join(filter(None, [
        "halt_on_error=1", "print_stacktrace=1", "abort_on_error=1",
        os.environ.get("UBSAN_OPTIONS", "")]))
    if os.access("/usr/lib/llvm-19/bin/llvm-symbolizer", os.X_OK):
        config.environment["ASAN_SYMBOLIZER_PATH"] = "/usr/lib/llvm-19/bin/llvm-symbolizer"
