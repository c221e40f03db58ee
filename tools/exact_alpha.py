#!/usr/bin/env python3
"""Pooled Cronbach's alpha and item analysis of one element, in exact
rational arithmetic, from a response CSV: an independent check of the
figures semm writes under reliability.elements[] of report.json.

Usage: python3 tools/exact_alpha.py QUESTIONNAIRE.json FILE.csv ELEMENT

Complete cases only (every item of the element answered with a point of
its scale); reverse-coded items as min + max - x. Answers must be plain
numbers (as tools/gen_bench.c writes them). Prints alpha, the mean
inter-item correlation and, per item, alpha if deleted and the corrected
item-total correlation, each to 17 significant digits; correlations
take one square root in 60-digit decimal arithmetic.
"""
import csv
import json
import sys
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 60


def main(qpath, path, element):
    q = json.load(open(qpath, encoding="utf-8"))
    scales = {s["id"]: s for s in q["scales"]}
    default = q.get("scale", q["scales"][0]["id"])
    items = [it for it in q["items"] if it["element"] == element]
    k = len(items)
    n, s, ss = 0, [0] * k, [[0] * k for _ in range(k)]
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        head = next(rows)
        cols = [head.index(it["id"]) for it in items]
        for row in rows:
            x = []
            for it, c in zip(items, cols):
                sc = scales[it.get("scale", default)]
                try:
                    v = int(row[c])
                except (ValueError, IndexError):
                    break
                if not sc["min"] <= v <= sc["max"]:
                    break
                x.append(sc["min"] + sc["max"] - v if it.get("reverse") else v)
            if len(x) < k:
                continue
            n += 1
            for i in range(k):
                s[i] += x[i]
                for j in range(k):
                    ss[i][j] += x[i] * x[j]
    # n times the centred cross-products: whole numbers
    c = [[n * ss[i][j] - s[i] * s[j] for j in range(k)] for i in range(k)]

    def alpha(idx):
        m = len(idx)
        tot = sum(c[i][j] for i in idx for j in idx)
        var = sum(c[i][i] for i in idx)
        return Fraction(m, m - 1) * (1 - Fraction(var, tot))

    def corr(num, a, b):
        return Decimal(num) / (Decimal(a) * Decimal(b)).sqrt()

    print(f"n {n} k {k}")
    print(f"alpha {float(alpha(range(k))):.17g}")
    rs = [corr(c[i][j], c[i][i], c[j][j]) for i in range(k) for j in range(i + 1, k)]
    print(f"mean_r {float(sum(rs) / len(rs)):.17g}")
    for i, it in enumerate(items):
        rest = [j for j in range(k) if j != i]
        cov = sum(c[i][j] for j in rest)
        var_rest = sum(c[a][b] for a in rest for b in rest)
        r_drop = corr(cov, c[i][i], var_rest)
        aid = float(alpha(rest)) if k > 2 else float("nan")
        print(f"{it['id']} alpha_if_deleted {aid:.17g} r_drop {float(r_drop):.17g}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(*sys.argv[1:])
