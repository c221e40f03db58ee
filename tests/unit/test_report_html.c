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
#include "report/report_html.h"

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

	snprintf(open, sizeof(open), "<section class=\"org\" id=\"org-%zu\"",
		 g);
	start = strstr(text, open);
	cr_assert_not_null(start, "no section for group %zu", g);
	stop = strstr(start + 1, "<section");
	if (!stop)
		stop = start + strlen(start);
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
	expect_has(text, "(mini 1)");
	expect_has(text, "Test scale L1..L5 (engine test data)");
	expect_has(text, "(mini-q 1)");
	expect_has(text, "5 read, 5 scored, 0 rejected, 0 left out");
	expect_has(text, "<th scope=\"row\">Grouped by</th><td>org</td>");
	expect_has(text, "<th scope=\"row\">N/A and don&#39;t know</th>"
			 "<td>count as unanswered</td>");
	expect_has(text, "<td>50&nbsp;% of an element&#39;s items");
	free(text);
}

Test(report_html, index_links_every_group_with_its_levels)
{
	char *text = render(NULL);

	/* Alpha: overall 54.34 %, profile L3, staged L3, D1 67.36 %, D2
	 * 50 %; Beta: 24.65 %, profile L2, staged L1, D1 23.61 %, D2 25 %
	 * (EXPECTED.md section 5) */
	expect_has(text, "<tr><td><a href=\"#org-1\">Alpha</a></td>"
			 "<td class=\"num\">3</td><td class=\"num\">54.3"
			 "</td><td class=\"lvl\">3&nbsp;(L3)</td>"
			 "<td class=\"lvl\">3&nbsp;(L3)</td><td class=\"num\">"
			 "67.4</td><td class=\"num\">50.0</td></tr>");
	expect_has(text, "<tr><td><a href=\"#org-2\">Beta</a></td>"
			 "<td class=\"num\">2</td><td class=\"num\">24.7"
			 "</td><td class=\"lvl\">2&nbsp;(L2)</td>"
			 "<td class=\"lvl\">1&nbsp;(L1)</td><td class=\"num\">"
			 "23.6</td><td class=\"num\">25.0</td></tr>");
	free(text);
}

Test(report_html, benchmark_ranks_the_groups)
{
	char *text = render(NULL);
	char *alpha = section(text, 1), *beta = section(text, 2);

	/* E1 56.25 vs 31.25, E2 68.75 vs 19.79, E3 50 vs 25: Alpha is
	 * first of two on each element, Beta second */
	cr_expect_eq(count(alpha, "<td class=\"num\">1 of 2</td>"), 3);
	cr_expect_eq(count(beta, "<td class=\"num\">2 of 2</td>"), 3);
	/* the elements heat map of the overview: Alpha E1 56.25 % in the
	 * 50-60 step, E2 68.75 % in the 60-70 step */
	expect_has(text, "<tr><td><a href=\"#org-1\">Alpha</a></td>"
			 "<td class=\"cell h5\">56.3</td><td class=\"cell "
			 "h6\">68.8</td><td class=\"cell h5\">50.0</td></tr>");
	free(alpha);
	free(beta);
	free(text);
}

Test(report_html, every_group_has_its_section_and_radar)
{
	char *text = render(NULL);
	size_t g;

	cr_expect_eq(count(text, "<section class=\"org\""), 2);
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
 * Radar frame: centre (320, 210), 100 % at radius 140; axis i of n at
 * angle -90 + 360 i / n degrees: E1 at -90 (straight up), E2 at 30, E3 at
 * 150; cos 30 = sqrt(3)/2 = 0.8660254, sin 30 = 1/2, cos 150 = -0.8660254,
 * sin 150 = 1/2. A point is (320 + 140 p/100 cos a, 210 + 140 p/100 sin a),
 * rounded half away from zero to two decimals.
 */
Test(report_html, radar_points_are_where_the_hand_computation_puts_them)
{
	char *text = render(NULL);
	char *alpha = section(text, 1), *beta = section(text, 2);

	/* Alpha: E1 56.25 % -> 140 * 0.5625 = 78.75: (320, 131.25);
	 * E2 68.75 % -> 96.25: (320 + 83.3549, 210 + 48.125) =
	 * (403.35, 258.13); E3 50 % -> 70: (320 - 60.6218, 245) =
	 * (259.38, 245). */
	expect_has(alpha, "<polygon class=\"series-group\"");
	expect_has(alpha, "points=\"320.00,131.25 403.35,258.13 "
			  "259.38,245.00\"/>");
	/* Beta: E1 31.25 % -> 43.75: (320, 166.25); E2 1900/96 % ->
	 * 27.7083: (320 + 23.9963, 210 + 13.8542) = (344.00, 223.85);
	 * E3 25 % -> 35: (320 - 30.3109, 227.5) = (289.69, 227.50). */
	expect_has(beta, "points=\"320.00,166.25 344.00,223.85 "
			 "289.69,227.50\"/>");
	/* Peer median of the two groups (the midpoint for n = 2): E1 43.75 %
	 * -> 61.25: (320, 148.75); E2 44.2708 % -> 61.9792: (320 + 53.6755,
	 * 210 + 30.9896) = (373.68, 240.99); E3 37.5 % -> 52.5:
	 * (320 - 45.4663, 236.25) = (274.53, 236.25). The same in both. */
	expect_has(alpha, "points=\"320.00,148.75 373.68,240.99 "
			  "274.53,236.25\"/>");
	expect_has(beta, "points=\"320.00,148.75 373.68,240.99 "
			 "274.53,236.25\"/>");
	/* the 20 % ring: radius 28, E1 at (320, 182) */
	expect_has(alpha, "<polygon class=\"ring\" fill=\"none\" "
			  "stroke=\"#bbb\" points=\"320.00,182.00 ");
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
	/* E1 60 % -> 84: (320, 126); E2 80 % -> 112: (320 + 96.9948,
	 * 210 + 56) = (416.99, 266); E3 40 % -> 56: (320 - 48.4974, 238) =
	 * (271.50, 238). */
	expect_has(alpha, "points=\"320.00,126.00 416.99,266.00 "
			  "271.50,238.00\"/>");
	expect_has(alpha, "<th class=\"num\">Target</th>");
	/* E1: 56.25 %, target 60, gap 3.75 */
	expect_has(alpha, "<td class=\"num\">56.3</td>");
	expect_has(alpha, "<td class=\"num\">60.0</td><td class=\"num\">"
			  "3.8</td>");
	cr_expect_eq(count(alpha, "class=\"series-target\""), 2);
	cr_expect_null(strstr(beta, "series-target"));
	cr_expect_null(strstr(beta, "<th class=\"num\">Target</th>"));
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
	cr_expect_eq(count(alpha, "<rect width=\"7\" height=\"7\""), 1);
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
	expect_has(alpha, "Median of the 2 organizations</li>");
	/* each axis is labelled with its element's name */
	expect_has(alpha, ">Element one</tspan>");
	expect_has(alpha, ">Element three</tspan>");
	free(alpha);
	free(text);
}

Test(report_html, staged_level_and_limiting_elements_in_words)
{
	char *text = render(NULL);
	char *alpha = section(text, 1), *beta = section(text, 2);

	expect_has(alpha, "The overall score of 54.3&nbsp;% places the profile "
			  "at level 3&nbsp;(L3). Held at level 3&nbsp;(L3) by "
			  "<strong>Element one</strong> and <strong>Element "
			  "three</strong> (the weakest link). For level "
			  "4&nbsp;(L4) each of them needs 60&nbsp;% or more.");
	expect_has(beta, "The overall score of 24.7&nbsp;% places the profile "
			 "at level 2&nbsp;(L2). Held at level 1&nbsp;(L1) by "
			 "<strong>Element two</strong> (the weakest link). For "
			 "level 2&nbsp;(L2) it needs 20&nbsp;% or more.");
	free(alpha);
	free(beta);
	free(text);
}

Test(report_html, tables_carry_the_hand_computed_figures)
{
	char *text = render(NULL);
	char *alpha = section(text, 1);

	/* D1: n 3, 67.36 % (L4) */
	expect_has(alpha, "<tr class=\"dim\"><th scope=\"row\">Dimension "
			  "one <span class=\"code\">D1</span></th>"
			  "<td class=\"num\">3</td><td class=\"num\">67.4"
			  "</td>");
	/* E1: n 2, 56.25 % -> 56.3, level 3 */
	expect_has(alpha, "<tr><td class=\"indent\">Element one <span "
			  "class=\"code\">E1</span></td><td class=\"num\">2"
			  "</td><td class=\"num\">56.3</td>");
	/* three respondents are below the default 10 complete cases */
	expect_has(alpha, "title=\"fewer complete cases than the reliability "
			  "minimum\"");
	expect_has(alpha, "<li>1 of 3 respondents answered too few items "
			  "(below the coverage minimum) to have a score for "
			  "Element one.</li>");
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
	expect_has(alpha, "<li>Item A2 runs against the other items of "
			  "Element one "
			  "(corrected item-total correlation -0.25): is it "
			  "reverse-worded but not marked as reverse?</li>");
	/* rwg(j) is flagged against the 0.70 threshold */
	expect_has(alpha, "<li><span class=\"flag\">Respondents disagree"
			  "</span> on Element one: agreement r<sub>wg(j)</sub> "
			  "= ");
	expect_has(alpha, "<li>Reliability (Cronbach&#39;s alpha) is not "
			  "reported for Element one, Element two, Element "
			  "three, Dimension one, Dimension two: ");
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

	/* Alpha A1: 4 and 3 (A-3 N/A): mean 3.5, (3.5 - 1) / 4 = 62.5 %:
	 * two answers on the scale, one N/A */
	expect_has(alpha, "<td class=\"num\">2</td><td class=\"num\">62.5"
			  "</td><td class=\"num\">1</td>");
	/* its bar (240 wide, centre 120): of two answers on 1..5, a 3 (the
	 * middle, split across the centre) and a 4: the share left of the
	 * centre is 1/2 / 2 = 0.25, so the bar starts at 120 - 120 * 0.5 =
	 * 90; each answer is 120 * 1/2 = 60 wide; five options take the
	 * palette's colours 0, 1, 3, 5, 6: the 3 is #e0e0e0, the 4 #67a9cf */
	expect_has(alpha, "<rect y=\"1\" height=\"10\" fill=\"#e0e0e0\" "
			  "x=\"90.00\" width=\"60.00\"/><rect y=\"1\" "
			  "height=\"10\" fill=\"#67a9cf\" x=\"150.00\" "
			  "width=\"60.00\"/>");
	expect_has(alpha, "(reverse-coded)");
	/* items by organization (appendix): A1 62.5 % in the 60-70 step;
	 * A2 reversed: 4, 2: mean 3, 50 % in the 50-60 step */
	expect_has(text, "<td class=\"cell h6\">62.5</td>");
	expect_has(text, "<td class=\"cell h5\">50.0</td>");
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
	expect_has(text, HOSTILE_ESCAPED " \xc3\xa9 <span class=\"code\">E1"
					 "</span>");
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
	expect_has(text, "7 read, 5 scored, 2 rejected, 0 left out");
	expect_has(text,
		   "<tr><td>extra.csv</td><td class=\"num\">2</td>"
		   "<td class=\"num\">3</td><td>X-1</td><td lang=\"en\">");
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
	cr_expect_eq(count(text, "<section class=\"org\""), 1);
	cr_expect_null(strstr(text, "id=\"overview\""));
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
	cr_expect_eq(count(text, "<section class=\"org\""), 0);
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

/* Writes the report with options and a group into memory. */
static char *render_ext(const semm_report_options *o, long group)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	semm_error err;

	cr_assert_not_null(fp);
	cr_assert_eq(semm_report_write_html_ext(res, fp, o, group, &err),
		     SEMM_OK, "%s", err.message);
	cr_assert_eq(fclose(fp), 0);
	return buf;
}

Test(report_html, every_message_has_every_language)
{
	size_t n;
	const semm__msg *m = semm__html_messages(&n);

	cr_expect_eq(semm__msg_check(m, n), n, "message %zu is incomplete",
		     semm__msg_check(m, n));
}

Test(report_html, german_report_speaks_german_with_decimal_commas)
{
	char *text;

	res->report_lang = SEMM__LANG_DE;
	text = render(NULL);
	cr_expect(strncmp(text, "<!DOCTYPE html>\n<html lang=\"de\">", 31) ==
		  0);
	expect_has(text, "Zusammenfassung");
	expect_has(text, "Die Organisationen im Überblick");
	/* Alpha 54.34 % overall, 67.36 % on D1 */
	expect_has(text, "<td class=\"num\">54,3</td>");
	expect_has(text, "<td class=\"num\">67,4</td>");
	expect_has(text, "Der Gesamtwert von 54,3&nbsp;% ergibt die "
			 "Profilstufe 3&nbsp;(L3).");
	/* the library's reason in German */
	expect_has(text, "weniger vollständige Fälle als das Minimum für die "
			 "Reliabilität");
	cr_expect_null(strstr(text, "Executive summary"));
	cr_expect_null(strstr(text, "Roadmap<"));
	/* chart coordinates keep their decimal point */
	expect_has(text, "points=\"320.00,131.25 403.35,258.13 ");
	expect_well_formed(text);
	free(text);
}

Test(report_html, cover_carries_title_client_assessor_and_logo)
{
	const char *logo = "/tmp/semm-test-logo.png";
	FILE *fp = fopen(logo, "wb");
	semm_report_options o = SEMM_REPORT_OPTIONS_INIT;
	char *text;

	cr_assert_not_null(fp);
	/* a PNG is known by its signature; "iVBORw0KGgo" is its base64 */
	fwrite("\x89PNG\r\n\x1a\n\0\0\0\0", 1, 12, fp);
	fclose(fp);
	o.title = "Annual <review> 2026";
	o.client = "Client & Co";
	o.assessor = "A. Assessor";
	o.logo = logo;
	text = render_ext(&o, -1);
	expect_has(text, "<title>Annual &lt;review&gt; 2026</title>");
	expect_has(text, "<dd>Client &amp; Co</dd>");
	expect_has(text, "<dd>A. Assessor</dd>");
	expect_has(text, "src=\"data:image/png;base64,iVBORw0KGgoAAAAA\"");
	/* the running head is a CSS string: < and > escaped */
	expect_has(text, "content:\"Annual \\3c review\\3e  2026\"");
	expect_well_formed(text);
	free(text);
	remove(logo);
}

Test(report_html, a_logo_that_is_no_image_is_refused)
{
	semm_report_options o = SEMM_REPORT_OPTIONS_INIT;
	semm_error err;
	FILE *fp = fopen("/dev/null", "w");

	o.logo = MODEL; /* JSON, not an image */
	cr_expect_eq(semm_report_write_html_ext(res, fp, &o, -1, &err),
		     SEMM_EARG);
	cr_expect(strstr(err.message, "not a PNG, JPEG, GIF or SVG") != NULL,
		  "%s", err.message);
	o.logo = "/nonexistent/logo.png";
	cr_expect_eq(semm_report_write_html_ext(res, fp, &o, -1, &err),
		     SEMM_EIO);
	fclose(fp);
}

Test(report_html, a_participants_report_names_no_other_organization)
{
	char *beta = render_ext(NULL, 1), *alpha = render_ext(NULL, 0);

	expect_has(beta, "<h1 id=\"org-2-title\">Beta</h1>");
	/* the methods speak of Cronbach's "Alpha": look for the name as a
	 * text of its own */
	cr_expect_null(strstr(beta, ">Alpha"));
	cr_expect_null(strstr(beta, "Alpha<"));
	cr_expect_null(strstr(beta, "\"Alpha"));
	cr_expect_null(strstr(alpha, "Beta"));
	/* two organizations are fewer than the 5 that anonymity needs:
	 * no ranks, no strips, no median */
	cr_expect_null(strstr(beta, "1 of 2"));
	cr_expect_null(strstr(beta, "2 of 2"));
	cr_expect_null(strstr(beta, "series-median"));
	expect_has(beta, "The comparison with peers is withheld: 2 "
			 "organizations took part, fewer than the 5 needed");
	/* Alpha's overall figure (54.3) is not in Beta's report */
	cr_expect_null(strstr(beta, "54.3"));
	expect_well_formed(beta);
	free(alpha);
	free(beta);
}

Test(report_html, dates_are_read_only_when_unambiguous)
{
	cr_expect_eq(semm__parse_date("2026-02-13", 10), 20260213u);
	cr_expect_eq(semm__parse_date("2026/02/13 09:30:00", 19), 20260213u);
	cr_expect_eq(semm__parse_date("2026-02-13T09:30", 16), 20260213u);
	cr_expect_eq(semm__parse_date(" 2024-02-29", 11), 20240229u);
	/* no 29 February in 2026 or 1900; no 13th month; no guessing */
	cr_expect_eq(semm__parse_date("2026-02-29", 10), 0u);
	cr_expect_eq(semm__parse_date("1900-02-29", 10), 0u);
	cr_expect_eq(semm__parse_date("2026-13-01", 10), 0u);
	cr_expect_eq(semm__parse_date("02/03/2026", 10), 0u);
	cr_expect_eq(semm__parse_date("2026-02-1", 9), 0u);
	cr_expect_eq(semm__parse_date("2026-02/13", 10), 0u);
	cr_expect_eq(semm__parse_date("2026-02-13x", 11), 0u);
}

Test(report_html, the_cover_gives_the_dates_of_the_responses)
{
	char *text;

	unload();
	load(DATA("models/iso23592.json"), NULL,
	     DATA("questionnaires/iso23592-self-assessment.json"),
	     DATA("questionnaires/examples/iso23592-example.csv"), NULL);
	text = render(NULL);
	/* the example's date column runs from 2026-02-05 to 2026-09-30;
	 * Kestrel Water's rows from 2026-02-05 to 2026-02-22 (sorted by
	 * hand from the file) */
	expect_has(text, "<dt>Responses dated</dt><dd>2026-02-05 \xe2\x80\x93 "
			 "2026-09-30</dd>");
	expect_has(text, "<dd>2026-02-05 \xe2\x80\x93 2026-02-22</dd>");
	free(text);
}
