#!/usr/bin/env python3
"""doc_commands.py SOURCE_DIR BUILD_DIR WORK_DIR [--only REGEX] [--extra CMD]

Every shell command of README.md and docs/**/*.md (the lines of their ```sh
blocks; a trailing backslash continues a line) is either

  run        here, as written, in a sandbox project (WORK_DIR/sandbox): a git
             repository with build/compile_commands.json, build/bin/connleak,
             build/lib/libconnleak.so and build/bin/connleak-clangd (links to
             BUILD_DIR's), `connleak` on PATH, and the source files the
             commands name, which leak; or
  covered    run by another test, named in COVERED below (the test file must
             exist); or
  marked     in the docs, by a trailing comment saying what it needs that a
             test does not have: "(needs network)", "(needs root)",
             "(needs an editor)", or a list: "(needs root, network)".

A run command passes when it exits with a status it documents (0, or 1 for
"findings were reported") and, if it analyses files, reports a connleak
finding: a run that analyses and reports nothing (say, clang-tidy without
connleak checks enabled) is the silent pass this test exists to catch.
Prints one line per command, then a summary; exits 1 if any command fails or
is neither run, covered nor marked. --extra CMD runs one more command as if
the docs had it (to show that the test fails on a bad one).
"""
import glob
import os
import re
import shutil
import subprocess
import sys

# "(needs root)", "(needs network)", "(needs an editor)", or a list:
# "(needs root, network)".
MARK = re.compile(r"\(needs (?:root|network|an editor)(?:, (?:root|network|an editor))*\)")
# Commands other tests run: regex -> the test (relative to the source dir).
COVERED = [
    (r"^scripts/test\.sh\b", ".ci/run"),
    (r"^scripts/run-example\.sh\b", "test/runner/run-example.test"),
    (r"^cmake -S \. -B build\b", "scripts/test.sh"),
    (r"^cmake --build build\b", "scripts/test.sh"),
    (r"^cpack --config build/CPackConfig\.cmake\b", "test/install/deb.test"),
    (r"^pre-commit run\b", "test/pre-commit/pre-commit-tool.test"),
    (r"^git diff --cached --name-only .*\| *xargs .*connleak-hook", "test/pre-commit/hook.test"),
    (r"^python3 /usr/lib/llvm-19/build/utils/lit/lit\.py\b", "scripts/test.sh"),
]
# What a run command must show: it exits 0 or 1, and if it analyses, there
# is a finding in its output (or in the file it writes, or it exits 1).
ANALYSES = re.compile(r"(^|\s)(build/bin/connleak|connleak|clang-tidy-19|run-clang-tidy-19)\s")
NO_FINDING_OK = re.compile(r"--list-checks|--verify-config|--version|--write-baseline|--baseline|"
                           r"--check=|connleak-clangd")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_CONFIG_NOSYSTEM": "1"}

LEAK_C = """#include <libpq-fe.h>

int count_rows(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT count(*) FROM t");
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return -1;
  int n = PQntuples(res);
  PQclear(res);
  return n;
}
"""
LEAK_CPP = """#include <libpq-fe.h>

void audit(const char *what);

int open_orders(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT count(*) FROM orders");
  audit("orders");
  int n = PQntuples(res);
  PQclear(res);
  return n;
}
"""
# A change for --diff: one more leak, on new lines.
LEAK_CHANGE = """
int ping(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK)
    return 0;
  PQfinish(conn);
  return 1;
}
"""


def commands(source_dir):
    """(file, line number, command) of every ```sh block line."""
    files = [os.path.join(source_dir, "README.md")] + sorted(
        glob.glob(os.path.join(source_dir, "docs", "**", "*.md"), recursive=True))
    out = []
    for path in files:
        lines = open(path).read().split("\n")
        in_sh, cur, start = False, "", 0
        for i, line in enumerate(lines, 1):
            if line.strip().startswith("```"):
                in_sh = not in_sh and line.strip() in ("```sh", "```bash")
                continue
            if not in_sh:
                continue
            s = line.strip()
            if not cur and (not s or s.startswith("#")):
                continue
            if not cur:
                start = i
            if s.endswith("\\"):
                cur += s[:-1] + " "
                continue
            if s.endswith("|"):  # a pipeline goes on on the next line
                cur += s + " "
                continue
            cur += s
            out.append((os.path.relpath(path, source_dir), start, cur))
            cur = ""
    return out


def strip_comment(cmd):
    """The command without a trailing ` # comment` (not inside quotes)."""
    q = None
    for i, c in enumerate(cmd):
        if q:
            if c == q:
                q = None
        elif c in "'\"":
            q = c
        elif c == "#" and i > 0 and cmd[i - 1] == " ":
            return cmd[:i].rstrip(), cmd[i + 1:].strip()
    return cmd.rstrip(), ""


def sandbox(work, build, cmds):
    """The sandbox project, with every src/ file the commands name."""
    root = os.path.join(work, "sandbox")
    if os.path.exists(root):
        shutil.rmtree(root)
    files = {"src/db.c", "src/report.c", "src/api.cpp"}
    for _, _, c in cmds:
        for tok in re.findall(r"(?<![\w/.])src/[\w./-]*", c):
            if tok.endswith("/"):
                files.add(tok + "handler.cpp")
            elif re.search(r"\.(c|cpp)$", tok):
                files.add(tok)
    pq = subprocess.run(["pkg-config", "--cflags", "libpq"], stdout=subprocess.PIPE,
                        check=False).stdout.decode().split() or ["-I/usr/include/postgresql"]
    entries = []
    for f in sorted(files):
        p = os.path.join(root, f)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as fh:
            fh.write(LEAK_C if f.endswith(".c") else LEAK_CPP)
        std = "-std=c17" if f.endswith(".c") else "-std=c++17"
        entries.append('{"directory": "%s/build", "file": "%s", "arguments": [%s]}' % (
            root, p, ", ".join('"%s"' % a for a in ["cc", std] + pq + ["-c", p])))
    os.makedirs(os.path.join(root, "build", "bin"))
    os.makedirs(os.path.join(root, "build", "lib"))
    with open(os.path.join(root, "build", "compile_commands.json"), "w") as fh:
        fh.write("[\n" + ",\n".join(entries) + "\n]\n")
    for rel in ("bin/connleak", "bin/connleak-clangd", "lib/libconnleak.so"):
        os.symlink(os.path.join(build, rel), os.path.join(root, "build", rel))
    with open(os.path.join(root, ".gitignore"), "w") as fh:
        fh.write("build/\n")
    env = dict(os.environ, **GIT_ENV)
    for args in (["init", "-q", "-b", "main", "."], ["add", "-A"],
                 ["-c", "commit.gpgsign=false", "commit", "-q", "-m", "base"],
                 ["update-ref", "refs/remotes/origin/main", "HEAD"]):
        subprocess.run(["git"] + args, cwd=root, env=env, check=True, stdout=subprocess.DEVNULL)
    restore(root, files)
    return root, files


def restore(root, files):
    """The sources as sandbox() made them (a --fix before changes them), with
    the uncommitted change of src/db.c that --diff sees."""
    for f in files:
        with open(os.path.join(root, f), "w") as fh:
            fh.write(LEAK_C if f.endswith(".c") else LEAK_CPP)
            if f == "src/db.c":
                fh.write(LEAK_CHANGE)


def run(root, build, cmd):
    env = dict(os.environ, **GIT_ENV)
    env["PATH"] = os.path.join(build, "bin") + os.pathsep + env.get("PATH", "")
    p = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=root, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    problems = []
    if p.returncode not in (0, 1):
        problems.append("exit status %d" % p.returncode)
    if ANALYSES.search(" " + cmd + " ") and not NO_FINDING_OK.search(cmd):
        written = ""
        m = re.search(r">\s*(\S+)\s*$", cmd)
        if m and os.path.isfile(os.path.join(root, m.group(1))):
            written = open(os.path.join(root, m.group(1))).read()
        if p.returncode != 1 and "connleak-" not in out + written:
            problems.append("no connleak finding reported")
    if problems:
        tail = "\n".join(("  | " + l) for l in (err.strip().split("\n")[-5:] if err.strip() else []))
        return "%s%s" % ("; ".join(problems), ("\n" + tail) if tail else "")
    return ""


def main():
    args = sys.argv[1:]
    extra, only = [], None
    while "--extra" in args:
        i = args.index("--extra")
        extra.append(args[i + 1])
        del args[i:i + 2]
    if "--only" in args:
        i = args.index("--only")
        only = re.compile(args[i + 1])
        del args[i:i + 2]
    source, build, work = (os.path.abspath(a) for a in args)
    cmds = commands(source)
    if only:
        cmds = [c for c in cmds if only.search(c[2])]
    cmds += [("--extra", 0, c) for c in extra]
    root, files = sandbox(work, build, cmds)
    counts = {"run": 0, "covered": 0, "marked": 0}
    failed = 0
    for path, line, full in cmds:
        cmd, comment = strip_comment(full)
        where = "%s:%d" % (path, line)
        m = MARK.search(comment)
        mark = m.group(0) if m else None
        cov = next((t for r, t in COVERED if re.search(r, cmd)), None)
        if mark:
            counts["marked"] += 1
            print("marked %s: %s  %s" % (mark, where, cmd))
        elif cov:
            if not os.path.exists(os.path.join(source, cov)):
                failed += 1
                print("FAIL: %s: %s: covered by %s, which does not exist" % (where, cmd, cov))
                continue
            counts["covered"] += 1
            print("covered by %s: %s  %s" % (cov, where, cmd))
        else:
            restore(root, files)
            problem = run(root, build, cmd)
            if problem:
                failed += 1
                print("FAIL: %s: %s: %s" % (where, cmd, problem))
            else:
                counts["run"] += 1
                print("ok: %s  %s" % (where, cmd))
    print("doc_commands.py: %d commands: %d run, %d covered by other tests, %d marked, %d failed"
          % (len(cmds), counts["run"], counts["covered"], counts["marked"], failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
