/*
 * test_numfmt.c - unit tests of src/base/numfmt.c.
 *
 * The hand-picked expectations were worked out independently with
 * Python, whose repr() is the shortest round-trip decimal (David Gay's
 * dtoa): the expected text is repr(x)'s digits laid out as
 * format(x, '.%dg' % max(15, P)), P = the number of significant digits of
 * repr(x). Each was also checked to read back to x with float().
 *
 * The randomized tests check the contract itself on a million doubles
 * (fixed seed) and on every binary exponent: the text reads back bit for
 * bit, no decimal with fewer significant digits reads back (printf's
 * nearest one digit shorter fails; for powers of two, whose rounding
 * interval is lopsided, both neighbours one digit shorter, found with
 * printf under directed rounding, fail), and the text is
 * printf("%.15g")'s whenever that reads back and v is a normal double.
 */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/logging.h>

#include "base/numfmt.h"

#define RANDOM_COUNT 1000000
#define RANDOM_SEED 0x6e756d666d74u /* "numfmt" */
#define MAX_REPORTED 10

struct numfmt_case {
	double v;
	const char *want;
};

static const char *shortest(double v, char *buf)
{
	size_t len = semm__numfmt_shortest(v, buf);

	cr_assert_eq(len, strlen(buf), "length %zu for \"%s\"", len, buf);
	return buf;
}

static void expect_cases(const struct numfmt_case *cases, size_t n)
{
	char buf[SEMM_NUMFMT_BUFSIZE];
	size_t i;

	for (i = 0; i < n; i++)
		cr_expect_str_eq(shortest(cases[i].v, buf), cases[i].want,
				 "%a: got \"%s\", expected \"%s\"", cases[i].v,
				 buf, cases[i].want);
}

#define EXPECT_CASES(cases) \
	expect_cases(cases, sizeof(cases) / sizeof((cases)[0]))

Test(numfmt, hand_picked_values_match_python_repr)
{
	static const struct numfmt_case cases[] = {
		{ 0.0, "0" },
		{ 1.0, "1" },
		{ -2.5, "-2.5" },
		{ 12.5, "12.5" },
		{ 0.1, "0.1" },
		{ 1.0 / 3.0, "0.3333333333333333" },
		{ 2.0 / 3.0, "0.6666666666666666" },
		{ 0.1 + 0.2, "0.30000000000000004" },
		{ 0.30000000000000004, "0.30000000000000004" },
		{ 1e-4, "0.0001" },
		{ 0.00012345, "0.00012345" },
		{ -0.001, "-0.001" },
		{ 1e-5, "1e-05" },
		{ 5e-5, "5e-05" },
		{ 1e-7, "1e-07" },
		{ 0.000123456789012345678, "0.00012345678901234567" },
		{ 123456.789, "123456.789" },
		{ 123456789012345678.0, "1.2345678901234568e+17" },
		{ 1234567890123456.0, "1234567890123456" },
		{ 100000000000000.5, "100000000000000.5" },
		{ 1e15, "1e+15" },
		{ 1e16, "1e+16" },
		{ 1e21, "1e+21" },
		{ 1e23, "1e+23" },
		{ 1.5e20, "1.5e+20" },
		{ 1e100, "1e+100" },
		{ 9007199254740992.0, "9007199254740992" }, /* 2^53 */
		{ 9007199254740993.0, "9007199254740992" }, /* ties to even */
		{ 1152921504606846976.0, "1.152921504606847e+18" }, /* 2^60 */
		{ DBL_MAX, "1.7976931348623157e+308" },
		{ DBL_MIN, "2.2250738585072014e-308" },
		{ 5e-324, "5e-324" },
		{ 1.5e-323, "1.5e-323" },
		{ 2.121995791e-314, "2.121995791e-314" },
	};

	EXPECT_CASES(cases);
}

/* v exactly half-way between the two shortest candidates (written out
 * in full below): the one with the even last digit, as repr() does. */
Test(numfmt, halfway_ties_go_to_the_even_digit)
{
	static const struct numfmt_case cases[] = {
		{ 1.78813934326171875e-07, "1.7881393432617188e-07" },
		{ 1.45435333251953125e-05, "1.4543533325195312e-05" },
		{ 0.000158786773681640625, "0.00015878677368164062" },
		{ 0.00306224822998046875, "0.0030622482299804688" },
	};

	EXPECT_CASES(cases);
}

Test(numfmt, report_statistics_print_as_with_percent_15g)
{
	static const struct numfmt_case cases[] = {
		{ 0.834303311612961, "0.834303311612961" },
		{ 3.33333333333333, "3.33333333333333" },
		{ 36.1263401559454, "36.1263401559454" },
		{ 66.6666666666667, "66.6666666666667" },
		{ 0.05, "0.05" },
		{ 97.5, "97.5" },
	};

	EXPECT_CASES(cases);
}

/* %.*g with P = digits would print 100 as "1e+02"; P never drops below
 * 15, so integers up to 15 digits stay in fixed notation as with %.15g. */
Test(numfmt, integers_keep_percent_15g_fixed_notation)
{
	static const struct numfmt_case cases[] = {
		{ 7.0, "7" },
		{ 50.0, "50" },
		{ 100.0, "100" },
		{ -4000.0, "-4000" },
		{ 1e14, "100000000000000" },
		{ 999999999999999.0, "999999999999999" },
	};

	EXPECT_CASES(cases);
}

Test(numfmt, signed_zero_infinities_and_nans_print_as_printf)
{
	static const struct numfmt_case cases[] = {
		{ -0.0, "-0" }, { INFINITY, "inf" }, { -INFINITY, "-inf" },
		{ NAN, "nan" }, { -NAN, "-nan" },
	};
	char buf[SEMM_NUMFMT_BUFSIZE], want[SEMM_NUMFMT_BUFSIZE];
	size_t i;

	EXPECT_CASES(cases);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(want, sizeof(want), "%.15g", cases[i].v);
		cr_expect_str_eq(shortest(cases[i].v, buf), want);
	}
}

/*
 * The nearest 16-digit decimal to 2^405 (8.263199609878107e+121) does not
 * read back: the neighbour below a power of two is twice as close as the
 * one above. The shortest decimal is the one above.
 */
Test(numfmt, power_of_two_takes_the_decimal_that_reads_back)
{
	static const struct numfmt_case cases[] = {
		{ 8.263199609878108e+121, "8.263199609878108e+121" },
	};

	cr_assert_eq(8.263199609878108e+121, ldexp(1.0, 405));
	EXPECT_CASES(cases);
}

/* Below DBL_MIN doubles have fewer bits; %.15g can read back while a
 * different, shorter decimal also does. */
Test(numfmt, subnormal_can_be_shorter_than_percent_15g)
{
	static const struct numfmt_case cases[] = {
		{ 7.7639133325253e-310, "7.7639133325253e-310" },
	};
	char f15[SEMM_NUMFMT_BUFSIZE];

	snprintf(f15, sizeof(f15), "%.15g", 7.7639133325253e-310);
	cr_assert_str_eq(f15, "7.76391333252529e-310");
	cr_assert_eq(strtod(f15, NULL), 7.7639133325253e-310);
	EXPECT_CASES(cases);
}

/* ---- randomized checks of the contract ------------------------------ */

static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z;

	*state += 0x9e3779b97f4a7c15u;
	z = *state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static int same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

/* Significant digits of printed text: leading and trailing zeros of
 * the digit string (before any exponent) do not count. */
static int significant_digits(const char *s)
{
	int n = 0, zeros = 0, leading = 1;

	for (; *s && *s != 'e'; s++) {
		if (*s < '0' || *s > '9')
			continue;
		if (*s == '0' && leading)
			continue;
		leading = 0;
		n++;
		zeros = *s == '0' ? zeros + 1 : 0;
	}
	return n - zeros;
}

/* Whether the p-significant-digit decimal next to |v| in the direction
 * of the rounding mode reads back to |v|. */
static int directed_reads_back(double v, int p, int mode)
{
	char buf[64];

	fesetround(mode);
	snprintf(buf, sizeof(buf), "%.*e", p - 1, fabs(v));
	fesetround(FE_TONEAREST);
	return same_bits(strtod(buf, NULL), fabs(v));
}

/*
 * Whether some decimal of p significant digits reads back to v. If one
 * does, so does the p-digit neighbour of v on its side (the doubles
 * reading back to v form an interval); when v's neighbours are equally
 * far (all but powers of two) the nearest p-digit decimal is enough.
 */
static int shorter_reads_back(double v, int p)
{
	uint64_t bits;
	char buf[64];

	memcpy(&bits, &v, sizeof(bits));
	if ((bits & ((UINT64_C(1) << 52) - 1)) == 0)
		return directed_reads_back(v, p, FE_DOWNWARD) ||
		       directed_reads_back(v, p, FE_UPWARD);
	snprintf(buf, sizeof(buf), "%.*e", p - 1, v);
	return same_bits(strtod(buf, NULL), v);
}

/* Checks one finite v; returns 1 when it passes, else logs why. */
static int check_contract(double v)
{
	char out[SEMM_NUMFMT_BUFSIZE], f15[64];
	int n;

	semm__numfmt_shortest(v, out);
	if (!same_bits(strtod(out, NULL), v)) {
		cr_log_error("%a: \"%s\" does not read back", v, out);
		return 0;
	}
	n = significant_digits(out);
	if (n > 1 && shorter_reads_back(v, n - 1)) {
		cr_log_error("%a: \"%s\" is not shortest", v, out);
		return 0;
	}
	snprintf(f15, sizeof(f15), "%.15g", v);
	if (fabs(v) >= DBL_MIN && same_bits(strtod(f15, NULL), v) &&
	    strcmp(f15, out) != 0) {
		cr_log_error("%a: \"%s\", %%.15g \"%s\"", v, out, f15);
		return 0;
	}
	if (!same_bits(strtod(f15, NULL), v) && n < 16) {
		cr_log_error("%a: \"%s\" short but %%.15g is not exact", v,
			     out);
		return 0;
	}
	return 1;
}

/* A double from random bits, finite. */
static double random_bits(uint64_t *state)
{
	for (;;) {
		uint64_t b = splitmix64(state);
		double v;

		memcpy(&v, &b, sizeof(v));
		if (isfinite(v))
			return v;
	}
}

/* A random decimal: 1 to 17 digits times 10^(-40..40), read by strtod;
 * every fourth a power of two (the asymmetric case) instead. */
static double random_decimal(uint64_t *state)
{
	uint64_t r = splitmix64(state);
	int digits = 1 + (int)(r % 17);
	int exp10 = (int)((r >> 8) % 81) - 40;
	uint64_t m, bound = 1;
	char buf[64];
	int i;

	if ((r >> 16) % 4 == 0)
		return ldexp(1.0, (int)((r >> 20) % 2098) - 1074);
	for (i = 0; i < digits; i++)
		bound *= 10;
	m = splitmix64(state) % bound;
	snprintf(buf, sizeof(buf), "%llue%d", (unsigned long long)m, exp10);
	return strtod(buf, NULL);
}

/* What report statistics look like: ratios, k / 3, %.15g-rounded. */
static double random_statistic(uint64_t *state)
{
	uint64_t r = splitmix64(state);
	double u = (double)(splitmix64(state) >> 11) * 0x1p-53;
	char buf[64];

	switch (r % 4) {
	case 0: return u;
	case 1: return (double)(r >> 8 & 0xffff) / 3.0;
	case 2: return (double)(r >> 8 & 0xfffff) / 100.0;
	default:
		snprintf(buf, sizeof(buf), "%.15g", u * 100.0);
		return strtod(buf, NULL);
	}
}

Test(numfmt, random_doubles_read_back_shortest_and_as_percent_15g)
{
	uint64_t state = RANDOM_SEED;
	long i, failures = 0;

	for (i = 0; i < RANDOM_COUNT && failures < MAX_REPORTED; i++) {
		double v;

		switch (i % 3) {
		case 0: v = random_bits(&state); break;
		case 1: v = random_decimal(&state); break;
		default: v = random_statistic(&state); break;
		}
		failures += !check_contract(i % 2 ? -v : v);
	}
	cr_expect_eq(failures, 0, "%ld failures, see the log", failures);
}

/* Every binary exponent: the power of two (asymmetric interval), its
 * neighbours and the largest significand. */
Test(numfmt, every_binary_exponent_at_its_edges)
{
	long failures = 0;
	int e;

	for (e = -1074; e <= 1023 && failures < MAX_REPORTED; e++) {
		double p = ldexp(1.0, e);

		failures += !check_contract(p);
		failures += !check_contract(nextafter(p, 0.0));
		failures += !check_contract(nextafter(p, INFINITY));
	}
	cr_expect_eq(failures, 0, "%ld failures, see the log", failures);
}
