#!/usr/bin/env python3
"""Lists C++ function definitions longer than a limit (default 150 lines).

    scripts/function-sizes.py [--max 150] [--files-max 900] DIR...

A definition is a line that ends a signature with '{' at brace depth 0 (or
depth 1 inside a namespace or class body) and runs to its matching '}'.
Comments and string literals are stripped first. Also lists files longer
than --files-max lines. Exit status 1 if anything is over a limit.
"""
import argparse, os, re, sys

def strip(text):
    text = re.sub(r'//[^\n]*', '', text)
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)
    text = re.sub(r'R"(\w*)\((.*?)\)\1"', lambda m: '""' + '\n' * m.group(0).count('\n'), text, flags=re.S)
    text = re.sub(r'"(\\.|[^"\\\n])*"', '""', text)
    text = re.sub(r"'(\\.|[^'\\\n])*'", "''", text)
    return text

def functions(path):
    lines = strip(open(path, encoding='utf-8', errors='replace').read()).split('\n')
    out, stack = [], []  # stack of (kind, start line)
    for no, line in enumerate(lines, 1):
        for ch in line:
            if ch == '{':
                head = line.split('{')[0]
                prev = ' '.join(lines[max(0, no - 4):no - 1]) + ' ' + head
                is_fn = bool(re.search(r'\)\s*(const|override|noexcept|final|\s)*(->[^{]*)?$', prev.strip())) \
                    and not re.search(r'\b(if|for|while|switch|catch)\s*\(.*\)\s*$', prev.strip()) \
                    and all(k != 'fn' for k, _ in stack)
                stack.append(('fn' if is_fn else 'blk', no))
            elif ch == '}' and stack:
                kind, start = stack.pop()
                if kind == 'fn':
                    out.append((start, no))
    return out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--max', type=int, default=150)
    ap.add_argument('--files-max', type=int, default=900)
    ap.add_argument('dirs', nargs='+')
    a = ap.parse_args()
    bad = 0
    for d in a.dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if not f.endswith(('.cpp', '.h', '.def')):
                    continue
                p = os.path.join(root, f)
                n = sum(1 for _ in open(p, encoding='utf-8', errors='replace'))
                if n > a.files_max:
                    print('%s: %d lines (file)' % (p, n)); bad += 1
                if f.endswith('.def'):
                    continue
                for s, e in functions(p):
                    if e - s + 1 > a.max:
                        print('%s:%d: function of %d lines' % (p, s, e - s + 1)); bad += 1
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
