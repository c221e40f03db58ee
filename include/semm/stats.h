/*
 * semm/stats.h - pure statistics over arrays of doubles.
 *
 * This module knows nothing of models or questionnaires. Every function
 * reads caller-owned arrays, writes caller-owned results and allocates
 * nothing: scratch space is passed in by the caller. The exact definitions
 * follow the project's domain notes (sample variance with n - 1, quantiles
 * of R type 7, Student t intervals, Cronbach's alpha with the Feldt
 * interval, rwg(j) with the uniform null, Bliese's ICC(1) and ICC(2)),
 * and the further agreement statistics of the aggregation notes: rwg(j)
 * under other nulls, r*wg(j), the AD indices, a_wg, intervals of the
 * ICCs and random group resampling.
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
#include <stdint.h>

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

/**
 * The distribution of answers that stands for "no agreement" in rwg(j):
 * its variance is the expected error variance sigma2_E.
 */
typedef enum semm_rwg_null {
	SEMM_RWG_NULL_UNIFORM = 0,   /**< (A^2 - 1) / 12, any A */
	SEMM_RWG_NULL_SLIGHT_SKEW,   /**< tabled for A = 5 and A = 7 */
	SEMM_RWG_NULL_MODERATE_SKEW, /**< tabled for A = 5 and A = 7 */
	SEMM_RWG_NULL_TRIANGULAR,    /**< tabled for A = 5 and A = 7 */
	SEMM_RWG_NULL_VALUE	     /**< a variance the caller gives */
} semm_rwg_null;

/**
 * The expected error variance of a null distribution for A answer
 * options: (A^2 - 1) / 12 for the uniform null; for the slightly and
 * moderately skewed and the triangular nulls the variances James,
 * Demaree and Wolf (1984) tabled for 5 options (1.34, 0.90, 1.32) and
 * LeBreton and Senter (2008) for 7 (2.90, 2.14, 2.10). NAN where there is
 * no such figure: another A, A < 2, or SEMM_RWG_NULL_VALUE.
 */
SEMM_API double semm_stats_rwg_null_variance(semm_rwg_null null, unsigned a);

/** The null's name: "uniform", "slight-skew", "moderate-skew",
 * "triangular" or "value"; NULL for an unknown one. */
SEMM_API const char *semm_rwg_null_name(semm_rwg_null null);

/** The null of that name (as semm_rwg_null_name writes it); SEMM_OK, or
 * SEMM_EARG for another name ("value" included: give the number). */
SEMM_API int semm_rwg_null_parse(const char *name, semm_rwg_null *out);

/**
 * As semm_stats_rwg_vars with the expected error variance sigma2_e > 0
 * given instead of the number of options (another null distribution
 * than the uniform): sigma2_eu of the result holds sigma2_e. Returns
 * SEMM_OK, or SEMM_EARG if out is NULL, sigma2_e is not finite and
 * positive, var is NULL while j > 0, or a variance is negative or
 * infinite.
 */
SEMM_API int semm_stats_rwg_vars_null(const double *var, size_t j, size_t n,
				      double sigma2_e, semm_rwg *out);

/**
 * Lindell, Brandt and Whitney's (1999) r*wg(j) = 1 - mean_var / sigma2_e:
 * the mean item variance is not truncated and there is no Spearman-Brown
 * step, so it is negative when the group disagrees more than the null.
 * NAN when mean_var is NAN or sigma2_e is not positive.
 */
SEMM_API double semm_stats_rstar_wg(double mean_var, double sigma2_e);

/** A group's agreement on one item, from its counts of each answer. */
typedef struct semm_item_agree {
	size_t n;	 /**< answers */
	double mean;	 /**< the exact mean, one rounding */
	double median;	 /**< R type 7 */
	double variance; /**< sample variance (n - 1) */
	/** AD_M: the mean of |x - mean| (divisor n; Burke and Dunlap) */
	double ad_mean;
	/** AD_Md: the mean of |x - median| (divisor n) */
	double ad_median;
	/**
	 * Brown and Hauenstein's a_wg = 1 - 2 s^2 / ([(H + L) M - M^2 - H L]
	 * n / (n - 1)), in [-1, 1]; NAN when n < 2 or the mean M is at a
	 * scale end (then the bracket is 0)
	 */
	double awg;
	const char *reason;	/**< why every figure is NAN, or NULL */
	const char *awg_reason; /**< why awg is NAN, or NULL */
} semm_item_agree;

/**
 * The agreement of a group on one item whose answers lo..hi occur
 * counts[0..hi-lo] times. Every figure comes from whole numbers (sums of
 * answers and of their squares and absolute deviations scaled by n or
 * 2n) with one rounding at the end, so it does not depend on the order
 * of the answers. With fewer than two answers every figure but n is NAN,
 * with a reason. Returns SEMM_OK, or SEMM_EARG if out or counts is NULL
 * or hi <= lo.
 */
SEMM_API int semm_stats_item_agree(const size_t *counts, int lo, int hi,
				   semm_item_agree *out);

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
 * The intervals of ICC(1) and ICC(2) at the given two-sided level (0.95
 * for 95 %) from the F ratio of icc (Shrout and Fleiss 1979; McGraw and
 * Wong 1996, one-way model), with icc's k_bar = N / groups as the group
 * size, so that the intervals hold the point values:
 * F_L = F / F(1 - a/2; df_between, df_within),
 * F_U = F * F(1 - a/2; df_within, df_between),
 * ICC(1) in [(F_L - 1) / (F_L + k - 1), (F_U - 1) / (F_U + k - 1)],
 * ICC(2) in [1 - 1 / F_L, 1 - 1 / F_U]. Each bound is NAN where F or a
 * quantile is missing. Returns SEMM_OK, or SEMM_EARG (bounds NAN) for a
 * NULL pointer or a level outside (0, 1).
 */
SEMM_API int semm_stats_icc_ci(const semm_icc *icc, double level,
			       double icc1[2], double icc2[2]);

/** Random group resampling of within-group variances (Bliese). */
typedef struct semm_rgr {
	size_t groups;	     /**< groups (each with two values or more) */
	size_t n;	     /**< their values */
	size_t replications; /**< random regroupings drawn */
	/** the mean over the groups of their sample variances (n - 1) */
	double observed;
	/** the mean of the pseudo-groups' variances, over every draw */
	double pseudo_mean;
	/** their standard deviation (n - 1), over every pseudo-group */
	double pseudo_sd;
	/** (observed - pseudo_mean) / (pseudo_sd / sqrt(groups)) */
	double z;
	/** lower tail of the standard normal at z (one-sided) */
	double p;
	/**
	 * (1 + regroupings whose mean variance is at most observed, within
	 * a relative 1e-12 so that rounding does not decide a tie) /
	 * (1 + replications): the one-sided permutation p
	 */
	double p_permutation;
	const char *reason; /**< why the figures are NAN, or NULL */
} semm_rgr;

/**
 * Random group resampling (Bliese and Halverson 2002; R multilevel's
 * rgr.agree): values[] holds the values of n_groups groups one after
 * the other, sizes[g] of group g (each at least 2). Each replication
 * permutes the values at random (Fisher-Yates, driven by splitmix64 from
 * `seed`, bounded draws by Lemire's multiply-and-reject) and cuts them
 * into pseudo-groups of the same sizes in the same order. values is
 * permuted in place: the result depends on its order on entry, so give
 * it in a canonical order. Needs two groups and values that vary;
 * otherwise the figures are NAN with a reason. Returns SEMM_OK, or
 * SEMM_EARG if out is NULL, values or sizes is NULL while n_groups > 0,
 * a size is below 2 or a value is not finite.
 */
SEMM_API int semm_stats_rgr(double *values, const size_t *sizes,
			    size_t n_groups, size_t replications, uint64_t seed,
			    semm_rgr *out);

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

/* ---- agreement between raters (rater.c) ------------------------------- */

/** The difference function of Krippendorff's alpha. */
typedef enum semm_kalpha_metric {
	SEMM_KALPHA_NOMINAL = 0, /**< 0 if equal, else 1 */
	SEMM_KALPHA_ORDINAL = 1, /**< ranks: the values between, counted */
	SEMM_KALPHA_INTERVAL = 2 /**< (c - k)^2 */
} semm_kalpha_metric;

/** Krippendorff's alpha of one table of ratings. */
typedef struct semm_kalpha {
	double alpha;	    /**< 1 - d_o / d_e */
	double d_o;	    /**< observed disagreement */
	double d_e;	    /**< disagreement expected by chance */
	size_t units;	    /**< pairable units (two values or more) */
	size_t values;	    /**< pairable values (n..) */
	const char *reason; /**< why alpha is NAN, or NULL */
} semm_kalpha;

/**
 * Krippendorff's alpha of `units` x `raters` ratings (row-major: a row
 * per unit, NAN for a value a rater did not give), by the coincidence
 * matrix: a unit with m >= 2 values adds 1 / (m - 1) for each ordered
 * pair of its values from different raters; n_c are the marginal sums,
 * n the pairable values; d_o = sum o_ck delta2_ck / n, d_e = sum n_c n_k
 * delta2_ck / (n (n - 1)). delta2 is 1 for unequal values (nominal),
 * (c - k)^2 (interval) or, for c < k, (sum of n_g for c <= g <= k -
 * (n_c + n_k) / 2)^2 (ordinal: the interval metric on mid-ranks). Units
 * with fewer than two values are left out. `work` must hold
 * semm_stats_kalpha_work_size doubles. alpha is NAN with a reason when
 * no unit is pairable or every pairable value is the same (d_e = 0).
 * Returns SEMM_OK, or SEMM_EARG if out is NULL, data or work is NULL
 * while units and raters are not 0, the metric is unknown or a value is
 * infinite.
 */
SEMM_API int semm_stats_kalpha(const double *data, size_t units, size_t raters,
			       semm_kalpha_metric metric, double *work,
			       semm_kalpha *out);

/** Doubles of scratch space semm_stats_kalpha needs: units x raters
 * (SIZE_MAX if that overflows). */
SEMM_API size_t semm_stats_kalpha_work_size(size_t units, size_t raters);

/** A bootstrap interval of Krippendorff's alpha. */
typedef struct semm_kalpha_boot {
	double lo, hi;	     /**< percentile bounds, NAN when none */
	size_t replications; /**< resamples drawn */
	size_t used;	     /**< resamples with an alpha */
	unsigned long seed;  /**< the generator's seed */
	const char *reason;  /**< why the bounds are NAN, or NULL */
} semm_kalpha_boot;

/**
 * A percentile bootstrap interval of Krippendorff's alpha at the given
 * two-sided level (0.95 for 95 %): the resampling unit is the rated unit
 * (a row of data with every rater's value of it), `units` rows are drawn
 * with replacement by GSL's Mersenne Twister (gsl_rng_mt19937) seeded
 * with `seed` (gsl_rng_uniform_int), alpha is computed for each
 * resample, resamples without an alpha (no pairable unit, no variation)
 * are left out, and the bounds are the (1 - level)/2 and 1 - (1 -
 * level)/2 quantiles (R type 7) of the others. The same seed gives the
 * same interval on every platform. `work` must hold
 * semm_stats_kalpha_boot_work_size doubles; GSL's generator is the only
 * allocation. The bounds are NAN with a reason for fewer than two units
 * or fewer than two resamples with an alpha. Returns SEMM_OK, SEMM_ENOMEM
 * (no generator), or SEMM_EARG as semm_stats_kalpha or for a level
 * outside (0, 1).
 */
SEMM_API int semm_stats_kalpha_boot(const double *data, size_t units,
				    size_t raters, semm_kalpha_metric metric,
				    size_t replications, unsigned long seed,
				    double level, double *work,
				    semm_kalpha_boot *out);

/** Doubles of scratch space semm_stats_kalpha_boot needs: 2 x units x
 * raters + replications (SIZE_MAX if that overflows). */
SEMM_API size_t semm_stats_kalpha_boot_work_size(size_t units, size_t raters,
						 size_t replications);

/** Short name of a metric ("nominal", "ordinal", "interval"). */
SEMM_API const char *semm_kalpha_metric_name(semm_kalpha_metric metric);

/** ICC(2,1) and ICC(2,k) of a complete targets x raters table. */
typedef struct semm_icc2 {
	size_t n;	      /**< targets */
	size_t k;	      /**< raters */
	double bms;	      /**< between-targets mean square, df n - 1 */
	double jms;	      /**< between-raters mean square, df k - 1 */
	double ems;	      /**< residual mean square, df (n - 1)(k - 1) */
	double single;	      /**< ICC(2,1) */
	double average;	      /**< ICC(2,k) */
	double df;	      /**< the interval's denominator df (not whole) */
	double single_ci[2];  /**< interval of ICC(2,1) */
	double average_ci[2]; /**< interval of ICC(2,k) */
	const char *reason;   /**< why figures are NAN, or NULL */
} semm_icc2;

/**
 * The two-way random-effects ICCs of Shrout and Fleiss (1979) of a
 * complete n x k table (row-major: a row per target, a column per
 * rater), from the two-way ANOVA's mean squares:
 * ICC(2,1) = (BMS - EMS) / (BMS + (k - 1) EMS + k (JMS - EMS) / n),
 * ICC(2,k) = (BMS - EMS) / (BMS + (JMS - EMS) / n), and their F-based
 * intervals at the given two-sided level (McGraw and Wong 1996, case
 * 2A): with rho = ICC(2,1), a = k rho / (n (1 - rho)), b = 1 + k rho (n -
 * 1) / (n (1 - rho)), F_J = JMS / EMS, df = (a F_J + b)^2 / ((a F_J)^2 /
 * (k - 1) + b^2 / ((n - 1)(k - 1))), F1 = F(1 - t; n - 1, df), F2 =
 * F(1 - t; df, n - 1) with t = (1 - level) / 2:
 * lo = n (BMS - F1 EMS) / (F1 (k JMS + (k n - k - n) EMS) + n BMS),
 * hi = n (F2 BMS - EMS) / (k JMS + (k n - k - n) EMS + n F2 BMS);
 * ICC(2,k)'s bounds are those of ICC(2,1) stepped up by Spearman-Brown
 * (k x / (1 + (k - 1) x)). Needs n >= 2 and k >= 2; figures that do not
 * exist (no variance, EMS = 0) are NAN with a reason. Returns SEMM_OK,
 * or SEMM_EARG if out is NULL, data is NULL, a value is not finite (the
 * table must be complete) or level is outside (0, 1).
 */
SEMM_API int semm_stats_icc2(const double *data, size_t n, size_t k,
			     double level, semm_icc2 *out);

/** A least-squares line y = intercept + slope * x and the interval of
 * its slope. */
typedef struct semm_linfit {
	size_t n;	    /**< points fitted */
	double intercept;   /**< NAN with fewer than 2 points */
	double slope;	    /**< NAN with fewer than 2 points */
	double se_slope;    /**< sqrt(SSE / (n - 2) / Sxx); NAN below 3 */
	double df;	    /**< n - 2 */
	double ci_lo;	    /**< slope - t(1 - (1 - level) / 2, n - 2) * se */
	double ci_hi;	    /**< slope + t(1 - (1 - level) / 2, n - 2) * se */
	const char *reason; /**< why the interval is NAN, or NULL */
} semm_linfit;

/**
 * The ordinary least-squares line through (x[i], y[i]), i < n: slope =
 * Sxy / Sxx, intercept = mean(y) - slope * mean(x), the standard error of
 * the slope from the residuals, sqrt(SSE / (n - 2) / Sxx), and the
 * Student t interval of the slope at the given two-sided level with
 * n - 2 degrees of freedom. The interval is NAN with a reason when there
 * are fewer than 3 points or x does not vary (the line too, then, or
 * with fewer than 2 points). Returns SEMM_OK, or SEMM_EARG (every figure
 * NAN) if out is NULL, x or y is NULL with n > 0, level is outside
 * (0, 1) or a value is not finite.
 */
SEMM_API int semm_stats_linfit(const double *x, const double *y, size_t n,
			       double level, semm_linfit *out);

#ifdef __cplusplus
}
#endif

#endif
