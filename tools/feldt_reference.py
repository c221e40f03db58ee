#!/usr/bin/env python3
"""
feldt_reference.py - reference F quantiles and a Feldt interval for
tests/unit/test_stats.c, computed at 60 significant digits with mpmath.

Run:  python3 tools/feldt_reference.py          (prints the C tables)
      python3 tools/feldt_reference.py --check  (also runs the self-checks)
Needs python3-mpmath (Debian: apt-get install python3-mpmath). It takes a
minute or two.

Method, independent of the C code: if X ~ F(d1, d2) then
y = d1 X / (d1 X + d2) ~ Beta(a, b) with a = d1/2, b = d2/2, so
P(X <= x) = I_y(a, b). I_y(a, b) is taken from Euler's series
  I_y(a, b) = y^a (1 - y)^b / (a B(a, b)) * 2F1(a + b, 1; a + 1; y),
a series of positive terms (no cancellation), with the prefactor in
logarithms at 60 digits (its terms reach 1e10, which leaves ~50
digits). For y > 1/2 the complement is used, I_y(a, b) = 1 - I_{1-y}(b, a).
The quantile is the root in t = log x of P(e^t) = p (or of Q = 1 - p in
the upper tail), bracketed by bisection and polished by the
Anderson-Bjorck secant method to 1e-50. mpmath's own betainc is not used:
its series cancels and fails from a few thousand degrees of freedom.
The self-checks compare with closed forms (df1 = 2, df2 = 2) and with
mpmath's betainc where it works.
"""
import sys

import mpmath as mp

mp.mp.dps = 60

P_LEVELS = ("0.025", "0.975")
DF1 = (1, 2, 9, 99, 999, 10**4, 10**5, 776000, 10**6, 10**7, 10**8)
KS = (2, 5, 11, 45)
UNEQUAL = ((1, 10**8), (10**8, 1), (2, 10**8), (10**8, 2), (10, 10**6),
           (10**6, 10), (3, 7), (250, 30), (6, 497), (7, 581),
           (100, 10**8), (10**8, 100), (1000, 10**8), (10**8, 1000),
           (30000, 10**8), (10**8, 30000), (30000, 1320000),
           (200000, 2000000), (2 * 10**7, 3 * 10**5), (10**8, 10**8 - 1),
           (123457, 98765432), (10**9, 10**10), (10**10, 10**9))
FELDT_N, FELDT_K, FELDT_ALPHA = 10**6, 11, 0.87


def lower_tail(a, b, y):
    """I_y(a, b) for y <= 1/2 by Euler's series."""
    logpre = (a * mp.log(y) + b * mp.log1p(-y) - mp.log(a)
              - mp.loggamma(a) - mp.loggamma(b) + mp.loggamma(a + b))
    s = mp.hyp2f1(a + b, 1, a + 1, y, maxterms=10**8)
    return mp.exp(logpre) * s


def f_tails(x, d1, d2):
    """(P, Q) of F(d1, d2) at x > 0."""
    a, b = d1 / 2, d2 / 2
    y = d1 * x / (d1 * x + d2)
    if y <= mp.mpf(1) / 2:
        p = lower_tail(a, b, y)
        return p, 1 - p
    q = lower_tail(b, a, d2 / (d1 * x + d2))
    return 1 - q, q


def f_quantile(p, d1, d2):
    d1, d2, p = mp.mpf(d1), mp.mpf(d2), mp.mpf(p)
    lower = p < mp.mpf(1) / 2

    def g(t):
        pp, qq = f_tails(mp.exp(t), d1, d2)
        return pp - p if lower else (1 - p) - qq

    step = 4 * mp.sqrt(2 / d1 + 2 / d2)
    lo, hi = -step, step
    while g(lo) > 0:
        lo *= 2
    while g(hi) < 0:
        hi *= 2
    for _ in range(20):
        mid = (lo + hi) / 2
        if g(mid) < 0:
            lo = mid
        else:
            hi = mid
    t = mp.findroot(g, (lo, hi), solver="anderson", tol=mp.mpf(10)**-100)
    return mp.exp(t)


def grid():
    pairs = [(d1, d1 * (k - 1)) for d1 in DF1 for k in KS] + list(UNEQUAL)
    for d1, d2 in pairs:
        for p in P_LEVELS:
            yield p, d1, d2


def self_check():
    worst = mp.mpf(0)
    for m in (4, 10, 1000, 10**6):
        for p in P_LEVELS:
            # df1 = 2: P(X <= x) = 1 - (1 + 2x/m)^(-m/2)
            want = (mp.mpf(m) / 2) * ((1 - mp.mpf(p))**(-2 / mp.mpf(m)) - 1)
            worst = max(worst, abs(f_quantile(p, 2, m) / want - 1))
    for p in P_LEVELS:
        # F(2, 2): P = x / (1 + x)
        want = mp.mpf(p) / (1 - mp.mpf(p))
        worst = max(worst, abs(f_quantile(p, 2, 2) / want - 1))
    for d1, d2 in ((1, 1), (9, 36), (99, 990), (999, 3996)):
        for x in ("0.3", "1", "2.5"):
            x = mp.mpf(x)
            y = d1 * x / (d1 * x + d2)
            want = mp.betainc(mp.mpf(d1) / 2, mp.mpf(d2) / 2, 0, y,
                              regularized=True)
            worst = max(worst, abs(f_tails(x, d1, d2)[0] / want - 1))
    print("/* self-check: worst relative difference %s */" % mp.nstr(worst, 3))
    assert worst < mp.mpf(10)**-40


def main():
    if "--check" in sys.argv:
        self_check()
    print("/* p, df1, df2, F quantile (tools/feldt_reference.py) */")
    for p, d1, d2 in grid():
        q = f_quantile(p, d1, d2)
        print("\t{ %s, %d, %d, %s }," % (p, d1, d2, mp.nstr(q, 20)))
    n, k = FELDT_N, FELDT_K
    alpha = mp.mpf(FELDT_ALPHA)  # the double nearest 0.87, exactly
    d1, d2 = n - 1, (n - 1) * (k - 1)
    lo = 1 - (1 - alpha) * f_quantile("0.975", d1, d2)
    hi = 1 - (1 - alpha) * f_quantile("0.025", d1, d2)
    print("/* Feldt, n = %d, k = %d, alpha = %s */" % (n, k, FELDT_ALPHA))
    print("#define FELDT_BIG_LO %s" % mp.nstr(lo, 20))
    print("#define FELDT_BIG_HI %s" % mp.nstr(hi, 20))


if __name__ == "__main__":
    main()
