#!/usr/bin/env python3
"""run_shards.py CONNLEAK N OUTDIR

The sharded flow of docs/project-summaries.md, locally with N processes:
rounds of `connleak summarize --shard I/N` (all shards in parallel) and
`connleak merge-summaries` until the merged model file stops changing, then
`connleak --shard I/N --project-summaries=FILE --format=json` per shard.
Run in the project directory (compile_commands.json in '.')."""
import os
import subprocess
import sys

connleak, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
model = os.path.join(out, "connleak-project.yaml")
log = open(os.path.join(out, "log.txt"), "w")
prev = None
for rnd in range(1, 11):
    procs = []
    for i in range(1, n + 1):
        cmd = [connleak, "summarize", "-p", ".", "--quiet", "--shard=%d/%d" % (i, n),
               "-o", os.path.join(out, "part-%d.json" % i)]
        if prev is not None:
            cmd.append("--project-summaries=" + model)
        procs.append(subprocess.Popen(cmd))
    if any(p.wait() != 0 for p in procs):
        sys.exit("a summarize shard failed")
    merged = os.path.join(out, "merged.yaml")
    subprocess.check_call([connleak, "merge-summaries", "--root", ".", "-o", merged]
                          + [os.path.join(out, "part-%d.json" % i) for i in range(1, n + 1)],
                          stderr=subprocess.DEVNULL)
    text = open(merged).read()
    changed = text != prev
    log.write("round %d: %s\n" % (rnd, "changed" if changed else "unchanged"))
    if not changed:
        break
    prev = text
    with open(model, "w") as f:
        f.write(text)
else:
    sys.exit("no fixed point in 10 rounds")
procs = []
for i in range(1, n + 1):
    with open(os.path.join(out, "findings-%d.json" % i), "w") as f:
        procs.append(subprocess.Popen(
            [connleak, "-p", ".", "--quiet", "--format=json", "--shard=%d/%d" % (i, n),
             "--project-summaries=" + model], stdout=f))
for p in procs:
    if p.wait() not in (0, 1):
        sys.exit("an analysis shard failed")
