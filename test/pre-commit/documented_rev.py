#!/usr/bin/env python3
"""documented_rev.py SOURCE_DIR [--rev SHA]: the pre-commit `rev:` that
docs/integrations.md documents (and the CONNLEAK_REV of docs/ci.md) is one
commit SHA, a commit of this repository's history (an ancestor of HEAD)
whose .pre-commit-hooks.yaml has the `connleak` hook and whose
tools/pre-commit/connleak-hook exists. --rev checks another SHA instead
(to show that the check fails). Prints one line per fact or ERROR line;
exits 1 on an error."""
import re
import subprocess
import sys

src = sys.argv[1]
override = sys.argv[sys.argv.index("--rev") + 1] if "--rev" in sys.argv else None
errors = []


def git(*args):
    return subprocess.run(["git", "-C", src] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL)


text = open(src + "/docs/integrations.md").read()
blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S)
          if re.search(r"^\s*- id: connleak\s*$", b, re.M) and "repo: local" not in b]
revs = re.findall(r"^\s*rev:\s*(\S+)", blocks[0], re.M) if blocks else []
ci = re.findall(r"CONNLEAK_REV:\s*(\S+)", open(src + "/docs/ci.md").read())
rev = override or (revs[0] if revs else "")
if not re.fullmatch(r"[0-9a-f]{40}", rev):
    errors.append("the documented rev %r is not a commit SHA" % rev)
elif not override and ci != [rev]:
    errors.append("docs/ci.md CONNLEAK_REV %s is not the rev of docs/integrations.md" % ci)
else:
    if git("merge-base", "--is-ancestor", rev, "HEAD").returncode != 0:
        errors.append("%s is not a commit of this repository's history" % rev)
    else:
        hooks = git("show", rev + ":.pre-commit-hooks.yaml").stdout.decode()
        if not re.search(r"^- id: connleak$", hooks, re.M):
            errors.append("%s has no connleak hook in .pre-commit-hooks.yaml" % rev)
        if git("cat-file", "-e", rev + ":tools/pre-commit/connleak-hook").returncode != 0:
            errors.append("%s has no tools/pre-commit/connleak-hook" % rev)
for e in errors:
    print("documented_rev.py: ERROR: " + e)
if errors:
    sys.exit(1)
print("documented_rev.py: rev %s: in the history, with the connleak hook; docs/ci.md agrees" % rev)
