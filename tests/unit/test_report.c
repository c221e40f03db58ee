/*
 * test_report.c - the report writers: report.json read back with cJSON and
 * checked against the hand-worked example (tests/data/handworked, every
 * figure from its EXPECTED.md, written as the fraction found there), the
 * CSV reports, the output primitives of jsonw.c (escaping, invalid UTF-8,
 * number format, pairs mode, spreadsheet-safe cells) and writing a report
 * folder.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "test_helpers.h"

/* Numbers in the reports carry 15 significant digits. */
#define PRINT_TOL 1e-14

#define RESPONSES DATA("tests/data/handworked/responses.csv")

static semm_model *model;
static semm_questionnaire *quest;
static semm_responses *resp;
static semm_result *res;
static cJSON *root;

/* Loads the hand-worked example, reads responses.csv and, when extra is
 * not NULL, a second CSV named "extra.csv"; scores with the files' own
 * settings. */
static void score(const char *extra)
{
	semm_error err;

	semm_error_clear(&err);
	load_handworked(&model, &quest, &resp);
	if (extra)
		cr_assert_eq(semm_responses_read_csv_buffer(resp, extra,
							    strlen(extra),
							    "extra.csv", &err),
			     0, "%s", err.message);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, NULL, &err), 0,
		     "%s", err.message);
}

static void unload(void)
{
	cJSON_Delete(root);
	semm_result_free(res);
	semm_responses_free(resp);
	semm_questionnaire_free(quest);
	semm_model_free(model);
	root = NULL;
	res = NULL;
	resp = NULL;
	quest = NULL;
	model = NULL;
}

static void setup(void)
{
	score(NULL);
}

TestSuite(report, .init = setup, .fini = unload);

typedef int (*writer_fn)(const semm_result *, FILE *);

/* Runs a writer into memory; the caller frees the text. */
static char *render(writer_fn fn, const semm_result *r, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	cr_assert_not_null(fp);
	cr_assert_eq(fn(r, fp), SEMM_OK);
	cr_assert_eq(fclose(fp), 0);
	if (len)
		*len = n;
	return buf;
}

/* Writes report.json and parses it into root. */
static const cJSON *report(void)
{
	size_t len;
	char *text = render(semm_report_write_json, res, &len);

	root = cJSON_ParseWithLength(text, len);
	free(text);
	cr_assert_not_null(root, "report.json is not valid JSON");
	return root;
}

static const cJSON *at(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	cr_assert_not_null(v, "member \"%s\" is missing", key);
	return v;
}

static double num(const cJSON *obj, const char *key)
{
	const cJSON *v = at(obj, key);

	cr_assert(cJSON_IsNumber(v), "\"%s\" is not a number", key);
	return v->valuedouble;
}

static const char *str(const cJSON *obj, const char *key)
{
	const cJSON *v = at(obj, key);

	cr_assert(cJSON_IsString(v), "\"%s\" is not a string", key);
	return v->valuestring;
}

static int is_null(const cJSON *obj, const char *key)
{
	return cJSON_IsNull(at(obj, key));
}

/* The element of array arr whose "id" is id. */
static const cJSON *by_id(const cJSON *arr, const char *id)
{
	const cJSON *v;

	cJSON_ArrayForEach(v, arr)
	{
		const cJSON *i = cJSON_GetObjectItemCaseSensitive(v, "id");

		if (cJSON_IsString(i) && strcmp(i->valuestring, id) == 0)
			return v;
	}
	cr_assert_fail("no \"%s\" in the array", id);
	return NULL;
}

#define expect_num(obj, key, want)                                        \
	cr_expect(close_to(num((obj), (key)), (want), PRINT_TOL),         \
		  "%s = %.17g, expected %.17g", (key), num((obj), (key)), \
		  (double)(want))

/* The strings of a JSON array, space-separated, into buf. */
static const char *joined(const cJSON *arr, char *buf, size_t len)
{
	const cJSON *v;

	buf[0] = '\0';
	cJSON_ArrayForEach(v, arr)
	{
		cr_assert(cJSON_IsString(v));
		if (buf[0])
			strncat(buf, " ", len - strlen(buf) - 1);
		strncat(buf, v->valuestring, len - strlen(buf) - 1);
	}
	return buf;
}

/* Student t quantiles in closed form: df 1 is Cauchy, tan(pi (p - 1/2));
 * df 2 has F(t) = 1/2 + t / (2 sqrt(2 + t^2)), so t = a sqrt(2/(1 - a^2))
 * with a = 2p - 1. */
static double t975_df1(void)
{
	return tan(acos(-1.0) * 0.475);
}

static double t975_df2(void)
{
	double a = 0.95;

	return a * sqrt(2 / (1 - a * a));
}

/* ---- report.json ---------------------------------------------------------- */

Test(report, json_has_the_documented_members_in_order)
{
	static const char *const keys[] = {
		"format",   "engine",	   "model",	      "questionnaire",
		"scope",    "parameters",  "levels",	      "respondents",
		"rejected", "excluded",	   "ignored_columns", "warnings",
		"groups",   "reliability", "across_groups",   "methods"
	};
	const cJSON *v;
	size_t k = 0;

	report();
	cJSON_ArrayForEach(v, root)
	{
		cr_assert_lt(k, sizeof(keys) / sizeof(keys[0]),
			     "unexpected member \"%s\"", v->string);
		cr_expect_str_eq(v->string, keys[k]);
		k++;
	}
	cr_expect_eq(k, sizeof(keys) / sizeof(keys[0]));
	cr_expect_str_eq(str(root, "format"), "semm-report/1");
	cr_expect_str_eq(str(at(root, "engine"), "name"), "semm");
	cr_expect_str_eq(str(at(root, "engine"), "version"),
			 SEMM_VERSION_STRING);
}

Test(report, json_names_model_questionnaire_and_parameters)
{
	const cJSON *m, *p, *inputs;

	report();
	m = at(root, "model");
	cr_expect_str_eq(str(m, "id"), "mini");
	cr_expect_str_eq(str(m, "version"), "1");
	cr_expect_str_eq(str(m, "title"),
			 "Hand-worked miniature model (test data)");
	cr_expect_str_eq(str(m, "levels_label"),
			 "Test scale L1..L5 (engine test data)");
	cr_expect_str_eq(str(at(root, "questionnaire"), "id"), "mini-q");
	cr_expect_str_eq(str(at(root, "questionnaire"), "version"), "1");
	p = at(root, "parameters");
	cr_expect_str_eq(str(p, "group_by"), "org");
	cr_expect_str_eq(str(p, "na_policy"), "exclude");
	expect_num(p, "na_anchor_percent", 60); /* the model's default */
	expect_num(p, "coverage_min", 0.5);
	cr_expect_str_eq(str(p, "on_error"), "reject");
	expect_num(at(p, "score_scale"), "min", 1);
	expect_num(at(p, "score_scale"), "max", 5);
	cr_expect_str_eq(str(p, "group_score"), "mean-of-respondents");
	cr_expect_str_eq(str(p, "staged_rule"), "weakest-link");
	inputs = at(p, "inputs");
	cr_assert_eq(cJSON_GetArraySize(inputs), 1);
	cr_expect_str_eq(cJSON_GetArrayItem(inputs, 0)->valuestring, RESPONSES);
}

Test(report, json_lists_the_model_level_bands)
{
	const cJSON *levels, *b;
	int i = 0;

	report();
	levels = at(root, "levels");
	cr_assert_eq(cJSON_GetArraySize(levels), 5);
	cJSON_ArrayForEach(b, levels)
	{
		char name[16];

		snprintf(name, sizeof(name), "L%d", i + 1);
		expect_num(b, "level", i + 1);
		cr_expect_str_eq(str(b, "name"), name);
		expect_num(b, "min", 20 * i);
		expect_num(b, "max", 20 * (i + 1));
		i++;
	}
}

Test(report, json_respondent_counts_reconcile)
{
	const cJSON *r;

	report();
	r = at(root, "respondents");
	expect_num(r, "read", 5);
	expect_num(r, "scored", 5);
	expect_num(r, "rejected", 0);
	cr_expect(cJSON_IsArray(at(root, "rejected")));
	cr_expect_eq(cJSON_GetArraySize(at(root, "rejected")), 0);
}

Test(report, json_warns_of_respondents_below_the_coverage_minimum)
{
	const cJSON *w;
	int coverage = 0, e1 = 0;

	report();
	cJSON_ArrayForEach(w, at(root, "warnings"))
	{
		cr_assert(cJSON_IsString(w));
		/* every item was answered by someone */
		cr_expect(strstr(w->valuestring, "no respondent answered") ==
				  NULL,
			  "%s", w->valuestring);
		if (strstr(w->valuestring, "coverage minimum")) {
			coverage++;
			/* only A-3's E1 falls short: one of its group's */
			e1 += strstr(w->valuestring, "element E1: 1 of ") !=
				      NULL &&
			      strstr(w->valuestring, "respondents below") !=
				      NULL;
		}
	}
	cr_expect_eq(coverage, 1);
	cr_expect_eq(e1, 1);
}

Test(report, json_groups_are_ordered_with_their_sizes)
{
	const cJSON *groups;

	report();
	groups = at(root, "groups");
	cr_assert_eq(cJSON_GetArraySize(groups), 2);
	cr_expect_str_eq(str(cJSON_GetArrayItem(groups, 0), "id"), "Alpha");
	cr_expect_str_eq(str(cJSON_GetArrayItem(groups, 1), "id"), "Beta");
	expect_num(cJSON_GetArrayItem(groups, 0), "n", 3);
	expect_num(cJSON_GetArrayItem(groups, 1), "n", 2);
}

Test(report, json_alpha_overall_matches_hand_computation)
{
	const cJSON *o;
	double mean = 457.0 / 144, sd = sqrt(6537.0) / 144;
	double se = sd / sqrt(3.0);
	char buf[64];

	report();
	o = at(by_id(at(root, "groups"), "Alpha"), "overall");
	expect_num(o, "n", 3);
	expect_num(o, "missing", 0);
	expect_num(o, "mean", mean);
	expect_num(o, "sd", sd);
	expect_num(o, "se", se);
	cr_assert_eq(cJSON_GetArraySize(at(o, "ci95")), 2);
	cr_expect(close_to(cJSON_GetArrayItem(at(o, "ci95"), 0)->valuedouble,
			   mean - t975_df2() * se, PRINT_TOL));
	cr_expect(close_to(cJSON_GetArrayItem(at(o, "ci95"), 1)->valuedouble,
			   mean + t975_df2() * se, PRINT_TOL));
	expect_num(o, "median", 79.0 / 24);
	/* R type 7 over 41/16, 79/24, 11/3: midpoints of neighbours */
	expect_num(o, "q1", 281.0 / 96);
	expect_num(o, "q3", 167.0 / 48);
	expect_num(o, "min", 41.0 / 16);
	expect_num(o, "max", 11.0 / 3);
	expect_num(o, "percent", 31300.0 / 576);
	expect_num(o, "level", 3);
	cr_expect_str_eq(str(o, "level_name"), "L3");
	expect_num(o, "staged_level", 3);
	cr_expect_str_eq(str(o, "staged_level_name"), "L3");
	cr_expect_str_eq(joined(at(o, "limiting_elements"), buf, sizeof(buf)),
			 "E1 E3");
	cr_expect_eq(cJSON_GetArraySize(at(o, "unassessed_elements")), 0);
}

Test(report, json_beta_overall_shows_the_weakest_link)
{
	const cJSON *o;
	double mean = 143.0 / 72, sd = 37.0 * sqrt(2.0) / 72;
	double se = sd / sqrt(2.0);
	char buf[64];

	report();
	o = at(by_id(at(root, "groups"), "Beta"), "overall");
	expect_num(o, "n", 2);
	expect_num(o, "mean", mean);
	expect_num(o, "sd", sd);
	cr_expect(close_to(cJSON_GetArrayItem(at(o, "ci95"), 0)->valuedouble,
			   mean - t975_df1() * se, PRINT_TOL));
	cr_expect(close_to(cJSON_GetArrayItem(at(o, "ci95"), 1)->valuedouble,
			   mean + t975_df1() * se, PRINT_TOL));
	expect_num(o, "median", 143.0 / 72);
	expect_num(o, "min", 53.0 / 36);
	expect_num(o, "max", 2.5);
	expect_num(o, "percent", 7100.0 / 288);
	expect_num(o, "level", 2);
	cr_expect_str_eq(str(o, "level_name"), "L2");
	expect_num(o, "staged_level", 1);
	cr_expect_str_eq(str(o, "staged_level_name"), "L1");
	cr_expect_str_eq(joined(at(o, "limiting_elements"), buf, sizeof(buf)),
			 "E2");
}

Test(report, json_alpha_elements_and_dimensions_match_hand_computation)
{
	const cJSON *g, *e1, *e2, *e3, *d1, *d2;

	report();
	g = by_id(at(root, "groups"), "Alpha");
	cr_expect_eq(cJSON_GetArraySize(at(g, "elements")), 3);
	cr_expect_eq(cJSON_GetArraySize(at(g, "dimensions")), 2);
	e1 = by_id(at(g, "elements"), "E1");
	cr_expect_str_eq(str(e1, "name"), "Element one");
	cr_expect_str_eq(str(e1, "dimension"), "D1");
	expect_num(e1, "n", 2);
	expect_num(e1, "missing", 1);
	expect_num(e1, "mean", 13.0 / 4);
	expect_num(e1, "sd", 3.0 * sqrt(2.0) / 4);
	expect_num(e1, "median", 13.0 / 4);
	expect_num(e1, "min", 2.5);
	expect_num(e1, "max", 4);
	expect_num(e1, "percent", 225.0 / 4);
	expect_num(e1, "level", 3);
	cr_expect_str_eq(str(e1, "level_name"), "L3");
	e2 = by_id(at(g, "elements"), "E2");
	expect_num(e2, "mean", 15.0 / 4);
	expect_num(e2, "sd", sqrt(3.0) / 2);
	expect_num(e2, "median", 17.0 / 4);
	expect_num(e2, "percent", 275.0 / 4);
	expect_num(e2, "level", 4);
	e3 = by_id(at(g, "elements"), "E3");
	cr_expect_str_eq(str(e3, "dimension"), "D2");
	expect_num(e3, "mean", 3);
	expect_num(e3, "percent", 50);
	expect_num(e3, "level", 3);
	d1 = by_id(at(g, "dimensions"), "D1");
	expect_num(d1, "mean", 133.0 / 36);
	expect_num(d1, "sd", sqrt(1029.0) / 36);
	expect_num(d1, "median", 25.0 / 6);
	expect_num(d1, "min", 8.0 / 3);
	expect_num(d1, "percent", 9700.0 / 144);
	expect_num(d1, "level", 4);
	d2 = by_id(at(g, "dimensions"), "D2");
	expect_num(d2, "mean", 3);
	expect_num(d2, "level", 3);
}

Test(report, json_beta_element_levels)
{
	const cJSON *g;

	report();
	g = by_id(at(root, "groups"), "Beta");
	expect_num(by_id(at(g, "elements"), "E1"), "percent", 31.25);
	expect_num(by_id(at(g, "elements"), "E1"), "level", 2);
	expect_num(by_id(at(g, "elements"), "E2"), "mean", 43.0 / 24);
	expect_num(by_id(at(g, "elements"), "E2"), "level", 1);
	expect_num(by_id(at(g, "elements"), "E3"), "level", 2);
	expect_num(by_id(at(g, "dimensions"), "D1"), "mean", 35.0 / 18);
	expect_num(by_id(at(g, "dimensions"), "D1"), "percent", 1700.0 / 72);
}

Test(report, json_value_that_does_not_exist_is_null)
{
	const cJSON *b2, *c;

	report();
	/* Beta's B2: B-1 answered "DK", B-2 answered 2, so n = 1 and the
	 * sd, se and interval of one value do not exist */
	b2 = by_id(at(by_id(at(root, "groups"), "Beta"), "items"), "B2");
	expect_num(b2, "n", 1);
	expect_num(b2, "missing", 1);
	expect_num(b2, "mean", 2);
	cr_expect(is_null(b2, "sd"));
	cr_expect(is_null(b2, "se"));
	cr_expect(is_null(b2, "ci95"));
	expect_num(b2, "median", 2);
	expect_num(b2, "min", 2);
	expect_num(b2, "max", 2);
	expect_num(b2, "percent", 25);
	c = at(b2, "counts");
	expect_num(c, "1", 0);
	expect_num(c, "2", 1);
	expect_num(c, "5", 0);
	expect_num(c, "na", 0);
	expect_num(c, "dont_know", 1);
	expect_num(c, "blank", 0);
}

Test(report, json_items_carry_element_reverse_and_raw_counts)
{
	const cJSON *items, *a1, *a2, *c1, *c;
	const char *ids[] = { "A1", "A2", "B1", "B2", "B3", "C1", "C2" };
	size_t i;

	report();
	items = at(by_id(at(root, "groups"), "Alpha"), "items");
	cr_assert_eq(cJSON_GetArraySize(items), 7);
	for (i = 0; i < 7; i++)
		cr_expect_str_eq(str(cJSON_GetArrayItem(items, (int)i), "id"),
				 ids[i]);
	/* A1 in Alpha: 4, 3, N/A */
	a1 = by_id(items, "A1");
	cr_expect_str_eq(str(a1, "element"), "E1");
	cr_expect(cJSON_IsFalse(at(a1, "reverse")));
	expect_num(a1, "n", 2);
	expect_num(a1, "missing", 1);
	expect_num(a1, "mean", 3.5);
	expect_num(a1, "percent", 62.5);
	c = at(a1, "counts");
	expect_num(c, "3", 1);
	expect_num(c, "4", 1);
	expect_num(c, "na", 1);
	expect_num(c, "blank", 0);
	/* A2 (reverse) in Alpha: raw 2, 4 and a blank; counts are raw */
	a2 = by_id(items, "A2");
	cr_expect(cJSON_IsTrue(at(a2, "reverse")));
	c = at(a2, "counts");
	expect_num(c, "2", 1);
	expect_num(c, "4", 1);
	expect_num(c, "blank", 1);
	/* C1 in Alpha: 3, "often" (= 4), 2: the label counts as its point */
	c1 = by_id(items, "C1");
	c = at(c1, "counts");
	expect_num(c, "2", 1);
	expect_num(c, "3", 1);
	expect_num(c, "4", 1);
	expect_num(c1, "mean", 3);
}

Test(report, json_reliability_is_null_with_a_reason_when_too_few_cases)
{
	const cJSON *pooled, *r;

	report();
	pooled = at(root, "reliability");
	/* complete cases for E1 (A1, A2): all but A-3 -> 4 of 5, below the
	 * default minimum of 10 */
	r = at(by_id(at(pooled, "elements"), "E1"), "reliability");
	expect_num(r, "n", 4);
	expect_num(r, "k", 2);
	cr_expect(is_null(r, "alpha"));
	cr_expect(is_null(r, "alpha_std"));
	cr_expect(is_null(r, "alpha_ci95"));
	cr_expect(cJSON_IsString(at(r, "reason")));
	cr_expect_eq(cJSON_GetArraySize(at(r, "items")), 2);
	/* E2 (B1, B2, B3): B-1's B2 is DK -> 4 complete; E3: all 5 */
	r = at(by_id(at(pooled, "elements"), "E2"), "reliability");
	expect_num(r, "n", 4);
	expect_num(r, "k", 3);
	r = at(by_id(at(pooled, "elements"), "E3"), "reliability");
	expect_num(r, "n", 5);
	/* D1 (A1 A2 B1 B2 B3), B-2 */
	r = at(by_id(at(pooled, "dimensions"), "D1"), "reliability");
	expect_num(r, "n", 3);
	expect_num(r, "k", 5);
	/* within Alpha, E1 has 2 complete cases */
	r = at(by_id(at(by_id(at(root, "groups"), "Alpha"), "elements"), "E1"),
	       "reliability");
	expect_num(r, "n", 2);
	cr_expect(cJSON_IsObject(at(
		by_id(at(by_id(at(root, "groups"), "Alpha"), "elements"), "E1"),
		"agreement")));
	expect_num(at(at(root, "methods"), "reliability"), "min_complete_cases",
		   10);
	expect_num(at(at(root, "methods"), "agreement"), "threshold", 0.70);
}

Test(report, json_across_groups_anova_of_overall_scores)
{
	const cJSON *ag, *units, *o;
	/* overall scores: Alpha 11/3, 79/24, 41/16 (mean 457/144), Beta
	 * 53/36, 5/2 (mean 143/72); grand mean 1943/720. SSB = 3 (342/720)^2
	 * + 2 (513/720)^2 = 1083/640 on 1 df; SSW = 2 * 6537/20736 + 2738/5184
	 * = 12013/10368 on 3 df. */
	double msb = 1083.0 / 640, msw = 12013.0 / 31104, k = 5.0 / 2;
	double f = msb / msw;
	double th = atan(sqrt(f) / sqrt(3.0));
	/* F(1, 3) upper tail = P(|t_3| > sqrt(F)) */
	double p = 1 - 2 / acos(-1.0) * (th + sin(th) * cos(th));

	report();
	ag = at(root, "across_groups");
	expect_num(ag, "groups", 2);
	units = at(ag, "units");
	cr_assert_eq(cJSON_GetArraySize(units),
		     6); /* overall, 2 dims, 3 elems */
	o = cJSON_GetArrayItem(units, 0);
	cr_expect_str_eq(str(o, "type"), "overall");
	cr_expect_str_eq(str(cJSON_GetArrayItem(units, 1), "id"), "D1");
	cr_expect_str_eq(str(cJSON_GetArrayItem(units, 1), "type"),
			 "dimension");
	cr_expect_str_eq(str(cJSON_GetArrayItem(units, 5), "id"), "E3");
	cr_expect_str_eq(str(cJSON_GetArrayItem(units, 5), "type"), "element");
	expect_num(o, "n", 5);
	expect_num(o, "groups", 2);
	expect_num(o, "k_bar", k);
	expect_num(o, "msb", msb);
	expect_num(o, "msw", msw);
	expect_num(o, "df_between", 1);
	expect_num(o, "df_within", 3);
	expect_num(o, "f", f);
	cr_expect(close_to(num(o, "p"), p, 1e-9), "p = %.17g, expected %.17g",
		  num(o, "p"), p);
	expect_num(o, "icc1", (msb - msw) / (msb + (k - 1) * msw));
	expect_num(o, "icc2", (msb - msw) / msb);
}

Test(report, json_dimension_correlation_is_pearson_over_respondents)
{
	/* D1 and D2 of A-1, B-1, A-2, A-3, B-2 (EXPECTED.md, section 2) */
	const double d1[5] = { 25.0 / 6, 25.0 / 18, 8.0 / 3, 17.0 / 4, 2.5 };
	const double d2[5] = { 3.5, 1.5, 3.5, 2, 2.5 };
	double m1 = 0, m2 = 0, s11 = 0, s22 = 0, s12 = 0, r;
	const cJSON *dc, *rows;
	size_t i;

	for (i = 0; i < 5; i++) {
		m1 += d1[i] / 5;
		m2 += d2[i] / 5;
	}
	for (i = 0; i < 5; i++) {
		s11 += (d1[i] - m1) * (d1[i] - m1);
		s22 += (d2[i] - m2) * (d2[i] - m2);
		s12 += (d1[i] - m1) * (d2[i] - m2);
	}
	r = s12 / sqrt(s11 * s22);
	report();
	dc = at(at(root, "across_groups"), "dimension_correlations");
	expect_num(dc, "n", 5);
	cr_expect_eq(cJSON_GetArraySize(at(dc, "ids")), 2);
	rows = at(dc, "r");
	cr_assert_eq(cJSON_GetArraySize(rows), 2);
	cr_expect(close_to(
		cJSON_GetArrayItem(cJSON_GetArrayItem(rows, 0), 1)->valuedouble,
		r, 1e-13));
	cr_expect(close_to(
		cJSON_GetArrayItem(cJSON_GetArrayItem(rows, 1), 0)->valuedouble,
		r, 1e-13));
	cr_expect(close_to(
		cJSON_GetArrayItem(cJSON_GetArrayItem(rows, 0), 0)->valuedouble,
		1, 1e-13));
}

Test(report, json_numbers_read_back_to_the_same_double)
{
	char *text = render(semm_report_write_json, res, NULL);

	/* Alpha's overall mean 457/144 = 3.173611111111111|1...: the
	 * nearest double's shortest text (Python's repr(457/144)) */
	cr_expect(strstr(text, "\"mean\": 3.173611111111111,\n") != NULL);
	/* Alpha's overall percent 31300/576, likewise */
	cr_expect(strstr(text, "\"percent\": 54.34027777777778,\n") != NULL);
	/* the text ends the document with a newline */
	cr_expect_eq(text[strlen(text) - 1], '\n');
	free(text);
}

Test(report, json_lists_rejected_respondents_with_their_place)
{
	/* X-1 (line 2): A1 = 9 is outside 1..5, third column; X-2 (line 3)
	 * answers nothing, a fault of the row as a whole (column null) */
	const cJSON *rej, *x, *inputs;

	unload(); /* the suite's set-up scored without the extra file */
	score("id,org,A1,A2,B1,B2,B3,C1,C2\n"
	      "X-1,Alpha,9,4,4,4,4,4,4\n"
	      "X-2,Alpha,,,,,,,\n");
	report();
	expect_num(at(root, "respondents"), "read", 7);
	expect_num(at(root, "respondents"), "scored", 5);
	expect_num(at(root, "respondents"), "rejected", 2);
	rej = at(root, "rejected");
	cr_assert_eq(cJSON_GetArraySize(rej), 2);
	x = cJSON_GetArrayItem(rej, 0);
	cr_expect_str_eq(str(x, "source"), "extra.csv");
	expect_num(x, "line", 2);
	expect_num(x, "column", 3);
	cr_expect_str_eq(str(x, "respondent"), "X-1");
	cr_expect(strstr(str(x, "reason"), "\"9\" is outside the scale 1..5") !=
			  NULL,
		  "%s", str(x, "reason"));
	x = cJSON_GetArrayItem(rej, 1);
	expect_num(x, "line", 3);
	cr_expect(is_null(x, "column"));
	cr_expect_str_eq(str(x, "respondent"), "X-2");
	cr_expect(strlen(str(x, "reason")) > 0);
	inputs = at(at(root, "parameters"), "inputs");
	cr_assert_eq(cJSON_GetArraySize(inputs), 2);
	cr_expect_str_eq(cJSON_GetArrayItem(inputs, 1)->valuestring,
			 "extra.csv");
	/* the groups are those of the five scored respondents */
	expect_num(by_id(at(root, "groups"), "Alpha"), "n", 3);
}

Test(report, writing_twice_gives_identical_bytes)
{
	size_t n1, n2;
	char *a = render(semm_report_write_json, res, &n1);
	char *b = render(semm_report_write_json, res, &n2);

	cr_expect_eq(n1, n2);
	cr_expect(n1 == n2 && memcmp(a, b, n1) == 0);
	free(a);
	free(b);
	a = render(semm_report_write_scores_csv, res, &n1);
	b = render(semm_report_write_scores_csv, res, &n2);
	cr_expect(n1 == n2 && memcmp(a, b, n1) == 0);
	free(a);
	free(b);
}

Test(report, scoring_again_from_scratch_gives_identical_bytes)
{
	size_t n1, n2;
	char *a = render(semm_report_write_json, res, &n1);
	char *b;

	unload();
	score(NULL);
	b = render(semm_report_write_json, res, &n2);
	cr_expect_eq(n1, n2);
	cr_expect(n1 == n2 && memcmp(a, b, n1) == 0);
	free(a);
	free(b);
}

Test(report, writers_report_a_failed_stream_as_eio)
{
	/* a stream open for reading only refuses every write */
	FILE *fp = fopen(RESPONSES, "r");

	cr_assert_not_null(fp);
	cr_expect_eq(semm_report_write_json(res, fp), SEMM_EIO);
	cr_expect_eq(semm_report_write_scores_csv(res, fp), SEMM_EIO);
	cr_expect_eq(semm_report_write_respondents_csv(res, fp), SEMM_EIO);
	cr_expect_eq(semm_report_write_reliability_csv(res, fp), SEMM_EIO);
	cr_expect_eq(semm_report_write_across_groups_csv(res, fp), SEMM_EIO);
	fclose(fp);
}

/* ---- CSV reports ---------------------------------------------------------- */

/* Splits text into lines (modifying it); returns the count. */
static size_t split_lines(char *text, char **lines, size_t max)
{
	size_t n = 0;
	char *p = text;

	while (*p && n < max) {
		char *nl = strchr(p, '\n');

		lines[n++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return n;
}

/* Field i (0-based) of a CSV line without quoted fields, into buf. */
static const char *field(const char *line, size_t i, char *buf, size_t len)
{
	const char *p = line, *end;

	while (i-- > 0) {
		p = strchr(p, ',');
		cr_assert_not_null(p, "line has too few fields: %s", line);
		p++;
	}
	end = strchr(p, ',');
	if (!end)
		end = p + strlen(p);
	snprintf(buf, len, "%.*s", (int)(end - p), p);
	return buf;
}

static size_t count_char(const char *s, char c)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == c;
	return n;
}

#define SCORES_HEADER                                                         \
	"group,unit_type,unit_id,unit_name,n,missing,mean,sd,se,ci95_lo,"     \
	"ci95_hi,median,q1,q3,min,max,percent,level,level_name,staged_level," \
	"limiting_elements,alpha,alpha_std,alpha_ci95_lo,alpha_ci95_hi,"      \
	"mean_r,rwg_j,rwg_below_threshold,in_scope,implementation_stage"

Test(report, scores_csv_header_and_one_row_per_group_and_unit)
{
	char *text = render(semm_report_write_scores_csv, res, NULL);
	char *lines[64];
	size_t n = split_lines(text, lines, 64), i;

	cr_expect_str_eq(lines[0], SCORES_HEADER);
	/* 1 + groups * (overall + dimensions + elements + items)
	 * = 1 + 2 * (1 + 2 + 3 + 7) = 27 */
	cr_expect_eq(n, 27);
	for (i = 0; i < n; i++)
		cr_expect_eq(count_char(lines[i], ','), 29, "line %zu: %s",
			     i + 1, lines[i]);
	free(text);
}

Test(report, scores_csv_overall_rows_carry_levels_and_limiting_elements)
{
	char *text = render(semm_report_write_scores_csv, res, NULL);
	char *lines[64], f[64];

	cr_assert_eq(split_lines(text, lines, 64), 27);
	/* line 2: Alpha overall; fields n=4 missing=5 mean=6 ... percent=16
	 * level=17 level_name=18 staged_level=19 limiting_elements=20 */
	cr_expect_str_eq(field(lines[1], 0, f, sizeof(f)), "Alpha");
	cr_expect_str_eq(field(lines[1], 1, f, sizeof(f)), "overall");
	cr_expect_str_eq(field(lines[1], 4, f, sizeof(f)), "3");
	cr_expect_str_eq(field(lines[1], 5, f, sizeof(f)), "0");
	cr_expect_str_eq(field(lines[1], 6, f, sizeof(f)),
			 "3.173611111111111"); /* 457/144, Python's repr */
	cr_expect(close_to(strtod(field(lines[1], 7, f, sizeof(f)), NULL),
			   sqrt(6537.0) / 144, PRINT_TOL));
	cr_expect_str_eq(field(lines[1], 14, f, sizeof(f)), "2.5625");
	cr_expect_str_eq(field(lines[1], 16, f, sizeof(f)),
			 "54.34027777777778"); /* 31300/576, likewise */
	cr_expect_str_eq(field(lines[1], 17, f, sizeof(f)), "3");
	cr_expect_str_eq(field(lines[1], 18, f, sizeof(f)), "L3");
	cr_expect_str_eq(field(lines[1], 19, f, sizeof(f)), "3");
	cr_expect_str_eq(field(lines[1], 20, f, sizeof(f)), "E1 E3");
	/* line 15: Beta overall, after Alpha's 13 rows */
	cr_expect_str_eq(field(lines[14], 0, f, sizeof(f)), "Beta");
	cr_expect_str_eq(field(lines[14], 1, f, sizeof(f)), "overall");
	cr_expect_str_eq(field(lines[14], 17, f, sizeof(f)), "2");
	cr_expect_str_eq(field(lines[14], 19, f, sizeof(f)), "1");
	cr_expect_str_eq(field(lines[14], 20, f, sizeof(f)), "E2");
	free(text);
}

Test(report, scores_csv_unit_rows_in_model_order)
{
	char *text = render(semm_report_write_scores_csv, res, NULL);
	char *lines[64], f[64];

	cr_assert_eq(split_lines(text, lines, 64), 27);
	/* Alpha: overall, D1, D2, E1, E2, E3, A1 .. C2 on lines 2-14 */
	cr_expect_str_eq(field(lines[2], 1, f, sizeof(f)), "dimension");
	cr_expect_str_eq(field(lines[2], 2, f, sizeof(f)), "D1");
	cr_expect_str_eq(field(lines[2], 3, f, sizeof(f)), "Dimension one");
	cr_expect_str_eq(field(lines[4], 2, f, sizeof(f)), "E1");
	cr_expect_str_eq(field(lines[4], 1, f, sizeof(f)), "element");
	cr_expect_str_eq(field(lines[4], 4, f, sizeof(f)), "2");
	cr_expect_str_eq(field(lines[4], 5, f, sizeof(f)), "1");
	cr_expect_str_eq(field(lines[4], 6, f, sizeof(f)), "3.25");
	cr_expect_str_eq(field(lines[4], 16, f, sizeof(f)), "56.25");
	cr_expect_str_eq(field(lines[4], 17, f, sizeof(f)), "3");
	cr_expect_str_eq(field(lines[4], 18, f, sizeof(f)), "L3");
	cr_expect_str_eq(field(lines[4], 19, f, sizeof(f)),
			 ""); /* overall only */
	cr_expect_str_eq(field(lines[4], 20, f, sizeof(f)), "");
	/* E1 has 2 complete cases in Alpha: no alpha */
	cr_expect_str_eq(field(lines[4], 21, f, sizeof(f)), "");
	cr_expect_str_eq(field(lines[7], 1, f, sizeof(f)), "item");
	cr_expect_str_eq(field(lines[7], 2, f, sizeof(f)), "A1");
	/* Beta's B2 (line 24): n 1, so sd is empty; items have no level */
	cr_expect_str_eq(field(lines[23], 0, f, sizeof(f)), "Beta");
	cr_expect_str_eq(field(lines[23], 2, f, sizeof(f)), "B2");
	cr_expect_str_eq(field(lines[23], 4, f, sizeof(f)), "1");
	cr_expect_str_eq(field(lines[23], 6, f, sizeof(f)), "2");
	cr_expect_str_eq(field(lines[23], 7, f, sizeof(f)), "");
	cr_expect_str_eq(field(lines[23], 16, f, sizeof(f)), "25");
	cr_expect_str_eq(field(lines[23], 17, f, sizeof(f)), "");
	cr_expect_str_eq(field(lines[23], 18, f, sizeof(f)), "");
	free(text);
}

/* Compares one CSV row "id,source,line,group,x,..." with the expected
 * leading text and numbers (NAN: an empty cell) to 1e-14. */
static void expect_row(const char *line, const char *lead, const double *x,
		       size_t n)
{
	const char *p = line + strlen(lead);
	size_t i;

	cr_assert_eq(strncmp(line, lead, strlen(lead)), 0, "%s", line);
	for (i = 0; i < n; i++) {
		char *end;

		if (isnan(x[i])) {
			cr_expect(*p == ',' || *p == '\0', "%s", line);
		} else {
			double v = strtod(p, &end);

			cr_expect(fabs(v - x[i]) <= 1e-14 * fabs(x[i]),
				  "cell %zu of %s: %.17g", i, line, v);
			p = end;
		}
		if (*p == ',')
			p++;
	}
}

Test(report, respondents_csv_has_a_row_per_respondent_in_input_order)
{
	char *text = render(semm_report_write_respondents_csv, res, NULL);
	char *lines[16], lead[512];
	/* EXPECTED.md section 2: E1, E2, E3, D1, D2, overall; A-3 has no
	 * E1 score (insufficient data) */
	static const double want[5][6] = {
		{ 4, 4.25, 3.5, 25.0 / 6, 3.5, 11.0 / 3 },
		{ 1.5, 4.0 / 3, 1.5, 25.0 / 18, 1.5, 53.0 / 36 },
		{ 2.5, 2.75, 3.5, 8.0 / 3, 3.5, 79.0 / 24 },
		{ NAN, 4.25, 2, 4.25, 2, 2.5625 },
		{ 3, 2.25, 2.5, 2.5, 2.5, 2.5 },
	};
	static const char *const who[5] = { "A-1", "B-1", "A-2", "A-3", "B-2" };
	static const char *const grp[5] = { "Alpha", "Beta", "Alpha", "Alpha",
					    "Beta" };
	size_t i;

	cr_assert_eq(split_lines(text, lines, 16), 6);
	cr_expect_str_eq(lines[0], "respondent,source,line,group,E1,E2,E3,"
				   "D1,D2,overall");
	for (i = 0; i < 5; i++) {
		snprintf(lead, sizeof(lead), "%s,%s,%zu,%s,", who[i], RESPONSES,
			 i + 2, grp[i]);
		expect_row(lines[i + 1], lead, want[i], 6);
	}
	free(text);
}

Test(report, reliability_and_across_groups_csv_shapes)
{
	char *text = render(semm_report_write_reliability_csv, res, NULL);
	char *lines[64];
	size_t n = split_lines(text, lines, 64);

	cr_expect_str_eq(lines[0],
			 "scope,group,unit_type,unit_id,n,k,alpha,"
			 "alpha_std,alpha_ci95_lo,alpha_ci95_hi,"
			 "mean_r,item,alpha_if_deleted,r_drop,reason");
	/* per scope a row per item of D1 (5), D2 (2), E1 (2), E2 (3), E3
	 * (2) = 14; pooled + 2 groups = 42 rows + header */
	cr_expect_eq(n, 43);
	cr_expect(strncmp(lines[1], "pooled,,dimension,D1,3,5,", 25) == 0, "%s",
		  lines[1]);
	free(text);
	text = render(semm_report_write_across_groups_csv, res, NULL);
	n = split_lines(text, lines, 64);
	cr_expect_str_eq(
		lines[0],
		"unit_type,unit_id,n,groups,k_bar,msb,msw,df_between,"
		"df_within,f,p,icc1,icc2,reason,icc1_ci95_lo,icc1_ci95_hi,"
		"icc2_ci95_lo,icc2_ci95_hi,rgr_groups,rgr_n,rgr_replications,"
		"rgr_observed,rgr_pseudo_mean,rgr_pseudo_sd,rgr_z,rgr_p,"
		"rgr_p_permutation,rgr_reason,rwg_groups,rwg_j_mean,agreement,"
		"groups_differ,beyond_chance,verdict,verdict_reason");
	cr_expect_eq(n, 7); /* header, overall, 2 dimensions, 3 elements */
	cr_expect(strncmp(lines[1], "overall,overall,5,2,2.5,", 24) == 0, "%s",
		  lines[1]);
	free(text);
}

/*
 * Regression tests for an engine bug found with them: report_csv.c wrote
 * element and dimension ids raw (fprintf/fputs) in the respondents.csv
 * header and in scores.csv's limiting_elements cell. The model accepts any
 * non-empty id, so an id such as "E,2" shifted every later column and
 * "=E1" reached a spreadsheet as a formula (docs/FORMATS.md: such cells
 * get a leading apostrophe). Those cells are written like every other
 * text cell.
 *
 * The model's element ids are "=E1" and "E,2". One respondent answers 1
 * to both items, so both elements are at 0 %, level 1 of 2: both are
 * limiting elements.
 */
static const char odd_model[] =
	"{\"format\": \"semm-model/1\", \"id\": \"m\", \"version\": \"1\", "
	"\"title\": \"t\",\n"
	"\"levels\": {\"label\": \"x\", \"bands\": [\n"
	"  {\"level\": 1, \"name\": \"Low\", \"min\": 0, \"max\": 50},\n"
	"  {\"level\": 2, \"name\": \"High\", \"min\": 50, \"max\": 100}]},\n"
	"\"dimensions\": [{\"id\": \"D1\", \"name\": \"d\", \"elements\": [\n"
	"  {\"id\": \"=E1\", \"name\": \"e1\"}, {\"id\": \"E,2\", \"name\": "
	"\"e2\"}]}]}\n";
static const char odd_questionnaire[] =
	"{\"format\": \"semm-questionnaire/1\", \"id\": \"q\", \"version\": "
	"\"1\",\n"
	"\"model\": {\"id\": \"m\"},\n"
	"\"metadata\": {\"respondent\": {\"column\": \"id\"}},\n"
	"\"scales\": [{\"id\": \"s\", \"min\": 1, \"max\": 5}],\n"
	"\"items\": [{\"id\": \"Q1\", \"element\": \"=E1\", \"scale\": \"s\"},\n"
	"  {\"id\": \"Q2\", \"element\": \"E,2\", \"scale\": \"s\"}]}\n";

static void score_odd_ids(void)
{
	static const char csv[] = "id,Q1,Q2\nr1,1,1\n";
	semm_error err;

	unload();
	semm_error_clear(&err);
	cr_assert_eq(semm_model_from_buffer(&model, odd_model,
					    strlen(odd_model), "m.json", &err),
		     0, "%s", err.message);
	cr_assert_eq(semm_questionnaire_from_buffer(&quest, odd_questionnaire,
						    strlen(odd_questionnaire),
						    "q.json", &err),
		     0, "%s", err.message);
	cr_assert_eq(semm_questionnaire_bind(quest, model, &err), 0, "%s",
		     err.message);
	cr_assert_eq(semm_responses_new(&resp, quest, NULL), 0);
	cr_assert_eq(semm_responses_read_csv_buffer(resp, csv, strlen(csv),
						    "r.csv", &err),
		     0, "%s", err.message);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, NULL, &err), 0,
		     "%s", err.message);
}

Test(report, respondents_csv_header_protects_element_ids)
{
	char *text, *lines[8];

	score_odd_ids();
	text = render(semm_report_write_respondents_csv, res, NULL);
	cr_assert_geq(split_lines(text, lines, 8), 1);
	cr_expect_str_eq(lines[0], "respondent,source,line,group,'=E1,\"E,2\","
				   "D1,overall");
	free(text);
}

Test(report, scores_csv_limiting_elements_cell_is_protected)
{
	char *text, *lines[8];
	size_t n;

	score_odd_ids();
	text = render(semm_report_write_scores_csv, res, NULL);
	n = split_lines(text, lines, 8);
	cr_assert_geq(n, 2);
	/* the cell "=E1 E,2" starts with '=' and holds a comma */
	cr_expect(strstr(lines[1], ",1,\"'=E1 E,2\",") != NULL, "%s", lines[1]);
	free(text);
}

/* ---- output primitives (jsonw.c) ----------------------------------------- */

/* A JSON string value written at the top level, as text. */
static char *json_string(const char *s)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	semm__jw w = { 0 };

	cr_assert_not_null(fp);
	w.fp = fp;
	semm__jw_string(&w, NULL, s);
	fclose(fp);
	return buf;
}

static void expect_json_string(const char *in, const char *want)
{
	char *got = json_string(in);

	cr_expect_str_eq(got, want);
	free(got);
}

/* Parses a written string back; returns its value (caller frees). */
static char *parse_back(const char *json)
{
	cJSON *v = cJSON_Parse(json);
	char *s;

	cr_assert(cJSON_IsString(v), "not a JSON string: %s", json);
	s = semm__strdup(v->valuestring);
	cJSON_Delete(v);
	return s;
}

Test(report, json_escapes_quotes_and_backslashes)
{
	expect_json_string("say \"hi\" \\ bye", "\"say \\\"hi\\\" \\\\ bye\"");
}

Test(report, json_escapes_control_characters)
{
	static const char in[] = "a\nb\tc\rd\x01"
				 "e\x1f"
				 "f\bg\fh";
	char *got = json_string(in), *back;
	const char *p;

	for (p = got; *p; p++)
		cr_expect((unsigned char)*p >= 0x20,
			  "raw control byte 0x%02x in the output", *p);
	cr_expect(strstr(got, "a\\nb\\tc\\rd") != NULL, "%s", got);
	back = parse_back(got);
	cr_expect_str_eq(back, in);
	free(back);
	free(got);
}

Test(report, json_keeps_valid_utf8)
{
	/* e acute (2 bytes), euro sign (3), U+1F600 (4) */
	expect_json_string("\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80",
			   "\"\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"");
}

Test(report, json_replaces_invalid_utf8_with_ufffd)
{
	char *got, *back;

	/* lone bytes that never start a sequence, one U+FFFD each */
	expect_json_string("a\xFF"
			   "b",
			   "\"a\\ufffdb\"");
	expect_json_string("a\x80"
			   "b",
			   "\"a\\ufffdb\"");
	/* a lead byte cut short by an ASCII byte or the end */
	expect_json_string("\xC3(", "\"\\ufffd(\"");
	expect_json_string("x\xC3", "\"x\\ufffd\"");
	/* overlong '/' (C0 AF): C0 can start nothing, AF is a stray */
	expect_json_string("\xC0\xAF", "\"\\ufffd\\ufffd\"");
	/* UTF-16 surrogate D800 (ED A0 80): ED cannot be followed by A0 */
	expect_json_string("\xED\xA0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	/* above U+10FFFF (F4 90 80 80) */
	expect_json_string("\xF4\x90\x80\x80",
			   "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	/* what a reader gets back is U+FFFD, EF BF BD */
	got = json_string("a\xFF"
			  "b");
	back = parse_back(got);
	cr_expect_str_eq(back, "a\xEF\xBF\xBD"
			       "b");
	free(back);
	free(got);
}

Test(report, json_writer_indents_separates_and_writes_null_for_nan)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	semm__jw w = { 0 };

	cr_assert_not_null(fp);
	w.fp = fp;
	semm__jw_open(&w, NULL, '{');
	semm__jw_string(&w, "k\"ey", "v");
	semm__jw_number(&w, "n", NAN);
	semm__jw_number(&w, "x", 0.5);
	semm__jw_open(&w, "list", '[');
	semm__jw_size(&w, NULL, 3);
	semm__jw_bool(&w, NULL, 1);
	semm__jw_string(&w, NULL, NULL);
	semm__jw_close(&w, ']');
	semm__jw_open(&w, "empty", '[');
	semm__jw_close(&w, ']');
	semm__jw_close(&w, '}');
	fclose(fp);
	cr_expect_eq(w.failed, 0);
	cr_expect_str_eq(buf, "{\n"
			      "  \"k\\\"ey\": \"v\",\n"
			      "  \"n\": null,\n"
			      "  \"x\": 0.5,\n"
			      "  \"list\": [\n"
			      "    3,\n"
			      "    true,\n"
			      "    null\n"
			      "  ],\n"
			      "  \"empty\": []\n"
			      "}\n");
	free(buf);
}

Test(report, json_writer_flags_an_unbalanced_close)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	semm__jw w = { 0 };

	cr_assert_not_null(fp);
	w.fp = fp;
	semm__jw_close(&w, '}');
	fclose(fp);
	cr_expect_eq(w.failed, 1);
	free(buf);
}

/* Pairs mode: each value with its path, as the Methods sheet of
 * report.xlsx gets them. */
static void collect_pair(void *ctx, const char *path, const semm__jw_value *v)
{
	char *out = ctx;
	size_t used = strlen(out);

	switch (v->type) {
	case 's':
		snprintf(out + used, 512 - used, "%s=%s\n", path, v->text);
		break;
	case 'n':
		snprintf(out + used, 512 - used, "%s=%g\n", path, v->number);
		break;
	case 'b':
		snprintf(out + used, 512 - used, "%s=%s\n", path,
			 v->number ? "true" : "false");
		break;
	default: snprintf(out + used, 512 - used, "%s=null\n", path); break;
	}
}

Test(report, json_writer_in_pairs_mode_hands_over_values_with_their_paths)
{
	semm__jw *w = calloc(1, sizeof(*w));
	char out[512] = "";

	cr_assert_not_null(w);
	w->pair = collect_pair;
	w->pair_ctx = out;
	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "a", "x");
	semm__jw_open(w, "b", '{');
	semm__jw_number(w, "c", 0.5);
	semm__jw_open(w, "list", '[');
	semm__jw_size(w, NULL, 7);
	semm__jw_open(w, NULL, '{');
	semm__jw_bool(w, "d", 1);
	semm__jw_close(w, '}');
	semm__jw_null(w, NULL);
	semm__jw_close(w, ']');
	semm__jw_close(w, '}');
	semm__jw_number(w, "e", NAN);
	semm__jw_string(w, "f", NULL);
	semm__jw_close(w, '}');
	cr_expect_eq(w->failed, 0);
	cr_expect_str_eq(out, "a=x\n"
			      "b.c=0.5\n"
			      "b.list[0]=7\n"
			      "b.list[1].d=true\n"
			      "b.list[2]=null\n"
			      "e=null\n"
			      "f=null\n");
	free(w);
}

static void expect_number(double v, const char *want)
{
	char buf[64];

	semm__format_number(v, buf, sizeof(buf));
	cr_expect_str_eq(buf, want, "%.17g gave \"%s\", expected \"%s\"", v,
			 buf, want);
}

/* Expected texts: Python's repr of the same double (the shortest text
 * that reads back), laid out as %.15g lays it out. */
Test(report, format_number_writes_the_shortest_exact_text)
{
	expect_number(1.0 / 3, "0.3333333333333333");
	expect_number(2.0 / 3, "0.6666666666666666");
	expect_number(123456789.123456789, "123456789.12345679");
	expect_number(0.1 + 0.2, "0.30000000000000004");
	expect_number(0.3, "0.3");
	expect_number(100, "100");
	expect_number(-2.5, "-2.5");
	expect_number(1234567890123456789.0, "1.2345678901234568e+18");
	expect_number(1e-7, "1e-07");
}

Test(report, format_number_never_writes_minus_zero)
{
	volatile double tiny = 1e-300;

	expect_number(-0.0, "0");
	expect_number(-tiny * tiny, "0");  /* underflows to -0 */
	expect_number(-1e-300, "-1e-300"); /* not zero: keeps its sign */
}

Test(report, format_number_writes_nothing_for_nan_and_infinity)
{
	expect_number(NAN, "");
	expect_number(INFINITY, "");
	expect_number(-INFINITY, "");
}

/* A CSV cell as written, as text. */
static void expect_cell(const char *in, const char *want)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	cr_assert_not_null(fp);
	semm__csv_text(fp, in);
	fclose(fp);
	cr_expect_str_eq(buf, want, "cell \"%s\"", in ? in : "(null)");
	free(buf);
}

Test(report, csv_text_neutralises_formula_cells)
{
	expect_cell("=SUM(A1:A9)", "'=SUM(A1:A9)");
	expect_cell("+1", "'+1");
	expect_cell("-1", "'-1");
	expect_cell("@cmd", "'@cmd");
	expect_cell("\tx", "'\tx");
	/* only the first character matters */
	expect_cell("a=b", "a=b");
	expect_cell("x-1", "x-1");
}

Test(report, csv_text_quotes_cells_with_commas_quotes_or_newlines)
{
	expect_cell("plain text", "plain text");
	expect_cell("a,b", "\"a,b\"");
	expect_cell("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_cell("two\nlines", "\"two\nlines\"");
	expect_cell("cr\rhere", "\"cr\rhere\"");
	/* both: the apostrophe goes inside the quotes */
	expect_cell("=1,2", "\"'=1,2\"");
	expect_cell("\rx", "\"'\rx\"");
}

Test(report, csv_text_of_empty_and_null_is_an_empty_cell)
{
	expect_cell("", "");
	expect_cell(NULL, "");
}

/* ---- writing a folder ----------------------------------------------------- */

/* The files semm_report_write_dir writes (include/semm/report.h), sorted
 * by name. */
static const char *const report_files[] = {
	"across_groups.csv", "aggregation.csv", "improvements.csv",
	"reliability.csv",   "report.json",	"respondents.csv",
	"scores.csv"
};
#define N_REPORT_FILES (sizeof(report_files) / sizeof(report_files[0]))

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir except . and .., sorted; returns the count. */
static size_t list_dir(const char *dir, char **names, size_t max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	cr_assert_not_null(d, "cannot open %s", dir);
	for (e = readdir(d); e != NULL; e = readdir(d)) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n < max)
			names[n] = semm__strdup(e->d_name);
		n++;
	}
	closedir(d);
	qsort(names, n < max ? n : max, sizeof(*names), by_name);
	return n;
}

static void free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
}

/* Removes dir and everything in it (one level, plus empty folders). */
static void remove_dir(const char *dir)
{
	char *names[32];
	size_t n = list_dir(dir, names, 32), i;
	char path[512];

	for (i = 0; i < n && i < 32; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (unlink(path) != 0)
			rmdir(path);
	}
	free_names(names, n < 32 ? n : 32);
	rmdir(dir);
}

static char *read_all(const char *path, size_t *len)
{
	char *data = NULL;
	semm_error err;

	cr_assert_eq(semm__read_file(path, &data, len, &err), 0, "%s",
		     err.message);
	return data;
}

Test(report, write_dir_leaves_exactly_the_report_files)
{
	char dir[] = "/tmp/semm-test-report-XXXXXX";
	char *names[16], path[512];
	size_t n, i, len, mem_len;
	char *disk, *mem;
	semm_error err;

	cr_assert_not_null(mkdtemp(dir));
	semm_error_clear(&err);
	cr_expect_eq(semm_report_write_dir(res, dir, &err), SEMM_OK, "%s",
		     err.message);
	n = list_dir(dir, names, 16);
	cr_expect_eq(n, N_REPORT_FILES, "%zu files in the folder", n);
	for (i = 0; i < n && i < N_REPORT_FILES; i++)
		cr_expect_str_eq(names[i], report_files[i]);
	free_names(names, n < 16 ? n : 16);
	/* the file holds what the writer writes */
	snprintf(path, sizeof(path), "%s/report.json", dir);
	disk = read_all(path, &len);
	mem = render(semm_report_write_json, res, &mem_len);
	cr_expect(len == mem_len && memcmp(disk, mem, len) == 0);
	free(disk);
	free(mem);
	remove_dir(dir);
}

Test(report, write_dir_replaces_earlier_reports)
{
	char dir[] = "/tmp/semm-test-report-XXXXXX";
	char *names[16];
	size_t n;
	semm_error err;

	cr_assert_not_null(mkdtemp(dir));
	cr_expect_eq(semm_report_write_dir(res, dir, &err), SEMM_OK);
	cr_expect_eq(semm_report_write_dir(res, dir, &err), SEMM_OK, "%s",
		     err.message);
	n = list_dir(dir, names, 16);
	cr_expect_eq(n, N_REPORT_FILES);
	free_names(names, n < 16 ? n : 16);
	remove_dir(dir);
}

Test(report, write_dir_files_get_the_umask_mode)
{
	char dir[] = "/tmp/semm-test-report-XXXXXX";
	char path[512];
	struct stat st;
	semm_error err;

	umask(022);
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(semm_report_write_dir(res, dir, &err), SEMM_OK);
	snprintf(path, sizeof(path), "%s/scores.csv", dir);
	cr_assert_eq(stat(path, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0644, "mode %o", st.st_mode & 0777);
	remove_dir(dir);
}

Test(report, write_dir_into_a_missing_folder_fails_and_leaves_nothing)
{
	char dir[] = "/tmp/semm-test-report-XXXXXX";
	char missing[512], *names[16];
	struct stat st;
	semm_error err;
	size_t n;
	int rc, saved;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(missing, sizeof(missing), "%s/missing", dir);
	semm_error_clear(&err);
	cr_expect_eq(semm_report_write_dir(res, missing, &err), SEMM_EIO);
	cr_expect_eq(err.code, SEMM_EIO);
	cr_expect_str_eq(err.source, missing);
	/* the folder is not created, and nothing appears beside it */
	rc = stat(missing, &st);
	saved = errno;
	cr_expect_neq(rc, 0);
	cr_expect_eq(saved, ENOENT);
	n = list_dir(dir, names, 16);
	cr_expect_eq(n, 0);
	free_names(names, n < 16 ? n : 16);
	remove_dir(dir);
}

/*
 * Regression test for an engine bug found with it: semm_report_write_dir
 * renamed the finished temporary files one after another, so when a later
 * rename failed (here respondents.csv is a folder: rename() fails with
 * EISDIR) the files renamed before it (report.json, scores.csv) stayed.
 * report.h promises "on failure no new file is left behind": SEMM_EIO and
 * the folder as it was, only the blocking folder in it.
 */
Test(report, write_dir_failing_midway_leaves_no_new_file)
{
	char dir[] = "/tmp/semm-test-report-XXXXXX";
	char blocker[512], *names[16];
	semm_error err;
	size_t n, i;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(blocker, sizeof(blocker), "%s/respondents.csv", dir);
	cr_assert_eq(mkdir(blocker, 0700), 0);
	semm_error_clear(&err);
	cr_expect_eq(semm_report_write_dir(res, dir, &err), SEMM_EIO);
	n = list_dir(dir, names, 16);
	for (i = 0; i < n && i < 16; i++)
		cr_expect_str_eq(names[i], "respondents.csv",
				 "\"%s\" left behind after a failed write",
				 names[i]);
	cr_expect_eq(n, 1);
	free_names(names, n < 16 ? n : 16);
	remove_dir(dir);
}
