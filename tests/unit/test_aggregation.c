/*
 * test_aggregation.c - the aggregation statistics of src/score/
 * aggregation.c on the hand-worked example (tests/data/handworked): each
 * group's r*wg(j), AD_M(j), AD_Md(j), a_wg(j) and rwg(j) under other
 * nulls, the overall's agreement, the ICC intervals, resampling and the
 * verdicts, and the options that choose them. Expected values are worked
 * by hand below from the answers in responses.csv (after reverse coding,
 * N/A, don't know and blank missing):
 *
 *   Alpha  A-1: A1 4  A2 4  B1 5  B2 4  B3 4  C1 3  C2 4
 *          A1 3  A2 2  B1 3  B2 2  B3 3  C1 4  C2 3
 *          A1 -  A2 -  B1 4  B2 3  B3 5  C1 2  C2 2
 *   Beta   B-1: A1 2  A2 1  B1 2  B2 -  B3 1  C1 1  C2 2
 *          B-2: A1 3  A2 3  B1 3  B2 2  B3 2  C1 3  C2 2
 *
 * Per item on 1..5: AD = sum |x - centre| / n, a_wg = 1 - 2 s^2 /
 * ((M - 1)(5 - M) n / (n - 1)), the bracket written as (M - L)(H - M).
 */
#include "test_helpers.h"

static semm_model *model;
static semm_questionnaire *quest;
static semm_responses *resp;
static semm_result *res;

static void score(const semm_score_options *o)
{
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, o, &err), 0, "%s",
		     err.message);
}

static void setup(void)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;

	load_handworked(&model, &quest, &resp);
	score(&o);
}

static void teardown(void)
{
	free_loaded(&res, &resp, &quest, &model);
}

TestSuite(aggregation, .init = setup, .fini = teardown);

/* Elements E1..E3, dimensions D1, D2, then the overall. */
#define UNIT_E1 0
#define UNIT_E2 1
#define UNIT_E3 2
#define UNIT_OVERALL 5

/*
 * Alpha, E2 (B1, B2, B3), all three answered by all three:
 *   B1 5 3 4: M 4, AD_M (1 + 1 + 0)/3 = 2/3, median 4, AD_Md 2/3,
 *      s^2 1, bracket 3 * 1 = 3, * 3/2 = 4.5, a = 1 - 2/4.5 = 5/9;
 *   B2 4 2 3: M 3, AD 2/3, s^2 1, bracket 2 * 2 * 3/2 = 6, a = 2/3;
 *   B3 4 3 5: M 4, AD 2/3, s^2 1, a = 5/9.
 *   AD_M(j) = AD_Md(j) = 2/3; a_wg(j) = (5/9 + 6/9 + 5/9) / 3 = 16/27.
 *   Mean variance 1: r*wg(j) = 1 - 1/2 = 1/2; rwg(j) (J = 3, ratio 1/2)
 *   = 1.5 / (1.5 + .5) = 3/4. Cut-off 5/6: both AD within it.
 */
Test(aggregation, alpha_e2_indices_match_hand_computation)
{
	const semm__agree *a = &res->groups[0].agr_elems[1];

	cr_expect_eq(a->ad_items, 3);
	cr_expect_eq(a->awg_items, 3);
	expect_close(a->ad_m, 2.0 / 3);
	expect_close(a->ad_md, 2.0 / 3);
	expect_close(a->awg, 16.0 / 27);
	expect_close(a->rstar, 0.5);
	expect_close(a->r.rwg_j, 0.75);
	cr_expect_null(a->more_reason);
	cr_expect_null(a->awg_reason);
	expect_close(semm__ad_cutoff(a), 5.0 / 6);
}

/*
 * Beta, E2: B2 has one answer (B-1 said don't know) and is left out.
 *   B1 2 3: M 2.5, AD_M = AD_Md = 1/2, s^2 1/2, bracket 1.5 * 2.5 * 2 =
 *      7.5, a = 1 - 1/7.5 = 13/15;
 *   B3 1 2: M 1.5, AD 1/2, s^2 1/2, bracket .5 * 3.5 * 2 = 3.5,
 *      a = 1 - 1/3.5 = 5/7.
 *   AD_M(j) = AD_Md(j) = 1/2 over 2 items; a_wg(j) = (13/15 + 5/7) / 2
 *   = 83/105; mean variance 1/2, r*wg(j) = 3/4, rwg(j) = 1.5 / 1.75 = 6/7.
 */
Test(aggregation, an_item_with_one_answer_is_left_out)
{
	const semm__agree *a = &res->groups[1].agr_elems[1];

	cr_expect_eq(a->ad_items, 2);
	cr_expect_eq(a->r.j, 2);
	expect_close(a->ad_m, 0.5);
	expect_close(a->ad_md, 0.5);
	expect_close(a->awg, 83.0 / 105);
	expect_close(a->rstar, 0.75);
	expect_close(a->r.rwg_j, 6.0 / 7);
}

/*
 * Beta's overall: every item but B2 (one answer), J = 6:
 *   A1 2 3 (s^2 .5, AD .5, a 13/15), A2 1 3 (s^2 2, AD 1, bracket 1 * 3
 *   * 2 = 6, a = 1 - 4/6 = 1/3), B1 2 3 (.5, .5, 13/15), B3 1 2 (.5, .5,
 *   5/7), C1 1 3 (2, 1, 1/3), C2 2 2 (0, 0, 1).
 *   Mean variance 5.5 / 6 = 11/12; rwg(j): ratio 11/24, J (1 - ratio) =
 *   6 * 13/24 = 13/4, rwg = (13/4) / (13/4 + 11/24) = 78/89.
 *   r*wg(j) = 1 - 11/24 = 13/24; AD_M(j) = 3.5 / 6 = 7/12 (each item's
 *   median is its mean here, so AD_Md(j) too); a_wg(j) = (26/15 + 2/3 +
 *   5/7 + 1) / 6 = (182 + 70 + 75 + 105) / 630 = 432/630 = 24/35.
 */
Test(aggregation, the_overall_takes_every_item)
{
	const semm__agree *a = &res->groups[1].agr_overall;

	cr_expect_eq(a->options, 5);
	cr_expect_eq(a->r.j, 6);
	expect_close(a->r.mean_var, 11.0 / 12);
	expect_close(a->r.rwg_j, 78.0 / 89);
	expect_close(a->rstar, 13.0 / 24);
	expect_close(a->ad_m, 7.0 / 12);
	expect_close(a->ad_md, 7.0 / 12);
	expect_close(a->awg, 24.0 / 35);
}

/*
 * Under the slightly skewed null, sigma2_E = 1.34 for 5 options. Alpha
 * E2: ratio 1/1.34 = 50/67, J (1 - ratio) = 3 * 17/67 = 51/67, rwg(j) =
 * (51/67) / (51/67 + 50/67) = 51/101; r*wg(j) = 17/67.
 */
Test(aggregation, the_slightly_skewed_null_changes_rwg)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	const semm__agree *a;

	semm_result_free(res);
	o.rwg_null = SEMM_RWG_NULL_SLIGHT_SKEW;
	score(&o);
	a = &res->groups[0].agr_elems[1];
	expect_close(a->r.sigma2_eu, 1.34);
	expect_close(a->r.rwg_j, 51.0 / 101);
	expect_close(a->rstar, 17.0 / 67);
}

/*
 * A given variance below the group's: 0.5 against Alpha E2's mean item
 * variance 1. rwg(j) truncates the variance at the null's, giving 0;
 * r*wg(j) = 1 - 1/0.5 = -1 and stays negative.
 */
Test(aggregation, a_given_null_variance_can_make_rstar_negative)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	const semm__agree *a;

	semm_result_free(res);
	o.rwg_null = SEMM_RWG_NULL_VALUE;
	o.rwg_null_variance = 0.5;
	score(&o);
	a = &res->groups[0].agr_elems[1];
	cr_expect_eq(a->r.rwg_j, 0.0);
	expect_close(a->rstar, -1.0);
}

/*
 * The overall across the two groups (test_reliability.c): MSB 1.6921875,
 * MSW 24026 / 20736 / 3, F = MSB / MSW on 1 and 3 degrees of freedom,
 * k = 5/2. F(.975; 1, 3) = 17.443 and F(.975; 3, 1) = 864.16 (printed F
 * tables; 17.443443320725116 and 864.1629721635263 from
 * tools/check_report.py's own quantiles):
 *   F_L = F / 17.4434, F_U = F * 864.163;
 *   ICC(1) in [(F_L - 1) / (F_L + 1.5), (F_U - 1) / (F_U + 1.5)],
 *   ICC(2) in [1 - 1/F_L, 1 - 1/F_U].
 */
Test(aggregation, icc_intervals_match_hand_computation)
{
	const semm__aggr *a = &res->aggr[UNIT_OVERALL];
	double msb = 1.6921875, msw = 24026.0 / 20736 / 3, f = msb / msw;
	double f_lo = f / 17.443443320725116, f_hi = f * 864.1629721635263;

	cr_expect(fabs(17.443443320725116 - 17.443) < 0.0005);
	expect_close(a->icc1_ci[0], (f_lo - 1) / (f_lo + 1.5));
	expect_close(a->icc1_ci[1], (f_hi - 1) / (f_hi + 1.5));
	expect_close(a->icc2_ci[0], 1 - 1 / f_lo);
	expect_close(a->icc2_ci[1], 1 - 1 / f_hi);
	/* the point values are those of before, inside their intervals */
	cr_expect(a->icc1_ci[0] < res->icc_overall.icc1 &&
		  res->icc_overall.icc1 < a->icc1_ci[1]);
}

/*
 * Resampling of the overall scores (EXPECTED.md): Alpha 11/3, 79/24,
 * 41/16 with variance 6537/20736, Beta 53/36, 5/2 with variance
 * 2738/5184; observed = (6537/20736 + 2738/5184) / 2 = 17489/41472.
 * Over every regrouping, a pseudo-group's expected variance is the
 * variance of all five scores: SST / 4 = (SSB + SSW) / 4 = (1.6921875 +
 * 24026/20736) / 4 = 0.712712...; 1000 regroupings come within a few
 * hundredths of it. 5 respondents: 1000 replications fit in the draws.
 */
Test(aggregation, resampling_matches_hand_computation)
{
	const semm_rgr *r = &res->aggr[UNIT_OVERALL].rgr;
	double total = (1.6921875 + 24026.0 / 20736) / 4;

	cr_expect_null(r->reason);
	cr_expect_eq(r->groups, 2);
	cr_expect_eq(r->n, 5);
	cr_expect_eq(r->replications, 1000);
	expect_close(r->observed, 17489.0 / 41472);
	cr_expect(fabs(r->pseudo_mean - total) < 0.05, "%g against %g",
		  r->pseudo_mean, total);
	expect_close(r->z, (r->observed - r->pseudo_mean) /
				   (r->pseudo_sd / sqrt(2.0)));
}

/*
 * The verdicts (rwg_threshold 0.70, icc1_min 0, rgr_alpha 0.05):
 *   E1: rwg(j) 6/11 in both groups (mean variance 1.25 over 2 items):
 *       below 0.70, do-not-aggregate;
 *   E2: rwg(j) 3/4 (Alpha) and 6/7 (Beta), mean 0.80; ICC(1)'s lower
 *       bound is below 0 with two groups: aggregate-with-caution.
 */
Test(aggregation, verdicts_follow_the_tests)
{
	const semm__aggr *e1 = &res->aggr[UNIT_E1], *e2 = &res->aggr[UNIT_E2];

	expect_close(e1->rwg_mean, 6.0 / 11);
	cr_expect_eq(e1->agreement, 0);
	cr_expect_str_eq(e1->verdict, "do-not-aggregate");
	expect_close(e2->rwg_mean, (0.75 + 6.0 / 7) / 2);
	cr_expect_eq(e2->rwg_groups, 2);
	cr_expect_eq(e2->agreement, 1);
	cr_expect_eq(e2->differ, 0);
	cr_expect_str_eq(e2->verdict, "aggregate-with-caution");
	cr_expect_not_null(e2->verdict_reason);
}

/* With icc1_min -1 and rgr_alpha 0.99 every test of E3's is met; E3's
 * agreement is 2/3 in both groups, under 0.70, so the threshold is
 * lowered to 0.5 as well. */
Test(aggregation, thresholds_are_options)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	const semm__aggr *a;

	semm_result_free(res);
	o.icc1_min = -1;
	o.rgr_alpha = 0.99;
	o.rwg_threshold = 0.5;
	score(&o);
	a = &res->aggr[UNIT_E3];
	expect_close(a->rwg_mean, 2.0 / 3);
	cr_expect_eq(a->differ, 1);
	cr_expect_eq(a->beyond_chance, 1);
	cr_expect_str_eq(a->verdict, "aggregate");
	cr_expect_null(a->verdict_reason);
}

Test(aggregation, resampling_can_be_switched_off_or_bounded)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;

	semm_result_free(res);
	o.rgr_replications = 0;
	score(&o);
	cr_expect_not_null(res->aggr[UNIT_OVERALL].rgr.reason);
	cr_expect(isnan(res->aggr[UNIT_OVERALL].rgr.p));
	/* no test of chance: E2's verdict cannot be made but for caution */
	cr_expect_eq(res->aggr[UNIT_E2].beyond_chance, -1);
	semm_result_free(res);
	o.rgr_replications = 1000;
	o.rgr_max_draws = 49; /* 5 respondents x 10 replications = 50 */
	score(&o);
	cr_expect_not_null(res->aggr[UNIT_OVERALL].rgr.reason);
	semm_result_free(res);
	o.rgr_max_draws = 60; /* 60 / 5 = 12 replications */
	score(&o);
	cr_expect_eq(res->aggr[UNIT_OVERALL].rgr.replications, 12);
}

Test(aggregation, seeds_change_the_draws_not_the_observed)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	semm_rgr before = res->aggr[UNIT_OVERALL].rgr;

	semm_result_free(res);
	o.rgr_seed = 12345;
	score(&o);
	cr_expect(res->aggr[UNIT_OVERALL].rgr.observed == before.observed);
	cr_expect(res->aggr[UNIT_OVERALL].rgr.pseudo_mean !=
		  before.pseudo_mean);
}

/* Options of version 1 (before the aggregation statistics) take the
 * defaults for everything after `summary`. */
Test(aggregation, version_one_options_take_the_defaults)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	semm_rgr before = res->aggr[UNIT_OVERALL].rgr;

	semm_result_free(res);
	o.version = 1;
	o.rwg_null = (semm_rwg_null)77; /* not read */
	o.rgr_replications = 3;
	score(&o);
	cr_expect_eq(res->rwg_null, SEMM_RWG_NULL_UNIFORM);
	cr_expect_eq(res->aggr[UNIT_OVERALL].rgr.replications, 1000);
	cr_expect(res->aggr[UNIT_OVERALL].rgr.pseudo_mean ==
		  before.pseudo_mean);
}

static void refused(const semm_score_options *o, const char *words)
{
	semm_error err;

	semm_error_clear(&err);
	cr_expect_eq(semm_score_check_options(model, quest, o, &err),
		     SEMM_EARG);
	cr_expect(strstr(err.message, words) != NULL, "%s", err.message);
}

Test(aggregation, wrong_options_are_refused)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;

	o.rwg_null = SEMM_RWG_NULL_VALUE;
	o.rwg_null_variance = 0;
	refused(&o, "above 0");
	o.rwg_null = (semm_rwg_null)9;
	refused(&o, "null distribution");
	o.rwg_null = SEMM_RWG_NULL_UNIFORM;
	o.rgr_alpha = 1;
	refused(&o, "rgr_alpha");
	o.rgr_alpha = 0.05;
	o.icc1_min = 1;
	refused(&o, "icc1_min");
	o.icc1_min = 0;
	o.version = SEMM_SCORE_OPTIONS_VERSION + 1;
	refused(&o, "version");
}

/* A 4-point scale has no tabled skewed variance: refused, naming the
 * item, unless the variance is given. */
Test(aggregation, a_tabled_null_needs_a_five_or_seven_point_scale, .init = NULL,
     .fini = NULL)
{
	static const char q4[] =
		"{\"format\": \"semm-questionnaire/1\", \"id\": \"q4\", "
		"\"version\": \"1\", \"title\": \"four points\", "
		"\"model\": {\"id\": \"mini\", \"version\": \"1\"}, "
		"\"metadata\": {\"respondent\": {\"column\": \"id\"}}, "
		"\"scales\": [{\"id\": \"s4\", \"min\": 1, \"max\": 4}], "
		"\"items\": ["
		"{\"id\": \"A1\", \"element\": \"E1\", \"scale\": \"s4\"},"
		"{\"id\": \"B1\", \"element\": \"E2\", \"scale\": \"s4\"},"
		"{\"id\": \"C1\", \"element\": \"E3\", \"scale\": \"s4\"}]}";
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	semm_questionnaire *q;
	semm_model *m;
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(
		semm_model_from_file(
			&m, DATA("tests/data/handworked/model.json"), &err),
		0, "%s", err.message);
	cr_assert_eq(
		semm_questionnaire_from_buffer(&q, q4, strlen(q4), "q4", &err),
		0, "%s", err.message);
	cr_assert_eq(semm_questionnaire_bind(q, m, &err), 0, "%s", err.message);
	o.rwg_null = SEMM_RWG_NULL_TRIANGULAR;
	cr_expect_eq(semm_score_check_options(m, q, &o, &err), SEMM_EARG);
	cr_expect(strstr(err.message, "item A1 has 4 answer options") != NULL,
		  "%s", err.message);
	o.rwg_null = SEMM_RWG_NULL_VALUE;
	o.rwg_null_variance = 1.0;
	cr_expect_eq(semm_score_check_options(m, q, &o, &err), SEMM_OK);
	semm_questionnaire_free(q);
	semm_model_free(m);
}
