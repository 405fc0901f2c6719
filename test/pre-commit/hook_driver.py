#!/usr/bin/env python3
"""Test driver for the connleak pre-commit hook, without the pre-commit framework.

  hook_driver.py setup SRC DEST --flags=FLAGS
      copy the project SRC to DEST, write DEST/build/compile_commands.json
      from SRC/compile_commands.json.in (@DIR@ -> DEST, @PQ@ -> FLAGS as JSON
      strings), `git init` it and commit everything.

  hook_driver.py append SRC DEST
      append the text of SRC to DEST and `git add` DEST.

  hook_driver.py hookrepo CONNLEAK_SOURCE_DIR DEST
      make DEST a git repository holding the hook files of CONNLEAK_SOURCE_DIR
      (.pre-commit-hooks.yaml, tools/pre-commit/connleak-hook), committed:
      the hook repository pre-commit clones (offline, from a local path).

  hook_driver.py config CONFIG_MD HOOKREPO REPO
      write REPO/.pre-commit-config.yaml from the first ```yaml block of
      CONFIG_MD that has a `- id: connleak` hook (docs/integrations.md), with
      its `repo:` replaced by HOOKREPO and its `rev:` by HOOKREPO's HEAD
      commit, and commit it.

  hook_driver.py commit REPO MESSAGE
      commit what is staged in REPO (without running hooks).

  hook_driver.py precommit REPO [pre-commit args...]
      run the real `pre-commit run --color=never [args...]` in REPO, with
      PRE_COMMIT_HOME in REPO/../pre-commit-home. Prints its output followed
      by "pre-commit exit status: N", and exits 0.

  hook_driver.py run CONNLEAK_SOURCE_DIR REPO [hook args...]
      do what `pre-commit run` does for the `connleak` hook of
      CONNLEAK_SOURCE_DIR/.pre-commit-hooks.yaml: take the staged files
      (added/copied/modified/renamed), keep those matching the hook's
      types_or (c, c++), and run `<entry> <args...> <files...>` from the
      repository root.  Prints the hook's output followed by
      "hook exit status: N", and exits 0 (the caller checks the status line).
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

# identify's tags for the extensions pre-commit maps to "c" / "c++".
TYPES = {
    "c": {".c", ".h"},
    "c++": {".cc", ".cpp", ".cxx", ".c++", ".C", ".h", ".hh", ".hpp", ".hxx",
            ".h++", ".H", ".ipp", ".inl", ".tcc", ".cppm", ".ixx", ".mm"},
}
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": os.environ.get("HOME", "/tmp")}


def git(args, cwd):
    env = dict(os.environ, **GIT_ENV)
    subprocess.run(["git"] + args, cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def setup(src, dest, flags):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(src, dest)
    tmpl = os.path.join(dest, "compile_commands.json.in")
    text = open(tmpl).read()
    os.remove(tmpl)
    text = text.replace("@DIR@", dest).replace(
        "@PQ@", ", ".join(json.dumps(f) for f in shlex.split(flags)) or '"-DNOFLAGS"')
    os.makedirs(os.path.join(dest, "build"))
    with open(os.path.join(dest, "build", "compile_commands.json"), "w") as f:
        f.write(text)
    json.loads(text)  # must be valid
    with open(os.path.join(dest, ".gitignore"), "w") as f:
        f.write("build/\n")
    git(["init", "-q", "."], dest)
    git(["add", "-A"], dest)
    git(["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "base"], dest)


def append(src, dest):
    with open(dest, "a") as f:
        f.write(open(src).read())
    git(["add", os.path.basename(dest)], os.path.dirname(os.path.abspath(dest)))


def hook_definition(source_dir):
    """entry and types_or of the `connleak` hook (a tiny YAML subset reader)."""
    text = open(os.path.join(source_dir, ".pre-commit-hooks.yaml")).read()
    hooks, cur = [], None
    for line in text.splitlines():
        if re.match(r"^\s*#", line) or not line.strip():
            continue
        m = re.match(r"^-\s+(\w+):\s*(.*)$", line)
        if m:
            cur = {}
            hooks.append(cur)
            cur[m.group(1)] = m.group(2).strip()
            continue
        m = re.match(r"^\s+(\w+):\s*(.*)$", line)
        if m and cur is not None:
            cur[m.group(1)] = m.group(2).strip()
    for h in hooks:
        if h.get("id") == "connleak":
            types = re.findall(r"[\w+]+", h.get("types_or", "").strip("[]"))
            return h["entry"], types, h.get("language")
    sys.exit("no hook with id connleak in .pre-commit-hooks.yaml")


def run(source_dir, repo, args):
    entry, types, language = hook_definition(source_dir)
    if language != "script":
        sys.exit("expected language: script, got %r" % language)
    exts = set().union(*(TYPES[t] for t in types))
    staged = subprocess.run(
        ["git", "diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z"],
        cwd=repo, stdout=subprocess.PIPE, check=True).stdout.decode().split("\0")
    files = [f for f in staged if f and os.path.splitext(f)[1] in exts]
    # language: script -> the entry is a path inside the hook repository.
    cmd = shlex.split(entry)
    cmd[0] = os.path.join(source_dir, cmd[0])
    cmd += args + files
    sys.stdout.flush()
    p = subprocess.run(cmd, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sys.stdout.write(p.stdout.decode("utf-8", "replace"))
    print("hook exit status: %d" % p.returncode)


def hookrepo(source_dir, dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    os.makedirs(os.path.join(dest, "tools", "pre-commit"))
    shutil.copy(os.path.join(source_dir, ".pre-commit-hooks.yaml"), dest)
    shutil.copy(os.path.join(source_dir, "tools", "pre-commit", "connleak-hook"),
                os.path.join(dest, "tools", "pre-commit", "connleak-hook"))
    git(["init", "-q", "."], dest)
    git(["add", "-A"], dest)
    git(["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "hooks"], dest)


def config(config_md, hook_repo, repo):
    """The documented .pre-commit-config.yaml, pointed at HOOKREPO."""
    text = open(config_md).read()
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    block = next((b for b in blocks if re.search(r"^\s*- id: connleak\s*$", b, re.M)
                  and "repo: local" not in b), None)
    if block is None:
        sys.exit("no ```yaml block with `- id: connleak` in %s" % config_md)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, check=True,
                         stdout=subprocess.PIPE).stdout.decode().strip()
    out, n_repo, n_rev = [], 0, 0
    for line in block.splitlines():
        m = re.match(r"^(\s*-\s*repo:\s*)(\S+)(.*)$", line)
        if m:
            line, n_repo = m.group(1) + hook_repo, n_repo + 1
        m = re.match(r"^(\s*rev:\s*)(\S+)(.*)$", line)
        if m:
            line, n_rev = m.group(1) + rev, n_rev + 1
        out.append(line)
    if (n_repo, n_rev) != (1, 1):
        sys.exit("expected one repo: and one rev: line in the block, got %d and %d"
                 % (n_repo, n_rev))
    with open(os.path.join(repo, ".pre-commit-config.yaml"), "w") as f:
        f.write("\n".join(out) + "\n")
    git(["add", ".pre-commit-config.yaml"], repo)
    commit(repo, "pre-commit config")


def commit(repo, message):
    git(["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", message], repo)


def precommit(repo, args):
    env = dict(os.environ, **GIT_ENV)
    env["PRE_COMMIT_HOME"] = os.path.join(os.path.dirname(os.path.abspath(repo)),
                                          "pre-commit-home")
    sys.stdout.flush()
    p = subprocess.run(["pre-commit", "run", "--color=never"] + args, cwd=repo, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sys.stdout.write(p.stdout.decode("utf-8", "replace"))
    print("pre-commit exit status: %d" % p.returncode)


def main():
    cmd, rest = sys.argv[1], sys.argv[2:]
    if cmd == "setup":
        flags = ""
        pos = []
        for a in rest:
            if a.startswith("--flags="):
                flags = a[len("--flags="):]
            else:
                pos.append(a)
        setup(os.path.abspath(pos[0]), os.path.abspath(pos[1]), flags)
    elif cmd == "append":
        append(rest[0], rest[1])
    elif cmd == "hookrepo":
        hookrepo(os.path.abspath(rest[0]), os.path.abspath(rest[1]))
    elif cmd == "config":
        config(rest[0], os.path.abspath(rest[1]), os.path.abspath(rest[2]))
    elif cmd == "commit":
        commit(os.path.abspath(rest[0]), rest[1])
    elif cmd == "precommit":
        precommit(os.path.abspath(rest[0]), rest[1:])
    elif cmd == "run":
        run(os.path.abspath(rest[0]), os.path.abspath(rest[1]), rest[2:])
    else:
        sys.exit("unknown command %s" % cmd)


if __name__ == "__main__":
    main()
