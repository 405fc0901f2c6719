#!/usr/bin/env python3
"""Checks that README.md and docs/checks/ agree with checks/Checks.def.

Usage: check_registry.py SOURCE_DIR

checks/Checks.def is the one list of connleak checks: the module
registration, the CLI's --list-checks and its SARIF rules are generated from
it at build time. README.md's check table and the pages of docs/checks/
cannot be, so this script compares them with it:

  * every entry of Checks.def is CONNLEAK_CHECK(Name, Class, Summary,
    DocPath, Title, Description) with string literals and a class name;
    names are unique and sorted; checks/<Class>.h declares the class;
  * DocPath is docs/checks/<Name>.md, the page exists and its first line is
    "# connleak-<Name>"; every page of docs/checks/ belongs to a check;
  * the table under "## The checks" in README.md has exactly one row per
    check, "| `connleak-<Name>` | <Summary> | [<DocPath>](<DocPath>) |"
    (in any order).

Prints "check_registry.py: OK: <N> checks" and exits 0, or prints one
"check_registry.py: ERROR: <file>: <problem>" line per problem and exits 1.
"""

import os
import re
import sys

FIELDS = ["Name", "Class", "Summary", "DocPath", "Title", "Description"]
errors = []


def err(where, msg):
    errors.append("%s: %s" % (where, msg))


def tokens(text):
    """(kind, value, line) for the C tokens of a .def file: 'str' (one
    literal, unescaped), 'id', or a punctuation character. Comments and
    preprocessor lines are skipped."""
    i, line, n = 0, 1, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
            at_line_start = True
            continue
        if c in " \t\r\\":
            i += 1
            continue
        if at_line_start and c == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        at_line_start = False
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += text.count("\n", i, end)
            i = end
            continue
        if c == '"':
            j, value = i + 1, []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    j += 1
                    value.append({"n": "\n", "t": "\t"}.get(text[j], text[j]))
                elif text[j] == "\n":
                    break
                else:
                    value.append(text[j])
                j += 1
            yield ("str", "".join(value), line)
            i = j + 1
            continue
        m = re.compile(r"[A-Za-z_]\w*").match(text, i)
        if m:
            yield ("id", m.group(0), line)
            i = m.end()
            continue
        yield (c, c, line)
        i += 1


def parse_def(root, path):
    """The entries of Checks.def (path relative to root) as dicts of FIELDS
    (plus 'line')."""
    full = os.path.join(root, path)
    if not os.path.isfile(full):
        err(path, "missing")
        return []
    toks = list(tokens(open(full, encoding="utf-8").read()))
    entries, k = [], 0
    while k < len(toks):
        kind, value, line = toks[k]
        if not (kind == "id" and value == "CONNLEAK_CHECK"):
            if kind != ";":
                err("%s:%d" % (path, line), "unexpected %r outside CONNLEAK_CHECK" % value)
            k += 1
            continue
        k += 1
        if k >= len(toks) or toks[k][0] != "(":
            err("%s:%d" % (path, line), "CONNLEAK_CHECK without '('")
            break
        k += 1
        args, cur = [], []
        while k < len(toks) and toks[k][0] != ")":
            if toks[k][0] == ",":
                args.append(cur)
                cur = []
            else:
                cur.append(toks[k])
            k += 1
        args.append(cur)
        k += 1
        where = "%s:%d" % (path, line)
        if len(args) != len(FIELDS):
            err(where, "CONNLEAK_CHECK has %d arguments, expected %d (%s)"
                % (len(args), len(FIELDS), ", ".join(FIELDS)))
            continue
        entry = {"line": line}
        for field, arg in zip(FIELDS, args):
            if field == "Class":
                if len(arg) != 1 or arg[0][0] != "id":
                    err(where, "Class must be a class name")
                    break
                entry[field] = arg[0][1]
            else:
                if not arg or any(t[0] != "str" for t in arg):
                    err(where, "%s must be a string literal" % field)
                    break
                entry[field] = "".join(t[1] for t in arg)
                if not entry[field].strip():
                    err(where, "%s is empty" % field)
        else:
            entries.append(entry)
    return entries


def check_entries(root, def_rel, entries):
    names = [e["Name"] for e in entries]
    for e in entries:
        where = "%s:%d" % (def_rel, e["line"])
        name = e["Name"]
        if names.count(name) > 1:
            err(where, "check '%s' is listed twice" % name)
        if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name):
            err(where, "name '%s' is not lower-case words joined by '-' "
                "(and without the 'connleak-' prefix)" % name)
        header = os.path.join(root, "checks", e["Class"] + ".h")
        if not os.path.isfile(header):
            err(where, "no header checks/%s.h for class %s" % (e["Class"], e["Class"]))
        elif not re.search(r"\bclass\s+%s\b" % re.escape(e["Class"]),
                           open(header, encoding="utf-8").read()):
            err(where, "checks/%s.h does not declare class %s" % (e["Class"], e["Class"]))
        expected_doc = "docs/checks/%s.md" % name
        if e["DocPath"] != expected_doc:
            err(where, "DocPath of '%s' is '%s', expected '%s'" % (name, e["DocPath"], expected_doc))
        page = os.path.join(root, e["DocPath"])
        if not os.path.isfile(page):
            err(where, "check '%s' has no page %s" % (name, e["DocPath"]))
        else:
            first = open(page, encoding="utf-8").readline().rstrip("\n")
            if first != "# connleak-%s" % name:
                err(e["DocPath"], "first line is %r, expected '# connleak-%s'" % (first, name))
    if names != sorted(names):
        err(def_rel, "the entries are not sorted by name (the module registers "
            "them in this order): expected %s" % ", ".join(sorted(names)))


def check_doc_pages(root, entries):
    docs = os.path.join(root, "docs", "checks")
    known = {e["DocPath"] for e in entries}
    for f in sorted(os.listdir(docs)) if os.path.isdir(docs) else []:
        rel = "docs/checks/" + f
        if f.endswith(".md") and rel not in known:
            err(rel, "page of no check in checks/Checks.def")


def readme_rows(path):
    """Rows of the table under '## The checks': {check name: (line, row)}."""
    rows, in_section, in_table = {}, False, False
    for no, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if line.startswith("## "):
            in_section = line.strip() == "## The checks"
            in_table = False
            continue
        if not in_section:
            continue
        if line.startswith("|"):
            in_table = True
            m = re.match(r"\|\s*`connleak-([^`]*)`\s*\|", line)
            if m:
                if m.group(1) in rows:
                    err("README.md:%d" % no, "a second row for connleak-%s" % m.group(1))
                rows[m.group(1)] = (no, line)
            elif not (line.startswith("| check |") or re.fullmatch(r"[|\-: ]+", line)):
                err("README.md:%d" % no, "a row that names no connleak check: %s" % line)
        elif in_table:
            break
    if not in_section and not rows:
        err("README.md", "no '## The checks' section")
    return rows


def check_readme(root, entries):
    rows = readme_rows(os.path.join(root, "README.md"))
    names = set()
    for e in entries:
        name = e["Name"]
        names.add(name)
        expected = "| `connleak-%s` | %s | [%s](%s) |" % (
            name, e["Summary"], e["DocPath"], e["DocPath"])
        if name not in rows:
            err("README.md", "no row for connleak-%s in the check table; expected: %s"
                % (name, expected))
            continue
        no, row = rows[name]
        if row != expected:
            err("README.md:%d" % no, "the row of connleak-%s differs from "
                "checks/Checks.def:\n  found:    %s\n  expected: %s" % (name, row, expected))
    for name, (no, _) in sorted(rows.items()):
        if name not in names:
            err("README.md:%d" % no, "row for connleak-%s, which is not in "
                "checks/Checks.def" % name)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    root = sys.argv[1]
    def_rel = "checks/Checks.def"
    entries = parse_def(root, def_rel)
    if not entries and not errors:
        err(def_rel, "no CONNLEAK_CHECK entries")
    check_entries(root, def_rel, entries)
    check_doc_pages(root, entries)
    check_readme(root, entries)
    for e in errors:
        print("check_registry.py: ERROR: " + e)
    if errors:
        return 1
    print("check_registry.py: OK: %d checks" % len(entries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
