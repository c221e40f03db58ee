/*
 * semm/stats.h - pure statistics over arrays of doubles.
 *
 * This module knows nothing of models or questionnaires. Every function
 * reads caller-owned arrays, writes caller-owned results and allocates
 * nothing: scratch space is passed in by the caller. The exact definitions
 * follow the project's domain notes (sample variance with n - 1, quantiles
 * of R type 7, Student t intervals, Cronbach's alpha with the Feldt
 * interval, rwg(j) with the uniform null, Bliese's ICC(1) and ICC(2)).
 *
 * A statistic that does not exist for the data (too few values, zero
 * variance) is NAN and the result's `reason` names why; the function still
 * returns SEMM_OK. So is a figure for which GSL returns a non-finite
 * value. Negative codes are for caller errors (SEMM_EARG). The library
 * never changes GSL's error handler: applications switch it off.
 */
#ifndef SEMM_STATS_H
#define SEMM_STATS_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Descriptive statistics of one sample. */
typedef struct semm_describe {
	size_t n;
	double mean;
	double sd;	 /**< sample standard deviation (n - 1) */
	double variance; /**< sample variance (n - 1) */
	double se;	 /**< sd / sqrt(n) */
	double ci95_lo;	 /**< mean - t(0.975, n - 1) * se */
	double ci95_hi;	 /**< mean + t(0.975, n - 1) * se */
	double median;
	double q1; /**< 0.25 quantile, R type 7 */
	double q3; /**< 0.75 quantile, R type 7 */
	double min;
	double max;
	const char *reason; /**< why some figures are NAN, or NULL */
} semm_describe;

/**
 * Describes x[0..n-1] (finite values only). `work` must hold n doubles; it
 * receives a sorted copy of x. With n == 0 every figure is NAN; with
 * n == 1 sd, variance, se and the interval are NAN. `work` may be x
 * itself (x is then sorted in place). Returns SEMM_OK, or SEMM_EARG if out
 * is NULL, x/work is NULL while n > 0, or a value is not finite.
 */
SEMM_API int semm_stats_describe(const double *x, size_t n, double *work,
				 semm_describe *out);

/**
 * Describes a sample given as distinct ascending values[0..m-1], each
 * occurring counts[k] times (answers on a scale): the same figures as
 * semm_stats_describe of the expanded sample, the mean exact to the last
 * bit (the sum of value times count, then one division). Returns SEMM_OK,
 * or SEMM_EARG if out is NULL, values or counts is NULL while m > 0, or
 * the values are not finite and strictly ascending.
 */
SEMM_API int semm_stats_describe_counts(const double *values,
					const size_t *counts, size_t m,
					semm_describe *out);

/**
 * The p-quantile (0 <= p <= 1) of sorted[0..n-1] by linear interpolation
 * between order statistics (R type 7). NAN when n == 0, sorted is NULL or
 * p is outside [0, 1].
 */
SEMM_API double semm_stats_quantile_sorted(const double *sorted, size_t n,
					   double p);

/** Cronbach's alpha and its companions over k items. */
typedef struct semm_alpha {
	size_t n;	  /**< complete cases used (listwise) */
	size_t k;	  /**< items */
	double alpha;	  /**< k/(k-1) * (1 - sum s_i^2 / s_t^2) */
	double alpha_std; /**< k*rbar / (1 + (k-1)*rbar) */
	double mean_r;	  /**< mean inter-item correlation rbar */
	double ci95_lo;	  /**< Feldt lower bound */
	double ci95_hi;	  /**< Feldt upper bound */
	const char *reason;
} semm_alpha;

/**
 * Reliability of the k columns of the row-major n x k matrix `data`
 * (complete cases only: the caller applies listwise deletion). When
 * `alpha_if_deleted` and `r_drop` are not NULL they receive, for each
 * item, alpha of the other k - 1 items and the corrected item-total
 * correlation (item against the sum of the other items); NAN where
 * undefined (k - 1 < 2 for alpha if deleted; zero variance).
 * `work` must hold semm_stats_alpha_work_size(n, k) doubles (k * k + 2k:
 * the centred cross-products of the items, their means and a row).
 * Needs n >= 2 and k >= 2, otherwise every figure is NAN with a reason.
 * A total score without variance leaves alpha and its interval NAN; an
 * item without variance leaves mean_r and alpha_std NAN. Returns SEMM_OK,
 * or SEMM_EARG if out is NULL, data/work is NULL while n, k > 0, or a
 * value is not finite (missing answers must be removed first).
 */
SEMM_API int semm_stats_alpha(const double *data, size_t n, size_t k,
			      double *work, semm_alpha *out,
			      double *alpha_if_deleted, double *r_drop);

/**
 * As semm_stats_alpha, from the k x k matrix of centred cross-products
 * of n complete cases (cp[i*k + j] = sum over cases of (x_i - mean_i) *
 * (x_j - mean_j)), or any positive multiple of it (every figure is a
 * ratio of cross-products): what a streaming caller derives from its
 * running sums instead of keeping the data. Returns SEMM_OK, or SEMM_EARG if out is NULL or cp is NULL or
 * not finite while k > 0.
 */
SEMM_API int semm_stats_alpha_cp(const double *cp, size_t n, size_t k,
				 semm_alpha *out, double *alpha_if_deleted,
				 double *r_drop);

/**
 * Doubles of scratch space semm_stats_alpha needs for n rows, k items:
 * 2 * n + k (the row totals, the totals without one item, the item
 * variances); SIZE_MAX if that does not fit in a size_t.
 */
SEMM_API size_t semm_stats_alpha_work_size(size_t n, size_t k);

/**
 * Feldt confidence interval of alpha at the given two-sided level (0.95
 * for the 95 % interval): df1 = n - 1, df2 = (n - 1)(k - 1),
 * lo = 1 - (1 - alpha) * Finv(1 - (1-level)/2; df1, df2),
 * hi = 1 - (1 - alpha) * Finv((1-level)/2; df1, df2).
 * The F quantiles are GSL's while both df are at most 1e5 and GSL gives
 * one; otherwise (GSL fails or does not return past that, and now and
 * then below) they are solved for by Newton's method in log F on the
 * regularized incomplete beta, computed by its continued fraction with a
 * prefactor that does not cancel at large df. Measured against 60-digit
 * references, Newton's are within a relative 2e-13 for df from 1 to
 * 1e10 and GSL's within 5e-12. Those for the 95 % level are remembered
 * per thread. Both bounds are NAN if no quantile can be computed. Returns
 * SEMM_EARG (bounds NAN) for n < 2, k < 2, a level outside (0, 1), a
 * non-finite alpha or a NULL lo/hi.
 */
SEMM_API int semm_stats_feldt_ci(double alpha, size_t n, size_t k, double level,
				 double *lo, double *hi);

/** Within-group agreement rwg(j). */
typedef struct semm_rwg {
	size_t n;	  /**< respondents in the group */
	size_t j;	  /**< items with a variance */
	double mean_var;  /**< mean item variance, before truncation */
	double sigma2_eu; /**< (A^2 - 1) / 12 */
	double rwg_j;
	const char *reason;
} semm_rwg;

/**
 * rwg(j) for a group: `data` is row-major n x j with NAN for a missing
 * answer; each item's variance (n - 1 form) is taken over its non-missing
 * values, items with fewer than two values are left out. `a` is the number
 * of response options (A >= 2). s2 = mean item variance, truncated at
 * sigma2_eu; rwg = J(1 - s2/eu) / (J(1 - s2/eu) + s2/eu). NAN with a reason
 * for a group of one or when no item has two values. Returns SEMM_OK, or
 * SEMM_EARG if out is NULL, a < 2, data is NULL while n, j > 0, or a value
 * is infinite.
 */
SEMM_API int semm_stats_rwg_j(const double *data, size_t n, size_t j,
			      unsigned a, semm_rwg *out);

/**
 * As semm_stats_rwg_j, from the j item variances (n - 1 form) of a group
 * of n respondents; an item with fewer than two answers has variance NAN
 * and is left out. Returns SEMM_OK, or SEMM_EARG if out is NULL, a < 2,
 * var is NULL while j > 0, or a variance is negative or infinite.
 */
SEMM_API int semm_stats_rwg_vars(const double *var, size_t j, size_t n,
				 unsigned a, semm_rwg *out);

/** One-way ANOVA across groups and the ICCs derived from it. */
typedef struct semm_icc {
	size_t n;      /**< values */
	size_t groups; /**< groups with at least one value */
	double k_bar;  /**< n / groups */
	double msb;
	double msw;
	double df_between; /**< groups - 1 */
	double df_within;  /**< n - groups */
	double f;	   /**< msb / msw */
	double p;	   /**< upper tail of F(df_between, df_within) */
	double icc1;	   /**< (msb - msw) / (msb + (k_bar - 1) * msw) */
	double icc2;	   /**< (msb - msw) / msb */
	const char *reason;
} semm_icc;

/**
 * ICC(1), ICC(2) and the ANOVA of x[i] over group[i] (group ids
 * 0..n_groups-1; a group id >= n_groups is SEMM_EARG). `work` must hold
 * 2 * n_groups doubles (group sizes and group means). Needs two groups
 * with values and n > groups, otherwise the ANOVA figures are NAN with a
 * reason. Without variance within the groups f and p are NAN; without
 * variance between them icc2 is NAN. Returns SEMM_OK, or SEMM_EARG if out
 * is NULL, x/group/work is NULL while n > 0, a group id is out of range
 * or a value is not finite.
 */
SEMM_API int semm_stats_icc(const double *x, const size_t *group, size_t n,
			    size_t n_groups, double *work, semm_icc *out);

/**
 * What the ANOVA needs of one group's values, so that groups scored apart
 * (shards of a file) can be combined: the count, a shift (any value near
 * the data, e.g. the group's first value), the mean of x - shift and the
 * sum of squared deviations from the mean.
 */
typedef struct semm_moments {
	size_t n;
	double shift;
	double mean;
	double ss;
} semm_moments;

/**
 * The moments of x[0..n-1] (stride apart), shifted by x[0]: two passes.
 * Non-finite values are skipped. Returns the moments.
 */
SEMM_API semm_moments semm_stats_moments(const double *x, size_t stride,
					 size_t n);

/**
 * As semm_stats_icc, from each group's moments (groups with n = 0 do not
 * count). Returns SEMM_OK, or SEMM_EARG if out or g (while n_groups > 0)
 * is NULL or a moment is not finite.
 */
SEMM_API int semm_stats_icc_moments(const semm_moments *g, size_t n_groups,
				    semm_icc *out);

/**
 * Pearson correlation of x and y (NAN if n < 2, a variance is 0, a pointer
 * is NULL or a value is not finite).
 */
SEMM_API double semm_stats_correlation(const double *x, const double *y,
				       size_t n);

/**
 * Percentile rank of value among peers[0..n-1]: 100 * (below + equal/2) / n
 * (below = peers strictly lower, equal = peers equal). NAN when n == 0,
 * peers is NULL or a value is not finite.
 */
SEMM_API double semm_stats_percentile_rank(const double *peers, size_t n,
					   double value);

/**
 * Quantile p (R type 7) of sorted values that carry frequency weights:
 * value i stands for cum[i] - cum[i - 1] copies (cum[-1] = 0), so cum is
 * the running total of positive whole weights; cum NULL means weight 1
 * each (then this is semm_stats_quantile_sorted). NAN when n = 0.
 */
SEMM_API double semm_stats_quantile_weighted(const double *sorted,
					     const double *cum, size_t n,
					     double p);

/**
 * Percentile rank of value among sorted, weighted peers (weights as in
 * semm_stats_quantile_weighted): 100 * (weight strictly below + half the
 * weight equal) / total weight. NAN when n = 0 or value is not finite.
 * If below/above are not NULL they get the number of peers (not weights)
 * strictly below and strictly above value.
 */
SEMM_API double semm_stats_percentile_rank_sorted(const double *sorted,
						  const double *cum, size_t n,
						  double value, size_t *below,
						  size_t *above);

/** Welch's difference of two means and its confidence interval. */
typedef struct semm_welch {
	double diff;	    /**< m2 - m1 (NAN when a mean is missing) */
	double se;	    /**< sqrt(sd1^2 / n1 + sd2^2 / n2) */
	double df;	    /**< Welch-Satterthwaite degrees of freedom */
	double ci_lo;	    /**< diff - t(1 - (1 - level) / 2, df) * se */
	double ci_hi;	    /**< diff + t(1 - (1 - level) / 2, df) * se */
	const char *reason; /**< why the interval is NAN, or NULL */
} semm_welch;

/**
 * The difference m2 - m1 of two sample means (sample 1 "before", sample
 * 2 "after") with its Welch confidence interval at the given two-sided
 * level (0.95 for the 95 % interval): se = sqrt(sd1^2/n1 + sd2^2/n2),
 * df = se^4 / ((sd1^2/n1)^2/(n1 - 1) + (sd2^2/n2)^2/(n2 - 1)), which need
 * not be an integer, and diff -/+ t(1 - (1 - level)/2, df) * se.
 * NAN stands for a missing mean or standard deviation. The interval (and
 * se and df where they cannot be computed) is NAN with a reason when a
 * side has fewer than 2 values, a mean or standard deviation is missing,
 * neither side varies (both sd 0: df is 0/0) or GSL cannot give the t
 * quantile; diff is still given when both means are. Returns SEMM_OK, or
 * SEMM_EARG (every figure NAN) if out is NULL, level is outside (0, 1),
 * a mean is infinite or a standard deviation is negative or infinite.
 */
SEMM_API int semm_stats_welch(double m1, double sd1, size_t n1, double m2,
			      double sd2, size_t n2, double level,
			      semm_welch *out);

#ifdef __cplusplus
}
#endif

#endif
