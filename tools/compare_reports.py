#!/usr/bin/env python3
"""Compares two report.json files number by number.

Usage: python3 tools/compare_reports.py A.json B.json [--rel 1e-12]
       [--ignore KEY ...]

Walks both documents together: every string, boolean and null must be
equal and every number must agree to the relative tolerance (absolute
for numbers below 1e-300). Members named with --ignore (for example
"inputs", "source", "rejected") are skipped wherever they appear.
Prints each difference with its JSON path and the largest relative
difference; exits 1 when any is found.
"""
import json
import sys


def walk(a, b, path, rel, ignore, out, worst):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k in ignore:
                continue
            if k not in a or k not in b:
                out.append(f"{path}.{k}: only in {'B' if k not in a else 'A'}")
                continue
            walk(a[k], b[k], f"{path}.{k}", rel, ignore, out, worst)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} vs {len(b)} entries")
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[{i}]", rel, ignore, out, worst)
    elif (isinstance(a, (int, float)) and not isinstance(a, bool)
          and isinstance(b, (int, float)) and not isinstance(b, bool)):
        scale = max(abs(a), abs(b))
        d = abs(a - b) / scale if scale > 1e-300 else abs(a - b)
        if d > worst[0]:
            worst[0], worst[1] = d, path
        if d > rel:
            out.append(f"{path}: {a!r} vs {b!r} (relative {d:.3g})")
    elif a != b:
        out.append(f"{path}: {a!r} vs {b!r}")


def main(argv):
    rel, ignore, files = 1e-12, set(), []
    i = 0
    while i < len(argv):
        if argv[i] == "--rel":
            rel = float(argv[i + 1]); i += 2
        elif argv[i] == "--ignore":
            ignore.add(argv[i + 1]); i += 2
        else:
            files.append(argv[i]); i += 1
    if len(files) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    docs = [json.load(open(f, encoding="utf-8")) for f in files]
    out, worst = [], [0.0, ""]
    walk(docs[0], docs[1], "$", rel, ignore, out, worst)
    for line in out[:50]:
        print(line)
    if len(out) > 50:
        print(f"... {len(out) - 50} more")
    print(f"largest relative difference {worst[0]:.3g} at {worst[1] or '-'}")
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
