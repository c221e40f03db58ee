/*
 * test_targets.c - targets, gaps, priorities and the improvement list on
 * the hand-worked example (element percents from
 * tests/data/handworked/EXPECTED.md: Alpha E1 56.25, E2 68.75, E3 50;
 * Beta E1 31.25, E2 1900/96, E3 25; element weights E1 1, E2 2, E3 1;
 * bands of 20 points, so level 3 starts at 40 and level 4 at 60).
 */
#include "test_helpers.h"

static semm_model *model;
static semm_questionnaire *quest;
static semm_responses *resp;
static semm_result *res;
static semm_targets *targets;

static int load(const char *const *specs, size_t n, semm_error *err)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	size_t i;
	int rc;

	semm_error_clear(err);
	load_handworked(&model, &quest, &resp);
	cr_assert_eq(semm_targets_new(&targets), 0);
	for (i = 0; i < n; i++) {
		rc = semm_targets_add(targets, specs[i], err);
		if (rc < 0)
			return rc;
	}
	o.targets = targets;
	return semm_score_run(&res, model, quest, resp, &o, err);
}

static void unload(void)
{
	semm_result_free(res);
	semm_targets_free(targets);
	semm_responses_free(resp);
	semm_questionnaire_free(quest);
	semm_model_free(model);
}

TestSuite(targets, .fini = unload);

static const char *const specs[] = { "E1=L4", "E2=70", "*=L3" };

Test(targets, gaps_and_priorities_match_hand_computation)
{
	semm_error err;
	const semm__group *a, *b;

	cr_assert_eq(load(specs, 3, &err), 0, "%s", err.message);
	a = &res->groups[0];
	b = &res->groups[1];
	/* E1 target L4 = 60: Alpha gap 60 - 56.25 = 3.75, priority 3.75 */
	expect_close(a->elems[0].target, 60);
	expect_close(a->elems[0].gap, 3.75);
	expect_close(a->elems[0].priority, 3.75);
	/* E2 target 70: Alpha gap 1.25, times weight 2 = 2.5 */
	expect_close(a->elems[1].gap, 1.25);
	expect_close(a->elems[1].priority, 2.5);
	/* E3 by "*" = L3 = 40: Alpha is above it: gap -10, priority 0 */
	expect_close(a->elems[2].target, 40);
	expect_close(a->elems[2].gap, -10);
	expect_close(a->elems[2].priority, 0);
	/* Beta E2: 70 - 1900/96 = 4820/96, priority twice that */
	expect_close(b->elems[1].gap, 4820.0 / 96);
	expect_close(b->elems[1].priority, 9640.0 / 96);
	/* Beta E3: 40 - 25 = 15 */
	expect_close(b->elems[2].priority, 15);
}

Test(targets, improvement_list_is_ordered_by_priority)
{
	size_t order[8];
	semm_error err;

	cr_assert_eq(load(specs, 3, &err), 0, "%s", err.message);
	/* Alpha: E1 (3.75) before E2 (2.5); E3 is above its target */
	cr_assert_eq(semm__improvements(res, &res->groups[0], order), 2);
	cr_expect_eq(order[0], 0);
	cr_expect_eq(order[1], 1);
	/* Beta: E2 (100.4) , E1 (28.75), E3 (15) */
	cr_assert_eq(semm__improvements(res, &res->groups[1], order), 3);
	cr_expect_eq(order[0], 1);
	cr_expect_eq(order[1], 0);
	cr_expect_eq(order[2], 2);
}

Test(targets, no_target_leaves_gap_and_priority_undefined)
{
	semm_error err;

	cr_assert_eq(load(NULL, 0, &err), 0, "%s", err.message);
	cr_expect(isnan(res->groups[0].elems[0].target));
	cr_expect(isnan(res->groups[0].elems[0].gap));
	cr_expect(isnan(res->groups[0].elems[0].priority));
}

Test(targets, unknown_element_and_level_are_refused)
{
	static const char *const bad_element[] = { "E9=L4" };
	static const char *const bad_level[] = { "E1=L7" };
	semm_error err;

	cr_expect_eq(load(bad_element, 1, &err), SEMM_EARG);
	cr_expect_str_eq(err.message,
			 "target for \"E9\": not an element of model \"mini\"");
	unload();
	res = NULL;
	targets = NULL;
	resp = NULL;
	quest = NULL;
	model = NULL;
	cr_expect_eq(load(bad_level, 1, &err), SEMM_EARG);
	cr_expect_str_eq(err.message, "target for E1: level 7 is not a level "
				      "of model \"mini\"");
}

Test(targets, specs_are_checked)
{
	semm_targets *t = NULL;
	semm_error err;

	cr_assert_eq(semm_targets_new(&t), 0);
	semm_error_clear(&err);
	cr_expect_eq(semm_targets_add(t, "E1", &err), SEMM_EARG);
	cr_expect_eq(semm_targets_add(t, "E1=120", &err), SEMM_EARG);
	cr_expect_eq(semm_targets_add(t, "E1=L2.5", &err), SEMM_EARG);
	cr_expect_eq(semm_targets_add(t, "=L2", &err), SEMM_EARG);
	cr_expect_eq(semm_targets_add(t, "E1=L2", &err), SEMM_OK);
	cr_expect_eq(semm_targets_add(t, "E1=55", &err), SEMM_OK);
	cr_expect_eq(t->n, 1); /* the later target replaced the earlier */
	cr_expect_eq(t->t[0].is_level, 0);
	expect_close(t->t[0].value, 55);
	semm_targets_free(t);
}

Test(targets, targets_file_is_read)
{
	static const char text[] =
		"{\"format\": \"semm-targets/1\", \"targets\": {\n"
		"  \"E1\": {\"level\": 4}, \"*\": {\"percent\": 50}}}";
	semm_targets *t = NULL;
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(semm_targets_from_buffer(&t, text, sizeof(text) - 1,
					      "t.json", &err),
		     0, "%s", err.message);
	cr_expect_eq(t->n, 2);
	semm_targets_free(t);
	{
		static const char empty[] = "{\"format\": \"semm-targets/1\", "
					    "\"targets\": {\"E1\": {}}}";

		cr_expect_eq(semm_targets_from_buffer(&t, empty,
						      sizeof(empty) - 1,
						      "t.json", &err),
			     SEMM_EINVALID);
	}
	cr_expect_null(t);
}
