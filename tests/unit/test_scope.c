/*
 * test_scope.c - the assessment's scope (src/defs/scope.c,
 * src/score/scope_stage.c) and the implementation stage
 * (src/defs/stages.c): resolution and canonical form, scoring over a
 * scope on the hand-worked example, the stage rule and its thresholds,
 * the questionnaire's "scope", the options' versions, and the scope of
 * partials and merges.
 *
 * Scope E2,D2 of the hand-worked example (tests/data/handworked/
 * EXPECTED.md gives each respondent's unit-interval scores): D1 = E2
 * alone, overall = (E2 + 3 E3) / 4, E1 has no score.
 *   (13/16 + 3 * 5/8) / 4 = 43/64 -> s = 59/16
 *   (7/16 + 3 * 5/8) / 4 = 37/64  -> s = 53/16
 *   (13/16 + 3 * 1/4) / 4 = 25/64 -> s = 41/16
 *   Alpha overall mean 153/48 = 3.1875, percent 54.6875 (L3); D1 = E2:
 *   mean 3.75, 68.75 % (L4); E3 50 % (L3): staged 3, limiting E3.
 *   B-1: (1/12 + 3 * 1/8) / 4 = 11/96 -> s = 35/24
 *   B-2: (5/16 + 3 * 3/8) / 4 = 23/64 -> s = 39/16
 *   Beta overall mean 187/96, percent 9100/384 = 23.697916... (L2);
 *   E2 mean 43/24, 1900/96 = 19.7916... % (L1); E3 25 % (L2): staged 1,
 *   limiting E2.
 * Stages with the engine's defaults (5 bands: implementation from L3,
 * post-implementation from L4, no foundation): Alpha's profile L3 >= 3,
 * staged 3 < 4: implementation, E3 the first element in scope below L4;
 * Beta's profile L2 < 3: pre-implementation.
 */
#define _POSIX_C_SOURCE 200809L

#include <criterion/criterion.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "semm/semm.h"
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
	free_loaded(&res, &resp, &quest, &model);
}

TestSuite(scope, .init = setup, .fini = teardown);

static void score_scope(const char *const *ids, size_t n)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	semm_error err;

	semm_error_clear(&err);
	o.scope = ids;
	o.n_scope = n;
	cr_assert_eq(semm_score_run(&res, model, quest, resp, &o, &err), 0,
		     "%s", err.message);
}

Test(scope, canonical_form_names_whole_dimensions_by_their_id)
{
	unsigned char in[SEMM_MAX_MODEL_UNITS];
	const char *a[] = { "E2", "E1", "E3" }, *b[] = { "E2", "D2" };
	const char *c[] = { "D1", "E1" };
	char *text = NULL;
	semm_error err;

	semm_error_clear(&err);
	/* every element: the whole model */
	cr_assert_eq(semm__scope_resolve(model, a, 3, in, &text, &err), 0);
	cr_expect_null(text);
	cr_assert_eq(semm__scope_resolve(model, b, 2, in, &text, &err), 0);
	cr_expect_str_eq(text, "E2,D2");
	cr_expect(!in[0] && in[1] && in[2]);
	free(text);
	cr_assert_eq(semm__scope_resolve(model, c, 2, in, &text, &err), 0);
	cr_expect_str_eq(text, "D1");
	free(text);
	cr_assert_eq(semm__scope_resolve_text(model, "D1,E1", in, &text, &err),
		     0);
	cr_expect_str_eq(text, "D1");
	free(text);
}

Test(scope, unknown_or_empty_ids_are_refused)
{
	unsigned char in[SEMM_MAX_MODEL_UNITS];
	const char *bad[] = { "D1", "E7" }, *empty[] = { "" };
	char *text = NULL;
	semm_error err;

	semm_error_clear(&err);
	cr_expect_eq(semm__scope_resolve(model, bad, 2, in, &text, &err),
		     SEMM_EARG);
	cr_expect(strstr(err.message, "\"E7\" is neither a dimension nor an "
				      "element of model \"mini\"") != NULL,
		  "%s", err.message);
	cr_expect_eq(semm__scope_resolve(model, empty, 1, in, &text, &err),
		     SEMM_EARG);
	cr_expect_null(text);
}

Test(scope, scoped_run_gives_the_hand_worked_figures)
{
	const char *ids[] = { "E2", "D2" };
	const semm__group *a, *b;
	char buf[256];

	score_scope(ids, 2);
	cr_expect_str_eq(semm_result_scope(res), "E2,D2");
	cr_expect_str_eq(semm_result_scope_source(res), "options");
	cr_expect(!semm_result_element_in_scope(res, 0));
	cr_expect(semm_result_element_in_scope(res, 1));
	cr_expect(semm_result_dimension_in_scope(res, 0));
	a = &res->groups[0];
	b = &res->groups[1];
	cr_assert_str_eq(a->id, "Alpha");
	expect_close(a->overall.d.mean, 153.0 / 48);
	expect_close(a->overall.percent, 54.6875);
	expect_close(a->dims[0].percent, 68.75);
	expect_close(a->dims[1].percent, 50);
	cr_expect_eq(a->elems[0].d.n, 0);
	cr_expect(isnan(a->elems[0].percent));
	cr_expect_eq(a->elems[0].level, -1);
	cr_expect_eq(a->staged, 2); /* band index of L3 */
	cr_expect_eq(a->n_unassessed, 0);
	expect_close(b->overall.percent, 9100.0 / 384);
	expect_close(b->elems[1].percent, 1900.0 / 96);
	cr_expect_eq(b->staged, 0);
	semm_result_scope_statement(res, buf, sizeof(buf));
	cr_expect_str_eq(buf, "Scope: E2, D2: 2 of 3 elements in scope (E2, "
			      "E3); not in scope: E1.");
	/* a respondent's score on an element out of scope: none */
	cr_expect(isnan(semm_result_respondent_element(res, 0, 0)));
}

Test(scope, stage_follows_the_default_rule)
{
	const char *ids[] = { "E2", "D2" };
	semm_stage_info s;
	char buf[256];

	score_scope(ids, 2);
	cr_assert_eq(semm_result_group_stage(res, 0, &s), 0);
	cr_expect_eq(s.stage, SEMM_STAGE_IMPLEMENTATION);
	cr_expect_eq(s.reason, SEMM_STAGE_WHY_DEPLOYING);
	cr_expect_eq(s.element, 2);
	cr_expect_eq(s.level, 4);
	cr_assert_eq(semm_result_group_stage(res, 1, &s), 0);
	cr_expect_eq(s.stage, SEMM_STAGE_PRE);
	cr_expect_eq(s.reason, SEMM_STAGE_WHY_PROFILE);
	cr_expect_eq(s.level, 3);
	cr_expect_eq(semm_result_group_stage(res, 2, &s), SEMM_EARG);
	/* the roadmap stage of an element: its own level */
	cr_expect_eq(semm_result_element_stage(res, 1, 1), SEMM_STAGE_PRE);
	cr_expect_eq(semm_result_element_stage(res, 0, 1),
		     SEMM_STAGE_POST); /* L4 */
	cr_expect_eq(semm_result_element_stage(res, 0, 0), SEMM_STAGE_NONE);
	semm_result_stage_message(res, 1, buf, sizeof(buf));
	cr_expect_str_eq(buf, "Implementation stage: pre-implementation "
			      "(indicative, engine-defined): no foundation "
			      "element is in scope, and the overall level is "
			      "below level 3 (L3).");
	cr_expect_str_eq(semm_stage_name(SEMM_STAGE_POST),
			 "post-implementation");
	cr_expect_null(semm_stage_name(SEMM_STAGE_NONE));
}

/* Unscoped, Alpha's E1 (56.25 %, L3) is in scope and limits with E3. */
Test(scope, whole_model_is_todays_scoring)
{
	score_scope(NULL, 0);
	cr_expect_null(semm_result_scope(res));
	cr_expect_str_eq(semm_result_scope_source(res), "whole model");
	expect_close(res->groups[0].overall.percent, 31300.0 / 576);
	expect_close(res->groups[0].elems[0].percent, 56.25);
	cr_expect_eq(res->groups[0].staged, 2);
}

/* Version 2 options have no scope: whatever follows is not read. */
Test(scope, version_two_options_take_the_whole_model)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	const char *ids[] = { "nonsense" };
	semm_error err;

	o.version = 2;
	o.scope = ids;
	o.n_scope = 1;
	cr_assert_eq(semm_score_run(&res, model, quest, resp, &o, &err), 0,
		     "%s", err.message);
	cr_expect_null(semm_result_scope(res));
}

/* Version 3 options have no threads: whatever follows the scope is not
 * read, and the result takes the responses' threads (one here). Version
 * 4 options name the threads. */
Test(scope, version_three_options_take_the_reading_threads)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	unsigned char *raw = (unsigned char *)&o;
	semm_error err;

	o.version = 3;
	memset(raw + offsetof(semm_score_options, threads), 0x7f,
	       sizeof(o) - offsetof(semm_score_options, threads));
	cr_assert_eq(semm_score_run(&res, model, quest, resp, &o, &err), 0,
		     "%s", err.message);
	cr_expect_eq(res->threads, 1);
	semm_result_free(res);
	o = (semm_score_options)SEMM_SCORE_OPTIONS_INIT;
	o.threads = 3;
	cr_assert_eq(semm_score_run(&res, model, quest, resp, &o, &err), 0,
		     "%s", err.message);
	cr_expect_eq(res->threads, 3);
	o.threads = 100000;
	semm_result_free(res);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, &o, &err), 0,
		     "%s", err.message);
	cr_expect_eq(res->threads, 256);
}

Test(scope, unknown_scope_id_is_refused_before_reading)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	const char *ids[] = { "D9" };
	semm_error err;

	o.scope = ids;
	o.n_scope = 1;
	semm_error_clear(&err);
	cr_expect_eq(semm_score_check_options(model, quest, &o, &err),
		     SEMM_EARG);
	cr_expect(strstr(err.message, "scope: \"D9\"") != NULL, "%s",
		  err.message);
}

/* The responses' scope (a partial's) is used, and options that give
 * another are refused; merging sets of different scopes is refused. */
Test(scope, responses_scope_is_used_and_must_agree)
{
	semm_score_options o = SEMM_SCORE_OPTIONS_INIT;
	const char *ids[] = { "D2" }, *other[] = { "D1" };
	semm_responses *more = NULL;
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(semm_responses_set_scope(resp, ids, 1, &err), 0);
	cr_expect_str_eq(semm_responses_scope(resp), "D2");
	cr_assert_eq(semm_score_run(&res, model, quest, resp, NULL, &err), 0,
		     "%s", err.message);
	cr_expect_str_eq(semm_result_scope_source(res), "responses");
	cr_expect(!semm_result_element_in_scope(res, 1));
	o.scope = other;
	o.n_scope = 1;
	semm_result_free(res);
	res = NULL;
	cr_expect_eq(semm_score_run(&res, model, quest, resp, &o, &err),
		     SEMM_EARG);
	cr_expect(strstr(err.message, "read for scope \"D2\"") != NULL, "%s",
		  err.message);
	cr_assert_eq(semm_responses_new(&more, quest, NULL), 0);
	cr_expect_eq(semm_responses_merge(resp, more, &err), SEMM_EARG);
	cr_expect(strstr(err.message, "scope whole model differs from the "
				      "scope \"D2\"") != NULL,
		  "%s", err.message);
	semm_responses_free(more);
}

/* A partial keeps its scope. */
Test(scope, partial_keeps_the_scope)
{
	const char *ids[] = { "E1", "E3" };
	semm_responses *back = NULL;
	semm_error err;
	char *p = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&p, &len);

	semm_error_clear(&err);
	cr_assert_eq(semm_responses_set_scope(resp, ids, 2, &err), 0);
	cr_assert_eq(semm_responses_save(resp, fp, &err), 0, "%s", err.message);
	fclose(fp);
	cr_assert_eq(semm_responses_load_buffer(&back, quest, p, len, "p.semm",
						&err),
		     0, "%s", err.message);
	cr_expect_str_eq(semm_responses_scope(back), "E1,D2");
	semm_responses_free(back);
	free(p);
}

static int load_q(const char *text, semm_questionnaire **q, semm_error *err)
{
	int rc = semm_questionnaire_from_buffer(q, text, strlen(text), "q.json",
						err);

	return rc < 0 ? rc : semm_questionnaire_bind(*q, model, err);
}

#define Q_HEAD                                                                 \
	"{\"format\": \"semm-questionnaire/1\", \"id\": \"q\", "               \
	"\"version\": \"1\", \"model\": {\"id\": \"mini\"},\n"                 \
	"\"scales\": [{\"id\": \"s\", \"min\": 1, \"max\": 5}],\n"             \
	"\"items\": [{\"id\": \"A\", \"element\": \"E1\", \"scale\": \"s\"}, " \
	"{\"id\": \"B\", \"element\": \"E2\", \"scale\": \"s\"}, "             \
	"{\"id\": \"C\", \"element\": \"E3\", \"scale\": \"s\"}],\n"

Test(scope, questionnaire_scope_is_read_and_checked)
{
	semm_questionnaire *q = NULL;
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(load_q(Q_HEAD "\"scope\": [\"D2\"]}", &q, &err), 0, "%s",
		     err.message);
	cr_expect_eq(q->n_scope, 1);
	semm_questionnaire_free(q);
	q = NULL;
	cr_expect_eq(load_q(Q_HEAD "\"scope\": [\"D2\", \"X\"]}", &q, &err),
		     SEMM_EINVALID);
	cr_expect_str_eq(err.message, "$.scope[1]: \"X\" is neither a "
				      "dimension nor an element of model "
				      "\"mini\"");
	cr_expect_eq(err.line, 4);
	semm_questionnaire_free(q);
	q = NULL;
	cr_expect_eq(load_q(Q_HEAD "\"scope\": []}", &q, &err), SEMM_EINVALID);
	cr_expect(strstr(err.message, "an empty scope") != NULL, "%s",
		  err.message);
	semm_questionnaire_free(q);
}

/* With the questionnaire's scope and no option, the run uses it. */
Test(scope, questionnaire_scope_applies_without_an_option)
{
	char d2[] = "D2", *ids[] = { d2 };

	quest->scope = ids; /* borrowed for the test, put back below */
	quest->n_scope = 1;
	score_scope(NULL, 0);
	cr_expect_str_eq(semm_result_scope(res), "D2");
	cr_expect_str_eq(semm_result_scope_source(res), "questionnaire");
	/* Alpha: the overall is D2 = E3 alone, 50 % */
	expect_close(res->groups[0].overall.percent, 50);
	quest->scope = NULL;
	quest->n_scope = 0;
}

#define M_HEAD                                                                 \
	"{\"format\": \"semm-model/1\", \"id\": \"m\", \"version\": \"1\",\n"  \
	"\"title\": \"t\",\n"                                                  \
	"\"levels\": {\"label\": \"x\", \"bands\": [\n"                        \
	"  {\"level\": 1, \"name\": \"A\", \"min\": 0, \"max\": 30},\n"        \
	"  {\"level\": 2, \"name\": \"B\", \"min\": 30, \"max\": 70},\n"       \
	"  {\"level\": 3, \"name\": \"C\", \"min\": 70, \"max\": 100}]},\n"    \
	"\"dimensions\": [{\"id\": \"D1\", \"name\": \"d\", \"elements\": [\n" \
	"  {\"id\": \"E1\", \"name\": \"e\"}, {\"id\": \"E2\", \"name\": "     \
	"\"f\"}]}]"

static int load_m(const char *text, semm_model **m, semm_error *err)
{
	semm_error_clear(err);
	return semm_model_from_buffer(m, text, strlen(text), "m.json", err);
}

Test(scope, model_stage_block_and_defaults)
{
	semm_model *m = NULL;
	semm_error err;

	/* defaults with 3 bands: implementation from the middle (L2),
	 * post-implementation from the band above it (L3) */
	cr_assert_eq(load_m(M_HEAD "}", &m, &err), 0, "%s", err.message);
	cr_expect_eq(m->stages.impl_band, 1);
	cr_expect_eq(m->stages.post_band, 2);
	cr_expect_eq(m->stages.from_model, 0);
	cr_expect_eq(m->stages.n_foundation, 0);
	semm_model_free(m);
	cr_assert_eq(load_m(M_HEAD
			    ",\"implementation_stages\": {\"foundation\":"
			    " [\"E2\"], \"implementation_level\": 1, "
			    "\"post_implementation_level\": 2}}",
			    &m, &err),
		     0, "%s", err.message);
	cr_expect_eq(m->stages.impl_band, 0);
	cr_expect_eq(m->stages.post_band, 1);
	cr_expect(!m->stages.foundation[0] && m->stages.foundation[1]);
	semm_model_free(m);
}

Test(scope, model_stage_block_errors_name_their_path)
{
	semm_model *m = NULL;
	semm_error err;

	cr_expect_eq(load_m(M_HEAD ",\"implementation_stages\": "
				   "{\"foundation\": [\"E9\"]}}",
			    &m, &err),
		     SEMM_EINVALID);
	cr_expect_str_eq(err.message, "$.implementation_stages.foundation[0]: "
				      "\"E9\" is not an element of the model");
	cr_expect_eq(load_m(M_HEAD ",\"implementation_stages\": "
				   "{\"implementation_level\": 4}}",
			    &m, &err),
		     SEMM_EINVALID);
	cr_expect(strstr(err.message, "4 is not a level of the model") != NULL,
		  "%s", err.message);
	cr_expect_eq(load_m(M_HEAD ",\"implementation_stages\": "
				   "{\"implementation_level\": 3, "
				   "\"post_implementation_level\": 2}}",
			    &m, &err),
		     SEMM_EINVALID);
	cr_expect(strstr(err.message, "below the implementation level") != NULL,
		  "%s", err.message);
	cr_expect_eq(load_m(M_HEAD ",\"implementation_stages\": "
				   "{\"stage\": 1}}",
			    &m, &err),
		     SEMM_EINVALID);
	cr_expect_null(m);
}

/* Every statement has both languages, with the same conversions. */
Test(scope, message_table_is_complete)
{
	cr_expect_eq(semm__scope_msgs_check(), 1);
}
