/*
 * test_report_html.c - the HTML report (report/report_html.c): a well-formed
 * page (a small tag-balance and entity checker), a section and a radar
 * chart per group, radar points at the coordinates worked out by hand
 * from tests/data/handworked/EXPECTED.md, the staged level in words, the
 * heat map, escaping of hostile names, identical bytes on a second run
 * and the rejected respondents.
 *
 * With SEMM_HTML_OUT set, the hand-worked report is also written to that
 * path (and with SEMM_HTML_EXAMPLE_OUT the shipped ISO 23592 example to
 * that one), for tests/e2e/html_render.sh to render in a browser.
 */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "test_helpers.h"

#define MODEL DATA("tests/data/handworked/model.json")
#define QUEST DATA("tests/data/handworked/questionnaire.json")
#define RESPONSES DATA("tests/data/handworked/responses.csv")

#define HOSTILE "<script>alert(1)</script> & \"quotes\""
#define HOSTILE_ESCAPED \
	"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"

static semm_model *model;
static semm_questionnaire *quest;
static semm_responses *resp;
static semm_result *res;

/* Loads a model and questionnaire (model_text: the model's JSON, or NULL
 * for the file), reads the response file at path (or none) and the CSV
 * text extra as "extra.csv" (or none), and scores with the files' own
 * settings. */
static void load(const char *model_path, const char *model_text,
		 const char *quest_path, const char *path, const char *extra)
{
	semm_error err;

	semm_error_clear(&err);
	if (model_text)
		cr_assert_eq(semm_model_from_buffer(&model, model_text,
						    strlen(model_text),
						    "model.json", &err),
			     0, "%s", err.message);
	else
		cr_assert_eq(semm_model_from_file(&model, model_path, &err), 0,
			     "%s", err.message);
	cr_assert_eq(semm_questionnaire_from_file(&quest, quest_path, &err), 0,
		     "%s", err.message);
	cr_assert_eq(semm_questionnaire_bind(quest, model, &err), 0, "%s",
		     err.message);
	cr_assert_eq(semm_responses_new(&resp, quest, NULL), 0);
	if (path)
		cr_assert_eq(semm_responses_read_path(resp, path, &err), 0,
			     "%s", err.message);
	if (extra)
		cr_assert_eq(semm_responses_read_csv_buffer(resp, extra,
							    strlen(extra),
							    "extra.csv", &err),
			     0, "%s", err.message);
	cr_assert_eq(semm_score_run(&res, model, quest, resp, NULL, &err), 0,
		     "%s", err.message);
}

/* The hand-worked example, with no targets set. */
/* The hand-worked example, with extra CSV rows when extra is not NULL
 * (no targets: scoring leaves target, gap and priority undefined). */
static void handworked(const char *extra)
{
	load(MODEL, NULL, QUEST, RESPONSES, extra);
}

static void unload(void)
{
	free_loaded(&res, &resp, &quest, &model);
}

static void setup(void)
{
	handworked(NULL);
}

TestSuite(report_html, .init = setup, .fini = unload);

/* Writes the HTML report into memory; the caller frees the text. */
static char *render(size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	cr_assert_not_null(fp);
	cr_assert_eq(semm_report_write_html(res, fp), SEMM_OK);
	cr_assert_eq(fclose(fp), 0);
	if (len)
		*len = n;
	return buf;
}

/* ---- a tiny well-formedness checker ----------------------------------- */

static int is_void(const char *name)
{
	static const char *const v[] = { "area",  "base", "br",	    "col",
					 "embed", "hr",	  "img",    "input",
					 "link",  "meta", "source", "track",
					 "wbr",	  NULL };
	size_t i;

	for (i = 0; v[i]; i++) {
		if (strcmp(v[i], name) == 0)
			return 1;
	}
	return 0;
}

/* Whether the text at s is a character reference: &name; or &#digits;. */
static int is_reference(const char *s)
{
	size_t i = 1;

	if (s[i] == '#')
		i++;
	while (isalnum((unsigned char)s[i]))
		i++;
	return i > 1 && s[i] == ';';
}

#define MAX_DEPTH 64
#define MAX_NAME 16

/* Checks that every opened non-void element is closed in order (a tag
 * ending in "/>" closes itself), that no "<" starts anything but a tag,
 * and that every "&" starts a reference; <style> holds raw text. Returns
 * NULL or what is wrong, with the offset in *at. */
static const char *check_html(const char *text, size_t *at)
{
	char stack[MAX_DEPTH][MAX_NAME];
	size_t depth = 0, n;
	const char *p = text, *end;
	int closing;

	for (; *p; p++) {
		*at = (size_t)(p - text);
		if (*p == '&' && !is_reference(p))
			return "an & that starts no reference";
		if (*p != '<')
			continue;
		if (strncmp(p, "<!DOCTYPE html>", 15) == 0) {
			p += 14;
			continue;
		}
		closing = p[1] == '/';
		for (n = 0; isalnum((unsigned char)p[1 + closing + n]); n++)
			;
		if (n == 0 || n >= MAX_NAME)
			return "a < that starts no tag";
		end = strchr(p, '>');
		if (!end)
			return "a tag without its >";
		if (closing) {
			if (depth == 0 ||
			    strncmp(stack[depth - 1], p + 2, n) != 0 ||
			    stack[depth - 1][n] != '\0')
				return "a closing tag that does not match "
				       "the open element";
			depth--;
		} else if (end[-1] != '/') {
			memcpy(stack[depth], p + 1, n);
			stack[depth][n] = '\0';
			if (!is_void(stack[depth]) && ++depth == MAX_DEPTH)
				return "elements nested too deep";
			if (strcmp(stack[depth - 1], "style") == 0)
				end = strstr(end, "</style>");
			if (!end)
				return "a <style> that is never closed";
			if (strcmp(stack[depth - 1], "style") == 0)
				end--; /* the loop goes on at "</style>" */
		}
		p = end;
	}
	return depth == 0 ? NULL : "an element is never closed";
}

#define expect_has(text, what) \
	cr_expect(strstr((text), (what)) != NULL, "missing: %s", (what))

#define expect_well_formed(text)                                         \
	do {                                                             \
		size_t at_ = 0;                                          \
		const char *why_ = check_html((text), &at_);             \
		cr_expect_null(why_, "%s at byte %zu: %.60s", why_, at_, \
			       (text) + at_);                            \
	} while (0)

/* The text of group g's section (a copy; the caller frees it). */
static char *section(const char *text, size_t g)
{
	char open[64];
	const char *start, *stop;

	snprintf(open, sizeof(open),
		 "<section class=\"group\" id=\"group-%zu\"", g);
	start = strstr(text, open);
	cr_assert_not_null(start, "no section for group %zu", g);
	stop = strstr(start, "</section>");
	cr_assert_not_null(stop);
	return strndup(start, (size_t)(stop - start));
}

static size_t count(const char *text, const char *what)
{
	size_t n = 0;
	const char *p = strstr(text, what);

	for (; p; p = strstr(p + 1, what))
		n++;
	return n;
}

/* ---- tests -------------------------------------------------------------- */

Test(report_html, is_a_well_formed_document)
{
	char *text = render(NULL);

	cr_expect(strncmp(text, "<!DOCTYPE html>\n<html lang=\"en\">", 31) ==
		  0);
	expect_has(text, "<meta charset=\"utf-8\">");
	expect_well_formed(text);
	cr_expect_eq(text[strlen(text) - 1], '\n');
	free(text);
}

Test(report_html, the_checker_catches_broken_nesting)
{
	size_t at;

	cr_expect_null(check_html("<p><b>x</b><br></p>", &at));
	cr_expect_not_null(check_html("<p><b>x</p></b>", &at));
	cr_expect_not_null(check_html("<p>x", &at));
	cr_expect_not_null(check_html("<p>1 < 2</p>", &at));
	cr_expect_not_null(check_html("<p>R&D</p>", &at));
}

Test(report_html, is_self_contained)
{
	char *text = render(NULL);

	cr_expect_null(strstr(text, "<script"));
	cr_expect_null(strstr(text, "<link"));
	cr_expect_null(strstr(text, "src="));
	cr_expect_null(strstr(text, "url("));
	cr_expect_null(strstr(text, "@import"));
	cr_expect_eq(count(text, "://"),
		     count(text, "xmlns=\"http://www.w3.org/2000/svg\""),
		     "only the SVG namespace may name a URL");
	expect_has(text, "@media print");
	free(text);
}

Test(report_html, header_names_model_questionnaire_counts_and_parameters)
{
	char *text = render(NULL);

	expect_has(text, "Hand-worked miniature model (test data)");
	expect_has(text, "(mini, version 1)");
	expect_has(text, "Test scale L1..L5 (engine test data)");
	expect_has(text, "(mini-q, version 1)");
	expect_has(text, "5 read, 5 scored, 0 rejected");
	expect_has(text, "column org (2 groups)");
	expect_has(text, "<td>exclude (N/A and don&#39;t know count as "
			 "unanswered)</td>");
	expect_has(text, "<td>50&nbsp;% of an element&#39;s items");
	free(text);
}

Test(report_html, index_links_every_group_with_its_levels)
{
	char *text = render(NULL);

	/* Alpha: overall 54.34 %, profile L3, staged L3; Beta: 24.65 %,
	 * profile L2, staged L1 (EXPECTED.md section 5) */
	expect_has(text, "<tr><td><a href=\"#group-1\">Alpha</a></td>"
			 "<td class=\"num\">3</td><td class=\"num\">54.3"
			 "</td><td class=\"lvl\">3 (L3)</td>"
			 "<td class=\"lvl\">3 (L3)</td></tr>");
	expect_has(text, "<tr><td><a href=\"#group-2\">Beta</a></td>"
			 "<td class=\"num\">2</td><td class=\"num\">24.7"
			 "</td><td class=\"lvl\">2 (L2)</td>"
			 "<td class=\"lvl\">1 (L1)</td></tr>");
	free(text);
}

Test(report_html, benchmark_ranks_the_groups)
{
	char *text = render(NULL);

	/* overall 54.34 vs 24.65; D1 67.36 vs 23.61; D2 50 vs 25 */
	expect_has(text, "<td class=\"num\">54.3 <span class=\"rank\">(1)"
			 "</span></td><td class=\"num\">67.4 <span "
			 "class=\"rank\">(1)</span></td><td class=\"num\">"
			 "50.0 <span class=\"rank\">(1)</span></td>");
	expect_has(text, "<td class=\"num\">24.7 <span class=\"rank\">(2)"
			 "</span></td><td class=\"num\">23.6 <span "
			 "class=\"rank\">(2)</span></td><td class=\"num\">"
			 "25.0 <span class=\"rank\">(2)</span></td>");
	free(text);
}

Test(report_html, every_group_has_its_section_and_radar)
{
	char *text = render(NULL);
	size_t g;

	cr_expect_eq(count(text, "<section class=\"group\""), 2);
	cr_expect_eq(count(text, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
				 "class=\"radar\""),
		     2);
	for (g = 1; g <= 2; g++) {
		char *s = section(text, g);
		char title[64];

		snprintf(title, sizeof(title), "<title id=\"radar-%zu-title\">",
			 g);
		cr_expect(strstr(s, title) != NULL, "group %zu", g);
		/* the polygon and the legend's sample of each series */
		cr_expect_eq(count(s, "class=\"series-group\""), 2);
		cr_expect_eq(count(s, "class=\"series-median\""), 2);
		cr_expect_eq(count(s, "class=\"series-target\""), 0);
		/* 3 axes with their labels, 5 rings (20, 40, 60, 80, 100) */
		cr_expect_eq(count(s, "class=\"axislabel\""), 3);
		cr_expect_eq(count(s, "<polygon class=\"ring\""), 5);
		free(s);
	}
	expect_has(text, ">Element profile of Alpha</title>");
	free(text);
}

/*
 * Radar frame: centre (210, 210), 100 % at radius 160; axis i of n at
 * angle -90 + 360 i / n degrees: E1 at -90 (straight up), E2 at 30, E3 at
 * 150; cos 30 = sqrt(3)/2 = 0.8660254, sin 30 = 1/2, cos 150 = -0.8660254,
 * sin 150 = 1/2. A point is (210 + 160 p/100 cos a, 210 + 160 p/100 sin a).
 */
Test(report_html, radar_points_are_where_the_hand_computation_puts_them)
{
	char *text = render(NULL);
	char *alpha = section(text, 1), *beta = section(text, 2);

	/* Alpha: E1 56.25 % -> 160 * 0.5625 = 90: (210, 210 - 90);
	 * E2 68.75 % -> 110: (210 + 110 * 0.8660254, 210 + 55) =
	 * (305.26, 265); E3 50 % -> 80: (210 - 69.282, 210 + 40) =
	 * (140.72, 250). */
	expect_has(alpha, "<polygon class=\"series-group\"");
	expect_has(alpha, "points=\"210.00,120.00 305.26,265.00 "
			  "140.72,250.00\"/>");
	/* Beta: E1 31.25 % -> 50: (210, 160); E2 1900/96 % -> 31.667:
	 * (210 + 27.424, 210 + 15.833) = (237.42, 225.83); E3 25 % -> 40:
	 * (210 - 34.641, 230) = (175.36, 230). */
	expect_has(beta, "points=\"210.00,160.00 237.42,225.83 "
			 "175.36,230.00\"/>");
	/* Peer median of the two groups (the midpoint for n = 2): E1 43.75 %
	 * -> 70: (210, 140); E2 (68.75 + 19.7917) / 2 = 44.2708 % -> 70.833:
	 * (210 + 61.344, 210 + 35.417) = (271.34, 245.42); E3 37.5 % -> 60:
	 * (210 - 51.962, 240) = (158.04, 240). The same in both sections. */
	expect_has(alpha, "points=\"210.00,140.00 271.34,245.42 "
			  "158.04,240.00\"/>");
	expect_has(beta, "points=\"210.00,140.00 271.34,245.42 "
			 "158.04,240.00\"/>");
	/* the 20 % ring: radius 32, E1 at (210, 178) */
	expect_has(alpha, "<polygon class=\"ring\" fill=\"none\" "
			  "stroke=\"#bbb\" points=\"210.00,178.00 ");
	free(alpha);
	free(beta);
	free(text);
}

Test(report_html, targets_add_a_third_polygon_and_table_columns)
{
	semm__group *gr = &res->groups[0];
	char *text, *alpha, *beta;

	gr->elems[0].target = 60;
	gr->elems[1].target = 80;
	gr->elems[2].target = 40;
	gr->elems[0].gap = 60 - 56.25;
	gr->elems[0].priority = 3.75;
	text = render(NULL);
	alpha = section(text, 1);
	beta = section(text, 2);
	/* E1 60 % -> 96: (210, 114); E2 80 % -> 128: (210 + 110.851,
	 * 210 + 64) = (320.85, 274); E3 40 % -> 64: (210 - 55.426, 242) =
	 * (154.57, 242). */
	expect_has(alpha, "points=\"210.00,114.00 320.85,274.00 "
			  "154.57,242.00\"/>");
	expect_has(alpha, "<th class=\"num\">target</th>");
	expect_has(alpha, "<td class=\"num\">60.0</td><td class=\"num\">"
			  "3.8</td><td class=\"num\">3.8</td>");
	expect_has(alpha, "Target: E1 60.0&nbsp;%, E2 80.0&nbsp;% and "
			  "E3 40.0&nbsp;%.");
	cr_expect_null(strstr(beta, "series-target"));
	cr_expect_null(strstr(beta, "<th class=\"num\">target</th>"));
	expect_well_formed(text);
	free(alpha);
	free(beta);
	free(text);
}

Test(report_html, a_partial_target_is_a_marker_not_a_polygon)
{
	char *text, *alpha;

	res->groups[0].elems[1].target = 80;
	text = render(NULL);
	alpha = section(text, 1);
	cr_expect_null(strstr(alpha, "<polygon class=\"series-target\""));
	expect_has(alpha, "<rect width=\"7\" height=\"7\"");
	expect_has(alpha, "Target: E1 no target, E2 80.0&nbsp;% and E3 "
			  "no target.");
	free(alpha);
	free(text);
}

Test(report_html, the_chart_has_a_text_alternative_in_words)
{
	char *text = render(NULL);
	char *alpha = section(text, 1);

	expect_has(alpha, "aria-labelledby=\"radar-1-title "
			  "radar-1-caption\"");
	expect_has(alpha, "<figcaption id=\"radar-1-caption\">");
	expect_has(alpha, "gridlines at the level boundaries (20, 40, 60, "
			  "80&nbsp;%)");
	/* 56.25 and 68.75 round half away from zero */
	expect_has(alpha, "Alpha: E1 56.3&nbsp;%, E2 68.8&nbsp;% and E3 "
			  "50.0&nbsp;%.");
	expect_has(alpha, "Median of the 2 groups: E1 43.8&nbsp;%, E2 "
			  "44.3&nbsp;% and E3 37.5&nbsp;%.");
	free(alpha);
	free(text);
}

Test(report_html, staged_level_and_limiting_elements_in_words)
{
	char *text = render(NULL);
	char *alpha = section(text, 1), *beta = section(text, 2);

	expect_has(alpha, "Held at level 3 (L3) by E1 and E3 (the weakest "
			  "link). To reach level 4 (L4), E1 and E3 need "
			  "60&nbsp;% or more.");
	expect_has(beta, "Held at level 1 (L1) by E2 (the weakest link). "
			 "To reach level 2 (L2), E2 needs 20&nbsp;% or "
			 "more. The profile level, from the overall "
			 "percent, is 2 (L2).");
	free(alpha);
	free(beta);
	free(text);
}

Test(report_html, tables_carry_the_hand_computed_figures)
{
	char *text = render(NULL);
	char *alpha = section(text, 1);

	/* D1: n 3, mean 133/36 = 3.694, sd 0.891, 67.36 % (L4) */
	expect_has(alpha, "<tr><td>D1</td><td>Dimension one</td>"
			  "<td class=\"num\">3</td><td class=\"num\">3.69"
			  "</td><td class=\"num\">0.89</td>");
	/* overall: mean 3.174, sd 0.561 */
	expect_has(alpha, "<tr><td>overall</td><td>all dimensions</td>"
			  "<td class=\"num\">3</td><td class=\"num\">3.17"
			  "</td><td class=\"num\">0.56</td>");
	/* E1: n 2, 56.25 % -> 56.3, level 3 (L3) */
	expect_has(alpha, "<tr><td>E1</td><td>Element one</td><td>D1</td>"
			  "<td class=\"num\">2</td><td class=\"num\">56.3"
			  "</td><td class=\"lvl\">3 (L3)</td>");
	/* three respondents are below the default 10 complete cases */
	expect_has(alpha, "not reported: ");
	expect_has(alpha, "<li>1 of 3 respondents answered too few items "
			  "(below the coverage minimum) to have a score for "
			  "E1.</li>");
	free(alpha);
	free(text);
}

/* The findings again, after a test changed a figure of the result (the
 * library computes them once, when scoring). */
static void refind(void)
{
	free(res->findings);
	free(res->group_findings);
	res->findings = NULL;
	res->group_findings = NULL;
	cr_assert_eq(semm__findings_build(res), SEMM_OK);
}

Test(report_html, warnings_speak_plainly)
{
	const semm__rel *rel = &res->groups[0].rel_elems[0];
	char *text, *alpha;

	/* E1's items A1, A2: make A2 run against A1 within Alpha */
	cr_assert_eq(rel->k, 2);
	rel->r_drop[1] = -0.25;
	refind();
	text = render(NULL);
	alpha = section(text, 1);
	expect_has(alpha, "<li>Item A2 runs against the other items of E1 "
			  "(corrected item-total correlation -0.25): is it "
			  "reverse-worded but not marked as reverse?</li>");
	/* rwg(j) is flagged against the 0.70 threshold */
	expect_has(alpha, "<li><span class=\"flag\">Respondents disagree"
			  "</span> on E1: agreement rwg(j) = ");
	expect_has(alpha, "<li>Reliability (Cronbach&#39;s alpha) is not "
			  "reported for E1, E2, E3, D1, D2: ");
	expect_has(alpha, " (10 needed).</li>");
	free(alpha);
	free(text);
	rel->r_drop[1] = -0.001;
	refind();
	text = render(NULL);
	expect_has(text, "(corrected item-total correlation just below 0)");
	free(text);
}

Test(report_html, heat_map_prints_the_value_on_its_colour)
{
	char *text = render(NULL);
	char *alpha = section(text, 1);

	/* Alpha A1: 4 and 3 (A-3 N/A): mean 3.5, (3.5 - 1) / 4 = 62.5 %,
	 * the 60-70 step (h6); A2 reversed: 4, 2: mean 3, 50 % (h5) */
	expect_has(alpha, "<td class=\"num\">3.50</td>"
			  "<td class=\"cell h6\">62.5</td>");
	expect_has(alpha, "<td class=\"cell h5\">50.0</td>");
	expect_has(alpha, "(reverse-coded)");
	expect_has(text, ".h0{background:#440154;color:#fff}");
	expect_has(text, ".h9{background:#FDE725;color:#000}");
	free(alpha);
	free(text);
}

Test(report_html, hostile_group_names_and_reasons_are_escaped)
{
	char *text;

	unload();
	handworked("id,org,A1,A2,B1,B2,B3,C1,C2\n"
		   "X-1,\""
		   "<script>alert(1)</script> & \"\"quotes\"\""
		   "\","
		   "4,4,4,4,4,4,4\n"
		   "X-2,Beta,\"<b>bold</b>\",4,4,4,4,4,4\n");
	text = render(NULL);
	cr_expect_null(strstr(text, "<script"));
	cr_expect_null(strstr(text, "<b>"));
	cr_expect_null(strstr(text, HOSTILE));
	expect_has(text, ">" HOSTILE_ESCAPED "</a>");
	expect_has(
		text,
		"<title id=\"radar-1-title\">Element profile of " HOSTILE_ESCAPED
		"</title>");
	expect_has(text, "&quot;&lt;b&gt;bold&lt;/b&gt;&quot;");
	expect_well_formed(text);
	free(text);
}

Test(report_html, hostile_model_names_are_escaped)
{
	char *data, *text, *at, *patched;
	size_t len;
	semm_error err;
	const char *old = "\"Element one\"";
	const char *bad =
		"\"<script>alert(1)</script> & \\\"quotes\\\" \xc3\xa9\"";

	unload();
	cr_assert_eq(semm__read_file(MODEL, &data, &len, &err), 0);
	at = strstr(data, old);
	cr_assert_not_null(at);
	patched = calloc(1, len + strlen(bad) + 1);
	cr_assert_not_null(patched);
	memcpy(patched, data, (size_t)(at - data));
	memcpy(patched + (at - data), bad, strlen(bad));
	memcpy(patched + (at - data) + strlen(bad), at + strlen(old),
	       strlen(at + strlen(old)));
	load(NULL, patched, QUEST, RESPONSES, NULL);
	text = render(NULL);
	cr_expect_null(strstr(text, "<script"));
	/* valid UTF-8 (e acute) passes through */
	expect_has(text, "<td>" HOSTILE_ESCAPED " \xc3\xa9</td>");
	expect_well_formed(text);
	free(text);
	free(patched);
	free(data);
}

Test(report_html, writing_twice_gives_identical_bytes)
{
	size_t n1, n2;
	char *a = render(&n1);
	char *b = render(&n2);

	cr_assert_eq(n1, n2);
	cr_expect_eq(memcmp(a, b, n1), 0);
	free(a);
	free(b);
}

Test(report_html, rejected_respondents_appear_with_their_place)
{
	char *text;

	unload();
	handworked("id,org,A1,A2,B1,B2,B3,C1,C2\n"
		   "X-1,Alpha,9,4,4,4,4,4,4\n"
		   "X-2,Alpha,,,,,,,\n");
	text = render(NULL);
	expect_has(text, "7 read, 5 scored, 2 rejected");
	expect_has(text, "<tr><td>extra.csv</td><td class=\"num\">2</td>"
			 "<td class=\"num\">3</td><td>X-1</td><td>");
	expect_has(text, "&quot;9&quot; is outside the scale 1..5");
	expect_has(text, "<tr><td>extra.csv</td><td class=\"num\">3</td>"
			 "<td class=\"num\">\xe2\x80\x94</td><td>X-2</td>");
	expect_well_formed(text);
	free(text);
}

Test(report_html, no_rejections_say_so)
{
	char *text = render(NULL);

	expect_has(text, "<p>No respondent was rejected.</p>");
	free(text);
}

Test(report_html, one_group_has_no_benchmark_or_median)
{
	char *text;

	unload();
	load(MODEL, NULL, QUEST, NULL,
	     "id,org,A1,A2,B1,B2,B3,C1,C2\n"
	     "A-1,Alpha,4,2,5,4,4,3,4\n"
	     "A-2,Alpha,3,4,3,2,3,often,3\n");
	text = render(NULL);
	cr_expect_eq(count(text, "<section class=\"group\""), 1);
	cr_expect_null(strstr(text, "id=\"benchmark\""));
	cr_expect_null(strstr(text, "series-median"));
	cr_expect_null(strstr(text, "id=\"across\""));
	expect_well_formed(text);
	free(text);
}

Test(report_html, a_run_with_nobody_scored_still_makes_a_page)
{
	char *text;

	unload();
	load(MODEL, NULL, QUEST, NULL,
	     "id,org,A1,A2,B1,B2,B3,C1,C2\n"
	     "X-1,Alpha,9,4,4,4,4,4,4\n");
	text = render(NULL);
	expect_has(text, "1 read, 0 scored, 1 rejected");
	expect_has(text, "No respondent was scored.");
	cr_expect_eq(count(text, "<section class=\"group\""), 0);
	expect_well_formed(text);
	free(text);
}

Test(report_html, a_failing_stream_is_an_io_error)
{
	FILE *fp = fopen("/dev/null", "r");

	cr_assert_not_null(fp);
	cr_expect_eq(semm_report_write_html(res, fp), SEMM_EIO);
	fclose(fp);
}

/* Writes the report of the given inputs to the path in env var, if set. */
static void write_to_env(const char *var)
{
	const char *path = getenv(var);
	FILE *fp;

	if (!path || !*path)
		return;
	fp = fopen(path, "w");
	cr_assert_not_null(fp, "cannot write %s", path);
	cr_expect_eq(semm_report_write_html(res, fp), SEMM_OK);
	cr_assert_eq(fclose(fp), 0);
}

Test(report_html, writes_the_handworked_report_for_the_browser_check)
{
	write_to_env("SEMM_HTML_OUT");
}

Test(report_html, writes_the_example_report_for_the_browser_check)
{
	if (!getenv("SEMM_HTML_EXAMPLE_OUT"))
		return;
	unload();
	load(DATA("models/iso23592.json"), NULL,
	     DATA("questionnaires/iso23592-self-assessment.json"),
	     DATA("questionnaires/examples/iso23592-example.csv"), NULL);
	write_to_env("SEMM_HTML_EXAMPLE_OUT");
}
