/*
 * rater.c - agreement between raters who rate the same units:
 * Krippendorff's alpha for nominal, ordinal and interval data with
 * missing values (the coincidence-matrix definition, computed without
 * the matrix), its bootstrap interval over units (GSL's Mersenne
 * Twister, seeded by the caller) and the two-way random-effects ICCs of
 * Shrout and Fleiss with the F intervals of McGraw and Wong. Pure
 * functions over caller-owned arrays; the bootstrap's generator is the
 * only allocation.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>

#include "semm/stats.h"
#include "stats/fdist.h"

static const char *const metric_names[] = { "nominal", "ordinal", "interval" };

const char *semm_kalpha_metric_name(semm_kalpha_metric metric)
{
	return (unsigned)metric <= SEMM_KALPHA_INTERVAL ? metric_names[metric]
							: "unknown";
}

static size_t mul_size(size_t a, size_t b)
{
	return a && b > SIZE_MAX / a ? SIZE_MAX : a * b;
}

size_t semm_stats_kalpha_work_size(size_t units, size_t raters)
{
	return mul_size(units, raters);
}

size_t semm_stats_kalpha_boot_work_size(size_t units, size_t raters,
					size_t replications)
{
	size_t t = mul_size(units, raters);

	if (t == SIZE_MAX || t > (SIZE_MAX - replications) / 2)
		return SIZE_MAX;
	return 2 * t + replications;
}

/* Values of row u that are not missing. */
static size_t row_values(const double *row, size_t raters)
{
	size_t r, m = 0;

	for (r = 0; r < raters; r++)
		m += !isnan(row[r]);
	return m;
}

/* First index of sorted[0..n-1] not below v, and the count equal to v. */
static size_t lower_bound(const double *sorted, size_t n, double v)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sorted[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t count_equal(const double *sorted, size_t n, size_t at)
{
	size_t k = at;

	while (k < n && sorted[k] == sorted[at])
		k++;
	return k - at;
}

/*
 * The value the difference function works on: the value itself
 * (interval, nominal) or its mid-rank among the pairable values
 * (ordinal): the values below it plus half those equal to it, so that
 * the ordinal delta of c < k, sum_{c<=g<=k} n_g - (n_c + n_k) / 2, is the
 * difference of the two mid-ranks.
 */
static double point(const double *sorted, size_t n, semm_kalpha_metric m,
		    double v)
{
	size_t at;

	if (m != SEMM_KALPHA_ORDINAL)
		return v;
	at = lower_bound(sorted, n, v);
	return (double)at + (double)count_equal(sorted, n, at) / 2.0;
}

static double delta2(semm_kalpha_metric m, double a, double b)
{
	if (m == SEMM_KALPHA_NOMINAL)
		return a == b ? 0.0 : 1.0;
	return (a - b) * (a - b);
}

static int kalpha_check(const double *data, size_t units, size_t raters,
			semm_kalpha_metric metric, const double *work)
{
	size_t i, t = units * raters;

	if ((unsigned)metric > SEMM_KALPHA_INTERVAL)
		return SEMM_EARG;
	if (t && (!data || !work))
		return SEMM_EARG;
	for (i = 0; i < t; i++)
		if (isinf(data[i]))
			return SEMM_EARG;
	return SEMM_OK;
}

static void kalpha_compute(const double *data, size_t units, size_t raters,
			   semm_kalpha_metric metric, double *work,
			   semm_kalpha *out)
{
	size_t u, i, j, n = 0;
	double obs = 0.0, exp_sum = 0.0, mean = 0.0;

	memset(out, 0, sizeof(*out));
	out->alpha = out->d_o = out->d_e = NAN;
	/* the pairable values, sorted */
	for (u = 0; u < units; u++) {
		const double *row = data + u * raters;

		if (row_values(row, raters) < 2)
			continue;
		out->units++;
		for (i = 0; i < raters; i++)
			if (!isnan(row[i]))
				work[n++] = row[i];
	}
	out->values = n;
	if (n < 2) {
		out->reason = "no unit has two values";
		return;
	}
	gsl_sort(work, 1, n);
	/* observed: each unit's ordered pairs of values, 1 / (m - 1) each */
	for (u = 0; u < units; u++) {
		const double *row = data + u * raters;
		size_t m = row_values(row, raters);
		double s = 0.0;

		if (m < 2)
			continue;
		for (i = 0; i < raters; i++) {
			if (isnan(row[i]))
				continue;
			for (j = i + 1; j < raters; j++)
				if (!isnan(row[j]))
					s += delta2(
						metric,
						point(work, n, metric, row[i]),
						point(work, n, metric, row[j]));
		}
		obs += 2.0 * s / (double)(m - 1);
	}
	/* expected: every ordered pair of pairable values */
	if (metric == SEMM_KALPHA_NOMINAL) {
		double same = 0.0;

		for (i = 0; i < n; i += j) {
			j = count_equal(work, n, i);
			same += (double)j * (double)j;
		}
		exp_sum = (double)n * (double)n - same;
	} else {
		/* sum_{i,j} (t_i - t_j)^2 = 2 n sum (t_i - mean)^2 */
		for (i = 0; i < n; i++)
			mean += point(work, n, metric, work[i]);
		mean /= (double)n;
		for (i = 0; i < n; i++) {
			double d = point(work, n, metric, work[i]) - mean;

			exp_sum += d * d;
		}
		exp_sum *= 2.0 * (double)n;
	}
	out->d_o = obs / (double)n;
	out->d_e = exp_sum / ((double)n * (double)(n - 1));
	if (!(out->d_e > 0.0)) {
		out->reason = "every pairable value is the same";
		return;
	}
	out->alpha = 1.0 - out->d_o / out->d_e;
}

int semm_stats_kalpha(const double *data, size_t units, size_t raters,
		      semm_kalpha_metric metric, double *work, semm_kalpha *out)
{
	int rc;

	if (!out)
		return SEMM_EARG;
	memset(out, 0, sizeof(*out));
	out->alpha = out->d_o = out->d_e = NAN;
	rc = kalpha_check(data, units, raters, metric, work);
	if (rc < 0)
		return rc;
	kalpha_compute(data, units, raters, metric, work, out);
	return SEMM_OK;
}

int semm_stats_kalpha_boot(const double *data, size_t units, size_t raters,
			   semm_kalpha_metric metric, size_t replications,
			   unsigned long seed, double level, double *work,
			   semm_kalpha_boot *out)
{
	double *table, *scratch, *alphas, tail;
	gsl_rng *rng;
	size_t b, u, t = units * raters;
	semm_kalpha one;
	int rc;

	if (!out)
		return SEMM_EARG;
	memset(out, 0, sizeof(*out));
	out->lo = out->hi = NAN;
	out->seed = seed;
	if (!(level > 0.0 && level < 1.0))
		return SEMM_EARG;
	rc = kalpha_check(data, units, raters, metric, work);
	if (rc < 0)
		return rc;
	if (units < 2) {
		out->reason = "fewer than two units";
		return SEMM_OK;
	}
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!rng)
		return SEMM_ENOMEM;
	gsl_rng_set(rng, seed);
	table = work;
	scratch = work + t;
	alphas = work + 2 * t;
	for (b = 0; b < replications; b++) {
		for (u = 0; u < units; u++) {
			size_t pick = (size_t)gsl_rng_uniform_int(
				rng, (unsigned long)units);

			memcpy(table + u * raters, data + pick * raters,
			       raters * sizeof(*table));
		}
		kalpha_compute(table, units, raters, metric, scratch, &one);
		if (!isnan(one.alpha))
			alphas[out->used++] = one.alpha;
	}
	gsl_rng_free(rng);
	out->replications = replications;
	if (out->used < 2) {
		out->reason = "fewer than two resamples have an alpha";
		return SEMM_OK;
	}
	gsl_sort(alphas, 1, out->used);
	tail = (1.0 - level) / 2.0;
	out->lo = semm_stats_quantile_sorted(alphas, out->used, tail);
	out->hi = semm_stats_quantile_sorted(alphas, out->used, 1.0 - tail);
	return SEMM_OK;
}

/* ---- ICC(2,1) and ICC(2,k) ------------------------------------------- */

static void icc2_ci(semm_icc2 *o, double level)
{
	double n = (double)o->n, k = (double)o->k, rho = o->single;
	double a, b, fj, f1, f2, tail = (1.0 - level) / 2.0, c;
	int s;

	if (!(o->ems > 0.0) || !isfinite(rho) || !(rho < 1.0)) {
		o->reason = "no interval: the residual mean square is 0";
		return;
	}
	a = k * rho / (n * (1.0 - rho));
	b = 1.0 + k * rho * (n - 1.0) / (n * (1.0 - rho));
	fj = o->jms / o->ems;
	o->df = (a * fj + b) * (a * fj + b) /
		((a * fj) * (a * fj) / (k - 1.0) +
		 b * b / ((n - 1.0) * (k - 1.0)));
	if (!(o->df > 0.0) || !isfinite(o->df)) {
		o->df = NAN;
		o->reason =
			"no interval: its degrees of freedom are not positive";
		return;
	}
	c = k * o->jms + (k * n - k - n) * o->ems;
	f1 = semm__f_quantile(1.0 - tail, n - 1.0, o->df);
	f2 = semm__f_quantile(1.0 - tail, o->df, n - 1.0);
	if (isfinite(f1))
		o->single_ci[0] =
			n * (o->bms - f1 * o->ems) / (f1 * c + n * o->bms);
	if (isfinite(f2))
		o->single_ci[1] =
			n * (f2 * o->bms - o->ems) / (c + n * f2 * o->bms);
	for (s = 0; s < 2; s++) {
		double x = o->single_ci[s];

		o->average_ci[s] = k * x / (1.0 + (k - 1.0) * x);
	}
	if (isnan(o->single_ci[0]) || isnan(o->single_ci[1]))
		o->reason = "no F quantile for the interval";
}

int semm_stats_icc2(const double *data, size_t n, size_t k, double level,
		    semm_icc2 *out)
{
	double grand = 0.0, ssr = 0.0, ssc = 0.0, sst = 0.0, sse;
	size_t i, j;

	if (!out)
		return SEMM_EARG;
	memset(out, 0, sizeof(*out));
	out->n = n;
	out->k = k;
	out->bms = out->jms = out->ems = out->single = out->average = NAN;
	out->df = NAN;
	out->single_ci[0] = out->single_ci[1] = NAN;
	out->average_ci[0] = out->average_ci[1] = NAN;
	if (!data || !(level > 0.0 && level < 1.0))
		return SEMM_EARG;
	for (i = 0; i < n * k; i++)
		if (!isfinite(data[i]))
			return SEMM_EARG;
	if (n < 2 || k < 2) {
		out->reason = "needs two targets and two raters";
		return SEMM_OK;
	}
	for (i = 0; i < n * k; i++)
		grand += data[i];
	grand /= (double)(n * k);
	for (i = 0; i < n; i++) {
		double m = 0.0;

		for (j = 0; j < k; j++) {
			double d = data[i * k + j] - grand;

			m += data[i * k + j];
			sst += d * d;
		}
		m = m / (double)k - grand;
		ssr += m * m;
	}
	for (j = 0; j < k; j++) {
		double m = 0.0;

		for (i = 0; i < n; i++)
			m += data[i * k + j];
		m = m / (double)n - grand;
		ssc += m * m;
	}
	ssr *= (double)k;
	ssc *= (double)n;
	sse = sst - ssr - ssc;
	if (sse < 0.0) /* rounding of a residual that is 0 */
		sse = 0.0;
	out->bms = ssr / (double)(n - 1);
	out->jms = ssc / (double)(k - 1);
	out->ems = sse / ((double)(n - 1) * (double)(k - 1));
	out->single = (out->bms - out->ems) /
		      (out->bms + (double)(k - 1) * out->ems +
		       (double)k * (out->jms - out->ems) / (double)n);
	out->average = (out->bms - out->ems) /
		       (out->bms + (out->jms - out->ems) / (double)n);
	if (!isfinite(out->single) || !isfinite(out->average)) {
		out->single = out->average = NAN;
		out->reason = "the ratings do not vary";
		return SEMM_OK;
	}
	icc2_ci(out, level);
	return SEMM_OK;
}
