#!/usr/bin/env python3
"""Drive connleak-clangd over LSP and print a stable transcript for FileCheck.

Sets up a throw-away project (compile_commands.json, .clang-tidy, .clangd),
starts the server, opens one file, waits for its publishDiagnostics and prints
every diagnostic with its exact LSP range, message and related information.
With --code-action it asks textDocument/codeAction at the range of each
diagnostic whose code matches --code and prints the quick fixes.

With --expect-fixed FILE (the file as `clang-tidy --fix` left it), the fix is
checked against the plugin itself, so the test does not need to know whether
the check offers a fix-it:
  * FILE differs from the source: the check has a fix-it, so clangd must offer
    a quickfix code action for the diagnostic, and applying its edits must give
    exactly FILE;
  * FILE equals the source: the check has no fix-it, so clangd must offer no
    quickfix for it (and must not say "(fix available)").
Exit status: 0 when every assertion holds, 1 otherwise (reason on stdout).

usage: lsp_client.py --clangd BIN --project DIR --source FILE [options]
                     [-- extra clangd arguments]
"""
import argparse
import json
import os
import pathlib
import queue
import shlex
import shutil
import subprocess
import sys
import threading
import time

CLANGD_CONFIGS = {
    # clangd 19 only runs clang-tidy checks it knows to be fast; connleak's are
    # unknown to it, so without FastCheckFilter: Loose|None they never run.
    "none": "Diagnostics:\n  ClangTidy:\n    FastCheckFilter: None\n",
    "loose": "Diagnostics:\n  ClangTidy:\n    FastCheckFilter: Loose\n",
    "absent": None,
}


def fail(msg):
    print("FAIL:", msg)
    sys.stdout.flush()
    sys.exit(1)


def parse_args():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clangd", required=True)
    ap.add_argument("--project", required=True, help="directory to create")
    ap.add_argument("--source", required=True, help="file copied into the project")
    ap.add_argument("--flags", default="", help="extra compile flags (shell words)")
    ap.add_argument("--clangd-config", choices=sorted(CLANGD_CONFIGS), default="none")
    ap.add_argument("--tidy-checks", default="-*,connleak-*")
    ap.add_argument("--code", default="connleak-unreleased-handle",
                    help="diagnostic code to request code actions for")
    ap.add_argument("--code-action", action="store_true")
    ap.add_argument("--expect-fixed", help="the source after clang-tidy --fix")
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args(argv)
    args.extra = extra
    return args


def setup_project(args):
    proj = pathlib.Path(args.project).resolve()
    if proj.exists():
        shutil.rmtree(proj)
    proj.mkdir(parents=True)
    src = pathlib.Path(args.source)
    path = proj / src.name
    shutil.copyfile(src, path)
    is_c = path.suffix == ".c"
    cmd = ["clang" if is_c else "clang++"]
    cmd += ["-std=c17"] if is_c else ["-std=c++17"]
    cmd += shlex.split(args.flags) + ["-c", str(path), "-o", str(path) + ".o"]
    (proj / "compile_commands.json").write_text(json.dumps(
        [{"directory": str(proj), "file": str(path), "arguments": cmd}], indent=1))
    (proj / ".clang-tidy").write_text("Checks: '%s'\n" % args.tidy_checks)
    cfg = CLANGD_CONFIGS[args.clangd_config]
    if cfg is not None:
        (proj / ".clangd").write_text(cfg)
    return proj, path, "c" if is_c else "cpp"


class Server:
    def __init__(self, argv, stderr_path, timeout):
        self.timeout = timeout
        self.stderr_path = stderr_path
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=open(stderr_path, "w"))
        self.msgs = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        f = self.proc.stdout
        while True:
            hdr = {}
            while True:
                line = f.readline()
                if not line:
                    self.msgs.put(None)
                    return
                line = line.decode("ascii", "replace").strip()
                if not line:
                    break
                k, _, v = line.partition(":")
                hdr[k.strip().lower()] = v.strip()
            body = f.read(int(hdr["content-length"]))
            self.msgs.put(json.loads(body))

    def send(self, obj):
        obj["jsonrpc"] = "2.0"
        data = json.dumps(obj).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params})
        m = self.wait(lambda m: m.get("id") == rid and "method" not in m,
                      "response to " + method)
        if "error" in m:
            fail("%s returned an error: %s" % (method, json.dumps(m["error"])))
        return m["result"]

    def wait(self, pred, what):
        end = time.time() + self.timeout
        while True:
            left = end - time.time()
            if left <= 0:
                self.die("timeout waiting for " + what)
            try:
                m = self.msgs.get(timeout=left)
            except queue.Empty:
                self.die("timeout waiting for " + what)
            if m is None:
                self.die("server closed its output while waiting for " + what)
            # Answer server->client requests (workDoneProgress/create, ...).
            if "method" in m and "id" in m:
                self.send({"id": m["id"], "result": None})
                continue
            if pred(m):
                return m

    def die(self, msg):
        self.proc.kill()
        self.proc.wait()
        sys.stdout.write(open(self.stderr_path).read()[-4000:])
        fail(msg)


def rng(r):
    return "%d:%d-%d:%d" % (r["start"]["line"], r["start"]["character"],
                            r["end"]["line"], r["end"]["character"])


def apply_edits(text, edits):
    """Apply LSP TextEdits (ASCII text: characters == UTF-16 units)."""
    lines = text.split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)

    def off(p):
        return starts[p["line"]] + p["character"]

    spans = sorted(((off(e["range"]["start"]), off(e["range"]["end"]), e["newText"])
                    for e in edits), reverse=True)
    for b, e, new in spans:
        text = text[:b] + new + text[e:]
    return text


def main():
    args = parse_args()
    proj, path, lang = setup_project(args)
    uri = path.as_uri()
    argv = [args.clangd, "--log=error", "--pretty=false", "--background-index=false",
            *args.extra]
    srv = Server(argv, str(proj / "clangd.stderr"), args.timeout)

    init = srv.request("initialize", {
        "processId": os.getpid(), "rootUri": proj.as_uri(),
        "capabilities": {"textDocument": {
            "publishDiagnostics": {"relatedInformation": True},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                "valueSet": ["quickfix", "refactor", "source"]}}}}}})
    print("server:", init.get("serverInfo", {}).get("name", "?"))
    srv.notify("initialized", {})
    text = path.read_text()
    srv.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": lang, "version": 1, "text": text}})
    pub = srv.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                   and m["params"]["uri"] == uri, "publishDiagnostics")["params"]
    diags = pub["diagnostics"]
    print("publishDiagnostics %s version=%s count=%d"
          % (path.name, pub.get("version"), len(diags)))
    for d in diags:
        print("diag code=%s source=%s severity=%s range=%s message=%s"
              % (d.get("code"), d.get("source"), d.get("severity"), rng(d["range"]),
                 json.dumps(d["message"])))
        for ri in d.get("relatedInformation", []):
            loc = ri["location"]
            where = pathlib.PurePosixPath(loc["uri"]).name
            print("  related %s:%s message=%s"
                  % (where, rng(loc["range"]), json.dumps(ri["message"])))

    ours = [d for d in diags if d.get("code") == args.code]
    ok = True
    if args.code_action:
        if not ours:
            fail("no %s diagnostic to request code actions for" % args.code)
        d = ours[0]
        actions = srv.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": d["range"],
            "context": {"diagnostics": [d]}})
        actions = actions or []
        quickfixes = [a for a in actions if a.get("kind") == "quickfix"
                      and any(x.get("code") == args.code for x in a.get("diagnostics", []))]
        others = [a for a in actions if a not in quickfixes]
        for a in quickfixes:
            edits = a.get("edit", {}).get("changes", {}).get(uri, [])
            print("quickfix title=%s preferred=%s edits=%d"
                  % (json.dumps(a.get("title")), a.get("isPreferred", False), len(edits)))
            for e in edits:
                print("  edit %s newText=%s" % (rng(e["range"]), json.dumps(e["newText"])))
        # Tweaks (clangDaemonTweaks, whole-archived) show up as refactorings.
        print("other code actions: %d" % len(others))
        for a in others:
            print("  other kind=%s title=%s" % (a.get("kind"), json.dumps(a.get("title"))))

        if args.expect_fixed is not None:
            fixed = pathlib.Path(args.expect_fixed).read_text()
            if fixed != text:
                if not quickfixes:
                    print("FAIL: clang-tidy --fix changes the file, but clangd offers "
                          "no quickfix code action for %s" % args.code)
                    ok = False
                else:
                    got = apply_edits(text, quickfixes[0].get("edit", {})
                                      .get("changes", {}).get(uri, []))
                    if got != fixed:
                        print("FAIL: applying the quickfix does not give what "
                              "clang-tidy --fix gives")
                        print("--- quickfix result\n%s--- clang-tidy --fix result\n%s---"
                              % (got, fixed))
                        ok = False
                    else:
                        print("fix: quickfix matches clang-tidy --fix")
            else:
                if quickfixes or d["message"].endswith("(fix available)"):
                    print("FAIL: clang-tidy --fix changes nothing, "
                          "but clangd offers a fix")
                    ok = False
                else:
                    print("fix: none (the check offers no fix-it for this file)")

    srv.request("shutdown", None)
    srv.notify("exit", None)
    try:
        # clangd finishes its background work (the file's AST, the check
        # run) before exiting: seconds on a busy 2-core machine, and several
        # times that under AddressSanitizer.
        rc = srv.proc.wait(timeout=90)
    except subprocess.TimeoutExpired:
        srv.proc.kill()
        srv.proc.wait()
        fail("server did not exit after shutdown/exit")
    print("server exit status:", rc)
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
