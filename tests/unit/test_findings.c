/*
 * test_findings.c - the findings a result computes once for every writer,
 * checked on the hand-worked example (tests/data/handworked): two groups
 * of three respondents, elements E1..E3, dimensions D1 (E1, E2) and D2
 * (E3). Figures from tests/data/handworked/EXPECTED and scores.csv:
 *   Alpha: E1 3.25 (56.25 %), E2 3.75 (68.75 %), E3 3.00 (50 %);
 *          one respondent below E1's coverage minimum (2 of 3 scored);
 *   Beta:  E1 2.25 (31.25 %), E2 1.7916... (19.79 %), E3 2.00 (25 %).
 * Agreement, rwg(j) = J(1 - v/2) / (J(1 - v/2) + v/2) with v the mean
 * item variance and 2 = (5^2 - 1)/12 (J = 2 items per element):
 *   E1: A1 (4, 3 | 2, 3) var 0.5, A2 reversed (4, 2 | 1, 3) var 2:
 *       v = 1.25, rwg(j) = 0.75 / 1.375 = 0.545 in both groups;
 *   E3: Alpha C1 (3, 4, 2) var 1, C2 (4, 3, 2) var 1; Beta C1 (1, 3)
 *       var 2, C2 (2, 2) var 0: v = 1, rwg(j) = 1 / 1.5 = 0.667 in
 *       both; D2 has E3's items only: 0.667.
 * So E1, E3 and D2 fall below 0.70 in each group; E2 and D1 do not.
 * Three respondents per group are fewer complete cases than the default
 * reliability minimum (10): no alpha for any unit of either group.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <unistd.h>

#include "test_helpers.h"

static semm_model *model;
static semm_questionnaire *quest;
static semm_responses *resp;
static semm_result *res;

static void setup(void)
{
	load_handworked(&model, &quest, &resp);
}

static void teardown(void)
{
	semm_result_free(res);
	semm_responses_free(resp);
	semm_questionnaire_free(quest);
	semm_model_free(model);
}

TestSuite(findings, .init = setup, .fini = teardown);

static void score(const semm_score_options *o)
{
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, o, &err), 0, "%s",
		     err.message);
}

/* The findings of kind in group g, in order, into out (at most max). */
static size_t pick(long g, semm_finding_kind kind, const semm_finding **out,
		   size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < semm_result_finding_count(res); i++) {
		const semm_finding *f = semm_result_finding(res, i);

		if (f->group == g && f->kind == kind && n < max)
			out[n++] = f;
	}
	return n;
}

static const char *elem(const semm_finding *f)
{
	return model->elems[f->unit].id;
}

Test(findings, strengths_and_weaknesses_by_percent)
{
	const semm_finding *f[4];

	score(NULL);
	/* three scored elements: one strength and one weakness each */
	cr_assert_eq(pick(0, SEMM_FINDING_STRENGTH, f, 4), 1);
	cr_expect_str_eq(elem(f[0]), "E2");
	expect_close(f[0]->value, 68.75);
	cr_assert_eq(pick(0, SEMM_FINDING_WEAKNESS, f, 4), 1);
	cr_expect_str_eq(elem(f[0]), "E3");
	expect_close(f[0]->value, 50.0);
	cr_assert_eq(pick(1, SEMM_FINDING_STRENGTH, f, 4), 1);
	cr_expect_str_eq(elem(f[0]), "E1");
	expect_close(f[0]->value, 31.25);
	cr_assert_eq(pick(1, SEMM_FINDING_WEAKNESS, f, 4), 1);
	cr_expect_str_eq(elem(f[0]), "E2");
	cr_expect_eq(f[0]->warning, 0);
}

Test(findings, warnings_of_each_group)
{
	const semm_finding *f[8];
	char buf[512];

	score(NULL);
	cr_assert_eq(pick(0, SEMM_FINDING_LOW_AGREEMENT, f, 8), 3);
	cr_expect_str_eq(elem(f[0]), "E1");
	expect_close(f[0]->value, 0.75 / 1.375);
	cr_expect_str_eq(elem(f[1]), "E3");
	expect_close(f[1]->value, 1 / 1.5);
	cr_expect_eq(f[2]->unit_type, SEMM_FINDING_UNIT_DIMENSION);
	cr_expect_str_eq(model->dims[f[2]->unit].id, "D2");
	cr_assert_eq(pick(1, SEMM_FINDING_LOW_AGREEMENT, f, 8), 3);
	cr_expect_str_eq(elem(f[1]), "E3");
	expect_close(f[1]->value, 1 / 1.5);
	cr_assert_eq(pick(0, SEMM_FINDING_COVERAGE, f, 8), 1);
	cr_expect_str_eq(elem(f[0]), "E1");
	cr_expect_eq(f[0]->count, 1);
	cr_expect_eq(f[0]->of, 3);
	cr_expect_str_eq(semm_finding_message(res, f[0], buf, sizeof(buf)),
			 "group Alpha, element E1: 1 of 3 respondents below "
			 "the coverage minimum (insufficient data)");
	cr_expect_eq(pick(1, SEMM_FINDING_COVERAGE, f, 8), 0);
	/* 3 elements and 2 dimensions without alpha, 10 cases needed */
	cr_assert_eq(pick(0, SEMM_FINDING_ALPHA_MISSING, f, 8), 5);
	cr_expect_eq(f[0]->of, 10);
	cr_expect_eq(pick(-1, SEMM_FINDING_ITEM_UNANSWERED, f, 8), 0);
}

Test(findings, alpha_gaps_make_one_sentence)
{
	semm__buf b = { 0 };
	size_t i, next = 0;

	score(NULL);
	for (i = 0; i < semm_result_finding_count(res); i++) {
		const semm_finding *f = semm_result_finding(res, i);

		if (f->kind == SEMM_FINDING_ALPHA_MISSING && f->group == 1)
			break;
	}
	cr_assert_eq(semm__finding_sentence(res, i, &next, &b), 1);
	cr_expect_eq(next, i + 5);
	cr_expect_str_eq(b.data,
			 "group Beta: Cronbach's alpha not reported for E1, "
			 "E2, E3, D1, D2: fewer complete cases than the "
			 "reliability minimum (10 needed)");
	semm__buf_free(&b);
}

/* Targets: E1 at 60 % and E2 at 75 % for everybody. Alpha's gaps: E1
 * 60 - 56.25 = 3.75, E2 75 - 68.75 = 6.25 (priority = gap x weight 1:
 * E2 first); Beta's: E1 28.75, E2 55.2083... (E2 first). */
Test(findings, priorities_follow_the_improvement_order)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	semm_targets *t = NULL;
	const semm_finding *f[4];
	semm_error err;

	cr_assert_eq(semm_targets_new(&t), 0);
	cr_assert_eq(semm_targets_add(t, "E1=60", &err), 0);
	cr_assert_eq(semm_targets_add(t, "E2=75", &err), 0);
	o.targets = t;
	score(&o);
	cr_assert_eq(pick(0, SEMM_FINDING_PRIORITY, f, 4), 2);
	cr_expect_str_eq(elem(f[0]), "E2");
	cr_expect_eq(f[0]->rank, 1);
	expect_close(f[0]->value, 6.25);
	expect_close(f[0]->threshold, 75.0);
	cr_expect_str_eq(elem(f[1]), "E1");
	expect_close(f[1]->value, 3.75);
	cr_assert_eq(pick(1, SEMM_FINDING_PRIORITY, f, 4), 2);
	cr_expect_str_eq(elem(f[0]), "E2");
	semm_targets_free(t);
}

Test(findings, inputs_rejections_and_group_ranges)
{
	semm_error err;
	const char *bad =
		"id,org,A1,A2,B1,B2,B3,C1,C2\nz9,Beta,9,1,1,1,1,1,1\n";
	size_t first, end, i;

	cr_assert_eq(semm_responses_read_csv_buffer(resp, bad, strlen(bad),
						    "bad.csv", &err),
		     0);
	score(NULL);
	cr_assert_geq(semm_result_finding_count(res), 1);
	cr_expect_eq(semm_result_finding(res, 0)->kind,
		     SEMM_FINDING_RESPONDENTS_REJECTED);
	cr_expect_eq(semm_result_finding(res, 0)->count, 1);
	/* each group's findings are one run of the list */
	semm__group_findings(res, 1, &first, &end);
	cr_assert_lt(first, end);
	for (i = first; i < end; i++)
		cr_expect_eq(semm_result_finding(res, i)->group, 1);
	cr_expect_eq(end, semm_result_finding_count(res));
}

/* A summary keeps no item figures of a group's reliability but the
 * item-total correlations of units with a negative one: the findings
 * about reverse-worded items are the same as with every item figure.
 * Four respondents whose B3 runs against B1 and B2 (B1 + B2: 2, 5, 8,
 * 10; B3: 5, 4, 2, 1): B3's corrected item-total r is negative. */
Test(findings, summary_keeps_the_negative_item_total_findings)
{
	static const char csv[] = "id,org,A1,A2,B1,B2,B3,C1,C2\n"
				  "G-1,Gamma,3,3,1,1,5,3,3\n"
				  "G-2,Gamma,4,2,2,3,4,2,3\n"
				  "G-3,Gamma,2,4,4,4,2,4,2\n"
				  "G-4,Gamma,3,3,5,5,1,3,4\n";
	char path[] = "/tmp/semm-findings-XXXXXX";
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	semm_finding full[16];
	const semm_finding *f[16];
	size_t n_full, n, i, u;
	int fd = mkstemp(path);

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, csv, sizeof(csv) - 1), (ssize_t)sizeof(csv) - 1);
	close(fd);
	semm_responses_free(resp);
	semm_questionnaire_free(quest);
	semm_model_free(model);
	load_handworked_with(&model, &quest, &resp, path, NULL);
	unlink(path);
	o.reliability_min_n = 2;
	score(&o);
	n_full = pick(0, SEMM_FINDING_ITEM_AGAINST, f, 16);
	cr_assert_gt(n_full, 0, "no negative item-total r");
	for (i = 0; i < n_full; i++)
		full[i] = *f[i];
	for (i = 0; i < n_full && strcmp(quest->items[full[i].item].id, "B3");
	     i++)
		;
	cr_expect_lt(i, n_full, "B3 is not among the findings");
	cr_expect_not_null(res->groups[0].rel_elems[1].alpha_if_deleted);
	semm_result_free(res);
	o.summary = 1;
	score(&o);
	n = pick(0, SEMM_FINDING_ITEM_AGAINST, f, 16);
	cr_assert_eq(n, n_full);
	for (i = 0; i < n; i++) {
		cr_expect_eq(f[i]->unit_type, full[i].unit_type);
		cr_expect_eq(f[i]->unit, full[i].unit);
		cr_expect_eq(f[i]->item, full[i].item);
		cr_expect(f[i]->value == full[i].value);
		cr_expect(f[i]->value < 0);
	}
	/* no alpha if deleted in a summary's group; the item-total r only
	 * for units with a negative one */
	for (u = 0; u < model->n_elems; u++) {
		const semm__rel *rel = &res->groups[0].rel_elems[u];
		size_t j, neg = 0;

		cr_expect_null(rel->alpha_if_deleted);
		for (j = 0; rel->r_drop && j < rel->k; j++)
			neg += rel->r_drop[j] < 0;
		cr_expect_eq(rel->r_drop != NULL, neg > 0);
	}
	cr_expect_not_null(res->groups[0].rel_elems[1].r_drop);
}
