/*
 * test_score.c - scoring pinned to the hand-worked example in
 * tests/data/handworked (EXPECTED.md there shows every step of the
 * arithmetic, done by hand in exact fractions). Each expected value below
 * is one of those fractions, written as a fraction so it can be checked
 * against the document.
 */
#include "test_helpers.h"

static semm_model *model;
static semm_questionnaire *quest;
static semm_responses *resp;
static semm_result *res;

static void load(const semm_score_options *opts)
{
	semm_error err;

	semm_error_clear(&err);
	load_handworked(&model, &quest, &resp);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, opts, &err), 0,
		     "%s", err.message);
}

static void unload(void)
{
	free_loaded(&res, &resp, &quest, &model);
}

static void setup(void)
{
	load(NULL);
}

TestSuite(score, .init = setup, .fini = unload);

/* Respondent order in the file: A-1, B-1, A-2, A-3, B-2. */
Test(score, respondent_element_scores_match_hand_computation)
{
	/* E1 = 4, E2 = 17/4, E3 = 7/2 */
	expect_close(semm_result_respondent_element(res, 0, 0), 4.0);
	expect_close(semm_result_respondent_element(res, 0, 1), 17.0 / 4);
	expect_close(semm_result_respondent_element(res, 0, 2), 7.0 / 2);
	/* B-1: E2 renormalised over B1 and B3 (B2 is "DK"): 1 + 4/12 */
	expect_close(semm_result_respondent_element(res, 1, 1), 4.0 / 3);
	/* E3 uses the label "often" = 4: (3/4 + 1/2)/2 -> 7/2 */
	expect_close(semm_result_respondent_element(res, 2, 2), 7.0 / 2);
	/* both E1 items missing, 0/2 < 0.5 -> insufficient data */
	cr_expect(isnan(semm_result_respondent_element(res, 3, 0)));
	/* B-2: E1 = 3 (A2 = 3 reversed is 3) */
	expect_close(semm_result_respondent_element(res, 4, 0), 3.0);
}

/* Respondent i's dimension scores and overall (unit interval), scored
 * again from the store. */
static double rollup(size_t i, int dim)
{
	double elem[SEMM_MAX_MODEL_UNITS], d[SEMM_MAX_MODEL_UNITS], o;
	uint8_t codes[64];

	semm__responses_unpack(res->r, i, codes);
	semm__score_row(res, codes, elem, d, &o);
	return dim < 0 ? o : d[dim];
}

Test(score, respondent_rollups_match_hand_computation)
{
	double span = 4, lo = 1;

	/* D1 = 25/6, overall = 11/3 */
	expect_close(lo + span * rollup(0, 0), 25.0 / 6);
	expect_close(lo + span * rollup(0, -1), 11.0 / 3);
	/* B-1: D1 = 25/18, overall = 53/36 */
	expect_close(lo + span * rollup(1, 0), 25.0 / 18);
	expect_close(lo + span * rollup(1, -1), 53.0 / 36);
	/* overall = 79/24 */
	expect_close(lo + span * rollup(2, -1), 79.0 / 24);
	/* D1 = E2 alone = 17/4 (1 of 2 elements >= 0.5), overall 41/16 */
	expect_close(lo + span * rollup(3, 0), 17.0 / 4);
	expect_close(lo + span * rollup(3, -1), 41.0 / 16);
	/* B-2: overall = 5/2 */
	expect_close(lo + span * rollup(4, -1), 5.0 / 2);
}

Test(score, groups_are_sorted_and_counted)
{
	cr_assert_eq(semm_result_group_count(res), 2);
	cr_expect_str_eq(semm_result_group_id(res, 0), "Alpha");
	cr_expect_str_eq(semm_result_group_id(res, 1), "Beta");
	cr_expect_eq(res->groups[0].n, 3);
	cr_expect_eq(res->groups[1].n, 2);
	cr_expect_eq(semm_result_read_count(res), 5);
	cr_expect_eq(semm_result_scored_count(res), 5);
	cr_expect_eq(semm_result_rejected_count(res), 0);
}

Test(score, alpha_group_statistics_match_hand_computation)
{
	const semm__group *a = &res->groups[0];

	/* E1: values 4 and 5/2; A-3 missing */
	cr_expect_eq(a->elems[0].d.n, 2);
	cr_expect_eq(a->elems[0].missing, 1);
	expect_close(a->elems[0].d.mean, 13.0 / 4);
	expect_close(a->elems[0].d.sd, 0.75 * sqrt(2.0));
	expect_close(a->elems[0].percent, 225.0 / 4);
	/* E2: 17/4, 11/4, 17/4: mean 15/4, variance 3/4, median 17/4 */
	expect_close(a->elems[1].d.mean, 15.0 / 4);
	expect_close(a->elems[1].d.sd, sqrt(3.0) / 2);
	expect_close(a->elems[1].d.median, 17.0 / 4);
	expect_close(a->elems[1].percent, 275.0 / 4);
	/* D1: 25/6, 8/3, 17/4: mean 133/36, variance 1029/1296 */
	expect_close(a->dims[0].d.mean, 133.0 / 36);
	expect_close(a->dims[0].d.sd, sqrt(1029.0) / 36);
	expect_close(a->dims[0].d.median, 25.0 / 6);
	expect_close(a->dims[0].d.min, 8.0 / 3);
	expect_close(a->dims[0].d.max, 17.0 / 4);
	/* overall: 11/3, 79/24, 41/16: mean 457/144, variance 6537/20736 */
	expect_close(a->overall.d.mean, 457.0 / 144);
	expect_close(a->overall.d.sd, sqrt(6537.0) / 144);
	expect_close(a->overall.d.median, 79.0 / 24);
	expect_close(a->overall.percent, 31300.0 / 576);
}

Test(score, beta_group_statistics_match_hand_computation)
{
	const semm__group *b = &res->groups[1];

	/* E2: 4/3, 9/4: mean 43/24, sd 11*sqrt(2)/24, percent 1900/96 */
	expect_close(b->elems[1].d.mean, 43.0 / 24);
	expect_close(b->elems[1].d.sd, 11.0 * sqrt(2.0) / 24);
	expect_close(b->elems[1].percent, 1900.0 / 96);
	/* overall: 53/36, 5/2: mean 143/72, sd 37*sqrt(2)/72 */
	expect_close(b->overall.d.mean, 143.0 / 72);
	expect_close(b->overall.d.sd, 37.0 * sqrt(2.0) / 72);
	expect_close(b->overall.percent, 7100.0 / 288);
}

Test(score, levels_staged_level_and_limiting_elements)
{
	const semm__group *a = &res->groups[0], *b = &res->groups[1];
	double pct;
	int level, staged;

	/* Alpha: E1 56.25 -> L3, E2 68.75 -> L4, E3 50 -> L3 (bands of 20) */
	cr_expect_eq(model->bands[a->elems[0].level].level, 3);
	cr_expect_eq(model->bands[a->elems[1].level].level, 4);
	cr_expect_eq(model->bands[a->elems[2].level].level, 3);
	semm_result_group_overall(res, 0, &pct, &level, &staged);
	cr_expect_eq(level, 3); /* 54.34 % */
	cr_expect_eq(staged, 3);
	/* Beta: E2 at 19.79 % is L1, the weakest link; profile L2 */
	cr_expect_eq(model->bands[b->elems[1].level].level, 1);
	semm_result_group_overall(res, 1, &pct, &level, &staged);
	cr_expect_eq(level, 2);
	cr_expect_eq(staged, 1);
}

Test(score, item_counts_and_reverse_coding)
{
	const semm__group *a = &res->groups[0];
	const size_t *c;

	/* A2 (reverse) in Alpha: raw 2, 4, blank -> x' 4, 2 -> mean 3 */
	expect_close(a->items[1].d.mean, 3.0);
	cr_expect_eq(a->items[1].d.n, 2);
	c = a->counts + 1 * res->n_counts;
	cr_expect_eq(c[1], 1);		       /* one raw 2 */
	cr_expect_eq(c[3], 1);		       /* one raw 4 */
	cr_expect_eq(c[res->n_counts - 1], 1); /* one blank */
	/* A1 in Alpha: 4, 3, N/A -> one N/A counted */
	c = a->counts + 0 * res->n_counts;
	cr_expect_eq(c[res->n_counts - 3], 1);
}

Test(score, zero_policy_counts_na_as_scale_minimum, .init = NULL)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;

	unload(); /* the suite's set-up has run: start afresh */
	o.na_policy = SEMM_NA_ZERO;
	load(&o);
	/* A-3 E1: A1 N/A -> u 0; A2 blank stays missing; 1 of 2 items
	 * answered (1/2 >= 0.5) -> E1 = 0 -> score 1 */
	expect_close(semm_result_respondent_element(res, 3, 0), 1.0);
	/* B-1 E2: DK -> u 0 with weight 1: (1/4 + 0 + 2*0)/4 = 1/16 */
	expect_close(semm_result_respondent_element(res, 1, 1), 1.0 + 4.0 / 16);
}

Test(score, anchor_policy_counts_na_at_the_anchor, .init = NULL)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;

	unload(); /* the suite's set-up has run: start afresh */
	o.na_policy = SEMM_NA_ANCHOR;
	o.na_anchor_percent = 50;
	load(&o);
	/* A-3 E1: A1 N/A -> u 1/2, A2 blank: E1 = 1/2 -> score 3 */
	expect_close(semm_result_respondent_element(res, 3, 0), 3.0);
	/* B-1 E2: DK -> 1/2: (1/4 + 1/2 + 0)/4 = 3/16 -> 1 + 12/16 */
	expect_close(semm_result_respondent_element(res, 1, 1), 1.75);
}

Test(score, coverage_minimum_of_one_needs_every_item, .init = NULL)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;

	unload(); /* the suite's set-up has run: start afresh */
	o.coverage_min = 1;
	load(&o);
	/* B-1 misses B2, so E2 has 2 of 3 items: insufficient at 100 % */
	cr_expect(isnan(semm_result_respondent_element(res, 1, 1)));
	expect_close(semm_result_respondent_element(res, 0, 1), 17.0 / 4);
}

Test(score, grouping_by_an_unknown_column_is_an_argument_error, .init = NULL)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	semm_error err;

	unload(); /* the suite's set-up has run: start afresh */
	semm_error_clear(&err);
	o.group_by = "region";
	load_handworked(&model, &quest, &resp);
	cr_expect_eq(semm_score_run(&res, model, quest, resp, &o, &err),
		     SEMM_EARG);
	cr_expect_null(res);
	cr_expect_str_eq(err.message, "group_by = \"region\": questionnaire "
				      "\"mini-q\" has no such metadata column "
				      "(it has: org)");
}
