/*
 * test_rater.c - unit tests of src/stats/rater.c: Krippendorff's alpha
 * (nominal, ordinal, interval, with missing values), its bootstrap
 * interval, and ICC(2,1) / ICC(2,k) with their F intervals.
 *
 * Expected values are worked by hand on small tables (the working beside
 * the assertion) or taken from published examples, whose exact values
 * were computed with an independent Python implementation written from
 * the coincidence-matrix definition (exact fractions) and from the
 * two-way ANOVA (mpmath's incomplete beta for the F quantiles, 40
 * digits). Relative tolerance 1e-9.
 */
#include <math.h>
#include <stdlib.h>

#include <criterion/criterion.h>

#include "semm/stats.h"

#define REL_TOL 1e-9
#define M NAN

static int close_rel(double got, double want)
{
	return fabs(got - want) <= REL_TOL * fabs(want);
}

#define expect_close(got, want)                                           \
	cr_expect(close_rel((got), (want)), "%s = %.17g, expected %.17g", \
		  #got, (double)(got), (double)(want))

/* Rounds x to d decimals, as a published table prints it. */
static double round_to(double x, int d)
{
	double s = pow(10.0, d);

	return round(x * s) / s;
}

static double kalpha_of(const double *data, size_t units, size_t raters,
			semm_kalpha_metric m)
{
	double work[64];
	semm_kalpha a;

	cr_assert(semm_stats_kalpha_work_size(units, raters) <= 64);
	cr_assert_eq(semm_stats_kalpha(data, units, raters, m, work, &a),
		     SEMM_OK);
	return a.alpha;
}

/*
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability
 * (Annenberg School for Communication, University of Pennsylvania), the
 * example with missing data: observers A-D (columns) x 12 units (rows).
 * Published: nominal 0.743, ordinal 0.815, interval 0.849. Exact values
 * (Python, fractions): 113/152, 108577/133160, 951/1120.
 */
static const double kripp[12 * 4] = {
	1, 1, M, 1, /* unit 1 */
	2, 2, 3, 2, /* 2 */
	3, 3, 3, 3, /* 3 */
	3, 3, 3, 3, /* 4 */
	2, 2, 2, 2, /* 5 */
	1, 2, 3, 4, /* 6 */
	4, 4, 4, 4, /* 7 */
	1, 1, 2, 1, /* 8 */
	2, 2, 2, 2, /* 9 */
	M, 5, 5, 5, /* 10 */
	M, M, 1, 1, /* 11 */
	M, M, 3, M, /* 12: one value, not pairable */
};

Test(rater, krippendorff_published_example)
{
	double nom = kalpha_of(kripp, 12, 4, SEMM_KALPHA_NOMINAL);
	double ord = kalpha_of(kripp, 12, 4, SEMM_KALPHA_ORDINAL);
	double itv = kalpha_of(kripp, 12, 4, SEMM_KALPHA_INTERVAL);

	expect_close(nom, 113.0 / 152.0);
	expect_close(ord, 108577.0 / 133160.0);
	expect_close(itv, 951.0 / 1120.0);
	cr_expect_eq(round_to(nom, 3), 0.743);
	cr_expect_eq(round_to(ord, 3), 0.815);
	cr_expect_eq(round_to(itv, 3), 0.849);
}

Test(rater, krippendorff_counts_pairable_values)
{
	double work[48];
	semm_kalpha a;

	cr_assert_eq(
		semm_stats_kalpha(kripp, 12, 4, SEMM_KALPHA_NOMINAL, work, &a),
		SEMM_OK);
	/* 11 units with two values or more; 41 values less unit 12's one */
	cr_expect_eq(a.units, 11);
	cr_expect_eq(a.values, 40);
	cr_expect_null(a.reason);
}

/*
 * Three units, two raters: (1,1) (1,2) (2,2). Pairable values n = 6,
 * n_1 = n_2 = 3. Observed: unit 2's two ordered pairs differ, each 1 /
 * (2 - 1): d_o = 2 / 6 = 1/3. Expected: (36 - 9 - 9) / (6 * 5) = 3/5.
 * alpha = 1 - (1/3) / (3/5) = 4/9 for every metric (two values: the
 * ordinal mid-ranks 1.5 and 4.5 scale both sums by 9).
 */
Test(rater, krippendorff_hand_worked_two_values)
{
	const double x[] = { 1, 1, 1, 2, 2, 2 };

	expect_close(kalpha_of(x, 3, 2, SEMM_KALPHA_NOMINAL), 4.0 / 9.0);
	expect_close(kalpha_of(x, 3, 2, SEMM_KALPHA_ORDINAL), 4.0 / 9.0);
	expect_close(kalpha_of(x, 3, 2, SEMM_KALPHA_INTERVAL), 4.0 / 9.0);
}

/*
 * Units (1,2,-) (2,2,3) (3,3,3) (1,-,-): unit 4 is not pairable.
 * Pairable values 1,2 | 2,2,3 | 3,3,3: n = 8, n_1 = 1, n_2 = 3, n_3 = 4.
 * Interval: observed pairs (1,2): 2 * 1 / 1 = 2; unit 2: pairs 2-3 twice
 * (each 1), ordered 4, / 2 = 2; d_o = 4 / 8 = 1/2. Expected: 2 n sum
 * (x - mean)^2 with mean 19/8: sum x^2 = 1 + 12 + 36 = 49, 49 - 361/8 =
 * 31/8; 16 * 31/8 = 62; d_e = 62 / 56 = 31/28; alpha = 1 - 14/31 =
 * 17/31. Nominal: observed the same 4; expected 64 - 1 - 9 - 16 = 38,
 * d_e = 38/56 = 19/28, alpha = 1 - (1/2)(28/19) = 5/19. Ordinal:
 * mid-ranks 1 -> 0.5, 2 -> 2.5, 3 -> 6; observed 2 * 4 / 1 + 2 * 2 *
 * 12.25 / 2 = 8 + 24.5 = 32.5, d_o = 65/16; expected: mean 4, squares
 * of (x - 4): 12.25 + 3 * 2.25 + 4 * 4 = 35, 16 * 35 = 560, d_e = 10;
 * alpha = 1 - 65/160 = 19/32.
 */
Test(rater, krippendorff_hand_worked_missing_values)
{
	const double x[] = { 1, 2, M, 2, 2, 3, 3, 3, 3, 1, M, M };

	expect_close(kalpha_of(x, 4, 3, SEMM_KALPHA_NOMINAL), 5.0 / 19.0);
	expect_close(kalpha_of(x, 4, 3, SEMM_KALPHA_ORDINAL), 19.0 / 32.0);
	expect_close(kalpha_of(x, 4, 3, SEMM_KALPHA_INTERVAL), 17.0 / 31.0);
}

Test(rater, krippendorff_without_variation_or_pairs)
{
	const double same[] = { 3, 3, 3, 3 };
	const double lone[] = { 1, M, M, 2 };
	double work[4];
	semm_kalpha a;

	cr_assert_eq(
		semm_stats_kalpha(same, 2, 2, SEMM_KALPHA_INTERVAL, work, &a),
		SEMM_OK);
	cr_expect(isnan(a.alpha));
	cr_expect_not_null(a.reason);
	cr_assert_eq(
		semm_stats_kalpha(lone, 2, 2, SEMM_KALPHA_ORDINAL, work, &a),
		SEMM_OK);
	cr_expect(isnan(a.alpha));
	cr_expect_eq(a.units, 0);
}

Test(rater, krippendorff_refuses_bad_arguments)
{
	const double inf[] = { 1, INFINITY };
	double work[2];
	semm_kalpha a;

	cr_expect_eq(
		semm_stats_kalpha(inf, 1, 2, SEMM_KALPHA_NOMINAL, work, &a),
		SEMM_EARG);
	cr_expect_eq(
		semm_stats_kalpha(inf, 1, 2, (semm_kalpha_metric)7, work, &a),
		SEMM_EARG);
	cr_expect_eq(
		semm_stats_kalpha(NULL, 1, 2, SEMM_KALPHA_NOMINAL, work, &a),
		SEMM_EARG);
	cr_expect_eq(
		semm_stats_kalpha(inf, 1, 2, SEMM_KALPHA_NOMINAL, work, NULL),
		SEMM_EARG);
	cr_expect_str_eq(semm_kalpha_metric_name(SEMM_KALPHA_ORDINAL),
			 "ordinal");
}

/*
 * Units (1,2) and (2,1): any resample of U = 2 units has one 1 and one
 * 2 in each unit, so every resample's alpha is that of the data:
 * n = 4, d_o = 2 * 2 / 4 = 1, d_e = (16 - 4 - 4) / 12 = 2/3, alpha =
 * 1 - 3/2 = -1/2; the interval is [-1/2, -1/2].
 */
Test(rater, bootstrap_of_a_constant_alpha_is_a_point)
{
	const double x[] = { 1, 2, 2, 1 };
	size_t reps = 200;
	double *work = malloc(semm_stats_kalpha_boot_work_size(2, 2, reps) *
			      sizeof(double));
	semm_kalpha_boot b;

	cr_assert_not_null(work);
	cr_assert_eq(semm_stats_kalpha_boot(x, 2, 2, SEMM_KALPHA_INTERVAL, reps,
					    19387, 0.95, work, &b),
		     SEMM_OK);
	expect_close(b.lo, -0.5);
	expect_close(b.hi, -0.5);
	cr_expect_eq(b.used, reps);
	cr_expect_eq(b.replications, reps);
	free(work);
}

Test(rater, bootstrap_is_reproducible_and_holds_the_estimate)
{
	size_t reps = 2000;
	double *work = malloc(semm_stats_kalpha_boot_work_size(12, 4, reps) *
			      sizeof(double));
	semm_kalpha_boot a, b, c;

	cr_assert_not_null(work);
	cr_assert_eq(semm_stats_kalpha_boot(kripp, 12, 4, SEMM_KALPHA_INTERVAL,
					    reps, 7, 0.95, work, &a),
		     SEMM_OK);
	cr_assert_eq(semm_stats_kalpha_boot(kripp, 12, 4, SEMM_KALPHA_INTERVAL,
					    reps, 7, 0.95, work, &b),
		     SEMM_OK);
	cr_assert_eq(semm_stats_kalpha_boot(kripp, 12, 4, SEMM_KALPHA_INTERVAL,
					    reps, 8, 0.95, work, &c),
		     SEMM_OK);
	cr_expect_eq(a.lo, b.lo);
	cr_expect_eq(a.hi, b.hi);
	cr_expect(a.lo != c.lo || a.hi != c.hi);
	cr_expect(a.lo < 951.0 / 1120.0 && 951.0 / 1120.0 < a.hi);
	cr_expect(a.hi <= 1.0);
	cr_expect_eq(a.seed, 7);
	free(work);
}

/*
 * The bootstrap against an independent Python implementation: GSL's
 * mt19937 written out from its definition (gsl_rng_set's seeding,
 * gsl_rng_get's tempering, gsl_rng_uniform_int's scaled draws with
 * rejection), the same resampling of units and alpha from the
 * coincidence matrix in exact fractions; R type 7 quantiles. Krippendorff's
 * data, 200 resamples, seed 7, 95 %: interval [0.4231522945032782,
 * 0.9840847837336881], ordinal [0.4543996313990226, 0.9818456800255709].
 */
Test(rater, bootstrap_matches_an_independent_implementation)
{
	size_t reps = 200;
	double *work = malloc(semm_stats_kalpha_boot_work_size(12, 4, reps) *
			      sizeof(double));
	semm_kalpha_boot b;

	cr_assert_not_null(work);
	cr_assert_eq(semm_stats_kalpha_boot(kripp, 12, 4, SEMM_KALPHA_INTERVAL,
					    reps, 7, 0.95, work, &b),
		     SEMM_OK);
	expect_close(b.lo, 0.4231522945032782);
	expect_close(b.hi, 0.9840847837336881);
	cr_expect_eq(b.used, reps);
	cr_assert_eq(semm_stats_kalpha_boot(kripp, 12, 4, SEMM_KALPHA_ORDINAL,
					    reps, 7, 0.95, work, &b),
		     SEMM_OK);
	expect_close(b.lo, 0.4543996313990226);
	expect_close(b.hi, 0.9818456800255709);
	free(work);
}

Test(rater, bootstrap_needs_two_units)
{
	const double x[] = { 1, 2 };
	double work[8];
	semm_kalpha_boot b;

	cr_assert_eq(semm_stats_kalpha_boot(x, 1, 2, SEMM_KALPHA_NOMINAL, 4, 1,
					    0.95, work, &b),
		     SEMM_OK);
	cr_expect(isnan(b.lo) && isnan(b.hi));
	cr_expect_not_null(b.reason);
	cr_expect_eq(semm_stats_kalpha_boot(x, 1, 2, SEMM_KALPHA_NOMINAL, 4, 1,
					    1.5, work, &b),
		     SEMM_EARG);
}

/*
 * Shrout, P. E. and Fleiss, J. L. (1979). Intraclass correlations: uses
 * in assessing rater reliability. Psychological Bulletin 86(2), 420-428,
 * Table 2: six targets x four judges. Published ICC(2,1) = .29,
 * ICC(2,4) = .62. Exact: BMS = 1349/120, JMS = 2339/72, EMS = 367/360,
 * ICC(2,1) = 184/635, ICC(2,4) = 736/1187. Intervals (McGraw and Wong's
 * df = 4.785143862212763; Python with mpmath): ICC(2,1) in
 * [0.018786513374711988, 0.76108436964895289], ICC(2,4) in
 * [0.071136815302503268, 0.92723204016772193] (R's psych::ICC prints
 * 0.019, 0.76 and 0.071, 0.93).
 */
Test(rater, icc2_shrout_fleiss_table_2)
{
	const double x[] = { 9, 2, 5, 8, 6,  1, 3, 2, 8, 4, 6, 8,
			     7, 1, 2, 6, 10, 5, 6, 9, 6, 2, 4, 7 };
	semm_icc2 r;

	cr_assert_eq(semm_stats_icc2(x, 6, 4, 0.95, &r), SEMM_OK);
	expect_close(r.bms, 1349.0 / 120.0);
	expect_close(r.jms, 2339.0 / 72.0);
	expect_close(r.ems, 367.0 / 360.0);
	expect_close(r.single, 184.0 / 635.0);
	expect_close(r.average, 736.0 / 1187.0);
	cr_expect_eq(round_to(r.single, 2), 0.29);
	cr_expect_eq(round_to(r.average, 2), 0.62);
	expect_close(r.df, 4.785143862212763);
	expect_close(r.single_ci[0], 0.018786513374711988);
	expect_close(r.single_ci[1], 0.76108436964895289);
	expect_close(r.average_ci[0], 0.071136815302503268);
	expect_close(r.average_ci[1], 0.92723204016772193);
	cr_expect_null(r.reason);
}

/*
 * Targets (1,2) (3,3) (5,6), two raters. Grand mean 10/3; row means
 * 1.5, 3, 5.5: SSR = 2 (121 + 4 + 169) / 36 = 49/3, BMS = 49/6; column
 * means 3, 11/3: SSC = 3 * 2/9 = 2/3 = JMS; SST = (49 + 16 + 1 + 1 + 25
 * + 64) / 9 = 52/3, SSE = 1/3, EMS = 1/6. ICC(2,1) = 8 / (49/6 + 1/6 +
 * 2 (1/2) / 3) = 12/13; ICC(2,2) = 8 / (49/6 + 1/6) = 24/25. Interval
 * (Python, mpmath): [0.081064677014675466, 0.99791084273103502].
 */
Test(rater, icc2_hand_worked)
{
	const double x[] = { 1, 2, 3, 3, 5, 6 };
	semm_icc2 r;

	cr_assert_eq(semm_stats_icc2(x, 3, 2, 0.95, &r), SEMM_OK);
	expect_close(r.bms, 49.0 / 6.0);
	expect_close(r.jms, 2.0 / 3.0);
	expect_close(r.ems, 1.0 / 6.0);
	expect_close(r.single, 12.0 / 13.0);
	expect_close(r.average, 24.0 / 25.0);
	expect_close(r.single_ci[0], 0.081064677014675466);
	expect_close(r.single_ci[1], 0.99791084273103502);
	expect_close(r.average_ci[0], 0.14997192811540731);
	expect_close(r.average_ci[1], 0.99895432908001580);
}

Test(rater, icc2_without_residual_or_variance)
{
	const double exact[] = { 1, 1, 2, 2, 3, 3 };
	const double flat[] = { 2, 2, 2, 2 };
	const double hole[] = { 1, M, 2, 2 };
	semm_icc2 r;

	/* raters agree exactly: ICC 1, no interval (EMS = 0) */
	cr_assert_eq(semm_stats_icc2(exact, 3, 2, 0.95, &r), SEMM_OK);
	expect_close(r.single, 1.0);
	cr_expect(isnan(r.single_ci[0]));
	cr_expect_not_null(r.reason);
	cr_assert_eq(semm_stats_icc2(flat, 2, 2, 0.95, &r), SEMM_OK);
	cr_expect(isnan(r.single));
	cr_expect_eq(semm_stats_icc2(hole, 2, 2, 0.95, &r), SEMM_EARG);
	cr_assert_eq(semm_stats_icc2(flat, 1, 4, 0.95, &r), SEMM_OK);
	cr_expect(isnan(r.single));
}
