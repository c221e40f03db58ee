/*
 * test_compare.c - unit tests of src/compare/compare.c: comparing two reports.
 *
 * The two reports are written out below by hand, with figures chosen so
 * that every Welch difference works out exactly (se and df exact, df an
 * integer whose t quantile is in a printed table or has a closed form).
 * They are fixtures, not the output of a scoring run: the figures of a
 * dimension need not follow from its elements'. Scale 1..5 (percent =
 * 25 (mean - 1)); bands L1 [0,20) L2 [20,40) L3 [40,60) L4 [60,80)
 * L5 [80,100].
 *
 * t quantiles: for an even df nu, Student's t has the finite series
 * F(t) = 1/2 + (x/2) sum_{k=0}^{nu/2-1} c_k (1 - x^2)^k, x = t/sqrt(nu +
 * t^2), c_0 = 1, c_k = c_{k-1} (2k - 1)/(2k); solving F(t) = 0.975 in
 * 50-digit decimal arithmetic gives t(0.975, 14) = 2.14478668791780,
 * t(0.975, 4) = 2.77644510519779 and t(0.975, 2) = 4.30265272974946
 * (printed tables: 2.145, 2.776, 4.303; the last two also follow from
 * the closed forms in test_welch.c).
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <criterion/criterion.h>

#include "test_helpers.h"

#define T14 2.1447866879178038
#define T4 2.7764451051977944
#define T2 4.3026527297494639

/* The unit statistics of a report, as report.json writes them. */
#define STATS(n, mean, sd, pct, lv, lname)                                 \
	"\"n\": " #n ", \"missing\": 0, \"mean\": " #mean ", \"sd\": " #sd \
	", \"percent\": " #pct ", \"level\": " #lv ", \"level_name\": " #lname

/* The header of a report; %s: format, model id, model version, input,
 * groups. Line 4 holds the model: its id value starts at column 19 (2
 * blanks + `"model": {` (10) + `"id": ` (6) = 18 characters before it),
 * its version value at column 38 (18 + `"mini", ` (8) + `"version": `
 * (11) = 37 before it). */
static const char head_fmt[] =
	"{\n"
	"  \"format\": \"%s\",\n"
	"  \"engine\": {\"name\": \"semm\", \"version\": \"0.1.0\"},\n"
	"  \"model\": {\"id\": \"%s\", \"version\": \"%s\", \"title\": "
	"\"Mini & co\"},\n"
	"  \"questionnaire\": {\"id\": \"q\", \"version\": \"1\"},\n"
	"  \"parameters\": {\"group_by\": \"org\", \"na_policy\": "
	"\"exclude\", \"na_anchor_percent\": 60, \"coverage_min\": 0.5, "
	"\"score_scale\": {\"min\": 1, \"max\": 5}, \"inputs\": [\"%s\"]},\n"
	"  \"respondents\": {\"read\": 20, \"scored\": 19, \"rejected\": 1},\n"
	"  \"groups\": [\n%s\n  ]\n"
	"}\n";

/*
 * Before. Alpha: overall, D1, D2, E1, E2, E3; Beta (only here); Delta
 * (only an overall, without scores).
 */
static const char before_groups[] =
	"{\"id\": \"Alpha\", \"n\": 8,\n"
	" \"overall\": {" STATS(
		8, 2.5, 0.5, 37.5, 2,
		"Developing") "},\n"
			      " \"dimensions\": [\n"
			      "  {\"id\": \"D1\", \"name\": \"Dim one\", " STATS(
				      2, 1.5, 0.707106781186548, 12.5, 1,
				      "Initial") "},\n"
						 "  {\"id\": \"D2\", \"name\": \"Dim two\", " STATS(
							 2, 2, 1, 25, 2,
							 "Developing") "}],\n"
								       " \"elements\": [\n"
								       "  {\"id\": \"E1\", \"name\": \"Elem one\", \"dimension\": \"D1\", " STATS(
									       8,
									       4,
									       0.5,
									       75,
									       4,
									       "Advanced") "},\n"
											   "  {\"id\": \"E2\", \"name\": \"Elem two\", \"dimension\": \"D1\", " STATS(
												   8,
												   3,
												   0.5,
												   50,
												   3,
												   "Established") "},\n"
														  "  {\"id\": \"E3\", \"name\": \"Elem three\", \"dimension\": \"D2\", " STATS(
															  3,
															  2,
															  0,
															  25,
															  2,
															  "Developing") "}]},\n"
																	"{\"id\": \"Beta\", \"n\": 4},\n"
																	"{\"id\": \"Delta\", \"n\": 0,\n"
																	" \"overall\": {" STATS(
																		0,
																		null,
																		null,
																		null,
																		null,
																		null) "},\n"
																		      " \"dimensions\": [], \"elements\": []}";

/* After: the dimensions listed in the other order (matching is by id),
 * Gamma only here. */
static const char after_groups[] =
	"{\"id\": \"Alpha\", \"n\": 8,\n"
	" \"overall\": {" STATS(
		8, 3, 0.5, 50, 3,
		"Established") "},\n"
			       " \"dimensions\": [\n"
			       "  {\"id\": \"D2\", \"name\": \"Dim two\", " STATS(
				       2, 3, 1, 50, 3,
				       "Established") "},\n"
						      "  {\"id\": \"D1\", \"name\": \"Dim one\", " STATS(
							      4, 4.5,
							      1.73205080756888,
							      87.5, 5,
							      "Excellent") "}],\n"
									   " \"elements\": [\n"
									   "  {\"id\": \"E1\", \"name\": \"Elem one\", \"dimension\": \"D1\", " STATS(
										   8,
										   3,
										   0.5,
										   50,
										   3,
										   "Established") "},\n"
												  "  {\"id\": \"E2\", \"name\": \"Elem two\", \"dimension\": \"D1\", " STATS(
													  1,
													  3,
													  null,
													  50,
													  3,
													  "Established") "},\n"
															 "  {\"id\": \"E3\", \"name\": \"Elem three\", \"dimension\": \"D2\", " STATS(
																 3,
																 2.5,
																 0,
																 37.5,
																 2,
																 "Developing") "}]},\n"
																	       "{\"id\": \"Delta\", \"n\": 5,\n"
																	       " \"overall\": {" STATS(
																		       5,
																		       3,
																		       1,
																		       50,
																		       3,
																		       "Established") "},\n"
																				      " \"dimensions\": [], \"elements\": []},\n"
																				      "{\"id\": \"Gamma\", \"n\": 3}";

/* A report text (caller frees). */
static char *report(const char *format, const char *model, const char *version,
		    const char *input, const char *groups)
{
	size_t len = sizeof(head_fmt) + strlen(format) + strlen(model) +
		     strlen(version) + strlen(input) + strlen(groups);
	char *text = malloc(len);

	cr_assert_not_null(text);
	snprintf(text, len, head_fmt, format, model, version, input, groups);
	return text;
}

static int compare_texts(semm_compare **c, const char *b, const char *a,
			 semm_error *err)
{
	semm_error_clear(err);
	return semm_compare_from_buffers(c, b, strlen(b), "before.json", a,
					 strlen(a), "after.json", err);
}

/* Compares the standard fixture pair. */
static semm_compare *fixture(void)
{
	char *b = report("semm-report/1", "mini", "1.0.0", "b.csv",
			 before_groups);
	char *a =
		report("semm-report/1", "mini", "1.0.0", "a.csv", after_groups);
	semm_compare *c = NULL;
	semm_error err;
	int rc = compare_texts(&c, b, a, &err);

	free(b);
	free(a);
	cr_assert_eq(rc, SEMM_OK, "rc %d: %s", rc, err.message);
	return c;
}

static void quiet(void)
{
	semm_init();
}

TestSuite(compare, .init = quiet);

/* ---- pairing ------------------------------------------------------------ */

Test(compare, groups_are_matched_by_id_and_the_rest_listed)
{
	semm_compare *c = fixture();

	cr_expect_eq(semm_compare_group_count(c), 2); /* Alpha, Delta */
	cr_expect_eq(semm_compare_unit_count(c), 7);  /* 6 + 1 */
	cr_expect_eq(semm_compare_unmatched_count(c, 0), 1);
	cr_expect_str_eq(semm_compare_unmatched(c, 0, 0), "Beta");
	cr_expect_eq(semm_compare_unmatched_count(c, 1), 1);
	cr_expect_str_eq(semm_compare_unmatched(c, 1, 0), "Gamma");
	cr_expect_null(semm_compare_unmatched(c, 1, 1));
	cr_expect_eq(semm_compare_warning_count(c), 0);
	/* Units in order: overall, dimensions and elements in the before
	 * report's order. */
	cr_expect_str_eq(semm_compare_unit_at(c, 0)->type, "overall");
	cr_expect_str_eq(semm_compare_unit_at(c, 1)->id, "D1");
	cr_expect_str_eq(semm_compare_unit_at(c, 2)->id, "D2");
	cr_expect_str_eq(semm_compare_unit_at(c, 3)->id, "E1");
	cr_expect_str_eq(semm_compare_unit_at(c, 3)->dimension, "D1");
	cr_expect_str_eq(semm_compare_unit_at(c, 6)->group, "Delta");
	cr_expect_null(semm_compare_unit_at(c, 7));
	/* improvement D1; decline E1; within noise overall, D2;
	 * insufficient E2, E3, Delta overall. */
	cr_expect_eq(semm_compare_verdict_count(c, SEMM_VERDICT_IMPROVEMENT),
		     1);
	cr_expect_eq(semm_compare_verdict_count(c, SEMM_VERDICT_DECLINE), 1);
	cr_expect_eq(semm_compare_verdict_count(c, SEMM_VERDICT_WITHIN_NOISE),
		     2);
	cr_expect_eq(semm_compare_verdict_count(c, SEMM_VERDICT_INSUFFICIENT),
		     3);
	semm_compare_free(c);
}

/*
 * Alpha overall: before n 8, mean 2.5, sd 0.5 (37.5 %, L2); after n 8,
 * mean 3, sd 0.5 (50 %, L3).
 *   sd^2/n = 0.25/8 = 1/32 per side; se = sqrt(1/16) = 0.25;
 *   df = (1/16)^2 / (2 (1/32)^2 / 7) = 14.
 *   diff = 0.5; CI = 0.5 -/+ 0.25 * 2.14478668791780 = 0.5 -/+
 *   0.53619667197945 = [-0.03619667197945, 1.03619667197945]: holds 0,
 *   within noise.
 *   percent points 50 - 37.5 = 12.5; level 2 -> 3, up.
 */
Test(compare, overall_within_noise_though_the_level_rose)
{
	semm_compare *c = fixture();
	const semm_compare_unit *u = semm_compare_unit_at(c, 0);

	cr_expect_str_eq(u->group, "Alpha");
	cr_expect_str_eq(u->id, "overall");
	cr_expect_eq(u->before.n, 8);
	expect_close(u->before.mean, 2.5);
	expect_close(u->after.sd, 0.5);
	expect_close(u->diff.diff, 0.5);
	expect_close(u->diff.se, 0.25);
	expect_close(u->diff.df, 14.0);
	expect_close(u->diff.ci_lo, 0.5 - 0.25 * T14);
	expect_close(u->diff.ci_hi, 0.5 + 0.25 * T14);
	cr_expect(fabs(u->diff.ci_lo - -0.0362) < 0.0001);
	expect_close(u->percent_points, 12.5);
	cr_expect_eq(u->verdict, SEMM_VERDICT_WITHIN_NOISE);
	cr_expect_null(u->reason);
	cr_expect_eq(u->level_change, SEMM_LEVEL_UP);
	cr_expect_eq(u->before.level, 2);
	cr_expect_eq(u->after.level, 3);
	cr_expect_str_eq(u->after.level_name, "Established");
	semm_compare_free(c);
}

/*
 * D1: before n 2, mean 1.5, sd sqrt(1/2) (12.5 %, L1); after n 4, mean
 * 4.5, sd sqrt(3) (87.5 %, L5).
 *   a = (1/2)/2 = 1/4, b = 3/4; se = 1; df = 1 / ((1/4)^2/1 + (3/4)^2/3)
 *   = 1 / (1/16 + 3/16) = 4.
 *   diff = 3; CI = 3 -/+ 2.7764451052 = [0.2235548948, 5.7764451052]:
 *   above 0, improvement. Percent points 75; level 1 -> 5, up.
 * (The report writes sd with 15 digits, so se and df are 1 and 4 to
 * about 1e-15.)
 */
Test(compare, dimension_improvement)
{
	semm_compare *c = fixture();
	const semm_compare_unit *u = semm_compare_unit_at(c, 1);

	cr_expect_str_eq(u->type, "dimension");
	cr_expect_str_eq(u->name, "Dim one");
	expect_close(u->diff.diff, 3.0);
	expect_close(u->diff.se, 1.0);
	expect_close(u->diff.df, 4.0);
	expect_close(u->diff.ci_lo, 3.0 - T4);
	expect_close(u->diff.ci_hi, 3.0 + T4);
	expect_close(u->percent_points, 75.0);
	cr_expect_eq(u->verdict, SEMM_VERDICT_IMPROVEMENT);
	cr_expect_eq(u->level_change, SEMM_LEVEL_UP);
	semm_compare_free(c);
}

/*
 * D2 (listed second in before, first in after): n 2 and 2, sd 1 and 1,
 * means 2 -> 3. a = b = 1/2, se = 1, df = 1 / (1/4 + 1/4) = 2.
 * CI = 1 -/+ 4.3026527297 = [-3.3026527297, 5.3026527297]: within
 * noise. Percent points 25; level 2 -> 3, up.
 */
Test(compare, dimension_within_noise_with_two_df)
{
	semm_compare *c = fixture();
	const semm_compare_unit *u = semm_compare_unit_at(c, 2);

	cr_expect_str_eq(u->id, "D2");
	expect_close(u->diff.diff, 1.0);
	expect_close(u->diff.df, 2.0);
	expect_close(u->diff.ci_lo, 1.0 - T2);
	expect_close(u->diff.ci_hi, 1.0 + T2);
	expect_close(u->percent_points, 25.0);
	cr_expect_eq(u->verdict, SEMM_VERDICT_WITHIN_NOISE);
	cr_expect_eq(u->level_change, SEMM_LEVEL_UP);
	semm_compare_free(c);
}

/*
 * E1: n 8 and 8, sd 0.5 and 0.5, means 4 -> 3 (75 % L4 -> 50 % L3).
 * se = 0.25, df = 14; CI = -1 -/+ 0.53619667197945 = [-1.53619667197945,
 * -0.46380332802055]: below 0, decline. Percent points -25; down.
 */
Test(compare, element_decline)
{
	semm_compare *c = fixture();
	const semm_compare_unit *u = semm_compare_unit_at(c, 3);

	expect_close(u->diff.diff, -1.0);
	expect_close(u->diff.ci_lo, -1.0 - 0.25 * T14);
	expect_close(u->diff.ci_hi, -1.0 + 0.25 * T14);
	expect_close(u->percent_points, -25.0);
	cr_expect_eq(u->verdict, SEMM_VERDICT_DECLINE);
	cr_expect_eq(u->level_change, SEMM_LEVEL_DOWN);
	semm_compare_free(c);
}

/*
 * E2: after has n 1 (sd null): the difference 3 - 3 = 0 is given, the
 * interval is not; insufficient data, "fewer than 2 scores after";
 * percent points 0; level 3 -> 3, same.
 * E3: sd 0 on both sides (n 3 and 3), means 2 -> 2.5: diff 0.5, se 0,
 * df 0/0: no interval, "no variance on either side"; percent points
 * 37.5 - 25 = 12.5; level 2 -> 2, same.
 */
Test(compare, insufficient_data_is_explained)
{
	semm_compare *c = fixture();
	const semm_compare_unit *e2 = semm_compare_unit_at(c, 4);
	const semm_compare_unit *e3 = semm_compare_unit_at(c, 5);

	cr_expect_eq(e2->after.n, 1);
	cr_expect(isnan(e2->after.sd));
	expect_close(e2->diff.diff, 0.0);
	cr_expect(isnan(e2->diff.ci_lo) && isnan(e2->diff.ci_hi));
	cr_expect_eq(e2->verdict, SEMM_VERDICT_INSUFFICIENT);
	cr_expect_str_eq(e2->reason, "fewer than 2 scores after");
	expect_close(e2->percent_points, 0.0);
	cr_expect_eq(e2->level_change, SEMM_LEVEL_SAME);

	expect_close(e3->diff.diff, 0.5);
	cr_expect_eq(e3->diff.se, 0.0);
	cr_expect(isnan(e3->diff.df));
	cr_expect_eq(e3->verdict, SEMM_VERDICT_INSUFFICIENT);
	cr_expect_str_eq(e3->reason, "no variance on either side");
	expect_close(e3->percent_points, 12.5);
	cr_expect_eq(e3->level_change, SEMM_LEVEL_SAME);
	semm_compare_free(c);
}

/* Delta overall: no score before (n 0, everything null), n 5 after: no
 * difference, no percent points, no level change. */
Test(compare, a_side_without_scores)
{
	semm_compare *c = fixture();
	const semm_compare_unit *u = semm_compare_unit_at(c, 6);

	cr_expect_eq(u->before.n, 0);
	cr_expect_eq(u->before.has_level, 0);
	cr_expect_null(u->before.level_name);
	cr_expect(isnan(u->diff.diff));
	cr_expect(isnan(u->percent_points));
	cr_expect_eq(u->verdict, SEMM_VERDICT_INSUFFICIENT);
	cr_expect_str_eq(u->reason, "fewer than 2 scores before");
	cr_expect_eq(u->level_change, SEMM_LEVEL_UNKNOWN);
	semm_compare_free(c);
}

Test(compare, names_of_verdicts_and_changes)
{
	cr_expect_str_eq(semm_verdict_name(SEMM_VERDICT_IMPROVEMENT),
			 "improvement");
	cr_expect_str_eq(semm_verdict_name(SEMM_VERDICT_DECLINE), "decline");
	cr_expect_str_eq(semm_verdict_name(SEMM_VERDICT_WITHIN_NOISE),
			 "within noise");
	cr_expect_str_eq(semm_verdict_name(SEMM_VERDICT_INSUFFICIENT),
			 "insufficient data");
	cr_expect_str_eq(semm_level_change_name(SEMM_LEVEL_UP), "up");
	cr_expect_str_eq(semm_level_change_name(SEMM_LEVEL_DOWN), "down");
	cr_expect_str_eq(semm_level_change_name(SEMM_LEVEL_SAME), "same");
	cr_expect_null(semm_level_change_name(SEMM_LEVEL_UNKNOWN));
}

/* ---- warnings ----------------------------------------------------------- */

Test(compare, differing_scoring_parameters_are_warned)
{
	char *b = report("semm-report/1", "mini", "1.0.0", "b.csv",
			 before_groups);
	char *a =
		report("semm-report/1", "mini", "1.0.0", "a.csv", after_groups);
	char *p = strstr(a, "\"na_policy\": \"exclude\"");
	semm_compare *c = NULL;
	semm_error err;

	cr_assert_not_null(p);
	/* `"na_policy": ` is 13 characters; `"zero"   ` replaces `"exclude"`
	 * with as many bytes, still valid JSON. */
	memcpy(p + 13, "\"zero\"   ", 9);
	cr_assert_eq(compare_texts(&c, b, a, &err), SEMM_OK, "%s", err.message);
	cr_expect_eq(semm_compare_warning_count(c), 1);
	cr_expect(strstr(semm_compare_warning(c, 0),
			 "different N/A policies (exclude before, zero after)"),
		  "%s", semm_compare_warning(c, 0));
	semm_compare_free(c);
	free(a);
	free(b);
}

/* ---- refusals ----------------------------------------------------------- */

static void expect_refused(const char *before, const char *after, int code,
			   const char *source, unsigned long line,
			   unsigned long column, const char *text)
{
	semm_compare *c = (semm_compare *)&c; /* must be reset to NULL */
	semm_error err;
	int rc = compare_texts(&c, before, after, &err);

	cr_expect_eq(rc, code, "rc %d, expected %d: %s", rc, code, err.message);
	cr_expect_null(c);
	cr_expect_str_eq(err.source, source);
	cr_expect_eq(err.line, line, "line %lu, expected %lu (%s)", err.line,
		     line, err.message);
	cr_expect_eq(err.column, column, "column %lu, expected %lu (%s)",
		     err.column, column, err.message);
	cr_expect(strstr(err.message, text), "message \"%s\" lacks \"%s\"",
		  err.message, text);
}

Test(compare, refuses_a_different_model)
{
	char *b = report("semm-report/1", "mini", "1.0.0", "b.csv",
			 before_groups);
	char *a =
		report("semm-report/1", "maxi", "1.0.0", "a.csv", after_groups);

	expect_refused(b, a, SEMM_EINVALID, "after.json", 4, 19,
		       "$.model.id: model \"maxi\" differs from model \"mini\" "
		       "of before.json: only reports of the same model can "
		       "be compared");
	free(a);
	free(b);
}

Test(compare, refuses_a_different_model_version)
{
	char *b = report("semm-report/1", "mini", "1.0.0", "b.csv",
			 before_groups);
	char *a =
		report("semm-report/1", "mini", "2.0.0", "a.csv", after_groups);

	expect_refused(b, a, SEMM_EINVALID, "after.json", 4, 38,
		       "$.model.version: model version \"2.0.0\" differs from "
		       "version \"1.0.0\" of before.json");
	free(a);
	free(b);
}

/* The format value of line 2 starts at column 13 (2 blanks +
 * `"format": ` (10) before it). */
Test(compare, refuses_another_report_format_version)
{
	char *b = report("semm-report/2", "mini", "1.0.0", "b.csv",
			 before_groups);
	char *a =
		report("semm-report/1", "mini", "1.0.0", "a.csv", after_groups);

	expect_refused(b, a, SEMM_ESCHEMA, "before.json", 2, 13,
		       "$.format: format version \"semm-report/2\" is not "
		       "supported (this engine reads semm-report/1)");
	free(a);
	free(b);
}

Test(compare, refuses_what_is_not_a_report)
{
	static const char model[] = "{\n  \"format\": \"semm-model/1\",\n"
				    "  \"id\": \"mini\"\n}\n";
	static const char array[] = "[1, 2, 3]\n";
	char *b = report("semm-report/1", "mini", "1.0.0", "b.csv",
			 before_groups);

	expect_refused(b, model, SEMM_ESCHEMA, "after.json", 2, 13,
		       "$.format: this is a \"semm-model/1\" file, expected "
		       "\"semm-report/1\"");
	expect_refused(array, b, SEMM_ESCHEMA, "before.json", 1, 1,
		       "$: expected an object with \"format\": "
		       "\"semm-report/1\"");
	free(b);
}

/*
 * Truncated after line 5's `"questionnaire": {"id": "q", "ver`: cJSON
 * stops in the string that never closes, and its end pointer names the
 * first character inside it. The opening quote is at column 32 of line
 * 5 (2 blanks + `"questionnaire": {` (18) + `"id": "q", ` (11) = 31
 * characters before it), so the error is at column 33.
 */
Test(compare, refuses_truncated_json_with_its_position)
{
	char *b = report("semm-report/1", "mini", "1.0.0", "b.csv",
			 before_groups);
	char *a =
		report("semm-report/1", "mini", "1.0.0", "a.csv", after_groups);
	char *cut = strstr(strstr(a, "\"questionnaire\""), "\"ver") + 4;
	semm_compare *c = NULL;
	semm_error err;

	*cut = '\0';
	expect_refused(b, a, SEMM_EPARSE, "after.json", 5, 33,
		       "invalid JSON here (truncated file");
	cr_expect_eq(compare_texts(&c, b, "", &err), SEMM_EPARSE);
	cr_expect(strstr(err.message, "the file is empty"), "%s", err.message);
	free(a);
	free(b);
}

Test(compare, refuses_a_report_without_groups)
{
	char *b = report("semm-report/1", "mini", "1.0.0", "b.csv",
			 before_groups);
	char *a =
		report("semm-report/1", "mini", "1.0.0", "a.csv", after_groups);
	char *p = strstr(a, "\"groups\"");

	memcpy(p, "\"grupps\"", 8);
	expect_refused(b, a, SEMM_ESCHEMA, "after.json", 1, 1,
		       "$: missing member \"groups\": not a complete semm "
		       "report");
	free(a);
	free(b);
}

/* A unit of one side that the other lacks, though the model is the
 * same: the reports do not belong together. E3 of Alpha is on line 17
 * of the after report (8 header lines + 9 of Alpha), at column 3. */
Test(compare, refuses_units_that_do_not_pair)
{
	char *b = report("semm-report/1", "mini", "1.0.0", "b.csv",
			 before_groups);
	char *a =
		report("semm-report/1", "mini", "1.0.0", "a.csv", after_groups);
	char *p = strstr(a, "\"id\": \"E3\"");

	p[7] = '4';
	expect_refused(b, a, SEMM_EINVALID, "before.json", 17, 3,
		       "$.groups[0].elements[2]: group \"Alpha\": element "
		       "\"E3\" is not in after.json");
	free(a);
	free(b);
}

Test(compare, refuses_a_repeated_group)
{
	char *b = report("semm-report/1", "mini", "1.0.0", "b.csv",
			 before_groups);
	char *a =
		report("semm-report/1", "mini", "1.0.0", "a.csv", after_groups);
	char *p = strstr(a, "\"Gamma\"");

	memcpy(p, "\"Delta\"", 7);
	expect_refused(b, a, SEMM_ESCHEMA, "after.json", 21, 1,
		       "$.groups[2]: group \"Delta\" is listed twice (first "
		       "at index 1)");
	free(a);
	free(b);
}

/*
 * Delta's overall after, line 19: ` "overall": {"n": 5, "missing": 0,
 * "mean": 3, "sd": 1`; the blank before the 1 becomes a minus sign. The
 * value then starts at column 52: 1 blank + `"overall": {` (12) + `"n":
 * 5, ` (8) + `"missing": 0, ` (14) + `"mean": 3, ` (11) + `"sd":` (5) =
 * 51 characters before it.
 */
Test(compare, refuses_a_negative_sd)
{
	static const char delta[] = "\"n\": 5, \"missing\": 0, \"mean\": 3, "
				    "\"sd\": 1";
	char *b = report("semm-report/1", "mini", "1.0.0", "b.csv",
			 before_groups);
	char *a =
		report("semm-report/1", "mini", "1.0.0", "a.csv", after_groups);
	char *p = strstr(a, delta);

	cr_assert_not_null(p);
	p[strlen(delta) - 2] = '-';
	expect_refused(b, a, SEMM_ESCHEMA, "after.json", 19, 52,
		       "$.groups[1].overall.sd: a standard deviation cannot "
		       "be negative");
	free(a);
	free(b);
}

Test(compare, unreadable_files_are_eio)
{
	semm_compare *c = NULL;
	semm_error err;

	semm_error_clear(&err);
	cr_expect_eq(semm_compare_from_files(&c, "/nonexistent/b.json",
					     "/nonexistent/a.json", &err),
		     SEMM_EIO);
	cr_expect_null(c);
	cr_expect_str_eq(err.source, "/nonexistent/b.json");
}

/* ---- writers ------------------------------------------------------------ */

typedef int (*writer)(const semm_compare *, FILE *);

#define expect_prefix(s, prefix)                                            \
	cr_expect(strncmp((s), (prefix), strlen(prefix)) == 0,              \
		  "got:      %.*s\nexpected: %s", (int)strlen(prefix), (s), \
		  (prefix))

/* What a writer writes, as a string (caller frees). */
static char *written(const semm_compare *c, writer fn)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	cr_assert_not_null(fp);
	cr_assert_eq(fn(c, fp), SEMM_OK);
	fclose(fp);
	return buf;
}

static const cJSON *at(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	cr_assert_not_null(v, "no member %s", key);
	return v;
}

Test(compare, json_has_the_documented_shape)
{
	semm_compare *c = fixture();
	char *text = written(c, semm_compare_write_json);
	cJSON *root = cJSON_Parse(text);
	const cJSON *g, *u, *d;

	cr_assert_not_null(root);
	cr_expect_str_eq(at(root, "format")->valuestring, "semm-compare/1");
	cr_expect_str_eq(at(at(root, "model"), "id")->valuestring, "mini");
	cr_expect_str_eq(at(at(root, "before"), "source")->valuestring,
			 "before.json");
	cr_expect_str_eq(at(at(root, "after"), "inputs")->child->valuestring,
			 "a.csv");
	cr_expect_eq(
		at(at(at(root, "before"), "respondents"), "rejected")->valueint,
		1);
	u = at(root, "unmatched");
	cr_expect_str_eq(at(u, "before")->child->valuestring, "Beta");
	cr_expect_str_eq(at(u, "after")->child->valuestring, "Gamma");
	g = at(root, "groups")->child;
	cr_expect_str_eq(at(g, "id")->valuestring, "Alpha");
	u = at(g, "dimensions")->child; /* D1 */
	cr_expect_str_eq(at(u, "id")->valuestring, "D1");
	cr_expect_eq(at(at(u, "after"), "level")->valueint, 5);
	d = at(u, "difference");
	expect_close(at(d, "mean")->valuedouble, 3.0);
	expect_close(at(d, "df")->valuedouble, 4.0);
	expect_close(at(d, "ci95")->child->valuedouble, 3.0 - T4);
	expect_close(at(d, "percent_points")->valuedouble, 75.0);
	cr_expect_str_eq(at(u, "verdict")->valuestring, "improvement");
	cr_expect(cJSON_IsNull(at(u, "reason")));
	cr_expect_str_eq(at(u, "level_change")->valuestring, "up");
	u = at(g, "elements")->child->next->next; /* E3 */
	cr_expect_str_eq(at(u, "dimension")->valuestring, "D2");
	d = at(u, "difference");
	cr_expect_eq(at(d, "se")->valuedouble, 0.0);
	cr_expect(cJSON_IsNull(at(d, "df")));
	cr_expect(cJSON_IsNull(at(d, "ci95")));
	cr_expect_str_eq(at(u, "verdict")->valuestring, "insufficient data");
	u = at(g->next, "overall"); /* Delta */
	cr_expect(cJSON_IsNull(at(at(u, "before"), "mean")));
	cr_expect(cJSON_IsNull(at(u, "level_change")));
	cr_expect_eq(cJSON_GetArraySize(at(root, "groups")), 2);
	cJSON_Delete(root);
	free(text);
	semm_compare_free(c);
}

Test(compare, csv_has_one_row_per_group_and_unit)
{
	semm_compare *c = fixture();
	char *text = written(c, semm_compare_write_csv);
	char *row;
	size_t lines = 0;
	const char *p;

	for (p = text; *p; p++)
		lines += *p == '\n';
	cr_expect_eq(lines, 8); /* header + 7 units */
	expect_prefix(text, "group,unit_type,unit_id,unit_name,before_n,"
			    "before_mean,before_sd,before_percent,before_level,"
			    "before_level_name,after_n,after_mean,after_sd,"
			    "after_percent,after_level,after_level_name,diff,"
			    "se,df,ci95_lo,ci95_hi,percent_points,verdict,"
			    "level_change,reason\n");
	/* E1: the figures above, the interval to 15 digits. */
	row = strstr(text, "Alpha,element,E1,");
	cr_assert_not_null(row);
	expect_prefix(row, "Alpha,element,E1,Elem one,8,4,0.5,75,4,Advanced,"
			   "8,3,0.5,50,3,Established,-1,0.25,14,");
	{
		/* -1 -/+ t(0.975, 14) * 0.25, t = 2.14478668791780 (tables) */
		char *end;
		double lo = strtod(row + strlen("Alpha,element,E1,Elem one,8,"
						"4,0.5,75,4,Advanced,8,3,0.5,"
						"50,3,Established,-1,0.25,"
						"14,"),
				   &end);
		double hi = strtod(end + 1, &end);

		cr_expect(fabs(lo - -1.53619667197945) < 1e-13, "%.17g", lo);
		cr_expect(fabs(hi - -0.463803328020549) < 1e-13, "%.17g", hi);
		expect_prefix(end, ",-25,decline,down,\n");
	}
	row = strstr(text, "Alpha,element,E2,");
	cr_assert_not_null(row);
	expect_prefix(row, "Alpha,element,E2,Elem two,8,3,0.5,50,3,"
			   "Established,1,3,,50,3,Established,0,,,,,0,"
			   "insufficient data,same,fewer than 2 scores "
			   "after\n");
	row = strstr(text, "Delta,overall,overall,Overall,0,,,,,,5,3,1,50,3,"
			   "Established,,,,,,,insufficient data,,fewer than "
			   "2 scores before\n");
	cr_expect_not_null(row);
	free(text);
	semm_compare_free(c);
}

/* Every string from a report is escaped: markup in a group id, a
 * title with "&", invalid UTF-8 in a name. */
Test(compare, html_escapes_every_string)
{
	char *groups = strdup(before_groups);
	char *b, *a, *html, *p;
	semm_compare *c = NULL;
	semm_error err;

	p = strstr(groups, "\"Dim one\"");
	memcpy(p + 1, "Dim\xff", 4); /* "Dim one" -> "Dim\xffone" */
	b = report("semm-report/1", "mini", "1.0.0", "<b.csv>", groups);
	a = report("semm-report/1", "mini", "1.0.0", "a.csv", after_groups);
	free(groups);
	p = strstr(b, "\"Beta\"");
	memcpy(p, "\"<i>'\"", 6); /* "<i>'" as the group id; still 6 bytes */
	cr_assert_eq(compare_texts(&c, b, a, &err), SEMM_OK, "%s", err.message);
	html = written(c, semm_compare_write_html);
	cr_expect_not_null(strstr(html, "<li>&lt;i&gt;&#39;</li>"));
	cr_expect_not_null(strstr(html, "&lt;b.csv&gt;"));
	cr_expect_not_null(strstr(html, "Mini &amp; co"));
	cr_expect_not_null(
		strstr(html, "Dim&#xfffd;one <span class=\"muted\">D1</span>"));
	cr_expect_null(strstr(html, "<i>"));
	cr_expect_null(strstr(html, "\xff"));
	/* Verdicts in words, not only colour. */
	cr_expect_not_null(strstr(html, "v-up\">▲&nbsp;improvement</td>"));
	cr_expect_not_null(strstr(html, "v-down\">▼&nbsp;decline</td>"));
	cr_expect_not_null(strstr(html, "insufficient data <small>(fewer than "
					"2 scores after)</small>"));
	/* Signs: no "-0.00", a real minus for negatives. */
	cr_expect_null(strstr(html, "-0.00"));
	cr_expect_not_null(strstr(html, "&minus;1.00"));
	free(html);
	semm_compare_free(c);
	free(a);
	free(b);
}

/* ---- the folder --------------------------------------------------------- */

static int exists(const char *dir, const char *name)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0;
}

/* Files in dir other than . and .. */
static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	cr_assert_not_null(d);
	for (e = readdir(d); e; e = readdir(d))
		n += strcmp(e->d_name, ".") != 0 &&
		     strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

Test(compare, write_dir_writes_the_chosen_files)
{
	char dir[] = "/tmp/semm-compare-XXXXXX";
	char path[512];
	semm_compare *c = fixture();
	semm_error err;

	cr_assert_not_null(mkdtemp(dir));
	cr_expect_eq(semm_compare_write_dir(c, dir, SEMM_COMPARE_ALL, &err),
		     SEMM_OK, "%s", err.message);
	cr_expect(exists(dir, "compare.json") && exists(dir, "compare.csv") &&
		  exists(dir, "compare.html"));
	cr_expect_eq(entries(dir), 3); /* no temporary file left */
	cr_expect_eq(semm_compare_write_dir(c, dir, 0, &err), SEMM_EARG);
	cr_expect_eq(semm_compare_write_dir(c, dir, 8, &err), SEMM_EARG);
	snprintf(path, sizeof(path), "%s/compare.csv", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/compare.html", dir);
	unlink(path);
	cr_expect_eq(semm_compare_write_dir(c, dir, SEMM_COMPARE_CSV, &err),
		     SEMM_OK);
	cr_expect(exists(dir, "compare.csv") && !exists(dir, "compare.html"));
	cr_expect(!exists(dir, "compare.json")); /* the earlier run's */
	/* A folder where compare.html should go: nothing new is placed. */
	unlink(path);
	snprintf(path, sizeof(path), "%s/compare.csv", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/compare.html", dir);
	cr_assert_eq(mkdir(path, 0700), 0);
	cr_expect_eq(semm_compare_write_dir(c, dir, SEMM_COMPARE_ALL, &err),
		     SEMM_EIO);
	cr_expect(strstr(err.message, "is not a regular file"), "%s",
		  err.message);
	cr_expect(!exists(dir, "compare.csv"));
	cr_expect_eq(entries(dir), 1); /* the folder */
	rmdir(path);
	snprintf(path, sizeof(path), "%s/compare.json", dir);
	unlink(path);
	rmdir(dir);
	semm_compare_free(c);
}
