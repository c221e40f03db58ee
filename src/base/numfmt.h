/*
 * numfmt.h - exact, fast double -> decimal text for the report writers
 * (private to the library). See numfmt.c for the method.
 */
#ifndef SEMM_NUMFMT_H
#define SEMM_NUMFMT_H

#include <stddef.h>

/** Bytes a buffer passed to semm__numfmt_shortest must have. */
#define SEMM_NUMFMT_BUFSIZE 32

/**
 * Writes v to buf as the shortest decimal that reads back (strtod, round
 * to nearest) to exactly v, in the layout of printf("%.*g", P, v) with
 * P = max(15, number of significant digits of that decimal): no trailing
 * zeros, exponent form ("1e-05", "1.5e+20") exactly where %.*g switches
 * to it, "-0" for negative zero, "inf", "-inf", "nan", "-nan" as glibc's
 * printf writes them.
 *
 * So whenever printf("%.15g", v) reads back to v, the output is byte for
 * byte what it prints; otherwise the output has 16 or 17 significant
 * digits. (P is not lowered below 15 so that, e.g., 100 is "100" as
 * with %.15g rather than %.1g's "1e+02".)
 *
 * buf must hold SEMM_NUMFMT_BUFSIZE bytes; the longest output is 24
 * bytes plus the NUL. Returns the length written, NUL excluded. Pure and
 * thread-safe.
 */
size_t semm__numfmt_shortest(double v, char *buf);

#endif
