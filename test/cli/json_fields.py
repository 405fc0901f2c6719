#!/usr/bin/env python3
"""json_fields.py CI_MD OUT_JSONL: the fields of the "JSON lines" table of
docs/ci.md against the keys of connleak --format=json output (findings, and
the objects of their notes and fixes). Prints one ERROR line per difference
and exits 1, or a summary line."""
import json
import re
import sys

text = open(sys.argv[1]).read()
section = text.split("## JSON lines", 1)[1].split("\n## ", 1)[0]
finding, note, fix = set(), set(), set()
for row in re.findall(r"^\| `(\w+)` \|[^|]*\|([^\n]*)$", section, re.M):
    name, meaning = row
    finding.add(name)
    if name == "notes":
        note.update(re.findall(r"`(\w+)`", meaning))
    elif name == "fixes":
        fix.update(re.findall(r"`(\w+)`", meaning))
seen = {"finding": set(), "note": set(), "fix": set()}
for line in open(sys.argv[2]):
    row = json.loads(line)
    seen["finding"].update(row)
    for n in row.get("notes", []):
        seen["note"].update(n)
    for f in row.get("fixes", []):
        seen["fix"].update(f)
errors = []
for kind, documented in (("finding", finding), ("note", note), ("fix", fix)):
    for k in sorted(seen[kind] - documented):
        errors.append("%s field '%s' is in the output but not in docs/ci.md" % (kind, k))
    for k in sorted(documented - seen[kind]):
        errors.append("%s field '%s' is in docs/ci.md but not in the output" % (kind, k))
for e in errors:
    print("json_fields.py: ERROR: " + e)
if errors:
    sys.exit(1)
print("json_fields.py: %d finding fields, %d note fields, %d fix fields documented and in the output"
      % (len(finding), len(note), len(fix)))
