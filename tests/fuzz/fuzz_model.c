/*
 * fuzz_model.c - fuzzes semm_model_from_buffer and semm_model_check (the
 * collecting load behind `semm validate`), which must agree on whether a
 * model is valid. A valid model whose id is one of the shipped models'
 * is then bound to that questionnaire, which scores that CSV, and every
 * report is written: weights, bands and defaults from the fuzzer reach
 * scoring and the writers.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"

static void count_problem(void *ctx, const semm_error *problem)
{
	char line[1024];

	semm_error_format(problem, line, sizeof(line));
	(*(size_t *)ctx)++;
}

static void walk_model(const semm_model *m)
{
	size_t i;

	(void)semm_model_id(m);
	(void)semm_model_version(m);
	(void)semm_model_title(m);
	(void)semm_model_dimension_count(m);
	(void)semm_model_level_count(m);
	for (i = 0; i < semm_model_element_count(m); i++)
		(void)semm_model_element_id(m, i);
}

/* Scores the fixture's responses with the fuzzed model. */
static void score_with(const semm_model *m, uint32_t knobs)
{
	const fuzz_fixture *f = fuzz_fixture_for_model(semm_model_id(m));
	semm_questionnaire *q = NULL;
	semm_responses *r = NULL;
	semm_error err;

	if (!f)
		return;
	semm_error_clear(&err);
	if (semm_questionnaire_from_buffer(&q, f->q_text, f->q_len, "q.json",
					   &err) < 0)
		fuzz_die("fixture questionnaire does not load", f->name);
	if (semm_questionnaire_bind(q, m, &err) == SEMM_OK &&
	    semm_responses_new(&r, q, NULL) == SEMM_OK &&
	    semm_responses_read_csv_buffer(r, f->csv_text, f->csv_len,
					   "fixture.csv", &err) == SEMM_OK)
		fuzz_score_and_write(m, q, r, knobs);
	semm_responses_free(r);
	semm_questionnaire_free(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	semm_model *m = NULL, *checked = NULL;
	semm_error err;
	size_t problems = 0;
	char format[64];
	int rc, rc_check;

	fuzz_setup();
	semm_error_clear(&err);
	(void)semm_detect_format(s, size, "fuzz.json", format, sizeof(format),
				 &err);
	rc = semm_model_from_buffer(&m, s, size, "fuzz.json", &err);
	if ((rc == SEMM_OK) != (m != NULL))
		fuzz_die("semm_model_from_buffer: return and *out disagree",
			 NULL);
	rc_check = semm_model_check(s, size, "fuzz.json", count_problem,
				    &problems, &checked, &err);
	if ((rc == SEMM_OK) != (rc_check == SEMM_OK))
		fuzz_die("semm_model_from_buffer and semm_model_check "
			 "disagree on validity",
			 semm_code_name(rc_check));
	if (rc_check == SEMM_OK && problems > 0)
		fuzz_die("semm_model_check: problems reported but the check "
			 "passed",
			 NULL);
	if ((rc_check == SEMM_OK) != (checked != NULL))
		fuzz_die("semm_model_check: return and *out disagree", NULL);
	semm_model_free(checked);
	if (m) {
		walk_model(m);
		score_with(m, fuzz_knobs(data, size));
	}
	semm_model_free(m);
	return 0;
}
