#!/usr/bin/env python3
"""bench/realworld/tally.py: today's findings against the judged ones.

Reads the findings of one or more output directories (of ../shared/realworld/sweep or
bench/realworld.py: OUT/<codebase>.txt, one warning per line, notes indented) and
bench/realworld/verdicts.tsv, and prints, per check, how many of today's findings are
TRUE / FALSE / DEBATABLE, their precision T/(T+F) and DEBATABLE share, the judged findings
that are no longer reported (by verdict), and every finding that has no verdict yet (to be
judged and added to verdicts.tsv).

    bench/realworld/tally.py /tmp/sweep5 /tmp/rw-extra [--verdicts bench/realworld/verdicts.tsv]

A finding is matched by (code base, file:line, check); the column is not used, so that a
finding that moves by a column keeps its verdict.
"""
import argparse
import collections
import csv
import os
import re
import sys

LINE = re.compile(r"^(?P<file>[^ :][^:]*):(?P<line>\d+):(?P<col>\d+): warning: .*\[(?P<check>connleak-[a-z-]+)\]$")


def findings(dirs):
    out = {}
    for d in dirs:
        for f in sorted(os.listdir(d)):
            if not f.endswith(".txt") or f.endswith(".full.txt"):
                continue
            base = f[:-len(".txt")]
            with open(os.path.join(d, f), errors="replace") as fh:
                for line in fh:
                    m = LINE.match(line.rstrip("\n"))
                    if m:
                        key = (base, "%s:%s" % (m["file"], m["line"]), m["check"])
                        out.setdefault(key, line.strip())
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--verdicts", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "verdicts.tsv"))
    args = ap.parse_args()
    verdicts = {}
    with open(args.verdicts, newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            verdicts[(row["codebase"], row["file:line"], row["check"])] = row["verdict"]
    now = findings(args.dirs)
    bases = {k[0] for k in now}
    per = collections.defaultdict(collections.Counter)
    unjudged = []
    for key, text in sorted(now.items()):
        v = verdicts.get(key)
        if v is None:
            unjudged.append((key, text))
            v = "UNJUDGED"
        per[key[2]][v] += 1
        per["all"][v] += 1
    print("%-36s %5s %5s %5s %5s %9s %6s" % ("check", "TRUE", "FALSE", "DEB", "new", "precision", "DEB%"))
    for check in sorted(per, key=lambda c: (c == "all", c)):
        c = per[check]
        t, f, d, n = c["TRUE"], c["FALSE"], c["DEBATABLE"], c["UNJUDGED"]
        prec = "%.2f" % (t / (t + f)) if t + f else "-"
        share = "%d%%" % round(100 * d / (t + f + d)) if t + f + d else "-"
        print("%-36s %5d %5d %5d %5d %9s %6s" % (check, t, f, d, n, prec, share))
    gone = collections.Counter(v for k, v in verdicts.items() if k[0] in bases and k not in now)
    print("judged and no longer reported (code bases run here): " +
          ", ".join("%s %d" % (v, gone[v]) for v in ("TRUE", "FALSE", "DEBATABLE")))
    for v in ("TRUE",):
        for k in sorted(k for k, vv in verdicts.items() if vv == v and k[0] in bases and k not in now):
            print("  lost TRUE: %s %s %s" % k)
    if unjudged:
        print("not judged yet (%d):" % len(unjudged))
        for key, text in unjudged:
            print("  %s\t%s" % (key[0], text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
