# -*- Python -*-
# lit configuration for the connleak clang-tidy plugin tests.
#
# Run from the build tree (the site config supplies the paths):
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv build/test
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv build/test/runner
# or: cmake --build build --target check-connleak
import os
import re
import shlex
import shutil
import subprocess
import sys

import lit.formats
import lit.util

config.name = "connleak"

if not hasattr(config, "connleak_plugin"):
    lit_config.fatal(
        "connleak: no site configuration. Run lit on the build tree "
        "(build/test), not on the source tree; configure with CMake first."
    )

config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in",
                   "check_connleak.py"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = os.path.join(config.connleak_binary_dir, "test")

# test/Unit is a nested googletest suite (test/Unit/lit.cfg.py).  Skip it
# while no gtest executable exists, so lit does not warn about an empty suite.
_unit_dir = getattr(config, "connleak_unittest_dir", "")
_unit_suffix = getattr(config, "connleak_unittest_suffix", "") or "Tests"
try:
    _has_gtests = any(
        f.endswith(_unit_suffix) and os.access(os.path.join(_unit_dir, f), os.X_OK)
        and os.path.isfile(os.path.join(_unit_dir, f))
        for f in os.listdir(_unit_dir)
    )
except OSError:
    _has_gtests = False
if not _has_gtests:
    config.excludes.append("Unit")

# --- material outside the repository ------------------------------------------
# The evaluation corpus (../shared/eval/cases beside the repository, as in CI)
# is not part of a clone. Tests that read it say `REQUIRES: eval-corpus`; where
# the corpus is absent lit reports them UNSUPPORTED, and scripts/test.sh lists
# them as not run (with this reason) instead of counting them as passed.
# --param eval_cases=DIR points at another copy.
eval_cases = lit_config.params.get(
    "eval_cases",
    os.path.join(os.path.dirname(config.connleak_source_dir.rstrip(os.sep)), "shared", "eval", "cases"))
if os.path.isdir(eval_cases):
    config.available_features.add("eval-corpus")
# The git history of the connleak repository (not a shallow clone, not a
# tarball): test/pre-commit/documented-rev.test checks that the documented
# pre-commit rev is a commit of it. scripts/test.sh lists the test as not
# run without it.
try:
    _shallow = subprocess.run(
        ["git", "-C", config.connleak_source_dir, "rev-parse", "--is-shallow-repository"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False).stdout.decode().strip()
except OSError:
    _shallow = ""
if _shallow == "false":
    config.available_features.add("connleak-git-history")
# A build tree configured with -DCONNLEAK_WERROR=ON (scripts/test.sh does):
# test/build/werror.test.
try:
    with open(os.path.join(config.connleak_binary_dir, "CMakeCache.txt")) as _f:
        if "CONNLEAK_WERROR:BOOL=ON\n" in _f.read():
            config.available_features.add("connleak-werror")
except OSError:
    pass

# --- the plugin must exist ----------------------------------------------------
plugin = config.connleak_plugin
if not plugin or not os.path.isfile(plugin):
    lit_config.fatal(
        "connleak plugin not found at %r; build it first (cmake --build build)" % plugin
    )

# --- tools -------------------------------------------------------------------
llvm_tools_dir = config.llvm_tools_dir or "/usr/lib/llvm-19/bin"
# LLVM 19 tools first on PATH; /usr/bin/clang-tidy is LLVM 14 on Debian 12.
config.environment["PATH"] = os.pathsep.join(
    [llvm_tools_dir, os.environ.get("PATH", "/usr/bin:/bin")]
)
for var in ("HOME", "TMPDIR", "TEMP", "TMP", "LANG", "LC_ALL"):
    if var in os.environ:
        config.environment[var] = os.environ[var]


def find_tool(name, dirs=None, fallback=None):
    path = lit.util.which(name, os.pathsep.join(dirs)) if dirs else shutil.which(name)
    if not path and fallback:
        path = shutil.which(fallback)
    if not path:
        lit_config.fatal("connleak: required tool %r not found" % name)
    return path


filecheck = find_tool("FileCheck", [llvm_tools_dir])
not_tool = find_tool("not", [llvm_tools_dir])
clang_tidy = find_tool("clang-tidy-19", None) if shutil.which("clang-tidy-19") else \
    find_tool("clang-tidy", [llvm_tools_dir])
# The configured interpreter, unless it is missing or a (slow) pyenv shim; then
# the interpreter running lit.
python = config.python_executable
if not python or not os.path.isfile(python) or "/shims/" in python:
    python = sys.executable
check_script = os.path.join(config.connleak_source_dir, "test", "check_connleak.py")


def q(s):
    return shlex.quote(s)


# --- sanitized build (-DCONNLEAK_SANITIZE=ON, build-san/) ------------------------
# The CLI, connleak-clangd and the unit tests link the ASan runtime themselves
# (statically).  The plugin is loaded by the stock, uninstrumented clang-tidy-19,
# so the shared ASan runtime (which holds UBSan too) must be LD_PRELOADed into
# clang-tidy, and only there: preloading it into everything would break the
# sanitized executables ("incompatible ASan runtimes").  Every way the tests
# start clang-tidy goes through one wrapper script: %clang_tidy, $CLANG_TIDY
# (check_connleak.py, the pre-commit hook) and clang-tidy-19/clang-tidy on PATH
# (fix_corpus.py, run-clang-tidy-19).
#
# Any sanitizer report must fail the test that triggered it.  abort_on_error
# makes it a SIGABRT rather than exit status 1, which `not` and
# `%expect_exit 1` would take for an expected failure.
#   detect_leaks=0: clang-tidy (like clang) deliberately does not free its
#   AST and other state at exit, so LeakSanitizer would flag every run.
sanitized = lit.util.pythonize_bool(getattr(config, "connleak_sanitize", "") or False)
if sanitized:
    asan_runtime = getattr(config, "connleak_asan_runtime", "")
    if not asan_runtime or not os.path.isfile(asan_runtime):
        lit_config.fatal("connleak: sanitized build but no ASan runtime at %r "
                         "(install libclang-rt-19-dev, re-run cmake)" % asan_runtime)
    config.environment["ASAN_OPTIONS"] = ":".join(filter(None, [
        "detect_leaks=0", "halt_on_error=1", "abort_on_error=1",
        os.environ.get("ASAN_OPTIONS", "")]))
    config.environment["UBSAN_OPTIONS"] = ":".join(filter(None, [
        "halt_on_error=1", "print_stacktrace=1", "abort_on_error=1",
        os.environ.get("UBSAN_OPTIONS", "")]))
    symbolizer = os.path.join(llvm_tools_dir, "llvm-symbolizer")
    if os.access(symbolizer, os.X_OK):
        config.environment["ASAN_SYMBOLIZER_PATH"] = symbolizer
    wrapper_dir = os.path.join(config.test_exec_root, "sanitizer-bin")
    os.makedirs(wrapper_dir, exist_ok=True)
    wrapper_text = (
        "#!/bin/sh\n"
        "# Generated by test/lit.cfg.py: clang-tidy with the ASan runtime that the\n"
        "# sanitized libconnleak.so needs.\n"
        'LD_PRELOAD=%s${LD_PRELOAD:+:$LD_PRELOAD} exec %s "$@"\n'
        % (q(asan_runtime), q(clang_tidy)))
    for name in ("clang-tidy-19", "clang-tidy"):
        path = os.path.join(wrapper_dir, name)
        try:
            with open(path) as f:
                current = f.read()
        except OSError:
            current = None
        if current != wrapper_text:
            with open(path + ".tmp", "w") as f:
                f.write(wrapper_text)
            os.chmod(path + ".tmp", 0o755)
            os.replace(path + ".tmp", path)
    clang_tidy = os.path.join(wrapper_dir, "clang-tidy-19")
    config.environment["CLANG_TIDY"] = clang_tidy
    config.environment["PATH"] = os.pathsep.join([wrapper_dir, config.environment["PATH"]])
    config.available_features.add("connleak-sanitized")


# --- pkg-config cflags for the C client libraries ------------------------------
def pkg_cflags(module, fallback=""):
    try:
        out = subprocess.run(
            ["pkg-config", "--cflags", module],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            check=False,
        ).stdout.decode().strip()
    except OSError:
        out = ""
    return out or fallback


pkg_substs = [
    ("%pq", pkg_cflags("libpq", "-I/usr/include/postgresql")),
    ("%mysql", pkg_cflags("libmariadb", "-I/usr/include/mariadb")),
    ("%sqlite", pkg_cflags("sqlite3")),
    ("%hiredis", pkg_cflags("hiredis")),
    ("%curl", pkg_cflags("libcurl")),
    ("%mongoc", pkg_cflags("libmongoc-1.0",
                           "-I/usr/include/libmongoc-1.0 -I/usr/include/libbson-1.0")),
    ("%odbc", pkg_cflags("odbc")),
    ("%event", pkg_cflags("libevent")),
]

substs = [
    ("%check_connleak", "%s %s --plugin %s" % (q(python), q(check_script), q(plugin))),
    ("%clang_tidy", "%s --load=%s" % (q(clang_tidy), q(plugin))),
    ("%plugin", q(plugin)),
    # connleak's include/ holds connleak/scoped.h, the scope guard that the
    # pool-checkout fix-its insert: the fixed files compile against it.
    ("%cxxflags", "-std=c++17 -I%s" % q(os.path.join(config.connleak_source_dir, "include"))),
    ("%cflags", "-std=c17"),
    ("%python", q(python)),
    ("%connleak_src", q(config.connleak_source_dir)),
    ("%connleak_build", q(config.connleak_binary_dir)),
    ("%connleak_version", q(getattr(config, "connleak_version", "") or "0.0.0")),
    ("%eval_cases", q(eval_cases)),
] + pkg_substs
# Longest key first so no key is replaced inside a longer one.
substs.sort(key=lambda kv: len(kv[0]), reverse=True)
# An empty expansion must still be a valid (empty) shell word sequence.
config.substitutions.extend((k, v if v else "") for k, v in substs)

# FileCheck and not as whole words only (not inside paths or other words).
def tool_regex(name):
    return r"(?<![.\-^/\\<\w])\b%s\b(?![-.\w])" % re.escape(name)


config.substitutions.append((tool_regex("FileCheck"), q(filecheck)))
config.substitutions.append((tool_regex("not"), q(not_tool)))

# Features tests may REQUIRE (note: UNSUPPORTED tests count as failures in
# scripts/test.sh, so only use these for genuinely optional things).
config.available_features.add("connleak-plugin")

lit_config.note("connleak plugin: %s" % plugin)
lit_config.note("clang-tidy: %s" % clang_tidy)
if sanitized:
    lit_config.note("sanitized build (ASan+UBSan, assertions); ASan runtime %s"
                    % asan_runtime)
