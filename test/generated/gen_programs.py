#!/usr/bin/env python3
"""Generated-program oracle test for connleak-unreleased-handle.

A seeded generator writes small C functions over the real libpq and SQLite
APIs (real headers, same-file static helpers), an exact path-enumerating
interpreter of the generator's own program IR (the *oracle*) decides for every
acquisition site whether some path leaks it, and clang-tidy with the connleak
plugin is run on the generated files; the set of reported acquisition sites
(file:line:col of the acquiring call, where connleak points its warning) is
compared with the oracle's set of leaking sites.

  gen_programs.py --seed 1 --count 300 --plugin build/lib/libconnleak.so
  gen_programs.py --self-test          # the oracle alone, on hand-written programs
  gen_programs.py ... --reduce         # also minimise disagreements (per class)
  gen_programs.py ... --model-check    # also compare with connleak's own model
  gen_programs.py --seed 1 --count 5 --emit   # print programs and verdicts

--count is the number of generated functions per seed; they are written 20 to
a translation unit ("programs" in the summary line are translation units) and
clang-tidy runs on 2 of them at a time (--jobs).  Exit status: 0 when nothing
crashed, everything compiled and every disagreement matches an entry of
known-limitations.txt (next to this script, or --known); 1 otherwise; 2 for
usage errors.

THE ORACLE'S SEMANTICS (the API contract it assumes)
----------------------------------------------------
Every acquisition is a dynamic object with the site (the acquiring call) that
created it.  An object leaks when a path reaches a `return` (or the end of the
function) while it still needs a release and was neither released nor handed
over (returned, or passed to `pool_put`, which takes ownership by contract);
an object no variable refers to any more can never be released and leaks at
the return.  `exit()`/`abort()` end a path with no leak.  A site leaks if one
of its objects leaks on some path.

* Unknown inputs: the int parameters p0, p1, p2 (values 0/1: they are only
  tested for truth) and mode (0..3, only compared with 0..2) are chosen once
  per call (a parameter read twice has the same value); `ext_cond()` returns a
  fresh 0/1 each time; the pointer parameters `shared`, `sdb` are NULL or a
  caller-owned handle (never released by the generated code).
* PQconnectdb(ci) (and open_conn): NULL (out of memory, needs no PQfinish) or a
  connection whose status is OK or BAD; both must be PQfinish'ed
  (release-on-failure).  PQstatus(NULL) is BAD; PQstatus of a connection is
  fixed until the connection performs I/O (PQexec), after which it is chosen
  again.  open_checked: NULL, or a connection with status OK.
* PQexec(NULL, q) is NULL.  PQexec(c, q) on a BAD connection is NULL or a
  result whose status is not TUPLES_OK; on an OK connection NULL or a result
  (status TUPLES_OK or not); a result's status is fixed.  A non-NULL result
  must be PQclear'ed.  PQresultStatus(NULL) is FATAL_ERROR.  run_query: NULL,
  or a TUPLES_OK result.
* sqlite3_open(path, &db) (and open_db_out): (SQLITE_OK, db), (error, db) or
  (SQLITE_NOMEM, NULL); a non-NULL db must be closed even when the open failed.
  sqlite3_prepare_v2(db, ...) writes the statement: (SQLITE_OK, stmt) or
  (error, NULL); with db == NULL it is (SQLITE_MISUSE, NULL).
* sqlite3_close(db) with an unfinalized statement of db returns SQLITE_BUSY
  and leaves the connection open (sqlite3.h: "the database connection is not
  closed"); sqlite3_close_v2 makes it a zombie that is freed with its last
  statement.  PQfinish/PQclear/sqlite3_close/sqlite3_finalize of NULL do
  nothing.
* The helpers do what their C bodies (HELPERS) do: finish_if(c, f) finishes c
  only when f is true, check_conn(c) finishes c and returns NULL unless its
  status is OK, step_ok(NULL) is 0, ...
* Loops are `for (int i = 0; i < K; i++)` with a constant K (or
  `do { } while (0)`), so they are unrolled exactly; break and continue are
  followed.
* A path with undefined or erroneous behaviour (reading an uninitialised or
  freed pointer, using or releasing a released handle, releasing the caller's
  handle) makes the generator drop the whole function and generate another
  one; such functions are never compiled.

CLASSIFYING DISAGREEMENTS
-------------------------
Each generated function carries a comment `/* gen <seed>:<n> tags: ... */`
with its features.  For a disagreement the oracle is run again under each
RELAXATION that adopts one of connleak's documented assumptions (parameters
read twice are independent, sqlite3_close always closes, ...): the ones that
turn the oracle's verdict into connleak's add the tag `by-<relaxation>`
(`by-combination` when only several together do, `unexplained` when none
does).  known-limitations.txt lists the classes as `<name> <FP|FN|LOC>
<tag>[+<tag>...]`; a disagreement is known when its direction matches and its
tags (function features, the site's oracle events such as `busy-close`, and
the explanation tags) include all the entry's tags.
"""

import argparse
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# The prelude: real headers, same-file helpers, opaque externs.
# --------------------------------------------------------------------------

HEADER = """\
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdlib.h>

extern int ext_cond(void);        /* an opaque condition */
extern void pool_put(PGconn *c);  /* takes ownership of c */
"""

# name -> C text.  Kept leak-free: connleak must not report anything here.
HELPERS = [
    ("close_conn", "static void close_conn(PGconn *c) { if (c) PQfinish(c); }"),
    ("clear_res", "static void clear_res(PGresult *r) { PQclear(r); }"),
    ("close_db", "static void close_db(sqlite3 *db) { sqlite3_close(db); }"),
    ("finalize_stmt", "static void finalize_stmt(sqlite3_stmt *s) { sqlite3_finalize(s); }"),
    ("finish_if", "static void finish_if(PGconn *c, int f) { if (f) PQfinish(c); }"),
    ("drop_conn", "static void drop_conn(PGconn *c) { close_conn(c); }"),
    ("cleanup_both", "static void cleanup_both(PGresult *r, PGconn *c) { PQclear(r); PQfinish(c); }"),
    ("res_ok", "static int res_ok(PGresult *r) { return PQresultStatus(r) == PGRES_TUPLES_OK; }"),
    ("check_conn", "static PGconn *check_conn(PGconn *c) {\n"
                   "    if (PQstatus(c) != CONNECTION_OK) {\n"
                   "        PQfinish(c);\n"
                   "        return NULL;\n"
                   "    }\n"
                   "    return c;\n"
                   "}"),
    ("conn_ok", "static int conn_ok(PGconn *c) { return PQstatus(c) == CONNECTION_OK; }"),
    ("use_conn", "static void use_conn(PGconn *c) { (void)PQserverVersion(c); }"),
    ("res_rows", "static int res_rows(PGresult *r) { return r ? PQntuples(r) : 0; }"),
    ("db_exec", "static int db_exec(sqlite3 *db) { return db ? sqlite3_exec(db, \"SELECT 1\", NULL, NULL, NULL) : SQLITE_MISUSE; }"),
    ("step_ok", "static int step_ok(sqlite3_stmt *s) { return s != NULL && sqlite3_step(s) == SQLITE_ROW; }"),
    ("open_conn", "static PGconn *open_conn(const char *ci) { return PQconnectdb(ci); }"),
    ("open_checked", "static PGconn *open_checked(const char *ci) {\n"
                     "    PGconn *c = PQconnectdb(ci);\n"
                     "    if (PQstatus(c) != CONNECTION_OK) {\n"
                     "        PQfinish(c);\n"
                     "        return NULL;\n"
                     "    }\n"
                     "    return c;\n"
                     "}"),
    ("run_query", "static PGresult *run_query(PGconn *c, const char *sql) {\n"
                  "    PGresult *r = PQexec(c, sql);\n"
                  "    if (PQresultStatus(r) != PGRES_TUPLES_OK) {\n"
                  "        PQclear(r);\n"
                  "        return NULL;\n"
                  "    }\n"
                  "    return r;\n"
                  "}"),
    ("open_db_out", "static int open_db_out(const char *p, sqlite3 **out) { return sqlite3_open(p, out); }"),
]
HELPER_NAMES = [n for n, _ in HELPERS]

PARAMS = "const char *ci, const char *path, PGconn *shared, sqlite3 *sdb, int p0, int p1, int p2, int mode"
BOOL_PARAMS = ("p0", "p1", "p2")
MODE_VALUES = (0, 1, 2, 3)

CTYPE = {"conn": "PGconn", "res": "PGresult", "db": "sqlite3", "stmt": "sqlite3_stmt"}
RELEASES = {  # family -> direct release, release helper
    "conn": ("PQfinish", "close_conn"),
    "res": ("PQclear", "clear_res"),
    "db": ("sqlite3_close", "close_db"),
    "stmt": ("sqlite3_finalize", "finalize_stmt"),
}
RELEASE_FN = {"PQfinish": "conn", "close_conn": "conn", "drop_conn": "conn", "PQclear": "res",
              "clear_res": "res", "sqlite3_close": "db", "sqlite3_close_v2": "db", "close_db": "db",
              "sqlite3_finalize": "stmt", "finalize_stmt": "stmt"}
BORROW_FN = {"use_conn": "conn", "res_rows": "res", "db_exec": "db", "PQstatus": "conn"}
ACQ_KIND = {"PQconnectdb": "conn", "open_conn": "conn", "open_checked": "conn",
            "PQexec": "res", "run_query": "res", "sqlite3_open": "db",
            "open_db_out": "db", "sqlite3_prepare_v2": "stmt"}
OUT_PARAM_APIS = ("sqlite3_open", "open_db_out", "sqlite3_prepare_v2")


# --------------------------------------------------------------------------
# IR
# --------------------------------------------------------------------------

class Acq:
    """An acquiring call.  `src` is the connection/db argument (a var or
    param name) for PQexec/run_query/prepare; `dst` the out-parameter var."""

    def __init__(self, site, api, src=None, dst=None):
        self.site, self.api, self.src, self.dst = site, api, src, dst

    def c(self):
        a = self.api
        if a in ("PQconnectdb", "open_conn", "open_checked"):
            return "%s(ci)" % a
        if a == "PQexec":
            return '%s(%s, "SELECT 1")' % (a, self.src)
        if a == "run_query":
            return '%s(%s, "SELECT 1")' % (a, self.src)
        if a in ("sqlite3_open", "open_db_out"):
            return "%s(path, &%s)" % (a, self.dst)
        if a == "sqlite3_prepare_v2":
            return '%s(%s, "SELECT 1", -1, &%s, NULL)' % (a, self.src, self.dst)
        raise ValueError(a)


class S:
    """A statement.  Kinds and fields:
    decl(ctype, var, init)   init: None | ('null',) | ('int', n) | ('acq', Acq) | ('var', v) | ('param', p)
    assign(var, val)         val as init (not None)
    acqstmt(acq, rc, declrc) `acq;`, `rc = acq;` or `int rc = acq;`
    call(fn, args, void)     args: ('var', v) | ('param', p) | ('int', n)
    if(cond, then, els)      els may be None
    for(var, K, body)
    switch(cases)            cases: [(label int or 'default', body, brk bool)] on `mode`
    break, continue, return(val), goto(label), label(label), exit(fn)
    """

    def __init__(self, k, **kw):
        self.k = k
        self.__dict__.update(kw)

    def children(self):
        if self.k == "if":
            return [self.then] + ([self.els] if self.els is not None else [])
        if self.k == "for":
            return [self.body]
        if self.k == "switch":
            return [c[1] for c in self.cases]
        return []


class Fn:
    def __init__(self, name, ret, body, tags, seedtag):
        self.name, self.ret, self.body, self.tags, self.seedtag = name, ret, body, tags, seedtag


# Conditions are tuples:
# ('param', p) ('modeeq', k) ('modene', k) ('ext',) ('flag', v) ('not', c)
# ('or', a, b) ('and', a, b) ('isnull', v, form) ('connbad', v) ('connok_h', v)
# ('resbad', v) ('rcbad', v, form) ('stepok', v) ('acqbad', Acq) ('int', n)

def cond_c(c, top=True):
    k = c[0]
    if k == "param":
        return c[1]
    if k == "int":
        return str(c[1])
    if k == "modeeq":
        s = "mode == %d" % c[1]
    elif k == "modene":
        s = "mode != %d" % c[1]
    elif k == "ext":
        return "ext_cond()"
    elif k == "flag":
        return c[1]
    elif k == "not":
        return negate_c(c[1], top)
    elif k in ("or", "and"):
        op = " || " if k == "or" else " && "
        s = cond_c(c[1], False) + op + cond_c(c[2], False)
    elif k == "isnull":
        if c[2] == "bang":
            return "!" + c[1]
        s = "%s == NULL" % c[1]
    elif k == "connbad":
        s = "PQstatus(%s) != CONNECTION_OK" % c[1]
    elif k == "connok_h":
        return "conn_ok(%s)" % c[1]
    elif k == "resbad":
        s = "PQresultStatus(%s) != PGRES_TUPLES_OK" % c[1]
    elif k == "rcbad":
        if c[2] == "plain":
            return c[1]
        s = "%s != SQLITE_OK" % c[1]
    elif k == "stepok":
        return "step_ok(%s)" % c[1]
    elif k == "acqbad":
        s = "%s != SQLITE_OK" % c[1].c()
    elif k == "acqnull":
        if c[3] == "bang":
            return "!(%s = %s)" % (c[1], c[2].c())
        s = "(%s = %s) == NULL" % (c[1], c[2].c())
    elif k == "resok_h":
        return "res_ok(%s)" % c[1]
    else:
        raise ValueError(k)
    return s if top else "(%s)" % s


def ctype_sp(t):
    return t if t.endswith("*") else t + " "


NEGATED = {"connbad": "PQstatus(%s) == CONNECTION_OK", "resbad": "PQresultStatus(%s) == PGRES_TUPLES_OK"}


def negate_c(c, top):
    """C text of !c, written the way a programmer would."""
    k = c[0]
    if k in ("param", "ext", "flag", "connok_h", "stepok", "int", "resok_h"):
        return "!" + cond_c(c, False)
    if k == "acqnull":
        s = "(%s = %s) != NULL" % (c[1], c[2].c())
        return s if top else "(%s)" % s
    if k == "not":
        return cond_c(c[1], top)
    if k == "isnull":
        s = c[1] if c[2] == "bang" else "%s != NULL" % c[1]
        if c[2] == "bang":
            return s
    elif k in NEGATED:
        s = NEGATED[k] % c[1]
    elif k == "rcbad":
        if c[2] == "plain":
            return "!" + c[1]
        s = "%s == SQLITE_OK" % c[1]
    elif k == "modeeq":
        s = "mode != %d" % c[1]
    elif k == "modene":
        s = "mode == %d" % c[1]
    elif k == "acqbad":
        s = "%s == SQLITE_OK" % c[1].c()
    elif k == "or":
        s = negate_c(c[1], False) + " && " + negate_c(c[2], False)
    elif k == "and":
        s = negate_c(c[1], False) + " || " + negate_c(c[2], False)
    else:
        raise ValueError(k)
    return s if top else "(%s)" % s


def val_c(v):
    k = v[0]
    if k == "null":
        return "NULL"
    if k == "int":
        return str(v[1])
    if k == "acq":
        return v[1].c()
    if k in ("var", "param"):
        return v[1]
    if k == "tern":
        return "%s ? %s : NULL" % (cond_c(v[1], False), v[2].c())
    if k == "hcall":
        return "%s(%s)" % (v[1], ", ".join(val_c(a) for a in v[2]))
    raise ValueError(k)


# --------------------------------------------------------------------------
# C emission
# --------------------------------------------------------------------------

class Emitter:
    def __init__(self):
        self.lines = []
        self.sites = {}  # site -> (line index (0-based, in self.lines), col)

    def line(self, ind, text, acqs=()):
        s = "    " * ind + text
        pos = 0
        for acq in acqs:
            i = s.index(acq.api + "(", pos)
            self.sites[acq.site] = (len(self.lines), i + 1)
            pos = i + 1
        self.lines.append(s)

    def block(self, stmts, ind):
        for s in stmts:
            self.stmt(s, ind)

    def stmt(self, s, ind):
        k = s.k
        if k == "decl":
            if s.init is None:
                self.line(ind, "%s%s;" % (ctype_sp(s.ctype), s.var))
            else:
                self.line(ind, "%s%s = %s;" % (ctype_sp(s.ctype), s.var, val_c(s.init)),
                          stmt_acqs(s))
        elif k == "assign":
            self.line(ind, "%s = %s;" % (s.var, val_c(s.val)), stmt_acqs(s))
        elif k == "acqstmt":
            if s.rc is None:
                self.line(ind, "%s;" % s.acq.c(), [s.acq])
            elif s.declrc:
                self.line(ind, "int %s = %s;" % (s.rc, s.acq.c()), [s.acq])
            else:
                self.line(ind, "%s = %s;" % (s.rc, s.acq.c()), [s.acq])
        elif k == "call":
            txt = "%s(%s);" % (s.fn, ", ".join(val_c(a) for a in s.args))
            self.line(ind, ("(void)" if s.void else "") + txt, stmt_acqs(s))
        elif k == "setcond":
            self.line(ind, "int %s = %s;" % (s.var, cond_c(s.cond)), stmt_acqs(s))
        elif k == "if":
            self.line(ind, "if (%s) {" % cond_c(s.cond), stmt_acqs(s))
            self.block(s.then, ind + 1)
            if s.els is not None:
                self.line(ind, "} else {")
                self.block(s.els, ind + 1)
            self.line(ind, "}")
        elif k == "for":
            if getattr(s, "dowhile", False) and s.K == 1:
                self.line(ind, "do {")
                self.block(s.body, ind + 1)
                self.line(ind, "} while (0);")
            else:
                self.line(ind, "for (int %s = 0; %s < %d; %s++) {" % (s.var, s.var, s.K, s.var))
                self.block(s.body, ind + 1)
                self.line(ind, "}")
        elif k == "switch":
            self.line(ind, "switch (mode) {")
            for lab, body, brk in s.cases:
                head = "default:" if lab == "default" else "case %d:" % lab
                self.line(ind, head + " {")
                self.block(body, ind + 1)
                self.line(ind, "}" + (" break;" if brk else " /* fallthrough */"))
            self.line(ind, "}")
        elif k == "break":
            self.line(ind, "break;")
        elif k == "continue":
            self.line(ind, "continue;")
        elif k == "return":
            self.line(ind, "return;" if s.val is None else "return %s;" % val_c(s.val))
        elif k == "goto":
            self.line(ind, "goto %s;" % s.label)
        elif k == "label":
            self.line(0, "%s:;" % s.label)
        elif k == "exit":
            self.line(ind, "exit(1);" if s.fn == "exit" else "abort();")
        else:
            raise ValueError(k)


def used_params(fn):
    used = set()
    for s in walk_stmts(fn.body):
        if s.k in ("if", "setcond"):
            used.update(names_in_cond(s.cond))
        if s.k == "switch":
            used.add("mode")
        for v in (getattr(s, "init", None), getattr(s, "val", None)):
            used.update(names_in_val(v))
        if s.k == "acqstmt":
            used.update(acq_names(s.acq))
        if s.k == "call":
            for a in s.args:
                used.update(names_in_val(a))
    return used


def emit_function(fn, minimal_params=False):
    """Return (lines, {site: (line index, col)})."""
    e = Emitter()
    e.line(0, "/* gen %s tags: %s */" % (fn.seedtag, ",".join(sorted(fn.tags))))
    rtype = "int " if fn.ret == "int" else "PGconn *"
    params = PARAMS
    if minimal_params:
        used = used_params(fn)
        params = ", ".join(p for p in PARAMS.split(", ") if p.split()[-1].lstrip("*") in used) or "void"
    e.line(0, "%s%s(%s) {" % (rtype, fn.name, params))
    e.block(fn.body, 1)
    e.line(0, "}")
    return e.lines, e.sites


def helpers_text(used=None):
    out = []
    for n, t in HELPERS:
        if used is None or n in used:
            out.append(t)
    return "\n".join(out) + "\n"


HELPER_DEPS = {"drop_conn": ["close_conn"]}


def used_helpers(fns):
    text = "\n".join("\n".join(emit_function(f)[0]) for f in fns)
    used = set(n for n in HELPER_NAMES if re.search(r"\b%s\(" % n, text))
    for n in list(used):
        used.update(HELPER_DEPS.get(n, []))
    return used


def emit_file(fns, minimal_helpers=False, minimal_params=False):
    """Return (text, {(fn name, site): (line, col)}, {fn name: (first, last line)})."""
    text = HEADER + "\n"
    text += helpers_text(used_helpers(fns) if minimal_helpers else None)
    lines = text.split("\n")[:-1]
    locs, ranges = {}, {}
    for fn in fns:
        lines.append("")
        flines, fsites = emit_function(fn, minimal_params)
        base = len(lines)
        lines.extend(flines)
        ranges[fn.name] = (base + 1, base + len(flines))
        for site, (li, col) in fsites.items():
            locs[(fn.name, site)] = (base + li + 1, col)
    return "\n".join(lines) + "\n", locs, ranges


def function_source(fn):
    return "\n".join(emit_function(fn)[0])


# --------------------------------------------------------------------------
# The oracle: an exact interpreter over sets of concrete states.
# --------------------------------------------------------------------------

class Reject(Exception):
    """The function has undefined/erroneous behaviour on some path, or is too big."""


UNINIT = "U"
MAX_STATES = 20000

# Object: (kind, site, life, status, parent)
#   kind: conn res db stmt;  site: int, or None for the caller's handles;
#   life: live rel esc foreign;  status: None (not yet chosen) | 'OK' | 'BAD'
#   parent: for stmt, the id of its db


RELAXATIONS = [
    # (mode, direction it can explain, what connleak assumes)
    ("fresh-params", "FP", "a parameter tested twice is two independent unknowns"),
    ("fresh-status", "FP", "each PQstatus/PQresultStatus (or helper) call is a new unknown"),
    ("saved-unknown", "FP", "a saved condition on a call result, a parameter or a sqlite3 handle is unknown"),
    ("loop-unknown", "FP", "a counted loop may run more iterations than its bound"),
    ("lost-before-exit", "FP", "a handle lost (scope end, never stored) before exit() leaks"),
    ("null-handle-calls", "FP", "a call on a NULL handle has no known result: PQexec(NULL, q) and "
     "sqlite3_prepare_v2(NULL, ...) may return a handle, PQstatus(NULL) may be OK, a helper's "
     "result for NULL is unknown"),
    ("close-always", "FN", "sqlite3_close/_v2 always close, even with unfinalized statements"),
    ("cond-release-sinks", "FN", "a helper that releases on some paths only takes the handle over"),
    ("out-helper-untracked", "FN", "a helper's out-parameter acquisition is not followed"),
    ("returns-arg-sinks", "FN", "a helper that releases or returns its argument takes it over"),
    ("caller-flag-release", "FN", "`if (p) release(h);` with no jump in its arms: on the edge that "
     "skips the release, the caller owns h (a caller's flag decides the owner)"),
]


def opaque_to_connleak(c):
    """Does a condition read something connleak has no value fact for (calls,
    parameters, the NULL-ness of a sqlite3 handle after a failed open)?"""
    for a in cond_atoms(c):
        if a[0] in ("param", "modeeq", "modene", "ext", "connbad", "connok_h", "resbad",
                    "resok_h", "stepok"):
            return True
        if a[0] == "isnull" and a[1].startswith("db"):
            return True
    return False


RELEVANT = {  # a relaxation can only change anything if the body contains ...
    "fresh-params": r"\b(p[012]|mode)\b",
    "fresh-status": r"\b(PQstatus|PQresultStatus|conn_ok|res_ok|check_conn)\(",
    "saved-unknown": r"^\s*int ok\d+ = ",
    "loop-unknown": r"\bfor \(",
    "lost-before-exit": r"\b(exit|abort)\(",
    "null-handle-calls": r"\b(PQexec|run_query|sqlite3_prepare_v2|PQstatus|PQresultStatus|conn_ok|res_ok|step_ok)\(",
    "close-always": r"\b(sqlite3_close|sqlite3_close_v2|close_db)\(",
    "cond-release-sinks": r"\bfinish_if\(",
    "out-helper-untracked": r"\bopen_db_out\(",
    "returns-arg-sinks": r"\bcheck_conn\(",
    "caller-flag-release": r"^\s*if \(!?p[012]\) \{",
}


def relevant_modes(fn, direction):
    body = "\n".join(emit_function(fn)[0][2:])
    return [m for m, d, _ in RELAXATIONS
            if (direction is None or d == direction) and re.search(RELEVANT[m], body, re.M)]


_EXPLAIN_CACHE = {}


def relaxed_leaks(fn, modes):
    """Leaking sites of fn under the relaxations `modes` (None if too big); cached."""
    key = (id(fn), tuple(sorted(modes)))
    if key not in _EXPLAIN_CACHE:
        try:
            _EXPLAIN_CACHE[key] = (fn, set(Oracle(fn, modes=modes).run().leaks))
        except Reject:
            _EXPLAIN_CACHE[key] = (fn, None)
    return _EXPLAIN_CACHE[key][1]


def explain(fn, site, direction):
    """Tags 'by-<mode>' for the single relaxations that turn the oracle's verdict on site
    into connleak's; 'by-combination' (and 'by-<m1>+<m2>' for each pair that does) if only
    several together do; else 'unexplained'."""
    want_leak = direction == "FP"
    tags = set()
    modes = relevant_modes(fn, direction)

    def verdict(ms):
        leaks = relaxed_leaks(fn, ms)
        return None if leaks is None else site in leaks

    for m in modes:
        if verdict([m]) == want_leak:
            tags.add("by-" + m)
    if not tags and len(modes) > 1 and verdict(modes) == want_leak:
        tags.add("by-combination")
        for i, m1 in enumerate(modes):
            for m2 in modes[i + 1:]:
                if verdict([m1, m2]) == want_leak:
                    tags.add("by-%s+%s" % (m1, m2))
    if not tags:
        tags.add("unexplained")
    return tags


class State:
    """v: variables in scope; o: objects; p: parameters read so far; lost: sites of
    live handles no variable refers to any more (they leak at a return, not at an
    exit()); tr: the path so far (not part of the key)."""
    __slots__ = ("v", "o", "p", "tr", "lost", "canonical", "k")

    def __init__(self, v, o, p, tr, lost=frozenset()):
        self.v, self.o, self.p, self.tr, self.lost = v, o, p, tr, lost
        self.canonical = False
        self.k = None

    def key(self):
        if self.k is None:
            self.k = (tuple(sorted(self.v.items())), self.o, tuple(sorted(self.p.items())), self.lost)
        return self.k

    def copy(self):
        return State(dict(self.v), self.o, dict(self.p), self.tr, self.lost)

    def canon(self):
        """Drop objects that can no longer matter and renumber the rest in the
        order they are reached from the variables, so equivalent states merge."""
        if self.canonical:
            return self
        roots = [x for _, x in sorted(self.v.items()) if isinstance(x, tuple)]
        roots += [x for _, x in sorted(self.p.items()) if isinstance(x, tuple)]
        order = []
        seen = set()

        def visit(i):
            if i not in seen:
                seen.add(i)
                order.append(i)
                par = self.o[i][4]
                if par is not None:
                    visit(par)

        for r in roots:
            visit(r[1])
        lost = set(self.lost)
        for i, ob in enumerate(self.o):
            if i in seen:
                continue
            # a live statement keeps its connection busy; a zombie waits for its statements
            if (ob[0] == "stmt" and ob[2] == "live") or ob[2] == "zombie":
                visit(i)
            elif ob[2] == "live" and ob[1] is not None:
                lost.add(ob[1])
        if len(order) == len(self.o) and order == list(range(len(order))) and len(lost) == len(self.lost):
            self.canonical = True
            return self
        remap = {old: new for new, old in enumerate(order)}
        objs = []
        for old in order:
            ob = self.o[old]
            par = remap.get(ob[4]) if ob[4] is not None else None
            objs.append(ob[:4] + (par,))

        def rm(x):
            return ("o", remap[x[1]]) if isinstance(x, tuple) else x

        n = State({k: rm(x) for k, x in self.v.items()}, tuple(objs),
                  {k: rm(x) for k, x in self.p.items()}, self.tr, frozenset(lost))
        n.canonical = True
        return n

    def note(self, ev):
        n = self.copy()
        n.tr = self.tr + (ev,)
        return n

    def setv(self, name, val):
        n = self.copy()
        n.v[name] = val
        return n

    def seto(self, i, ob):
        n = self.copy()
        o = list(n.o)
        o[i] = ob
        n.o = tuple(o)
        return n

    def newo(self, ob):
        n = self.copy()
        n.o = self.o + (ob,)
        return n, ("o", len(self.o))


def dedup(states):
    seen = {}
    for s in states:
        s = s.canon()
        k = s.key()
        if k not in seen:
            seen[k] = s
    if len(seen) > MAX_STATES:
        raise Reject("too many states")
    return list(seen.values())


class Out:
    def __init__(self):
        self.n, self.b, self.c, self.g = [], [], [], {}

    def add_g(self, label, states):
        self.g.setdefault(label, []).extend(states)

    def merge_jumps(self, other):
        self.b += other.b
        self.c += other.c
        for k, v in other.g.items():
            self.add_g(k, v)


class Oracle:
    """Runs one Fn over all paths.  leaks: {site: trace}; events: {site: set}."""

    def __init__(self, fn, line_of=None, modes=()):
        self.fn = fn
        self.leaks = {}
        self.events = {}
        self.sites = set()
        self.line_of = line_of or {}
        self.steps = 0
        # Relaxations (see RELAXATIONS): each adopts one of connleak's
        # assumptions; used only to explain disagreements.  With any of them
        # the interpreter is lenient about erroneous paths.
        self.modes = frozenset(modes)

    # -- helpers ----------------------------------------------------------
    def ub(self, s, msg):
        if self.modes:
            return
        raise Reject("%s (path: %s)" % (msg, "; ".join(s.tr)))

    def event(self, site, ev):
        if site is not None:
            self.events.setdefault(site, set()).add(ev)

    def where(self, acq):
        ln = self.line_of.get(acq.site)
        return "%s@L%s" % (acq.api, ln) if ln else "%s#%d" % (acq.api, acq.site)

    def param(self, s, name):
        """[(value, state)] reading a parameter (chosen once per call)."""
        if name in s.p:
            return [(s.p[name], s)]
        fresh = "fresh-params" in self.modes and name not in ("shared", "sdb")
        out = []
        if name in BOOL_PARAMS:
            doms = [0, 1]
        elif name == "mode":
            doms = list(MODE_VALUES)
        elif name in ("shared", "sdb"):
            doms = [0, "foreign"]
        else:
            raise ValueError(name)
        for d in doms:
            n = s.copy()
            if d == "foreign":
                n, ref = n.newo(("conn" if name == "shared" else "db", None, "foreign", None, None))
                d = ref
            if not fresh:
                n.p[name] = d
            out.append((d, n.note("%s=%s" % (name, "non-NULL" if isinstance(d, tuple) else d))))
        return out

    def read(self, s, val):
        """[(value, state)] for an rvalue ('var', v) / ('param', p) / ('int', n) / ('null',)."""
        k = val[0]
        if k == "int":
            return [(val[1], s)]
        if k == "null":
            return [(0, s)]
        if k == "param":
            return self.param(s, val[1])
        if k == "acq":
            return self.value(s, val)
        if k == "tern":
            out = []
            for b, n in self.cond(s, val[1]):
                out += self.acquire(n, val[2]) if b else [(0, n)]
            return out
        if k == "hcall":
            return self.call(s, val[1], val[2])
        if k == "var":
            x = s.v.get(val[1], UNINIT)
            if x == UNINIT:
                self.ub(s, "read of uninitialised %s" % val[1])
            if isinstance(x, tuple) and s.o[x[1]][2] in ("rel", "esc", "zombie"):
                self.ub(s, "read of %s, which holds a %s handle" % (
                    val[1], {"rel": "released", "esc": "handed-over", "zombie": "closed"}[s.o[x[1]][2]]))
            return [(x, s)]
        raise ValueError(k)

    def handle(self, s, val, what):
        """Read a handle argument: [(None | obj index, state)]."""
        out = []
        for x, n in self.read(s, val):
            if x == 0:
                out.append((None, n))
            elif isinstance(x, tuple):
                out.append((x[1], n))
            else:
                self.ub(n, "%s of a non-pointer" % what)
        return out

    def status(self, s, i, kind):
        """[(status, state)] of object i, choosing it on first read."""
        ob = s.o[i]
        if ob[3] is not None and not ("fresh-status" in self.modes and ob[2] != "foreign"):
            return [(ob[3], s)]
        out = []
        for st in ("OK", "BAD"):
            n = s.seto(i, ob[:3] + ((None if "fresh-status" in self.modes else st),) + ob[4:])
            out.append((st, n.note("%s status %s" % (kind, st))))
        return out

    # -- acquisitions -------------------------------------------------------
    def acquire(self, s, acq):
        """[(call value, state)]; out-parameters are written here."""
        a = acq.api
        self.sites.add(acq.site)
        self.steps += 1
        w = self.where(acq)
        out = []
        if a in ("PQconnectdb", "open_conn"):
            out.append((0, s.note("%s -> NULL" % w)))
            n, ref = s.newo(("conn", acq.site, "live", None, None))
            out.append((ref, n.note("%s -> conn" % w)))
        elif a == "open_checked":
            out.append((0, s.note("%s -> NULL" % w)))
            n, ref = s.newo(("conn", acq.site, "live", "OK", None))
            out.append((ref, n.note("%s -> conn" % w)))
        elif a in ("PQexec", "run_query"):
            for ci, n in self.handle(s, ("var", acq.src) if not acq.src in ("shared",) else ("param", acq.src), a):
                if ci is None:
                    out.append((0, n.note("%s(NULL) -> NULL" % w)))
                    if "null-handle-calls" in self.modes:
                        m2, ref = n.newo(("res", acq.site, "live", None, None))
                        out.append((ref, m2.note("%s(NULL) -> result" % w)))
                    continue
                for st, m in self.status(n, ci, "conn"):
                    after = m
                    if st == "OK":  # I/O: the status may change afterwards
                        ob = m.o[ci]
                        after = m.seto(ci, ob[:3] + (None,) + ob[4:])
                    out.append((0, after.note("%s -> NULL" % w)))
                    if a == "PQexec":
                        stats = ["BAD"] if st == "BAD" else [None]
                    else:
                        stats = [] if st == "BAD" else ["OK"]
                    for rs in stats:
                        m2, ref = after.newo(("res", acq.site, "live", rs, None))
                        out.append((ref, m2.note("%s -> result" % w)))
        elif a in ("sqlite3_open", "open_db_out"):
            life = "untracked" if (a == "open_db_out" and "out-helper-untracked" in self.modes) else "live"
            n, ref = s.newo(("db", acq.site, life, None, None))
            out.append((0, n.setv(acq.dst, ref).note("%s -> OK" % w)))
            out.append((1, n.setv(acq.dst, ref).note("%s -> error, db allocated" % w)))
            out.append((7, s.setv(acq.dst, 0).note("%s -> NOMEM, db NULL" % w)))
        elif a == "sqlite3_prepare_v2":
            src = ("param", acq.src) if acq.src == "sdb" else ("var", acq.src)
            for di, n in self.handle(s, src, a):
                if di is None:
                    out.append((21, n.setv(acq.dst, 0).note("%s(NULL db) -> MISUSE" % w)))
                    if "null-handle-calls" in self.modes:
                        m, ref = n.newo(("stmt", acq.site, "live", None, None))
                        out.append((0, m.setv(acq.dst, ref).note("%s(NULL db) -> OK" % w)))
                    continue
                m, ref = n.newo(("stmt", acq.site, "live", None, di))
                out.append((0, m.setv(acq.dst, ref).note("%s -> OK" % w)))
                out.append((1, n.setv(acq.dst, 0).note("%s -> error, stmt NULL" % w)))
        else:
            raise ValueError(a)
        return out

    # -- caller-flag-release ----------------------------------------------------
    @staticmethod
    def _released_vars(stmts):
        out = set()
        for x in walk_stmts(stmts or []):
            if x.k == "call" and (x.fn in RELEASE_FN or x.fn == "cleanup_both"):
                for a in x.args:
                    if a[0] == "var":
                        out.add(a[1])
        return out

    @staticmethod
    def _jumps(stmts):
        return any(x.k in ("break", "continue", "return", "goto") for x in walk_stmts(stmts or []))

    def caller_flag_edges(self, st, t, e):
        """connleak's callerOwnsOnEdge: `if (p) release(h);` (p a parameter, maybe negated,
        no jump in either arm): on the edge that skips the release, h is handed over."""
        c = st.cond[1] if st.cond[0] == "not" else st.cond
        if c[0] != "param" or self._jumps(st.then) or self._jumps(st.els):
            return t, e
        rt, re_ = self._released_vars(st.then), self._released_vars(st.els)

        def hand_over(states, names):
            out = []
            for n in states:
                for v in sorted(names):
                    x = n.v.get(v)
                    if isinstance(x, tuple) and n.o[x[1]][2] == "live":
                        ob = n.o[x[1]]
                        n = n.seto(x[1], ob[:2] + ("esc",) + ob[3:]).note("%s: caller's flag" % v)
                out.append(n)
            return out
        return hand_over(t, re_ - rt), hand_over(e, rt - re_)

    # -- calls ----------------------------------------------------------------
    def release(self, s, i, kind, fn):
        if i is None:
            return s
        ob = s.o[i]
        if ob[0] != kind:
            self.ub(s, "%s of a %s" % (fn, ob[0]))
        if ob[2] == "untracked":
            return s
        if ob[2] == "foreign":
            self.ub(s, "%s of the caller's handle" % fn)
        if ob[2] != "live":
            self.ub(s, "%s of a %s handle" % (fn, ob[2]))
        if kind == "db" and "close-always" not in self.modes:
            busy = any(o[0] == "stmt" and o[4] == i and o[2] == "live" for o in s.o)
            if busy and fn == "sqlite3_close_v2":
                self.event(ob[1], "zombie-close")
                return s.seto(i, ob[:2] + ("zombie",) + ob[3:]).note(
                    "%s -> zombie until its statements are finalized" % fn)
            if busy:
                self.event(ob[1], "busy-close")
                return s.note("%s -> SQLITE_BUSY (unfinalized statement), still open" % fn)
        n = s.seto(i, ob[:2] + ("rel",) + ob[3:]).note("%s" % fn)
        if kind == "stmt" and ob[4] is not None:
            d = n.o[ob[4]]
            if d[2] == "zombie" and not any(
                    o[0] == "stmt" and o[4] == ob[4] and o[2] == "live" for o in n.o):
                n = n.seto(ob[4], d[:2] + ("rel",) + d[3:]).note("zombie db freed")
        return n

    def call(self, s, fn, args):
        """[(return value, state)] of a call statement or helper call."""
        if fn in RELEASE_FN:
            kind = RELEASE_FN[fn]
            return [(0, self.release(n, i, kind, fn)) for i, n in self.handle(s, args[0], fn)]
        if fn == "cleanup_both":  # PQclear(r); PQfinish(c);
            out = []
            for i, n in self.handle(s, args[0], fn):
                for j, m in self.handle(n, args[1], fn):
                    m = self.release(m, i, "res", "PQclear")
                    out.append((0, self.release(m, j, "conn", "PQfinish")))
            return out
        if fn == "check_conn":  # NULL and PQfinish if not OK, else the argument
            out = []
            for i, n in self.handle(s, args[0], fn):
                if i is None:
                    out.append((0, n))
                    continue
                if n.o[i][2] not in ("live", "foreign", "untracked"):
                    self.ub(n, "%s of a %s handle" % (fn, n.o[i][2]))
                if "returns-arg-sinks" in self.modes:
                    n = n.seto(i, n.o[i][:2] + ("untracked",) + n.o[i][3:])
                for st, m in self.status(n, i, "conn"):
                    if st == "OK":
                        out.append((("o", i), m))
                    else:
                        out.append((0, self.release(m, i, "conn", fn)))
            return out
        if fn == "res_ok":
            out = []
            for i, n in self.handle(s, args[0], fn):
                if i is None:
                    out.append((0, n))
                    if "null-handle-calls" in self.modes:
                        out.append((1, n))
                else:
                    if n.o[i][2] != "live":
                        self.ub(n, "%s of a %s handle" % (fn, n.o[i][2]))
                    out += [(1 if st == "OK" else 0, m) for st, m in self.status(n, i, "result")]
            return out
        if fn == "finish_if":
            out = []
            for i, n in self.handle(s, args[0], fn):
                if "cond-release-sinks" in self.modes:
                    if i is not None:
                        n = n.seto(i, n.o[i][:2] + ("untracked",) + n.o[i][3:])
                    out.append((0, n))
                    continue
                for f, m in self.read(n, args[1]):
                    if f:
                        out.append((0, self.release(m, i, "conn", fn)))
                    else:
                        if i is not None:
                            self.event(m.o[i][1], "finish-if-skipped")
                        out.append((0, m))
            return out
        if fn in BORROW_FN or fn in ("conn_ok", "step_ok"):
            out = []
            for i, n in self.handle(s, args[0], fn):
                if i is not None and n.o[i][2] not in ("live", "foreign", "untracked"):
                    self.ub(n, "%s of a %s handle" % (fn, n.o[i][2]))
                if fn in ("conn_ok", "step_ok") and i is None and "null-handle-calls" in self.modes:
                    out += [(0, n), (1, n)]
                elif fn == "conn_ok":
                    if i is None:
                        out.append((0, n))
                    else:
                        out += [(1 if st == "OK" else 0, m) for st, m in self.status(n, i, "conn")]
                elif fn == "step_ok":
                    if i is None:
                        out.append((0, n))
                    else:
                        out += [(0, n.note("step -> DONE")), (1, n.note("step -> ROW"))]
                else:
                    out.append((0, n))
            return out
        if fn == "pool_put":
            out = []
            for i, n in self.handle(s, args[0], fn):
                if i is None:
                    out.append((0, n))
                    continue
                ob = n.o[i]
                if ob[2] == "untracked":
                    out.append((0, n))
                    continue
                if ob[2] != "live":
                    self.ub(n, "pool_put of a %s handle" % ob[2])
                out.append((0, n.seto(i, ob[:2] + ("esc",) + ob[3:]).note("pool_put")))
            return out
        raise ValueError(fn)

    # -- conditions -----------------------------------------------------------
    def cond(self, s, c):
        """[(bool, state)]"""
        k = c[0]
        if k == "param":
            return [(bool(v), n) for v, n in self.param(s, c[1])]
        if k == "int":
            return [(bool(c[1]), s)]
        if k in ("modeeq", "modene"):
            return [((v == c[1]) == (k == "modeeq"), n) for v, n in self.param(s, "mode")]
        if k == "ext":
            return [(False, s.note("ext_cond()=0")), (True, s.note("ext_cond()=1"))]
        if k == "flag":
            return [(bool(v), n) for v, n in self.read(s, ("var", c[1]))]
        if k == "not":
            return [(not b, n) for b, n in self.cond(s, c[1])]
        if k in ("or", "and"):
            out = []
            for b, n in self.cond(s, c[1]):
                if (k == "or" and b) or (k == "and" and not b):
                    out.append((b, n))
                else:
                    out += self.cond(n, c[2])
            return out
        if k == "isnull":
            return [(i is None, n) for i, n in self.handle(s, ("var", c[1]), "null test")]
        if k == "connbad":
            out = []
            for i, n in self.handle(s, ("var", c[1]), "PQstatus"):
                if i is None:
                    out.append((True, n))
                    if "null-handle-calls" in self.modes:
                        out.append((False, n))
                else:
                    if n.o[i][2] not in ("live", "foreign", "untracked"):
                        self.ub(n, "PQstatus of a %s handle" % n.o[i][2])
                    out += [(st != "OK", m) for st, m in self.status(n, i, "conn")]
            return out
        if k == "connok_h":
            return [(bool(v), n) for v, n in self.call(s, "conn_ok", [("var", c[1])])]
        if k == "stepok":
            return [(bool(v), n) for v, n in self.call(s, "step_ok", [("var", c[1])])]
        if k == "resbad":
            out = []
            for i, n in self.handle(s, ("var", c[1]), "PQresultStatus"):
                if i is None:
                    out.append((True, n))
                    if "null-handle-calls" in self.modes:
                        out.append((False, n))
                else:
                    if n.o[i][2] != "live":
                        self.ub(n, "PQresultStatus of a %s handle" % n.o[i][2])
                    out += [(st != "OK", m) for st, m in self.status(n, i, "result")]
            return out
        if k == "rcbad":
            return [(v != 0, n) for v, n in self.read(s, ("var", c[1]))]
        if k == "acqbad":
            return [(v != 0, n) for v, n in self.acquire(s, c[1])]
        if k == "acqnull":
            return [(v == 0, n.setv(c[1], v)) for v, n in self.acquire(s, c[2])]
        if k == "resok_h":
            return [(bool(v), n) for v, n in self.call(s, "res_ok", [("var", c[1])])]
        raise ValueError(k)

    def value(self, s, v):
        if v[0] == "acq":
            acq = v[1]
            if acq.api in OUT_PARAM_APIS:
                raise ValueError("out-parameter acquisition used as a value")
            return self.acquire(s, acq)
        return self.read(s, v)

    # -- statements -------------------------------------------------------------
    def exit_path(self, s, retval):
        """A return: every live object of this call leaks, except the returned one."""
        for site in s.lost:
            if site not in self.leaks:
                self.leaks[site] = s.tr + ("(the handle was lost before)",)
        for i, ob in enumerate(s.o):
            if ob[2] in ("live", "zombie") and ob[1] is not None and ("o", i) != retval:
                if ob[1] not in self.leaks:
                    self.leaks[ob[1]] = s.tr

    def block(self, stmts, states):
        out = Out()
        cur = states
        declared = []
        for st in stmts:
            if st.k == "label":
                cur = cur + out.g.pop(st.label, [])
                continue
            if not cur:
                continue
            if st.k == "decl":
                declared.append(st.var)
            r = self.stmt(st, dedup(cur))
            out.merge_jumps(r)
            cur = r.n
        out.n = cur
        if declared:
            def drop(lst):
                res = []
                for s in lst:
                    n = s.copy()
                    for v in declared:
                        n.v.pop(v, None)
                    res.append(n)
                return res
            out.n, out.b, out.c = drop(out.n), drop(out.b), drop(out.c)
            out.g = {k: drop(v) for k, v in out.g.items()}
        return out

    def stmt(self, st, states):
        k = st.k
        out = Out()
        self.steps += len(states)
        if k in ("decl", "assign"):
            init = st.init if k == "decl" else st.val
            for s in states:
                if init is None:
                    out.n.append(s.setv(st.var, UNINIT))
                else:
                    out.n += [n.setv(st.var, x) for x, n in self.value(s, init)]
        elif k == "setcond":
            for s in states:
                for b, n in self.cond(s, st.cond):
                    if "saved-unknown" in self.modes and opaque_to_connleak(st.cond):
                        out.n += [n.setv(st.var, 0), n.setv(st.var, 1)]
                    else:
                        out.n.append(n.setv(st.var, int(b)))
        elif k == "acqstmt":
            for s in states:
                for rc, n in self.acquire(s, st.acq):
                    out.n.append(n.setv(st.rc, rc) if st.rc else n)
        elif k == "call":
            for s in states:
                out.n += [n for _, n in self.call(s, st.fn, st.args)]
        elif k == "if":
            t, e = [], []
            for s in states:
                for b, n in self.cond(s, st.cond):
                    (t if b else e).append(n)
            if "caller-flag-release" in self.modes:
                t, e = self.caller_flag_edges(st, t, e)
            r1 = self.block(st.then, t)
            out.n += r1.n
            out.merge_jumps(r1)
            if st.els is not None:
                r2 = self.block(st.els, e)
                out.n += r2.n
                out.merge_jumps(r2)
            else:
                out.n += e
        elif k == "for":
            cur = states
            # loop-unknown: the trip count is unknown after the first test (1..K+1)
            unknown = "loop-unknown" in self.modes and not getattr(st, "dowhile", False)
            for it in range(st.K + (1 if unknown else 0)):
                if not cur:
                    break
                r = self.block(st.body, dedup(cur))
                out.n += r.b
                for lab, v in r.g.items():
                    out.add_g(lab, v)
                cur = r.n + r.c
                if unknown:
                    out.n += cur
            if not unknown:
                out.n += cur
        elif k == "switch":
            labels = [c[0] for c in st.cases]
            entries = [[] for _ in st.cases]
            for s in states:
                for m, n in self.param(s, "mode"):
                    if m in labels:
                        entries[labels.index(m)].append(n)
                    elif "default" in labels:
                        entries[labels.index("default")].append(n)
                    else:
                        out.n.append(n)
            cur = []
            for j, (lab, body, brk) in enumerate(st.cases):
                cur = cur + entries[j]
                r = self.block(body, dedup(cur) if cur else [])
                out.c += r.c
                for lab2, v in r.g.items():
                    out.add_g(lab2, v)
                out.n += r.b
                if brk:
                    out.n += r.n
                    cur = []
                else:
                    cur = r.n
            out.n += cur
        elif k == "break":
            out.b = list(states)
        elif k == "continue":
            out.c = list(states)
        elif k == "goto":
            out.add_g(st.label, states)
        elif k == "exit":
            if "lost-before-exit" in self.modes:
                # handles no variable in scope refers to were lost before the exit
                for s in states:
                    for site in s.lost:
                        self.leaks.setdefault(site, s.tr + ("exit() after the handle was lost",))
                    held = set(x for x in s.v.values() if isinstance(x, tuple))
                    for i, ob in enumerate(s.o):
                        if ob[2] == "live" and ob[1] is not None and ("o", i) not in held:
                            self.leaks.setdefault(ob[1], s.tr + ("exit() after the handle was lost",))
        elif k == "return":
            for s in states:
                if st.val is None:
                    self.exit_path(s, None)
                else:
                    for x, n in self.read(s, st.val):
                        if isinstance(x, tuple) and n.o[x[1]][2] == "live":
                            self.event(n.o[x[1]][1], "returned")
                        self.exit_path(n, x)
        else:
            raise ValueError(k)
        if self.steps > 400000:
            raise Reject("too much work")
        return out

    def run(self):
        s0 = State({}, (), {}, ())
        r = self.block(self.fn.body, [s0])
        if r.b or r.c or r.g:
            raise ValueError("stray break/continue/goto in %s" % self.fn.name)
        for s in r.n:  # falling off the end
            if self.fn.ret == "int":
                self.ub(s, "falls off the end of a non-void function")
            self.exit_path(s, None)
        return self


def acqs_in(x):
    """Acquisitions inside an expression (tuple), argument list or Acq."""
    if isinstance(x, Acq):
        return [x]
    if isinstance(x, (tuple, list)):
        res = []
        for y in x:
            res += acqs_in(y)
        return res
    return []


def stmt_acqs(s):
    """Acquisitions of one statement, not of its nested statements."""
    res = []
    for f in ("init", "val", "cond", "args", "acq"):
        res += acqs_in(getattr(s, f, None))
    return res


def all_sites(stmts):
    res = []
    for s in walk_stmts(stmts):
        res += stmt_acqs(s)
    return res


# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------

HELD = ("held", "maybe")


def join_state(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if a == b:
        return a
    if "uninit" in (a, b):
        return "uninit"
    if "gone" in (a, b) or "moved" in (a, b):
        return "gone"
    if isinstance(a, tuple) or isinstance(b, tuple):
        return "gone"
    # held / maybe / null
    return "maybe"


def join_T(t1, t2):
    if t1 is None:
        return t2
    if t2 is None:
        return t1
    out = {}
    for v in set(t1) | set(t2):
        if v in t1 and v in t2:
            out[v] = join_state(t1[v], t2[v])
    return out


class Ctx:
    def __init__(self, depth=0, loop=None, switch=None):
        self.depth = depth
        self.loop = loop        # dict(outer=set of vars, brk=[T...]) of the innermost loop
        self.switch = switch    # dict(brk=[T...]) of the innermost switch (None inside a loop in it)
        self.loop_locals = []   # handle vars declared inside the innermost loop (all its blocks)

    def nested(self):
        c = Ctx(self.depth + 1, self.loop, self.switch)
        c.loop_locals = self.loop_locals
        return c


class Gen:
    def __init__(self, rng, name, seedtag):
        self.r = rng
        self.name = name
        self.seedtag = seedtag
        self.style = "goto" if rng.random() < 0.35 else "inline"
        self.ret = "conn" if (self.style == "inline" and rng.random() < 0.12) else "int"
        self.kind = {}
        self.nvar = 0
        self.nsite = 0
        self.top_decls = []
        self.flags_of = {}      # handle var -> flag var
        self.budget = rng.randint(2, 5)  # acquisitions
        self.labels = ["out"]
        self.ret_var = None
        self.p_leak = rng.choice([0.05, 0.15, 0.3])

    # -- small helpers --------------------------------------------------------
    def chance(self, p):
        return self.r.random() < p

    def fresh(self, prefix):
        self.nvar += 1
        return "%s%d" % (prefix, self.nvar)

    def site(self, api, **kw):
        self.nsite += 1
        return Acq(self.nsite, api, **kw)

    def unknown_cond(self):
        x = self.r.random()
        if x < 0.45:
            c = ("param", self.r.choice(BOOL_PARAMS))
            return ("not", c) if self.chance(0.3) else c
        if x < 0.7:
            return ("ext",)
        k = self.r.randint(0, 2)
        return ("modeeq", k) if self.chance(0.7) else ("modene", k)

    def release_stmts(self, v, T, keep_going):
        """Statements releasing v (state held/maybe/null/flag)."""
        kind = self.kind[v]
        st = T[v]
        direct, helper = RELEASES[kind]
        if kind == "db" and self.chance(0.25):
            direct = "sqlite3_close_v2"
        if kind == "conn" and self.chance(0.3):
            helper = "drop_conn"
        x = self.r.random()
        if kind == "conn" and x < 0.07 and not isinstance(st, tuple):
            f = self.r.choice([("param", self.r.choice(BOOL_PARAMS)), ("int", 1)])
            call = [S("call", fn="finish_if", args=[("var", v), f], void=False)]
        elif x < 0.3:
            call = [S("call", fn=helper, args=[("var", v)], void=False)]
        elif x < 0.45 and not isinstance(st, tuple):
            call = [S("if", cond=("not", ("isnull", v, self.r.choice(["bang", "eq"]))),
                      then=[S("call", fn=direct, args=[("var", v)], void=False)], els=None)]
        else:
            call = [S("call", fn=direct, args=[("var", v)], void=False)]
        if isinstance(st, tuple):  # flag-guarded
            f = st[1]
            body = call + ([S("assign", var=f, val=("int", 0))] if keep_going else [])
            return [S("if", cond=("flag", f), then=body, els=None)]
        if keep_going and self.style == "goto":
            call.append(S("assign", var=v, val=("null",)))
        if v in self.cond_of and self.chance(0.5):
            # released under the condition it was acquired under
            call = [S("if", cond=self.cond_of[v], then=call, els=None)]
            self.tags.add("cond-release")
        return call

    def releasable(self, T, v):
        st = T.get(v)
        return st in HELD or isinstance(st, tuple)

    def leave_releases(self, T, vars_):
        """Release (mostly) each var of vars_ before leaving them (reverse order)."""
        out = []
        vars_ = list(vars_)
        rs = [v for v in vars_ if self.kind[v] == "res" and T.get(v) in HELD and v not in self.cond_of]
        cs = [v for v in vars_ if self.kind[v] == "conn" and T.get(v) in HELD and v not in self.cond_of
              and v != self.ret_var]
        if rs and cs and self.chance(0.25):
            r, c = rs[-1], cs[-1]
            out.append(S("call", fn="cleanup_both", args=[("var", r), ("var", c)], void=False))
            vars_ = [v for v in vars_ if v not in (r, c)]
            self.tags.add("helper-two-handles")
        for v in reversed(vars_):
            if self.releasable(T, v) and not self.chance(self.p_leak):
                out += self.release_stmts(v, T, False)
        return out

    # -- exits ------------------------------------------------------------------
    def exit_stmts(self, T, ctx, scope, what=None):
        """A terminating tail: releases, then return/goto/exit/break/continue."""
        opts = ["return"] * 4
        if self.style == "goto":
            opts += ["goto"] * 8
        if ctx.loop is not None:
            opts += ["break", "continue"] * 4
        if ctx.switch is not None:
            opts += ["sbreak"]
        opts += ["exit"]
        what = what or self.r.choice(opts)
        all_vars = [v for v in self.order if v in T]
        if what == "exit":
            return [S("exit", fn=self.r.choice(["exit", "abort"]))], what
        if what in ("break", "continue"):
            rel = self.leave_releases(T, [v for v in ctx.loop_locals if v in T])
            ctx.loop["brk" if what == "break" else "cont"].append(None)
            return rel + [S(what)], what
        if what == "sbreak":
            ctx.switch["brk"].append(dict(T))
            # leaving the case block only: release the case-local handles
            rel = self.leave_releases(T, [v for v in scope if v in T])
            T2 = dict(T)
            for v in scope:
                T2.pop(v, None)
            ctx.switch["brk"][-1] = T2
            return rel + [S("break")], what
        if what == "goto":
            tops = set(self.top_handles)
            rel = self.leave_releases(T, [v for v in all_vars if v not in tops])
            lab = self.r.choice(self.labels)
            pre = [S("assign", var="rc", val=("int", -1))] if self.chance(0.5) else []
            return rel + pre + [S("goto", label=lab)], what
        # return
        rel = []
        for v in reversed(all_vars):
            if v == self.ret_var:
                continue
            if self.releasable(T, v) and not self.chance(self.p_leak):
                rel += self.release_stmts(v, T, False)
        if self.ret == "conn":
            others = [v for v in all_vars if v != self.ret_var and self.kind[v] == "conn"
                      and T.get(v) == "held" and v not in self.cond_of]
            if others and self.ret_var in T and self.chance(0.3):
                o = self.r.choice(others)
                rel = []
                for v in reversed(all_vars):
                    if v != o and self.releasable(T, v) and not self.chance(self.p_leak):
                        rel += self.release_stmts(v, T, False)
                self.tags.add("returns-other-handle")
                return rel + [S("return", val=("var", o))], what
            return rel + [S("return", val=("null",))], what
        return rel + [S("return", val=("int", -1))], what

    # -- acquisitions -------------------------------------------------------------
    def declare(self, v, ctype, init, out, scope, ctx, T, st):
        """Declare a handle var (at the top in goto style, unless in a loop)."""
        if self.style == "goto" and ctx.loop is None:
            self.top_decls.append(S("decl", ctype=ctype, var=v, init=("null",)))
            self.top_handles.append(v)
            self.order.append(v)
            if init is not None and init[0] != "null":
                out.append(S("assign", var=v, val=init))
        else:
            out.append(S("decl", ctype=ctype, var=v, init=init))
            scope.append(v)
            self.order.append(v)
            if ctx.loop is not None:
                ctx.loop_locals.append(v)
        T[v] = st

    def fail_cond(self, kind, v, rc, api):
        r = self.r
        if kind == "conn":
            if api == "open_checked":
                return ("isnull", v, r.choice(["bang", "eq"]))
            return r.choice([("connbad", v), ("connbad", v), ("isnull", v, "bang"),
                             ("not", ("connok_h", v)),
                             ("or", ("isnull", v, "bang"), ("connbad", v))])
        if kind == "res":
            if api == "run_query":
                return ("isnull", v, r.choice(["bang", "eq"]))
            return r.choice([("resbad", v), ("resbad", v), ("isnull", v, r.choice(["bang", "eq"])),
                             ("or", ("isnull", v, "bang"), ("resbad", v)), ("not", ("resok_h", v))])
        if kind in ("db", "stmt"):
            if rc is not None:
                return ("rcbad", rc, r.choice(["ne", "ne", "plain"]))
            return ("isnull", v, r.choice(["bang", "eq"]))
        raise ValueError(kind)

    def gen_acquire(self, T, ctx, scope, out):
        r = self.r
        conns = [v for v in self.order if T.get(v) in HELD and self.kind[v] == "conn"]
        dbs = [v for v in self.order if T.get(v) in HELD and self.kind[v] == "db"]
        kinds = ["conn", "conn", "db"]
        if conns or r.random() < 0.3:
            kinds += ["res", "res", "res"]
        if dbs or r.random() < 0.3:
            kinds += ["stmt", "stmt", "stmt"]
        kind = r.choice(kinds)
        self.budget -= 1
        self.tags.add(kind)
        v = self.fresh({"conn": "c", "res": "r", "db": "db", "stmt": "st"}[kind])
        self.kind[v] = kind
        rc = None
        form = None
        if kind in ("conn", "res"):
            if kind == "conn":
                api = r.choice(["PQconnectdb"] * 5 + ["open_conn", "open_checked"])
                acq = self.site(api)
            else:
                api = r.choice(["PQexec"] * 4 + ["run_query"])
                src = r.choice(conns) if conns and r.random() < 0.8 else "shared"
                acq = self.site(api, src=src)
            reuse = [u for u in self.order if self.kind[u] == kind and T.get(u) in ("gone", "null")
                     and u not in self.flags_of and u != self.ret_var
                     and not (ctx.loop is not None and u in ctx.loop["outer"])]
            if reuse and self.chance(0.3):
                # a second acquisition into a variable whose handle was released
                u = r.choice(reuse)
                del self.kind[v]
                out.append(S("assign", var=u, val=("acq", acq)))
                T[u] = "held"
                self.cond_of.pop(u, None)
                self.tags.add("var-reuse")
                return
            if self.chance(0.15):
                # T *v = NULL; if ((v = acquire()) == NULL) { ... }
                self.declare(v, CTYPE[kind] + " *", ("null",), out, scope, ctx, T, "held")
                T_fail = dict(T)
                T_fail[v] = "null"
                body, _ = self.exit_stmts(T_fail, ctx, scope)
                out.append(S("if", cond=("acqnull", v, acq, r.choice(["bang", "eq"])), then=body, els=None))
                self.tags.add("assign-in-condition")
                return
            self.declare(v, CTYPE[kind] + " *", ("acq", acq), out, scope, ctx, T, "held")
            if kind == "conn" and self.chance(0.08):
                out.append(S("assign", var=v, val=("hcall", "check_conn", [("var", v)])))
                self.tags.add("helper-returns-arg")
            if api in ("PQconnectdb", "open_conn") and self.chance(0.2) and self.ret_var is None:
                # int owned = 1; ... if (owned) release
                f = self.fresh("own")
                self.flags_of[v] = f
                if self.style == "goto" and ctx.loop is None:
                    self.top_decls.append(S("decl", ctype="int", var=f, init=("int", 0)))
                    out.append(S("assign", var=f, val=("int", 1)))
                else:
                    out.append(S("decl", ctype="int", var=f, init=("int", 1)))
                T[v] = ("flag", f)
                self.tags.add("flag")
        else:
            if kind == "db":
                api = r.choice(["sqlite3_open"] * 4 + ["open_db_out"])
                acq = self.site(api, dst=v)
            else:
                api = "sqlite3_prepare_v2"
                src = r.choice(dbs) if dbs and r.random() < 0.8 else "sdb"
                acq = self.site(api, src=src, dst=v)
            init = ("null",) if (self.style == "goto" or self.chance(0.6)) else None
            self.declare(v, CTYPE[kind] + " *", None, out, scope, ctx, T, "null" if init else "uninit")
            if init is None:
                out[-1].init = None
            form = r.choice(["rc", "rc", "if", "plain"])
            if form == "rc":
                rc = self.fresh("rc")
                if self.style == "goto" and ctx.loop is None:
                    self.top_decls.append(S("decl", ctype="int", var=rc, init=("int", 0)))
                    out.append(S("acqstmt", acq=acq, rc=rc, declrc=False))
                else:
                    out.append(S("acqstmt", acq=acq, rc=rc, declrc=True))
            elif form == "plain":
                out.append(S("acqstmt", acq=acq, rc=None, declrc=False))
            T[v] = "held"
        # the check after the acquisition
        if form == "if":
            T_fail = dict(T)
            body, _ = self.exit_stmts(T_fail, ctx, scope)
            out.append(S("if", cond=("acqbad", acq), then=body, els=None))
            self.tags.add("status-inline")
            return
        if self.chance(0.75):
            cond = self.fail_cond(kind, v, rc, acq.api)
            T_fail = dict(T)
            if self.chance(0.2) and not isinstance(T[v], tuple):
                # the status saved in a flag first
                okv = self.fresh("ok")
                out.append(S("setcond", var=okv, cond=("not", no_bang(cond))))
                cond = ("not", ("flag", okv))
                self.tags.add("saved-status")
            if self.chance(0.8):
                body, _ = self.exit_stmts(T_fail, ctx, scope)
                out.append(S("if", cond=cond, then=body, els=None))
            else:
                # the success block holds the rest of the work on this handle
                okc = ("not", cond)
                T_ok = dict(T)
                inner, Tn = self.gen_block(T_ok, ctx.nested(), 2)
                out.append(S("if", cond=okc, then=inner, els=None))
                for k2 in T:
                    if Tn is not None and k2 in Tn:
                        T[k2] = join_state(T[k2], Tn[k2])
                self.tags.add("ok-block")

    # -- other actions ---------------------------------------------------------
    def gen_use(self, T, ctx, out):
        cands = [v for v in self.order if T.get(v) in HELD or (isinstance(T.get(v), tuple))]
        if not cands:
            return False
        v = self.r.choice(cands)
        kind = self.kind[v]
        if kind == "conn":
            s = self.r.choice([S("call", fn="use_conn", args=[("var", v)], void=False),
                               S("call", fn="PQstatus", args=[("var", v)], void=True)])
        elif kind == "res":
            s = S("call", fn="res_rows", args=[("var", v)], void=True)
        elif kind == "db":
            s = S("call", fn="db_exec", args=[("var", v)], void=True)
        else:
            inner, _ = self.gen_block(dict(T), ctx.nested(), 1, allow_acq=False)
            s = S("if", cond=("stepok", v), then=inner or [S("call", fn="db_exec", args=[("param", "sdb")], void=True)], els=None)
        if isinstance(T[v], tuple):
            s = S("if", cond=("flag", T[v][1]), then=[s], els=None)
        self.tags.add("borrow")
        out.append(s)
        return True

    def gen_release(self, T, ctx, out):
        cands = [v for v in self.order if self.releasable(T, v)
                 and not (ctx.loop is not None and v in ctx.loop["outer"])
                 and v != self.ret_var]
        if not cands:
            return False
        v = self.r.choice(cands)
        out += self.release_stmts(v, T, True)
        if isinstance(T[v], tuple):
            T[v] = "gone" if self.style != "goto" else T[v]
        else:
            T[v] = "null" if self.style == "goto" else "gone"
        self.tags.add("mid-release")
        return True

    def gen_unstored(self, T, ctx, out):
        """PQclear(PQexec(c, q)); and the mistakes PQexec(c, q); res_rows(PQexec(c, q));"""
        conns = [v for v in self.order if T.get(v) in HELD and self.kind[v] == "conn"]
        src = self.r.choice(conns) if conns and self.chance(0.8) else "shared"
        self.budget -= 1
        if self.chance(0.3):
            acq = self.site(self.r.choice(["PQconnectdb", "open_conn"]))
            fn = self.r.choice(["PQfinish", "close_conn", "drop_conn", "close_conn", "use_conn", "pool_put"])
            out.append(S("call", fn=fn, args=[("acq", acq)], void=False))
            self.tags.add("unstored")
            return True
        acq = self.site(self.r.choice(["PQexec", "PQexec", "run_query"]), src=src)
        x = self.r.random()
        if x < 0.6:
            out.append(S("call", fn=self.r.choice(["PQclear", "PQclear", "clear_res"]), args=[("acq", acq)], void=False))
        elif x < 0.8:
            out.append(S("acqstmt", acq=acq, rc=None, declrc=False))
        else:
            out.append(S("call", fn="res_rows", args=[("acq", acq)], void=True))
        self.tags.add("unstored")
        return True

    def gen_sink(self, T, ctx, out):
        cands = [v for v in self.order if T.get(v) in HELD and self.kind[v] == "conn"
                 and not (ctx.loop is not None and v in ctx.loop["outer"]) and v != self.ret_var]
        if not cands:
            return False
        v = self.r.choice(cands)
        out.append(S("call", fn="pool_put", args=[("var", v)], void=False))
        if self.style == "goto":
            out.append(S("assign", var=v, val=("null",)))
            T[v] = "null"
        else:
            T[v] = "gone"
        self.tags.add("sink")
        return True

    def gen_flag_acquire(self, T, ctx, scope, out):
        """PGconn *c = NULL; int own = 0; if (X) { c = acquire; own = 1; } [else c = shared;]"""
        v = self.fresh("c")
        f = self.fresh("own")
        self.kind[v] = "conn"
        self.budget -= 1
        api = self.r.choice(["PQconnectdb", "PQconnectdb", "open_conn"])
        acq = self.site(api)
        self.declare(v, "PGconn *", ("null",), out, scope, ctx, T, "null")
        if self.style == "goto" and ctx.loop is None:
            self.top_decls.append(S("decl", ctype="int", var=f, init=("int", 0)))
        else:
            out.append(S("decl", ctype="int", var=f, init=("int", 0)))
        then = [S("assign", var=v, val=("acq", acq)), S("assign", var=f, val=("int", 1))]
        els = [S("assign", var=v, val=("param", "shared"))] if self.chance(0.5) else None
        out.append(S("if", cond=self.unknown_cond(), then=then, els=els))
        T[v] = ("flag", f)
        self.flags_of[v] = f
        self.tags.update(["flag", "cond-acquire"])

    def gen_cond_acquire(self, T, ctx, scope, out):
        """T *v = NULL; if (X) v = acquire; ... later released (maybe under X again)."""
        kind = self.r.choice(["conn", "res"]) if any(
            T.get(c) in HELD and self.kind[c] == "conn" for c in self.order) else "conn"
        v = self.fresh("c" if kind == "conn" else "r")
        self.kind[v] = kind
        self.budget -= 1
        if kind == "conn":
            acq = self.site(self.r.choice(["PQconnectdb", "open_conn"]))
        else:
            src = self.r.choice([c for c in self.order if T.get(c) in HELD and self.kind[c] == "conn"])
            acq = self.site("PQexec", src=src)
        cond = self.unknown_cond()
        held = [u for u in self.order if T.get(u) == "held" and self.kind[u] in ("conn", "res")
                and u not in self.cond_of and u != acq.src]
        if held and self.chance(0.25):
            # acquired only if another handle's status is OK (and released under the same test)
            u = self.r.choice(held)
            cond = ("not", ("connbad", u)) if self.kind[u] == "conn" else ("not", ("resbad", u))
            self.tags.add("status-cond")
        if self.chance(0.4):
            self.declare(v, CTYPE[kind] + " *", ("tern", cond, acq), out, scope, ctx, T, "maybe")
            self.tags.add("ternary")
        else:
            self.declare(v, CTYPE[kind] + " *", ("null",), out, scope, ctx, T, "null")
            out.append(S("if", cond=cond, then=[S("assign", var=v, val=("acq", acq))], els=None))
        T[v] = "maybe"
        self.cond_of[v] = cond
        self.tags.add("cond-acquire")

    def gen_retry(self, T, ctx, scope, out):
        """for (...) { c = PQconnectdb(ci); if (ok) break; PQfinish(c); c = NULL; }"""
        v = self.fresh("c")
        self.kind[v] = "conn"
        self.budget -= 1
        self.declare(v, "PGconn *", ("null",), out, scope, ctx, T, "null")
        iv = self.fresh("i")
        acq = self.site(self.r.choice(["PQconnectdb", "open_conn"]))
        body = [S("assign", var=v, val=("acq", acq)),
                S("if", cond=self.r.choice([("not", ("connbad", v)), ("connok_h", v)]),
                  then=[S("break")], els=None)]
        if not self.chance(self.p_leak):
            body.append(S("call", fn=self.r.choice(["PQfinish", "close_conn"]), args=[("var", v)], void=False))
            body.append(S("assign", var=v, val=("null",)))
        else:
            self.tags.add("retry-overwrite")
        out.append(S("for", var=iv, K=self.r.randint(1, 3), body=body))
        T[v] = "maybe"
        self.tags.update(["loop", "retry"])

    def gen_alias(self, T, ctx, scope, out):
        cands = [v for v in self.order if T.get(v) in HELD and v != self.ret_var
                 and not (ctx.loop is not None and v in ctx.loop["outer"])
                 and v not in self.top_handles]
        if not cands or self.style == "goto":
            return False
        v = self.r.choice(cands)
        a = self.fresh("a")
        self.kind[a] = self.kind[v]
        out.append(S("decl", ctype=CTYPE[self.kind[v]] + " *", var=a, init=("var", v)))
        scope.append(a)
        self.order.append(a)
        if ctx.loop is not None:
            ctx.loop_locals.append(a)
        T[a] = T[v]
        T[v] = "moved"
        self.tags.add("alias")
        return True

    # -- blocks ----------------------------------------------------------------------
    def gen_block(self, T, ctx, n, allow_acq=True, scope=None):
        """Generate up to n actions; returns (stmts, T at the end or None if no path
        falls through).  Handles declared in this block are released (mostly) at its end."""
        out = []
        own_scope = scope is None
        if scope is None:
            scope = []
        r = self.r
        for _ in range(n):
            x = r.random()
            deep = ctx.depth < 3
            if allow_acq and self.budget > 0 and x < 0.38:
                y = r.random()
                if y < 0.12 and not (ctx.loop and False):
                    self.gen_flag_acquire(T, ctx, scope, out)
                elif y < 0.24:
                    self.gen_cond_acquire(T, ctx, scope, out)
                elif y < 0.3 and ctx.depth < 2:
                    self.gen_retry(T, ctx, scope, out)
                else:
                    self.gen_acquire(T, ctx, scope, out)
            elif x < 0.47:
                self.gen_use(T, ctx, out)
            elif x < 0.55:
                self.gen_release(T, ctx, out) or self.gen_use(T, ctx, out)
            elif x < 0.555:
                self.gen_sink(T, ctx, out)
            elif x < 0.57:
                if allow_acq and self.budget > 0:
                    self.gen_unstored(T, ctx, out)
            elif x < 0.59:
                self.gen_alias(T, ctx, scope, out)
            elif x < 0.69 and deep:
                # if (unknown) { ... } [else { ... }]
                c = self.unknown_cond()
                t1, T1 = self.gen_block(dict(T), ctx.nested(), r.randint(1, 3), allow_acq)
                if r.random() < 0.4:
                    t2, T2 = self.gen_block(dict(T), ctx.nested(), r.randint(1, 2), allow_acq)
                else:
                    t2, T2 = None, dict(T)
                out.append(S("if", cond=c, then=t1 or [S("call", fn="use_conn", args=[("param", "shared")], void=False)], els=t2 or None))
                Tj = join_T(T1, T2)
                if Tj is None:
                    return out, None
                for k in list(T):
                    T[k] = Tj.get(k, T[k])
            elif x < 0.78:
                # early exit
                body, _ = self.exit_stmts(dict(T), ctx, scope)
                out.append(S("if", cond=self.unknown_cond(), then=body, els=None))
                self.tags.add("early-exit")
            elif x < 0.86 and deep and ctx.depth < 2:
                self.gen_loop(T, ctx, out, allow_acq)
            elif x < 0.92 and deep and ctx.depth < 2:
                res = self.gen_switch(T, ctx, out, allow_acq)
                if res is None:
                    return out, None
            else:
                self.gen_use(T, ctx, out)
        if own_scope:
            rel = self.leave_releases(T, [v for v in scope if v in T and v != self.ret_var])
            out += rel
            for v in scope:
                T.pop(v, None)
        return out, T

    def gen_loop(self, T, ctx, out, allow_acq):
        iv = self.fresh("i")
        lctx = Ctx(ctx.depth + 1, dict(outer=set(v for v in T), brk=[], cont=[]), None)
        body, Tb = self.gen_block(dict(T), lctx, self.r.randint(1, 3), allow_acq)
        dw = self.chance(0.25)
        out.append(S("for", var=iv, K=1 if dw else self.r.randint(1, 3), dowhile=dw,
                     body=body or [S("call", fn="use_conn", args=[("param", "shared")], void=False)]))
        self.tags.add("do-while" if dw else "loop")
        if any(s.k in ("break", "continue") for s in walk_stmts(body)):
            self.tags.add("break-continue")

    def gen_switch(self, T, ctx, out, allow_acq):
        sw = dict(brk=[])
        labels = self.r.sample([0, 1, 2], self.r.randint(1, 3))
        labels.sort()
        if self.chance(0.7):
            labels.append("default")
        cases = []
        Tin = dict(T)
        Tfall = None
        ends = []
        for j, lab in enumerate(labels):
            sctx = Ctx(ctx.depth + 1, ctx.loop, sw)
            sctx.loop_locals = ctx.loop_locals
            Tentry = join_T(Tin, Tfall) if Tfall is not None else dict(Tin)
            body, Tb = self.gen_block(dict(Tentry), sctx, self.r.randint(1, 2), allow_acq)
            brk = self.chance(0.8) or j == len(labels) - 1 and self.chance(0.5)
            if brk or j == len(labels) - 1:
                ends.append(Tb)
                Tfall = None
            else:
                Tfall = Tb
                self.tags.add("fallthrough")
            cases.append((lab, body, brk))
        if "default" not in labels:
            ends.append(dict(Tin))
        ends += sw["brk"]
        Tj = None
        for e in ends:
            Tj = join_T(Tj, e) if Tj is not None else (dict(e) if e is not None else None)
        out.append(S("switch", cases=cases))
        self.tags.add("switch")
        if Tj is None:
            return None
        for k in list(T):
            T[k] = Tj.get(k, "gone")
        return True

    # -- the function -------------------------------------------------------------------
    def wide_function(self):
        """Many independent `if (ext_cond()) { c = PQconnectdb(ci); f = 1; }` ...
        `if (f) PQfinish(c);` pairs (the state cap of design.md, limitation 1)."""
        n = self.r.randint(5, 7)
        body, rel = [], []
        self.tags = set(["inline", "wide", "flag", "cond-acquire", "wide-%d" % n])
        if n >= 7:
            self.tags.add("many-pairs")
        for k in range(n):
            c, f = "c%d" % k, "f%d" % k
            body.append(S("decl", ctype="PGconn *", var=c, init=("null",)))
            body.append(S("decl", ctype="int", var=f, init=("int", 0)))
        for k in range(n):
            c, f = "c%d" % k, "f%d" % k
            acq = self.site("PQconnectdb")
            body.append(S("if", cond=("ext",), then=[S("assign", var=c, val=("acq", acq)),
                                                     S("assign", var=f, val=("int", 1))], els=None))
            rel.append(S("if", cond=("flag", f), then=[S("call", fn="PQfinish", args=[("var", c)], void=False)], els=None))
        if self.chance(self.p_leak * 2):
            del rel[self.r.randrange(len(rel))]
        body += rel + [S("return", val=("int", 0))]
        return Fn(self.name, "int", body, self.tags | analyse_tags(body), self.seedtag)

    def function(self):
        if self.style == "inline" and self.ret == "int" and self.chance(0.03):
            return self.wide_function()
        self.tags = set([self.style])
        self.top_handles = []
        self.order = []
        self.cond_of = {}
        T = {}
        ctx = Ctx()
        if self.style == "goto" and self.chance(0.3):
            self.labels = ["out", "out2"]
        scope = []
        body = []
        # the first acquisition is the returned one in handle-returning functions
        if self.ret == "conn":
            v = self.fresh("c")
            self.kind[v] = "conn"
            acq = self.site(self.r.choice(["PQconnectdb", "open_conn"]))
            self.declare(v, "PGconn *", ("acq", acq), body, scope, ctx, T, "held")
            self.ret_var = v
            self.budget -= 1
            self.tags.add("ret-handle")
            if self.chance(0.6):
                body.append(S("if", cond=self.fail_cond("conn", v, None, acq.api),
                              then=self.leave_releases({v: "held"}, [v]) +
                              [S("return", val=("null",))], els=None))
        n = self.r.randint(3, 6)
        stmts, Tend = self.gen_block(T, ctx, n, True, scope=scope)
        body += stmts
        if self.style == "goto":
            decls = [S("decl", ctype="int", var="rc", init=("int", 0))] + self.top_decls
            tail = []
            if Tend is not None:
                tail.append(S("assign", var="rc", val=("int", 0)))
            tail.append(S("label", label="out"))
            rels = []
            for v in reversed(self.top_handles):
                if self.chance(self.p_leak):
                    continue
                kind = self.kind[v]
                f = self.flags_of.get(v)
                direct, helper = RELEASES[kind]
                call = S("call", fn=self.r.choice([direct, direct, helper]), args=[("var", v)], void=False)
                if f is not None:
                    rels.append(S("if", cond=("flag", f), then=[call], els=None))
                elif self.chance(0.5):
                    rels.append(S("if", cond=("not", ("isnull", v, "bang")), then=[call], els=None))
                else:
                    rels.append(call)
            if "out2" in self.labels:
                pos = self.r.randint(0, len(rels))
                rels.insert(pos, S("label", label="out2"))
            tail += rels
            tail.append(S("return", val=("var", "rc")))
            # loop-/block-local handles are left to their blocks
            body = decls + body + tail
            self.tags.add("goto")
        else:
            if Tend is not None:
                rel = []
                for v in reversed(scope):
                    if v == self.ret_var or v not in Tend:
                        continue
                    if self.releasable(Tend, v) and not self.chance(self.p_leak):
                        rel += self.release_stmts(v, Tend, False)
                body += rel
                if self.ret == "conn":
                    body.append(S("return", val=("var", self.ret_var)))
                else:
                    body.append(S("return", val=("int", 0)))
        tags = set(self.tags)
        tags |= analyse_tags(body)
        return Fn(self.name, self.ret, body, tags, self.seedtag)


def no_bang(c):
    """The condition with `!p` written `p == NULL` (an int initialiser needs a comparison)."""
    if c[0] == "isnull":
        return ("isnull", c[1], "eq")
    return tuple(no_bang(x) if isinstance(x, tuple) else x for x in c)


def walk_stmts(stmts):
    for s in stmts:
        yield s
        for ch in s.children():
            yield from walk_stmts(ch)


def cond_atoms(c):
    if not isinstance(c, tuple):
        return []
    res = [c]
    for x in c[1:]:
        if isinstance(x, tuple):
            res += cond_atoms(x)
    return res


def analyse_tags(body):
    """Tags read off the IR (not the generator's intentions)."""
    tags = set()
    param_uses = {}
    mode_uses = 0
    status_reads = {}
    for s in walk_stmts(body):
        if s.k == "if":
            for a in cond_atoms(s.cond):
                if a[0] == "param":
                    param_uses[a[1]] = param_uses.get(a[1], 0) + 1
                if a[0] in ("modeeq", "modene"):
                    mode_uses += 1
                if a[0] == "ext":
                    tags.add("ext")
                if a[0] in ("connbad", "connok_h", "resbad"):
                    status_reads[a[1]] = status_reads.get(a[1], 0) + 1
                if a[0] == "flag":
                    tags.add("flag-test")
        if s.k == "switch":
            mode_uses += 1
        if s.k == "call":
            if s.fn in ("close_conn", "clear_res", "close_db", "finalize_stmt"):
                tags.add("helper-release")
            if s.fn == "finish_if":
                tags.add("helper-cond-release")
                for a in s.args[1:]:
                    if a[0] == "param":
                        param_uses[a[1]] = param_uses.get(a[1], 0) + 1
            if s.fn in ("use_conn", "res_rows", "db_exec"):
                tags.add("helper-borrow")
        if s.k == "exit":
            tags.add("exit")
    sites = all_sites(body)
    if len(sites) >= 7:
        tags.add("many-sites")
    for a in sites:
        if a.api in ("open_conn", "open_checked", "run_query"):
            tags.add("helper-acquire")
        if a.api == "open_db_out":
            tags.add("helper-out-param")
    if any(n >= 2 for n in param_uses.values()):
        tags.add("param-reuse")
    if mode_uses >= 2:
        tags.add("mode-reuse")
    if any(n >= 2 for n in status_reads.values()):
        tags.add("status-reuse")
    return tags


def generate(seed, count, max_tries=50):
    """count functions (Fn, Oracle) with their stats."""
    rng = random.Random(seed)
    fns = []
    stats = {"generated": 0, "rejected-ub": 0, "rejected-big": 0, "reject-reasons": {}}
    for i in range(count):
        for _ in range(max_tries):
            stats["generated"] += 1
            g = Gen(random.Random(rng.getrandbits(64)), "f%d_%d" % (seed, i), "%d:%d" % (seed, i))
            fn = g.function()
            try:
                orc = Oracle(fn).run()
            except Reject as e:
                msg = str(e)
                key = "rejected-big" if msg.startswith("too") else "rejected-ub"
                stats[key] += 1
                short = msg.split(" (path")[0]
                short = re.sub(r"\b(c|r|db|st|a|own|rc)\d+\b", r"\1N", short)
                stats["reject-reasons"][short] = stats["reject-reasons"].get(short, 0) + 1
                continue
            fns.append((fn, orc))
            break
        else:
            raise RuntimeError("could not generate a valid function for %d:%d" % (seed, i))
    return fns, stats


# --------------------------------------------------------------------------
# Running clang-tidy and comparing
# --------------------------------------------------------------------------

CHECK = "connleak-unreleased-handle"
WARN_RE = re.compile(r"^(.*?):(\d+):(\d+): warning: (.*) \[" + re.escape(CHECK) + r"\]$")
NOTE_RE = re.compile(r"^(.*?):(\d+):(\d+): note: (.*)$")
CRASH_MARKERS = ("Stack dump", "PLEASE submit a bug report", "ERROR: AddressSanitizer",
                 "runtime error:", "LLVM ERROR", "Assertion", "Segmentation fault")
COMPILE_ERROR_MARKERS = ("error:",)


def find_clang_tidy(explicit):
    """--clang-tidy, else $CLANG_TIDY (check_connleak.py's override, also set by the
    sanitized lit configuration), else clang-tidy-19 on PATH, else LLVM 19's."""
    if explicit:
        return explicit
    if os.environ.get("CLANG_TIDY"):
        return os.environ["CLANG_TIDY"]
    for c in ("clang-tidy-19", "/usr/lib/llvm-19/bin/clang-tidy"):
        p = shutil.which(c) or (c if os.access(c, os.X_OK) else None)
        if p:
            return p
    return "clang-tidy-19"


def pq_cflags():
    try:
        out = subprocess.run(["pkg-config", "--cflags", "libpq"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout.decode().strip()
    except OSError:
        out = ""
    return out.split() or ["-I/usr/include/postgresql"]


def run_tidy(clang_tidy, plugin, path, timeout=300):
    cmd = [clang_tidy, "--load=" + plugin, "-checks=-*," + CHECK, "--config={}", path,
           "--", "-std=c17"] + pq_cflags()
    t0 = time.time()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=timeout)
        out, rc = p.stdout.decode("utf-8", "replace"), p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b"").decode("utf-8", "replace") + "\n[timeout]", -999
    return dict(cmd=cmd, out=out, rc=rc, secs=time.time() - t0)


def parse_tidy(out, path):
    """{(line, col): (message, [notes])}"""
    res = {}
    last = None
    base = os.path.basename(path)
    for l in out.splitlines():
        m = WARN_RE.match(l)
        if m and os.path.basename(m.group(1)) == base:
            last = (int(m.group(2)), int(m.group(3)))
            res.setdefault(last, (m.group(4), []))
            continue
        m = NOTE_RE.match(l)
        if m and last is not None:
            res[last][1].append("%s:%s: %s" % (m.group(2), m.group(3), m.group(4)))
    return res


def crash_of(r):
    out = r["out"]
    if r["rc"] == -999:
        return "timeout"
    if r["rc"] < 0:
        return "killed by signal %d" % -r["rc"]
    for m in CRASH_MARKERS:
        if m in out:
            return "output contains %r (exit code %d)" % (m, r["rc"])
    if r["rc"] != 0:
        if "error:" in out:
            return None  # reported as a compile error
        return "exit code %d" % r["rc"]
    return None


def compile_error_of(r):
    errs = [l for l in r["out"].splitlines() if ": error:" in l]
    errs += [l for l in r["out"].splitlines() if "Error while processing" in l]
    return errs[0] if errs else None


class Limitation:
    def __init__(self, name, direction, tags, line):
        self.name, self.direction, self.tags, self.line = name, direction, tags, line


def load_known(path):
    res = []
    if not path or not os.path.exists(path):
        return res
    with open(path) as f:
        for n, l in enumerate(f, 1):
            l = l.split("#", 1)[0].strip()
            if not l:
                continue
            parts = l.split()
            if len(parts) != 3 or parts[1] not in ("FP", "FN", "LOC"):
                raise SystemExit("%s:%d: expected '<name> <FP|FN|LOC> <tag>[+<tag>...]'" % (path, n))
            res.append(Limitation(parts[0], parts[1], set(parts[2].split("+")), n))
    return res


def classify(d, known):
    for k in known:
        if k.direction == d["dir"] and k.tags <= d["tags"]:
            return k.name
    return None


def compare(fns, text, locs, ranges, parsed):
    """Disagreements of one file; returns (n sites, agree, [disagreement])."""
    by_loc = {v: k for k, v in locs.items()}
    out = []
    nsites = agree = 0
    fmap = {fn.name: (fn, orc) for fn, orc in fns}
    for fn, orc in fns:
        for site in sorted(orc.sites):
            nsites += 1
            loc = locs.get((fn.name, site))
            oracle_leak = site in orc.leaks
            reported = loc in parsed
            if oracle_leak == reported:
                agree += 1
                continue
            tags = set(fn.tags) | orc.events.get(site, set())
            tags.add("site-" + site_api(fn, site))
            tags |= explain(fn, site, "FN" if oracle_leak else "FP")
            out.append(dict(fn=fn, orc=orc, site=site, loc=loc, dir="FN" if oracle_leak else "FP",
                            tags=tags, report=parsed.get(loc)))
    for loc, rep in parsed.items():
        if loc in by_loc:
            continue
        owner = None
        for name, (a, b) in ranges.items():
            if a <= loc[0] <= b:
                owner = name
        if owner is None:
            out.append(dict(fn=None, orc=None, site=None, loc=loc, dir="LOC", tags={"prelude"},
                            report=rep))
        else:
            fn, orc = fmap[owner]
            out.append(dict(fn=fn, orc=orc, site=None, loc=loc, dir="LOC",
                            tags=set(fn.tags) | {"stray-location"}, report=rep))
    return nsites, agree, out


def model_check(fns, locs, parsed):
    """Sites where connleak differs from the oracle run with every relaxation on:
    connleak's own documented model.  Informational: a residual is an engine
    behaviour no relaxation describes, or a place where connleak is more precise."""
    res = []
    for fn, orc in fns:
        allm = relevant_modes(fn, None)
        try:
            mo = Oracle(fn, modes=allm).run() if allm else orc
        except Reject:
            continue
        for site in sorted(orc.sites):
            rep = locs[(fn.name, site)] in parsed
            if rep != (site in mo.leaks):
                res.append((fn, site, "connleak %s, model oracle %s" % (
                    "reports" if rep else "is silent", "leaks" if site in mo.leaks else "no leak")))
    return res


def site_api(fn, site):
    for a in all_sites(fn.body):
        if a.site == site:
            return a.api
    return "?"


def describe(d, text_lines=None):
    fn, orc = d["fn"], d["orc"]
    lines = []
    if fn is None:
        lines.append("report outside any generated function at %s:%s: %s" % (d["loc"] + (d["report"][0],)))
        return "\n".join(lines)
    flines, fsites = emit_function(fn)
    site = d["site"]
    if site is not None:
        li, col = fsites[site]
        lines.append("%s %s, site %s (%s at function line %d col %d, file %s:%s) [%s]" % (
            d["dir"], fn.name, site, site_api(fn, site), li + 1, col, d["loc"][0], d["loc"][1],
            ",".join(sorted(d["tags"]))))
    else:
        lines.append("LOC %s: report at %s:%s matches no acquisition site" % (fn.name, d["loc"][0], d["loc"][1]))
    if d.get("class"):
        lines.append("  known limitation: %s" % d["class"])
    for i, l in enumerate(flines):
        mark = ">>" if site is not None and i == fsites[site][0] else "  "
        lines.append("  %s %3d | %s" % (mark, i + 1, l))
    if site is not None:
        if d["dir"] == "FN":
            lines.append("  oracle: LEAKS; witness path: %s" % "; ".join(orc.leaks[site]))
            lines.append("  connleak: no report")
        else:
            lines.append("  oracle: no leak on any path")
    if d["report"]:
        lines.append("  connleak: warning: %s" % d["report"][0])
        for n in d["report"][1]:
            lines.append("            note %s" % n)
    return "\n".join(lines)


def check_files(batches, workdir, clang_tidy, plugin, jobs):
    """Write and analyse each batch; returns per-file results."""
    files = []
    for idx, fns in enumerate(batches):
        text, locs, ranges = emit_file([f for f, _ in fns])
        path = os.path.join(workdir, "gen_%03d.c" % idx)
        with open(path, "w") as f:
            f.write(text)
        files.append(dict(path=path, fns=fns, text=text, locs=locs, ranges=ranges))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        results = list(ex.map(lambda fl: run_tidy(clang_tidy, plugin, fl["path"]), files))
    for fl, r in zip(files, results):
        fl["tidy"] = r
    return files


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def run_campaign(args, known):
    t0 = time.time()
    clang_tidy = find_clang_tidy(args.clang_tidy)
    all_fns = []
    gstats = {}
    for seed in args.seed:
        fns, st = generate(seed, args.count)
        all_fns += fns
        for k, v in st.items():
            if isinstance(v, dict):
                for k2, v2 in v.items():
                    gstats.setdefault(k, {})[k2] = gstats.get(k, {}).get(k2, 0) + v2
            else:
                gstats[k] = gstats.get(k, 0) + v
    t_gen = time.time() - t0
    batches = [all_fns[i:i + args.batch] for i in range(0, len(all_fns), args.batch)]
    workdir = args.workdir or tempfile.mkdtemp(prefix="connleak-gen-")
    os.makedirs(workdir, exist_ok=True)
    files = check_files(batches, workdir, clang_tidy, args.plugin, args.jobs)
    crashes, compile_errors = [], []
    nsites = agree = 0
    disagreements = []
    model_residuals = []
    for fl in files:
        r = fl["tidy"]
        c = crash_of(r)
        if c:
            crashes.append((fl["path"], c, r["out"]))
            continue
        ce = compile_error_of(r)
        if ce:
            compile_errors.append((fl["path"], ce))
            continue
        parsed = parse_tidy(r["out"], fl["path"])
        n, a, ds = compare(fl["fns"], fl["text"], fl["locs"], fl["ranges"], parsed)
        if args.model_check:
            model_residuals += model_check(fl["fns"], fl["locs"], parsed)
        nsites += n
        agree += a
        for d in ds:
            d["file"] = fl["path"]
        disagreements += ds
    for d in disagreements:
        d["class"] = classify(d, known)
    unknown = [d for d in disagreements if not d["class"]]
    known_d = [d for d in disagreements if d["class"]]
    elapsed = time.time() - t0
    nd = len([d for d in disagreements if d["site"] is not None])
    rate = (agree / nsites) if nsites else 1.0
    print("programs=%d functions=%d sites=%d agree=%d disagree=%d rate=%.4f crashes=%d" % (
        len(files), len(all_fns), nsites, agree, nsites - agree, rate, len(crashes)))
    print("  seeds=%s stray-reports=%d compile-errors=%d known=%d unknown=%d time=%.1fs "
          "(generate+oracle %.1fs, clang-tidy max %.1fs/file)" % (
              ",".join(map(str, args.seed)), len(disagreements) - nd, len(compile_errors),
              len(known_d), len(unknown), elapsed, t_gen,
              max([fl["tidy"]["secs"] for fl in files] or [0])))
    print("  generator: tried=%d rejected(ub)=%d rejected(size)=%d" % (
        gstats["generated"], gstats["rejected-ub"], gstats["rejected-big"]))
    if args.verbose and gstats.get("reject-reasons"):
        for k, v in sorted(gstats["reject-reasons"].items(), key=lambda kv: -kv[1]):
            print("    %5d  %s" % (v, k))
    counts = {}
    for d in known_d:
        counts[(d["class"], d["dir"])] = counts.get((d["class"], d["dir"]), 0) + 1
    for k in known:
        if counts.get((k.name, k.direction)):
            print("  known %-28s %s %4d" % (k.name, k.direction, counts[(k.name, k.direction)]))
    if args.model_check:
        print("  model check: %d site(s) where connleak differs from the oracle with all "
              "relaxations on (informational)" % len(model_residuals))
        for fn, site, what in model_residuals[:args.max_show]:
            print()
            print("MODEL %s site %d: %s" % (fn.name, site, what))
            print(function_source(fn))
    unseen = sorted(set("%s %s" % (k.name, k.direction) for k in known
                        if not counts.get((k.name, k.direction))))
    if unseen and args.verbose:
        print("  known classes not seen in this run: %s" % ", ".join(unseen))
    for path, c, out in crashes:
        print("CRASH %s: %s" % (path, c))
        print("\n".join("    " + l for l in out.splitlines()[-40:]))
    for path, ce in compile_errors:
        print("COMPILE ERROR %s: %s" % (path, ce))
    shown = unknown if not args.show_known else disagreements
    for d in shown[:args.max_show]:
        print()
        print(("UNKNOWN " if not d["class"] else "") + describe(d))
    if len(shown) > args.max_show:
        print("... %d more" % (len(shown) - args.max_show))
    if args.reduce:
        reduce_all(disagreements if args.show_known else unknown, clang_tidy, args.plugin, workdir,
                   known, args.reduce_per_class)
    if not args.keep and not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print("files kept in %s" % workdir)
    ok = not crashes and not compile_errors and not unknown and nsites > 0
    if args.min_rate is not None and rate < args.min_rate:
        print("FAIL: agreement rate %.4f below --min-rate %.4f" % (rate, args.min_rate))
        ok = False
    print("RESULT: %s" % ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, action="append", help="generator seed (repeatable)")
    ap.add_argument("--count", type=int, default=100, help="functions per seed")
    ap.add_argument("--batch", type=int, default=20, help="functions per translation unit")
    ap.add_argument("--plugin", help="libconnleak.so")
    ap.add_argument("--clang-tidy", dest="clang_tidy",
                    help="clang-tidy-19 binary (default: $CLANG_TIDY, else clang-tidy-19 on PATH)")
    ap.add_argument("--jobs", "-j", type=int, default=2, help="clang-tidy processes at a time")
    ap.add_argument("--known", default=os.path.join(HERE, "known-limitations.txt"),
                    help="the known classes of disagreement")
    ap.add_argument("--workdir", help="write the programs here (kept)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--max-show", type=int, default=20, help="list at most this many disagreements")
    ap.add_argument("--show-known", action="store_true", help="list known disagreements too")
    ap.add_argument("--min-rate", type=float, help="also fail below this agreement rate")
    ap.add_argument("--reduce", action="store_true", help="minimise each listed disagreement")
    ap.add_argument("--reduce-per-class", type=int, default=3,
                    help="with --reduce: at most this many per class (default 3)")
    ap.add_argument("--model-check", action="store_true",
                    help="also compare with the oracle under all relaxations (informational)")
    ap.add_argument("--self-test", action="store_true", help="check the oracle on hand-written programs")
    ap.add_argument("--emit", action="store_true", help="print the generated functions and verdicts")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    if args.self_test:
        return self_test()
    if not args.seed:
        args.seed = [1]
    if args.emit:
        for seed in args.seed:
            fns, _ = generate(seed, args.count)
            for fn, orc in fns:
                print(function_source(fn))
                print("/* oracle: leaking sites %s of %s */\n" % (sorted(orc.leaks), sorted(orc.sites)))
        return 0
    if not args.plugin:
        ap.error("--plugin is required")
    if not os.path.isfile(args.plugin):
        print("plugin %s not found" % args.plugin)
        return 2
    known = load_known(args.known)
    return run_campaign(args, known)


def self_test():
    """Hand-written programs with known answers: checks the oracle itself."""

    def A(site, api, src=None, dst=None):
        return Acq(site, api, src=src, dst=dst)

    def decl(t, v, init=("null",)):
        return S("decl", ctype=t, var=v, init=init)

    def acq(v, a):
        return S("assign", var=v, val=("acq", a))

    def call(fn, *args):
        return S("call", fn=fn, args=[a if isinstance(a, tuple) else ("var", a) for a in args], void=False)

    def IF(c, then, els=None):
        return S("if", cond=c, then=then, els=els)

    def ret(v=("int", 0)):
        return S("return", val=v)

    def FOR(K, body):
        return S("for", var="i", K=K, body=body)

    conn, res, db, stmt = "PGconn *", "PGresult *", "sqlite3 *", "sqlite3_stmt *"
    OK = ("not", ("connbad", "c"))
    cases = [
        ("straight leak", [decl(conn, "c", ("acq", A(1, "PQconnectdb"))), ret()], {1}),
        ("released", [decl(conn, "c", ("acq", A(1, "PQconnectdb"))), call("PQfinish", "c"), ret()], set()),
        ("failed connection must be finished",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
          IF(("connbad", "c"), [ret(("int", -1))]), call("PQfinish", "c"), ret()], {1}),
        ("null connection needs no finish",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
          IF(("isnull", "c", "bang"), [ret(("int", -1))]), call("PQfinish", "c"), ret()], set()),
        ("null result needs no clear",
         [decl(res, "r", ("acq", A(1, "PQexec", src="shared"))),
          IF(("isnull", "r", "bang"), [ret(("int", -1))]), call("PQclear", "r"), ret()], set()),
        ("error result must be cleared",
         [decl(res, "r", ("acq", A(1, "PQexec", src="shared"))),
          IF(("resbad", "r"), [ret(("int", -1))]), call("PQclear", "r"), ret()], {1}),
        ("parameter read twice is the same value",
         [decl(conn, "c"), IF(("param", "p0"), [acq("c", A(1, "PQconnectdb"))]),
          IF(("param", "p0"), [call("PQfinish", "c")]), ret()], set()),
        ("ext_cond() is fresh each time",
         [decl(conn, "c"), IF(("ext",), [acq("c", A(1, "PQconnectdb"))]),
          IF(("ext",), [call("PQfinish", "c")]), ret()], {1}),
        ("owned flag",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))), decl("int", "own", ("int", 1)),
          IF(("param", "p1"), [call("PQfinish", "c"), S("assign", var="own", val=("int", 0))]),
          IF(("flag", "own"), [call("PQfinish", "c")]), ret()], set()),
        ("inverted flag: double PQfinish is rejected",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))), decl("int", "own", ("int", 1)),
          IF(("param", "p1"), [call("PQfinish", "c"), S("assign", var="own", val=("int", 0))]),
          IF(("not", ("flag", "own")), [call("PQfinish", "c")]), ret()], "reject"),
        ("retry loop overwrites a failed attempt (K=2)",
         [decl(conn, "c"), FOR(2, [acq("c", A(1, "PQconnectdb")), IF(OK, [S("break")])]),
          call("PQfinish", "c"), ret()], {1}),
        ("retry loop with one iteration does not",
         [decl(conn, "c"), FOR(1, [acq("c", A(1, "PQconnectdb")), IF(OK, [S("break")])]),
          call("PQfinish", "c"), ret()], set()),
        ("switch fallthrough reaches the release",
         [decl(conn, "c"), S("switch", cases=[(0, [acq("c", A(1, "PQconnectdb"))], False),
                                               (1, [call("PQfinish", "c")], True)]), ret()], set()),
        ("switch break skips the release",
         [decl(conn, "c"), S("switch", cases=[(0, [acq("c", A(1, "PQconnectdb"))], True),
                                               (1, [call("PQfinish", "c")], True)]), ret()], {1}),
        ("break in a switch in a loop leaves the switch only",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
          FOR(1, [S("switch", cases=[(0, [S("break")], True), ("default", [], True)]),
                  call("PQfinish", "c")]), ret()], set()),
        ("continue in a switch in a loop skips the rest of the loop body",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
          FOR(1, [S("switch", cases=[(0, [S("continue")], True), ("default", [], True)]),
                  call("PQfinish", "c")]), ret()], {1}),
        ("loop-local result skipped by continue",
         [FOR(2, [decl(res, "r", ("acq", A(1, "PQexec", src="shared"))),
                  IF(("param", "p0"), [S("continue")]), call("PQclear", "r")]), ret()], {1}),
        ("failed sqlite3_open must be closed",
         [decl(db, "db", None), S("acqstmt", acq=A(1, "sqlite3_open", dst="db"), rc="rc", declrc=True),
          IF(("rcbad", "rc", "ne"), [ret(("int", -1))]), call("sqlite3_close", "db"), ret()], {1}),
        ("failed prepare leaves NULL",
         [decl(stmt, "st", None),
          S("acqstmt", acq=A(1, "sqlite3_prepare_v2", src="sdb", dst="st"), rc="rc", declrc=True),
          IF(("rcbad", "rc", "plain"), [ret(("int", -1))]), call("sqlite3_finalize", "st"), ret()], set()),
        ("sqlite3_close before sqlite3_finalize: BUSY, the connection stays open",
         [decl(db, "db", None), S("acqstmt", acq=A(1, "sqlite3_open", dst="db"), rc=None, declrc=False),
          decl(stmt, "st", None),
          S("acqstmt", acq=A(2, "sqlite3_prepare_v2", src="db", dst="st"), rc=None, declrc=False),
          call("sqlite3_close", "db"), call("sqlite3_finalize", "st"), ret()], {1}),
        ("finalize then close",
         [decl(db, "db", None), S("acqstmt", acq=A(1, "sqlite3_open", dst="db"), rc=None, declrc=False),
          decl(stmt, "st", None),
          S("acqstmt", acq=A(2, "sqlite3_prepare_v2", src="db", dst="st"), rc=None, declrc=False),
          call("sqlite3_finalize", "st"), call("sqlite3_close", "db"), ret()], set()),
        ("exit() is not a leak",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))), IF(("param", "p0"), [S("exit", fn="exit")]),
          call("PQfinish", "c"), ret()], set()),
        ("goto cleanup",
         [decl("int", "rc", ("int", 0)), decl(conn, "c"), decl(res, "r"),
          acq("c", A(1, "PQconnectdb")), IF(("connbad", "c"), [S("goto", label="out")]),
          acq("r", A(2, "PQexec", src="c")), S("label", label="out"),
          call("PQclear", "r"), call("PQfinish", "c"), ret(("var", "rc"))], set()),
        ("goto past the release",
         [decl("int", "rc", ("int", 0)), decl(conn, "c"), decl(res, "r"),
          acq("c", A(1, "PQconnectdb")), IF(("connbad", "c"), [S("goto", label="out2")]),
          acq("r", A(2, "PQexec", src="c")), S("label", label="out"),
          call("PQclear", "r"), call("PQfinish", "c"), S("label", label="out2"), ret(("var", "rc"))], {1}),
        ("finish_if with the parameter false",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))), IF(("param", "p0"), [ret(("int", 1))]),
          call("finish_if", "c", ("param", "p0")), ret()], {1}),
        ("returned handle is not a leak",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))), ret(("var", "c"))], set(), "conn"),
        ("pool_put takes ownership",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))), call("pool_put", "c"), ret()], set()),
        ("open_checked returns OK connections only",
         [decl(conn, "c", ("acq", A(1, "open_checked"))), IF(("connbad", "c"), [ret(("int", -1))]),
          call("PQfinish", "c"), ret()], set()),
        ("a BAD connection gives no TUPLES_OK result",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
          IF(("connbad", "c"), [decl(res, "r", ("acq", A(2, "PQexec", src="c"))),
                                IF(("not", ("resbad", "r")), [ret(("int", 1))]),
                                call("PQclear", "r"), call("PQfinish", "c"), ret(("int", -1))]),
          call("PQfinish", "c"), ret()], set()),
        ("status is fixed until the connection does I/O",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
          IF(OK, [call("use_conn", "c")]),
          IF(("connbad", "c"), [call("PQfinish", "c"), ret(("int", -1))]),
          IF(OK, [call("PQfinish", "c")]), ret()], set()),
        ("status may change after PQexec",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
          IF(("connbad", "c"), [call("PQfinish", "c"), ret(("int", -1))]),
          decl(res, "r", ("acq", A(2, "PQexec", src="c"))), call("PQclear", "r"),
          IF(OK, [call("PQfinish", "c")]), ret()], {1}),
        ("alias release",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))), decl(conn, "a", ("var", "c")),
          call("PQfinish", "a"), ret()], set()),
        ("read of an uninitialised handle is rejected",
         [decl(db, "db", None), call("sqlite3_close", "db"), ret()], "reject"),
        ("read of a freed pointer is rejected",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))), call("PQfinish", "c"),
          IF(("isnull", "c", "bang"), [ret(("int", 1))]), ret()], "reject"),
        ("mode switch without default",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
          S("switch", cases=[(0, [call("PQfinish", "c")], True), (1, [call("PQfinish", "c")], True),
                             (2, [call("PQfinish", "c")], True)]), ret()], {1}),
        ("mode switch covered by default",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
          S("switch", cases=[(0, [call("PQfinish", "c")], True),
                             ("default", [call("PQfinish", "c")], True)]), ret()], set()),
        ("short-circuit: !c || PQstatus(c) != OK",
         [decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
          IF(("or", ("isnull", "c", "bang"), ("connbad", "c")), [call("PQfinish", "c"), ret(("int", -1))]),
          IF(("connbad", "c"), [ret(("int", -2))]),
          call("PQfinish", "c"), ret()], set()),
        ("run_query result is OK or NULL",
         [decl(res, "r", ("acq", A(1, "run_query", src="shared"))),
          IF(("resbad", "r"), [ret(("int", -1))]), call("PQclear", "r"), ret()], set()),
        ("sqlite3_open NOMEM leaves db NULL",
         [decl(db, "db", None), S("acqstmt", acq=A(1, "sqlite3_open", dst="db"), rc="rc", declrc=True),
          IF(("isnull", "db", "eq"), [ret(("int", -1))]),
          IF(("rcbad", "rc", "ne"), [call("sqlite3_close", "db"), ret(("int", -2))]),
          call("sqlite3_close", "db"), ret()], set()),
        ("prepare on a NULL db fails",
         [decl(db, "db", None), S("acqstmt", acq=A(1, "sqlite3_open", dst="db"), rc=None, declrc=False),
          IF(("not", ("isnull", "db", "eq")), [call("sqlite3_close", "db"), S("assign", var="db", val=("null",))]),
          decl(stmt, "st", None),
          S("acqstmt", acq=A(2, "sqlite3_prepare_v2", src="db", dst="st"), rc=None, declrc=False),
          ret()], set()),
    ]
    # the explanation of a disagreement: (name, body, site, direction, expected tag)
    explained = [
        ("param correlation", [decl(conn, "c"), IF(("param", "p0"), [acq("c", A(1, "PQconnectdb"))]),
                               IF(("param", "p0"), [call("PQfinish", "c")]), ret()],
         1, "FP", "by-fresh-params"),
        ("status correlation", [decl(conn, "c", ("acq", A(1, "PQconnectdb"))), decl(res, "r"),
                                IF(OK, [acq("r", A(2, "PQexec", src="c"))]),
                                IF(OK, [call("PQclear", "r")]), call("PQfinish", "c"), ret()],
         2, "FP", "by-fresh-status"),
        ("loop trip count", [decl(conn, "c"), FOR(1, [acq("c", A(1, "PQconnectdb"))]),
                             call("PQfinish", "c"), ret()], 1, "FP", "by-loop-unknown"),
        ("lost before exit", [IF(("param", "p0"), [decl(conn, "c", ("acq", A(1, "PQconnectdb")))]),
                              S("exit", fn="exit"), ret()], 1, "FP", "by-lost-before-exit"),
        ("sqlite3_close with a live statement",
         [decl(db, "db", None), S("acqstmt", acq=A(1, "sqlite3_open", dst="db"), rc=None, declrc=False),
          decl(stmt, "st", None),
          S("acqstmt", acq=A(2, "sqlite3_prepare_v2", src="db", dst="st"), rc=None, declrc=False),
          call("sqlite3_close", "db"), call("sqlite3_finalize", "st"), ret()], 1, "FN", "by-close-always"),
        ("conditional release helper", [decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
                                        call("finish_if", "c", ("int", 0)), ret()],
         1, "FN", "by-cond-release-sinks"),
        ("caller's flag decides the release", [decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
                                               IF(("param", "p1"), [call("PQfinish", "c")]), ret()],
         1, "FN", "by-caller-flag-release"),
        ("out-parameter helper", [decl(db, "db", None),
                                  S("acqstmt", acq=A(1, "open_db_out", dst="db"), rc=None, declrc=False), ret()],
         1, "FN", "by-out-helper-untracked"),
        ("helper result on a NULL handle",
         [decl(stmt, "st"), decl(conn, "c", ("acq", A(1, "PQconnectdb"))),
          IF(("stepok", "st"), [ret(("int", -1))]), call("PQfinish", "c"), ret()],
         1, "FP", "by-null-handle-calls"),
        ("an unexplainable report", [decl(conn, "c", ("acq", A(1, "PQconnectdb"))), call("PQfinish", "c"), ret()],
         1, "FP", "unexplained"),
    ]
    failures = 0
    for name, body, site, direction, want in explained:
        fn = Fn("t", "int", body, set(), "self-test")
        got = explain(fn, site, direction)
        if want not in got:
            failures += 1
            print("FAIL explain %s: expected %s, got %s" % (name, want, sorted(got)))
            print(function_source(fn))
        else:
            print("ok   explain %s: %s" % (name, want))
    compiled = []
    for case in cases:
        name, body, expected = case[:3]
        ret_kind = case[3] if len(case) > 3 else "int"
        fn = Fn("t%d" % len(compiled), ret_kind, body, set(), "self-test")
        compiled.append(fn)
        if not valid_function(fn):
            print("BAD TEST %s: not valid C" % name)
            failures += 1
            continue
        try:
            got = set(Oracle(fn).run().leaks)
        except Reject as e:
            got = "reject"
        if got != expected:
            failures += 1
            print("FAIL %s: expected %s, got %s" % (name, expected, got))
            print(function_source(fn))
        else:
            print("ok   %s" % name)
    # the hand-written programs must be C that compiles against the real headers
    clang = shutil.which("clang-19") or shutil.which("/usr/lib/llvm-19/bin/clang")
    if clang:
        text = emit_file(compiled + [Fn("e%d" % i, "int", e[1], set(), "self-test")
                                     for i, e in enumerate(explained)])[0]
        with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
            f.write(text)
        p = subprocess.run([clang, "-fsyntax-only", "-std=c17"] + pq_cflags() + [f.name],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        os.unlink(f.name)
        if p.returncode != 0:
            failures += 1
            print("FAIL the self-test programs do not compile:\n" + p.stdout.decode())
        else:
            print("ok   the self-test programs compile (%s)" % clang)
    else:
        print("note: clang-19 not found, the self-test programs were not compiled")
    print("self-test: %d cases, %d failures" % (len(cases) + len(explained), failures))
    return 1 if failures else 0


# --------------------------------------------------------------------------
# Validity of a (reduced) function: C scoping, jumps
# --------------------------------------------------------------------------

PARAM_NAMES = ("ci", "path", "shared", "sdb", "p0", "p1", "p2", "mode")


def names_in_cond(c):
    res = []
    k = c[0]
    if k in ("flag", "isnull", "connbad", "connok_h", "resbad", "rcbad", "stepok", "resok_h", "acqnull"):
        res.append(c[1])
    elif k == "param":
        res.append(c[1])
    elif k in ("modeeq", "modene"):
        res.append("mode")
    elif k == "acqbad":
        res += acq_names(c[1])
    elif k == "acqnull":
        res += acq_names(c[2])
    for x in c[1:]:
        if isinstance(x, tuple):
            res += names_in_cond(x)
    return res


def acq_names(a):
    res = []
    if a.api in ("PQconnectdb", "open_conn", "open_checked"):
        res.append("ci")
    if a.api in ("sqlite3_open", "open_db_out"):
        res.append("path")
    if a.src:
        res.append(a.src)
    if a.dst:
        res.append(a.dst)
    return res


def names_in_val(v):
    if v is None:
        return []
    if v[0] in ("var", "param"):
        return [v[1]]
    if v[0] == "acq":
        return acq_names(v[1])
    if v[0] == "tern":
        return names_in_cond(v[1]) + acq_names(v[2])
    if v[0] == "hcall":
        res = []
        for a in v[2]:
            res += names_in_val(a)
        return res
    return []


def valid_function(fn):
    """True if the function is well-formed C: names declared before use, jumps
    inside loops/switches, goto labels present, a final return."""
    labels = set(s.label for s in fn.body if s.k == "label")
    ok = [True]

    def block(stmts, scope, in_loop, in_switch):
        scope = set(scope)
        for s in stmts:
            used = []
            if s.k == "decl":
                used = names_in_val(s.init)
            elif s.k == "assign":
                used = [s.var] + names_in_val(s.val)
            elif s.k == "acqstmt":
                used = acq_names(s.acq) + ([s.rc] if s.rc and not s.declrc else [])
            elif s.k == "call":
                for a in s.args:
                    used += names_in_val(a)
            elif s.k == "if":
                used = names_in_cond(s.cond)
            elif s.k == "setcond":
                used = names_in_cond(s.cond)
            elif s.k == "return":
                used = names_in_val(s.val)
            elif s.k == "switch":
                used = ["mode"]
            for n in used:
                if n not in scope and n not in PARAM_NAMES:
                    ok[0] = False
            if s.k in ("break",) and not (in_loop or in_switch):
                ok[0] = False
            if s.k == "continue" and not in_loop:
                ok[0] = False
            if s.k == "goto" and s.label not in labels:
                ok[0] = False
            if s.k == "decl":
                scope.add(s.var)
            if s.k == "acqstmt" and s.declrc:
                scope.add(s.rc)
            if s.k == "setcond":
                scope.add(s.var)
            if s.k == "if":
                block(s.then, scope, in_loop, in_switch)
                if s.els is not None:
                    block(s.els, scope, in_loop, in_switch)
            elif s.k == "for":
                block(s.body, scope, True, False)
            elif s.k == "switch":
                for _, b, _ in s.cases:
                    block(b, scope, in_loop, True)

    block(fn.body, set(), False, False)
    if not fn.body or fn.body[-1].k != "return":
        return False
    return ok[0]


# --------------------------------------------------------------------------
# Reduction of a disagreement to a small function (--reduce)
# --------------------------------------------------------------------------

DIRECT = {"close_conn": "PQfinish", "clear_res": "PQclear", "close_db": "sqlite3_close",
          "finalize_stmt": "sqlite3_finalize", "open_conn": "PQconnectdb",
          "open_checked": "PQconnectdb", "run_query": "PQexec"}


def cond_simplifications(c):
    if c[0] in ("or", "and"):
        yield c[1]
        yield c[2]
    if c[0] == "not" and c[1][0] in ("or", "and"):
        yield ("not", c[1][1])
        yield ("not", c[1][2])
    if c[0] not in ("param", "ext", "acqbad", "acqnull") and not (c[0] == "not" and c[1][0] in ("param", "ext")):
        yield ("ext",)
    if c[0] in ("ext", "modeeq", "modene") or (c[0] == "not" and c[1][0] in ("param", "ext")):
        yield ("param", "p0")


def simpler_val(v):
    if v is not None and v[0] == "acq" and v[1].api in DIRECT:
        a = v[1]
        yield ("acq", Acq(a.site, DIRECT[a.api], src=a.src, dst=a.dst))


def stmt_variants(s):
    k = s.k
    if k == "if":
        yield list(s.then)
        if s.els is not None:
            yield list(s.els)
            yield [S("if", cond=s.cond, then=s.then, els=None)]
        for c2 in cond_simplifications(s.cond):
            yield [S("if", cond=c2, then=s.then, els=s.els)]
        for t2 in list_variants(s.then):
            if t2:
                yield [S("if", cond=s.cond, then=t2, els=s.els)]
        if s.els is not None:
            for e2 in list_variants(s.els):
                yield [S("if", cond=s.cond, then=s.then, els=e2 or None)]
    elif k == "for":
        yield list(s.body)
        if s.K > 1:
            yield [S("for", var=s.var, K=s.K - 1, body=s.body)]
        for b2 in list_variants(s.body):
            yield [S("for", var=s.var, K=s.K, body=b2, dowhile=getattr(s, "dowhile", False))]
    elif k == "switch":
        for j, (lab, body, brk) in enumerate(s.cases):
            yield list(body)
            if len(s.cases) > 1:
                yield [S("switch", cases=s.cases[:j] + s.cases[j + 1:])]
            if not brk:
                yield [S("switch", cases=s.cases[:j] + [(lab, body, True)] + s.cases[j + 1:])]
        for j, (lab, body, brk) in enumerate(s.cases):
            for b2 in list_variants(body):
                yield [S("switch", cases=s.cases[:j] + [(lab, b2, brk)] + s.cases[j + 1:])]
    elif k == "call" and s.fn in DIRECT:
        yield [S("call", fn=DIRECT[s.fn], args=s.args, void=s.void)]
    elif k == "call" and s.fn == "finish_if" and s.args[1][0] == "param":
        yield [S("call", fn="finish_if", args=[s.args[0], ("int", 0)], void=s.void)]
    elif k == "decl":
        for v in simpler_val(s.init):
            yield [S("decl", ctype=s.ctype, var=s.var, init=v)]
    elif k == "assign":
        for v in simpler_val(s.val):
            yield [S("assign", var=s.var, val=v)]
    elif k == "acqstmt" and s.acq.api == "open_db_out":
        yield [S("acqstmt", acq=Acq(s.acq.site, "sqlite3_open", dst=s.acq.dst), rc=s.rc, declrc=s.declrc)]
    elif k == "exit" and s.fn == "abort":
        yield [S("exit", fn="exit")]
    elif k == "setcond":
        for c2 in cond_simplifications(s.cond):
            yield [S("setcond", var=s.var, cond=c2)]


def list_variants(stmts):
    # deletions first (largest effect: chunks, then single statements), then rewrites
    n = len(stmts)
    size = n // 2
    while size >= 2:
        for i in range(0, n - size + 1, size):
            yield stmts[:i] + stmts[i + size:]
        size //= 2
    for i, s in enumerate(stmts):
        yield stmts[:i] + stmts[i + 1:]
    for i, s in enumerate(stmts):
        for repl in stmt_variants(s):
            yield stmts[:i] + repl + stmts[i + 1:]


def still_disagrees(d, orc, site, reported):
    leak = site in orc.leaks
    return (leak and not reported) if d == "FN" else (not leak and reported)


def reduce_one(d, clang_tidy, plugin, workdir, tag, known, batch=40):
    """Greedy reduction keeping the direction and the known class (if any) of the
    disagreement; returns the smallest variant found and its analysis."""
    fn = d["fn"]
    site = d["site"]
    direction = d["dir"]
    cur = Fn(fn.name, fn.ret, fn.body, fn.tags, fn.seedtag)
    rounds = 0
    while True:
        rounds += 1
        cands = []
        seen = set()
        for body in list_variants(cur.body):
            v = Fn("%s_v%d" % (fn.name, len(cands)), cur.ret, body, cur.tags, cur.seedtag)
            if not valid_function(v):
                continue
            if site not in [a.site for a in all_sites(body)]:
                continue
            src = "\n".join(emit_function(v)[0][2:])
            if src in seen:
                continue
            seen.add(src)
            try:
                orc = Oracle(v).run()
            except Reject:
                continue
            if direction == "FN" and site not in orc.leaks:
                continue
            if direction == "FP" and site in orc.leaks:
                continue
            cands.append((v, orc))
        found = None
        for i in range(0, len(cands), batch):
            chunk = cands[i:i + batch]
            text, locs, ranges = emit_file([v for v, _ in chunk])
            path = os.path.join(workdir, "reduce_%s.c" % tag)
            with open(path, "w") as f:
                f.write(text)
            r = run_tidy(clang_tidy, plugin, path)
            if crash_of(r) or compile_error_of(r):
                continue
            parsed = parse_tidy(r["out"], path)
            for v, orc in chunk:
                loc = locs[(v.name, site)]
                if not still_disagrees(direction, orc, site, loc in parsed):
                    continue
                vd = dict(dir=direction, tags=analyse_tags(v.body) |
                          orc.events.get(site, set()) | explain(v, site, direction))
                if classify(vd, known) != d.get("class"):
                    continue
                found = (v, orc)
                break
            if found:
                break
        if not found:
            break
        cur = Fn(fn.name, found[0].ret, found[0].body, fn.tags, fn.seedtag)
    # final check with minimal helpers, report the analysis output
    final = Fn(fn.name, cur.ret, cur.body, fn.tags, fn.seedtag)
    orc = Oracle(final).run()
    text, locs, ranges = emit_file([final], minimal_helpers=True, minimal_params=True)
    path = os.path.join(workdir, "reduced_%s.c" % tag)
    with open(path, "w") as f:
        f.write(text)
    r = run_tidy(clang_tidy, plugin, path)
    parsed = parse_tidy(r["out"], path)
    return final, orc, text, r, parsed, locs


def reduce_all(ds, clang_tidy, plugin, workdir, known, per_class):
    shapes = {}
    items = []
    count = {}
    for d in ds:
        c = d.get("class") or "unknown"
        if d["site"] is not None and count.get(c, 0) < per_class:
            count[c] = count.get(c, 0) + 1
            items.append(d)

    def work(args):
        i, d = args
        return d, reduce_one(d, clang_tidy, plugin, workdir, "%d" % i, known)

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
        results = list(ex.map(work, enumerate(items)))
    print()
    print("=== reduced disagreements (%d) ===" % len(results))
    for d, (fn, orc, text, r, parsed, locs) in results:
        loc = locs[(fn.name, d["site"])]
        body = "\n".join(emit_function(fn)[0][1:])
        key = (d["dir"], re.sub(r"\b(c|r|db|st|a|own|rc|i)\d+\b", r"\1", body))
        shapes.setdefault(key, []).append((d, fn, orc, text, r, parsed, loc))
    for (direction, _), group in sorted(shapes.items(), key=lambda kv: -len(kv[1])):
        d, fn, orc, text, r, parsed, loc = group[0]
        print()
        print("--- %s x%d (from %s, site %d, class %s) ---" % (
            direction, len(group), ",".join(g[0]["fn"].seedtag for g in group[:8]),
            d["site"], d.get("class")))
        hdr_end = text.index("/* gen")
        print(text[text.index("\n\n", text.index("pool_put")) + 2:hdr_end].strip() or "(no helpers)")
        print(text[hdr_end:].rstrip())
        if direction == "FN":
            print("oracle: site at %d:%d LEAKS: %s" % (loc[0], loc[1], "; ".join(orc.leaks.get(d["site"], ("?",)))))
        else:
            print("oracle: site at %d:%d does not leak" % loc)
        rep = parsed.get(loc)
        print("connleak: %s" % ("warning: " + rep[0] + " | " + " | ".join(rep[1]) if rep else "no report"))


if __name__ == "__main__":
    sys.exit(main())
