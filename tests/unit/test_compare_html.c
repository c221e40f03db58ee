/*
 * test_compare_html.c - unit tests of src/compare/compare_html.c: the
 * comparison page.
 *
 * Two small reports written by hand (scale 1..5, so the largest possible
 * change is 4 points). Group G has four elements whose Welch intervals
 * work out exactly (sd 0.5 and n 8 on both sides: se = 0.25, df = 14,
 * t(0.975, 14) = 2.14478668791780, so the half-width is 0.53619667):
 *
 *   E1 Vision      3.00 -> 3.50  +0.50  [-0.03620, +1.03620]  within noise
 *   E2 Leadership  2.00 -> 3.25  +1.25  [+0.71380, +1.78620]  improvement
 *   E3 Culture     4.00 -> 3.25  -0.75  [-1.28620, -0.21380]  decline
 *   E4 Engagement  3.00 -> 3.25  +0.25  (1 score after)       insufficient
 *
 * The axis rule (docs/FORMATS.md): from min(0, values) = -1.28620 to
 * max(0, values) = +1.78620, a range of 3.07240; a sixth of it is
 * 0.51207, and the smallest of 1, 2, 2.5, 5 x 10^k not below it is 1; the
 * ends move out to multiples of 1: the axis runs from -2 to +2. The plot
 * spans x = 340 to 860 (520 units), so x(v) = 340 + 130 (v + 2):
 * x(0) = 600, x(+0.5) = 665, x(+1.25) = 762.5, x(-0.75) = 502.5,
 * x(+0.25) = 632.5; E2's whisker from x(0.71380) = 692.79 to x(1.78620)
 * = 832.21. Rows are 26 units high from y = 6 (one line of name each),
 * so their middles are at y = 19, 45, 71, 97.
 *
 * Group H has one element with n = 2 on both sides, means 1 and 5, sd
 * sqrt(2): se = sqrt(2), df = 2, t(0.975, 2) = 4.30265272974946, so the
 * interval is 4 -/+ 6.08487 = [-2.08487, +10.08487]. Clipped to the
 * largest possible change, the values run from -2.08487 to 4: a sixth of
 * 6.08487 is 1.01414, the step is 2, the axis -4 to +4; the whisker
 * starts at x = 340 + 520 (1.91513 / 8) = 464.48 and ends in an arrow at
 * x = 860.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "compare/compare_html.h"
#include "test_helpers.h"

#define STATS(n, mean, sd, pct, lv)                                            \
	"\"n\": " #n ", \"missing\": 0, \"mean\": " #mean ", \"sd\": " #sd     \
	", \"percent\": " #pct ", \"level\": " #lv ", \"level_name\": \"L" #lv \
	"\""

/* %s: the language, the group id of G, the groups' units. */
static const char head_fmt[] =
	"{\"format\": \"semm-report/1\",\n"
	" \"engine\": {\"name\": \"semm\", \"version\": \"0.1.0\"},\n"
	" \"model\": {\"id\": \"mini\", \"version\": \"1\", \"title\": "
	"\"Mini\"},\n"
	" \"questionnaire\": {\"id\": \"q\", \"version\": \"1\"},\n"
	" \"parameters\": {\"group_by\": \"org\", \"lang\": \"%s\", "
	"\"score_scale\": {\"min\": 1, \"max\": 5}, \"inputs\": [\"x.csv\"]},\n"
	" \"respondents\": {\"read\": 20, \"scored\": 20, \"rejected\": 0},\n"
	" \"groups\": [{\"id\": \"%s\", \"n\": 8, \"overall\": {%s},\n"
	"  \"dimensions\": [], \"elements\": [%s]},\n"
	"  {\"id\": \"H\", \"n\": 2, \"overall\": {%s}, \"dimensions\": [],\n"
	"   \"elements\": [{\"id\": \"E1\", \"name\": \"Wide\", %s}]}]}\n";

static const char before_elems[] = "{\"id\": \"E1\", \"name\": \"Vision\", " STATS(
	8, 3, 0.5, 50,
	3) "},\n"
	   "{\"id\": \"E2\", \"name\": \"Leadership & <b>care</b>\", " STATS(
		   8, 2, 0.5, 25,
		   2) "},\n"
		      "{\"id\": \"E3\", \"name\": \"Culture\", " STATS(
			      8, 4, 0.5, 75,
			      4) "},\n"
				 "{\"id\": \"E4\", \"name\": \"Engagement\", " STATS(
					 8, 3, 0.5, 50, 3) "}";

static const char after_elems[] = "{\"id\": \"E1\", \"name\": \"Vision\", " STATS(
	8, 3.5, 0.5, 62.5,
	4) "},\n"
	   "{\"id\": \"E2\", \"name\": \"Leadership & <b>care</b>\", " STATS(
		   8, 3.25, 0.5, 56.25,
		   3) "},\n"
		      "{\"id\": \"E3\", \"name\": \"Culture\", " STATS(
			      8, 3.25, 0.5, 56.25,
			      3) "},\n"
				 "{\"id\": \"E4\", \"name\": \"Engagement\", " STATS(
					 1, 3.25, null, 56.25, 3) "}";

static char *report(const char *lang, const char *group, int after)
{
	const char *overall =
		after ? STATS(8, 3, 0.5, 50, 3) : STATS(8, 3, 0.5, 50, 3);
	const char *h = after ? STATS(2, 5, 1.4142135623731, 100, 5)
			      : STATS(2, 1, 1.4142135623731, 0, 1);
	size_t len = sizeof(head_fmt) + strlen(lang) + strlen(group) +
		     strlen(overall) * 2 + strlen(after_elems) + strlen(h) + 64;
	char *text = malloc(len);

	cr_assert_not_null(text);
	snprintf(text, len, head_fmt, lang, group, overall,
		 after ? after_elems : before_elems, overall, h);
	return text;
}

static semm_compare *compare(const char *lang_b, const char *lang_a,
			     const char *group)
{
	char *b = report(lang_b, group, 0), *a = report(lang_a, group, 1);
	semm_compare *c = NULL;
	semm_error err;
	int rc;

	semm_error_clear(&err);
	rc = semm_compare_from_buffers(&c, b, strlen(b), "before.json", a,
				       strlen(a), "after.json", &err);
	free(b);
	free(a);
	cr_assert_eq(rc, SEMM_OK, "rc %d: %s", rc, err.message);
	return c;
}

static char *write_page(const semm_compare *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	cr_assert_not_null(fp);
	cr_assert_eq(semm_compare_write_html(c, fp), SEMM_OK);
	fclose(fp);
	return buf;
}

/* The text from the first occurrence of `from` up to `to`. */
static char *between(const char *s, const char *from, const char *to)
{
	const char *a = strstr(s, from), *b;
	char *out;

	cr_assert_not_null(a, "no %s", from);
	b = strstr(a, to);
	cr_assert_not_null(b, "no %s after %s", to, from);
	out = strndup(a, (size_t)(b - a));
	cr_assert_not_null(out);
	return out;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (s = strstr(s, what); s; s = strstr(s + 1, what))
		n++;
	return n;
}

static void init(void)
{
	semm_init();
}

TestSuite(compare_html, .init = init);

Test(compare_html, markers_and_whiskers_sit_where_the_axis_puts_them)
{
	semm_compare *c = compare("en", "en", "G");
	char *doc = write_page(c);
	char *g = between(doc, "<svg class=\"dots\" role", "</svg>");

	/* one row per element: markers at x(change), y at the row middle */
	cr_expect_not_null(strstr(g, "class=\"mk noise\" "
				     "transform=\"translate(665.00 19.00)\""));
	cr_expect_not_null(strstr(g, "class=\"mk up\" "
				     "transform=\"translate(762.50 45.00)\""));
	cr_expect_not_null(strstr(g, "class=\"mk down\" "
				     "transform=\"translate(502.50 71.00)\""));
	cr_expect_not_null(strstr(g, "class=\"mk none\" "
				     "transform=\"translate(632.50 97.00)\""));
	cr_expect_eq(count(g, "class=\"mk "), 4);
	/* the improvement's interval, with both ends capped */
	cr_expect_not_null(strstr(g, "<path class=\"ci up\" "
				     "d=\"M692.79,45.00H832.21M692.79,40.00"
				     "v10.00M832.21,40.00v10.00\"/>"));
	/* no interval for the element with one score after */
	cr_expect_eq(count(g, "class=\"ci "), 3);
	cr_expect_not_null(strstr(g, ">no interval</text>"));
	/* the zero line and the ticks -2 .. +2 */
	cr_expect_not_null(strstr(g, "<line class=\"zero\" x1=\"600.00\" "
				     "x2=\"600.00\""));
	cr_expect_eq(count(g, "<text class=\"tick\""), 5);
	cr_expect_not_null(strstr(g, "x=\"340.00\" y=\"128.00\">&minus;2<"));
	cr_expect_not_null(strstr(g, "x=\"600.00\" y=\"128.00\">0<"));
	cr_expect_not_null(strstr(g, "x=\"860.00\" y=\"128.00\">+2<"));
	cr_expect_not_null(strstr(g, "viewBox=\"0 0 880.00 162.00\""));
	cr_expect_not_null(strstr(g, "(points on the scale 1 to 5)"));
	free(g);
	free(doc);
	semm_compare_free(c);
}

Test(compare_html, an_interval_beyond_the_largest_change_ends_in_an_arrow)
{
	semm_compare *c = compare("en", "en", "G");
	char *doc = write_page(c);
	char *h = between(strstr(doc, "<h2>Group H</h2>"), "<svg", "</svg>");

	cr_expect_not_null(strstr(h, "class=\"mk noise\" "
				     "transform=\"translate(860.00 19.00)\""));
	/* capped on the left only, an arrowhead at the right edge */
	cr_expect_not_null(strstr(h, "<path class=\"ci noise\" "
				     "d=\"M464.48,19.00H860.00M464.48,14.00"
				     "v10.00\"/>"));
	cr_expect_not_null(strstr(h, "<path class=\"arrow noise\" "
				     "d=\"M860.00,19.00l-8.00,-5v10z\"/>"));
	cr_expect_not_null(strstr(h, "x=\"340.00\" y=\"50.00\">&minus;4<"));
	cr_expect_not_null(strstr(h, "<line class=\"zero\" x1=\"600.00\""));
	free(h);
	cr_expect_not_null(strstr(doc, "arrow: the interval runs on beyond"));
	free(doc);
	semm_compare_free(c);
}

Test(compare_html, every_group_and_element_is_named)
{
	semm_compare *c = compare("en", "en", "G");
	char *doc = write_page(c);
	static const char *const names[] = { "Vision",
					     "Leadership &amp; &lt;b&gt;care"
					     "&lt;/b&gt;",
					     "Culture", "Engagement", "Wide" };
	size_t k;

	cr_expect_eq(count(doc, "<section class=\"group\">"), 2);
	cr_expect_not_null(strstr(doc, "<h2>Group G</h2>"));
	cr_expect_not_null(strstr(doc, "<h2>Group H</h2>"));
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		char tspan[128], row[128];

		/* in the chart and in the table */
		snprintf(tspan, sizeof(tspan), "\">%s</tspan>", names[k]);
		snprintf(row, sizeof(row), "<th scope=\"row\">%s <span",
			 names[k]);
		cr_expect_not_null(strstr(doc, tspan), "%s", tspan);
		cr_expect_not_null(strstr(doc, row), "%s", row);
	}
	/* the summary says it in words, with names */
	cr_expect_not_null(strstr(doc, "Of 4 elements, 1 improved and 1 "
				       "declined; 1 changed within the noise, "
				       "and 1 have too few data"));
	cr_expect_not_null(strstr(doc, "Improved: <strong>Leadership &amp; "
				       "&lt;b&gt;care&lt;/b&gt;</strong> "
				       "(+1.25)."));
	cr_expect_not_null(strstr(doc, "Declined: <strong>Culture</strong> "
				       "(&minus;0.75)."));
	cr_expect_null(strstr(doc, "<b>"));
	free(doc);
	semm_compare_free(c);
}

Test(compare_html, markup_in_a_group_id_is_escaped)
{
	semm_compare *c = compare("en", "en", "<script>alert(1)</script>");
	char *doc = write_page(c);

	cr_expect_null(strstr(doc, "<script"));
	cr_expect_not_null(
		strstr(doc, "<h2>Group &lt;script&gt;alert(1)&lt;/script&gt;"
			    "</h2>"));
	cr_expect_not_null(strstr(doc, "<th scope=\"row\">&lt;script&gt;"));
	free(doc);
	semm_compare_free(c);
}

Test(compare_html, german_text_and_decimal_commas)
{
	semm_compare *c = compare("en", "en", "G");
	semm_error err;
	char *doc;

	cr_assert_eq(semm_compare_set_lang(c, "de", &err), SEMM_OK);
	cr_expect_str_eq(semm_compare_lang(c), "de");
	doc = write_page(c);
	cr_expect_not_null(strstr(doc, "<html lang=\"de\">"));
	cr_expect_not_null(strstr(doc, "<h2>Gruppe G</h2>"));
	cr_expect_not_null(strstr(doc, "<td class=\"num\">+1,25</td>"));
	cr_expect_not_null(strstr(doc, "Verschlechtert: <strong>Culture"
				       "</strong> (&minus;0,75)."));
	cr_expect_not_null(strstr(doc, "Seite \" counter(page) \" von"));
	/* coordinates keep their decimal point */
	cr_expect_not_null(strstr(doc, "translate(762.50 45.00)"));
	cr_expect_null(strstr(doc, ">improvement<"));
	free(doc);
	/* a language semm does not write: refused, the setting kept */
	cr_expect_eq(semm_compare_set_lang(c, "fr", &err), SEMM_EARG);
	cr_expect_not_null(strstr(err.message, "en, de"));
	cr_expect_str_eq(semm_compare_lang(c), "de");
	cr_expect_eq(semm_compare_set_lang(c, NULL, &err), SEMM_OK);
	cr_expect_str_eq(semm_compare_lang(c), "en");
	semm_compare_free(c);
}

Test(compare_html, the_language_of_the_reports_is_the_default)
{
	semm_compare *c = compare("de", "de-AT", "G");
	char *doc = write_page(c);

	cr_expect_str_eq(semm_compare_lang(c), "de");
	cr_expect_not_null(strstr(doc, "<html lang=\"de\">"));
	free(doc);
	semm_compare_free(c);
	/* reports of different languages: English */
	c = compare("de", "en", "G");
	cr_expect_str_eq(semm_compare_lang(c), "en");
	semm_compare_free(c);
	c = compare("fr", "fr", "G");
	cr_expect_str_eq(semm_compare_lang(c), "en");
	semm_compare_free(c);
}

Test(compare_html, the_same_comparison_gives_the_same_bytes)
{
	semm_compare *c = compare("en", "en", "G");
	char *one = write_page(c), *two = write_page(c);

	cr_expect_str_eq(one, two);
	cr_expect_null(strstr(one, "http://"));
	cr_expect_null(strstr(one, "https://"));
	free(one);
	free(two);
	semm_compare_free(c);
}

/* Every message has both languages and the same placeholders in each. */
Test(compare_html, messages_are_complete_in_every_language)
{
	size_t n, i, k;
	const semm__msg *m = semm__compare_html_msgs(&n);
	char ph[4] = "{0}";

	cr_assert_eq(semm__msg_check(m, n), n);
	for (i = 0; i < n; i++) {
		for (k = 0; k < 10; k++) {
			ph[1] = (char)('0' + k);
			cr_expect_eq(count(m[i].text[SEMM__LANG_EN], ph),
				     count(m[i].text[SEMM__LANG_DE], ph),
				     "message %zu, %s", i, ph);
		}
		cr_expect_null(strpbrk(m[i].text[SEMM__LANG_DE], "<>&\"\\"));
		cr_expect_null(strpbrk(m[i].text[SEMM__LANG_EN], "<>&\"\\"));
	}
}

/* Reports without a group in common: the page says so. */
Test(compare_html, no_group_in_common_is_said)
{
	char *b = report("en", "G", 0), *a = report("en", "X", 1), *doc, *p;
	semm_compare *c = NULL;
	semm_error err;

	p = strstr(a, "{\"id\": \"H\"");
	cr_assert_not_null(p);
	p[8] = 'K'; /* group H becomes K */
	cr_assert_eq(semm_compare_from_buffers(&c, b, strlen(b), "b", a,
					       strlen(a), "a", &err),
		     SEMM_OK, "%s", err.message);
	doc = write_page(c);
	cr_expect_not_null(strstr(doc, "No group is in both reports"));
	cr_expect_null(strstr(doc, "<section class=\"group\">"));
	cr_expect_not_null(strstr(doc, "<li>X</li>"));
	cr_expect_not_null(strstr(doc, "<li>K</li>"));
	free(doc);
	free(a);
	free(b);
	semm_compare_free(c);
}
