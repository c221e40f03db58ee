/*
 * test_partial.c - saving a respondent store and loading it back
 * (src/partial.c): the loaded store scores exactly as the one saved, a
 * partial of another questionnaire is refused, and damaged partials
 * (truncated at every length, a byte flipped anywhere, a count forged
 * and the checksum recomputed) are refused with a located message and
 * never read out of bounds.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>

#include "test_helpers.h"

static semm_model *model;
static semm_questionnaire *quest;
static semm_error err;

/* Respondents with what a store keeps besides answers: an unanswered
 * row, a bad value, a duplicate id, rows without an id, two orgs. */
static const char rows[] = "id,org,A1,A2,B1,B2,B3,C1,C2\n"
			   "r1,O1,1,2,3,4,5,4,3\n"
			   "r2,O1,N/A,DK,,N/A,N/A,DK,\n"
			   "r3,O2,5,5,9,5,5,5,5\n"
			   "r1,O2,2,2,2,2,2,2,2\n"
			   ",O2,3,3,3,3,3,3,3\n"
			   "r4,,4,4,4,4,4,4,4\n"
			   "r5,O2,often,rarely,always,never,sometimes,DK,N/A\n";

/* The same with a sector column, kept as an attribute. */
static const char rows_sector[] = "id,org,sector,A1,A2,B1,B2,B3,C1,C2\n"
				  "r1,O1,S1,1,2,3,4,5,4,3\n"
				  "r2,O1,S1,N/A,DK,,N/A,N/A,DK,\n"
				  "r3,O2,,5,5,9,5,5,5,5\n"
				  "r1,O2,S2,2,2,2,2,2,2,2\n"
				  ",O2,S2,3,3,3,3,3,3,3\n"
				  "r4,,S1,4,4,4,4,4,4,4\n";

static const char *text = rows;

static void setup(void)
{
	semm_error_clear(&err);
	cr_assert_eq(
		semm_model_from_file(
			&model, DATA("tests/data/handworked/model.json"), &err),
		0);
	cr_assert_eq(semm_questionnaire_from_file(
			     &quest,
			     DATA("tests/data/handworked/questionnaire.json"),
			     &err),
		     0);
	cr_assert_eq(semm_questionnaire_bind(quest, model, &err), 0);
}

static void teardown(void)
{
	semm_questionnaire_free(quest);
	semm_model_free(model);
}

TestSuite(partial, .init = setup, .fini = teardown);

static semm_responses *read_rows(const semm_read_options *ro)
{
	semm_responses *r = NULL;

	cr_assert_eq(semm_responses_new(&r, quest, ro), 0);
	cr_assert_eq(semm_responses_read_csv_buffer(r, text, strlen(text),
						    "r.csv", &err),
		     0, "%s", err.message);
	return r;
}

/* The partial of r, in memory. */
static char *save(const semm_responses *r, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	cr_assert_not_null(fp);
	cr_assert_eq(semm_responses_save(r, fp, &err), 0, "%s", err.message);
	cr_assert_eq(fclose(fp), 0);
	return buf;
}

/* report.json of r scored with the defaults, in memory. */
static char *report(const semm_responses *r, size_t *len)
{
	semm_result *res = NULL;
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	cr_assert_not_null(fp);
	cr_assert_eq(semm_score_run(&res, model, quest, r, NULL, &err), 0, "%s",
		     err.message);
	cr_assert_eq(semm_report_write_json(res, fp), 0);
	/* fails (and writes nothing) when the store keeps no rows */
	(void)semm_report_write_respondents_csv(res, fp);
	cr_assert_eq(fclose(fp), 0);
	semm_result_free(res);
	return buf;
}

static int load(semm_responses **out, const char *p, size_t len)
{
	semm_error_clear(&err);
	return semm_responses_load_buffer(out, quest, p, len, "p.semm", &err);
}

static void round_trip(const semm_read_options *ro)
{
	semm_responses *r = read_rows(ro), *back = NULL;
	size_t len, len2, rlen, rlen2;
	char *p = save(r, &len), *p2, *a, *b;

	cr_assert_eq(load(&back, p, len), 0, "%s", err.message);
	cr_expect_eq(semm_responses_read_count(back),
		     semm_responses_read_count(r));
	cr_expect_eq(semm_responses_count(back), semm_responses_count(r));
	cr_expect_eq(semm_responses_rejected_count(back),
		     semm_responses_rejected_count(r));
	a = report(r, &rlen);
	b = report(back, &rlen2);
	cr_expect(rlen == rlen2 && memcmp(a, b, rlen) == 0,
		  "the loaded store reports differently");
	p2 = save(back, &len2);
	cr_expect(len == len2 && memcmp(p, p2, len) == 0,
		  "saving the loaded store gives other bytes");
	free(a);
	free(b);
	free(p);
	free(p2);
	semm_responses_free(back);
	semm_responses_free(r);
}

Test(partial, round_trip_reports_the_same_bytes)
{
	round_trip(NULL);
}

Test(partial, round_trip_without_rows_and_with_attributes)
{
	static const char *const attrs[] = { "sector" };
	semm_read_options ro = SEMM_READ_OPTIONS_INIT;

	ro.keep_rows = 0;
	round_trip(&ro);
	ro.keep_rows = 1;
	text = rows_sector;
	ro.attributes = attrs;
	ro.n_attributes = 1;
	ro.on_error = SEMM_ON_ERROR_REJECT;
	round_trip(&ro);
}

Test(partial, loaded_partials_merge_like_one_read)
{
	semm_responses *one = read_rows(NULL), *a = read_rows(NULL);
	semm_responses *b = read_rows(NULL), *la = NULL, *lb = NULL;
	size_t na, nb;
	char *pa = save(a, &na), *pb = save(b, &nb);

	cr_assert_eq(semm_responses_read_csv_buffer(one, rows, strlen(rows),
						    "r.csv", &err),
		     0);
	cr_assert_eq(load(&la, pa, na), 0, "%s", err.message);
	cr_assert_eq(load(&lb, pb, nb), 0, "%s", err.message);
	cr_assert_eq(semm_responses_merge(la, lb, &err), 0, "%s", err.message);
	cr_expect_eq(semm_responses_count(la), semm_responses_count(one));
	cr_expect_eq(semm_responses_rejected_count(la),
		     semm_responses_rejected_count(one));
	free(pa);
	free(pb);
	semm_responses_free(la);
	semm_responses_free(lb);
	semm_responses_free(a);
	semm_responses_free(b);
	semm_responses_free(one);
}

Test(partial, partials_follow_each_other_in_a_stream)
{
	semm_responses *r = read_rows(NULL), *x = NULL;
	size_t len, i;
	char *p = save(r, &len);
	char *two = malloc(2 * len);
	FILE *fp;

	memcpy(two, p, len);
	memcpy(two + len, p, len);
	fp = fmemopen(two, 2 * len, "rb");
	cr_assert_not_null(fp);
	for (i = 0; i < 2; i++) {
		cr_assert_eq(semm_responses_load(&x, quest, fp, "-", &err), 0,
			     "%s", err.message);
		cr_expect_eq(semm_responses_count(x), semm_responses_count(r));
		semm_responses_free(x);
	}
	cr_expect_eq(getc(fp), EOF);
	fclose(fp);
	cr_expect_neq(load(&x, two, 2 * len), 0, "trailing bytes accepted");
	cr_expect(strstr(err.message, "after the end") != NULL, "%s",
		  err.message);
	free(two);
	free(p);
	semm_responses_free(r);
}

Test(partial, another_questionnaire_is_refused)
{
	semm_model *m2 = NULL;
	semm_questionnaire *q2 = NULL;
	semm_responses *r = read_rows(NULL), *x = NULL;
	size_t len;
	char *p = save(r, &len);

	cr_assert_eq(
		semm_model_from_file(&m2, DATA("models/iso23592.json"), &err),
		0);
	cr_assert_eq(semm_questionnaire_from_file(
			     &q2,
			     DATA("questionnaires/"
				  "iso23592-self-assessment.json"),
			     &err),
		     0);
	cr_assert_eq(semm_questionnaire_bind(q2, m2, &err), 0);
	semm_error_clear(&err);
	cr_expect_eq(semm_responses_load_buffer(&x, q2, p, len, "p.semm", &err),
		     SEMM_EDATA);
	cr_expect_null(x);
	cr_expect(strstr(err.message, "written for questionnaire") != NULL,
		  "%s", err.message);
	cr_expect_str_eq(err.source, "p.semm");
	free(p);
	semm_responses_free(r);
	semm_questionnaire_free(q2);
	semm_model_free(m2);
}

Test(partial, truncated_at_every_length_is_refused)
{
	semm_responses *r = read_rows(NULL), *x = NULL;
	size_t len, k;
	char *p = save(r, &len);

	for (k = 0; k < len; k++) {
		/* a copy of exactly k bytes, so that a read past it is
		 * caught by the sanitizers */
		char *cut = malloc(k ? k : 1);
		FILE *fp;

		memcpy(cut, p, k);
		cr_assert_neq(load(&x, cut, k), 0, "accepted %zu bytes", k);
		cr_assert_null(x);
		cr_assert(strstr(err.message, "byte ") != NULL, "%s",
			  err.message);
		fp = fmemopen(p, k ? k : 1, "rb");
		if (k == 0)
			(void)getc(fp);
		cr_assert_neq(semm_responses_load(&x, quest, fp, "-", &err), 0);
		cr_assert_null(x);
		fclose(fp);
		free(cut);
	}
	free(p);
	semm_responses_free(r);
}

Test(partial, a_flipped_byte_is_refused)
{
	semm_responses *r = read_rows(NULL), *x = NULL;
	size_t len, k;
	char *p = save(r, &len);

	for (k = 0; k < len; k++) {
		p[k] ^= 0x20;
		cr_assert_neq(load(&x, p, len), 0, "byte %zu flipped", k);
		cr_assert_null(x);
		p[k] ^= 0x20;
	}
	cr_expect_eq(load(&x, p, len), 0);
	semm_responses_free(x);
	free(p);
	semm_responses_free(r);
}

/* The checksum of docs/FORMATS.md over the head and payload, written
 * after them (as saved): 64-bit little-endian words, the last padded with
 * zero bytes, h = (h ^ w) * M, h ^= h >> 31; then the length. */
static void reseal(unsigned char *p, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL, n = len - 8;
	size_t i, j;

	for (i = 0; i < n; i += 8) {
		uint64_t w = 0;

		for (j = 0; j < 8 && i + j < n; j++)
			w |= (uint64_t)p[i + j] << (8 * j);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	h = (h ^ n) * 0x94d049bb133111ebULL;
	h ^= h >> 32;
	for (i = 0; i < 8; i++)
		p[len - 8 + i] = (unsigned char)(h >> (8 * i));
}

/* The saved checksum is the one docs/FORMATS.md defines (reseal, above,
 * written from it): sealing a saved partial again changes no byte, and a
 * partial whose checksum is off by one bit is refused as damaged. */
Test(partial, checksum_is_the_documented_one)
{
	semm_responses *r = read_rows(NULL), *x = NULL;
	size_t len;
	char *p = save(r, &len);
	unsigned char *copy = malloc(len);

	cr_assert_not_null(copy);
	memcpy(copy, p, len);
	reseal(copy, len);
	cr_expect_eq(memcmp(copy, p, len), 0);
	copy[len - 1] ^= 1;
	cr_expect_lt(load(&x, (const char *)copy, len), 0);
	cr_expect(strstr(err.message, "checksum mismatch") != NULL, "%s",
		  err.message);
	free(copy);
	free(p);
	semm_responses_free(r);
}

/* Every field forged (a huge or off-by-one value at every offset, the
 * checksum made right again): each load fails cleanly or gives a store
 * that scores; huge counts are caught before anything is allocated. */
Test(partial, forged_counts_and_indexes_are_refused)
{
	static const unsigned char forged[][8] = {
		{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f },
		{ 0xf0, 0xff, 0xff, 0xff, 0, 0, 0, 0 },
		{ 0x07, 0, 0, 0, 0, 0, 0, 0 },
		{ 0x0d, 0, 0, 0, 0, 0, 0, 0 },
	};
	semm_responses *r = read_rows(NULL), *x = NULL;
	size_t len, k, f, rlen, cannot_fit = 0, refused = 0;
	char *p = save(r, &len);
	unsigned char *copy = malloc(len);

	for (k = 24; k + 8 < len; k++) {
		for (f = 0; f < sizeof(forged) / sizeof(forged[0]); f++) {
			size_t n = len - 8 - k < 8 ? len - 8 - k : 8;

			memcpy(copy, p, len);
			memcpy(copy + k, forged[f], n);
			reseal(copy, len);
			if (load(&x, (const char *)copy, len) == 0) {
				free(report(x, &rlen));
				semm_responses_free(x);
				continue;
			}
			cr_assert_null(x);
			refused++;
			cr_assert(strncmp(err.message, "byte ", 5) == 0, "%s",
				  err.message);
			cannot_fit += strstr(err.message, "cannot fit") != NULL;
		}
	}
	cr_expect_gt(refused, 0);
	cr_expect_gt(cannot_fit, 0, "no forged count was caught as such");
	free(copy);
	free(p);
	semm_responses_free(r);
}
