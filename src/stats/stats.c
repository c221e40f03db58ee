/*
 * stats.c - the statistics module: descriptive statistics and quantiles,
 * Cronbach's alpha with its item analysis and the Feldt interval, rwg(j),
 * the one-way ANOVA behind ICC(1) and ICC(2), Pearson correlation and
 * percentile ranks, exactly as the domain notes (section 4) define them.
 * It is the library's only adapter to GSL's statistics, sorting and
 * distribution functions, but for the F quantile of the Feldt interval,
 * which fdist.c owns, and the normal tail of random group resampling
 * (agree.c, the further agreement statistics). Everything here is a
 * pure function over caller-owned arrays and allocates nothing. Inputs
 * are checked before GSL sees them, so GSL's error handler (the
 * application's business) is not reached on valid input; a non-finite
 * GSL result becomes NAN (with a reason where the result has one). A
 * statistic the data cannot support is NAN with a short static English
 * reason and the call still succeeds; SEMM_EARG is kept for caller
 * errors.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_statistics_double.h>

#include "semm/stats.h"
#include "stats/fdist.h"

/* The describe interval and the alpha interval are the 95 % ones (ci95). */
#define CI95_LEVEL 0.95

/*
 * How many units of rounding per term a quantity that is zero in exact
 * arithmetic may carry once computed. A total that is constant in exact
 * arithmetic (items that cancel) leaves a variance of a few ulps, and a
 * mean correlation of exactly -1/(k-1) leaves 1 + (k-1) rbar a few ulps
 * away from 0; below this bound they are treated as the zero they are.
 */
#define ROUNDING_ULPS 16.0

/* Whether value is no larger than the rounding noise of `terms` terms of
 * magnitude `scale`. */
static int is_rounding_zero(double value, double scale, size_t terms)
{
	return value <= ROUNDING_ULPS * (double)terms * DBL_EPSILON * scale;
}

/* Keeps the first reason: the earliest failure explains the later NANs. */
static void note(const char **reason, const char *why)
{
	if (!*reason)
		*reason = why;
}

static int all_finite(const double *x, size_t stride, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isfinite(x[i * stride]))
			return 0;
	return 1;
}

static int is_constant(const double *x, size_t stride, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (x[i * stride] != x[0])
			return 0;
	return 1;
}

/*
 * The mean of a strided column. GSL's running mean is accurate to the
 * last bit where long double is wider than double (x86 Linux, but not
 * under valgrind nor on most other ABIs): in plain double, a million
 * sorted values at 1e9 + 0.25..1 drift by 2e-3. One corrective pass over
 * the deviations, as in the corrected two-pass algorithm, brings it back
 * to the last bit.
 */
static double mean_of(const double *x, size_t stride, size_t n)
{
	double m = gsl_stats_mean(x, stride, n), drift = 0.0;
	size_t i;

	for (i = 0; i < n; i++)
		drift += x[i * stride] - m;
	return m + drift / (double)n;
}

/* Pearson r of two strided columns; NAN when either column is constant. */
static double pearson(const double *x, size_t sx, const double *y, size_t sy,
		      size_t n)
{
	double r;

	if (n < 2 || is_constant(x, sx, n) || is_constant(y, sy, n))
		return NAN;
	r = gsl_stats_correlation(x, sx, y, sy, n);
	if (!isfinite(r))
		return NAN;
	/* Rounding may carry a perfect correlation a few ulps past 1. */
	return fmax(-1.0, fmin(1.0, r));
}

/* ---- descriptive statistics --------------------------------------- */

/*
 * Sorts finite doubles ascending: quicksort on the median of three with
 * insertion sort for short runs, the smaller side first (stack depth
 * log n). Describing thousands of groups sorts millions of short
 * columns; qsort's indirect comparisons were a tenth of the time.
 */
#define SORT_SHORT 16

static void insertion_sort(double *a, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		double v = a[i];

		for (j = i; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

static void swap_doubles(double *a, double *b)
{
	double t = *a;

	*a = *b;
	*b = t;
}

static void sort_doubles(double *a, size_t n)
{
	while (n > SORT_SHORT) {
		size_t mid = n / 2, i = 0, j = n - 1;
		double pivot;

		if (a[mid] < a[0])
			swap_doubles(&a[mid], &a[0]);
		if (a[n - 1] < a[0])
			swap_doubles(&a[n - 1], &a[0]);
		if (a[n - 1] < a[mid])
			swap_doubles(&a[n - 1], &a[mid]);
		pivot = a[mid];
		for (;;) {
			while (a[i] < pivot)
				i++;
			while (pivot < a[j])
				j--;
			if (i >= j)
				break;
			swap_doubles(&a[i], &a[j]);
			i++;
			j--;
		}
		/* a[0..j] <= pivot <= a[j+1..n-1] */
		if (j + 1 < n - j - 1) {
			sort_doubles(a, j + 1);
			a += j + 1;
			n -= j + 1;
		} else {
			sort_doubles(a + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	insertion_sort(a, n);
}

static void describe_clear(semm_describe *out, size_t n)
{
	out->n = n;
	out->mean = out->sd = out->variance = out->se = NAN;
	out->ci95_lo = out->ci95_hi = NAN;
	out->median = out->q1 = out->q3 = NAN;
	out->min = out->max = NAN;
	out->reason = NULL;
}

/*
 * t(0.975, df), remembered per thread for small df: describing thousands
 * of groups asks for the same few quantiles again and again, and GSL's
 * inverse t is far dearer than the rest of a description.
 */
#define T975_CACHED 4096

static double t975(size_t df)
{
	static _Thread_local double cache[T975_CACHED];

	if (df >= T975_CACHED)
		return gsl_cdf_tdist_Pinv(1.0 - (1.0 - CI95_LEVEL) / 2.0,
					  (double)df);
	if (cache[df] == 0.0)
		cache[df] = gsl_cdf_tdist_Pinv(1.0 - (1.0 - CI95_LEVEL) / 2.0,
					       (double)df);
	return cache[df];
}

/* Variance, SD, SE and the t interval; out->mean is already set. */
static void describe_spread(const double *x, size_t n, semm_describe *out)
{
	double t;

	if (n < 2) {
		note(&out->reason, "fewer than 2 values");
		return;
	}
	/* Two-pass: deviations from the mean, never a sum of squares. */
	out->variance = gsl_stats_variance_m(x, 1, n, out->mean);
	if (!isfinite(out->variance)) {
		out->variance = NAN;
		note(&out->reason, "the variance overflows");
		return;
	}
	out->sd = sqrt(out->variance);
	out->se = out->sd / sqrt((double)n);
	t = t975(n - 1);
	if (!isfinite(t)) {
		note(&out->reason, "the t quantile could not be computed");
		return;
	}
	out->ci95_lo = out->mean - t * out->se;
	out->ci95_hi = out->mean + t * out->se;
}

int semm_stats_describe(const double *x, size_t n, double *work,
			semm_describe *out)
{
	if (!out)
		return SEMM_EARG;
	describe_clear(out, n);
	if (n > 0 && (!x || !work))
		return SEMM_EARG;
	if (!all_finite(x, 1, n))
		return SEMM_EARG;
	if (n == 0) {
		out->reason = "no values";
		return SEMM_OK;
	}
	memmove(work, x, n * sizeof(*work));
	sort_doubles(work, n);
	out->mean = mean_of(work, 1, n);
	if (!isfinite(out->mean)) {
		out->mean = NAN;
		out->reason = "the mean overflows";
		return SEMM_OK;
	}
	out->min = work[0];
	out->max = work[n - 1];
	out->median = gsl_stats_quantile_from_sorted_data(work, 1, n, 0.5);
	out->q1 = gsl_stats_quantile_from_sorted_data(work, 1, n, 0.25);
	out->q3 = gsl_stats_quantile_from_sorted_data(work, 1, n, 0.75);
	describe_spread(work, n, out);
	return SEMM_OK;
}

/* The order statistic at 0-based rank i of values with counts. */
static double order_stat(const double *v, const size_t *c, size_t m, size_t i)
{
	size_t k, seen = 0;

	for (k = 0; k < m; k++) {
		seen += c[k];
		if (i < seen)
			return v[k];
	}
	return v[m - 1];
}

/* R type 7 from counts, computed as GSL computes it from sorted data. */
static double quantile_counts(const double *v, const size_t *c, size_t m,
			      size_t n, double p)
{
	double index = p * (double)(n - 1);
	size_t lhs = (size_t)index;
	double delta = index - (double)lhs;

	if (n == 0)
		return NAN;
	if (lhs == n - 1)
		return order_stat(v, c, m, lhs);
	return (1 - delta) * order_stat(v, c, m, lhs) +
	       delta * order_stat(v, c, m, lhs + 1);
}

int semm_stats_describe_counts(const double *values, const size_t *counts,
			       size_t m, semm_describe *out)
{
	double sum = 0.0, ss = 0.0, drift = 0.0, t;
	size_t k, n = 0, lo = SIZE_MAX, hi = 0;

	if (!out || (m > 0 && (!values || !counts)))
		return SEMM_EARG;
	for (k = 0; k < m; k++) {
		if (!isfinite(values[k]) || (k && values[k] <= values[k - 1]))
			return SEMM_EARG;
		n += counts[k];
	}
	describe_clear(out, n);
	if (n == 0) {
		out->reason = "no values";
		return SEMM_OK;
	}
	for (k = 0; k < m; k++) {
		if (!counts[k])
			continue;
		lo = lo == SIZE_MAX ? k : lo;
		hi = k;
		sum += values[k] * (double)counts[k];
	}
	out->mean = sum / (double)n;
	out->min = values[lo];
	out->max = values[hi];
	out->median = quantile_counts(values, counts, m, n, 0.5);
	out->q1 = quantile_counts(values, counts, m, n, 0.25);
	out->q3 = quantile_counts(values, counts, m, n, 0.75);
	if (n < 2) {
		note(&out->reason, "fewer than 2 values");
		return SEMM_OK;
	}
	for (k = 0; k < m; k++) {
		double dev = values[k] - out->mean;

		ss += (double)counts[k] * dev * dev;
		drift += (double)counts[k] * dev;
	}
	out->variance = (ss - drift * drift / (double)n) / (double)(n - 1);
	out->sd = sqrt(out->variance);
	out->se = out->sd / sqrt((double)n);
	t = t975(n - 1);
	if (!isfinite(t)) {
		note(&out->reason, "the t quantile could not be computed");
		return SEMM_OK;
	}
	out->ci95_lo = out->mean - t * out->se;
	out->ci95_hi = out->mean + t * out->se;
	return SEMM_OK;
}

double semm_stats_quantile_sorted(const double *sorted, size_t n, double p)
{
	if (!sorted || n == 0 || !(p >= 0.0 && p <= 1.0))
		return NAN;
	return gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
}

/* ---- Cronbach's alpha ----------------------------------------------- */

/*
 * The alpha workspace, 2n + k doubles: the row totals, the totals of
 * "every item but one" (refilled for each item) and the item variances.
 */
/*
 * Everything alpha needs comes from the k x k matrix of centred
 * cross-products C (C[i][j] = sum over rows of (x_i - m_i)(x_j - m_j)),
 * built in one pass over the rows after the column means: item
 * variances, the variance of the total (the sum of C), correlations, and
 * for each item the variance of the rest and its covariance with it.
 */
struct alpha_work {
	double *cp;   /* k x k centred cross-products */
	double *mean; /* k column means */
	double *dev;  /* k deviations of the current row */
};

size_t semm_stats_alpha_work_size(size_t n, size_t k)
{
	(void)n;
	if (k > 0 && k > (SIZE_MAX / k) - 2)
		return SIZE_MAX;
	return k * k + 2 * k;
}

static void alpha_clear(semm_alpha *out, size_t n, size_t k, double *if_deleted,
			double *r_drop)
{
	size_t i;

	out->n = n;
	out->k = k;
	out->alpha = out->alpha_std = out->mean_r = NAN;
	out->ci95_lo = out->ci95_hi = NAN;
	out->reason = NULL;
	for (i = 0; i < k; i++) {
		if (if_deleted)
			if_deleted[i] = NAN;
		if (r_drop)
			r_drop[i] = NAN;
	}
}

/* k/(k-1) * (1 - sum_var/var_t); NAN for k < 2 or a constant total. */
static double alpha_of(size_t k, double sum_var, double var_t)
{
	double kd = (double)k;

	if (k < 2 || !isfinite(var_t) || is_rounding_zero(var_t, sum_var, k))
		return NAN;
	return kd / (kd - 1.0) * (1.0 - sum_var / var_t);
}

/* The column means, then the centred cross-products (upper triangle
 * mirrored). */
static void alpha_fill(const double *data, size_t n, size_t k,
		       const struct alpha_work *w)
{
	size_t i, j, r;

	for (i = 0; i < k; i++)
		w->mean[i] = mean_of(data + i, k, n);
	for (i = 0; i < k * k; i++)
		w->cp[i] = 0.0;
	for (r = 0; r < n; r++) {
		const double *row = data + r * k;

		for (i = 0; i < k; i++)
			w->dev[i] = row[i] - w->mean[i];
		for (i = 0; i < k; i++) {
			double di = w->dev[i];
			double *c = w->cp + i * k;

			for (j = i; j < k; j++)
				c[j] += di * w->dev[j];
		}
	}
	for (i = 0; i < k; i++)
		for (j = 0; j < i; j++)
			w->cp[i * k + j] = w->cp[j * k + i];
}

/* Sum of the cross-products of every pair of items other than skip
 * (skip = k: all items): (n - 1) times the variance of their total. */
static double cp_sum(const struct alpha_work *w, size_t k, size_t skip)
{
	double sum = 0.0;
	size_t i, j;

	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			if (i != skip && j != skip)
				sum += w->cp[i * k + j];
	return sum;
}

/* Sum of the item variances, leaving out skip (skip = k: none). */
static double var_sum(const struct alpha_work *w, size_t k, size_t skip,
		      double df)
{
	double sum = 0.0;
	size_t i;

	for (i = 0; i < k; i++)
		if (i != skip)
			sum += w->cp[i * k + i] / df;
	return sum;
}

/* Pearson r from cross-products; NAN when a variance is zero. */
static double cp_r(double cov, double ss_x, double ss_y)
{
	double r;

	if (!(ss_x > 0.0) || !(ss_y > 0.0))
		return NAN;
	r = cov / sqrt(ss_x * ss_y);
	if (!isfinite(r))
		return NAN;
	/* Rounding may carry a perfect correlation a few ulps past 1. */
	return fmax(-1.0, fmin(1.0, r));
}

static void alpha_standardized(const struct alpha_work *w, size_t k,
			       semm_alpha *out)
{
	double kd = (double)k, den, sum = 0.0;
	size_t i, j;

	for (i = 0; i + 1 < k; i++)
		for (j = i + 1; j < k; j++)
			sum += cp_r(w->cp[i * k + j], w->cp[i * k + i],
				    w->cp[j * k + j]);
	out->mean_r = sum / (kd * (kd - 1.0) / 2.0);
	if (!isfinite(out->mean_r)) {
		out->mean_r = NAN;
		note(&out->reason, "an item has zero variance");
		return;
	}
	den = 1.0 + (kd - 1.0) * out->mean_r;
	if (is_rounding_zero(den, 1.0 + (kd - 1.0) * fabs(out->mean_r), k)) {
		note(&out->reason, "the standardized total has zero variance");
		return;
	}
	out->alpha_std = kd * out->mean_r / den;
}

static void alpha_interval(semm_alpha *out)
{
	int rc;

	if (!isfinite(out->alpha))
		return;
	rc = semm_stats_feldt_ci(out->alpha, out->n, out->k, CI95_LEVEL,
				 &out->ci95_lo, &out->ci95_hi);
	if (rc < 0 || !isfinite(out->ci95_lo) || !isfinite(out->ci95_hi)) {
		out->ci95_lo = out->ci95_hi = NAN;
		note(&out->reason, "the F quantile could not be computed");
	}
}

static void alpha_items(const struct alpha_work *w, size_t n, size_t k,
			double *if_deleted, double *r_drop)
{
	double df = (double)(n - 1), sum_other, ss_rest, cov;
	size_t i, j;

	for (i = 0; i < k; i++) {
		sum_other = var_sum(w, k, i, df);
		ss_rest = cp_sum(w, k, i);
		/* a rest whose variance is rounding noise is constant */
		if (is_rounding_zero(ss_rest / df, sum_other, k))
			ss_rest = 0.0;
		if (r_drop) {
			cov = 0.0;
			for (j = 0; j < k; j++)
				if (j != i)
					cov += w->cp[i * k + j];
			r_drop[i] = cp_r(cov, w->cp[i * k + i], ss_rest);
		}
		if (if_deleted && k >= 3)
			if_deleted[i] =
				alpha_of(k - 1, sum_other, ss_rest / df);
	}
}

/* Alpha and its companions from the workspace's cross-products. */
static void alpha_from_cp(const struct alpha_work *w, size_t n, size_t k,
			  semm_alpha *out, double *alpha_if_deleted,
			  double *r_drop)
{
	double sum_var = var_sum(w, k, k, (double)(n - 1));
	double var_t = cp_sum(w, k, k) / (double)(n - 1);

	out->alpha = alpha_of(k, sum_var, var_t);
	if (!isfinite(out->alpha)) {
		out->alpha = NAN;
		note(&out->reason, "zero variance of the total score");
	}
	alpha_standardized(w, k, out);
	alpha_interval(out);
	if (alpha_if_deleted || r_drop)
		alpha_items(w, n, k, alpha_if_deleted, r_drop);
}

/* The cases alpha has no figure for; 1 when it does. */
static int alpha_possible(size_t n, size_t k, semm_alpha *out)
{
	if (k < 2) {
		out->reason = "fewer than 2 items";
		return 0;
	}
	if (n < 2) {
		out->reason = "fewer than 2 respondents";
		return 0;
	}
	return 1;
}

int semm_stats_alpha(const double *data, size_t n, size_t k, double *work,
		     semm_alpha *out, double *alpha_if_deleted, double *r_drop)
{
	struct alpha_work w;

	if (!out)
		return SEMM_EARG;
	alpha_clear(out, n, k, alpha_if_deleted, r_drop);
	if (n > 0 && k > 0 && (!data || !work))
		return SEMM_EARG;
	if (n > 0 && k > 0 && !all_finite(data, 1, n * k))
		return SEMM_EARG;
	if (!alpha_possible(n, k, out))
		return SEMM_OK;
	w.cp = work;
	w.mean = work + k * k;
	w.dev = work + k * k + k;
	alpha_fill(data, n, k, &w);
	alpha_from_cp(&w, n, k, out, alpha_if_deleted, r_drop);
	return SEMM_OK;
}

int semm_stats_alpha_cp(const double *cp, size_t n, size_t k, semm_alpha *out,
			double *alpha_if_deleted, double *r_drop)
{
	struct alpha_work w;

	if (!out)
		return SEMM_EARG;
	alpha_clear(out, n, k, alpha_if_deleted, r_drop);
	if (k > 0 && (!cp || !all_finite(cp, 1, k * k)))
		return SEMM_EARG;
	if (!alpha_possible(n, k, out))
		return SEMM_OK;
	w.cp = (double *)cp; /* read only from here on */
	w.mean = w.dev = NULL;
	alpha_from_cp(&w, n, k, out, alpha_if_deleted, r_drop);
	return SEMM_OK;
}

/*
 * The F quantiles of the 95 % Feldt interval for n cases and k items,
 * remembered per thread in a small direct-mapped table: thousands of
 * groups of similar size ask for the same few.
 */
#define FELDT_SLOTS 1024

static void feldt_f95(size_t n, size_t k, double *upper, double *lower)
{
	static _Thread_local struct {
		size_t n, k;
		double upper, lower;
	} cache[FELDT_SLOTS];
	size_t slot = (n * 31u + k) % FELDT_SLOTS;
	double df1 = (double)(n - 1), df2 = df1 * (double)(k - 1);
	double tail = (1.0 - CI95_LEVEL) / 2.0;

	if (cache[slot].n == n && cache[slot].k == k) {
		*upper = cache[slot].upper;
		*lower = cache[slot].lower;
		return;
	}
	*upper = semm__f_quantile(1.0 - tail, df1, df2);
	*lower = semm__f_quantile(tail, df1, df2);
	cache[slot].n = n;
	cache[slot].k = k;
	cache[slot].upper = *upper;
	cache[slot].lower = *lower;
}

int semm_stats_feldt_ci(double alpha, size_t n, size_t k, double level,
			double *lo, double *hi)
{
	double df1, df2, tail, f_upper, f_lower;

	if (lo)
		*lo = NAN;
	if (hi)
		*hi = NAN;
	if (!lo || !hi || n < 2 || k < 2 || !isfinite(alpha) ||
	    !(level > 0.0 && level < 1.0))
		return SEMM_EARG;
	df1 = (double)(n - 1);
	df2 = df1 * (double)(k - 1);
	tail = (1.0 - level) / 2.0;
	if (level == CI95_LEVEL) {
		feldt_f95(n, k, &f_upper, &f_lower);
	} else {
		f_upper = semm__f_quantile(1.0 - tail, df1, df2);
		f_lower = semm__f_quantile(tail, df1, df2);
	}
	if (!isfinite(f_upper) || !isfinite(f_lower))
		return SEMM_OK;
	*lo = 1.0 - (1.0 - alpha) * f_upper;
	*hi = 1.0 - (1.0 - alpha) * f_lower;
	return SEMM_OK;
}

/* ---- rwg(j) --------------------------------------------------------- */

/*
 * Sample variance of the non-NAN values of a strided column, by the
 * corrected two-pass algorithm (GSL has no missing-value form, and rwg
 * has no workspace to compact the column into).
 */
static double variance_skip_nan(const double *x, size_t stride, size_t n,
				size_t *count)
{
	double sum = 0.0, mean, dev, ss = 0.0, drift = 0.0;
	size_t i, m = 0;

	for (i = 0; i < n; i++) {
		if (isnan(x[i * stride]))
			continue;
		sum += x[i * stride];
		m++;
	}
	*count = m;
	if (m < 2)
		return NAN;
	mean = sum / (double)m;
	for (i = 0; i < n; i++) {
		if (isnan(x[i * stride]))
			continue;
		dev = x[i * stride] - mean;
		ss += dev * dev;
		drift += dev;
	}
	return (ss - drift * drift / (double)m) / (double)(m - 1);
}

static int has_infinity(const double *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (isinf(x[i]))
			return 1;
	return 0;
}

/* rwg(j) from the item variances out->j of which are given. */
static void rwg_finish(double sum, semm_rwg *out)
{
	double s2, ratio, agree;

	if (out->j == 0) {
		out->reason = "no item has two answers";
		return;
	}
	out->mean_var = sum / (double)out->j;
	s2 = fmin(out->mean_var, out->sigma2_eu);
	ratio = s2 / out->sigma2_eu;
	agree = (double)out->j * (1.0 - ratio);
	/* agree + ratio >= 1 because ratio <= 1, so this never divides by 0 */
	out->rwg_j = agree / (agree + ratio);
}

static void rwg_clear(size_t n, unsigned a, semm_rwg *out)
{
	out->n = n;
	out->j = 0;
	out->mean_var = out->rwg_j = NAN;
	out->sigma2_eu = ((double)a * (double)a - 1.0) / 12.0;
	out->reason = NULL;
}

int semm_stats_rwg_j(const double *data, size_t n, size_t j, unsigned a,
		     semm_rwg *out)
{
	double sum = 0.0, v;
	size_t i, count;

	if (!out)
		return SEMM_EARG;
	rwg_clear(n, a, out);
	if (a < 2 || (n > 0 && j > 0 && !data))
		return SEMM_EARG;
	if (n > 0 && j > 0 && has_infinity(data, n * j))
		return SEMM_EARG;
	if (n < 2) {
		out->reason = n ? "a group of one" : "an empty group";
		return SEMM_OK;
	}
	for (i = 0; i < j; i++) {
		v = variance_skip_nan(data + i, j, n, &count);
		if (count < 2)
			continue;
		sum += v;
		out->j++;
	}
	rwg_finish(sum, out);
	return SEMM_OK;
}

/* rwg(j) from item variances once out is cleared and its null set. */
static int rwg_from_vars(const double *var, size_t j, size_t n, semm_rwg *out)
{
	double sum = 0.0;
	size_t i;

	if (n < 2) {
		out->reason = n ? "a group of one" : "an empty group";
		return SEMM_OK;
	}
	for (i = 0; i < j; i++) {
		if (isnan(var[i]))
			continue;
		if (!(var[i] >= 0) || isinf(var[i]))
			return SEMM_EARG;
		sum += var[i];
		out->j++;
	}
	rwg_finish(sum, out);
	return SEMM_OK;
}

int semm_stats_rwg_vars(const double *var, size_t j, size_t n, unsigned a,
			semm_rwg *out)
{
	if (!out)
		return SEMM_EARG;
	rwg_clear(n, a, out);
	if (a < 2 || (j > 0 && !var))
		return SEMM_EARG;
	return rwg_from_vars(var, j, n, out);
}

int semm_stats_rwg_vars_null(const double *var, size_t j, size_t n,
			     double sigma2_e, semm_rwg *out)
{
	if (!out)
		return SEMM_EARG;
	rwg_clear(n, 2, out);
	out->sigma2_eu = sigma2_e;
	if (!(sigma2_e > 0.0) || isinf(sigma2_e) || (j > 0 && !var))
		return SEMM_EARG;
	return rwg_from_vars(var, j, n, out);
}

/* ---- ICC(1), ICC(2) ------------------------------------------------- */

static void icc_clear(semm_icc *out, size_t n)
{
	out->n = n;
	out->groups = 0;
	out->k_bar = out->msb = out->msw = NAN;
	out->df_between = out->df_within = NAN;
	out->f = out->p = out->icc1 = out->icc2 = NAN;
	out->reason = NULL;
}

static int icc_check(const double *x, const size_t *group, size_t n,
		     size_t n_groups)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (group[i] >= n_groups || !isfinite(x[i]))
			return SEMM_EARG;
	return SEMM_OK;
}

/*
 * First pass: group sizes and running means of the shifted values
 * x - x[0]; returns the number of groups that have a value. The ANOVA
 * works on shifted data: the sums of squares do not change, and a large
 * common offset no longer eats the digits of the spread.
 */
static size_t icc_group_means(const double *x, const size_t *group, size_t n,
			      size_t n_groups, double *count, double *mean)
{
	size_t i, g, used = 0;

	for (g = 0; g < n_groups; g++)
		count[g] = mean[g] = 0.0;
	for (i = 0; i < n; i++) {
		g = group[i];
		count[g] += 1.0;
		mean[g] += (x[i] - x[0] - mean[g]) / count[g];
	}
	for (g = 0; g < n_groups; g++)
		if (count[g] > 0.0)
			used++;
	return used;
}

/* SSB from the group means, then SSW in a second pass over the data. */
static void icc_anova(const double *x, const size_t *group, size_t n,
		      size_t n_groups, const double *count, const double *mean,
		      semm_icc *out)
{
	double grand = 0.0, ssb = 0.0, ssw = 0.0, dev;
	size_t i, g;

	/* the grand mean is the size-weighted mean of the group means */
	for (g = 0; g < n_groups; g++)
		grand += count[g] * mean[g];
	grand /= (double)n;
	for (g = 0; g < n_groups; g++) {
		dev = mean[g] - grand;
		ssb += count[g] * dev * dev;
	}
	for (i = 0; i < n; i++) {
		dev = x[i] - x[0] - mean[group[i]];
		ssw += dev * dev;
	}
	out->msb = ssb / out->df_between;
	out->msw = ssw / out->df_within;
}

static void icc_derive(semm_icc *out)
{
	double den = out->msb + (out->k_bar - 1.0) * out->msw;

	if (out->msw > 0.0) {
		out->f = out->msb / out->msw;
		out->p = gsl_cdf_fdist_Q(out->f, out->df_between,
					 out->df_within);
		if (!isfinite(out->p)) {
			out->p = NAN;
			note(&out->reason, "the F tail could not be computed");
		}
	} else {
		note(&out->reason, "zero variance within the groups");
	}
	if (den > 0.0)
		out->icc1 = (out->msb - out->msw) / den;
	else
		note(&out->reason, "zero variance of the scores");
	if (out->msb > 0.0)
		out->icc2 = (out->msb - out->msw) / out->msb;
	else
		note(&out->reason, "zero variance between the groups");
}

/* MSB and MSW from the groups' moments. The means are compared through
 * their shifts relative to the first group's, so that a large common
 * offset does not eat the digits of the spread. */
static void icc_anova_moments(const semm_moments *g, size_t n_groups,
			      semm_icc *out)
{
	double ref = 0.0, grand = 0.0, ssb = 0.0, ssw = 0.0, dev;
	size_t i;
	int have_ref = 0;

	for (i = 0; i < n_groups; i++) {
		if (g[i].n == 0)
			continue;
		if (!have_ref) {
			ref = g[i].shift;
			have_ref = 1;
		}
		grand += (double)g[i].n * ((g[i].shift - ref) + g[i].mean);
	}
	grand /= (double)out->n;
	for (i = 0; i < n_groups; i++) {
		if (g[i].n == 0)
			continue;
		dev = (g[i].shift - ref) + g[i].mean - grand;
		ssb += (double)g[i].n * dev * dev;
		ssw += g[i].ss;
	}
	out->msb = ssb / out->df_between;
	out->msw = ssw / out->df_within;
}

int semm_stats_icc_moments(const semm_moments *g, size_t n_groups,
			   semm_icc *out)
{
	size_t i, n = 0, used = 0;

	if (!out)
		return SEMM_EARG;
	icc_clear(out, 0);
	if (n_groups > 0 && !g)
		return SEMM_EARG;
	for (i = 0; i < n_groups; i++) {
		if (g[i].n == 0)
			continue;
		if (!isfinite(g[i].shift) || !isfinite(g[i].mean) ||
		    !isfinite(g[i].ss) || g[i].ss < 0.0)
			return SEMM_EARG;
		n += g[i].n;
		used++;
	}
	out->n = n;
	out->groups = used;
	if (n == 0) {
		out->reason = "no values";
		return SEMM_OK;
	}
	if (used < 2) {
		out->reason = "fewer than 2 groups with values";
		return SEMM_OK;
	}
	out->k_bar = (double)n / (double)used;
	out->df_between = (double)(used - 1);
	out->df_within = (double)(n - used);
	if (n == used) {
		out->reason = "every group has a single value";
		return SEMM_OK;
	}
	icc_anova_moments(g, n_groups, out);
	icc_derive(out);
	return SEMM_OK;
}

semm_moments semm_stats_moments(const double *x, size_t stride, size_t n)
{
	semm_moments m = { 0, 0.0, 0.0, 0.0 };
	double dev;
	size_t i;

	for (i = 0; i < n; i++) {
		double v = x[i * stride];

		if (!isfinite(v))
			continue;
		if (m.n == 0)
			m.shift = v;
		m.n++;
		m.mean += (v - m.shift - m.mean) / (double)m.n;
	}
	for (i = 0; i < n && m.n > 0; i++) {
		double v = x[i * stride];

		if (!isfinite(v))
			continue;
		dev = v - m.shift - m.mean;
		m.ss += dev * dev;
	}
	return m;
}

int semm_stats_icc(const double *x, const size_t *group, size_t n,
		   size_t n_groups, double *work, semm_icc *out)
{
	int rc;

	if (!out)
		return SEMM_EARG;
	icc_clear(out, n);
	if (n > 0 && (!x || !group || !work))
		return SEMM_EARG;
	rc = icc_check(x, group, n, n_groups);
	if (rc < 0)
		return rc;
	if (n == 0) {
		out->reason = "no values";
		return SEMM_OK;
	}
	out->groups =
		icc_group_means(x, group, n, n_groups, work, work + n_groups);
	if (out->groups < 2) {
		out->reason = "fewer than 2 groups with values";
		return SEMM_OK;
	}
	out->k_bar = (double)n / (double)out->groups;
	out->df_between = (double)(out->groups - 1);
	out->df_within = (double)(n - out->groups);
	if (n == out->groups) {
		out->reason = "every group has a single value";
		return SEMM_OK;
	}
	icc_anova(x, group, n, n_groups, work, work + n_groups, out);
	icc_derive(out);
	return SEMM_OK;
}

/* ---- correlation and ranks ------------------------------------------ */

double semm_stats_correlation(const double *x, const double *y, size_t n)
{
	if (!x || !y || n < 2 || !all_finite(x, 1, n) || !all_finite(y, 1, n))
		return NAN;
	return pearson(x, 1, y, 1, n);
}

double semm_stats_percentile_rank(const double *peers, size_t n, double value)
{
	size_t i, below = 0, equal = 0;

	if (!peers || n == 0 || !isfinite(value))
		return NAN;
	for (i = 0; i < n; i++) {
		if (!isfinite(peers[i]))
			return NAN;
		if (peers[i] < value)
			below++;
		else if (peers[i] == value)
			equal++;
	}
	return 100.0 * ((double)below + (double)equal / 2.0) / (double)n;
}

/* Index of the value that stands at position j (0-based) of the
 * expanded list: the first i with cum[i] > j. */
static size_t weighted_at(const double *cum, size_t n, double j)
{
	size_t lo = 0, hi = n - 1;

	if (!cum)
		return (size_t)j < n ? (size_t)j : n - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cum[mid] > j)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

double semm_stats_quantile_weighted(const double *sorted, const double *cum,
				    size_t n, double p)
{
	double total, h, j, frac, a, b;

	if (!sorted || n == 0 || !(p >= 0.0 && p <= 1.0))
		return NAN;
	total = cum ? cum[n - 1] : (double)n;
	h = (total - 1.0) * p;
	j = floor(h);
	frac = h - j;
	a = sorted[weighted_at(cum, n, j)];
	if (frac == 0.0 || j + 1.0 >= total)
		return a;
	b = sorted[weighted_at(cum, n, j + 1.0)];
	return a + frac * (b - a);
}

/* First index whose value is >= v (strict = 0) or > v (strict = 1). */
static size_t sorted_bound(const double *x, size_t n, double v, int strict)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strict ? x[mid] <= v : x[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

double semm_stats_percentile_rank_sorted(const double *sorted,
					 const double *cum, size_t n,
					 double value, size_t *below,
					 size_t *above)
{
	size_t lo, hi;
	double w_below, w_upto, total;

	if (below)
		*below = 0;
	if (above)
		*above = 0;
	if (!sorted || n == 0 || !isfinite(value))
		return NAN;
	lo = sorted_bound(sorted, n, value, 0);
	/* the values equal to value start at lo: usually none or few, so
	 * step out from lo before searching what is left */
	for (hi = lo; hi < n && hi < lo + 8 && sorted[hi] <= value; hi++)
		;
	if (hi == lo + 8)
		hi += sorted_bound(sorted + hi, n - hi, value, 1);
	if (below)
		*below = lo;
	if (above)
		*above = n - hi;
	total = cum ? cum[n - 1] : (double)n;
	w_below = lo == 0 ? 0.0 : (cum ? cum[lo - 1] : (double)lo);
	w_upto = hi == 0 ? 0.0 : (cum ? cum[hi - 1] : (double)hi);
	return 100.0 * (w_below + (w_upto - w_below) / 2.0) / total;
}

/* ---- difference of two means (Welch) -------------------------------- */

static void welch_clear(semm_welch *out)
{
	out->diff = out->se = out->df = NAN;
	out->ci_lo = out->ci_hi = NAN;
	out->reason = NULL;
}

/* A mean may be missing (NAN) but not infinite; an sd may be missing but
 * not negative or infinite. */
static int welch_inputs_ok(double m, double sd)
{
	return !isinf(m) && !isinf(sd) && !(sd < 0.0);
}

/*
 * The Welch-Satterthwaite df of the variance terms a = sd1^2/n1 and
 * b = sd2^2/n2 (a + b > 0). Both are divided by the larger first, so
 * that se^4 neither overflows nor underflows: the ratio is unchanged.
 */
static double welch_df(double a, size_t n1, double b, size_t n2)
{
	double s = fmax(a, b), ra = a / s, rb = b / s;

	return (ra + rb) * (ra + rb) /
	       (ra * ra / (double)(n1 - 1) + rb * rb / (double)(n2 - 1));
}

int semm_stats_welch(double m1, double sd1, size_t n1, double m2, double sd2,
		     size_t n2, double level, semm_welch *out)
{
	double a, b, t;

	if (!out)
		return SEMM_EARG;
	welch_clear(out);
	if (!(level > 0.0 && level < 1.0) || !welch_inputs_ok(m1, sd1) ||
	    !welch_inputs_ok(m2, sd2))
		return SEMM_EARG;
	out->diff = m2 - m1;
	if (n1 < 2 || n2 < 2) {
		out->reason = "fewer than 2 values on a side";
		return SEMM_OK;
	}
	if (isnan(out->diff)) {
		out->reason = "a mean is missing";
		return SEMM_OK;
	}
	if (isnan(sd1) || isnan(sd2)) {
		out->reason = "a standard deviation is missing";
		return SEMM_OK;
	}
	a = sd1 * sd1 / (double)n1;
	b = sd2 * sd2 / (double)n2;
	out->se = sqrt(a + b);
	if (!isfinite(out->se)) {
		out->se = NAN;
		out->reason = "the standard error overflows";
		return SEMM_OK;
	}
	if (a + b == 0.0) {
		out->reason = "no variance on either side";
		return SEMM_OK;
	}
	out->df = welch_df(a, n1, b, n2);
	t = gsl_cdf_tdist_Pinv(1.0 - (1.0 - level) / 2.0, out->df);
	if (!isfinite(t)) {
		out->reason = "the t quantile could not be computed";
		return SEMM_OK;
	}
	out->ci_lo = out->diff - t * out->se;
	out->ci_hi = out->diff + t * out->se;
	return SEMM_OK;
}

/* ---- least-squares line ------------------------------------------------ */

static void linfit_clear(semm_linfit *out, size_t n)
{
	out->n = n;
	out->intercept = out->slope = out->se_slope = NAN;
	out->df = out->ci_lo = out->ci_hi = NAN;
	out->reason = NULL;
}

static int finite_all(const double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isfinite(v[i]))
			return 0;
	return 1;
}

int semm_stats_linfit(const double *x, const double *y, size_t n, double level,
		      semm_linfit *out)
{
	double c0, c1, cov00, cov01, cov11, sse, t;

	if (!out)
		return SEMM_EARG;
	linfit_clear(out, n);
	if ((n && (!x || !y)) || !(level > 0.0 && level < 1.0) ||
	    !finite_all(x, n) || !finite_all(y, n)) {
		out->n = 0;
		return SEMM_EARG;
	}
	if (n < 2) {
		out->reason = "fewer than 2 points";
		return SEMM_OK;
	}
	if (gsl_stats_variance(x, 1, n) == 0.0) {
		out->reason = "all points are at the same x";
		return SEMM_OK;
	}
	if (gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11,
			   &sse) != 0) {
		out->reason = "the line could not be fitted";
		return SEMM_OK;
	}
	out->intercept = c0;
	out->slope = c1;
	if (n < 3) {
		out->reason = "fewer than 3 points";
		return SEMM_OK;
	}
	/* GSL's cov11 is SSE / (n - 2) / Sxx for an unweighted fit */
	out->df = (double)(n - 2);
	out->se_slope = sqrt(cov11);
	t = gsl_cdf_tdist_Pinv(1.0 - (1.0 - level) / 2.0, out->df);
	if (!isfinite(t) || !isfinite(out->se_slope)) {
		out->reason = "the t quantile could not be computed";
		return SEMM_OK;
	}
	out->ci_lo = c1 - t * out->se_slope;
	out->ci_hi = c1 + t * out->se_slope;
	return SEMM_OK;
}
