/*
 * fuzz_questionnaire.c - fuzzes semm_questionnaire_from_buffer, the
 * collecting semm_questionnaire_check (alone and binding each shipped
 * model) and semm_questionnaire_bind, which must agree. A questionnaire
 * that binds then scores a small CSV written from its own columns, and
 * every report is written, so fuzzed scales, items and weights reach
 * the readers, scoring and the writers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

/* Respondent rows written for a fuzzed questionnaire: more than the
 * default reliability minimum of 10, in three organizations. */
#define ROWS 12

typedef struct text {
	char *data;
	size_t len;
	size_t cap;
} text;

static void put(text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 1024;
		char *grown;

		while (cap < t->len + n + 1)
			cap *= 2;
		grown = realloc(t->data, cap);
		if (!grown)
			fuzz_die("out of memory", NULL);
		t->data = grown;
		t->cap = cap;
	}
	memcpy(t->data + t->len, s, n);
	t->len += n;
	t->data[t->len] = '\0';
}

/* A CSV cell, always quoted, quotes doubled. */
static void put_cell(text *t, const char *s, int first)
{
	const char *c;

	if (!first)
		put(t, ",", 1);
	put(t, "\"", 1);
	for (c = s; *c; c++)
		put(t, *c == '"' ? "\"\"" : c, *c == '"' ? 2 : 1);
	put(t, "\"", 1);
}

/* Writes a header naming q's metadata columns and items, and ROWS rows
 * of answers chosen from the knobs. */
static void write_csv(const semm_questionnaire *q, uint32_t knobs, text *t)
{
	static const char *const cells[] = { "1",   "2",  "3",	   "4",
					     "5",   "3",  "4",	   "",
					     "N/A", "DK", "often", "0" };
	size_t n_items = semm_questionnaire_item_count(q);
	uint32_t x = knobs | 1u;
	char cell[64];
	size_t i, row;
	int role, first = 1;

	for (role = 0; role < SEMM_META_COUNT; role++) {
		const char *col =
			semm_questionnaire_meta_column(q, (semm_meta_role)role);

		if (col) {
			put_cell(t, col, first);
			first = 0;
		}
	}
	for (i = 0; i < n_items; i++) {
		put_cell(t, semm_questionnaire_item_id(q, i), first);
		first = 0;
	}
	put(t, "\n", 1);
	for (row = 0; row < ROWS; row++) {
		first = 1;
		for (role = 0; role < SEMM_META_COUNT; role++) {
			if (!semm_questionnaire_meta_column(
				    q, (semm_meta_role)role))
				continue;
			snprintf(cell, sizeof(cell), "%c%zu", "ROURD"[role],
				 role == SEMM_META_RESPONDENT ? row : row % 3);
			put_cell(t, cell, first);
			first = 0;
		}
		for (i = 0; i < n_items; i++) {
			x = x * 1103515245u + 12345u;
			put_cell(t,
				 cells[(x >> 16) %
				       (sizeof(cells) / sizeof(cells[0]))],
				 first);
			first = 0;
		}
		put(t, "\n", 1);
	}
}

static void count_problem(void *ctx, const semm_error *problem)
{
	char line[1024];

	semm_error_format(problem, line, sizeof(line));
	(*(size_t *)ctx)++;
}

static void walk(const semm_questionnaire *q)
{
	size_t i;
	int role;

	(void)semm_questionnaire_id(q);
	(void)semm_questionnaire_version(q);
	(void)semm_questionnaire_model_id(q);
	for (i = 0; i < semm_questionnaire_item_count(q); i++)
		(void)semm_questionnaire_item_id(q, i);
	for (role = 0; role < SEMM_META_COUNT; role++)
		(void)semm_questionnaire_meta_column(q, (semm_meta_role)role);
}

/* A check of the text, alone (model NULL) or binding model. */
static int check(const char *s, size_t n, const semm_model *model)
{
	semm_questionnaire *q = NULL;
	semm_error err;
	size_t problems = 0;
	int rc;

	semm_error_clear(&err);
	rc = semm_questionnaire_check(s, n, "fuzz.json", model, count_problem,
				      &problems, &q, &err);
	if (rc == SEMM_OK && problems > 0)
		fuzz_die("semm_questionnaire_check: problems reported but "
			 "the check passed",
			 NULL);
	if ((rc == SEMM_OK) != (q != NULL))
		fuzz_die("semm_questionnaire_check: return and *out disagree",
			 NULL);
	semm_questionnaire_free(q);
	return rc;
}

/* Binds q to f's model; when it binds, scores a CSV written for it. */
static void bind_and_score(semm_questionnaire *q, const fuzz_fixture *f,
			   int rc_check, uint32_t knobs)
{
	semm_responses *r = NULL;
	semm_error err;
	text csv = { 0 };
	int rc;

	semm_error_clear(&err);
	rc = semm_questionnaire_bind(q, f->model, &err);
	if ((rc == SEMM_OK) != (rc_check == SEMM_OK))
		fuzz_die("semm_questionnaire_bind and semm_questionnaire_check "
			 "disagree on validity",
			 semm_code_name(rc_check));
	if (rc < 0)
		return;
	write_csv(q, knobs, &csv);
	if (semm_responses_new(&r, q, NULL) < 0)
		fuzz_die("semm_responses_new failed on a bound questionnaire",
			 NULL);
	semm_error_clear(&err);
	if (semm_responses_read_csv_buffer(r, csv.data, csv.len, "gen.csv",
					   &err) == SEMM_OK)
		fuzz_score_and_write(f->model, q, r, knobs);
	fuzz_walk_rejections(r);
	semm_responses_free(r);
	free(csv.data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	semm_questionnaire *q = NULL;
	semm_error err;
	int rc, rc_alone, rc_bound[FUZZ_FIXTURES];
	size_t i;

	fuzz_setup();
	semm_error_clear(&err);
	rc = semm_questionnaire_from_buffer(&q, s, size, "fuzz.json", &err);
	if ((rc == SEMM_OK) != (q != NULL))
		fuzz_die("semm_questionnaire_from_buffer: return and *out "
			 "disagree",
			 NULL);
	rc_alone = check(s, size, NULL);
	if ((rc == SEMM_OK) != (rc_alone == SEMM_OK))
		fuzz_die("semm_questionnaire_from_buffer and "
			 "semm_questionnaire_check disagree on validity",
			 semm_code_name(rc_alone));
	for (i = 0; i < FUZZ_FIXTURES; i++)
		rc_bound[i] = check(s, size, fuzz_fixture_get(i)->model);
	if (q) {
		const fuzz_fixture *f =
			fuzz_fixture_for_model(semm_questionnaire_model_id(q));

		walk(q);
		for (i = 0; f && i < FUZZ_FIXTURES; i++) {
			if (fuzz_fixture_get(i) == f)
				bind_and_score(q, f, rc_bound[i],
					       fuzz_knobs(data, size));
		}
	}
	semm_questionnaire_free(q);
	return 0;
}
