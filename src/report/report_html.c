/*
 * report_html.c - writes the assessment as one self-contained HTML5 page
 * for the people it is made for, in the report's language: a cover, an
 * overview of the organizations when there are several, then each
 * organization's part (report_html_org.c) and an appendix
 * (report_html_appendix.c). For print, every organization's pages carry
 * a running header with its name and the dates of its responses, and
 * every page its number. A participant's report (one group) names no
 * other organization. Styles are inline, nothing is fetched and no
 * script runs; every string from an input file is escaped; the output is
 * deterministic.
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_html.h"
#include "score/ratings.h"

/* ---- output primitives ---------------------------------------------- */

void semm__html_out(const html *h, const char *s)
{
	fputs(s, h->fp);
}

void semm__html_outf(const html *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(h->fp, fmt, ap);
	va_end(ap);
}

/* Writes s escaped for HTML text and attribute values: & < > " ' become
 * references, valid UTF-8 passes through, invalid bytes and control
 * characters (other than tab, newline, return) become U+FFFD. NULL
 * writes nothing. */
void semm__html_esc(const html *h, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = str ? strlen(str) : 0;

	while (n > 0) {
		size_t len = semm__utf8_len(s, n);

		if (len == 0 || (*s < 0x20 && !strchr("\t\n\r", *s)) ||
		    *s == 0x7f)
			semm__html_out(h, "\xef\xbf\xbd");
		else if (*s == '&')
			semm__html_out(h, "&amp;");
		else if (*s == '<')
			semm__html_out(h, "&lt;");
		else if (*s == '>')
			semm__html_out(h, "&gt;");
		else if (*s == '"')
			semm__html_out(h, "&quot;");
		else if (*s == '\'')
			semm__html_out(h, "&#39;");
		else
			fwrite(s, 1, len, h->fp);
		len = len ? len : 1;
		s += len;
		n -= len;
	}
}

const char *semm__html_num(const html *h, double v, int decimals)
{
	char *buf = h->num[*h->num_next];

	*h->num_next = (*h->num_next + 1) % HTML_NUMS;
	if (!isfinite(v))
		return NONE;
	semm__fmt_fixed(buf, v, decimals, h->lang);
	return buf;
}

const char *semm__html_numt(const html *h, double v, int decimals)
{
	char *buf = h->num[*h->num_next];

	*h->num_next = (*h->num_next + 1) % HTML_NUMS;
	if (!isfinite(v))
		return NONE;
	semm__fmt_trimmed(buf, v, decimals, h->lang);
	return buf;
}

const char *semm__html_count(const html *h, size_t n)
{
	char *buf = h->num[*h->num_next];

	*h->num_next = (*h->num_next + 1) % HTML_NUMS;
	snprintf(buf, SEMM__FMT_BUFSIZE, "%zu", n);
	return buf;
}

void semm__html_fixed(const html *h, double v, int decimals)
{
	semm__html_out(h, semm__html_num(h, v, decimals));
}

void semm__html_trimmed(const html *h, double v, int decimals)
{
	semm__html_out(h, semm__html_numt(h, v, decimals));
}

void semm__html_coord(const html *h, double v)
{
	char buf[SEMM__FMT_BUFSIZE];

	semm__fmt_fixed(buf, v, DEC_COORD, SEMM__LANG_EN);
	semm__html_out(h, buf);
}

const char *semm__html_band_name(const html *h, int band)
{
	const char *s;

	if (band < 0)
		return NONE;
	s = semm__band_name_tr(h->res->model, (size_t)band, h->mlang);
	return s ? s : h->res->model->bands[band].name;
}

void semm__html_level(const html *h, int band)
{
	if (band < 0) {
		semm__html_out(h, NONE);
		return;
	}
	semm__html_outf(h, "%d&nbsp;(", h->res->model->bands[band].level);
	semm__html_esc(h, semm__html_band_name(h, band));
	semm__html_out(h, ")");
}

const char *semm__html_elem_name(const html *h, size_t e)
{
	const char *s = semm__elem_name_tr(h->res->model, e, h->mlang);

	return s ? s : h->res->model->elems[e].name;
}

const char *semm__html_dim_name(const html *h, size_t d)
{
	const char *s = semm__dim_name_tr(h->res->model, d, h->mlang);

	return s ? s : h->res->model->dims[d].name;
}

void semm__html_elem_label(const html *h, size_t e)
{
	semm__html_esc(h, semm__html_elem_name(h, e));
	semm__html_out(h, " <span class=\"code\">");
	semm__html_esc(h, h->res->model->elems[e].id);
	semm__html_out(h, "</span>");
}

const char *semm__html_group_name(const html *h, size_t g)
{
	return h->res->groups[g].id;
}

void semm__html_num_cell(const html *h, double v, int decimals)
{
	semm__html_out(h, "<td class=\"num\">");
	semm__html_fixed(h, v, decimals);
	semm__html_out(h, "</td>");
}

void semm__html_interval(const html *h, double lo, double hi, int decimals)
{
	if (!isfinite(lo) || !isfinite(hi)) {
		semm__html_out(h, NONE);
		return;
	}
	/* a comma separates the bounds, unless it is the decimal mark */
	semm__html_outf(h, "[%s%s %s]", semm__html_num(h, lo, decimals),
			h->lang == SEMM__LANG_DE ? ";" : ",",
			semm__html_num(h, hi, decimals));
}

int semm__html_has_targets(const semm_result *res, const semm__group *gr)
{
	size_t e;

	for (e = 0; e < res->model->n_elems; e++) {
		if (isfinite(gr->elems[e].target))
			return 1;
	}
	return 0;
}

const char *semm__html_item_text(const html *h, size_t i)
{
	const semm__item *it = &h->res->q->items[i];
	const char *t = it->texts ? it->texts[h->res->lang] : NULL;

	return t ? t : it->text ? it->text : it->id;
}

void semm__html_statement_cell_open(const html *h)
{
	const char *code = h->res->q->languages[h->res->lang];

	if (strcmp(code, "default") == 0) {
		semm__html_out(h, "<td>");
		return;
	}
	semm__html_out(h, "<td lang=\"");
	semm__html_esc(h, code);
	semm__html_out(h, "\">");
}

/* ---- peers -------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* R type 7 quantile of sorted v[0..n-1]. */
static double quantile7(const double *v, size_t n, double p)
{
	double hpos = (double)(n - 1) * p;
	size_t lo = (size_t)floor(hpos);
	double frac = hpos - (double)lo;

	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + frac * (v[lo + 1] - v[lo]);
}

size_t semm__html_min_peers(const html *h)
{
	const semm__bench *b = h->res->bench;

	return b ? b->min_groups : SEMM_BENCH_MIN_GROUPS;
}

void semm__html_peer(const html *h, size_t g, size_t e, html_peer *out)
{
	const semm_result *res = h->res;
	double mine = res->groups[g].elems[e].percent;
	size_t k, n = 0, below = 0, ties = 0, above = 0;

	memset(out, 0, sizeof(*out));
	/* with a benchmark, the peers are the organizations it entered */
	if (res->bench && !res->bench->entered[g])
		mine = NAN;
	for (k = 0; k < res->n_groups; k++) {
		double p = res->groups[k].elems[e].percent;

		if (!isfinite(p) || (res->bench && !res->bench->entered[k]))
			continue;
		h->scratch[n++] = p;
		if (k == g || !isfinite(mine))
			continue;
		below += p < mine;
		ties += p == mine;
		above += p > mine;
	}
	out->n = n;
	if (n == 0)
		return;
	qsort(h->scratch, n, sizeof(double), cmp_double);
	for (k = 0; k < 5; k++)
		out->q[k] = quantile7(h->scratch, n, (double)k / 4.0);
	if (isfinite(mine) && n > 1) {
		out->rank = above + 1;
		out->percentile = 100.0 * ((double)below + 0.5 * (double)ties) /
				  (double)(n - 1);
	}
}

/* ---- dates ---------------------------------------------------------------- */

static void format_date(const html *h, uint32_t d, char *buf, size_t len)
{
	unsigned y = d / 10000, m = d / 100 % 100, day = d % 100;

	if (h->lang == SEMM__LANG_DE)
		snprintf(buf, len, "%02u.%02u.%04u", day, m, y);
	else
		snprintf(buf, len, "%04u-%02u-%02u", y, m, day);
}

int semm__html_load_dates(html *h, uint32_t **first, uint32_t **last)
{
	const semm_result *res = h->res;
	size_t n_keys = 1, g, *group_of;

	for (g = 0; g < res->n_groups; g++) {
		if (res->groups[g].key != SEMM__NONE32 &&
		    (size_t)res->groups[g].key + 1 > n_keys)
			n_keys = (size_t)res->groups[g].key + 1;
	}
	*first = malloc((res->n_groups + 1) * sizeof(uint32_t));
	*last = malloc((res->n_groups + 1) * sizeof(uint32_t));
	group_of = malloc(n_keys * sizeof(size_t));
	if (!*first || !*last || !group_of) {
		free(group_of);
		return SEMM_ENOMEM;
	}
	for (g = 0; g < n_keys; g++)
		group_of[g] = SIZE_MAX;
	for (g = 0; g < res->n_groups; g++) {
		if (res->groups[g].key != SEMM__NONE32)
			group_of[res->groups[g].key] = g;
	}
	semm__responses_dates(res->r, group_of, n_keys, res->n_groups, *first,
			      *last);
	free(group_of);
	h->date_first = *first;
	h->date_last = *last;
	return SEMM_OK;
}

int semm__html_dates(const html *h, long g, char *buf, size_t len)
{
	size_t at = g < 0 ? h->res->n_groups : (size_t)g;
	uint32_t first, last;
	char a[16], b[16];

	if (!h->date_first)
		return 0;
	first = h->date_first[at];
	last = h->date_last[at];
	if (first == 0)
		return 0;
	format_date(h, first, a, sizeof(a));
	format_date(h, last, b, sizeof(b));
	if (first == last)
		snprintf(buf, len, "%s", a);
	else
		snprintf(buf, len, "%s \xe2\x80\x93 %s", a, b);
	return 1;
}

/* ---- the page around the sections ------------------------------------ */

/* Writes s as the content of a CSS string ("..."), escaping what would
 * end it or the style element. */
static void css_string(const html *h, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	semm__html_out(h, "\"");
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\' || *s == '<' || *s == '>' ||
		    *s == '&' || *s < 0x20 || *s == 0x7f)
			semm__html_outf(h, "\\%x ", *s);
		else
			fputc(*s, h->fp);
	}
	semm__html_out(h, "\"");
}

/* The title of the assessment: the caller's, else the model's. */
static const char *assessment_title(const html *h)
{
	const char *t;

	if (h->o && h->o->title && *h->o->title)
		return h->o->title;
	t = semm__model_title_tr(h->res->model, h->mlang);
	return t ? t : h->res->model->title;
}

/* Print: A4 pages numbered "page n of m" at the foot; the running head
 * names the assessment, and on an organization's pages (a named page
 * per organization) the organization. */
static void print_pages(const html *h)
{
	char dates[64];
	size_t g;

	semm__html_out(h, "@media print{\n@page{size:A4;margin:16mm 13mm 15mm;"
			  "@top-left{content:");
	css_string(h, assessment_title(h));
	semm__html_out(h, ";font:8pt system-ui,Arial,sans-serif;color:#444}"
			  "@bottom-right{content:");
	css_string(h, semm__html_t(h, M_PAGE));
	semm__html_out(h, " \" \" counter(page) ");
	css_string(h, semm__html_t(h, M_PAGE_OF));
	semm__html_out(h, " counter(pages);font:8pt system-ui,Arial,"
			  "sans-serif;color:#444}}\n");
	for (g = 0; g < h->res->n_groups; g++) {
		if (h->only >= 0 && (size_t)h->only != g)
			continue;
		semm__html_outf(h, "@page org%zu{@top-left{content:", g + 1);
		css_string(h, h->res->groups[g].id);
		semm__html_out(h, " \" \\2014  \" ");
		css_string(h, assessment_title(h));
		if (semm__html_dates(h, (long)g, dates, sizeof(dates))) {
			semm__html_out(h, " \", \" ");
			css_string(h, dates);
		}
		semm__html_outf(h, "}}\nsection#org-%zu{page:org%zu}\n", g + 1,
				g + 1);
	}
	semm__html_out(h, "}\n");
}

static void page_head(const html *h)
{
	semm__html_outf(
		h,
		"<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\">\n"
		"<meta name=\"generator\" content=\"semm " SEMM_VERSION_STRING
		"\">\n<title>",
		semm__lang_code(h->lang));
	semm__html_esc(h, assessment_title(h));
	if (h->only >= 0) {
		semm__html_out(h, ": ");
		semm__html_esc(h, h->res->groups[h->only].id);
	}
	semm__html_out(h, "</title>\n<style>\n");
	semm__html_style(h->fp);
	print_pages(h);
	semm__html_out(h, "</style>\n</head>\n<body>\n");
}

/* The scope of the assessment in one sentence (the library's). */
static void scope_line(const html *h)
{
	semm__buf b = { 0 };
	int rc = semm__scope_sentence(h->res, h->lang, &b);

	if (rc == SEMM_ENOMEM)
		*h->nomem = 1;
	if (rc == SEMM_OK && b.data) {
		semm__html_out(h, "<p class=\"scope\">");
		semm__html_esc(h, b.data);
		semm__html_out(h, "</p>\n");
	}
	semm__buf_free(&b);
}

/* One fact of a cover, when there is a value. */
static void cover_fact(const html *h, html_msg label, const char *value)
{
	if (!value || !*value)
		return;
	semm__html_outf(h, "<dt>%s</dt><dd>", semm__html_t(h, label));
	semm__html_esc(h, value);
	semm__html_out(h, "</dd>\n");
}

/* The dates of group g's responses (-1: of all), when they have any. */
static void cover_dates(const html *h, long g)
{
	char dates[64];

	if (semm__html_dates(h, g, dates, sizeof(dates)))
		cover_fact(h, M_DATES, dates);
}

/* The cover's facts: client, assessor, respondents. */
static void cover_facts(const html *h)
{
	const semm_result *res = h->res;

	semm__html_out(h, "<dl class=\"cover-facts\">\n");
	cover_fact(h, M_CLIENT, h->o ? h->o->client : NULL);
	cover_fact(h, M_ASSESSOR, h->o ? h->o->assessor : NULL);
	semm__html_outf(h, "<dt>%s</dt><dd>", semm__html_t(h, M_MODEL));
	{
		const char *t = semm__model_title_tr(res->model, h->mlang);

		semm__html_esc(h, t ? t : res->model->title);
	}
	semm__html_out(h, "</dd>\n");
	semm__html_outf(h, "<dt>%s</dt><dd>", semm__html_t(h, M_SURVEY));
	SAY(h, M_COVER_COUNTS, semm__html_count(h, res->n_groups),
	    semm__html_count(h, semm_result_scored_count(res)));
	semm__html_out(h, "</dd>\n");
	cover_dates(h, -1);
	semm__html_out(h, "</dl>\n");
}

static void logo(const html *h)
{
	if (!h->logo_uri)
		return;
	semm__html_out(h, "<img class=\"logo\" alt=\"\" src=\"");
	semm__html_out(h, h->logo_uri); /* base64: nothing to escape */
	semm__html_out(h, "\">\n");
}

/* The cover of the organizer's report (several organizations). */
static void cover(const html *h)
{
	semm__html_out(h, "<header class=\"cover\">\n");
	logo(h);
	semm__html_outf(h, "<p class=\"kicker\">%s</p>\n<h1>",
			semm__html_t(h, M_KICKER));
	semm__html_esc(h, assessment_title(h));
	semm__html_out(h, "</h1>\n");
	scope_line(h);
	cover_facts(h);
	semm__html_out(h, "</header>\n");
}

/* ---- overview of the organizations ------------------------------------ */

static void org_link(const html *h, size_t g)
{
	semm__html_outf(h, "<a href=\"#org-%zu\">", g + 1);
	semm__html_esc(h, h->res->groups[g].id);
	semm__html_out(h, "</a>");
}

/* A heat cell: the percent on its palette colour. */
void semm__html_heat_cell(const html *h, double p)
{
	size_t k;

	if (!isfinite(p)) {
		semm__html_out(h, "<td class=\"cell h-none\">" NONE "</td>");
		return;
	}
	k = p <= 0 ? 0 : (size_t)(p / (100.0 / HEAT_STEPS));
	k = k < HEAT_STEPS ? k : HEAT_STEPS - 1;
	semm__html_outf(h, "<td class=\"cell h%zu\">%s</td>", k,
			semm__html_num(h, p, DEC_PCT));
}

static void heat_key(const html *h)
{
	size_t k;
	double step = 100.0 / HEAT_STEPS;

	semm__html_outf(h, "<p class=\"scale\">%s ",
			semm__html_t(h, M_HEAT_KEY));
	for (k = 0; k < HEAT_STEPS; k++)
		semm__html_outf(
			h, "<span class=\"h%zu\">%s&ndash;%s</span>", k,
			semm__html_numt(h, step * (double)k, DEC_PCT),
			semm__html_numt(h, step * (double)(k + 1), DEC_PCT));
	semm__html_outf(h, " <span class=\"h-none\">" NONE " %s</span></p>\n",
			semm__html_t(h, M_NO_SCORE));
}

/* Organizations at a glance: one row each, the overall and dimension
 * percents and levels. Rows break across pages; the header repeats. */
static void glance_table(const html *h)
{
	const semm_result *res = h->res;
	const semm_model *m = res->model;
	size_t g, d;

	semm__html_outf(h,
			"<table class=\"glance\">\n<thead><tr><th>%s</th>"
			"<th class=\"num\">%s</th><th class=\"num\">%s</th>"
			"<th>%s</th><th>%s</th>",
			semm__html_t(h, M_ORGANIZATION),
			semm__html_t(h, M_RESPONDENTS),
			semm__html_t(h, M_OVERALL_PCT),
			semm__html_t(h, M_PROFILE_LEVEL),
			semm__html_t(h, M_STAGED_LEVEL));
	for (d = 0; d < m->n_dims; d++) {
		semm__html_out(h, "<th class=\"num\">");
		semm__html_esc(h, m->dims[d].id);
		semm__html_out(h, "</th>");
	}
	semm__html_out(h, "</tr></thead>\n<tbody>\n");
	for (g = 0; g < res->n_groups; g++) {
		const semm__group *gr = &res->groups[g];

		semm__html_out(h, "<tr><td>");
		org_link(h, g);
		semm__html_outf(h, "</td><td class=\"num\">%zu</td>", gr->n);
		semm__html_num_cell(h, gr->overall.percent, DEC_PCT);
		semm__html_out(h, "<td class=\"lvl\">");
		semm__html_level(h, gr->overall.level);
		semm__html_out(h, "</td><td class=\"lvl\">");
		semm__html_level(h, gr->staged);
		semm__html_out(h, "</td>");
		for (d = 0; d < m->n_dims; d++)
			semm__html_num_cell(h, gr->dims[d].percent, DEC_PCT);
		semm__html_out(h, "</tr>\n");
	}
	if (res->n_groups == 0)
		semm__html_outf(h, "<tr><td colspan=\"%zu\">%s</td></tr>\n",
				5 + m->n_dims,
				semm__html_t(h, M_NOBODY_SCORED));
	semm__html_out(h, "</tbody>\n</table>\n<p class=\"note\">");
	for (d = 0; d < m->n_dims; d++) {
		semm__html_out(h, d ? "; " : "");
		semm__html_esc(h, m->dims[d].id);
		semm__html_out(h, " ");
		semm__html_esc(h, semm__html_dim_name(h, d));
	}
	semm__html_out(h, ".</p>\n");
}

/* Elements by organization as a heat map: rows the organizations,
 * columns the elements (a model has few), so that any number of
 * organizations prints, the rows breaking across pages. */
static void element_heat(const html *h)
{
	const semm_result *res = h->res;
	const semm_model *m = res->model;
	size_t g, e;

	semm__html_outf(h, "<h3>%s</h3>\n", semm__html_t(h, M_ELEMENT_HEAT));
	heat_key(h);
	semm__html_outf(h,
			"<table class=\"heat elements-heat\">\n<thead><tr>"
			"<th>%s</th>",
			semm__html_t(h, M_ORGANIZATION));
	for (e = 0; e < m->n_elems; e++) {
		semm__html_out(h, "<th class=\"num\" title=\"");
		semm__html_esc(h, semm__html_elem_name(h, e));
		semm__html_out(h, "\">");
		semm__html_esc(h, m->elems[e].id);
		semm__html_out(h, "</th>");
	}
	semm__html_out(h, "</tr></thead>\n<tbody>\n");
	for (g = 0; g < res->n_groups; g++) {
		semm__html_out(h, "<tr><td>");
		org_link(h, g);
		semm__html_out(h, "</td>");
		for (e = 0; e < m->n_elems; e++)
			semm__html_heat_cell(h,
					     res->groups[g].elems[e].percent);
		semm__html_out(h, "</tr>\n");
	}
	semm__html_out(h, "</tbody>\n</table>\n<p class=\"note\">");
	for (e = 0; e < m->n_elems; e++) {
		semm__html_out(h, e ? "; " : "");
		semm__html_esc(h, m->elems[e].id);
		semm__html_out(h, " ");
		semm__html_esc(h, semm__html_elem_name(h, e));
	}
	semm__html_out(h, ".</p>\n");
}

static void overview_section(const html *h)
{
	semm__html_outf(h,
			"<section id=\"overview\" class=\"overview\" "
			"aria-labelledby=\"overview-title\">\n"
			"<h2 id=\"overview-title\">%s</h2>\n",
			semm__html_t(h, M_OVERVIEW));
	glance_table(h);
	element_heat(h);
	semm__html_out(h, "</section>\n");
}

static void page_end(const html *h)
{
	semm__html_out(h, "<footer>");
	SAY(h, M_FOOTER, SEMM_VERSION_STRING, h->res->model->id,
	    h->res->model->version, h->res->q->id, h->res->q->version);
	semm__html_out(h, "</footer>\n</body>\n</html>\n");
}

/* ---- the logo ------------------------------------------------------------ */

/* The media type of an image from its first bytes, or NULL. */
static const char *image_type(const unsigned char *d, size_t n)
{
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && memcmp(d, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	if (n >= 6 &&
	    (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
		return "image/gif";
	if (n >= 4 && (memmem(d, n < 1024 ? n : 1024, "<svg", 4) != NULL))
		return "image/svg+xml";
	return NULL;
}

/* The logo file as a data: URI (malloc'd). A logo is a small picture:
 * more than 4 MiB is refused rather than embedded. */
static int read_logo(const char *path, char **out, semm_error *err)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
		"vwxyz0123456789+/";
	FILE *fp = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t n = 0, cap = 0, i, o;
	const char *type;
	char *uri;

	*out = NULL;
	if (!fp)
		return semm__fail(err, SEMM_EIO, path, 0, 0,
				  "cannot open the logo: %s", strerror(errno));
	for (;;) {
		size_t got;

		if (n == cap) {
			unsigned char *more;

			if (cap >= ((size_t)4 << 20)) {
				free(data);
				fclose(fp);
				return semm__fail(err, SEMM_EARG, path, 0, 0,
						  "the logo is larger than "
						  "4 MiB");
			}
			cap = cap ? cap * 2 : 65536;
			more = realloc(data, cap);
			if (!more) {
				free(data);
				fclose(fp);
				return semm__fail(err, SEMM_ENOMEM, path, 0, 0,
						  "out of memory");
			}
			data = more;
		}
		got = fread(data + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		free(data);
		fclose(fp);
		return semm__fail(err, SEMM_EIO, path, 0, 0,
				  "cannot read the logo");
	}
	fclose(fp);
	type = image_type(data, n);
	if (!type) {
		free(data);
		return semm__fail(err, SEMM_EARG, path, 0, 0,
				  "the logo is not a PNG, JPEG, GIF or SVG "
				  "image");
	}
	uri = malloc(strlen(type) + 14 + (n + 2) / 3 * 4 + 1);
	if (!uri) {
		free(data);
		return semm__fail(err, SEMM_ENOMEM, path, 0, 0,
				  "out of memory");
	}
	o = (size_t)snprintf(uri, strlen(type) + 14, "data:%s;base64,", type);
	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)data[i] << 16;

		v |= i + 1 < n ? (unsigned)data[i + 1] << 8 : 0;
		v |= i + 2 < n ? data[i + 2] : 0;
		uri[o++] = b64[v >> 18 & 63];
		uri[o++] = b64[v >> 12 & 63];
		uri[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		uri[o++] = i + 2 < n ? b64[v & 63] : '=';
	}
	uri[o] = '\0';
	free(data);
	*out = uri;
	return SEMM_OK;
}

int semm__html_check_logo(const semm_report_options *o, semm_error *err)
{
	char *uri = NULL;
	int rc;

	if (!o || !o->logo)
		return SEMM_OK;
	rc = read_logo(o->logo, &uri, err);
	free(uri);
	return rc;
}

/* ---- the report ---------------------------------------------------------- */

int semm__html_open(html *h, html_store *st, const semm_result *res,
		    const semm_report_options *opts, semm_error *err)
{
	int rc;

	memset(h, 0, sizeof(*h));
	memset(st, 0, sizeof(*st));
	h->res = res;
	h->o = opts;
	h->lang = res->report_lang;
	h->mlang = res->model_lang;
	h->only = -1;
	h->num = st->nums;
	h->num_next = &st->next;
	h->nomem = &st->nomem;
	if (opts && opts->logo) {
		rc = read_logo(opts->logo, &st->logo_uri, err);
		if (rc != SEMM_OK)
			return rc;
		h->logo_uri = st->logo_uri;
	}
	st->scratch =
		malloc((res->n_groups ? res->n_groups : 1) * sizeof(double));
	st->median = malloc((res->model->n_elems ? res->model->n_elems : 1) *
			    sizeof(double));
	h->scratch = st->scratch;
	if (!st->scratch || !st->median ||
	    semm__html_load_dates(h, &st->date_first, &st->date_last) !=
		    SEMM_OK) {
		semm__html_close(st);
		return semm__fail(err, SEMM_ENOMEM, NULL, 0, 0,
				  "out of memory");
	}
	if (res->n_groups >= 2) {
		html_peer p;
		size_t e;

		for (e = 0; e < res->model->n_elems; e++) {
			semm__html_peer(h, 0, e, &p);
			st->median[e] = p.n ? p.q[2] : NAN;
		}
		h->all_median = st->median;
	}
	return SEMM_OK;
}

void semm__html_close(html_store *st)
{
	free(st->median);
	free(st->scratch);
	free(st->logo_uri);
	free(st->date_first);
	free(st->date_last);
	memset(st, 0, sizeof(*st));
}

int semm__html_page(html *h, FILE *fp, long group, semm_error *err)
{
	const semm_result *res = h->res;
	size_t g;

	if (!fp || group >= (long)res->n_groups)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "no stream or no such group");
	h->fp = fp;
	h->only = group;
	*h->nomem = 0;
	/* the peers' median, but in a participant's report only when
	 * enough organizations took part to keep each anonymous */
	h->median = group < 0 || res->n_groups >= semm__html_min_peers(h)
			    ? h->all_median
			    : NULL;
	page_head(h);
	if (group >= 0) {
		semm__html_org_section(h, (size_t)group);
	} else {
		if (res->n_groups != 1) {
			cover(h);
			overview_section(h);
		}
		for (g = 0; g < res->n_groups; g++)
			semm__html_org_section(h, g);
		/* organizations rated by assessors without a survey */
		for (g = 0; g < semm_result_rated_count(res); g++) {
			if (res->ratings->orgs[g].group >= 0)
				continue;
			semm__html_out(h, "<section class=\"org\">\n"
					  "<div class=\"sheet first\">\n");
			semm__html_ratings_section(h, g);
			semm__html_out(h, "</div>\n</section>\n");
		}
	}
	semm__html_appendix(h);
	page_end(h);
	if (*h->nomem)
		return semm__fail(err, SEMM_ENOMEM, NULL, 0, 0,
				  "out of memory while writing the report");
	if (ferror(fp))
		return semm__fail(err, SEMM_EIO, NULL, 0, 0,
				  "cannot write the report");
	return SEMM_OK;
}

int semm_report_write_html_ext(const semm_result *res, FILE *fp,
			       const semm_report_options *opts, long group,
			       semm_error *err)
{
	html h;
	html_store st;
	int rc;

	if (!res || !fp || group >= (long)res->n_groups)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "no result, stream or such group");
	rc = semm__html_open(&h, &st, res, opts, err);
	if (rc == SEMM_OK)
		rc = semm__html_page(&h, fp, group, err);
	semm__html_close(&st);
	return rc;
}

int semm_report_write_html(const semm_result *res, FILE *fp)
{
	return semm_report_write_html_ext(res, fp, NULL, -1, NULL);
}

/* The cover block of an organization's part, shared with its section
 * (report_html_org.c): the logo and the texts. */
void semm__html_org_cover(const html *h, size_t g)
{
	semm__html_out(h, "<header class=\"cover\">\n");
	logo(h);
	semm__html_outf(h, "<p class=\"kicker\">%s</p>\n",
			semm__html_t(h, M_KICKER));
	semm__html_outf(h, "<h1 id=\"org-%zu-title\">", g + 1);
	semm__html_esc(h, h->res->groups[g].id);
	semm__html_out(h, "</h1>\n<p class=\"subtitle\">");
	semm__html_esc(h, assessment_title(h));
	semm__html_out(h, "</p>\n");
	scope_line(h);
	semm__html_out(h, "<dl class=\"cover-facts\">\n");
	cover_fact(h, M_CLIENT, h->o ? h->o->client : NULL);
	cover_fact(h, M_ASSESSOR, h->o ? h->o->assessor : NULL);
	semm__html_outf(h, "<dt>%s</dt><dd>", semm__html_t(h, M_RESPONDENTS));
	semm__html_outf(h, "%zu</dd>\n", h->res->groups[g].n);
	cover_dates(h, (long)g);
	semm__html_out(h, "</dl>\n</header>\n");
}
