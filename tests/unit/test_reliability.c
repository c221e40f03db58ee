/*
 * test_reliability.c - reliability, agreement and across-group statistics
 * applied to the hand-worked example (tests/data/handworked). Each
 * expected value is derived by hand below from the answers in
 * responses.csv (EXPECTED.md lists them) and the formulas of the domain
 * notes.
 */
#include "test_helpers.h"

static semm_model *model;
static semm_questionnaire *quest;
static semm_responses *resp;
static semm_result *res;

static void load(size_t min_n)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	semm_error err;

	semm_error_clear(&err);
	o.reliability_min_n = min_n;
	load_handworked(&model, &quest, &resp);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, &o, &err), 0,
		     "%s", err.message);
}

static void unload(void)
{
	semm_result_free(res);
	semm_responses_free(resp);
	semm_questionnaire_free(quest);
	semm_model_free(model);
}

static void setup(void)
{
	load(2);
}

TestSuite(reliability, .init = setup, .fini = unload);

/*
 * Pooled E2 (items B1, B2, B3), listwise: B-1 misses B2 ("DK"), so the
 * complete cases are A-1 (5,4,4), A-2 (3,2,3), A-3 (4,3,5), B-2 (3,2,2).
 *   B1: 5,3,4,3  mean 3.75  squares 1.5625+.5625+.0625+.5625 = 2.75  var 2.75/3
 *   B2: 4,2,3,2  mean 2.75  the same deviations                    var 2.75/3
 *   B3: 4,3,5,2  mean 3.5   squares .25+.25+2.25+2.25 = 5          var 5/3
 *   sums 13,7... per row: 13, 8, 12, 7  mean 10  squares 9+4+4+9 = 26  var 26/3
 *   alpha = 3/2 * (1 - (2.75+2.75+5)/26) = 3/2 * 15.5/26 = 93/104
 */
Test(reliability, pooled_alpha_matches_hand_computation)
{
	const semm__rel *e2 = &res->rel_elems[1];

	cr_expect_eq(e2->k, 3);
	cr_expect_eq(e2->a.n, 4);
	expect_close(e2->a.alpha, 93.0 / 104);
	cr_expect_null(e2->a.reason);
	/*
	 * Alpha if B3 is deleted: B1 and B2 have the same deviations
	 * (1.25, -.75, .25, -.75), so their sum has variance 4 * 2.75/3 and
	 * alpha = 2 * (1 - (2 * 2.75/3) / (4 * 2.75/3)) = 1.
	 */
	expect_close(e2->alpha_if_deleted[2], 1.0);
}

/*
 * Within Beta, E3 (items C1, C2): B-1 answered (1, 2), B-2 (3, 2).
 *   var C1 = ((1-2)^2 + (3-2)^2) / 1 = 2; var C2 = 0; mean variance 1.
 *   A = 5 options: null variance (25 - 1)/12 = 2; ratio 1/2; J = 2
 *   rwg(j) = 2 (1 - 1/2) / (2 (1 - 1/2) + 1/2) = 1 / 1.5 = 2/3
 */
Test(reliability, group_rwg_matches_hand_computation)
{
	const semm__agree *a = &res->groups[1].agr_elems[2];

	cr_expect_eq(a->options, 5);
	cr_expect_eq(a->r.n, 2);
	expect_close(a->r.mean_var, 1.0);
	expect_close(a->r.sigma2_eu, 2.0);
	expect_close(a->r.rwg_j, 2.0 / 3);
}

/*
 * Overall scores across the two groups (EXPECTED.md, section 2):
 *   Alpha 11/3, 79/24, 41/16: mean 457/144 = 2285/720
 *   Beta 53/36, 5/2: mean 143/72 = 1430/720
 *   grand mean (3 * 2285 + 2 * 1430) / 3600 = 1943/720
 *   SSB = 3 (342/720)^2 + 2 (513/720)^2 = 3 * .225625 + 2 * .50765625
 *       = 1.6921875; MSB = SSB / (2 - 1)
 *   SSW = 2 * 6537/20736 + 1 * 2738/5184 = 24026/20736; MSW = SSW / 3
 *   k = 5/2; ICC(1) = (MSB - MSW) / (MSB + 1.5 MSW); ICC(2) = 1 - MSW/MSB
 */
Test(reliability, icc_across_groups_matches_hand_computation)
{
	const semm_icc *icc = &res->icc_overall;
	double msb = 1.6921875, msw = 24026.0 / 20736 / 3;

	cr_expect_eq(icc->n, 5);
	cr_expect_eq(icc->groups, 2);
	expect_close(icc->k_bar, 2.5);
	expect_close(icc->msb, msb);
	expect_close(icc->msw, msw);
	expect_close(icc->f, msb / msw);
	expect_close(icc->icc1, (msb - msw) / (msb + 1.5 * msw));
	expect_close(icc->icc2, (msb - msw) / msb);
	cr_expect(icc->p > 0 && icc->p < 1);
}

Test(reliability, too_few_complete_cases_give_a_reason_not_a_number,
     .init = NULL)
{
	unload(); /* the suite's set-up has run: start afresh */
	load(10);
	/* 4 complete cases < 10 */
	cr_expect(isnan(res->rel_elems[1].a.alpha));
	cr_expect_eq(res->rel_elems[1].a.n, 4);
	cr_expect_str_eq(res->rel_elems[1].a.reason,
			 "fewer complete cases than the reliability minimum");
	cr_expect(isnan(res->rel_elems[1].r_drop[0]));
}

/* One group: ICC needs two groups, so it is undefined with a reason. */
Test(reliability, icc_with_one_group_is_undefined, .init = NULL)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	semm_error err;

	unload(); /* the suite's set-up has run: start afresh */
	load(2);
	/* Re-score a file with one respondent in one organization. */
	semm_result_free(res);
	semm_responses_free(resp);
	cr_assert_eq(semm_responses_new(&resp, quest, NULL), 0);
	semm_error_clear(&err);
	cr_assert_eq(semm_responses_read_csv_buffer(
			     resp,
			     "id,org,A1,A2,B1,B2,B3,C1,C2\n"
			     "x1,Solo,4,2,5,4,4,3,4\n",
			     strlen("id,org,A1,A2,B1,B2,B3,C1,C2\n"
				    "x1,Solo,4,2,5,4,4,3,4\n"),
			     "solo.csv", &err),
		     0);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, &o, &err), 0);
	cr_expect(isnan(res->icc_overall.icc1));
	cr_expect_not_null(res->icc_overall.reason);
	/* a group of one: sd and rwg(j) do not exist */
	cr_expect(isnan(res->groups[0].overall.d.sd));
	cr_expect(isnan(res->groups[0].agr_elems[0].r.rwg_j));
	cr_expect_not_null(res->groups[0].agr_elems[0].r.reason);
}
