#!/usr/bin/env python3
"""Run clang-tidy (with the connleak plugin) on one test source and verify it.

This is connleak's equivalent of LLVM's check_clang_tidy.py (which Debian does
not package).

Usage:
  check_connleak.py --plugin P [-fix] [-check-suffix S[,S2...]] [-config YAML]
                    <source> <check-name-or-glob> <temp-prefix>
                    [-- <extra clang-tidy args> [-- <compiler args>]]

What it does:
  1. Copies <source> to <temp-prefix>.<ext> (same extension), replacing every
     `// CHECK-...:` comment with nothing but keeping every line, so line
     numbers (and [[@LINE]] expressions) stay valid.
  2. Runs `clang-tidy-19 --load=P -checks=-*,<check> [--fix] [--config=YAML]
     <temp file> <extra args> -- <compiler args>`.  A compile error in the test
     file (or a plugin that fails to load) fails the test.
  3. If the source has CHECK-MESSAGES lines (CHECK-MESSAGES-<S> with
     -check-suffix S), FileCheck verifies the clang-tidy output with
     -implicit-check-not='{{warning|error|note}}:', so every diagnostic must be
     asserted.  The temp file path is stripped from the output, so tests write
         // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: ... [connleak-...]
     Notes that point into headers keep their full path.
     If the source has no CHECK-MESSAGES lines, the test is a negative test and
     clang-tidy must not report any diagnostic at all.
  4. With -fix: CHECK-FIXES lines (CHECK-FIXES-<S>) are checked against the
     fixed file with -strict-whitespace (no CHECK-FIXES lines => the fixes
     must leave the file unchanged), the fixed file must still compile
     (clang-19/clang++-19 -fsyntax-only with the same compiler args), and a
     second `clang-tidy --fix` run must not change it again (idempotent
     fix-its).

Extras:
  * If the compiler args contain no -std=, -std=c17 (.c) or -std=c++17 is added.
  * `-iquote <dir of source>` is added so `#include "Inputs/foo.h"` works
    from the copied file.
  * Unless the extra clang-tidy args pass --config/--config-file, `--config={}`
    is used so .clang-tidy files in parent directories do not leak in.
  * Without --plugin the script runs clang-tidy without --load (built-in
    checks only).
  * Tools: CLANG_TIDY, CLANG, CLANGXX, FILECHECK environment variables
    override clang-tidy-19, clang-19, clang++-19 and FileCheck.
"""

import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys

LLVM_BIN = "/usr/lib/llvm-19/bin"

C_EXTS = {".c"}
CXX_EXTS = {".cpp", ".cc", ".cxx"}

# FileCheck directive suffixes that can follow a check prefix.
DIRECTIVE_SUFFIX = r"(?:-NEXT|-SAME|-NOT|-DAG|-LABEL|-EMPTY|-COUNT-\d+)?:"

# `// CHECK-ANYTHING: ...` up to the end of the line, plus the whitespace
# before it (so `code; // CHECK-FIXES: ...` becomes `code;`).
CHECK_COMMENT_RE = re.compile(r"[ \t]*//[ \t]*CHECK-[A-Za-z0-9_-]*:[^\r\n]*")

DIAG_RE = re.compile(r"(warning|error|note):")
# A diagnostic upgraded by WarningsAsErrors: `error: ... [check,-warnings-as-errors]`.
WARNINGS_AS_ERRORS_RE = re.compile(r"error: .*\[[^\]]*,-warnings-as-errors\]")
FIXIT_NOTE = "note: FIX-IT applied suggested code changes"


class TestFailure(Exception):
    pass


def log(msg=""):
    print(msg, flush=True)


def fail(msg):
    raise TestFailure(msg)


def find_tool(env_var, versioned, unversioned):
    """$env_var, else <versioned> on PATH, else LLVM 19's bin dir, else PATH.

    The LLVM 19 tool is preferred: /usr/bin/clang-tidy etc. may be another
    LLVM version.
    """
    override = os.environ.get(env_var)
    if override:
        return override
    if versioned and shutil.which(versioned):
        return shutil.which(versioned)
    candidate = os.path.join(LLVM_BIN, unversioned)
    if os.access(candidate, os.X_OK):
        return candidate
    return shutil.which(unversioned) or unversioned


def run(cmd, what):
    """Run cmd, print it, return (returncode, combined stdout+stderr)."""
    log("Running %s:\n  %s" % (what, shlex.join(cmd)))
    try:
        proc = subprocess.run(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    except OSError as e:
        fail("cannot run %s (%s): %s" % (what, cmd[0], e))
    out = proc.stdout.decode("utf-8", errors="replace")
    return proc.returncode, out


def show(title, text):
    log("------------------------- %s -------------------------" % title)
    log(text.rstrip("\n"))
    log("-" * (52 + len(title)))


def has_prefix(text, prefix):
    """True if text contains a FileCheck directive for exactly this prefix."""
    return re.search(
        r"(?<![A-Za-z0-9_-])" + re.escape(prefix) + DIRECTIVE_SUFFIX, text
    ) is not None


def split_dash_dash(argv):
    """Split argv at the first two '--' separators."""
    if "--" not in argv:
        return argv, [], []
    i = argv.index("--")
    own, rest = argv[:i], argv[i + 1 :]
    if "--" not in rest:
        return own, rest, []
    j = rest.index("--")
    return own, rest[:j], rest[j + 1 :]


def parse_args(argv):
    own, tidy_extra, compiler_args = split_dash_dash(argv)
    p = argparse.ArgumentParser(
        prog="check_connleak.py",
        description="Run clang-tidy with the connleak plugin on a lit test file "
        "and verify CHECK-MESSAGES / CHECK-FIXES.",
    )
    p.add_argument("--plugin", "-plugin", default=None, help="path of libconnleak.so")
    p.add_argument("-fix", "--fix", action="store_true", help="apply and verify fix-its")
    p.add_argument(
        "-check-suffix",
        "-check-suffixes",
        "--check-suffix",
        "--check-suffixes",
        dest="check_suffix",
        default="",
        help="comma-separated suffixes: use CHECK-MESSAGES-<S> / CHECK-FIXES-<S>",
    )
    p.add_argument("-config", "--config", dest="config", default=None, help="clang-tidy --config YAML")
    p.add_argument("source")
    p.add_argument("check", help="check name or glob, e.g. connleak-unreleased-handle")
    p.add_argument("temp_prefix", help="usually lit's %%t")
    args = p.parse_args(own)
    return args, tidy_extra, compiler_args


def clean_source(text):
    return CHECK_COMMENT_RE.sub("", text)


def normalize_output(out, temp_file):
    """Strip the temp file path from diagnostics; keep everything else."""
    paths = {temp_file, os.path.abspath(temp_file), os.path.realpath(temp_file)}
    for path in sorted(paths, key=len, reverse=True):
        out = out.replace(path, "")
    return out


def check_tidy_run(rc, out, what):
    """Fail on compile errors, plugin load failures and clang-tidy errors."""
    if "Error opening" in out and "-load request ignored" in out:
        show("clang-tidy output", out)
        fail("%s: the plugin could not be loaded" % what)
    compile_error = (
        "[clang-diagnostic-error]" in out
        or "Error while processing" in out
        or "Found compiler error" in out
    )
    if compile_error:
        show("clang-tidy output", out)
        fail("%s: the test file does not compile (clang-diagnostic-error); "
             "test files must compile cleanly" % what)
    if rc < 0:
        show("clang-tidy output", out)
        fail("%s: clang-tidy crashed (signal %d)" % (what, -rc))
    if rc != 0 and not WARNINGS_AS_ERRORS_RE.search(out):
        show("clang-tidy output", out)
        fail("%s: clang-tidy exited with code %d" % (what, rc))


def run_filecheck(filecheck, check_file, input_file, prefixes, extra, what):
    cmd = [
        filecheck,
        "-input-file=" + input_file,
        check_file,
        "-check-prefixes=" + ",".join(prefixes),
        "--allow-empty",
        "--dump-input=fail",
    ] + extra
    rc, out = run(cmd, "FileCheck (%s)" % what)
    if rc != 0:
        show("FileCheck output", out)
        fail("FileCheck failed for %s" % what)


def unified_diff(a, b, a_name, b_name):
    return "".join(
        difflib.unified_diff(
            a.splitlines(True), b.splitlines(True), fromfile=a_name, tofile=b_name
        )
    )


def main(argv):
    args, tidy_extra, compiler_args = parse_args(argv)

    source = os.path.abspath(args.source)
    if not os.path.isfile(source):
        fail("source file %s does not exist" % source)
    ext = os.path.splitext(source)[1]
    if ext not in C_EXTS | CXX_EXTS:
        fail("unsupported source extension %r (use .c or .cpp)" % ext)
    is_c = ext in C_EXTS

    plugin = None
    if args.plugin:
        plugin = os.path.abspath(args.plugin)
        if not os.path.isfile(plugin):
            fail("plugin %s does not exist (build it first: cmake --build build)" % plugin)

    clang_tidy = find_tool("CLANG_TIDY", "clang-tidy-19", "clang-tidy")
    filecheck = find_tool("FILECHECK", None, "FileCheck")
    compiler = (
        find_tool("CLANG", "clang-19", "clang")
        if is_c
        else find_tool("CLANGXX", "clang++-19", "clang++")
    )

    suffixes = [s.strip() for s in args.check_suffix.split(",") if s.strip()]
    for s in suffixes:
        if not re.fullmatch(r"[A-Za-z0-9_-]+", s):
            fail("invalid check suffix %r" % s)
    if suffixes:
        messages_prefixes = ["CHECK-MESSAGES-" + s for s in suffixes]
        fixes_prefixes = ["CHECK-FIXES-" + s for s in suffixes]
    else:
        messages_prefixes = ["CHECK-MESSAGES"]
        fixes_prefixes = ["CHECK-FIXES"]

    with open(source, "r", encoding="utf-8", newline="") as f:
        input_text = f.read()

    has_messages = any(has_prefix(input_text, p) for p in messages_prefixes)
    has_fixes = any(has_prefix(input_text, p) for p in fixes_prefixes)
    if has_fixes and not args.fix:
        fail("%s has %s lines but -fix was not given" % (source, "/".join(fixes_prefixes)))

    # Compiler args: default language standard, and let quoted includes find
    # files next to the original source.
    compiler_args = list(compiler_args)
    if not any(a.startswith("-std=") or a.startswith("--std=") for a in compiler_args):
        compiler_args.append("-std=c17" if is_c else "-std=c++17")
    compiler_args += ["-iquote", os.path.dirname(source)]

    temp_prefix = os.path.abspath(args.temp_prefix)
    temp_file = temp_prefix + ext
    os.makedirs(os.path.dirname(temp_file), exist_ok=True)
    cleaned = clean_source(input_text)
    with open(temp_file, "w", encoding="utf-8", newline="") as f:
        f.write(cleaned)
    log("Test file: %s (copied to %s)" % (source, temp_file))

    def tidy_cmd(fix):
        cmd = [clang_tidy]
        if plugin:
            cmd.append("--load=" + plugin)
        cmd.append("-checks=-*," + args.check)
        if fix:
            cmd.append("--fix")
        user_config = any(
            a.split("=", 1)[0].lstrip("-") in ("config", "config-file") for a in tidy_extra
        )
        if args.config is not None:
            if user_config:
                fail("-config given together with --config/--config-file in the extra args")
            cmd.append("--config=" + args.config)
        elif not user_config:
            cmd.append("--config={}")
        cmd.append(temp_file)
        cmd += tidy_extra
        cmd.append("--")
        cmd += compiler_args
        return cmd

    # --- 1st clang-tidy run -------------------------------------------------
    rc, out = run(tidy_cmd(args.fix), "clang-tidy")
    check_tidy_run(rc, out, "clang-tidy")
    messages = normalize_output(out, temp_file)
    if args.fix:
        messages = "\n".join(l for l in messages.splitlines() if FIXIT_NOTE not in l) + "\n"
    messages_file = temp_prefix + ".msg"
    with open(messages_file, "w", encoding="utf-8") as f:
        f.write(messages)

    # --- messages ----------------------------------------------------------
    if has_messages:
        run_filecheck(
            filecheck,
            source,
            messages_file,
            messages_prefixes,
            ["-implicit-check-not={{warning|error|note}}:"],
            "clang-tidy messages, prefixes " + ",".join(messages_prefixes),
        )
    else:
        diags = [l for l in messages.splitlines() if DIAG_RE.search(l)]
        if diags:
            show("clang-tidy output", messages)
            fail(
                "negative test (no %s lines) but clang-tidy reported %d diagnostic "
                "line(s), first: %s" % ("/".join(messages_prefixes), len(diags), diags[0])
            )
        log("Negative test: no diagnostics, as expected.")

    # --- fixes ---------------------------------------------------------------
    if args.fix:
        with open(temp_file, "r", encoding="utf-8", newline="") as f:
            fixed = f.read()
        if has_fixes:
            run_filecheck(
                filecheck,
                source,
                temp_file,
                fixes_prefixes,
                ["-strict-whitespace"],
                "fixed file, prefixes " + ",".join(fixes_prefixes),
            )
        elif fixed != cleaned:
            show("diff of fixes", unified_diff(cleaned, fixed, "original", "fixed"))
            fail("-fix without %s lines: the fixes must leave the file unchanged"
                 % "/".join(fixes_prefixes))

        # The fixed file must still compile.
        rc, out = run([compiler, "-fsyntax-only"] + compiler_args + [temp_file],
                      "compile of fixed file")
        if rc != 0:
            show("compiler output", out)
            show("diff of fixes", unified_diff(cleaned, fixed, "original", "fixed"))
            fail("the fixed file does not compile")

        # Fix-its must be idempotent.
        rc, out = run(tidy_cmd(True), "clang-tidy --fix (2nd run, idempotence)")
        check_tidy_run(rc, out, "2nd clang-tidy --fix run")
        with open(temp_file, "r", encoding="utf-8", newline="") as f:
            refixed = f.read()
        if refixed != fixed:
            show("diff of 2nd fix run", unified_diff(fixed, refixed, "after 1st fix", "after 2nd fix"))
            fail("fix-its are not idempotent: a 2nd clang-tidy --fix changed the file")

    log("PASS: %s [%s]" % (source, args.check))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except TestFailure as e:
        print("check_connleak.py: FAIL: %s" % e, file=sys.stderr, flush=True)
        sys.exit(1)
