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
