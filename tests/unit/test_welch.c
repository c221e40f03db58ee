/*
 * test_welch.c - unit tests of semm_stats_welch (src/stats/stats.c): the
 * difference of two means with its Welch confidence interval.
 *
 * Every expectation is worked out by hand in the comment beside it, on
 * numbers chosen so that se and the Welch-Satterthwaite df come out
 * exactly (df an integer), so the t quantile can be taken from a printed
 * table or from the closed form of Student's t for 2 or 4 degrees of
 * freedom. GSL is never used to compute an expectation.
 *
 * Printed two-sided 5 % t table (upper 2.5 % point): df 2: 4.303,
 * df 4: 2.776, df 14: 2.145. One-sided 5 % (two-sided 10 %): df 4: 2.132.
 */
#include <math.h>
#include <stdint.h>

#include <criterion/criterion.h>
#include <gsl/gsl_errno.h>

#include "semm/stats.h"

#define REL_TOL 1e-9

static int close_rel(double got, double want, double tol)
{
	double scale = fabs(want) > 1 ? fabs(want) : 1;

	return fabs(got - want) <= tol * scale;
}

#define expect_close(got, want)                                      \
	cr_expect(close_rel((got), (want), REL_TOL),                 \
		  "%s = %.17g, expected %.17g", #got, (double)(got), \
		  (double)(want))

/* Within half a unit of the table's last printed digit. */
#define expect_table(got, want, half_unit)                                 \
	cr_expect(fabs((got) - (want)) <= (half_unit),                     \
		  "%s = %.17g, the table gives %.4g", #got, (double)(got), \
		  (double)(want))

#define expect_nan(got) \
	cr_expect(isnan(got), "%s = %.17g, expected NAN", #got, (double)(got))

static void quiet_gsl(void)
{
	gsl_set_error_handler_off();
}

TestSuite(welch, .init = quiet_gsl);

/*
 * Closed forms of Student's t quantile t(p, nu):
 *   nu = 2: t = (2p - 1) / sqrt(2 p (1 - p));
 *           p = 0.975: 0.95 / sqrt(0.04875) = 4.3026527297494...
 *   nu = 4: a = 4 p (1 - p), q = cos(acos(sqrt(a)) / 3) / sqrt(a),
 *           t = 2 sqrt(q - 1);
 *           p = 0.975: 2.7764451051977...; p = 0.95: 2.1318467863266...
 */
static double t_df2(double p)
{
	return (2.0 * p - 1.0) / sqrt(2.0 * p * (1.0 - p));
}

static double t_df4(double p)
{
	double a = 4.0 * p * (1.0 - p);
	double q = cos(acos(sqrt(a)) / 3.0) / sqrt(a);

	return 2.0 * sqrt(q - 1.0);
}

Test(welch, closed_forms_agree_with_printed_table)
{
	expect_table(t_df2(0.975), 4.303, 0.0005);
	expect_table(t_df4(0.975), 2.776, 0.0005);
	expect_table(t_df4(0.95), 2.132, 0.0005);
}

/*
 * Equal n and sd, so df is an integer: n1 = n2 = 8, sd1 = sd2 = 2,
 * m1 = 3 (before), m2 = 5 (after).
 *   sd^2/n = 4/8 = 1/2 on each side; se = sqrt(1/2 + 1/2) = 1.
 *   df = 1^2 / ((1/2)^2/7 + (1/2)^2/7) = 1 / (2/28) = 14 (= 2(n - 1)).
 *   diff = 5 - 3 = 2; t(0.975, 14) = 2.145 (table);
 *   CI = 2 -/+ 2.145 * 1 = [-0.145, 4.145]: it holds 0.
 */
Test(welch, equal_n_and_sd_gives_integer_df)
{
	semm_welch w;

	cr_assert_eq(semm_stats_welch(3, 2, 8, 5, 2, 8, 0.95, &w), SEMM_OK);
	expect_close(w.diff, 2.0);
	expect_close(w.se, 1.0);
	expect_close(w.df, 14.0);
	expect_table(w.ci_hi - w.diff, 2.145, 0.0005);
	expect_table(w.diff - w.ci_lo, 2.145, 0.0005);
	expect_table(w.ci_lo, -0.145, 0.0005);
	expect_table(w.ci_hi, 4.145, 0.0005);
	cr_expect_null(w.reason);
}

/*
 * Unequal n and sd with an exact se and an integer df:
 * n1 = 2, sd1^2 = 1/2; n2 = 4, sd2^2 = 3; m1 = 2, m2 = 5.
 *   a = sd1^2/n1 = 1/4, b = sd2^2/n2 = 3/4; se = sqrt(1/4 + 3/4) = 1.
 *   df = 1 / ((1/4)^2/1 + (3/4)^2/3) = 1 / (1/16 + 3/16) = 4.
 *   diff = 3; t(0.975, 4) = 2.7764451051977... (closed form; table
 *   2.776); CI = [3 - 2.77644510519780, 3 + 2.77644510519780]
 *   = [0.22355489480220, 5.77644510519780]: entirely above 0.
 */
Test(welch, unequal_samples_hand_worked)
{
	semm_welch w;

	cr_assert_eq(
		semm_stats_welch(2, sqrt(0.5), 2, 5, sqrt(3.0), 4, 0.95, &w),
		SEMM_OK);
	expect_close(w.diff, 3.0);
	expect_close(w.se, 1.0);
	expect_close(w.df, 4.0);
	expect_close(w.ci_lo, 3.0 - t_df4(0.975));
	expect_close(w.ci_hi, 3.0 + t_df4(0.975));
	expect_close(w.ci_lo, 0.22355489480220);
	expect_close(w.ci_hi, 5.77644510519780);
	cr_expect_null(w.reason);
}

/*
 * The same samples the other way round (after lower than before):
 * diff = 2 - 5 = -3, the same se and df, CI = [-5.7764451051978,
 * -0.2235548948022]: entirely below 0.
 */
Test(welch, difference_is_after_minus_before)
{
	semm_welch w;

	cr_assert_eq(
		semm_stats_welch(5, sqrt(3.0), 4, 2, sqrt(0.5), 2, 0.95, &w),
		SEMM_OK);
	expect_close(w.diff, -3.0);
	expect_close(w.df, 4.0);
	expect_close(w.ci_lo, -5.77644510519780);
	expect_close(w.ci_hi, -0.22355489480220);
}

/*
 * df = 2: n1 = n2 = 2, sd1 = sd2 = 1, m1 = 4, m2 = 3.
 *   a = b = 1/2, se = 1, df = 1 / ((1/2)^2/1 + (1/2)^2/1) = 2.
 *   t(0.975, 2) = 0.95 / sqrt(0.04875) = 4.30265272974946 (table 4.303);
 *   CI = -1 -/+ 4.30265272974946 = [-5.30265272974946, 3.30265272974946].
 */
Test(welch, two_degrees_of_freedom)
{
	semm_welch w;

	cr_assert_eq(semm_stats_welch(4, 1, 2, 3, 1, 2, 0.95, &w), SEMM_OK);
	expect_close(w.se, 1.0);
	expect_close(w.df, 2.0);
	expect_close(w.ci_lo, -1.0 - t_df2(0.975));
	expect_close(w.ci_hi, -1.0 + t_df2(0.975));
	expect_close(w.ci_lo, -5.30265272974946);
}

/*
 * Another level: the 90 % interval of the unequal example uses
 * t(0.95, 4) = 2.13184678632665 (closed form; table 2.132):
 * CI = 3 -/+ 2.13184678632665 = [0.86815321367335, 5.13184678632665].
 */
Test(welch, level_sets_the_quantile)
{
	semm_welch w;

	cr_assert_eq(
		semm_stats_welch(2, sqrt(0.5), 2, 5, sqrt(3.0), 4, 0.90, &w),
		SEMM_OK);
	expect_close(w.ci_lo, 3.0 - t_df4(0.95));
	expect_close(w.ci_hi, 3.0 + t_df4(0.95));
	expect_close(w.ci_lo, 0.86815321367335);
	expect_close(w.ci_hi, 5.13184678632665);
}

/*
 * One side without variance: n1 = 5, sd1 = 0; n2 = 5, sd2^2 = 5.
 *   a = 0, b = 5/5 = 1; se = 1; df = 1 / (0 + 1^2/4) = 4 = n2 - 1.
 *   m1 = 3, m2 = 4: CI = 1 -/+ 2.7764451051978.
 */
Test(welch, zero_sd_on_one_side)
{
	semm_welch w;

	cr_assert_eq(semm_stats_welch(3, 0, 5, 4, sqrt(5.0), 5, 0.95, &w),
		     SEMM_OK);
	expect_close(w.se, 1.0);
	expect_close(w.df, 4.0);
	expect_close(w.ci_lo, 1.0 - t_df4(0.975));
	cr_expect_null(w.reason);
}

/* sd 0 on both sides: se = 0 and df = 0/0; no interval. */
Test(welch, zero_sd_on_both_sides_has_no_interval)
{
	semm_welch w;

	cr_assert_eq(semm_stats_welch(2, 0, 3, 2.5, 0, 3, 0.95, &w), SEMM_OK);
	expect_close(w.diff, 0.5);
	cr_expect_eq(w.se, 0.0);
	expect_nan(w.df);
	expect_nan(w.ci_lo);
	expect_nan(w.ci_hi);
	cr_expect_str_eq(w.reason, "no variance on either side");
}

/* n = 1 on a side: no sd, no interval; the difference is still given. */
Test(welch, one_value_on_a_side_has_no_interval)
{
	semm_welch w;

	cr_assert_eq(semm_stats_welch(3, 0.5, 8, 3.5, NAN, 1, 0.95, &w),
		     SEMM_OK);
	expect_close(w.diff, 0.5);
	expect_nan(w.se);
	expect_nan(w.df);
	expect_nan(w.ci_lo);
	expect_nan(w.ci_hi);
	cr_expect_str_eq(w.reason, "fewer than 2 values on a side");

	cr_assert_eq(semm_stats_welch(3, 0.5, 1, 3.5, 0.5, 8, 0.95, &w),
		     SEMM_OK);
	cr_expect_str_eq(w.reason, "fewer than 2 values on a side");
}

Test(welch, no_values_on_a_side_has_no_difference)
{
	semm_welch w;

	cr_assert_eq(semm_stats_welch(NAN, NAN, 0, 3, 1, 5, 0.95, &w), SEMM_OK);
	expect_nan(w.diff);
	expect_nan(w.ci_lo);
	cr_expect_str_eq(w.reason, "fewer than 2 values on a side");
}

Test(welch, missing_mean_or_sd_is_named)
{
	semm_welch w;

	cr_assert_eq(semm_stats_welch(NAN, 1, 5, 3, 1, 5, 0.95, &w), SEMM_OK);
	expect_nan(w.diff);
	cr_expect_str_eq(w.reason, "a mean is missing");
	cr_assert_eq(semm_stats_welch(2, 1, 5, 3, NAN, 5, 0.95, &w), SEMM_OK);
	expect_close(w.diff, 1.0);
	expect_nan(w.ci_lo);
	cr_expect_str_eq(w.reason, "a standard deviation is missing");
}

/*
 * Tiny spreads: sd = 1e-150 on both sides, n = 8. The variance terms
 * are 1e-300 / 8, whose squares underflow in double; the df must still
 * be 2(n - 1) = 14 and se = sqrt(2 * 1e-300 / 8) = 5e-151.
 */
Test(welch, tiny_spreads_keep_their_df)
{
	semm_welch w;

	cr_assert_eq(semm_stats_welch(1, 1e-150, 8, 1, 1e-150, 8, 0.95, &w),
		     SEMM_OK);
	expect_close(w.df, 14.0);
	cr_expect(fabs(w.se - 5e-151) <= REL_TOL * 5e-151, "se = %.17g", w.se);
}

/* A standard error that overflows is NAN with a reason, not infinite. */
Test(welch, overflowing_se_is_named)
{
	semm_welch w;

	cr_assert_eq(semm_stats_welch(0, 1e200, 2, 0, 1e200, 2, 0.95, &w),
		     SEMM_OK);
	expect_nan(w.se);
	expect_nan(w.ci_lo);
	cr_expect_str_eq(w.reason, "the standard error overflows");
}

/* Welch's df lies between min(n1, n2) - 1 and n1 + n2 - 2. */
Test(welch, df_lies_between_its_bounds)
{
	semm_welch w;

	cr_assert_eq(semm_stats_welch(1, 0.3, 3, 2, 1.7, 11, 0.95, &w),
		     SEMM_OK);
	cr_expect(w.df >= 2.0 && w.df <= 12.0, "df = %g", w.df);
	cr_expect(w.ci_lo < w.diff && w.diff < w.ci_hi);
}

Test(welch, caller_errors_are_earg)
{
	semm_welch w;

	cr_expect_eq(semm_stats_welch(1, 1, 5, 2, 1, 5, 0.95, NULL), SEMM_EARG);
	cr_expect_eq(semm_stats_welch(1, 1, 5, 2, 1, 5, 0.0, &w), SEMM_EARG);
	cr_expect_eq(semm_stats_welch(1, 1, 5, 2, 1, 5, 1.0, &w), SEMM_EARG);
	cr_expect_eq(semm_stats_welch(1, 1, 5, 2, 1, 5, NAN, &w), SEMM_EARG);
	cr_expect_eq(semm_stats_welch(1, -1, 5, 2, 1, 5, 0.95, &w), SEMM_EARG);
	cr_expect_eq(semm_stats_welch(INFINITY, 1, 5, 2, 1, 5, 0.95, &w),
		     SEMM_EARG);
	cr_expect_eq(semm_stats_welch(1, 1, 5, 2, INFINITY, 5, 0.95, &w),
		     SEMM_EARG);
	expect_nan(w.diff);
	expect_nan(w.ci_lo);
}
