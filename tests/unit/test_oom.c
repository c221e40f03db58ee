/*
 * test_oom.c - every allocation of the library fails in turn. The test
 * binary is linked with -Wl,--wrap for malloc, calloc, realloc and free,
 * so the library's own calls go through the counters below (calls inside
 * shared libraries such as cJSON, libreadstat and libxlsxwriter are not
 * wrapped: for report.xlsx, the sweep covers what the library allocates
 * itself). For each n, the n-th allocation fails; the whole pipeline
 * (load model and questionnaire, bind, read CSV, JSON and an SPSS file,
 * score, write every report) must then return SEMM_ENOMEM and, after
 * freeing, leave no block of its own allocated.
 */
#include <stdio.h>
#include <stdlib.h>

#include "test_helpers.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static long calls;	  /* allocations so far */
static long fail_at = -1; /* the allocation to fail, or -1 */
static long failed;	  /* allocations refused */
static long live;	  /* blocks allocated and not yet freed */

static int refuse(void)
{
	if (calls++ == fail_at) {
		failed++;
		return 1;
	}
	return 0;
}

void *__wrap_malloc(size_t n)
{
	void *p = refuse() ? NULL : __real_malloc(n);

	live += p != NULL;
	return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
	void *p = refuse() ? NULL : __real_calloc(n, size);

	live += p != NULL;
	return p;
}

void *__wrap_realloc(void *p, size_t n)
{
	void *q;

	if (refuse())
		return NULL;
	q = __real_realloc(p, n);
	live += (p == NULL && q != NULL);
	return q;
}

void __wrap_free(void *p)
{
	live -= p != NULL;
	__real_free(p);
}

typedef struct text {
	char *data;
	size_t len;
} text;

static text model_json, quest_json, csv_text, json_text, sav_bytes;

static text slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	text t = { NULL, 0 };
	long size;

	cr_assert_not_null(fp, "%s", path);
	fseek(fp, 0, SEEK_END);
	size = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	t.data = __real_malloc((size_t)size + 1);
	t.len = fread(t.data, 1, (size_t)size, fp);
	fclose(fp);
	return t;
}

static const char responses_json[] =
	"{\"format\": \"semm-responses/1\", \"respondents\": [\n"
	" {\"id\": \"j1\", \"org\": \"Alpha\", \"answers\": {\"A1\": 4,"
	" \"A2\": \"rarely\", \"B1\": 3, \"B2\": null, \"B3\": \"N/A\","
	" \"C1\": 5, \"C2\": 2}},\n"
	" {\"id\": \"j2\", \"org\": \"Gamma\", \"answers\": {\"A1\": 9}}\n]}";

static void setup(void)
{
	model_json = slurp(DATA("tests/data/handworked/model.json"));
	quest_json = slurp(DATA("tests/data/handworked/questionnaire.json"));
	csv_text = slurp(DATA("tests/data/handworked/responses.csv"));
	sav_bytes = slurp(DATA("tests/data/handworked/responses.sav"));
	json_text.data = (char *)responses_json;
	json_text.len = sizeof(responses_json) - 1;
}

static void teardown(void)
{
	__real_free(model_json.data);
	__real_free(quest_json.data);
	__real_free(csv_text.data);
	__real_free(sav_bytes.data);
}

typedef int (*writer)(const semm_result *, FILE *);

static int write_all(const semm_result *res)
{
	static const writer writers[] = { semm_report_write_json,
					  semm_report_write_scores_csv,
					  semm_report_write_respondents_csv,
					  semm_report_write_reliability_csv,
					  semm_report_write_across_groups_csv,
					  semm_report_write_xlsx };
	FILE *sink = fopen("/dev/null", "w");
	size_t i;
	int rc = SEMM_OK;

	for (i = 0; i < sizeof(writers) / sizeof(writers[0]) && rc == 0; i++)
		rc = writers[i](res, sink);
	fclose(sink);
	return rc;
}

/* The whole pipeline; returns the first failure's code. */
static int pipeline(void)
{
	semm_model *m = NULL;
	semm_questionnaire *q = NULL;
	semm_responses *r = NULL;
	semm_result *res = NULL;
	semm_error err;
	int rc;

	semm_error_clear(&err);
	rc = semm_model_from_buffer(&m, model_json.data, model_json.len, "m",
				    &err);
	if (rc == 0)
		rc = semm_questionnaire_from_buffer(&q, quest_json.data,
						    quest_json.len, "q", &err);
	if (rc == 0)
		rc = semm_questionnaire_bind(q, m, &err);
	if (rc == 0)
		rc = semm_responses_new(&r, q, NULL);
	if (rc == 0)
		rc = semm_responses_read_csv_buffer(
			r, csv_text.data, csv_text.len, "r.csv", &err);
	if (rc == 0)
		rc = semm_responses_read_json_buffer(
			r, json_text.data, json_text.len, "r.json", &err);
	if (rc == 0)
		rc = semm_responses_read_stat_buffer(
			r, sav_bytes.data, sav_bytes.len, SEMM_STAT_SAV,
			"r.sav", &err);
	if (rc == 0)
		rc = semm_score_run(&res, m, q, r, NULL, &err);
	if (rc == 0)
		rc = write_all(res);
	semm_result_free(res);
	semm_responses_free(r);
	semm_questionnaire_free(q);
	semm_model_free(m);
	return rc;
}

Test(oom, pipeline_succeeds_without_failures_and_frees_everything,
     .init = setup, .fini = teardown)
{
	calls = 0;
	fail_at = -1;
	live = 0;
	cr_assert_eq(pipeline(), 0);
	cr_expect_eq(live, 0, "%ld blocks leaked", live);
	cr_expect_gt(calls, 50);
}

Test(oom, every_allocation_failing_in_turn_gives_enomem_without_leaks,
     .init = setup, .fini = teardown)
{
	long total, n;

	calls = 0;
	fail_at = -1;
	cr_assert_eq(pipeline(), 0);
	total = calls;
	for (n = 0; n < total; n++) {
		int rc;

		calls = 0;
		failed = 0;
		live = 0;
		fail_at = n;
		rc = pipeline();
		cr_expect_eq(failed, 1, "allocation %ld was never reached", n);
		cr_expect_eq(rc, SEMM_ENOMEM,
			     "allocation %ld of %ld failed: got %d (%s), "
			     "expected out of memory",
			     n, total, rc, semm_code_name(rc));
		cr_expect_eq(live, 0,
			     "allocation %ld failed: %ld blocks leaked", n,
			     live);
	}
	fail_at = -1;
}

/* Loads the shipped model, translated into German: its languages and
 * every text in both languages. */
static int load_translated_model(const text *t)
{
	semm_model *m = NULL;
	semm_error err;
	int rc = semm_model_from_buffer(&m, t->data, t->len, "m", &err);

	semm_model_free(m);
	return rc;
}

Test(oom, translated_model_failing_in_turn_gives_enomem_without_leaks,
     .init = setup, .fini = teardown)
{
	text t = slurp(DATA("models/iso23592.json"));
	long total, n;

	calls = 0;
	fail_at = -1;
	live = 0;
	cr_assert_eq(load_translated_model(&t), 0);
	total = calls;
	/* at least the 9 elements' 2 x 5 descriptors and their copies */
	cr_expect_gt(total, 2 * 9 * 5, "only %ld allocations", total);
	for (n = 0; n < total; n++) {
		calls = 0;
		failed = 0;
		live = 0;
		fail_at = n;
		cr_expect_eq(load_translated_model(&t), SEMM_ENOMEM,
			     "allocation %ld of %ld failed", n, total);
		cr_expect_eq(live, 0,
			     "allocation %ld failed: %ld blocks leaked", n,
			     live);
	}
	fail_at = -1;
	__real_free(t.data);
}
