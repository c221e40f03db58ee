#!/usr/bin/env python3
"""gen_numfmt_table.py - write src/base/numfmt_table.h, the constant tables of
src/base/numfmt.c (shortest double -> decimal conversion, Schubfach method).

For every decimal exponent k in [K_MIN, K_MAX] the table holds
g(k) = floor(10^-k * 2^(125 - r)) + 1 with r = floor(log2(10^-k)), a
126-bit integer in [2^125, 2^126), split as g1 = g >> 63 and
g0 = g mod 2^63. It also checks, exactly with Python integers, the
fixed-point formulas numfmt.c uses for floor(log10(2^q)),
floor(log10(3/4 * 2^q)) and floor(log2(10^e)) over every argument they
are given, and writes their constants next to the table.

Usage: python3 tools/gen_numfmt_table.py > src/base/numfmt_table.h
The output is deterministic; ctest checks the committed file is current.
"""
from fractions import Fraction
import sys

Q_MIN, Q_MAX = -1074, 971  # binary exponents of a double's c * 2^q
K_MIN, K_MAX = -324, 292  # decimal exponents the conversion needs

LOG10_2_MUL, LOG10_2_SHIFT = 315653, 20
LOG10_3Q_SUB = 131237
LOG2_10_MUL, LOG2_10_SHIFT = 1741647, 19


def floor_log10(x):
    """Largest k with 10^k <= x, for a positive Fraction x."""
    k = len(str(x.numerator)) - len(str(x.denominator)) - 1
    while Fraction(10) ** (k + 1) <= x:
        k += 1
    while Fraction(10) ** k > x:
        k -= 1
    return k


def floor_log2(x):
    """Largest r with 2^r <= x, for a positive Fraction x."""
    r = x.numerator.bit_length() - x.denominator.bit_length()
    while Fraction(2) ** (r + 1) <= x:
        r += 1
    while Fraction(2) ** r > x:
        r -= 1
    return r


def check_formulas():
    for q in range(Q_MIN, Q_MAX + 1):
        want = floor_log10(Fraction(2) ** q)
        assert (q * LOG10_2_MUL) >> LOG10_2_SHIFT == want, q
        want = floor_log10(Fraction(3, 4) * Fraction(2) ** q)
        got = (q * LOG10_2_MUL - LOG10_3Q_SUB) >> LOG10_2_SHIFT
        assert got == want, q
    for e in range(-K_MAX, -K_MIN + 1):
        want = floor_log2(Fraction(10) ** e)
        assert (e * LOG2_10_MUL) >> LOG2_10_SHIFT == want, e
    # the products stay within 32-bit ints
    assert max(-Q_MIN, Q_MAX) * LOG10_2_MUL + LOG10_3Q_SUB < 2**31
    assert max(K_MAX, -K_MIN) * LOG2_10_MUL < 2**31


def g_of(k):
    x = Fraction(10) ** -k
    r = floor_log2(x)
    g = (x * Fraction(2) ** (125 - r)).__floor__() + 1
    assert 2**125 <= g < 2**126, k
    return g


def main():
    check_formulas()
    out = sys.stdout
    out.write("""/*
 * numfmt_table.h - constants of src/base/numfmt.c, written by
 * tools/gen_numfmt_table.py (do not edit; rerun the script).
 *
 * NUMFMT_G[k - NUMFMT_K_MIN] = { g1, g0 } with
 * g = g1 * 2^63 + g0 = floor(10^-k * 2^(125 - floor(log2(10^-k)))) + 1.
 */
#ifndef SEMM_NUMFMT_TABLE_H
#define SEMM_NUMFMT_TABLE_H

#include <stdint.h>

/* clang-format off */
""")
    out.write("#define NUMFMT_K_MIN (%d)\n" % K_MIN)
    out.write("#define NUMFMT_K_MAX %d\n" % K_MAX)
    out.write("/* floor(q * log10(2)) = (q * MUL) >> SHIFT, q in [%d, %d] */\n"
              % (Q_MIN, Q_MAX))
    out.write("#define NUMFMT_LOG10_2_MUL %d\n" % LOG10_2_MUL)
    out.write("#define NUMFMT_LOG10_2_SHIFT %d\n" % LOG10_2_SHIFT)
    out.write("/* floor(log10(3/4 * 2^q)) = (q * MUL - SUB) >> SHIFT */\n")
    out.write("#define NUMFMT_LOG10_3Q_SUB %d\n" % LOG10_3Q_SUB)
    out.write("/* floor(e * log2(10)) = (e * MUL) >> SHIFT, e in [%d, %d] */\n"
              % (-K_MAX, -K_MIN))
    out.write("#define NUMFMT_LOG2_10_MUL %d\n" % LOG2_10_MUL)
    out.write("#define NUMFMT_LOG2_10_SHIFT %d\n" % LOG2_10_SHIFT)
    out.write("\nstatic const uint64_t NUMFMT_G[%d][2] = {\n"
              % (K_MAX - K_MIN + 1))
    for k in range(K_MIN, K_MAX + 1):
        g = g_of(k)
        out.write("\t{ 0x%016xu, 0x%016xu }, /* %d */\n"
                  % (g >> 63, g & (2**63 - 1), k))
    out.write("};\n/* clang-format on */\n\n#endif\n")


if __name__ == "__main__":
    main()
