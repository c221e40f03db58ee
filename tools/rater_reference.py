#!/usr/bin/env python3
"""Independent reference values for the agreement statistics between
raters (src/stats/rater.c), written from the formulas in docs/SCORING.md
section 6, in exact fractions (and mpmath for F quantiles). Prints the
figures the unit tests (tests/unit/test_rater.c, test_ratings.c) assert.

usage: tools/rater_reference.py   (needs python3-mpmath for the intervals)
"""
from fractions import Fraction as Fr

N = None

# Krippendorff (2011), Computing Krippendorff's Alpha-Reliability: the
# example with missing values, units (rows) x observers A-D (columns).
KRIPP = [[1, 1, N, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3],
         [2, 2, 2, 2], [1, 2, 3, 4], [4, 4, 4, 4], [1, 1, 2, 1],
         [2, 2, 2, 2], [N, 5, 5, 5], [N, N, 1, 1], [N, N, 3, N]]

# Shrout and Fleiss (1979), Table 2: 6 targets x 4 judges.
SF = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6],
      [10, 5, 6, 9], [6, 2, 4, 7]]


def kalpha(units, metric):
    """Krippendorff's alpha by the coincidence matrix."""
    vals = sorted({v for u in units for v in u if v is not None})
    o = {(c, k): Fr(0) for c in vals for k in vals}
    for u in units:
        x = [v for v in u if v is not None]
        m = len(x)
        if m < 2:
            continue
        for i in range(m):
            for j in range(m):
                if i != j:
                    o[(x[i], x[j])] += Fr(1, m - 1)
    n_c = {c: sum(o[(c, k)] for k in vals) for c in vals}
    n = sum(n_c.values())

    def d2(c, k):
        if metric == "nominal":
            return Fr(0 if c == k else 1)
        if metric == "interval":
            return Fr((c - k) ** 2)
        a, b = min(c, k), max(c, k)
        s = sum(n_c[g] for g in vals if a <= g <= b)
        return (s - (n_c[a] + n_c[b]) / 2) ** 2
    do = sum(o[(c, k)] * d2(c, k) for c in vals for k in vals)
    de = sum(n_c[c] * n_c[k] * d2(c, k) for c in vals for k in vals)
    return 1 - (n - 1) * do / de


def icc2(t, level=Fr(95, 100)):
    """ICC(2,1), ICC(2,k) and the McGraw-Wong interval of ICC(2,1)."""
    n, k = len(t), len(t[0])
    t = [[Fr(v) for v in r] for r in t]
    g = sum(sum(r) for r in t) / (n * k)
    rm = [sum(r) / k for r in t]
    cm = [sum(t[i][j] for i in range(n)) / n for j in range(k)]
    sst = sum((v - g) ** 2 for r in t for v in r)
    ssr = k * sum((x - g) ** 2 for x in rm)
    ssc = n * sum((x - g) ** 2 for x in cm)
    bms, jms = ssr / (n - 1), ssc / (k - 1)
    ems = (sst - ssr - ssc) / ((n - 1) * (k - 1))
    r1 = (bms - ems) / (bms + (k - 1) * ems + k * (jms - ems) / n)
    rk = (bms - ems) / (bms + (jms - ems) / n)
    out = {"bms": bms, "jms": jms, "ems": ems, "icc21": r1, "icc2k": rk}
    try:
        import mpmath as mp
    except ImportError:
        return out
    mp.mp.dps = 40
    B, J, E, r = [mp.mpf(x.numerator) / x.denominator
                  for x in (bms, jms, ems, r1)]
    fj = J / E
    a = k * r / (n * (1 - r))
    b = 1 + k * r * (n - 1) / (n * (1 - r))
    v = (a * fj + b) ** 2 / ((a * fj) ** 2 / (k - 1) +
                             b ** 2 / ((n - 1) * (k - 1)))

    def fq(p, d1, d2):
        return mp.findroot(lambda f: mp.betainc(
            d1 / 2, d2 / 2, 0, d1 * f / (d1 * f + d2),
            regularized=True) - p, mp.mpf(3))
    tail = (1 - mp.mpf(level.numerator) / level.denominator) / 2
    f1, f2 = fq(1 - tail, n - 1, v), fq(1 - tail, v, n - 1)
    c = k * J + (k * n - k - n) * E
    lo = n * (B - f1 * E) / (f1 * c + n * B)
    hi = n * (f2 * B - E) / (c + n * f2 * B)
    out.update(df=v, ci21=(lo, hi),
               ci2k=(k * lo / (1 + (k - 1) * lo), k * hi / (1 + (k - 1) * hi)))
    return out


class MT19937:
    """GSL's gsl_rng_mt19937: gsl_rng_set, gsl_rng_get,
    gsl_rng_uniform_int."""

    def __init__(self, seed):
        if seed == 0:
            seed = 4357
        self.mt = [seed & 0xffffffff] + [0] * 623
        for i in range(1, 624):
            p = self.mt[i - 1]
            self.mt[i] = (1812433253 * (p ^ (p >> 30)) + i) & 0xffffffff
        self.i = 624

    def get(self):
        mt = self.mt
        if self.i >= 624:
            for kk in range(624):
                y = (mt[kk] & 0x80000000) | (mt[(kk + 1) % 624] & 0x7fffffff)
                mt[kk] = mt[(kk + 397) % 624] ^ (y >> 1) ^ \
                    (0x9908b0df if y & 1 else 0)
            self.i = 0
        y = mt[self.i]
        self.i += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        return y ^ (y >> 18)

    def uniform_int(self, n):
        scale = 0xffffffff // n
        while True:
            k = self.get() // scale
            if k < n:
                return k


def boot(units, metric, reps, seed, level=0.95):
    """Percentile bootstrap of alpha over units (R type 7 quantiles)."""
    rng, al = MT19937(seed), []
    for _ in range(reps):
        pick = [units[rng.uniform_int(len(units))] for _ in units]
        try:
            al.append(float(kalpha(pick, metric)))
        except ZeroDivisionError:
            pass
    al.sort()

    def q(p):
        h = (len(al) - 1) * p
        lo = int(h)
        if lo + 1 >= len(al):
            return al[lo]
        return al[lo] + (h - lo) * (al[lo + 1] - al[lo])
    t = (1 - level) / 2
    return q(t), q(1 - t), len(al)


def main():
    for m in ("nominal", "ordinal", "interval"):
        a = kalpha(KRIPP, m)
        print("Krippendorff %s: %s = %r" % (m, a, float(a)))
    for name, t in (("Shrout-Fleiss", SF),
                    ("hand-worked 3x2", [[1, 2], [3, 3], [5, 6]]),
                    ("ratings Alpha E1-E2", [[50, 45, 65], [70, 75, 70]])):
        r = icc2(t)
        print(name, {k: (str(v) if isinstance(v, Fr) else v)
                     for k, v in r.items()})
    lev = [[2, 2, 3], [3, 3, 3], [0, 2, N]]
    pct = [[50, 45, 65], [70, 75, 70], [10, 50, N]]
    print("ratings Alpha ordinal", kalpha(lev, "ordinal"),
          "interval", kalpha(pct, "interval"))
    print("bootstrap interval, seed 7, 200:", boot(KRIPP, "interval", 200, 7))
    print("bootstrap ordinal, seed 7, 200:", boot(KRIPP, "ordinal", 200, 7))


if __name__ == "__main__":
    main()
