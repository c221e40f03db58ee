/*
 * test_stats.c - unit tests of src/stats/stats.c.
 *
 * Every expected value is worked out independently of the code under
 * test: by hand from the definitions in DOMAIN.md section 4, on small
 * integer data chosen so that the arithmetic is exact (the working is in
 * the comment next to the assertion), or from a closed form of the
 * distribution, cross-checked against a printed statistical table, or
 * from 60-digit references computed with mpmath by a committed script
 * (tools/feldt_reference.py, for the F quantiles of src/fdist.c). GSL is
 * never used to compute an expectation, except to show that a figure
 * GSL gave is kept unchanged. Values are compared with a relative
 * tolerance of 1e-9 (an expected 0 must be met exactly), the F quantiles
 * with 1e-12.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "semm/stats.h"
#include "stats/fdist.h"

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

/* The library leaves GSL's handler alone; applications switch it off. */
static void quiet_gsl(void)
{
	gsl_set_error_handler_off();
}

TestSuite(stats, .init = quiet_gsl);

/* ---- describe and quantiles ----------------------------------------- */

/*
 * Student t quantile t(0.975, 4). Closed form for 4 degrees of freedom
 * (Student's t distribution, quantile function for nu = 4):
 *   a = 4 p (1 - p) = 4 * 0.975 * 0.025 = 0.0975,
 *   q = cos(acos(sqrt(a)) / 3) / sqrt(a),  t = 2 sqrt(q - 1)
 *     = 2.7764451051977987.
 * Printed t tables give 2.776 (two-sided 5 %, df = 4).
 */
static double t975_df4(void)
{
	double a = 4.0 * 0.975 * 0.025;
	double q = cos(acos(sqrt(a)) / 3.0) / sqrt(a);

	return 2.0 * sqrt(q - 1.0);
}

Test(stats, t975_df4_closed_form_agrees_with_printed_table)
{
	/* Guards the closed form used below against a slip in its typing. */
	cr_expect(fabs(t975_df4() - 2.776) < 0.0005);
	expect_close(t975_df4(), 2.776445105);
}

Test(stats, describe_matches_hand_computed_sample)
{
	const double x[] = { 10, 3, 1, 4, 2 };
	double work[5], t = t975_df4();
	semm_describe d;

	cr_assert_eq(semm_stats_describe(x, 5, work, &d), SEMM_OK);
	cr_expect_eq(d.n, 5);
	cr_expect_null(d.reason);
	/* sum = 20, mean = 20 / 5 = 4 */
	expect_close(d.mean, 4.0);
	/* deviations -3 -2 -1 0 6 (sorted data 1 2 3 4 10);
	 * squares 9 + 4 + 1 + 0 + 36 = 50; variance = 50 / 4 = 12.5 */
	expect_close(d.variance, 12.5);
	expect_close(d.sd, sqrt(12.5));
	/* se = sqrt(12.5) / sqrt(5) = sqrt(2.5) */
	expect_close(d.se, sqrt(2.5));
	/* 4 -+ 2.7764451051977987 * 1.5811388300841898 = 4 -+ 4.389979... */
	expect_close(d.ci95_lo, 4.0 - t * sqrt(2.5));
	expect_close(d.ci95_hi, 4.0 + t * sqrt(2.5));
	cr_expect(d.ci95_lo < -0.38 && d.ci95_lo > -0.40);
	/* R type 7: h = p (n - 1); median h = 2 -> x(2) = 3 (0-based),
	 * q1 h = 1 -> x(1) = 2, q3 h = 3 -> x(3) = 4 */
	expect_close(d.median, 3.0);
	expect_close(d.q1, 2.0);
	expect_close(d.q3, 4.0);
	expect_close(d.min, 1.0);
	expect_close(d.max, 10.0);
	/* work receives the sorted copy */
	expect_close(work[0], 1.0);
	expect_close(work[2], 3.0);
	expect_close(work[4], 10.0);
}

Test(stats, describe_of_no_values_is_all_nan_with_reason)
{
	semm_describe d;

	cr_assert_eq(semm_stats_describe(NULL, 0, NULL, &d), SEMM_OK);
	cr_expect_eq(d.n, 0);
	expect_nan(d.mean);
	expect_nan(d.sd);
	expect_nan(d.variance);
	expect_nan(d.se);
	expect_nan(d.ci95_lo);
	expect_nan(d.ci95_hi);
	expect_nan(d.median);
	expect_nan(d.q1);
	expect_nan(d.q3);
	expect_nan(d.min);
	expect_nan(d.max);
	cr_expect_not_null(d.reason);
}

Test(stats, describe_of_one_value_has_no_spread)
{
	const double x[] = { 7 };
	double work[1];
	semm_describe d;

	cr_assert_eq(semm_stats_describe(x, 1, work, &d), SEMM_OK);
	/* a single value is its own mean, median and quartiles */
	expect_close(d.mean, 7.0);
	expect_close(d.median, 7.0);
	expect_close(d.q1, 7.0);
	expect_close(d.q3, 7.0);
	expect_close(d.min, 7.0);
	expect_close(d.max, 7.0);
	/* n - 1 = 0: no sample variance */
	expect_nan(d.sd);
	expect_nan(d.variance);
	expect_nan(d.se);
	expect_nan(d.ci95_lo);
	expect_nan(d.ci95_hi);
	cr_expect_str_eq(d.reason, "fewer than 2 values");
}

Test(stats, describe_of_constant_values_has_zero_spread)
{
	const double x[] = { 3, 3, 3, 3 };
	double work[4];
	semm_describe d;

	cr_assert_eq(semm_stats_describe(x, 4, work, &d), SEMM_OK);
	cr_expect_null(d.reason);
	expect_close(d.mean, 3.0);
	/* every deviation is 0, so variance, sd and se are exactly 0 and
	 * the interval collapses onto the mean */
	expect_close(d.variance, 0.0);
	expect_close(d.sd, 0.0);
	expect_close(d.se, 0.0);
	expect_close(d.ci95_lo, 3.0);
	expect_close(d.ci95_hi, 3.0);
}

Test(stats, describe_is_stable_for_a_million_values_with_large_offset)
{
	const size_t n = 1000000;
	double *x = malloc(n * sizeof(*x));
	double *work = malloc(n * sizeof(*work));
	semm_describe d;
	size_t i;

	cr_assert(x && work);
	/*
	 * 1e9 + 0.25, 0.5, 0.75, 1.0 repeated 250000 times. Quarter steps
	 * are exact in binary at 1e9 (ulp = 2^-23), so the stored doubles
	 * are the intended numbers and the exact variance is known:
	 *   mean = 1e9 + (0.25 + 0.5 + 0.75 + 1) / 4 = 1e9 + 0.625;
	 *   deviations -0.375 -0.125 0.125 0.375, squares 0.140625,
	 *   0.015625, 0.015625, 0.140625, sum 0.3125 per cycle;
	 *   SS = 250000 * 0.3125 = 78125; variance = 78125 / 999999.
	 * A one-pass sum of squares (sum x^2 ~ 1e24, rounding ~1e8) would
	 * miss this completely.
	 */
	for (i = 0; i < n; i++)
		x[i] = 1e9 + 0.25 * (double)(i % 4 + 1);
	cr_assert_eq(semm_stats_describe(x, n, work, &d), SEMM_OK);
	expect_close(d.mean, 1e9 + 0.625);
	expect_close(d.variance, 78125.0 / 999999.0);
	expect_close(d.sd, sqrt(78125.0 / 999999.0));
	/* median h = 0.5 * 999999 = 499999.5 lies between the last 0.5
	 * (index 499999) and the first 0.75 (index 500000): 1e9 + 0.625 */
	expect_close(d.median, 1e9 + 0.625);
	free(x);
	free(work);
}

Test(stats, describe_rejects_null_pointers_and_non_finite_values)
{
	const double x[] = { 1, 2, NAN };
	double work[3];
	semm_describe d;

	cr_expect_eq(semm_stats_describe(x, 2, work, NULL), SEMM_EARG);
	cr_expect_eq(semm_stats_describe(NULL, 2, work, &d), SEMM_EARG);
	cr_expect_eq(semm_stats_describe(x, 2, NULL, &d), SEMM_EARG);
	cr_expect_eq(semm_stats_describe(x, 3, work, &d), SEMM_EARG);
}

Test(stats, quantile_sorted_interpolates_between_order_statistics)
{
	const double s[] = { 1, 2, 4, 8 };

	/* R type 7: h = p (n - 1) = 3p, q = x[floor h] + frac(h) * gap */
	/* p = 0.5: h = 1.5 -> 2 + 0.5 * (4 - 2) = 3 */
	expect_close(semm_stats_quantile_sorted(s, 4, 0.5), 3.0);
	/* p = 0.1: h = 0.3 -> 1 + 0.3 * (2 - 1) = 1.3 */
	expect_close(semm_stats_quantile_sorted(s, 4, 0.1), 1.3);
	/* p = 0.9: h = 2.7 -> 4 + 0.7 * (8 - 4) = 6.8 */
	expect_close(semm_stats_quantile_sorted(s, 4, 0.9), 6.8);
	/* the ends are the extremes */
	expect_close(semm_stats_quantile_sorted(s, 4, 0.0), 1.0);
	expect_close(semm_stats_quantile_sorted(s, 4, 1.0), 8.0);
	/* one value is every quantile */
	expect_close(semm_stats_quantile_sorted(s + 2, 1, 0.3), 4.0);
}

Test(stats, quantile_sorted_is_nan_without_values_or_with_p_out_of_range)
{
	const double s[] = { 1, 2 };

	expect_nan(semm_stats_quantile_sorted(s, 0, 0.5));
	expect_nan(semm_stats_quantile_sorted(NULL, 2, 0.5));
	expect_nan(semm_stats_quantile_sorted(s, 2, -0.1));
	expect_nan(semm_stats_quantile_sorted(s, 2, 1.1));
	expect_nan(semm_stats_quantile_sorted(s, 2, NAN));
}

/* ---- Cronbach's alpha ----------------------------------------------- */

/*
 * Five respondents, three items (rows are respondents):
 *
 *        i1 i2 i3 | total
 *   r1    1  2  2 |   5
 *   r2    2  3  3 |   8
 *   r3    3  3  4 |  10
 *   r4    4  5  4 |  13
 *   r5    5  4  5 |  14
 *
 * Means: i1 15/5 = 3, i2 17/5 = 3.4, i3 18/5 = 3.6, total 50/5 = 10.
 * Deviations: i1 -2 -1 0 1 2;  i2 -1.4 -0.4 -0.4 1.6 0.6;
 *             i3 -1.6 -0.6 0.4 0.4 1.4;  total -5 -2 0 3 4.
 * Sums of squares: i1 4+1+0+1+4 = 10; i2 1.96+.16+.16+2.56+.36 = 5.2;
 *   i3 2.56+.36+.16+.16+1.96 = 5.2; total 25+4+0+9+16 = 54.
 * Variances (/4): 2.5, 1.3, 1.3; total 13.5. Sum of item variances 5.1.
 * alpha = 3/2 * (1 - 5.1/13.5) = 1.5 * 8.4/13.5 = 12.6/13.5 = 14/15.
 * Cross products: i1.i2 2.8+.4+0+1.6+1.2 = 6; i1.i3 3.2+.6+0+.4+2.8 = 7;
 *   i2.i3 2.24+.24-.16+.64+.84 = 3.8 (check: 20.4 + 2*16.8 = 54).
 * r12 = 6/sqrt(10*5.2) = 6/sqrt(52); r13 = 7/sqrt(52); r23 = 3.8/5.2
 *   = 19/26; r12 + r13 = 13/sqrt(52) = sqrt(13)/2;
 * rbar = (sqrt(13)/2 + 19/26) / 3 = 0.84451495616707...;
 * alpha_std = 3 rbar / (1 + 2 rbar) = 0.94217801627280...
 */
static const double alpha_data[5 * 3] = {
	1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 4, 5, 4, 5,
};

/*
 * Upper quantiles of F(4, 8) for the Feldt interval of the example
 * (df1 = n - 1 = 4, df2 = (n - 1)(k - 1) = 8). With even degrees of
 * freedom the F distribution function is a polynomial: for
 * x = 4F / (4F + 8), P(F' <= F) = I_x(2, 4)
 *   = sum_{j=2..5} C(5, j) x^j (1 - x)^(5 - j),
 * solved for 0.975 and 0.025 by bisection to full precision in python3
 * (standard library only, no GSL):
 *   F(0.975; 4, 8) = 5.05263221736351, F(0.025; 4, 8) = 0.111363778014429.
 * Printed tables of upper 2.5 % points: F(4, 8) = 5.05 and
 * F(8, 4) = 8.98, whose reciprocal 0.1114 is the lower 2.5 % point.
 */
#define F975_4_8 5.05263221736351
#define F025_4_8 0.111363778014429

Test(stats, feldt_quantiles_of_the_example_agree_with_printed_tables)
{
	cr_expect(fabs(F975_4_8 - 5.05) < 0.005);
	cr_expect(fabs(1.0 / F025_4_8 - 8.98) < 0.005);
}

Test(stats, alpha_matches_hand_computed_example)
{
	double work[3 * 3 + 2 * 3], rbar;
	semm_alpha a;

	cr_assert_eq(semm_stats_alpha_work_size(5, 3), 15);
	cr_assert_eq(semm_stats_alpha(alpha_data, 5, 3, work, &a, NULL, NULL),
		     SEMM_OK);
	cr_expect_null(a.reason);
	cr_expect_eq(a.n, 5);
	cr_expect_eq(a.k, 3);
	expect_close(a.alpha, 14.0 / 15.0);
	rbar = (sqrt(13.0) / 2.0 + 19.0 / 26.0) / 3.0;
	expect_close(a.mean_r, rbar);
	expect_close(a.alpha_std, 3.0 * rbar / (1.0 + 2.0 * rbar));
	/* Feldt: lo = 1 - (1 - 14/15) * 5.05263221736351 = 0.66315785...
	 *        hi = 1 - (1/15) * 0.111363778014429 = 0.99257574... */
	expect_close(a.ci95_lo, 1.0 - F975_4_8 / 15.0);
	expect_close(a.ci95_hi, 1.0 - F025_4_8 / 15.0);
}

Test(stats, alpha_if_deleted_and_r_drop_match_hand_computed_example)
{
	double work[3 * 3 + 2 * 3], del[3], rd[3];
	semm_alpha a;

	cr_assert_eq(semm_stats_alpha(alpha_data, 5, 3, work, &a, del, rd),
		     SEMM_OK);
	/*
	 * Without i1: rest = i2 + i3 = 4 6 7 9 9, mean 7, deviations
	 * -3 -1 0 2 2, SS 18, variance 4.5; alpha = 2 (1 - (1.3 + 1.3)/4.5)
	 * = 2 * 1.9/4.5 = 38/45. r_drop = cov/sd: cross products with i1
	 * 6+1+0+2+4 = 13, r = 13 / sqrt(10 * 18) = 13 / sqrt(180).
	 */
	expect_close(del[0], 38.0 / 45.0);
	expect_close(rd[0], 13.0 / sqrt(180.0));
	/*
	 * Without i2: rest = i1 + i3 = 3 5 7 8 10, mean 6.6, deviations
	 * -3.6 -1.6 .4 1.4 3.4, SS 12.96+2.56+.16+1.96+11.56 = 29.2,
	 * variance 7.3; alpha = 2 (1 - (2.5 + 1.3)/7.3) = 7/7.3 = 70/73.
	 * Cross products with i2: 5.04+.64-.16+2.24+2.04 = 9.8,
	 * r = 9.8 / sqrt(5.2 * 29.2).
	 */
	expect_close(del[1], 70.0 / 73.0);
	expect_close(rd[1], 9.8 / sqrt(5.2 * 29.2));
	/*
	 * Without i3: rest = i1 + i2 = 3 5 6 9 9, mean 6.4, deviations
	 * -3.4 -1.4 -.4 2.6 2.6, SS 11.56+1.96+.16+6.76+6.76 = 27.2,
	 * variance 6.8; alpha = 2 (1 - (2.5 + 1.3)/6.8) = 6/6.8 = 15/17.
	 * Cross products with i3: 5.44+.84-.16+1.04+3.64 = 10.8,
	 * r = 10.8 / sqrt(5.2 * 27.2).
	 */
	expect_close(del[2], 15.0 / 17.0);
	expect_close(rd[2], 10.8 / sqrt(5.2 * 27.2));
}

Test(stats, alpha_is_nan_when_total_score_has_zero_variance)
{
	/* i2 = 6 - i1, so every total is 6 */
	const double data[] = { 1, 5, 2, 4, 3, 3 };
	double work[3 * 2 + 2], del[2], rd[2];
	semm_alpha a;

	cr_assert_eq(semm_stats_alpha(data, 3, 2, work, &a, del, rd), SEMM_OK);
	expect_nan(a.alpha);
	expect_nan(a.ci95_lo);
	expect_nan(a.ci95_hi);
	cr_expect_str_eq(a.reason, "zero variance of the total score");
	/* r12 = -1 exactly (i2 is a decreasing line of i1), so
	 * 1 + (k - 1) rbar = 0 and the standardized alpha has no value */
	expect_close(a.mean_r, -1.0);
	expect_nan(a.alpha_std);
	/* one item left: no alpha if deleted; the rest of i1 is i2, r = -1 */
	expect_nan(del[0]);
	expect_nan(del[1]);
	expect_close(rd[0], -1.0);
	expect_close(rd[1], -1.0);
}

Test(stats, alpha_treats_a_total_constant_up_to_rounding_as_constant)
{
	/* i2 = 0.3 - i1 in decimal; in binary the totals come out as
	 * 0.30000000000000004, 0.3, 0.30000000000000004 (checked in
	 * python3), a variance of rounding noise, not of the data */
	const double data[] = { 0.1, 0.2, 0.3, 0.0, 0.2, 0.1 };
	double work[3 * 2 + 2];
	semm_alpha a;

	cr_assert_eq(semm_stats_alpha(data, 3, 2, work, &a, NULL, NULL),
		     SEMM_OK);
	expect_nan(a.alpha);
	expect_nan(a.alpha_std);
	cr_expect_str_eq(a.reason, "zero variance of the total score");
}

Test(stats, alpha_std_is_nan_when_an_item_has_zero_variance)
{
	/* i3 is constant; i1 and i2 are those of the example's r1..r3 */
	const double data[] = { 1, 2, 3, 2, 3, 3, 3, 3, 3 };
	double work[3 * 3 + 2 * 3], rd[3];
	semm_alpha a;

	cr_assert_eq(semm_stats_alpha(data, 3, 3, work, &a, NULL, rd), SEMM_OK);
	/*
	 * i1 1 2 3: var 1; i2 2 3 3: mean 8/3, SS 4/9+1/9+1/9 = 2/3,
	 * var 1/3; i3 var 0. Totals 6 8 9: mean 23/3, SS 25/9+1/9+16/9
	 * = 42/9, var 7/3. alpha = 3/2 (1 - (4/3)/(7/3)) = 3/2 * 3/7 = 9/14.
	 */
	expect_close(a.alpha, 9.0 / 14.0);
	expect_nan(a.mean_r);
	expect_nan(a.alpha_std);
	cr_expect_str_eq(a.reason, "an item has zero variance");
	expect_nan(rd[2]);
}

Test(stats, alpha_is_nan_for_one_respondent)
{
	const double data[] = { 1, 2, 3 };
	double work[2 + 3], del[3] = { 0, 0, 0 };
	semm_alpha a;

	cr_assert_eq(semm_stats_alpha(data, 1, 3, work, &a, del, NULL),
		     SEMM_OK);
	expect_nan(a.alpha);
	expect_nan(a.alpha_std);
	expect_nan(a.mean_r);
	expect_nan(a.ci95_lo);
	expect_nan(del[0]);
	cr_expect_str_eq(a.reason, "fewer than 2 respondents");
}

Test(stats, alpha_is_nan_for_one_item)
{
	const double data[] = { 1, 2, 3 };
	double work[3 * 2 + 1];
	semm_alpha a;

	cr_assert_eq(semm_stats_alpha(data, 3, 1, work, &a, NULL, NULL),
		     SEMM_OK);
	expect_nan(a.alpha);
	expect_nan(a.ci95_hi);
	cr_expect_str_eq(a.reason, "fewer than 2 items");
}

Test(stats, alpha_rejects_null_pointers_and_missing_values)
{
	double work[3 * 3 + 2 * 3], data[15];
	semm_alpha a;
	size_t i;

	for (i = 0; i < 15; i++)
		data[i] = alpha_data[i];
	data[7] = NAN;
	cr_expect_eq(semm_stats_alpha(alpha_data, 5, 3, work, NULL, NULL, NULL),
		     SEMM_EARG);
	cr_expect_eq(semm_stats_alpha(NULL, 5, 3, work, &a, NULL, NULL),
		     SEMM_EARG);
	cr_expect_eq(semm_stats_alpha(alpha_data, 5, 3, NULL, &a, NULL, NULL),
		     SEMM_EARG);
	/* listwise deletion is the caller's job */
	cr_expect_eq(semm_stats_alpha(data, 5, 3, work, &a, NULL, NULL),
		     SEMM_EARG);
}

Test(stats, feldt_ci_matches_closed_form_for_two_numerator_df)
{
	double lo, hi;

	/*
	 * n = 3, k = 3: df1 = 2, df2 = 4. For df1 = 2, x = 2F/(2F + m)
	 * is Beta(1, m/2), so P(F' <= F) = 1 - (1 + 2F/m)^(-m/2) and the
	 * p quantile is (m/2) ((1 - p)^(-2/m) - 1); with m = 4:
	 *   F(0.975) = 2 (0.025^(-1/2) - 1) = 2 (sqrt(40) - 1)
	 *            = 10.649110640673518   (printed table: 10.65)
	 *   F(0.025) = 2 (0.975^(-1/2) - 1) = 0.025478734167333
	 *            (printed table: 1 / F(0.975; 4, 2) = 1 / 39.25 = 0.02548)
	 * alpha = 0.8: lo = 1 - 0.2 * 10.6491... = -1.1298221281347036,
	 *              hi = 1 - 0.2 * 0.0254787... = 0.99490425316653...
	 */
	cr_assert_eq(semm_stats_feldt_ci(0.8, 3, 3, 0.95, &lo, &hi), SEMM_OK);
	expect_close(lo, 1.0 - 0.2 * 2.0 * (sqrt(40.0) - 1.0));
	expect_close(hi, 1.0 - 0.2 * 2.0 * (1.0 / sqrt(0.975) - 1.0));
	cr_expect(fabs(2.0 * (sqrt(40.0) - 1.0) - 10.65) < 0.005);

	/* level 0.90, same df: F(0.95) = 2 (sqrt(20) - 1) = 6.944 (table
	 * 6.94), F(0.05) = 2 (0.95^(-1/2) - 1) */
	cr_assert_eq(semm_stats_feldt_ci(0.8, 3, 3, 0.90, &lo, &hi), SEMM_OK);
	expect_close(lo, 1.0 - 0.2 * 2.0 * (sqrt(20.0) - 1.0));
	expect_close(hi, 1.0 - 0.2 * 2.0 * (1.0 / sqrt(0.95) - 1.0));
}

Test(stats, feldt_ci_rejects_out_of_range_arguments)
{
	double lo, hi;

	cr_expect_eq(semm_stats_feldt_ci(0.8, 1, 3, 0.95, &lo, &hi), SEMM_EARG);
	expect_nan(lo);
	expect_nan(hi);
	cr_expect_eq(semm_stats_feldt_ci(0.8, 3, 1, 0.95, &lo, &hi), SEMM_EARG);
	cr_expect_eq(semm_stats_feldt_ci(0.8, 3, 3, 0.0, &lo, &hi), SEMM_EARG);
	cr_expect_eq(semm_stats_feldt_ci(0.8, 3, 3, 1.0, &lo, &hi), SEMM_EARG);
	cr_expect_eq(semm_stats_feldt_ci(NAN, 3, 3, 0.95, &lo, &hi), SEMM_EARG);
	cr_expect_eq(semm_stats_feldt_ci(0.8, 3, 3, 0.95, NULL, &hi),
		     SEMM_EARG);
}

/* ---- F quantiles for any degrees of freedom (fdist.c) --------------- */

/*
 * F quantiles at 60 significant digits from tools/feldt_reference.py
 * (mpmath: Euler's series of the incomplete beta, a root in log x),
 * rounded to 20 digits: p in {0.025, 0.975}; df1 in {1, 2, 9, 99, 999,
 * 1e4, 1e5, 776000, 1e6, 1e7, 1e8} with df2 = df1 (k - 1) for k in
 * {2, 5, 11, 45}; then unequal pairs (a tiny df against a huge one,
 * pairs where GSL's inverse fails, up to 1e10).
 */
static const struct f_ref {
	double p, df1, df2, q;
} f_refs[] = {
	{ 0.025, 1, 1, 0.0015437125086741309661 },
	{ 0.975, 1, 1, 647.78901147784530866 },
	{ 0.025, 1, 4, 0.0011116257812765428732 },
	{ 0.975, 1, 4, 12.217862633071107491 },
	{ 0.025, 1, 10, 0.0010323886717517944201 },
	{ 0.975, 1, 10, 6.936728166296985849 },
	{ 0.025, 1, 44, 0.00099330286194888746074 },
	{ 0.975, 1, 44, 5.3856985602783239137 },
	{ 0.025, 2, 2, 0.025641025641025641026 },
	{ 0.975, 2, 2, 39.0 },
	{ 0.025, 2, 8, 0.025398101224109468696 },
	{ 0.975, 2, 8, 6.0594674374634832665 },
	{ 0.025, 2, 20, 0.025349884618969954248 },
	{ 0.975, 2, 20, 4.4612554959192476792 },
	{ 0.025, 2, 88, 0.025325093374766893971 },
	{ 0.975, 2, 88, 3.8479274427585958206 },
	{ 0.025, 9, 9, 0.24838585469445480343 },
	{ 0.975, 9, 9, 4.0259941582829794253 },
	{ 0.025, 9, 36, 0.28377497869569583667 },
	{ 0.975, 9, 36, 2.4922445088916092111 },
	{ 0.025, 9, 90, 0.29315876627085356804 },
	{ 0.975, 9, 90, 2.2587655563683389434 },
	{ 0.025, 9, 396, 0.29842955480111454054 },
	{ 0.975, 9, 396, 2.1459263231800973035 },
	{ 0.025, 99, 99, 0.67284166312668187002 },
	{ 0.975, 99, 99, 1.4862337676192937045 },
	{ 0.025, 99, 396, 0.72056625667003533493 },
	{ 0.975, 99, 396, 1.3472089791033027213 },
	{ 0.025, 99, 990, 0.73245893730599177969 },
	{ 0.975, 99, 990, 1.3175272780718342791 },
	{ 0.025, 99, 4356, 0.73902562836063792685 },
	{ 0.975, 99, 4356, 1.3018569354785395145 },
	{ 0.025, 999, 999, 0.88329871684788829299 },
	{ 0.975, 999, 999, 1.1321198377470400889 },
	{ 0.025, 999, 3996, 0.90524103057083404699 },
	{ 0.975, 999, 3996, 1.1014512333334122023 },
	{ 0.025, 999, 9990, 0.91048811254676360519 },
	{ 0.975, 999, 9990, 1.0944634045345687108 },
	{ 0.025, 999, 43956, 0.91335031415221286729 },
	{ 0.975, 999, 43956, 1.0907050435982823786 },
	{ 0.025, 10000, 10000, 0.96155692185024258128 },
	{ 0.975, 10000, 10000, 1.0399800337101049181 },
	{ 0.025, 10000, 40000, 0.96934258112424378089 },
	{ 0.975, 10000, 40000, 1.0313257371485018829 },
	{ 0.025, 10000, 100000, 0.97117600090263468465 },
	{ 0.975, 10000, 100000, 1.029318634824226952 },
	{ 0.025, 10000, 440000, 0.9721716056603217963 },
	{ 0.975, 10000, 440000, 1.0282335631144524713 },
	{ 0.025, 100000, 100000, 0.98768054225472278795 },
	{ 0.975, 100000, 100000, 1.012473119817824683 },
	{ 0.025, 100000, 400000, 0.99023353704467800276 },
	{ 0.975, 100000, 400000, 1.0098332923968171111 },
	{ 0.025, 100000, 1000000, 0.99083167455520805337 },
	{ 0.975, 100000, 1000000, 1.0092177888090819071 },
	{ 0.025, 100000, 4400000, 0.99115599767316799545 },
	{ 0.975, 100000, 4400000, 1.0088845195888793292 },
	{ 0.025, 776000, 776000, 0.99556001374191860561 },
	{ 0.975, 776000, 776000, 1.0044597876539790223 },
	{ 0.025, 776000, 3104000, 0.9964863730009210308 },
	{ 0.975, 776000, 3104000, 1.0035222390107508474 },
	{ 0.025, 776000, 7760000, 0.99670307537923937734 },
	{ 0.975, 776000, 7760000, 1.0033032987630435526 },
	{ 0.025, 776000, 34144000, 0.99682052338411425402 },
	{ 0.975, 776000, 34144000, 1.0031846979173377345 },
	{ 0.025, 1000000, 1000000, 0.99608774269347042732 },
	{ 0.975, 1000000, 1000000, 1.0039276231790089453 },
	{ 0.025, 1000000, 4000000, 0.99690436447230889516 },
	{ 0.975, 1000000, 4000000, 1.0031023184479833006 },
	{ 0.025, 1000000, 10000000, 0.9970953764267186284 },
	{ 0.975, 1000000, 10000000, 1.0029095699076260741 },
	{ 0.025, 1000000, 44000000, 0.99719889766805478824 },
	{ 0.975, 1000000, 44000000, 1.0028051540619952867 },
	{ 0.025, 10000000, 10000000, 0.99876117783921360111 },
	{ 0.975, 10000000, 10000000, 1.0012403587446866419 },
	{ 0.025, 10000000, 40000000, 0.99902035209587218794 },
	{ 0.975, 10000000, 40000000, 1.000980316195918459 },
	{ 0.025, 10000000, 100000000, 0.999080942709364397 },
	{ 0.975, 10000000, 100000000, 1.00091955192404923 },
	{ 0.025, 10000000, 440000000, 0.99911377553175446896 },
	{ 0.975, 10000000, 440000000, 1.0008866296412889916 },
	{ 0.025, 100000000, 100000000, 0.99960808401999659921 },
	{ 0.975, 100000000, 100000000, 1.0003920696383599482 },
	{ 0.025, 100000000, 400000000, 0.9996901358966097451 },
	{ 0.975, 100000000, 400000000, 1.0003099309325669339 },
	{ 0.025, 100000000, 1000000000, 0.99970931509257934639 },
	{ 0.975, 100000000, 1000000000, 1.0002907343707618079 },
	{ 0.025, 100000000, 4400000000, 0.99971970740862953647 },
	{ 0.975, 100000000, 4400000000, 1.0002803331086751941 },
	{ 0.025, 1, 100000000, 0.00098206912209042380929 },
	{ 0.975, 1, 100000000, 5.0238863386314853412 },
	{ 0.025, 100000000, 1, 0.19904908921016744109 },
	{ 0.975, 100000000, 1, 1018.2582646233787288 },
	{ 0.025, 2, 100000000, 0.025317807990699789416 },
	{ 0.975, 2, 100000000, 3.6888795901922559192 },
	{ 0.025, 100000000, 2, 0.27108502068181691454 },
	{ 0.975, 100000000, 2, 39.497890195207211321 },
	{ 0.025, 10, 1000000, 0.32469650637938255508 },
	{ 0.975, 10, 1000000, 2.0483305198678783479 },
	{ 0.025, 1000000, 10, 0.48820246063828708448 },
	{ 0.975, 1000000, 10, 3.0797990749909022975 },
	{ 0.025, 3, 7, 0.068378896937559940481 },
	{ 0.975, 3, 7, 5.8898191672032562963 },
	{ 0.025, 250, 30, 0.61522900413275695389 },
	{ 0.975, 250, 30, 1.8258449944736840845 },
	{ 0.025, 6, 497, 0.2056536321649365462 },
	{ 0.975, 6, 497, 2.4336791338720768251 },
	{ 0.025, 7, 581, 0.24072555261892727705 },
	{ 0.975, 7, 581, 2.3093140416634068686 },
	{ 0.025, 100, 100000000, 0.74221918650654836389 },
	{ 0.975, 100, 100000000, 1.295612176313664062 },
	{ 0.025, 100000000, 100, 0.77183590759794064644 },
	{ 0.975, 100000000, 100, 1.3473108997717580802 },
	{ 0.025, 1000, 100000000, 0.91425677098785502015 },
	{ 0.975, 1000, 100000000, 1.0895314114026343959 },
	{ 0.025, 100000000, 1000, 0.91782576393334636772 },
	{ 0.975, 100000000, 1000, 1.0937846256467965412 },
	{ 0.025, 30000, 100000000, 0.98405785507020367197 },
	{ 0.975, 30000, 100000000, 1.0160685471568581289 },
	{ 0.025, 100000000, 30000, 0.98418556779282184921 },
	{ 0.975, 100000000, 30000, 1.0162004142822059984 },
	{ 0.025, 30000, 1320000, 0.98388371759501699587 },
	{ 0.975, 30000, 1320000, 1.0162513396128171442 },
	{ 0.025, 200000, 2000000, 0.99351189675137518197 },
	{ 0.975, 200000, 2000000, 1.0065128349249801312 },
	{ 0.025, 20000000, 300000, 0.99492090880777451837 },
	{ 0.975, 20000000, 300000, 1.0051178717360520234 },
	{ 0.025, 100000000, 99999999, 0.9996080840190171959 },
	{ 0.975, 100000000, 99999999, 1.0003920696393405092 },
	{ 0.025, 123457, 98765432, 0.99212178836816302466 },
	{ 0.975, 123457, 98765432, 1.0079090165189404583 },
	{ 0.025, 1000000000, 10000000000, 0.9999080720135381616 },
	{ 0.975, 1000000000, 10000000000, 1.0000919329327959517 },
	{ 0.025, 10000000000, 1000000000, 0.99990807551809126588 },
	{ 0.975, 10000000000, 1000000000, 1.0000919364379934656 },
};

/*
 * The bound the quantiles are held to. The largest error measured over
 * this table, and over 60 random pairs from 1 to 3e9, is 1.7e-13 (at
 * df1 = 1, where the lower quantile is near 0); the Feldt interval needs
 * 1e-10.
 */
#define F_REL_TOL 1e-12

static void expect_f_table(double (*quantile)(double, double, double),
			   const char *name)
{
	size_t i;
	double got, err;

	for (i = 0; i < sizeof f_refs / sizeof f_refs[0]; i++) {
		got = quantile(f_refs[i].p, f_refs[i].df1, f_refs[i].df2);
		err = fabs(got / f_refs[i].q - 1.0);
		cr_expect(err <= F_REL_TOL,
			  "%s(%g; %.0f, %.0f) = %.17g, expected %.17g "
			  "(relative error %.2g)",
			  name, f_refs[i].p, f_refs[i].df1, f_refs[i].df2, got,
			  f_refs[i].q, err);
	}
}

Test(stats, f_quantile_matches_60_digit_references_up_to_1e10_df)
{
	expect_f_table(semm__f_quantile, "semm__f_quantile");
}

Test(stats, f_quantile_by_newton_alone_matches_references_from_1_df)
{
	expect_f_table(semm__f_quantile_newton, "semm__f_quantile_newton");
}

/*
 * Where GSL's inverse F answers (both df at most 1e5) its double is kept
 * as it is, so that figures already published do not move in the last
 * digit. GSL is the expectation here on purpose: the property under test
 * is "unchanged", not "correct" (the table above checks that).
 */
Test(stats, f_quantile_keeps_gsl_double_where_gsl_answers)
{
	static const double pairs[][2] = {
		{ 4, 8 },
		{ 166, 2656 },
		{ 999, 43956 },
		{ 1e5, 1e5 },
	};
	size_t i;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		cr_expect_eq(
			semm__f_quantile(0.975, pairs[i][0], pairs[i][1]),
			gsl_cdf_fdist_Pinv(0.975, pairs[i][0], pairs[i][1]));
		cr_expect_eq(
			semm__f_quantile(0.025, pairs[i][0], pairs[i][1]),
			gsl_cdf_fdist_Pinv(0.025, pairs[i][0], pairs[i][1]));
	}
}

Test(stats, f_quantile_rejects_out_of_range_arguments)
{
	expect_nan(semm__f_quantile(0.0, 3, 4));
	expect_nan(semm__f_quantile(1.0, 3, 4));
	expect_nan(semm__f_quantile(NAN, 3, 4));
	expect_nan(semm__f_quantile(0.5, 0, 4));
	expect_nan(semm__f_quantile(0.5, 3, -1));
	expect_nan(semm__f_quantile(0.5, INFINITY, 4));
}

/*
 * The Feldt interval of a million respondents over 11 items (df1 =
 * 999999, df2 = 9999990), where GSL's inverse F gave no number and the
 * interval was null. alpha is the double nearest 0.87; the bounds are
 * 1 - (1 - alpha) F(0.975) and 1 - (1 - alpha) F(0.025) at 60 digits
 * by tools/feldt_reference.py.
 */
#define FELDT_BIG_LO 0.86962175572272561809
#define FELDT_BIG_HI 0.87037760125316653756

Test(stats, feldt_ci_of_a_million_respondents_matches_reference)
{
	double lo, hi;

	cr_assert_eq(semm_stats_feldt_ci(0.87, 1000000, 11, 0.95, &lo, &hi),
		     SEMM_OK);
	cr_expect(fabs(lo / FELDT_BIG_LO - 1.0) <= F_REL_TOL,
		  "lo = %.17g, expected %.17g", lo, FELDT_BIG_LO);
	cr_expect(fabs(hi / FELDT_BIG_HI - 1.0) <= F_REL_TOL,
		  "hi = %.17g, expected %.17g", hi, FELDT_BIG_HI);
	/* the per-thread cache gives the same bounds again */
	cr_assert_eq(semm_stats_feldt_ci(0.87, 1000000, 11, 0.95, &lo, &hi),
		     SEMM_OK);
	cr_expect(fabs(lo / FELDT_BIG_LO - 1.0) <= F_REL_TOL);
	cr_expect(fabs(hi / FELDT_BIG_HI - 1.0) <= F_REL_TOL);
}

/* ---- rwg(j) --------------------------------------------------------- */

Test(stats, rwg_j_matches_hand_computed_group)
{
	/* four respondents, three items, A = 5 */
	const double data[] = {
		4, 3, 2, 5, 4, 4, 4, 5, 4, 5, 4, 2,
	};
	semm_rwg r;

	cr_assert_eq(semm_stats_rwg_j(data, 4, 3, 5, &r), SEMM_OK);
	cr_expect_null(r.reason);
	cr_expect_eq(r.n, 4);
	cr_expect_eq(r.j, 3);
	/* sigma2_eu = (25 - 1) / 12 = 2 */
	expect_close(r.sigma2_eu, 2.0);
	/*
	 * i1 4 5 4 5: mean 4.5, SS 4 * 0.25 = 1, var 1/3;
	 * i2 3 4 5 4: mean 4, SS 1+0+1+0 = 2, var 2/3;
	 * i3 2 4 4 2: mean 3, SS 1+1+1+1 = 4, var 4/3.
	 * s2 = (1/3 + 2/3 + 4/3) / 3 = 7/9; s2/eu = 7/18;
	 * J (1 - 7/18) = 3 * 11/18 = 33/18;
	 * rwg = (33/18) / (33/18 + 7/18) = 33/40 = 0.825.
	 */
	expect_close(r.mean_var, 7.0 / 9.0);
	expect_close(r.rwg_j, 33.0 / 40.0);
}

Test(stats, rwg_j_is_zero_when_variance_exceeds_uniform_null)
{
	const double data[] = { 1, 5, 5, 1, 1, 5, 5, 1 };
	semm_rwg r;

	cr_assert_eq(semm_stats_rwg_j(data, 4, 2, 5, &r), SEMM_OK);
	/* each item 1 5 1 5 or 5 1 5 1: mean 3, SS 4 * 4 = 16, var 16/3;
	 * s2 = 16/3 > 2 is reported before truncation, then cut to 2:
	 * J (1 - 1) = 0, rwg = 0 / (0 + 1) = 0 */
	expect_close(r.mean_var, 16.0 / 3.0);
	expect_close(r.rwg_j, 0.0);
}

Test(stats, rwg_j_is_one_when_the_group_agrees_perfectly)
{
	const double data[] = { 4, 2, 4, 2, 4, 2 };
	semm_rwg r;

	cr_assert_eq(semm_stats_rwg_j(data, 3, 2, 5, &r), SEMM_OK);
	/* s2 = 0: J (1 - 0) / (J (1 - 0) + 0) = 1 */
	expect_close(r.mean_var, 0.0);
	expect_close(r.rwg_j, 1.0);
}

Test(stats, rwg_j_is_nan_for_a_group_of_one)
{
	const double data[] = { 4, 3, 2 };
	semm_rwg r;

	cr_assert_eq(semm_stats_rwg_j(data, 1, 3, 5, &r), SEMM_OK);
	expect_nan(r.rwg_j);
	expect_nan(r.mean_var);
	cr_expect_str_eq(r.reason, "a group of one");
}

Test(stats, rwg_j_skips_missing_answers_and_items_with_one_value)
{
	const double data[] = {
		4, NAN, 2, NAN, NAN, 4, 5, 3, NAN, 4, NAN, NAN,
	};
	semm_rwg r;

	cr_assert_eq(semm_stats_rwg_j(data, 4, 3, 5, &r), SEMM_OK);
	/*
	 * i1 4 5 4: mean 13/3, deviations -1/3 2/3 -1/3, SS 6/9, var 1/3;
	 * i2 has one answer and is left out; i3 2 4: mean 3, SS 2, var 2.
	 * J = 2, s2 = (1/3 + 2) / 2 = 7/6, s2/eu = 7/12;
	 * J (1 - 7/12) = 10/12; rwg = (10/12) / (10/12 + 7/12) = 10/17.
	 */
	cr_expect_eq(r.j, 2);
	expect_close(r.mean_var, 7.0 / 6.0);
	expect_close(r.rwg_j, 10.0 / 17.0);
}

Test(stats, rwg_j_is_nan_when_no_item_has_two_answers)
{
	const double data[] = { 4, NAN, NAN, 2 };
	semm_rwg r;

	cr_assert_eq(semm_stats_rwg_j(data, 2, 2, 5, &r), SEMM_OK);
	cr_expect_eq(r.j, 0);
	expect_nan(r.rwg_j);
	cr_expect_str_eq(r.reason, "no item has two answers");
}

Test(stats, rwg_j_rejects_bad_arguments)
{
	const double data[] = { 4, 3, 2, INFINITY };
	semm_rwg r;

	cr_expect_eq(semm_stats_rwg_j(data, 2, 2, 1, &r), SEMM_EARG);
	cr_expect_eq(semm_stats_rwg_j(NULL, 2, 2, 5, &r), SEMM_EARG);
	cr_expect_eq(semm_stats_rwg_j(data, 2, 2, 5, NULL), SEMM_EARG);
	cr_expect_eq(semm_stats_rwg_j(data, 2, 2, 5, &r), SEMM_EARG);
}

/* ---- ICC ------------------------------------------------------------ */

Test(stats, icc_matches_hand_computed_three_groups)
{
	/* groups 0: 1 2 3, 1: 4 5 6, 2: 7 8 9, interleaved */
	const double x[] = { 1, 4, 7, 2, 5, 8, 3, 6, 9 };
	const size_t g[] = { 0, 1, 2, 0, 1, 2, 0, 1, 2 };
	double work[2 * 3];
	semm_icc icc;

	cr_assert_eq(semm_stats_icc(x, g, 9, 3, work, &icc), SEMM_OK);
	cr_expect_null(icc.reason);
	cr_expect_eq(icc.n, 9);
	cr_expect_eq(icc.groups, 3);
	/*
	 * Group means 2, 5, 8; grand mean 45/9 = 5; k_bar = 9/3 = 3.
	 * SSB = 3 (9 + 0 + 9) = 54, df 2, MSB = 27.
	 * SSW = 3 groups * (1 + 0 + 1) = 6, df 9 - 3 = 6, MSW = 1.
	 * F = 27. ICC1 = (27 - 1) / (27 + 2 * 1) = 26/29; ICC2 = 26/27.
	 * p: for df1 = 2, P(F' > F) = (1 + 2F/df2)^(-df2/2) (F(2, m) is a
	 * Beta(1, m/2) transform) = (1 + 54/6)^(-3) = 10^-3.
	 */
	expect_close(icc.k_bar, 3.0);
	expect_close(icc.df_between, 2.0);
	expect_close(icc.df_within, 6.0);
	expect_close(icc.msb, 27.0);
	expect_close(icc.msw, 1.0);
	expect_close(icc.f, 27.0);
	expect_close(icc.icc1, 26.0 / 29.0);
	expect_close(icc.icc2, 26.0 / 27.0);
	expect_close(icc.p, 0.001);
}

Test(stats, icc_p_grows_as_within_group_spread_grows)
{
	/* same group means 2 5 8, values spread twice as far */
	const double x[] = { 0, 2, 4, 3, 5, 7, 6, 8, 10 };
	const size_t g[] = { 0, 0, 0, 1, 1, 1, 2, 2, 2 };
	double work[2 * 3];
	semm_icc icc;

	cr_assert_eq(semm_stats_icc(x, g, 9, 3, work, &icc), SEMM_OK);
	/*
	 * MSB = 27 as before; SSW = 3 * (4 + 0 + 4) = 24, MSW = 24/6 = 4;
	 * F = 27/4 = 6.75; ICC1 = 23 / (27 + 2 * 4) = 23/35; ICC2 = 23/27;
	 * p = (1 + 2 * 6.75/6)^(-3) = 3.25^-3 = 1/34.328125, above the
	 * 0.001 of the tighter groups.
	 */
	expect_close(icc.msw, 4.0);
	expect_close(icc.f, 6.75);
	expect_close(icc.icc1, 23.0 / 35.0);
	expect_close(icc.icc2, 23.0 / 27.0);
	expect_close(icc.p, 1.0 / 34.328125);
}

Test(stats, icc_handles_groups_of_very_different_sizes)
{
	const double x[] = { 2, 4, 6, 7, 8, 9, 10, 6, 7, 8, 9, 10 };
	const size_t g[] = { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	double work[2 * 2];
	semm_icc icc;

	cr_assert_eq(semm_stats_icc(x, g, 12, 2, work, &icc), SEMM_OK);
	/*
	 * Group 0: 2 4, n 2, mean 3, SS 2. Group 1: ten values, mean 8,
	 * SS 2 * (4 + 1 + 0 + 1 + 4) = 20. Grand mean 86/12 = 43/6.
	 * SSB = 2 (3 - 43/6)^2 + 10 (8 - 43/6)^2 = 2 * 625/36 + 10 * 25/36
	 *     = 1500/36 = 125/3 (= n1 n2 / N * 5^2 = 20/12 * 25), df 1.
	 * MSB = 125/3; SSW = 22, df 12 - 2 = 10, MSW = 2.2 = 11/5.
	 * F = (125/3) / (11/5) = 625/33; k_bar = 6.
	 * ICC1 = (125/3 - 11/5) / (125/3 + 5 * 11/5) = (592/15) / (158/3)
	 *      = 296/395; ICC2 = (592/15) / (125/3) = 592/625.
	 */
	expect_close(icc.k_bar, 6.0);
	expect_close(icc.msb, 125.0 / 3.0);
	expect_close(icc.msw, 2.2);
	expect_close(icc.f, 625.0 / 33.0);
	expect_close(icc.icc1, 296.0 / 395.0);
	expect_close(icc.icc2, 592.0 / 625.0);
	/* F = 18.94 lies between the printed upper 1 % point of F(1, 10),
	 * 10.04, and the upper 0.1 % point, 21.04 */
	cr_expect(icc.p > 0.001 && icc.p < 0.01, "p = %g", icc.p);
}

Test(stats, icc_is_stable_for_many_values_with_large_offset)
{
	const size_t m = 100000, n = 9 * m;
	double *x = malloc(n * sizeof(*x)), work[2 * 3];
	size_t *g = malloc(n * sizeof(*g)), i;
	semm_icc icc;

	cr_assert(x && g);
	/*
	 * The three groups of the hand-computed example scaled by 1/4 and
	 * shifted by 1e9 (quarter steps are exact in binary at 1e9), each
	 * group's values 1 2 3 each repeated m = 100000 times, in ascending
	 * order (sorted input is the hard case for a running mean), groups
	 * interleaved: N = 9m, sizes 3m,
	 * k_bar = 3m. Group means 1e9 + 2/4, 5/4, 8/4; grand 1e9 + 5/4.
	 * Scaling by 1/4 scales sums of squares by 1/16:
	 * SSB = 3m (9 + 0 + 9) / 16 = 54m/16, MSB = 27m/16.
	 * SSW = 3 groups * m * (1 + 0 + 1) / 16 = 6m/16,
	 * MSW = 6m / (16 (9m - 3)).
	 */
	for (i = 0; i < n; i++) {
		g[i] = i % 3;
		x[i] = 1e9 + 0.25 * (double)(3 * g[i] + (i / 3) / m + 1);
	}
	cr_assert_eq(semm_stats_icc(x, g, n, 3, work, &icc), SEMM_OK);
	{
		double msb = 27.0 * (double)m / 16.0;
		double msw = 6.0 * (double)m / (16.0 * (9.0 * (double)m - 3.0));
		double kb = 3.0 * (double)m;

		expect_close(icc.msb, msb);
		expect_close(icc.msw, msw);
		expect_close(icc.icc1, (msb - msw) / (msb + (kb - 1.0) * msw));
		expect_close(icc.icc2, (msb - msw) / msb);
	}
	free(x);
	free(g);
}

Test(stats, icc_ignores_empty_group_ids)
{
	const double x[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	const size_t g[] = { 0, 0, 0, 2, 2, 2, 3, 3, 3 };
	double work[2 * 5];
	semm_icc icc;

	/* ids 1 and 4 have no values: G = 3, the ANOVA of the first test */
	cr_assert_eq(semm_stats_icc(x, g, 9, 5, work, &icc), SEMM_OK);
	cr_expect_eq(icc.groups, 3);
	expect_close(icc.k_bar, 3.0);
	expect_close(icc.msb, 27.0);
	expect_close(icc.msw, 1.0);
	expect_close(icc.icc1, 26.0 / 29.0);
}

Test(stats, icc_is_nan_with_fewer_than_two_groups_or_singleton_groups)
{
	const double x[] = { 1, 2, 3 };
	const size_t same[] = { 1, 1, 1 };
	const size_t each[] = { 0, 1, 2 };
	double work[2 * 3];
	semm_icc icc;

	cr_assert_eq(semm_stats_icc(x, same, 3, 3, work, &icc), SEMM_OK);
	cr_expect_eq(icc.groups, 1);
	expect_nan(icc.icc1);
	expect_nan(icc.icc2);
	cr_expect_str_eq(icc.reason, "fewer than 2 groups with values");

	cr_assert_eq(semm_stats_icc(x, each, 3, 3, work, &icc), SEMM_OK);
	/* N - G = 0: no within-group degrees of freedom */
	expect_nan(icc.msw);
	expect_nan(icc.icc1);
	cr_expect_str_eq(icc.reason, "every group has a single value");
}

Test(stats, icc_without_within_group_variance_has_no_f)
{
	const double x[] = { 1, 1, 3, 3 };
	const size_t g[] = { 0, 0, 1, 1 };
	double work[4];
	semm_icc icc;

	cr_assert_eq(semm_stats_icc(x, g, 4, 2, work, &icc), SEMM_OK);
	/* MSW = 0, MSB = 2 (1 - 2)^2 + 2 (3 - 2)^2 = 4 over df 1;
	 * ICC1 = 4 / (4 + 1 * 0) = 1, ICC2 = 4/4 = 1; F = 4/0 undefined */
	expect_close(icc.msb, 4.0);
	expect_close(icc.msw, 0.0);
	expect_close(icc.icc1, 1.0);
	expect_close(icc.icc2, 1.0);
	expect_nan(icc.f);
	expect_nan(icc.p);
	cr_expect_str_eq(icc.reason, "zero variance within the groups");
}

Test(stats, icc_rejects_group_id_out_of_range_and_null_pointers)
{
	const double x[] = { 1, 2, 3, 4 };
	const size_t g[] = { 0, 1, 2, 1 };
	double work[4];
	semm_icc icc;

	/* id 2 with n_groups = 2 */
	cr_expect_eq(semm_stats_icc(x, g, 4, 2, work, &icc), SEMM_EARG);
	cr_expect_eq(semm_stats_icc(x, g, 4, 3, NULL, &icc), SEMM_EARG);
	cr_expect_eq(semm_stats_icc(NULL, g, 4, 3, work, &icc), SEMM_EARG);
	cr_expect_eq(semm_stats_icc(x, NULL, 4, 3, work, &icc), SEMM_EARG);
	cr_expect_eq(semm_stats_icc(x, g, 4, 3, work, NULL), SEMM_EARG);
}

/* ---- correlation and percentile rank -------------------------------- */

Test(stats, correlation_of_exact_lines_is_plus_or_minus_one)
{
	const double x[] = { 1, 2, 3, 4, 5 };
	const double up[] = { 3, 5, 7, 9, 11 };	  /* 2x + 1 */
	const double down[] = { 10, 8, 6, 4, 2 }; /* 12 - 2x */

	expect_close(semm_stats_correlation(x, up, 5), 1.0);
	expect_close(semm_stats_correlation(x, down, 5), -1.0);
}

Test(stats, correlation_matches_hand_computed_pair)
{
	/* items i1 and i2 of the alpha example: r = 6 / sqrt(10 * 5.2) */
	const double i1[] = { 1, 2, 3, 4, 5 };
	const double i2[] = { 2, 3, 3, 5, 4 };

	expect_close(semm_stats_correlation(i1, i2, 5), 6.0 / sqrt(52.0));
}

Test(stats, correlation_is_nan_for_zero_variance_or_too_few_values)
{
	const double x[] = { 1, 2, 3 };
	const double flat[] = { 4, 4, 4 };

	expect_nan(semm_stats_correlation(x, flat, 3));
	expect_nan(semm_stats_correlation(flat, x, 3));
	expect_nan(semm_stats_correlation(x, x, 1));
	expect_nan(semm_stats_correlation(NULL, x, 3));
}

Test(stats, percentile_rank_counts_ties_as_half)
{
	const double peers[] = { 1, 2, 2, 3 };

	/* value 2: 1 below, 2 equal -> 100 (1 + 2/2) / 4 = 50 */
	expect_close(semm_stats_percentile_rank(peers, 4, 2.0), 50.0);
	/* value 2.5: 3 below -> 75; 0: none below -> 0; 4: all -> 100 */
	expect_close(semm_stats_percentile_rank(peers, 4, 2.5), 75.0);
	expect_close(semm_stats_percentile_rank(peers, 4, 0.0), 0.0);
	expect_close(semm_stats_percentile_rank(peers, 4, 4.0), 100.0);
	/* value 3: 3 below, 1 equal -> 100 (3 + 0.5) / 4 = 87.5 */
	expect_close(semm_stats_percentile_rank(peers, 4, 3.0), 87.5);
}

Test(stats, percentile_rank_is_nan_without_peers)
{
	const double peers[] = { 1 };

	expect_nan(semm_stats_percentile_rank(peers, 0, 1.0));
	expect_nan(semm_stats_percentile_rank(NULL, 3, 1.0));
	expect_nan(semm_stats_percentile_rank(peers, 1, NAN));
}

Test(stats, weighted_quantiles_expand_the_weights)
{
	/* 1 once, 2 twice, 4 once: the list 1 2 2 4, R type 7, h = 3p */
	const double x[] = { 1, 2, 4 }, cum[] = { 1, 3, 4 };

	expect_close(semm_stats_quantile_weighted(x, cum, 3, 0.0), 1.0);
	expect_close(semm_stats_quantile_weighted(x, cum, 3, 0.25), 1.75);
	expect_close(semm_stats_quantile_weighted(x, cum, 3, 0.5), 2.0);
	expect_close(semm_stats_quantile_weighted(x, cum, 3, 0.9), 3.4);
	expect_close(semm_stats_quantile_weighted(x, cum, 3, 1.0), 4.0);
	/* without weights: the plain list 1 2 4, h = 2p */
	expect_close(semm_stats_quantile_weighted(x, NULL, 3, 0.25), 1.5);
	cr_expect(isnan(semm_stats_quantile_weighted(x, cum, 0, 0.5)));
	cr_expect(isnan(semm_stats_quantile_weighted(x, cum, 3, 1.5)));
}

Test(stats, sorted_percentile_rank_counts_weights_and_peers)
{
	const double x[] = { 1, 2, 4 }, cum[] = { 1, 3, 4 };
	size_t below, above;

	/* weight 1 below, 2 equal, of 4: (1 + 1) / 4 */
	expect_close(semm_stats_percentile_rank_sorted(x, cum, 3, 2.0, &below,
						       &above),
		     50.0);
	cr_expect_eq(below, 1);
	cr_expect_eq(above, 1);
	/* 3 lies between: weight 3 below of 4 */
	expect_close(
		semm_stats_percentile_rank_sorted(x, cum, 3, 3.0, NULL, NULL),
		75.0);
	/* unweighted, the same as semm_stats_percentile_rank */
	expect_close(
		semm_stats_percentile_rank_sorted(x, NULL, 3, 2.0, NULL, NULL),
		semm_stats_percentile_rank(x, 3, 2.0));
	cr_expect(isnan(
		semm_stats_percentile_rank_sorted(x, cum, 3, NAN, NULL, NULL)));
}

Test(stats, moments_shift_by_the_first_value_and_skip_nan)
{
	const double x[] = { 1e9 + 1, NAN, 1e9 + 2, 1e9 + 3 };
	semm_moments m = semm_stats_moments(x, 1, 4);

	cr_expect_eq(m.n, 3);
	expect_close(m.shift, 1e9 + 1);
	expect_close(m.mean, 1.0);
	expect_close(m.ss, 2.0);
}

Test(stats, icc_from_moments_matches_the_hand_example)
{
	/* the three groups 1 2 3, 4 5 6, 7 8 9 of the ICC example, each at
	 * an offset of 1e9 and shifted by its own first value */
	const double g0[] = { 1e9 + 1, 1e9 + 2, 1e9 + 3 };
	const double g1[] = { 1e9 + 4, 1e9 + 5, 1e9 + 6 };
	const double g2[] = { 1e9 + 7, 1e9 + 8, 1e9 + 9 };
	semm_moments m[4];
	semm_icc icc;

	m[0] = semm_stats_moments(g0, 1, 3);
	m[1] = semm_stats_moments(g1, 1, 3);
	m[2] = semm_stats_moments(g2, 1, 0); /* an empty group counts not */
	m[3] = semm_stats_moments(g2, 1, 3);
	cr_assert_eq(semm_stats_icc_moments(m, 4, &icc), SEMM_OK);
	cr_expect_null(icc.reason);
	cr_expect_eq(icc.n, 9);
	cr_expect_eq(icc.groups, 3);
	expect_close(icc.msb, 27.0);
	expect_close(icc.msw, 1.0);
	expect_close(icc.icc1, 26.0 / 29.0);
	expect_close(icc.icc2, 26.0 / 27.0);
	expect_close(icc.p, 1e-3);
}

Test(stats, describe_sorts_long_columns_with_ties)
{
	/* 1..1000 twice, shuffled: type 7 quantiles of 2000 values with
	 * positions h = 1999 p; q1 at h = 499.75 lies between the 500th
	 * and 501st values (250 and 251), the median between 1000th and
	 * 1001st (500 and 501), q3 at 1499.25 between 750 and 751 */
	static double x[2000], work[2000];
	semm_describe d;
	uint64_t state = 12345;
	size_t i;

	for (i = 0; i < 2000; i++)
		x[i] = (double)(i % 1000 + 1);
	for (i = 1999; i > 0; i--) {
		size_t j;
		double t;

		state = state * 6364136223846793005ULL + 1442695040888963407ULL;
		j = (size_t)(state >> 33) % (i + 1);
		t = x[i];
		x[i] = x[j];
		x[j] = t;
	}
	cr_assert_eq(semm_stats_describe(x, 2000, work, &d), SEMM_OK);
	cr_expect_eq(d.min, 1);
	cr_expect_eq(d.max, 1000);
	cr_expect_eq(d.median, 500.5);
	cr_expect_eq(d.q1, 250.75);
	cr_expect_eq(d.q3, 750.25);
	for (i = 1; i < 2000; i++)
		cr_assert(work[i - 1] <= work[i]);
}
