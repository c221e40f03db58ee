/*
 * numfmt.c - shortest round-trip double -> decimal text.
 *
 * The digits come from the Schubfach method (R. Giulietti, "The Schubfach
 * way to render doubles", 2020). A finite nonzero double is v = c * 2^q;
 * every real in its rounding interval R (half-way to each neighbour,
 * ends included when c is even, as round-half-even reading does) reads
 * back to v. With k = floor(log10(width of R)), R holds at most one
 * multiple of 10^(k+1), and if it holds one that is the shortest decimal;
 * otherwise the shortest decimals are the multiples of 10^k in R, of
 * which the one closest to v is taken (ties to an even last digit). So it
 * is enough to know 4 * v * 10^-k and the two ends of R on the same scale
 * to two binary places, and whether they are integers: the product of
 * c (shifted) by a 126-bit upper approximation g of a power of ten, kept
 * as its floor with a sticky lowest bit ("round to odd"). The paper
 * proves that this rounding, computed with g, equals the rounding of the
 * exact product for every double, so all comparisons below are exact.
 *
 * Integers below 2^53 take a shortcut: they are their own shortest form.
 * The text is laid out as %.*g would with P = max(15, digits), see
 * numfmt.h. The tables are constants written by tools/gen_numfmt_table.py.
 */
#include <stdint.h>
#include <string.h>

#include "base/numfmt.h"
#include "base/numfmt_table.h"

__extension__ typedef unsigned __int128 numfmt_u128;

#define NUMFMT_MANT_BITS 52
#define NUMFMT_EXP_MASK 0x7ffu
#define NUMFMT_EXP_BIAS 1075 /* q = biased exponent - 1075 */
#define NUMFMT_Q_MIN (-1074)
#define NUMFMT_MASK63 ((UINT64_C(1) << 63) - 1)
/* %.15g's precision: the output never uses a smaller P (see numfmt.h) */
#define NUMFMT_MIN_PRECISION 15
/* %g writes exponent form below 10^-4 */
#define NUMFMT_FIXED_MIN_EXP (-4)

/* A decimal digits * 10^exp. */
struct numfmt_dec {
	uint64_t digits;
	int exp;
};

static const char numfmt_pairs[] = "00010203040506070809"
				   "10111213141516171819"
				   "20212223242526272829"
				   "30313233343536373839"
				   "40414243444546474849"
				   "50515253545556575859"
				   "60616263646566676869"
				   "70717273747576777879"
				   "80818283848586878889"
				   "90919293949596979899";

static const uint64_t numfmt_pow10[] = { UINT64_C(1),
					 UINT64_C(10),
					 UINT64_C(100),
					 UINT64_C(1000),
					 UINT64_C(10000),
					 UINT64_C(100000),
					 UINT64_C(1000000),
					 UINT64_C(10000000),
					 UINT64_C(100000000),
					 UINT64_C(1000000000),
					 UINT64_C(10000000000),
					 UINT64_C(100000000000),
					 UINT64_C(1000000000000),
					 UINT64_C(10000000000000),
					 UINT64_C(100000000000000),
					 UINT64_C(1000000000000000),
					 UINT64_C(10000000000000000),
					 UINT64_C(100000000000000000),
					 UINT64_C(1000000000000000000),
					 UINT64_C(10000000000000000000) };

/*
 * The fixed-point logarithms below shift negative ints right, which GCC
 * and Clang define as an arithmetic (flooring) shift. The generator
 * checks each formula over every argument it gets here.
 */
static int flog10_pow2(int q)
{
	return (q * NUMFMT_LOG10_2_MUL) >> NUMFMT_LOG10_2_SHIFT;
}

static int flog10_three_quarters_pow2(int q)
{
	return (q * NUMFMT_LOG10_2_MUL - NUMFMT_LOG10_3Q_SUB) >>
	       NUMFMT_LOG10_2_SHIFT;
}

static int flog2_pow10(int e)
{
	return (e * NUMFMT_LOG2_10_MUL) >> NUMFMT_LOG2_10_SHIFT;
}

/* floor(g * cp / 2^127) with its lowest bit set when inexact. */
static uint64_t round_to_odd(const uint64_t g[2], uint64_t cp)
{
	numfmt_u128 x = (numfmt_u128)g[1] * cp;
	numfmt_u128 y = (numfmt_u128)g[0] * cp;
	uint64_t z = ((uint64_t)y >> 1) + (uint64_t)(x >> 64);
	uint64_t quot = (uint64_t)(y >> 64) + (z >> 63);

	return quot | (((z & NUMFMT_MASK63) + NUMFMT_MASK63) >> 63);
}

/*
 * The shortest decimal in the rounding interval of c * 2^q, closest to
 * it; asym when the neighbour below is half as far as the one above.
 */
static struct numfmt_dec schubfach(uint64_t c, int q, int asym)
{
	struct numfmt_dec d;
	uint64_t out = c & 1; /* 1: the ends of R do not read back to v */
	uint64_t cb = c << 2, cbl, cbr = cb + 2;
	uint64_t vb, vbl, vbr, s, t, sp10, tp10;
	int k, h, lo_in, hi_in;
	const uint64_t *g;

	if (asym) {
		cbl = cb - 1;
		k = flog10_three_quarters_pow2(q);
	} else {
		cbl = cb - 2;
		k = flog10_pow2(q);
	}
	h = q + flog2_pow10(-k) + 2;
	g = NUMFMT_G[k - NUMFMT_K_MIN];
	vb = round_to_odd(g, cb << h);
	vbl = round_to_odd(g, cbl << h);
	vbr = round_to_odd(g, cbr << h);

	/* a multiple of 10^(k+1) in R is the one shortest decimal */
	s = vb >> 2;
	sp10 = s / 10 * 10;
	tp10 = sp10 + 10;
	lo_in = vbl + out <= sp10 << 2;
	hi_in = (tp10 << 2) + out <= vbr;
	d.exp = k;
	if (lo_in != hi_in) {
		d.digits = lo_in ? sp10 : tp10;
		return d;
	}
	/* else s * 10^k <= v < t * 10^k, at least one in R */
	t = s + 1;
	lo_in = vbl + out <= s << 2;
	hi_in = (t << 2) + out <= vbr;
	if (lo_in != hi_in) {
		d.digits = lo_in ? s : t;
		return d;
	}
	/* both: the closer, ties to even; vb vs 2(s + t) compares v with
	 * the midpoint (s + t) / 2 * 10^k */
	if (vb < (s + t) << 1 || (vb == (s + t) << 1 && (s & 1) == 0))
		d.digits = s;
	else
		d.digits = t;
	return d;
}

/*
 * d / 10^k if 10^k divides d > 0, else 0, without a division: with
 * y = d * 5^-k mod 2^64 rotated right by k bits, 10^k divides d exactly
 * when y <= (2^64 - 1) / 10^k, and then y = d / 10^k (Granlund and
 * Montgomery's divisibility test). inv5k is 5^-k mod 2^64.
 */
static uint64_t div_pow10_exact(uint64_t d, uint64_t inv5k, int k, uint64_t max)
{
	uint64_t y = d * inv5k;

	y = (y >> k) | (y << (64 - k));
	return y <= max ? y : 0;
}

static struct numfmt_dec strip_zeros(struct numfmt_dec d)
{
	uint64_t q;

	for (;;) { /* at most 16 zeros: twice */
		q = div_pow10_exact(d.digits, UINT64_C(0xc767074b22e90e21), 8,
				    UINT64_MAX / 100000000);
		if (!q)
			break;
		d.digits = q;
		d.exp += 8;
	}
	q = div_pow10_exact(d.digits, UINT64_C(0xd288ce703afb7e91), 4,
			    UINT64_MAX / 10000);
	if (q) {
		d.digits = q;
		d.exp += 4;
	}
	q = div_pow10_exact(d.digits, UINT64_C(0x8f5c28f5c28f5c29), 2,
			    UINT64_MAX / 100);
	if (q) {
		d.digits = q;
		d.exp += 2;
	}
	q = div_pow10_exact(d.digits, UINT64_C(0xcccccccccccccccd), 1,
			    UINT64_MAX / 10);
	if (q) {
		d.digits = q;
		d.exp += 1;
	}
	return d;
}

/* The shortest decimal of a finite nonzero |v| given by its bits. */
static struct numfmt_dec to_decimal(uint64_t bits)
{
	uint64_t frac = bits & ((UINT64_C(1) << NUMFMT_MANT_BITS) - 1);
	unsigned be = (unsigned)(bits >> NUMFMT_MANT_BITS) & NUMFMT_EXP_MASK;
	uint64_t c;
	int q;

	if (be == 0)
		return strip_zeros(schubfach(frac, NUMFMT_Q_MIN, 0));
	c = frac | (UINT64_C(1) << NUMFMT_MANT_BITS);
	q = (int)be - NUMFMT_EXP_BIAS;
	if (q <= 0 && q > -NUMFMT_MANT_BITS - 1 &&
	    (c & ((UINT64_C(1) << -q) - 1)) == 0) {
		struct numfmt_dec d = { c >> -q, 0 };

		return strip_zeros(d);
	}
	return strip_zeros(schubfach(c, q, frac == 0 && be > 1));
}

/* Number of decimal digits of d, 1 <= d < 10^19. */
static int digit_count(uint64_t d)
{
	int n = ((64 - __builtin_clzll(d)) * 1233) >> 12;

	return n + (d >= numfmt_pow10[n]);
}

/* Writes the n digits of d ending just before end. */
static void put_digits(char *end, uint64_t d)
{
	uint32_t x;

	while (d >= 100000000) {
		uint32_t lo = (uint32_t)(d % 100000000);
		int i;

		d /= 100000000;
		for (i = 0; i < 4; i++) {
			end -= 2;
			memcpy(end, numfmt_pairs + 2 * (lo % 100), 2);
			lo /= 100;
		}
	}
	x = (uint32_t)d;
	while (x >= 100) {
		end -= 2;
		memcpy(end, numfmt_pairs + 2 * (x % 100), 2);
		x /= 100;
	}
	if (x >= 10) {
		end -= 2;
		memcpy(end, numfmt_pairs + 2 * x, 2);
	} else {
		*--end = (char)('0' + x);
	}
}

/* d.ddde+XX: at least two exponent digits, as printf. */
static size_t put_exponent_form(char *p, uint64_t digits, int n, int x)
{
	size_t len;
	unsigned ax = (unsigned)(x < 0 ? -x : x);

	put_digits(p + 1 + n, digits);
	p[0] = p[1];
	len = 1;
	if (n > 1) {
		p[1] = '.';
		len = (size_t)n + 1;
	}
	p[len++] = 'e';
	p[len++] = x < 0 ? '-' : '+';
	if (ax >= 100) {
		p[len++] = (char)('0' + ax / 100);
		ax %= 100;
	}
	memcpy(p + len, numfmt_pairs + 2 * ax, 2);
	return len + 2;
}

/* Fixed notation of digits * 10^(x - n + 1), -4 <= x < max(15, n). */
static size_t put_fixed_form(char *p, uint64_t digits, int n, int x)
{
	char d[32] = { 0 };

	if (x < 0) {
		size_t zeros = (size_t)(-x - 1);

		p[0] = '0';
		p[1] = '.';
		memset(p + 2, '0', zeros);
		put_digits(p + 2 + zeros + n, digits);
		return 2 + zeros + (size_t)n;
	}
	if (n <= x + 1) {
		put_digits(p + n, digits);
		memset(p + n, '0', (size_t)(x + 1 - n));
		return (size_t)x + 1;
	}
	/*
	 * Both parts are copied from d in fixed-size blocks (a variable-size
	 * move is a libc call); the bytes past the digits land where the
	 * point and the NUL go or past them, inside the 32 bytes: the
	 * integer part has at most 16 digits and a fraction longer than 8
	 * digits leaves at most 8 before the point.
	 */
	put_digits(d + n, digits);
	memcpy(p, d, 16);
	p[x + 1] = '.';
	if (n - x - 1 <= 8)
		memcpy(p + x + 2, d + x + 1, 8);
	else
		memcpy(p + x + 2, d + x + 1, 16);
	return (size_t)n + 1;
}

size_t semm__numfmt_shortest(double v, char *buf)
{
	uint64_t bits;
	size_t len = 0;
	struct numfmt_dec d;
	int n, x, precision;

	memcpy(&bits, &v, sizeof(bits));
	if (bits >> 63)
		buf[len++] = '-';
	bits &= ~(UINT64_C(1) << 63);
	if ((bits >> NUMFMT_MANT_BITS) == NUMFMT_EXP_MASK) {
		memcpy(buf + len, bits << 12 ? "nan" : "inf", 4);
		return len + 3;
	}
	if (bits == 0) {
		memcpy(buf + len, "0", 2);
		return len + 1;
	}
	d = to_decimal(bits);
	n = digit_count(d.digits);
	x = d.exp + n - 1; /* the exponent of the first digit */
	precision = n > NUMFMT_MIN_PRECISION ? n : NUMFMT_MIN_PRECISION;
	if (x < NUMFMT_FIXED_MIN_EXP || x >= precision)
		len += put_exponent_form(buf + len, d.digits, n, x);
	else
		len += put_fixed_form(buf + len, d.digits, n, x);
	buf[len] = '\0';
	return len;
}
