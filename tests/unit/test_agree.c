/*
 * test_agree.c - unit tests of src/stats/agree.c: the null distributions
 * of rwg(j), rwg(j) under a given null, r*wg(j), the AD indices and a_wg
 * of one item, the F intervals of ICC(1) and ICC(2), and random group
 * resampling.
 *
 * Expected values are worked by hand from the definitions (Lindell,
 * Brandt and Whitney 1999; Burke and Dunlap 2002; Brown and Hauenstein
 * 2005) on small whole-number data, the working in the comment beside the
 * assertion; the ICC intervals against the published output of R's
 * psych::ICC on Shrout and Fleiss's (1979) example; resampling against
 * what a permutation must give in expectation. Relative tolerance 1e-9
 * unless a comment says otherwise.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "semm/stats.h"

#define REL_TOL 1e-9

static int close_rel(double got, double want)
{
	return fabs(got - want) <= REL_TOL * fabs(want);
}

#define expect_close(got, want)                                           \
	cr_expect(close_rel((got), (want)), "%s = %.17g, expected %.17g", \
		  #got, (double)(got), (double)(want))

#define expect_nan(got) \
	cr_expect(isnan(got), "%s = %.17g, expected NAN", #got, (double)(got))

/* ---- null distributions ------------------------------------------------ */

Test(agree, uniform_null_is_a_squared_minus_one_over_twelve)
{
	/* (25 - 1) / 12 = 2, (49 - 1) / 12 = 4, (16 - 1) / 12 = 1.25 */
	expect_close(semm_stats_rwg_null_variance(SEMM_RWG_NULL_UNIFORM, 5),
		     2.0);
	expect_close(semm_stats_rwg_null_variance(SEMM_RWG_NULL_UNIFORM, 7),
		     4.0);
	expect_close(semm_stats_rwg_null_variance(SEMM_RWG_NULL_UNIFORM, 4),
		     1.25);
	expect_nan(semm_stats_rwg_null_variance(SEMM_RWG_NULL_UNIFORM, 1));
}

/* The variance of a distribution over 1..5 given as proportions. */
static double variance_of_proportions(const double *p)
{
	double m = 0, m2 = 0;
	int k;

	for (k = 0; k < 5; k++) {
		m += p[k] * (k + 1);
		m2 += p[k] * (k + 1) * (k + 1);
	}
	return m2 - m * m;
}

/*
 * James, Demaree and Wolf (1984) describe their 5-point nulls by the
 * share of answers on each point; the tabled variances are those of the
 * shares:
 *   slight skew .05 .15 .20 .35 .25: mean 3.6, E x^2 14.3, var 1.34
 *   moderate skew 0 .10 .15 .40 .35: mean 4.0, E x^2 16.9, var 0.90
 *   triangular .11 .22 .34 .22 .11: mean 3, var 2 (.11 * 4 + .22) = 1.32
 * (to the two decimals published).
 */
Test(agree, five_point_nulls_are_the_variances_of_their_shares)
{
	const double slight[] = { .05, .15, .20, .35, .25 };
	const double moderate[] = { 0, .10, .15, .40, .35 };
	const double triangular[] = { .11, .22, .34, .22, .11 };

	cr_expect(fabs(variance_of_proportions(slight) -
		       semm_stats_rwg_null_variance(SEMM_RWG_NULL_SLIGHT_SKEW,
						    5)) < 1e-12);
	cr_expect(fabs(variance_of_proportions(moderate) -
		       semm_stats_rwg_null_variance(SEMM_RWG_NULL_MODERATE_SKEW,
						    5)) < 1e-12);
	cr_expect(fabs(variance_of_proportions(triangular) -
		       semm_stats_rwg_null_variance(SEMM_RWG_NULL_TRIANGULAR,
						    5)) < 1e-12);
}

Test(agree, seven_point_nulls_are_tabled_and_other_scales_are_not)
{
	/* LeBreton and Senter (2008), 7 options */
	expect_close(semm_stats_rwg_null_variance(SEMM_RWG_NULL_SLIGHT_SKEW, 7),
		     2.90);
	expect_close(
		semm_stats_rwg_null_variance(SEMM_RWG_NULL_MODERATE_SKEW, 7),
		2.14);
	expect_close(semm_stats_rwg_null_variance(SEMM_RWG_NULL_TRIANGULAR, 7),
		     2.10);
	expect_nan(semm_stats_rwg_null_variance(SEMM_RWG_NULL_SLIGHT_SKEW, 4));
	expect_nan(semm_stats_rwg_null_variance(SEMM_RWG_NULL_TRIANGULAR, 6));
	expect_nan(semm_stats_rwg_null_variance(SEMM_RWG_NULL_VALUE, 5));
}

Test(agree, null_names_read_back)
{
	semm_rwg_null n;
	int k;

	for (k = SEMM_RWG_NULL_UNIFORM; k < SEMM_RWG_NULL_VALUE; k++) {
		cr_assert_eq(semm_rwg_null_parse(
				     semm_rwg_null_name((semm_rwg_null)k), &n),
			     SEMM_OK);
		cr_expect_eq((int)n, k);
	}
	cr_expect_str_eq(semm_rwg_null_name(SEMM_RWG_NULL_VALUE), "value");
	cr_expect_eq(semm_rwg_null_parse("value", &n), SEMM_EARG);
	cr_expect_eq(semm_rwg_null_parse("Uniform", &n), SEMM_EARG);
	cr_expect_null(semm_rwg_null_name((semm_rwg_null)99));
}

/* ---- rwg(j) under a given null and r*wg(j) ---------------------------- */

/*
 * Two items with variances 1 and 0 (mean 1/2), sigma2_E = 1.34:
 *   ratio r = 0.5 / 1.34 = 25/67; J (1 - r) = 2 * 42/67 = 84/67;
 *   rwg(j) = (84/67) / (84/67 + 25/67) = 84/109.
 *   r*wg(j) = 1 - 25/67 = 42/67.
 */
Test(agree, rwg_under_a_given_null_matches_hand_computation)
{
	const double var[] = { 1.0, 0.0 };
	semm_rwg r;

	cr_assert_eq(semm_stats_rwg_vars_null(var, 2, 4, 1.34, &r), SEMM_OK);
	expect_close(r.sigma2_eu, 1.34);
	expect_close(r.mean_var, 0.5);
	expect_close(r.rwg_j, 84.0 / 109.0);
	expect_close(semm_stats_rstar_wg(r.mean_var, r.sigma2_eu), 42.0 / 67.0);
}

/*
 * The uniform null through both entries gives the same bits: variances
 * 1/3, 2/3, 4/3 (test_stats.c's group), A = 5.
 */
Test(agree, a_given_uniform_variance_is_the_same_as_the_options)
{
	const double var[] = { 1.0 / 3, 2.0 / 3, 4.0 / 3 };
	semm_rwg a, b;

	cr_assert_eq(semm_stats_rwg_vars(var, 3, 4, 5, &a), SEMM_OK);
	cr_assert_eq(semm_stats_rwg_vars_null(var, 3, 4, 2.0, &b), SEMM_OK);
	cr_expect(a.rwg_j == b.rwg_j && a.mean_var == b.mean_var);
}

/*
 * More disagreement than the null: variances 16/3 each, sigma2_E = 2.
 * rwg(j) truncates to 0; r*wg(j) = 1 - (16/3) / 2 = -5/3 and stays
 * negative.
 */
Test(agree, rstar_is_kept_negative_where_rwg_truncates)
{
	const double var[] = { 16.0 / 3, 16.0 / 3 };
	semm_rwg r;

	cr_assert_eq(semm_stats_rwg_vars_null(var, 2, 4, 2.0, &r), SEMM_OK);
	cr_expect_eq(r.rwg_j, 0.0);
	expect_close(semm_stats_rstar_wg(r.mean_var, r.sigma2_eu), -5.0 / 3.0);
	expect_nan(semm_stats_rstar_wg(NAN, 2.0));
	expect_nan(semm_stats_rstar_wg(1.0, 0.0));
}

Test(agree, rwg_null_refuses_a_variance_that_is_not_positive)
{
	const double var[] = { 1.0 };
	semm_rwg r;

	cr_expect_eq(semm_stats_rwg_vars_null(var, 1, 4, 0.0, &r), SEMM_EARG);
	cr_expect_eq(semm_stats_rwg_vars_null(var, 1, 4, -1.0, &r), SEMM_EARG);
	cr_expect_eq(semm_stats_rwg_vars_null(var, 1, 4, INFINITY, &r),
		     SEMM_EARG);
	cr_expect_eq(semm_stats_rwg_vars_null(var, 1, 4, NAN, &r), SEMM_EARG);
	cr_expect_eq(semm_stats_rwg_vars_null(var, 1, 4, 1.0, NULL), SEMM_EARG);
}

/* ---- one item: AD and a_wg ------------------------------------------- */

/*
 * Answers 1, 2, 2, 4, 5 on 1..5 (counts 1 2 0 1 1):
 *   n 5, mean 14/5 = 2.8, median 2 (the third of five);
 *   AD_M = (1.8 + .8 + .8 + 1.2 + 2.2) / 5 = 6.8 / 5 = 1.36;
 *   AD_Md = (1 + 0 + 0 + 2 + 3) / 5 = 6/5;
 *   s^2 = (3.24 + .64 + .64 + 1.44 + 4.84) / 4 = 10.8 / 4 = 2.7;
 *   bracket (H + L) M - M^2 - H L = 6 * 2.8 - 7.84 - 5 = 3.96,
 *   times n / (n - 1) = 5/4: 4.95; a_wg = 1 - 5.4 / 4.95 = -1/11.
 */
Test(agree, item_indices_match_hand_computation)
{
	const size_t counts[] = { 1, 2, 0, 1, 1 };
	semm_item_agree a;

	cr_assert_eq(semm_stats_item_agree(counts, 1, 5, &a), SEMM_OK);
	cr_expect_eq(a.n, 5);
	cr_expect_null(a.reason);
	cr_expect_null(a.awg_reason);
	expect_close(a.mean, 2.8);
	expect_close(a.median, 2.0);
	expect_close(a.variance, 2.7);
	expect_close(a.ad_mean, 1.36);
	expect_close(a.ad_median, 1.2);
	expect_close(a.awg, -1.0 / 11.0);
}

/*
 * An even number of answers, 1 2 4 5: the median is (2 + 4) / 2 = 3, the
 * mean 3 too; AD_M = AD_Md = (2 + 1 + 1 + 2) / 4 = 1.5.
 * s^2 = (4 + 1 + 1 + 4) / 3 = 10/3; bracket (3 - 1)(5 - 3) = 4, times
 * 4/3: 16/3; a_wg = 1 - (20/3) / (16/3) = -1/4.
 */
Test(agree, an_even_count_takes_the_middle_two_for_the_median)
{
	const size_t counts[] = { 1, 1, 0, 1, 1 };
	semm_item_agree a;

	cr_assert_eq(semm_stats_item_agree(counts, 1, 5, &a), SEMM_OK);
	expect_close(a.median, 3.0);
	expect_close(a.ad_mean, 1.5);
	expect_close(a.ad_median, 1.5);
	expect_close(a.awg, -0.25);
}

/*
 * a_wg's range is [-1, 1]: answers split between the ends, 1 and 5,
 * give mean 3, s^2 8, bracket 2 * 2 = 4 times 2/1: 8, a_wg = 1 - 16/8 =
 * -1; answers that agree, 3 3, give s^2 0 and a_wg = 1.
 */
Test(agree, awg_spans_minus_one_to_one)
{
	const size_t split[] = { 1, 0, 0, 0, 1 }, same[] = { 0, 0, 2, 0, 0 };
	semm_item_agree a;

	cr_assert_eq(semm_stats_item_agree(split, 1, 5, &a), SEMM_OK);
	expect_close(a.awg, -1.0);
	cr_assert_eq(semm_stats_item_agree(same, 1, 5, &a), SEMM_OK);
	expect_close(a.awg, 1.0);
	cr_expect_eq(a.ad_mean, 0.0);
}

/* A mean at a scale end (5 5 5): the bracket is 0, a_wg does not exist;
 * AD is 0. The scale's offset does not matter: -2..2 behaves as 1..5. */
Test(agree, awg_is_undefined_at_a_scale_end)
{
	const size_t top[] = { 0, 0, 0, 0, 3 }, shifted[] = { 1, 2, 0, 1, 1 };
	semm_item_agree a, b;

	cr_assert_eq(semm_stats_item_agree(top, 1, 5, &a), SEMM_OK);
	expect_nan(a.awg);
	cr_expect_not_null(a.awg_reason);
	cr_expect_null(a.reason);
	cr_expect_eq(a.ad_mean, 0.0);
	cr_expect_eq(a.ad_median, 0.0);
	cr_assert_eq(semm_stats_item_agree(shifted, -2, 2, &b), SEMM_OK);
	expect_close(b.awg, -1.0 / 11.0);
	expect_close(b.ad_mean, 1.36);
	expect_close(b.mean, -0.2);
}

Test(agree, fewer_than_two_answers_give_reasons)
{
	const size_t one[] = { 0, 1, 0, 0, 0 }, none[] = { 0, 0, 0, 0, 0 };
	semm_item_agree a;

	cr_assert_eq(semm_stats_item_agree(one, 1, 5, &a), SEMM_OK);
	cr_expect_eq(a.n, 1);
	expect_nan(a.ad_mean);
	expect_nan(a.awg);
	cr_expect_not_null(a.reason);
	cr_expect_not_null(a.awg_reason);
	cr_assert_eq(semm_stats_item_agree(none, 1, 5, &a), SEMM_OK);
	cr_expect_eq(a.n, 0);
	cr_expect_eq(semm_stats_item_agree(none, 3, 3, &a), SEMM_EARG);
	cr_expect_eq(semm_stats_item_agree(NULL, 1, 5, &a), SEMM_EARG);
	cr_expect_eq(semm_stats_item_agree(none, 1, 5, NULL), SEMM_EARG);
}

/* ---- ICC intervals ------------------------------------------------------ */

/*
 * Shrout and Fleiss (1979), six targets rated by four judges, read as six
 * groups of four: MSB = 11.2417, MSW = 6.2639, F = 1.7947 on 5 and 18
 * degrees of freedom, k = 4. R's psych::ICC prints for it ICC1 0.17 with
 * the interval [-0.133, 0.72] and ICC1k 0.44 with [-0.884, 0.91]; the
 * bounds agree to the decimals printed (half a unit of the last).
 * Full-precision bounds from tools/check_report.py's own F quantiles
 * (F(.975; 5, 18) = 3.38197, F(.975; 18, 5) = 6.36188):
 * ICC(1) [-0.13293232487475096, 0.7225600623281211],
 * ICC(2) [-0.8844421552381196, 0.9124154203407756].
 */
Test(agree, icc_intervals_match_psych_on_shrout_and_fleiss)
{
	const double x[] = { 9, 2, 5, 8, 6,  1, 3, 2, 8, 4, 6, 8,
			     7, 1, 2, 6, 10, 5, 6, 9, 6, 2, 4, 7 };
	size_t group[24], i;
	double work[12], icc1[2], icc2[2];
	semm_icc icc;

	for (i = 0; i < 24; i++)
		group[i] = i / 4;
	cr_assert_eq(semm_stats_icc(x, group, 24, 6, work, &icc), SEMM_OK);
	cr_assert_eq(semm_stats_icc_ci(&icc, 0.95, icc1, icc2), SEMM_OK);
	cr_expect(fabs(icc1[0] - -0.133) <= 0.0005);
	cr_expect(fabs(icc1[1] - 0.72) <= 0.005);
	cr_expect(fabs(icc2[0] - -0.884) <= 0.0005);
	cr_expect(fabs(icc2[1] - 0.91) <= 0.005);
	cr_expect(fabs(icc1[0] - -0.13293232487475096) <= 1e-9 * 0.133);
	expect_close(icc1[1], 0.7225600623281211);
	expect_close(icc2[0], -0.8844421552381196);
	expect_close(icc2[1], 0.9124154203407756);
	/* the points lie inside: ICC(1) 0.166, ICC(2) 0.443 */
	cr_expect(icc1[0] < icc.icc1 && icc.icc1 < icc1[1]);
	cr_expect(icc2[0] < icc.icc2 && icc.icc2 < icc2[1]);
}

Test(agree, icc_intervals_need_an_f_ratio)
{
	semm_icc icc = { 0 };
	double a[2], b[2];

	icc.f = NAN;
	icc.df_between = 1;
	icc.df_within = 3;
	cr_assert_eq(semm_stats_icc_ci(&icc, 0.95, a, b), SEMM_OK);
	expect_nan(a[0]);
	expect_nan(b[1]);
	cr_expect_eq(semm_stats_icc_ci(&icc, 1.0, a, b), SEMM_EARG);
	cr_expect_eq(semm_stats_icc_ci(NULL, 0.95, a, b), SEMM_EARG);
}

/* ---- random group resampling --------------------------------------------- */

/*
 * Groups {1, 1} and {5, 5}: no variance within, observed 0. A random
 * regrouping of 1 1 5 5 into two pairs puts the two 1s (and so the two
 * 5s) together with chance 2/6 (then both variances are 0) and splits
 * them with chance 4/6 (both variances 8). So each pseudo-group's variance
 * is 0 or 8, their mean tends to 16/3 and their sd to 8 sqrt(2/9); a
 * regrouping's mean variance is at most the observed 0 with chance 1/3,
 * so p_permutation tends to 1/3. With 20000 regroupings the standard
 * errors are about 0.03 (mean), 0.003 (share); the bounds are 5 of them.
 */
Test(agree, rgr_matches_the_permutation_distribution)
{
	double x[] = { 1, 1, 5, 5 };
	const size_t sizes[] = { 2, 2 };
	semm_rgr r;

	cr_assert_eq(semm_stats_rgr(x, sizes, 2, 20000, 42, &r), SEMM_OK);
	cr_expect_null(r.reason);
	cr_expect_eq(r.groups, 2);
	cr_expect_eq(r.n, 4);
	cr_expect_eq(r.replications, 20000);
	cr_expect_eq(r.observed, 0.0);
	cr_expect(fabs(r.pseudo_mean - 16.0 / 3) < 0.15, "%g", r.pseudo_mean);
	cr_expect(fabs(r.pseudo_sd - 8 * sqrt(2.0 / 9)) < 0.1, "%g",
		  r.pseudo_sd);
	cr_expect(fabs(r.p_permutation - 1.0 / 3) < 0.015, "%g",
		  r.p_permutation);
	/* z and p follow from the others */
	expect_close(r.z, (0 - r.pseudo_mean) / (r.pseudo_sd / sqrt(2.0)));
	cr_expect(r.p > 0 && r.p < 0.5);
}

/* Sample variance of the values of 1..9 whose bits are set in mask. */
static double mask_variance(unsigned mask)
{
	double sum = 0, ss = 0, n = 0;
	int v;

	for (v = 1; v <= 9; v++)
		if (mask & (1u << v)) {
			sum += v;
			n++;
		}
	for (v = 1; v <= 9; v++)
		if (mask & (1u << v))
			ss += (v - sum / n) * (v - sum / n);
	return ss / (n - 1);
}

/*
 * 1..9 in groups of 2, 3 and 4 (1 2 | 3 4 5 | 6 7 8 9): observed
 * (0.5 + 1 + 5/3) / 3. The permutation distribution is enumerated here:
 * all 9! / (2! 3! 4!) = 1260 regroupings, equally likely. Over them the
 * mean pseudo-group variance is the variance of 1..9, 60/8 = 7.5 (a
 * sample drawn without replacement has expected variance S^2 whatever
 * its size); the share of regroupings whose mean variance is at most the
 * observed one is p_permutation's limit. 20000 draws: the bounds are
 * about 5 standard errors.
 */
Test(agree, rgr_matches_the_enumerated_permutation_distribution)
{
	double x[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	const size_t sizes[] = { 2, 3, 4 };
	double observed = (0.5 + 1.0 + 5.0 / 3) / 3, sum = 0, sq = 0;
	unsigned a, b, all = 0x3feu;
	int below = 0, count = 0;
	semm_rgr r;

	for (a = 0; a <= all; a++) {
		if ((a & ~all) || __builtin_popcount(a) != 2)
			continue;
		for (b = 0; b <= all; b++) {
			double v[3], m;
			int k;

			if ((b & ~all) || (b & a) || __builtin_popcount(b) != 3)
				continue;
			v[0] = mask_variance(a);
			v[1] = mask_variance(b);
			v[2] = mask_variance(all & ~a & ~b);
			m = (v[0] + v[1] + v[2]) / 3;
			below += m <= observed * (1 + 1e-12);
			for (k = 0; k < 3; k++) {
				sum += v[k];
				sq += v[k] * v[k];
			}
			count++;
		}
	}
	cr_assert_eq(count, 1260);
	expect_close(sum / (3 * count), 7.5);
	cr_assert_eq(semm_stats_rgr(x, sizes, 3, 20000, 7, &r), SEMM_OK);
	expect_close(r.observed, observed);
	cr_expect(fabs(r.pseudo_mean - 7.5) < 0.1, "%g", r.pseudo_mean);
	cr_expect(fabs(r.pseudo_sd - sqrt((sq - sum * sum / (3 * count)) /
					  (3 * count - 1))) < 0.1,
		  "%g", r.pseudo_sd);
	cr_expect(fabs(r.p_permutation - (double)below / count) <
			  5 * sqrt(0.25 / 20000) + 1.0 / 20001,
		  "%g against %d / 1260", r.p_permutation, below);
	expect_close(r.z,
		     (r.observed - r.pseudo_mean) / (r.pseudo_sd / sqrt(3.0)));
}

Test(agree, rgr_is_deterministic_for_a_seed)
{
	double a[] = { 1, 3, 2, 5, 4, 4, 2 }, b[7];
	const size_t sizes[] = { 3, 4 };
	semm_rgr r1, r2, r3;

	memcpy(b, a, sizeof(a));
	cr_assert_eq(semm_stats_rgr(a, sizes, 2, 500, 99, &r1), SEMM_OK);
	cr_assert_eq(semm_stats_rgr(b, sizes, 2, 500, 99, &r2), SEMM_OK);
	cr_expect(r1.pseudo_mean == r2.pseudo_mean &&
		  r1.pseudo_sd == r2.pseudo_sd &&
		  r1.p_permutation == r2.p_permutation);
	/* the values are permuted in place, so start again for seed 100 */
	memcpy(b, (const double[]){ 1, 3, 2, 5, 4, 4, 2 }, sizeof(b));
	cr_assert_eq(semm_stats_rgr(b, sizes, 2, 500, 100, &r3), SEMM_OK);
	cr_expect(r3.pseudo_mean != r1.pseudo_mean);
	expect_close(r3.observed, r1.observed);
}

Test(agree, rgr_withholds_what_it_cannot_compute)
{
	double flat[] = { 3, 3, 3, 3 }, one[] = { 1, 2, 3 };
	const size_t sizes[] = { 2, 2 }, small[] = { 2, 1 };
	semm_rgr r;

	cr_assert_eq(semm_stats_rgr(flat, sizes, 2, 10, 1, &r), SEMM_OK);
	cr_expect_not_null(r.reason);
	cr_expect_eq(r.observed, 0.0);
	expect_nan(r.z);
	cr_assert_eq(semm_stats_rgr(one, sizes, 1, 10, 1, &r), SEMM_OK);
	cr_expect_not_null(r.reason);
	expect_nan(r.observed);
	cr_assert_eq(semm_stats_rgr(one, small, 2, 10, 1, &r), SEMM_EARG);
	cr_assert_eq(semm_stats_rgr(flat, sizes, 2, 0, 1, &r), SEMM_OK);
	cr_expect_eq(r.replications, 0);
	cr_expect_not_null(r.reason);
}
