/*
 * test_ratings.c - unit tests of assessor ratings: the semm-ratings/1
 * loader (a good file, and each kind of bad input with its one-line
 * message naming file, line, column and JSON path), joining ratings to
 * the hand-worked result (means, survey figures, disagreements, the
 * findings, the agreement statistics), ratings.csv, report.json's
 * section and the HTML section in English and German.
 *
 * Expected figures: tests/data/ratings/README.md works out the means and
 * disagreements; the agreement statistics were computed with an
 * independent Python implementation (exact fractions) of the formulas.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "report/report_html.h"
#include "score/ratings.h"
#include "test_helpers.h"

#define TOL 1e-9

#define expect_near(got, want)                                                \
	cr_expect(close_to((got), (want), TOL), "%s = %.17g, expected %.17g", \
		  #got, (double)(got), (double)(want))

static semm_model *mini(void)
{
	semm_model *m = NULL;
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(
		semm_model_from_file(
			&m, DATA("tests/data/handworked/model.json"), &err),
		0, "%s", err.message);
	return m;
}

/* Parses text as ratings for model mini; the code, err filled. */
static int parse(const char *text, semm_error *err, semm_ratings **out)
{
	semm_model *m = mini();
	semm_ratings *r = NULL;
	int rc;

	semm_error_clear(err);
	rc = semm_ratings_from_buffer(&r, m, text, strlen(text), "r.json", err);
	if (out)
		*out = r;
	else
		semm_ratings_free(r);
	semm_model_free(m);
	return rc;
}

#define HEAD                                                              \
	"{\"format\": \"semm-ratings/1\", \"model\": \"mini\",\n"         \
	"\"organization\": \"Alpha\",\n\"assessors\": [{\"id\": \"R1\", " \
	"\"name\": \"N\", \"role\": \"internal\"}],\n"

#define RATING(body) HEAD "\"ratings\": [\n" body "\n]}"

Test(ratings, loads_the_test_file)
{
	semm_model *m = mini();
	semm_ratings *r = NULL;
	const semm__rating *x;
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(
		semm_ratings_from_file(
			&r, m, DATA("tests/data/ratings/alpha.json"), &err),
		0, "%s", err.message);
	cr_expect_str_eq(semm_ratings_organization(r), "Alpha");
	cr_expect_str_eq(semm_ratings_model_id(r), "mini");
	cr_expect_eq(semm_ratings_assessor_count(r), 3);
	cr_expect_eq(semm_ratings_count(r), 8);
	/* R1 E1: level 3 stands for the middle of [40, 60) */
	x = semm__rating_at(r, 0, 0);
	cr_assert_not_null(x);
	cr_expect(x->by_level);
	cr_expect_eq(x->band, 2);
	expect_near(x->percent, 50.0);
	cr_expect_eq(x->n_documents, 2);
	cr_expect_str_eq(x->documents[1], "Minutes, May");
	/* R2 E1: 45 % lies in band L3 */
	x = semm__rating_at(r, 1, 0);
	cr_expect(!x->by_level);
	cr_expect_eq(x->band, 2);
	/* R3 did not rate E3 */
	cr_expect_null(semm__rating_at(r, 2, 2));
	cr_expect_eq(r->assessors[1].external, 1);
	semm_ratings_free(r);
	semm_model_free(m);
	semm_ratings_free(NULL);
}

Test(ratings, names_the_model_it_is_for)
{
	char id[16];
	semm_error err;
	const char *t = RATING("");

	cr_assert_eq(semm_ratings_model_of(t, strlen(t), "r.json", id,
					   sizeof(id), &err),
		     0);
	cr_expect_str_eq(id, "mini");
}

static void expect_error(const char *text, int code, const char *where)
{
	semm_error err;
	char line[SEMM_ERROR_MESSAGE_MAX + SEMM_ERROR_SOURCE_MAX + 64];

	cr_expect_eq(parse(text, &err, NULL), code, "%s", err.message);
	snprintf(line, sizeof(line), "%s:%lu:%lu: %s", err.source, err.line,
		 err.column, err.message);
	cr_expect(strstr(line, where) != NULL, "\"%s\" lacks \"%s\"", line,
		  where);
	cr_expect(strchr(err.message, '\n') == NULL);
}

Test(ratings, refuses_each_bad_input)
{
	expect_error(RATING("{\"assessor\": \"R1\", \"element\": \"E1\", "
			    "\"level\": 6, \"evidence\": \"x\", \"date\": "
			    "\"2026-01-01\"}"),
		     SEMM_EINVALID,
		     "r.json:5:46: $.ratings[0].level: level 6 is not a level "
		     "of model mini (1..5)");
	expect_error(RATING("{\"assessor\": \"R1\", \"element\": \"E1\", "
			    "\"level\": 2.5, \"evidence\": \"x\", \"date\": "
			    "\"2026-01-01\"}"),
		     SEMM_EINVALID, "level 2.5 is not a level");
	expect_error(RATING("{\"assessor\": \"R1\", \"element\": \"E1\", "
			    "\"percent\": 100.5, \"evidence\": \"x\", "
			    "\"date\": \"2026-01-01\"}"),
		     SEMM_EINVALID,
		     "$.ratings[0].percent: percent 100.5 is "
		     "outside 0..100");
	expect_error(RATING("{\"assessor\": \"R1\", \"element\": \"E1\", "
			    "\"level\": 2, \"percent\": 30, \"evidence\": "
			    "\"x\", \"date\": \"2026-01-01\"}"),
		     SEMM_EINVALID,
		     "$.ratings[0]: give either \"level\" or \"percent\"");
	expect_error(RATING("{\"assessor\": \"R9\", \"element\": \"E1\", "
			    "\"level\": 2, \"evidence\": \"x\", \"date\": "
			    "\"2026-01-01\"}"),
		     SEMM_EINVALID,
		     "$.ratings[0].assessor: assessor \"R9\" is not among");
	expect_error(RATING("{\"assessor\": \"R1\", \"element\": \"E7\", "
			    "\"level\": 2, \"evidence\": \"x\", \"date\": "
			    "\"2026-01-01\"}"),
		     SEMM_EINVALID,
		     "$.ratings[0].element: element \"E7\" is not in model");
	expect_error(RATING("{\"assessor\": \"R1\", \"element\": \"E1\", "
			    "\"level\": 2, \"evidence\": \" \", \"date\": "
			    "\"2026-01-01\"}"),
		     SEMM_EINVALID, "$.ratings[0].evidence: must not be empty");
	expect_error(RATING("{\"assessor\": \"R1\", \"element\": \"E1\", "
			    "\"level\": 2, \"evidence\": \"x\", \"date\": "
			    "\"2025-02-29\"}"),
		     SEMM_EINVALID,
		     "$.ratings[0].date: \"2025-02-29\" is not a date");
	expect_error(RATING("{\"assessor\": \"R1\", \"element\": \"E1\", "
			    "\"level\": 2, \"evidence\": \"x\", \"date\": "
			    "\"1.3.2026\"}"),
		     SEMM_EINVALID, "is not a date YYYY-MM-DD");
	expect_error(RATING("{\"assessor\": \"R1\", \"element\": \"E1\", "
			    "\"level\": 2, \"evidence\": \"x\", \"date\": "
			    "\"2026-01-01\"},\n{\"assessor\": \"R1\", "
			    "\"element\": \"E1\", \"level\": 3, \"evidence\": "
			    "\"y\", \"date\": \"2026-01-02\"}"),
		     SEMM_EINVALID,
		     "r.json:6:1: $.ratings[1]: assessor R1 rates element E1 "
		     "twice (first at line 5)");
	expect_error(RATING("{\"assessor\": \"R1\", \"element\": \"E1\", "
			    "\"level\": 2, \"evidence\": \"x\", \"date\": "
			    "\"2026-01-01\", \"score\": 3}"),
		     SEMM_EINVALID, "$.ratings[0]");
	expect_error(RATING("{\"assessor\": \"R1\", \"element\": \"E1\", "
			    "\"level\": 2, \"evidence\": \"x\", \"date\": "
			    "\"2026-01-01\", \"documents\": [\"a\", 3]}"),
		     SEMM_ESCHEMA, "$.ratings[0].documents[1]");
	expect_error(RATING("{\"assessor\": \"R1\", \"element\": \"E1\", "
			    "\"level\": 2, \"date\": \"2026-01-01\"}"),
		     SEMM_ESCHEMA, "evidence");
	expect_error(RATING(""), SEMM_EINVALID,
		     "$.ratings: give at least one rating");
	expect_error("{\"format\": \"semm-ratings/1\", \"model\": \"other\"}",
		     SEMM_EINVALID, "the ratings are for model \"other\"");
	expect_error("{\"format\": \"semm-ratings/1\", \"model\": \"mini\", "
		     "\"organization\": \"A\", \"assessors\": [{\"id\": \"R\", "
		     "\"name\": \"N\", \"role\": \"boss\"}], \"ratings\": []}",
		     SEMM_EINVALID, "$.assessors[0].role: role \"boss\"");
	expect_error(
		"{\"format\": \"semm-ratings/1\", \"model\": \"mini\", "
		"\"organization\": \"A\", \"assessors\": [{\"id\": \"R\", "
		"\"name\": \"N\", \"role\": \"internal\"}, {\"id\": \"R\", "
		"\"name\": \"M\", \"role\": \"external\"}], "
		"\"ratings\": []}",
		SEMM_EINVALID,
		"$.assessors[1].id: assessor \"R\" is "
		"listed twice");
	expect_error("{\"format\": \"semm-ratings/2\"}", SEMM_ESCHEMA,
		     "semm-ratings");
	expect_error("{\"format\": ", SEMM_EPARSE, "r.json:1:");
}

static void count_problem(void *ctx, const semm_error *e)
{
	(void)e;
	++*(int *)ctx;
}

Test(ratings, check_collects_every_problem)
{
	const char *t = RATING(
		"{\"assessor\": \"R9\", \"element\": \"E9\", \"level\": 9, "
		"\"evidence\": \"\", \"date\": \"2026-13-01\"}");
	semm_model *m = mini();
	semm_error err;
	int n = 0;

	cr_expect_eq(semm_ratings_check(t, strlen(t), "r.json", m,
					count_problem, &n, NULL, &err),
		     SEMM_EINVALID);
	cr_expect_eq(n, 5);
	semm_model_free(m);
}

/* The hand-worked result with alpha.json (and beta.json) joined. */
typedef struct fixture {
	semm_model *m;
	semm_questionnaire *q;
	semm_responses *r;
	semm_result *res;
	semm_ratings *sets[2];
} fixture;

static void setup(fixture *f, int with_responses, size_t n_sets)
{
	static const char *const files[] = { "tests/data/ratings/alpha.json",
					     "tests/data/ratings/beta.json" };
	char path[1024];
	semm_error err;
	size_t i;

	memset(f, 0, sizeof(*f));
	if (with_responses) {
		load_handworked(&f->m, &f->q, &f->r);
	} else {
		semm_error_clear(&err);
		f->m = mini();
		cr_assert_eq(semm_questionnaire_from_file(
				     &f->q,
				     DATA("tests/data/handworked/"
					  "questionnaire.json"),
				     &err),
			     0);
		cr_assert_eq(semm_questionnaire_bind(f->q, f->m, &err), 0);
		cr_assert_eq(semm_responses_new(&f->r, f->q, NULL), 0);
	}
	cr_assert_eq(semm_score_run(&f->res, f->m, f->q, f->r, NULL, &err), 0,
		     "%s", err.message);
	for (i = 0; i < n_sets; i++) {
		snprintf(path, sizeof(path), "%s/%s", SEMM_SOURCE_DIR,
			 files[i]);
		cr_assert_eq(
			semm_ratings_from_file(&f->sets[i], f->m, path, &err),
			0, "%s", err.message);
	}
}

static void teardown(fixture *f)
{
	free_loaded(&f->res, &f->r, &f->q, &f->m);
	semm_ratings_free(f->sets[0]);
	semm_ratings_free(f->sets[1]);
}

static int join(fixture *f, size_t n, semm_error *err)
{
	semm_error_clear(err);
	return semm_result_add_ratings(
		f->res, (const semm_ratings *const *)f->sets, n, NULL, err);
}

Test(ratings, joins_the_survey)
{
	fixture f;
	semm_error err;
	const semm__rated_org *o;

	setup(&f, 1, 2);
	cr_assert_eq(join(&f, 2, &err), 0, "%s", err.message);
	cr_assert_eq(semm_result_rated_count(f.res), 2);
	o = &f.res->ratings->orgs[0];
	cr_expect_eq(o->group, 0); /* Alpha */
	cr_expect_eq(semm__rated_of_group(f.res, 1), 1);
	/* means: (50 + 45 + 65) / 3, (70 + 75 + 70) / 3, (10 + 50) / 2 */
	expect_near(o->elems[0].mean_percent, 160.0 / 3.0);
	expect_near(o->elems[1].mean_percent, 215.0 / 3.0);
	expect_near(o->elems[2].mean_percent, 30.0);
	cr_expect_eq(o->elems[0].mean_band, 2);
	cr_expect_eq(o->elems[1].mean_band, 3);
	cr_expect_eq(o->elems[2].mean_band, 1);
	/* the survey: 56.25 (L3), 68.75 (L4), 50 (L3) */
	expect_near(o->elems[0].survey_percent, 56.25);
	expect_near(o->elems[1].survey_percent, 68.75);
	expect_near(o->elems[2].survey_percent, 50.0);
	cr_expect_eq(o->elems[2].survey_band, 2);
	/* E1: R3's L4 is 1 level from L3; E2 agrees; E3: R1's L1 is 2 */
	cr_expect_eq(o->elems[0].disagree, 1);
	cr_expect_eq(o->elems[0].max_apart, 1);
	cr_expect_eq(o->elems[1].disagree, 0);
	cr_expect_eq(o->elems[2].disagree, 1);
	cr_expect_eq(o->elems[2].max_apart, 2);
	cr_expect_eq(o->elems[2].n, 2);
	/* Beta has one assessor: no agreement */
	cr_expect_not_null(f.res->ratings->orgs[1].agree.reason);
	teardown(&f);
}

/*
 * Alpha's agreement. Levels (band indexes) E1 (2, 2, 3), E2 (3, 3, 3),
 * E3 (0, 2, -); percents E1 (50, 45, 65), E2 (70, 75, 70), E3 (10, 50,
 * -). Python, exact: ordinal alpha 19/32, interval alpha 151/333; ICC
 * over E1 and E2 (complete): BMS = 3025/6, JMS = 75/2, EMS = 475/6,
 * ICC(2,1) = 17/24, ICC(2,3) = 51/58; df = 3.3062112810255855,
 * ICC(2,1) in [-0.35741578925211695, 0.99960431414256748].
 */
Test(ratings, measures_the_agreement)
{
	fixture f;
	semm_error err;
	const semm__rated_agree *g;

	setup(&f, 1, 1);
	cr_assert_eq(join(&f, 1, &err), 0, "%s", err.message);
	g = &f.res->ratings->orgs[0].agree;
	cr_expect_null(g->reason);
	expect_near(g->ordinal.alpha, 19.0 / 32.0);
	expect_near(g->interval.alpha, 151.0 / 333.0);
	expect_near(g->icc.bms, 3025.0 / 6.0);
	expect_near(g->icc.jms, 75.0 / 2.0);
	expect_near(g->icc.ems, 475.0 / 6.0);
	expect_near(g->icc.single, 17.0 / 24.0);
	expect_near(g->icc.average, 51.0 / 58.0);
	expect_near(g->icc.df, 3.3062112810255855);
	expect_near(g->icc.single_ci[0], -0.35741578925211695);
	expect_near(g->icc.single_ci[1], 0.99960431414256748);
	cr_expect_eq(g->icc.n, 2);
	cr_expect_eq(g->ordinal_boot.replications,
		     SEMM_RATINGS_BOOT_REPLICATIONS);
	cr_expect(g->interval_boot.lo <= g->interval_boot.hi);
	teardown(&f);
}

Test(ratings, adds_disagreement_findings)
{
	fixture f;
	semm_error err;
	size_t i, n = 0;
	char buf[512];

	setup(&f, 1, 1);
	cr_assert_eq(join(&f, 1, &err), 0, "%s", err.message);
	for (i = 0; i < semm_result_finding_count(f.res); i++) {
		const semm_finding *x = semm_result_finding(f.res, i);

		if (x->kind != SEMM_FINDING_RATING_DISAGREES)
			continue;
		semm_finding_message(f.res, x, buf, sizeof(buf));
		if (n == 0)
			cr_expect_str_eq(buf, "group Alpha, element E1: "
					      "assessor R3 rates level 4, the "
					      "survey gives level 3 (1 level "
					      "apart)");
		else
			cr_expect_str_eq(buf, "group Alpha, element E3: "
					      "assessor R1 rates level 1, the "
					      "survey gives level 3 (2 levels "
					      "apart)");
		cr_expect_eq(x->group, 0);
		n++;
	}
	cr_expect_eq(n, 2);
	cr_expect_str_eq(semm_finding_kind_name(SEMM_FINDING_RATING_DISAGREES),
			 "rating_disagrees");
	teardown(&f);
}

Test(ratings, refuses_what_does_not_fit)
{
	fixture f;
	semm_error err;
	semm_ratings_options o = SEMM_RATINGS_OPTIONS_INIT;

	setup(&f, 1, 2);
	f.sets[1] = f.sets[0];
	cr_expect_eq(join(&f, 2, &err), SEMM_EARG);
	cr_expect(strstr(err.message, "organization Alpha is rated in") != NULL,
		  "%s", err.message);
	f.sets[1] = NULL;
	free(f.sets[0]->organization);
	f.sets[0]->organization = semm__strdup("Gamma");
	cr_expect_eq(join(&f, 1, &err), SEMM_EARG);
	cr_expect(strstr(err.message, "not among the survey's groups") != NULL);
	o.disagree_levels = 0;
	cr_expect_eq(semm_result_add_ratings(
			     f.res, (const semm_ratings *const *)f.sets, 1, &o,
			     &err),
		     SEMM_EARG);
	teardown(&f);
}

Test(ratings, stand_alone_without_a_survey)
{
	fixture f;
	semm_error err;
	const semm__rated_org *o;

	setup(&f, 0, 2);
	cr_assert_eq(join(&f, 2, &err), 0, "%s", err.message);
	o = &f.res->ratings->orgs[0];
	cr_expect_eq(o->group, -1);
	cr_expect(isnan(o->elems[0].survey_percent));
	cr_expect_eq(o->elems[0].disagree, 0);
	expect_near(o->agree.ordinal.alpha, 19.0 / 32.0);
	cr_expect_eq(join(&f, 2, &err), SEMM_EARG); /* joined already */
	teardown(&f);
}

/* What writer w makes of the result, as a string (caller frees). */
static char *written(const semm_result *res,
		     int (*w)(const semm_result *, FILE *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	cr_assert_not_null(fp);
	cr_assert_eq(w(res, fp), 0);
	fclose(fp);
	return buf;
}

#define CSV_HEADER                                                        \
	"organization,group,element,element_name,assessor,assessor_name," \
	"role,rated_as,level,level_name,percent,assessors_mean_percent,"  \
	"assessors_mean_level,survey_percent,survey_level,levels_apart,"  \
	"disagrees,date,evidence,documents\n"

Test(ratings, ratings_csv_rows)
{
	fixture f;
	semm_error err;
	char *csv;

	setup(&f, 1, 2);
	cr_assert_eq(join(&f, 2, &err), 0, "%s", err.message);
	csv = written(f.res, semm_report_write_ratings_csv);
	cr_expect(strncmp(csv, CSV_HEADER, strlen(CSV_HEADER)) == 0, "%s", csv);
	/* R1 on E1: level 3 = 50 %, mean 160/3, survey 56.25 L3 */
	cr_expect(strstr(csv, "Alpha,Alpha,E1,Element one,R1,Rita One,"
			      "internal,level,3,L3,50,53.333333333333336,3,"
			      "56.25,3,0,0,2026-02-01,Plan seen,"
			      "\"Plan 2026 | Minutes, May\"\n") != NULL,
		  "%s", csv);
	/* R3 on E1 disagrees by one level */
	cr_expect(strstr(csv, ",R3,Rosa Three,external,percent,4,L4,65,"
			      "53.333333333333336,3,56.25,3,1,1,2026-02-03,"
			      "Site visit,\n") != NULL);
	/* a formula-like evidence is defused; quotes doubled */
	cr_expect(strstr(csv, ",'=SUM(A1),") != NULL, "%s", csv);
	cr_expect(strstr(csv, "\"Records, \"\"audited\"\"\"") != NULL);
	/* Beta: one row; 8 + 1 rows and the header */
	cr_expect(strstr(csv, "Beta,Beta,E2,Element two,S1,Sam,internal,"
			      "level,1,L1,10,10,1,19.79166666666666") != NULL);
	{
		size_t lines = 0;
		const char *p;

		for (p = csv; *p; p++)
			lines += *p == '\n';
		cr_expect_eq(lines, 10);
	}
	free(csv);
	teardown(&f);
}

Test(ratings, report_json_section)
{
	fixture f;
	semm_error err;
	char *json;

	setup(&f, 1, 1);
	cr_assert_eq(join(&f, 1, &err), 0, "%s", err.message);
	json = written(f.res, semm_report_write_json);
	cr_expect(strstr(json, "\"ratings\": {") != NULL);
	cr_expect(strstr(json, "\"generator\": \"gsl_rng_mt19937\"") != NULL);
	cr_expect(strstr(json, "\"icc_2_1\": 0.708333333333333") != NULL, "%s",
		  strstr(json, "\"icc\""));
	cr_expect(strstr(json, "\"evidence\": \"<none>\"") != NULL);
	cr_expect(strstr(json, "\"Minutes, May\"") != NULL);
	free(json);
	teardown(&f);
}

static char *html_of(const semm_result *res, int appendix)
{
	char *buf = NULL;
	size_t len = 0;
	html h;

	memset(&h, 0, sizeof(h));
	h.res = res;
	h.fp = open_memstream(&buf, &len);
	cr_assert_not_null(h.fp);
	if (appendix)
		semm__html_evidence_appendix(&h);
	else
		semm__html_ratings_section(&h, 0);
	fclose(h.fp);
	return buf;
}

Test(ratings, html_in_english_and_german)
{
	fixture f;
	semm_error err;
	char *s;
	size_t n;
	const semm__msg *msgs = semm__html_ratings_msgs(&n);

	cr_expect_eq(semm__msg_check(msgs, n), n);
	setup(&f, 1, 1);
	cr_assert_eq(join(&f, 1, &err), 0, "%s", err.message);
	s = html_of(f.res, 0);
	cr_expect(strstr(s, "<h3>Assessor ratings: Alpha</h3>") != NULL, "%s",
		  s);
	/* R3's E1 is flagged; the evidence is escaped */
	cr_expect(strstr(s, "<td class=\"lvl flag\">4 L4 \xc2\xb7 65.0&nbsp;% "
			    "\xe2\x96\xb2</td>") != NULL,
		  "%s", s);
	cr_expect(strstr(s, "&lt;none&gt;") != NULL);
	cr_expect(strstr(s, "<none>") == NULL);
	cr_expect(strstr(s, "<td class=\"num\">0.71</td>") != NULL);
	free(s);
	f.res->report_lang = SEMM__LANG_DE;
	s = html_of(f.res, 0);
	cr_expect(strstr(s, "Bewertungen der Assessoren: Alpha") != NULL);
	cr_expect(strstr(s, "65,0&nbsp;%") != NULL);
	cr_expect(strstr(s, "<td class=\"num\">0,71</td>") != NULL);
	free(s);
	s = html_of(f.res, 1);
	cr_expect(strstr(s, "Anhang: Nachweise der Bewertungen") != NULL);
	cr_expect(strstr(s, "Plan 2026; Minutes, May") != NULL);
	free(s);
	teardown(&f);
}
