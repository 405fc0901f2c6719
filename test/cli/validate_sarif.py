#!/usr/bin/env python3
"""Validate a SARIF log against the SARIF 2.1.0 fields GitHub code scanning uses.

Usage: validate_sarif.py [--srcroot DIR] [--min-results N] FILE

Checks (GitHub's "SARIF support for code scanning" page lists these as the
properties it reads; the value constraints come from the SARIF 2.1.0 schema):

  * top level: "version" == "2.1.0", "$schema" names the 2.1.0 schema,
    "runs" is a non-empty array (GitHub accepts at most 20 runs per file);
  * runs[].tool.driver.name (non-empty); rules[] with unique "id",
    shortDescription.text and fullDescription.text (both required by GitHub,
    at most 1024 characters for shortDescription), optional help.text,
    absolute helpUri, defaultConfiguration.level in {none,note,warning,error},
    properties.tags (array of strings, at most 20);
  * originalUriBaseIds: every uriBaseId used is defined, its "uri" is an
    absolute file:// URI ending in "/";
  * results[]: ruleId (a rule of the driver when rules are given; ruleIndex,
    if present, points at that rule), level in {none,note,warning,error},
    message.text non-empty, 1..10 locations each with
    physicalLocation.artifactLocation.uri (relative uris have a uriBaseId and
    no "..", no backslashes, no leading "/") and region.startLine >= 1
    (startColumn, endLine, endColumn consistent), partialFingerprints (a
    non-empty object of strings), relatedLocations (unique integer ids,
    physical location, message.text), codeFlows[].threadFlows[].locations[]
    (each with a location.physicalLocation; executionOrder increasing;
    nestingLevel >= 0), fixes[].artifactChanges[].replacements[].deletedRegion;
  * invocations[]: executionSuccessful is a boolean; notifications have a
    message.text.

With --srcroot, every %SRCROOT%-relative artifact must exist under DIR.

If the environment variable SARIF_MULTITOOL names Microsoft's SARIF
multitool (npm @microsoft/sarif-multitool; it works offline once installed),
it is run too with `validate --rule-kind Gh` and `--rule-kind Sarif`, and any
error or warning it reports fails the validation. Without it that step is
skipped (the tests must not depend on npm).

Prints "validate_sarif.py: OK: <N> results, <M> rules" and exits 0, or prints
one "validate_sarif.py: ERROR: <json path>: <problem>" line per problem and
exits 1.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse

LEVELS = {"none", "note", "warning", "error"}
errors = []


def err(path, msg):
    errors.append("%s: %s" % (path, msg))


def is_obj(v):
    return isinstance(v, dict)


def text_of(v, path, required=True, max_len=None):
    if not is_obj(v):
        if required:
            err(path, "missing (an object with a 'text' property)")
        return None
    t = v.get("text")
    if not isinstance(t, str) or not t.strip():
        err(path + ".text", "missing or empty")
        return None
    if max_len is not None and len(t) > max_len:
        err(path + ".text", "longer than %d characters" % max_len)
    return t


def check_int(v, path, minimum):
    if not isinstance(v, int) or isinstance(v, bool):
        err(path, "not an integer")
        return False
    if v < minimum:
        err(path, "%d is less than %d" % (v, minimum))
        return False
    return True


def check_region(r, path, need_start_line=True):
    if not is_obj(r):
        err(path, "missing region")
        return
    if "startLine" not in r:
        if need_start_line:
            err(path + ".startLine", "missing")
        return
    ok = check_int(r["startLine"], path + ".startLine", 1)
    if "startColumn" in r:
        ok &= check_int(r["startColumn"], path + ".startColumn", 1)
    if "endLine" in r:
        ok &= check_int(r["endLine"], path + ".endLine", 1)
        if ok and r["endLine"] < r["startLine"]:
            err(path + ".endLine", "before startLine")
    if "endColumn" in r:
        ok &= check_int(r["endColumn"], path + ".endColumn", 1)
        if ok and r.get("endLine", r["startLine"]) == r["startLine"] \
                and r["endColumn"] < r.get("startColumn", 1):
            err(path + ".endColumn", "before startColumn on the same line")
    if "snippet" in r:
        text_of(r["snippet"], path + ".snippet")


class Run:
    def __init__(self, run, path, srcroot):
        self.run = run
        self.path = path
        self.srcroot = srcroot
        self.base_ids = {}
        self.rule_ids = []

    def artifact(self, a, path):
        if not is_obj(a):
            err(path, "missing artifactLocation")
            return
        uri = a.get("uri")
        if not isinstance(uri, str) or not uri:
            err(path + ".uri", "missing or empty")
            return
        if "\\" in uri:
            err(path + ".uri", "contains a backslash")
        parsed = urllib.parse.urlparse(uri)
        base = a.get("uriBaseId")
        if parsed.scheme:
            if base is not None:
                err(path + ".uriBaseId", "given for an absolute uri")
            return
        if base is None:
            err(path + ".uriBaseId", "relative uri %r without a uriBaseId" % uri)
            return
        if base not in self.base_ids:
            err(path + ".uriBaseId", "%r is not defined in originalUriBaseIds" % base)
        if uri.startswith("/"):
            err(path + ".uri", "relative uri starts with '/'")
        if ".." in uri.split("/"):
            err(path + ".uri", "relative uri contains '..'")
        if self.srcroot and base == "%SRCROOT%":
            f = os.path.join(self.srcroot, urllib.parse.unquote(uri))
            if not os.path.isfile(f):
                err(path + ".uri", "%r does not exist under %s" % (uri, self.srcroot))

    def physical(self, p, path, need_region=True):
        if not is_obj(p):
            err(path, "missing physicalLocation")
            return
        self.artifact(p.get("artifactLocation"), path + ".artifactLocation")
        if "region" in p or need_region:
            check_region(p.get("region"), path + ".region")

    def check(self):
        run, path = self.run, self.path
        tool = run.get("tool")
        driver = tool.get("driver") if is_obj(tool) else None
        if not is_obj(driver):
            err(path + ".tool.driver", "missing")
            driver = {}
        name = driver.get("name")
        if not isinstance(name, str) or not name.strip():
            err(path + ".tool.driver.name", "missing or empty")

        bases = run.get("originalUriBaseIds", {})
        if not is_obj(bases):
            err(path + ".originalUriBaseIds", "not an object")
            bases = {}
        for k, v in bases.items():
            bp = "%s.originalUriBaseIds[%r]" % (path, k)
            uri = v.get("uri") if is_obj(v) else None
            if not isinstance(uri, str) or not uri.startswith("file:///"):
                err(bp + ".uri", "not an absolute file:/// uri")
            elif not uri.endswith("/"):
                err(bp + ".uri", "does not end with '/'")
            self.base_ids[k] = uri

        rules = driver.get("rules", [])
        if not isinstance(rules, list):
            err(path + ".tool.driver.rules", "not an array")
            rules = []
        for i, r in enumerate(rules):
            rp = "%s.tool.driver.rules[%d]" % (path, i)
            if not is_obj(r):
                err(rp, "not an object")
                self.rule_ids.append(None)
                continue
            rid = r.get("id")
            if not isinstance(rid, str) or not rid:
                err(rp + ".id", "missing")
            elif rid in self.rule_ids:
                err(rp + ".id", "duplicate rule id %r" % rid)
            self.rule_ids.append(rid)
            text_of(r.get("shortDescription"), rp + ".shortDescription", max_len=1024)
            text_of(r.get("fullDescription"), rp + ".fullDescription")
            if "help" in r:
                text_of(r.get("help"), rp + ".help")
            if "helpUri" in r:
                u = urllib.parse.urlparse(r["helpUri"])
                # file:///path (RFC 8089) has no authority and is absolute.
                if not u.scheme or not (u.netloc or (u.scheme == "file" and u.path.startswith("/"))):
                    err(rp + ".helpUri", "not an absolute uri")
            dc = r.get("defaultConfiguration")
            if dc is not None and (not is_obj(dc) or dc.get("level", "warning") not in LEVELS):
                err(rp + ".defaultConfiguration.level", "invalid")
            props = r.get("properties", {})
            tags = props.get("tags", []) if is_obj(props) else []
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                err(rp + ".properties.tags", "not an array of strings")
            elif len(tags) > 20:
                err(rp + ".properties.tags", "more than 20 tags")

        results = run.get("results")
        if not isinstance(results, list):
            err(path + ".results", "missing (an array, possibly empty)")
            results = []
        if len(results) > 25000:
            err(path + ".results", "more than 25000 results")
        for i, res in enumerate(results):
            self.result(res, "%s.results[%d]" % (path, i))

        for i, inv in enumerate(run.get("invocations", [])):
            ip = "%s.invocations[%d]" % (path, i)
            if not isinstance(inv.get("executionSuccessful"), bool):
                err(ip + ".executionSuccessful", "missing or not a boolean")
            for j, n in enumerate(inv.get("toolExecutionNotifications", [])):
                np_ = "%s.toolExecutionNotifications[%d]" % (ip, j)
                text_of(n.get("message"), np_ + ".message")
                if n.get("level", "warning") not in LEVELS:
                    err(np_ + ".level", "invalid")
                for k, loc in enumerate(n.get("locations", [])):
                    self.physical(loc.get("physicalLocation"),
                                  "%s.locations[%d].physicalLocation" % (np_, k),
                                  need_region=False)
        return len(results), len(rules)

    def result(self, res, p):
        if not is_obj(res):
            err(p, "not an object")
            return
        rid = res.get("ruleId")
        if not isinstance(rid, str) or not rid:
            err(p + ".ruleId", "missing")
        elif self.rule_ids and rid not in self.rule_ids:
            err(p + ".ruleId", "%r is not a rule of the driver" % rid)
        if "ruleIndex" in res:
            ri = res["ruleIndex"]
            if not check_int(ri, p + ".ruleIndex", 0) or ri >= len(self.rule_ids) \
                    or self.rule_ids[ri] != rid:
                err(p + ".ruleIndex", "does not point at rule %r" % rid)
        if res.get("level", "warning") not in LEVELS:
            err(p + ".level", "invalid level %r" % res.get("level"))
        text_of(res.get("message"), p + ".message")

        locs = res.get("locations")
        if not isinstance(locs, list) or not locs:
            err(p + ".locations", "missing or empty")
            locs = []
        if len(locs) > 10:
            err(p + ".locations", "more than 10 locations")
        for i, loc in enumerate(locs):
            self.physical(loc.get("physicalLocation") if is_obj(loc) else None,
                          "%s.locations[%d].physicalLocation" % (p, i))

        fps = res.get("partialFingerprints")
        if not is_obj(fps) or not fps:
            err(p + ".partialFingerprints", "missing or empty")
        else:
            for k, v in fps.items():
                if not isinstance(v, str) or not v:
                    err("%s.partialFingerprints[%r]" % (p, k), "not a non-empty string")

        ids = set()
        related = res.get("relatedLocations", [])
        if len(related) > 1000:
            err(p + ".relatedLocations", "more than 1000 related locations")
        for i, rl in enumerate(related):
            rp = "%s.relatedLocations[%d]" % (p, i)
            if check_int(rl.get("id"), rp + ".id", 0):
                if rl["id"] in ids:
                    err(rp + ".id", "duplicate id %d" % rl["id"])
                ids.add(rl["id"])
            self.physical(rl.get("physicalLocation"), rp + ".physicalLocation")
            text_of(rl.get("message"), rp + ".message")

        for i, cf in enumerate(res.get("codeFlows", [])):
            cp = "%s.codeFlows[%d]" % (p, i)
            tfs = cf.get("threadFlows") if is_obj(cf) else None
            if not isinstance(tfs, list) or not tfs:
                err(cp + ".threadFlows", "missing or empty")
                continue
            for j, tf in enumerate(tfs):
                tp = "%s.threadFlows[%d]" % (cp, j)
                tlocs = tf.get("locations") if is_obj(tf) else None
                if not isinstance(tlocs, list) or not tlocs:
                    err(tp + ".locations", "missing or empty")
                    continue
                last = 0
                for k, tl in enumerate(tlocs):
                    lp = "%s.locations[%d]" % (tp, k)
                    loc = tl.get("location") if is_obj(tl) else None
                    if not is_obj(loc):
                        err(lp + ".location", "missing")
                        continue
                    self.physical(loc.get("physicalLocation"), lp + ".location.physicalLocation")
                    if "message" in loc:
                        text_of(loc["message"], lp + ".location.message")
                    if "nestingLevel" in tl:
                        check_int(tl["nestingLevel"], lp + ".nestingLevel", 0)
                    if "executionOrder" in tl:
                        if check_int(tl["executionOrder"], lp + ".executionOrder", -1):
                            if tl["executionOrder"] <= last:
                                err(lp + ".executionOrder", "not increasing")
                            last = tl["executionOrder"]

        for i, fx in enumerate(res.get("fixes", [])):
            fp = "%s.fixes[%d]" % (p, i)
            if "description" in fx:
                text_of(fx["description"], fp + ".description")
            changes = fx.get("artifactChanges")
            if not isinstance(changes, list) or not changes:
                err(fp + ".artifactChanges", "missing or empty")
                continue
            for j, ch in enumerate(changes):
                chp = "%s.artifactChanges[%d]" % (fp, j)
                self.artifact(ch.get("artifactLocation"), chp + ".artifactLocation")
                reps = ch.get("replacements")
                if not isinstance(reps, list) or not reps:
                    err(chp + ".replacements", "missing or empty")
                    continue
                for k, rep in enumerate(reps):
                    check_region(rep.get("deletedRegion"),
                                 "%s.replacements[%d].deletedRegion" % (chp, k))
                    if "insertedContent" in rep and \
                            not isinstance(rep["insertedContent"].get("text"), str):
                        err("%s.replacements[%d].insertedContent.text" % (chp, k),
                            "missing")


def run_multitool(tool, path):
    """Runs Microsoft's SARIF multitool; returns a list of problems."""
    problems = []
    for kind in ("Gh", "Sarif"):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "validation.sarif")
            proc = subprocess.run([tool, "validate", path, "-o", out, "--rule-kind", kind],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  universal_newlines=True)
            if not os.path.isfile(out):
                problems.append("sarif-multitool (%s) failed: %s" % (kind, proc.stdout.strip()))
                continue
            with open(out) as f:
                log = json.load(f)
            for r in log["runs"][0].get("results", []):
                if r.get("level", "warning") in ("error", "warning"):
                    args = r.get("message", {}).get("arguments", [])
                    problems.append("sarif-multitool %s %s: %s" % (
                        r.get("level", "warning"), r.get("ruleId"), "; ".join(map(str, args))))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--srcroot", help="directory %%SRCROOT%% uris must exist in")
    ap.add_argument("--min-results", type=int, default=0)
    args = ap.parse_args()

    try:
        with open(args.file, encoding="utf-8") as f:
            log = json.load(f)
    except (OSError, ValueError) as e:
        print("validate_sarif.py: ERROR: cannot read %s: %s" % (args.file, e))
        return 1

    n_results = n_rules = 0
    if not is_obj(log):
        err("$", "not an object")
    else:
        if log.get("version") != "2.1.0":
            err("version", "is %r, not '2.1.0'" % log.get("version"))
        schema = log.get("$schema")
        if not isinstance(schema, str) or not re.search(r"sarif-(schema-)?2\.1\.0", schema):
            err("$schema", "missing or not the SARIF 2.1.0 schema: %r" % schema)
        runs = log.get("runs")
        if not isinstance(runs, list) or not runs:
            err("runs", "missing or empty")
            runs = []
        if len(runs) > 20:
            err("runs", "more than 20 runs")
        for i, run in enumerate(runs):
            if not is_obj(run):
                err("runs[%d]" % i, "not an object")
                continue
            r, k = Run(run, "runs[%d]" % i, args.srcroot).check()
            n_results += r
            n_rules += k
    if n_results < args.min_results:
        err("runs[].results", "%d results, expected at least %d" % (n_results, args.min_results))

    tool = os.environ.get("SARIF_MULTITOOL")
    if tool and not errors:
        errors.extend(run_multitool(tool, args.file))

    if errors:
        for e in errors:
            print("validate_sarif.py: ERROR: %s" % e)
        return 1
    print("validate_sarif.py: OK: %d results, %d rules" % (n_results, n_rules))
    return 0


if __name__ == "__main__":
    sys.exit(main())
