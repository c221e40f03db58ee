/*
 * test_accumulator.c - the response set as an accumulator: the shipped
 * example cut at arbitrary lines (organizations spread over the parts),
 * the parts read into sets of their own (the later ones without a header,
 * given the file's), merged in several orders and as merges of merges,
 * score to the same report.json bytes as the whole file read at once.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>

#include "test_helpers.h"

static semm_model *model;
static semm_questionnaire *quest;
static char *text;
static size_t text_len;
static char header[4096];

static void setup(void)
{
	semm_error err;
	FILE *fp = fopen(DATA("questionnaires/examples/iso23592-example.csv"),
			 "rb");
	size_t cap = 1 << 20, n;

	semm_error_clear(&err);
	cr_assert_eq(semm_model_from_file(&model, DATA("models/iso23592.json"),
					  &err),
		     SEMM_OK, "%s", err.message);
	cr_assert_eq(
		semm_questionnaire_from_file(
			&quest,
			DATA("questionnaires/iso23592-self-assessment.json"),
			&err),
		SEMM_OK, "%s", err.message);
	cr_assert_eq(semm_questionnaire_bind(quest, model, &err), SEMM_OK);
	cr_assert_not_null(fp);
	text = malloc(cap);
	n = fread(text, 1, cap, fp);
	fclose(fp);
	cr_assert(n > 0 && n < cap);
	text_len = n;
	n = (size_t)(strchr(text, '\n') - text) + 1;
	cr_assert(n < sizeof(header));
	memcpy(header, text, n);
	header[n] = '\0';
}

static void teardown(void)
{
	semm_questionnaire_free(quest);
	semm_model_free(model);
	free(text);
}

/* A set of the bytes [from, to) of the example (headerless after the
 * first part: the file's header is given). */
static semm_responses *read_part(size_t from, size_t to)
{
	semm_read_options ro = SEMM_READ_OPTIONS_INIT;
	semm_responses *r = NULL;
	semm_error err;

	semm_error_clear(&err);
	if (from > 0)
		ro.header = header;
	cr_assert_eq(semm_responses_new(&r, quest, &ro), SEMM_OK);
	cr_assert_eq(semm_responses_read_csv_buffer(r, text + from, to - from,
						    "example.csv", &err),
		     SEMM_OK, "%s", err.message);
	return r;
}

/* report.json of a set, as text. */
static char *report_of(const semm_responses *r)
{
	semm_result *res = NULL;
	semm_error err;
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	semm_error_clear(&err);
	cr_assert_eq(semm_score_run(&res, model, quest, r, NULL, &err), SEMM_OK,
		     "%s", err.message);
	cr_assert_eq(semm_report_write_json(res, fp), SEMM_OK);
	fclose(fp);
	semm_result_free(res);
	return buf;
}

/* The offset just after the line end that follows offset at. */
static size_t line_after(size_t at)
{
	const char *nl = memchr(text + at, '\n', text_len - at);

	cr_assert_not_null(nl);
	return (size_t)(nl - text) + 1;
}

static void merge_into(semm_responses *dst, semm_responses *src)
{
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(semm_responses_merge(dst, src, &err), SEMM_OK, "%s",
		     err.message);
	semm_responses_free(src);
}

TestSuite(accumulator, .init = setup, .fini = teardown);

Test(accumulator, parts_merged_in_any_order_give_the_same_report)
{
	semm_responses *whole = read_part(0, text_len);
	char *want = report_of(whole);
	/* cuts at a seventh and at three fifths of the file, then one line
	 * into the file and a few lines before its end */
	size_t cuts[][2] = {
		{ line_after(text_len / 7), line_after(text_len * 3 / 5) },
		{ line_after(strlen(header)), line_after(text_len - 400) }
	};
	size_t k;

	semm_responses_free(whole);
	for (k = 0; k < sizeof(cuts) / sizeof(cuts[0]); k++) {
		size_t a = cuts[k][0], b = cuts[k][1];
		semm_responses *p, *q, *s;
		char *got;

		/* (A + B) + C, in input order */
		p = read_part(0, a);
		merge_into(p, read_part(a, b));
		merge_into(p, read_part(b, text_len));
		got = report_of(p);
		cr_expect_str_eq(got, want, "cuts %zu, %zu: (A+B)+C", a, b);
		free(got);
		semm_responses_free(p);
		/* A + (B + C): a merge of merges */
		p = read_part(0, a);
		q = read_part(a, b);
		merge_into(q, read_part(b, text_len));
		merge_into(p, q);
		got = report_of(p);
		cr_expect_str_eq(got, want, "cuts %zu, %zu: A+(B+C)", a, b);
		free(got);
		semm_responses_free(p);
		/* C + A + B: another order of the same parts */
		s = read_part(b, text_len);
		merge_into(s, read_part(0, a));
		merge_into(s, read_part(a, b));
		got = report_of(s);
		cr_expect_str_eq(got, want, "cuts %zu, %zu: C+A+B", a, b);
		free(got);
		semm_responses_free(s);
	}
	free(want);
}

Test(accumulator, a_duplicate_across_parts_is_rejected_as_in_one_read)
{
	semm_read_options ro = SEMM_READ_OPTIONS_INIT;
	semm_responses *one = NULL, *a = NULL, *b = NULL;
	semm_error err;
	char buf[512], want[512];
	const char *rows = "id,org,A1,A2,B1,B2,B3,C1,C2\n"
			   "r1,X,1,2,3,4,5,1,2\nr2,X,2,2,3,4,5,1,2\n"
			   "r1,Y,3,2,3,4,5,1,2\nr1,Y,4,2,3,4,5,1,2\n";
	const char *cut = strstr(rows, "r1,Y");
	semm_model *m;
	semm_questionnaire *q;
	semm_responses *loaded;

	load_handworked(&m, &q, &loaded);
	semm_responses_free(loaded);
	semm_error_clear(&err);
	cr_assert_eq(semm_responses_new(&one, q, &ro), SEMM_OK);
	cr_assert_eq(semm_responses_read_csv_buffer(one, rows, strlen(rows),
						    "r.csv", &err),
		     SEMM_OK, "%s", err.message);
	/* the first part; the second with the header given, its lines
	 * numbered from its own start */
	cr_assert_eq(semm_responses_new(&a, q, &ro), SEMM_OK);
	cr_assert_eq(semm_responses_read_csv_buffer(
			     a, rows, (size_t)(cut - rows), "r.csv", &err),
		     SEMM_OK);
	ro.header = "id,org,A1,A2,B1,B2,B3,C1,C2\n";
	cr_assert_eq(semm_responses_new(&b, q, &ro), SEMM_OK);
	cr_assert_eq(semm_responses_read_csv_buffer(b, cut, strlen(cut),
						    "part2.csv", &err),
		     SEMM_OK);
	cr_assert_eq(semm_responses_merge(a, b, &err), SEMM_OK);
	cr_expect_eq(semm_responses_count(a), semm_responses_count(one));
	cr_expect_eq(semm_responses_rejected_count(a), 2);
	cr_expect_eq(semm_responses_rejected_count(one), 2);
	/* both later r1s name the first of all, in the first part */
	snprintf(want, sizeof(want),
		 "part2.csv:1:1: duplicate respondent id \"r1\" (first seen at "
		 "r.csv:2)");
	cr_expect_str_eq(semm_responses_rejection(a, 0, buf, sizeof(buf)),
			 want);
	snprintf(want, sizeof(want),
		 "part2.csv:2:1: duplicate respondent id \"r1\" (first seen at "
		 "r.csv:2)");
	cr_expect_str_eq(semm_responses_rejection(a, 1, buf, sizeof(buf)),
			 want);
	semm_responses_free(one);
	semm_responses_free(a);
	semm_responses_free(b);
	semm_questionnaire_free(q);
	semm_model_free(m);
}
