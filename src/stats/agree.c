/*
 * agree.c - the agreement statistics that say whether a group's answers
 * may stand for the group (the aggregation notes of the domain): the
 * expected error variances of rwg(j)'s null distributions, r*wg(j), the
 * average deviation indices and a_wg of one item from its answer counts,
 * the F intervals of ICC(1) and ICC(2), and random group resampling of
 * within-group variances with its own small seeded generator (so that
 * the draws are the same on every platform and with any GSL). Pure
 * functions over caller-owned arrays; nothing is allocated.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "semm/stats.h"
#include "stats/fdist.h"

/* ---- null distributions of rwg(j) ----------------------------------- */

/*
 * The variances of the skewed and triangular nulls: James, Demaree and
 * Wolf (1984) for 5 answer options, LeBreton and Senter (2008)
 * for 7. docs/SCORING.md names the sources; the 5-point figures are the
 * variances of the proportions James et al. give (a unit test recomputes
 * them).
 */
static const struct {
	unsigned options;
	double slight, moderate, triangular;
} tabled_nulls[] = { { 5, 1.34, 0.90, 1.32 }, { 7, 2.90, 2.14, 2.10 } };

#define N_TABLED (sizeof(tabled_nulls) / sizeof(tabled_nulls[0]))

static const char *const null_names[] = { "uniform", "slight-skew",
					  "moderate-skew", "triangular",
					  "value" };

double semm_stats_rwg_null_variance(semm_rwg_null null, unsigned a)
{
	size_t k;

	if (a < 2)
		return NAN;
	if (null == SEMM_RWG_NULL_UNIFORM)
		return ((double)a * (double)a - 1.0) / 12.0;
	for (k = 0; k < N_TABLED; k++) {
		if (tabled_nulls[k].options != a)
			continue;
		switch (null) {
		case SEMM_RWG_NULL_SLIGHT_SKEW: return tabled_nulls[k].slight;
		case SEMM_RWG_NULL_MODERATE_SKEW:
			return tabled_nulls[k].moderate;
		case SEMM_RWG_NULL_TRIANGULAR:
			return tabled_nulls[k].triangular;
		default: return NAN;
		}
	}
	return NAN;
}

const char *semm_rwg_null_name(semm_rwg_null null)
{
	if ((unsigned)null >= sizeof(null_names) / sizeof(null_names[0]))
		return NULL;
	return null_names[null];
}

int semm_rwg_null_parse(const char *name, semm_rwg_null *out)
{
	int k;

	for (k = SEMM_RWG_NULL_UNIFORM; name && out && k < SEMM_RWG_NULL_VALUE;
	     k++) {
		if (strcmp(name, null_names[k]) == 0) {
			*out = (semm_rwg_null)k;
			return SEMM_OK;
		}
	}
	return SEMM_EARG;
}

double semm_stats_rstar_wg(double mean_var, double sigma2_e)
{
	if (isnan(mean_var) || !(sigma2_e > 0.0))
		return NAN;
	return 1.0 - mean_var / sigma2_e;
}

/* ---- one item's agreement from its answer counts --------------------- */

typedef __int128 wide;

static void item_clear(semm_item_agree *out, size_t n)
{
	out->n = n;
	out->mean = out->median = out->variance = NAN;
	out->ad_mean = out->ad_median = out->awg = NAN;
	out->reason = out->awg_reason = NULL;
}

/* The answer at 0-based rank i of the sorted answers. */
static wide answer_at(const size_t *counts, int lo, int hi, size_t i)
{
	size_t seen = 0;
	int k;

	for (k = 0; k <= hi - lo; k++) {
		seen += counts[k];
		if (i < seen)
			break;
	}
	return (wide)lo + k;
}

int semm_stats_item_agree(const size_t *counts, int lo, int hi,
			  semm_item_agree *out)
{
	wide n = 0, s = 0, q = 0, dev_mean = 0, dev_median = 0, med2, num;
	wide below, above;
	int k;

	if (!out)
		return SEMM_EARG;
	item_clear(out, 0);
	if (!counts || hi <= lo)
		return SEMM_EARG;
	for (k = 0; k <= hi - lo; k++) {
		wide x = (wide)lo + k, c = (wide)counts[k];

		n += c;
		s += c * x;
		q += c * x * x;
	}
	out->n = (size_t)n;
	if (n < 2) {
		out->reason = out->awg_reason = "fewer than two answers";
		return SEMM_OK;
	}
	/* twice the R type 7 median: the two middle answers (the same one
	 * when n is odd) */
	med2 = answer_at(counts, lo, hi, (size_t)((n - 1) / 2)) +
	       answer_at(counts, lo, hi, (size_t)(n / 2));
	for (k = 0; k <= hi - lo; k++) {
		wide x = (wide)lo + k, c = (wide)counts[k];
		wide dm = n * x - s, dd = 2 * x - med2;

		dev_mean += c * (dm < 0 ? -dm : dm);
		dev_median += c * (dd < 0 ? -dd : dd);
	}
	out->mean = (double)s / (double)n;
	out->median = (double)med2 / 2.0;
	num = n * q - s * s; /* n (n - 1) times the sample variance */
	out->variance = (double)num / ((double)n * (double)(n - 1));
	/* sum |n x - S| / n^2 and sum |2 x - 2 median| / 2n */
	out->ad_mean = (double)dev_mean / (double)n / (double)n;
	out->ad_median = (double)dev_median / (2.0 * (double)n);
	below = s - n * lo; /* n (M - L) */
	above = n * hi - s; /* n (H - M) */
	if (below == 0 || above == 0) {
		out->awg_reason = "the mean is at an end of the scale";
		return SEMM_OK;
	}
	/* 2 s^2 / ((M - L)(H - M) n / (n - 1)) = 2 num / (below * above) */
	out->awg = (double)(below * above - 2 * num) / (double)(below * above);
	return SEMM_OK;
}

/* ---- intervals of ICC(1) and ICC(2) ---------------------------------- */

int semm_stats_icc_ci(const semm_icc *icc, double level, double icc1[2],
		      double icc2[2])
{
	double tail, k, q, f_lo, f_hi;

	if (icc1)
		icc1[0] = icc1[1] = NAN;
	if (icc2)
		icc2[0] = icc2[1] = NAN;
	if (!icc || !icc1 || !icc2 || !(level > 0.0 && level < 1.0))
		return SEMM_EARG;
	if (!(icc->f > 0.0) || isinf(icc->f) || !(icc->df_between > 0.0) ||
	    !(icc->df_within > 0.0))
		return SEMM_OK;
	tail = (1.0 - level) / 2.0;
	k = icc->k_bar;
	q = semm__f_quantile(1.0 - tail, icc->df_between, icc->df_within);
	if (isfinite(q) && q > 0.0) {
		f_lo = icc->f / q;
		icc1[0] = (f_lo - 1.0) / (f_lo + k - 1.0);
		icc2[0] = 1.0 - 1.0 / f_lo;
	}
	q = semm__f_quantile(1.0 - tail, icc->df_within, icc->df_between);
	if (isfinite(q) && q > 0.0) {
		f_hi = icc->f * q;
		icc1[1] = (f_hi - 1.0) / (f_hi + k - 1.0);
		icc2[1] = 1.0 - 1.0 / f_hi;
	}
	return SEMM_OK;
}

/* ---- random group resampling ----------------------------------------- */

/*
 * A regrouping whose mean variance is within this relative distance of
 * the observed one counts as not above it: a regrouping that puts the
 * same values together as the groups do is a tie, whatever the order in
 * which rounding summed them.
 */
#define RGR_TIE 1e-12

/* splitmix64 (Steele, Lea and Flood 2014): one 64-bit draw. */
static uint64_t draw(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* A uniform draw from 0..n-1 (n >= 1), by Lemire's multiply-and-reject:
 * the high half of a 64 x 64-bit product, draws whose low half falls in
 * the short first stretch rejected, so that no value is favoured. */
static uint64_t draw_below(uint64_t *state, uint64_t n)
{
	unsigned __int128 m = (unsigned __int128)draw(state) * n;
	uint64_t low = (uint64_t)m;

	if (low < n) {
		uint64_t reject = (0 - n) % n;

		while (low < reject) {
			m = (unsigned __int128)draw(state) * n;
			low = (uint64_t)m;
		}
	}
	return (uint64_t)(m >> 64);
}

/* Fisher-Yates (Durstenfeld), from the last place down. */
static void shuffle(double *x, size_t n, uint64_t *state)
{
	size_t i;

	for (i = n; i > 1; i--) {
		size_t j = (size_t)draw_below(state, i);
		double t = x[i - 1];

		x[i - 1] = x[j];
		x[j] = t;
	}
}

/* Sample variance of x[0..n-1], n >= 2, two passes. */
static double variance_of(const double *x, size_t n)
{
	double sum = 0.0, ss = 0.0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += x[i];
	sum /= (double)n;
	for (i = 0; i < n; i++)
		ss += (x[i] - sum) * (x[i] - sum);
	return ss / (double)(n - 1);
}

/* Mean over the groups (in order) of their variances. */
static double mean_variance(const double *x, const size_t *sizes, size_t g)
{
	double sum = 0.0;
	size_t k, at = 0;

	for (k = 0; k < g; k++) {
		sum += variance_of(x + at, sizes[k]);
		at += sizes[k];
	}
	return sum / (double)g;
}

static void rgr_clear(semm_rgr *out)
{
	out->groups = out->n = out->replications = 0;
	out->observed = out->pseudo_mean = out->pseudo_sd = NAN;
	out->z = out->p = out->p_permutation = NAN;
	out->reason = NULL;
}

static int rgr_check(const double *values, const size_t *sizes, size_t g,
		     size_t *n)
{
	size_t k;

	*n = 0;
	for (k = 0; k < g; k++) {
		if (sizes[k] < 2)
			return SEMM_EARG;
		*n += sizes[k];
	}
	for (k = 0; k < *n; k++)
		if (!isfinite(values[k]))
			return SEMM_EARG;
	return SEMM_OK;
}

/* The draws: pseudo-group variances by Welford's running mean and sum of
 * squared deviations, and how many regroupings do not exceed observed. */
static void rgr_draws(double *values, const size_t *sizes, semm_rgr *out,
		      uint64_t seed)
{
	uint64_t state = seed;
	double mean = 0.0, m2 = 0.0, count = 0.0;
	size_t b, k, at, not_above = 0;

	for (b = 0; b < out->replications; b++) {
		double sum = 0.0;

		shuffle(values, out->n, &state);
		for (k = 0, at = 0; k < out->groups; k++) {
			double v = variance_of(values + at, sizes[k]), d;

			at += sizes[k];
			sum += v;
			count += 1.0;
			d = v - mean;
			mean += d / count;
			m2 += d * (v - mean);
		}
		if (sum / (double)out->groups <=
		    out->observed + RGR_TIE * out->observed)
			not_above++;
	}
	out->pseudo_mean = mean;
	out->pseudo_sd = sqrt(m2 / (count - 1.0));
	out->p_permutation =
		(1.0 + (double)not_above) / (1.0 + (double)out->replications);
}

int semm_stats_rgr(double *values, const size_t *sizes, size_t n_groups,
		   size_t replications, uint64_t seed, semm_rgr *out)
{
	size_t k;
	int rc;

	if (!out)
		return SEMM_EARG;
	rgr_clear(out);
	if (n_groups > 0 && (!values || !sizes))
		return SEMM_EARG;
	rc = rgr_check(values, sizes, n_groups, &out->n);
	if (rc < 0)
		return rc;
	out->groups = n_groups;
	if (n_groups < 2) {
		out->reason = "fewer than two groups with two values";
		return SEMM_OK;
	}
	out->observed = mean_variance(values, sizes, n_groups);
	for (k = 1; k < out->n && values[k] == values[0]; k++)
		;
	if (k == out->n) {
		out->reason = "the values do not vary";
		return SEMM_OK;
	}
	if (replications == 0) {
		out->reason = "no replications";
		return SEMM_OK;
	}
	out->replications = replications;
	rgr_draws(values, sizes, out, seed);
	if (!(out->pseudo_sd > 0.0)) {
		out->reason = "the pseudo-groups' variances do not vary";
		return SEMM_OK;
	}
	out->z = (out->observed - out->pseudo_mean) /
		 (out->pseudo_sd / sqrt((double)n_groups));
	out->p = gsl_cdf_ugaussian_P(out->z);
	if (!isfinite(out->p))
		out->p = NAN;
	return SEMM_OK;
}
