/*
 * report_html.c - writes the assessment as one self-contained HTML5 page
 * for people: the model, questionnaire, counts and parameters; an index
 * and a benchmark of the groups; per group a radar chart of the element
 * percents (inline SVG, with the peer median and the targets), the
 * dimension and element tables with their reliability and agreement, the
 * staged level and what holds it back, an item heat map and warnings in
 * plain words; the rejected respondents; the differences between groups
 * and the methods. Styles are inline (screen and print), nothing is
 * fetched and no script runs. Every string that comes from an input file
 * is HTML-escaped; the output is deterministic.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_html.h"

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

/* v rounded half away from zero to `decimals` places, without "-0". */
static double round_to(double v, int decimals)
{
	double scale = pow(10.0, decimals);
	double r = round(v * scale) / scale;

	return r == 0 ? 0 : r;
}

/* v with a fixed number of decimals, or NONE when it does not exist. */
void semm__html_fixed(const html *h, double v, int decimals)
{
	if (!isfinite(v))
		semm__html_out(h, NONE);
	else
		semm__html_outf(h, "%.*f", decimals, round_to(v, decimals));
}

/* v with up to `decimals` places, trailing zeros dropped ("50", "33.3"). */
void semm__html_trimmed(const html *h, double v, int decimals)
{
	char buf[64];
	size_t n;

	if (!isfinite(v)) {
		semm__html_out(h, NONE);
		return;
	}
	snprintf(buf, sizeof(buf), "%.*f", decimals, round_to(v, decimals));
	n = strlen(buf);
	while (strchr(buf, '.') && (buf[n - 1] == '0' || buf[n - 1] == '.'))
		buf[--n] = '\0';
	semm__html_out(h, buf);
}

/* "3 (Defined)" for a band index, NONE for -1. */
static void level(const html *h, int band)
{
	const semm__band *b;

	if (band < 0) {
		semm__html_out(h, NONE);
		return;
	}
	b = &h->res->model->bands[band];
	semm__html_outf(h, "%d (", b->level);
	semm__html_esc(h, b->name);
	semm__html_out(h, ")");
}

/* A table cell holding a number, right-aligned. */
static void num_cell(const html *h, double v, int decimals)
{
	semm__html_out(h, "<td class=\"num\">");
	semm__html_fixed(h, v, decimals);
	semm__html_out(h, "</td>");
}

/* A 95 % interval "[lo, hi]" or NONE. */
static void interval(const html *h, double lo, double hi, int decimals)
{
	if (!isfinite(lo) || !isfinite(hi)) {
		semm__html_out(h, NONE);
		return;
	}
	semm__html_out(h, "[");
	semm__html_fixed(h, lo, decimals);
	semm__html_out(h, ", ");
	semm__html_fixed(h, hi, decimals);
	semm__html_out(h, "]");
}

/* An item's statement in the report's language. */
static const char *item_text(const semm_result *res, size_t i)
{
	const semm__item *it = &res->q->items[i];

	return it->texts && it->texts[res->lang] ? it->texts[res->lang]
						 : it->text;
}

/* ---- figures derived for the page ------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median (R type 7) over the groups of element e's percent; NAN when no
 * group has one. */
static double peer_median(const html *h, size_t e)
{
	const semm_result *res = h->res;
	size_t g, n = 0;

	for (g = 0; g < res->n_groups; g++) {
		double p = res->groups[g].elems[e].percent;

		if (isfinite(p))
			h->scratch[n++] = p;
	}
	qsort(h->scratch, n, sizeof(double), cmp_double);
	return semm_stats_quantile_sorted(h->scratch, n, 0.5);
}

/* The benchmark's unit d of a group: dimension d, or overall when d is
 * the number of dimensions. */
static const semm__unit *bench_unit(const semm_result *res,
				    const semm__group *gr, size_t d)
{
	return d < res->model->n_dims ? &gr->dims[d] : &gr->overall;
}

/* Rank (1 = highest) of group g's percent on benchmark unit d among the
 * groups: 1 + the groups strictly higher, so ties share a rank. */
static size_t rank_of(const semm_result *res, size_t g, size_t d)
{
	double p = bench_unit(res, &res->groups[g], d)->percent;
	size_t k, rank = 1;

	for (k = 0; k < res->n_groups; k++)
		rank += bench_unit(res, &res->groups[k], d)->percent > p;
	return rank;
}

/* Whether any element of the group has a target. */
int semm__html_has_targets(const semm_result *res, const semm__group *gr)
{
	size_t e;

	for (e = 0; e < res->model->n_elems; e++) {
		if (isfinite(gr->elems[e].target))
			return 1;
	}
	return 0;
}

/* ---- the page around the sections ------------------------------------ */

static void page_head(const html *h)
{
	const semm_model *m = h->res->model;

	semm__html_out(
		h,
		"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\">\n"
		"<meta name=\"generator\" content=\"semm " SEMM_VERSION_STRING
		"\">\n<title>Maturity assessment: ");
	semm__html_esc(h, m->title);
	semm__html_out(h, "</title>\n<style>\n");
	semm__html_style(h->fp);
	semm__html_out(h, "</style>\n</head>\n<body>\n");
}

/* One row of a two-column facts table; the value is written by the
 * caller between fact_open and fact_close. */
static void fact_open(const html *h, const char *label)
{
	semm__html_outf(h, "<tr><th scope=\"row\">%s</th><td>", label);
}

static void fact_close(const html *h)
{
	semm__html_out(h, "</td></tr>\n");
}

static void fact_text(const html *h, const char *label, const char *value)
{
	fact_open(h, label);
	semm__html_esc(h, value);
	fact_close(h);
}

static void na_policy_words(const html *h)
{
	const semm_result *res = h->res;

	semm__html_esc(h, semm_na_policy_name(res->na_policy));
	if (res->na_policy == SEMM_NA_EXCLUDE) {
		semm__html_out(h,
			       " (N/A and don&#39;t know count as unanswered)");
	} else if (res->na_policy == SEMM_NA_ANCHOR) {
		semm__html_out(h, " (N/A and don&#39;t know count as ");
		semm__html_trimmed(h, res->na_anchor_percent, DEC_PCT);
		semm__html_out(h, "&nbsp;% of the scale)");
	} else {
		semm__html_out(
			h,
			" (N/A and don&#39;t know count as the scale minimum)");
	}
}

static void header_parameters(const html *h)
{
	const semm_result *res = h->res;
	const semm_responses *r = res->r;
	size_t i;

	fact_open(h, "N/A policy");
	na_policy_words(h);
	fact_close(h);
	fact_open(h, "Coverage minimum");
	semm__html_trimmed(h, res->coverage_min * 100.0, DEC_PCT);
	semm__html_out(
		h,
		"&nbsp;% of an element&#39;s items must be answered for it to "
		"have a score");
	fact_close(h);
	fact_open(h, "Score scale");
	semm__html_trimmed(h, res->smin, DEC_MEAN);
	semm__html_out(h, " to ");
	semm__html_trimmed(h, res->smax, DEC_MEAN);
	semm__html_out(
		h, " (means); percent = (mean &minus; min) / (max &minus; min) "
		   "&times; 100");
	fact_close(h);
	fact_open(h, "Thresholds");
	semm__html_outf(
		h, "alpha needs %zu complete cases; agreement rwg(j) below ",
		res->reliability_min_n);
	semm__html_fixed(h, res->rwg_threshold, DEC_COEF);
	semm__html_out(h, " is flagged");
	fact_close(h);
	fact_open(h, "Inputs");
	for (i = 0; i < r->n_sources; i++) {
		semm__html_out(h, i ? ", " : "");
		semm__html_esc(h, r->sources[i]);
	}
	fact_close(h);
}

static void header_facts(const html *h)
{
	const semm_result *res = h->res;
	const semm_model *m = res->model;
	const semm_questionnaire *q = res->q;

	semm__html_out(h, "<table class=\"facts\">\n");
	fact_open(h, "Model");
	semm__html_esc(h, m->title);
	semm__html_out(h, " <span class=\"muted\">(");
	semm__html_esc(h, m->id);
	semm__html_out(h, ", version ");
	semm__html_esc(h, m->version);
	semm__html_out(h, ")</span>");
	fact_close(h);
	fact_text(h, "Maturity scale", m->levels_label);
	fact_open(h, "Questionnaire");
	semm__html_esc(h, q->title ? q->title : q->id);
	semm__html_out(h, " <span class=\"muted\">(");
	semm__html_esc(h, q->id);
	semm__html_out(h, ", version ");
	semm__html_esc(h, q->version);
	semm__html_out(h, ")</span>");
	fact_close(h);
	fact_open(h, "Respondents");
	semm__html_outf(h, "%zu read, %zu scored, %zu rejected",
			semm_result_read_count(res),
			semm_result_scored_count(res),
			semm_result_rejected_count(res));
	if (semm_responses_excluded_count(res->r, SEMM_EXCLUSION_COUNT))
		semm__html_outf(h, ", %zu left out (see Data quality)",
				semm_responses_excluded_count(
					res->r, SEMM_EXCLUSION_COUNT));
	fact_close(h);
	fact_open(h, "Grouped by");
	if (res->group_by) {
		semm__html_out(h, "column ");
		semm__html_esc(h, res->group_by);
	} else {
		semm__html_out(h, "one group of all respondents");
	}
	semm__html_outf(h, " (%zu group%s)", res->n_groups,
			res->n_groups == 1 ? "" : "s");
	fact_close(h);
	header_parameters(h);
	semm__html_out(h, "</table>\n");
}

/* The model's level bands, with their ranges. */
static void levels_table(const html *h)
{
	const semm_model *m = h->res->model;
	size_t b;

	semm__html_out(
		h,
		"<p class=\"muted\">Levels: a percent p is in a band when min "
		"&le; p &lt; max (the last band holds 100).</p>\n"
		"<table class=\"levels\">\n<thead><tr><th>level</th><th>name</th>"
		"<th class=\"num\">min %</th><th class=\"num\">max %</th></tr>"
		"</thead>\n<tbody>\n");
	for (b = 0; b < m->n_bands; b++) {
		semm__html_outf(h, "<tr><td class=\"num\">%d</td><td>",
				m->bands[b].level);
		semm__html_esc(h, m->bands[b].name);
		semm__html_out(h, "</td><td class=\"num\">");
		semm__html_trimmed(h, m->bands[b].min, DEC_PCT);
		semm__html_out(h, "</td><td class=\"num\">");
		semm__html_trimmed(h, m->bands[b].max, DEC_PCT);
		semm__html_out(h, "</td></tr>\n");
	}
	semm__html_out(h, "</tbody>\n</table>\n");
}

static void page_header(const html *h)
{
	semm__html_out(h, "<header>\n<h1>Maturity assessment: ");
	semm__html_esc(h, h->res->model->title);
	semm__html_out(h, "</h1>\n");
	header_facts(h);
	levels_table(h);
	semm__html_out(h, "</header>\n");
}

/* ---- index and benchmark --------------------------------------------- */

static void group_link(const html *h, size_t g)
{
	semm__html_outf(h, "<a href=\"#group-%zu\">", g + 1);
	semm__html_esc(h, h->res->groups[g].id);
	semm__html_out(h, "</a>");
}

static void index_section(const html *h)
{
	const semm_result *res = h->res;
	size_t g;

	semm__html_out(
		h, "<nav id=\"index\" aria-labelledby=\"index-title\">\n"
		   "<h2 id=\"index-title\">Groups</h2>\n<table>\n<thead><tr>"
		   "<th>group</th><th class=\"num\">respondents</th>"
		   "<th class=\"num\">overall %</th><th>profile level</th>"
		   "<th>staged level</th></tr></thead>\n<tbody>\n");
	for (g = 0; g < res->n_groups; g++) {
		const semm__group *gr = &res->groups[g];

		semm__html_out(h, "<tr><td>");
		group_link(h, g);
		semm__html_outf(h, "</td><td class=\"num\">%zu</td>", gr->n);
		num_cell(h, gr->overall.percent, DEC_PCT);
		semm__html_out(h, "<td class=\"lvl\">");
		level(h, gr->overall.level);
		semm__html_out(h, "</td><td class=\"lvl\">");
		level(h, gr->staged);
		semm__html_out(h, "</td></tr>\n");
	}
	if (res->n_groups == 0)
		semm__html_out(
			h,
			"<tr><td colspan=\"5\">No respondent was scored.</td>"
			"</tr>\n");
	semm__html_out(h, "</tbody>\n</table>\n</nav>\n");
}

/* Group g's percent on benchmark unit d and its rank, "54.3 (1)". */
static void ranked_cell(const html *h, size_t g, size_t d)
{
	double p = bench_unit(h->res, &h->res->groups[g], d)->percent;

	semm__html_out(h, "<td class=\"num\">");
	semm__html_fixed(h, p, DEC_PCT);
	if (isfinite(p))
		semm__html_outf(h, " <span class=\"rank\">(%zu)</span>",
				rank_of(h->res, g, d));
	semm__html_out(h, "</td>");
}

static void benchmark_table(const html *h)
{
	const semm_result *res = h->res;
	const semm_model *m = res->model;
	size_t g, d;

	semm__html_out(
		h,
		"<h3>Benchmark</h3>\n<p>Percent of each group, with its rank "
		"among the groups in brackets (1 = highest; equal values share "
		"a rank).</p>\n<div class=\"wide\"><table>\n<thead><tr>"
		"<th>group</th><th class=\"num\">overall</th>");
	for (d = 0; d < m->n_dims; d++) {
		semm__html_out(h, "<th class=\"num\">");
		semm__html_esc(h, m->dims[d].id);
		semm__html_out(h, "<span class=\"sub\">");
		semm__html_esc(h, m->dims[d].name);
		semm__html_out(h, "</span></th>");
	}
	semm__html_out(h, "</tr></thead>\n<tbody>\n");
	for (g = 0; g < res->n_groups; g++) {
		semm__html_out(h, "<tr><td>");
		group_link(h, g);
		semm__html_out(h, "</td>");
		ranked_cell(h, g, m->n_dims);
		for (d = 0; d < m->n_dims; d++)
			ranked_cell(h, g, d);
		semm__html_out(h, "</tr>\n");
	}
	semm__html_out(h, "</tbody>\n</table></div>\n");
}

/* A heat map cell: the percent printed on its palette colour. */
static void heat_cell(const html *h, double p)
{
	size_t k;

	if (!isfinite(p)) {
		semm__html_out(h, "<td class=\"cell h-none\">" NONE "</td>");
		return;
	}
	k = p <= 0 ? 0 : (size_t)(p / (100.0 / HEAT_STEPS));
	k = k < HEAT_STEPS ? k : HEAT_STEPS - 1;
	semm__html_outf(h, "<td class=\"cell h%zu\">", k);
	semm__html_fixed(h, p, DEC_PCT);
	semm__html_out(h, "</td>");
}

/* The palette's key: each step with the range it stands for. */
static void heat_key(const html *h)
{
	size_t k;
	double step = 100.0 / HEAT_STEPS;

	semm__html_out(h, "<p class=\"scale\">Colour key (percent): ");
	for (k = 0; k < HEAT_STEPS; k++) {
		semm__html_outf(h, "<span class=\"h%zu\">", k);
		semm__html_trimmed(h, step * (double)k, DEC_PCT);
		semm__html_out(h, "&ndash;");
		semm__html_trimmed(h, step * (double)(k + 1), DEC_PCT);
		semm__html_out(h, "</span>");
	}
	semm__html_out(h, " <span class=\"h-none\">" NONE
			  " no answer</span></p>\n");
}

/* Items by group: rows the items, columns the groups. */
static void cross_heat_map(const html *h)
{
	const semm_result *res = h->res;
	const semm_questionnaire *q = res->q;
	size_t i, g;

	semm__html_out(
		h,
		"<h3>Items by group</h3>\n<p>Percent of each item (after "
		"reverse coding) in each group; the colour repeats the number."
		"</p>\n");
	heat_key(h);
	semm__html_out(h,
		       "<div class=\"wide\"><table class=\"heat\">\n<thead><tr>"
		       "<th>item</th><th>element</th>");
	for (g = 0; g < res->n_groups; g++) {
		semm__html_out(h, "<th class=\"num\">");
		semm__html_esc(h, res->groups[g].id);
		semm__html_out(h, "</th>");
	}
	semm__html_out(h, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < q->n_items; i++) {
		semm__html_out(h, "<tr><td>");
		semm__html_esc(h, q->items[i].id);
		semm__html_out(h, "</td><td>");
		semm__html_esc(h, q->items[i].element_id);
		semm__html_out(h, "</td>");
		for (g = 0; g < res->n_groups; g++)
			heat_cell(h, res->groups[g].items[i].percent);
		semm__html_out(h, "</tr>\n");
	}
	semm__html_out(h, "</tbody>\n</table></div>\n");
}

static void benchmark_section(const html *h)
{
	if (h->res->n_groups < 2)
		return;
	semm__html_out(
		h,
		"<section id=\"benchmark\" aria-labelledby=\"benchmark-title\">\n"
		"<h2 id=\"benchmark-title\">Comparing the groups</h2>\n");
	benchmark_table(h);
	if (!h->res->summary) /* summary reports keep no item detail */
		cross_heat_map(h);
	semm__html_out(h, "</section>\n");
}

/* ---- one group --------------------------------------------------------- */

/* Elements of the group whose level is band (-1: unassessed). */
static size_t count_at(const semm_result *res, const semm__group *gr, int band)
{
	size_t e, n = 0;

	for (e = 0; e < res->model->n_elems; e++)
		n += gr->elems[e].level == band;
	return n;
}

/* Their ids in words: "E1", "E1 and E3", "E1, E3 and E5". */
static void list_at(const html *h, const semm__group *gr, int band)
{
	const semm_model *m = h->res->model;
	size_t total = count_at(h->res, gr, band), k = 0, e;

	for (e = 0; e < m->n_elems; e++) {
		if (gr->elems[e].level != band)
			continue;
		semm__html_out(h, k == 0	   ? ""
				  : k + 1 == total ? " and "
						   : ", ");
		semm__html_esc(h, m->elems[e].id);
		k++;
	}
}

/* The staged level in plain words and what holds it back. */
static void staged_sentence(const html *h, const semm__group *gr)
{
	const semm_model *m = h->res->model;
	int top = (int)m->n_bands - 1, next = gr->staged + 1;

	semm__html_out(h, "<p class=\"staged\">");
	if (gr->staged < 0) {
		semm__html_out(h, "No staged level: ");
		list_at(h, gr, -1);
		semm__html_out(h, count_at(h->res, gr, -1) == 1 ? " has"
								: " have");
		semm__html_out(
			h,
			" no score in this group, so its weakest link cannot be "
			"judged.");
	} else if (gr->staged == top) {
		semm__html_out(h, "Staged level ");
		level(h, top);
		semm__html_out(
			h,
			", the top level: every element reaches it and nothing "
			"holds the group back.");
	} else {
		semm__html_out(h, "Held at level ");
		level(h, gr->staged);
		semm__html_out(h, " by ");
		list_at(h, gr, gr->staged);
		semm__html_out(h, " (the weakest link). To reach level ");
		level(h, next);
		semm__html_out(h, ", ");
		list_at(h, gr, gr->staged);
		semm__html_out(h, count_at(h->res, gr, gr->staged) == 1
					  ? " needs "
					  : " need ");
		semm__html_trimmed(h, m->bands[next].min, DEC_PCT);
		semm__html_out(h, "&nbsp;% or more.");
	}
	semm__html_out(h, " The profile level, from the overall percent, is ");
	level(h, gr->overall.level);
	semm__html_out(h, ".</p>\n");
}

/* One row of the dimension table. */
static void dimension_row(const html *h, const char *id, const char *name,
			  const semm__unit *u)
{
	semm__html_out(h, "<tr><td>");
	semm__html_esc(h, id);
	semm__html_out(h, "</td><td>");
	semm__html_esc(h, name);
	semm__html_outf(h, "</td><td class=\"num\">%zu</td>", u->d.n);
	num_cell(h, u->d.mean, DEC_MEAN);
	num_cell(h, u->d.sd, DEC_MEAN);
	semm__html_out(h, "<td class=\"num\">");
	interval(h, u->d.ci95_lo, u->d.ci95_hi, DEC_MEAN);
	semm__html_out(h, "</td>");
	num_cell(h, u->percent, DEC_PCT);
	semm__html_out(h, "<td class=\"lvl\">");
	level(h, u->level);
	semm__html_out(h, "</td></tr>\n");
}

static void dimension_table(const html *h, const semm__group *gr)
{
	const semm_model *m = h->res->model;
	size_t d;

	semm__html_out(
		h,
		"<table class=\"dimensions\">\n<caption>Dimensions and overall "
		"(means on the score scale ");
	semm__html_trimmed(h, h->res->smin, DEC_MEAN);
	semm__html_out(h, "&ndash;");
	semm__html_trimmed(h, h->res->smax, DEC_MEAN);
	semm__html_out(
		h,
		")</caption>\n<thead><tr><th>unit</th><th>name</th>"
		"<th class=\"num\">n</th><th class=\"num\">mean</th>"
		"<th class=\"num\">sd</th><th class=\"num\">95&nbsp;% CI</th>"
		"<th class=\"num\">percent</th><th>level</th></tr></thead>\n"
		"<tbody>\n");
	for (d = 0; d < m->n_dims; d++)
		dimension_row(h, m->dims[d].id, m->dims[d].name, &gr->dims[d]);
	dimension_row(h, "overall", "all dimensions", &gr->overall);
	semm__html_out(h, "</tbody>\n</table>\n");
}

static void reliability_cell(const html *h, const semm__rel *rel)
{
	semm__html_out(h, "<td>");
	if (isfinite(rel->a.alpha)) {
		semm__html_out(h, "<span class=\"nowrap\">&alpha; ");
		semm__html_fixed(h, rel->a.alpha, DEC_COEF);
		semm__html_out(h, "</span> <span class=\"nowrap\">");
		interval(h, rel->a.ci95_lo, rel->a.ci95_hi, DEC_COEF);
		semm__html_outf(
			h,
			"</span> <span class=\"muted nowrap\">(%zu complete)"
			"</span>",
			rel->a.n);
	} else {
		semm__html_out(h, "<span class=\"muted\">not reported: ");
		semm__html_esc(h,
			       rel->a.reason ? rel->a.reason : "not computed");
		semm__html_out(h, "</span>");
	}
	semm__html_out(h, "</td>");
}

static void agreement_cell(const html *h, const semm__agree *a)
{
	semm__html_out(h, "<td>");
	if (isfinite(a->r.rwg_j)) {
		semm__html_fixed(h, a->r.rwg_j, DEC_COEF);
		if (a->r.rwg_j < h->res->rwg_threshold)
			semm__html_out(h, " <span class=\"flag\">respondents "
					  "disagree</span>");
	} else {
		semm__html_out(h, "<span class=\"muted\">");
		semm__html_esc(h, a->r.reason ? a->r.reason : "not computed");
		semm__html_out(h, "</span>");
	}
	semm__html_out(h, "</td>");
}

static void element_row(const html *h, const semm__group *gr, size_t e,
			int targets)
{
	const semm_model *m = h->res->model;
	const semm__unit *u = &gr->elems[e];

	semm__html_out(h, "<tr><td>");
	semm__html_esc(h, m->elems[e].id);
	semm__html_out(h, "</td><td>");
	semm__html_esc(h, m->elems[e].name);
	semm__html_out(h, "</td><td>");
	semm__html_esc(h, m->dims[m->elems[e].dimension].id);
	semm__html_outf(h, "</td><td class=\"num\">%zu</td>", u->d.n);
	num_cell(h, u->percent, DEC_PCT);
	semm__html_out(h, "<td class=\"lvl\">");
	level(h, u->level);
	semm__html_out(h, "</td>");
	reliability_cell(h, &gr->rel_elems[e]);
	agreement_cell(h, &gr->agr_elems[e]);
	if (targets) {
		num_cell(h, u->target, DEC_PCT);
		num_cell(h, u->gap, DEC_PCT);
		num_cell(h, u->priority, DEC_PCT);
	}
	semm__html_out(h, "</tr>\n");
}

static void element_table(const html *h, const semm__group *gr)
{
	int targets = semm__html_has_targets(h->res, gr);
	size_t e;

	semm__html_out(
		h,
		"<table class=\"elements\">\n<caption>Elements: percent, level, "
		"reliability (Cronbach&#39;s alpha with its 95&nbsp;% interval) "
		"and agreement within the group (rwg(j))</caption>\n"
		"<thead><tr><th>element</th><th>name</th><th>dimension</th>"
		"<th class=\"num\">n</th><th class=\"num\">percent</th>"
		"<th>level</th><th>reliability</th><th>agreement</th>");
	if (targets)
		semm__html_out(
			h, "<th class=\"num\">target</th><th class=\"num\">gap"
			   "</th><th class=\"num\">priority</th>");
	semm__html_out(h, "</tr></thead>\n<tbody>\n");
	for (e = 0; e < h->res->model->n_elems; e++)
		element_row(h, gr, e, targets);
	semm__html_out(h, "</tbody>\n</table>\n");
	if (targets)
		semm__html_out(
			h,
			"<p class=\"muted\">Gap = target &minus; percent, in "
			"percentage points; priority = the gap if positive, times "
			"the element&#39;s weight.</p>\n");
}

/* The model's description of each element's current level, if any. */
static void descriptors(const html *h, const semm__group *gr)
{
	const semm_model *m = h->res->model;
	size_t e, shown = 0;

	for (e = 0; e < m->n_elems; e++) {
		int b = gr->elems[e].level;
		const char *text = b >= 0 && m->elems[e].descriptors
					   ? m->elems[e].descriptors[b]
					   : NULL;

		if (!text)
			continue;
		if (shown++ == 0)
			semm__html_out(
				h,
				"<h3>What the current levels look like</h3>\n"
				"<ul class=\"descriptors\">\n");
		semm__html_out(h, "<li><strong>");
		semm__html_esc(h, m->elems[e].id);
		semm__html_out(h, " ");
		semm__html_esc(h, m->elems[e].name);
		semm__html_out(h, "</strong>, level ");
		level(h, b);
		semm__html_out(h, ": ");
		semm__html_esc(h, text);
		semm__html_out(h, "</li>\n");
	}
	if (shown)
		semm__html_out(h, "</ul>\n");
}

/* Opens the cell of a statement, marked with its language when the
 * questionnaire declares languages ("default" when it does not): the
 * page's own words are English. */
static void statement_cell_open(const html *h)
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

static void item_heat_map(const html *h, const semm__group *gr)
{
	const semm_result *res = h->res;
	const semm_questionnaire *q = res->q;
	size_t i;

	semm__html_out(h, "<h3>Items</h3>\n");
	heat_key(h);
	semm__html_out(
		h,
		"<table class=\"heat\">\n<thead><tr><th>item</th>"
		"<th>element</th><th>statement</th><th class=\"num\">n</th>"
		"<th class=\"num\">mean</th><th class=\"num\">percent</th></tr>"
		"</thead>\n<tbody>\n");
	for (i = 0; i < q->n_items; i++) {
		const semm__unit *u = &gr->items[i];

		semm__html_out(h, "<tr><td>");
		semm__html_esc(h, q->items[i].id);
		semm__html_out(h, "</td><td>");
		semm__html_esc(h, q->items[i].element_id);
		semm__html_out(h, "</td>");
		statement_cell_open(h);
		semm__html_esc(h, item_text(res, i));
		if (q->items[i].reverse)
			semm__html_out(
				h,
				" <span class=\"muted\">(reverse-coded)</span>");
		semm__html_outf(h, "</td><td class=\"num\">%zu</td>", u->d.n);
		num_cell(h, u->d.mean, DEC_MEAN);
		heat_cell(h, u->percent);
		semm__html_out(h, "</tr>\n");
	}
	semm__html_out(h, "</tbody>\n</table>\n");
}

/* ---- warnings in plain words ----------------------------------------- */

/* The unit a finding names. */
static const char *finding_unit(const semm_result *res, const semm_finding *f)
{
	return f->unit_type == SEMM_FINDING_UNIT_DIMENSION
		       ? res->model->dims[f->unit].id
		       : res->model->elems[f->unit].id;
}

/* The units of the run of findings starting at i (those that say the
 * same of other units), comma-separated; *next gets its end. */
static void run_units(const html *h, size_t i, size_t *next)
{
	size_t k;

	*next = semm__finding_run(h->res, i);
	for (k = i; k < *next; k++) {
		semm__html_out(h, k > i ? ", " : "");
		semm__html_esc(h, finding_unit(h->res,
					       semm_result_finding(h->res, k)));
	}
}

/*
 * Finding i (a warning) as one list entry in plain words; *next gets the
 * finding after those the entry covers (the units without alpha for one
 * reason make one entry). The findings are the library's (findings.c):
 * report.json's warnings[] lists the same ones.
 */
static void warning_entry(const html *h, size_t i, size_t *next, size_t *column)
{
	const semm_result *res = h->res;
	const semm_finding *f = semm_result_finding(res, i);
	semm__buf msg = { 0 };

	*next = i + 1;
	semm__html_out(h, "<li>");
	switch (f->kind) {
	case SEMM_FINDING_COLUMNS_IGNORED:
		if (semm__input_warning(res, column, &msg) > 0) {
			semm__html_esc(h, msg.data);
			semm__html_out(h, ".");
		}
		semm__buf_free(&msg);
		break;
	case SEMM_FINDING_RESPONSES_EXCLUDED:
		semm__html_outf(h,
				"%zu response%s left out: the survey tool "
				"marks %s as not for analysis (listed below).",
				f->count, f->count == 1 ? " was" : "s were",
				f->count == 1 ? "it" : "them");
		break;
	case SEMM_FINDING_RESPONDENTS_REJECTED:
		semm__html_outf(h,
				"%zu respondent%s rejected: %s row%s wrong "
				"(listed below).",
				f->count, f->count == 1 ? " was" : "s were",
				f->count == 1 ? "its" : "their",
				f->count == 1 ? " is" : "s are");
		break;
	case SEMM_FINDING_ITEM_UNANSWERED:
		semm__html_out(h, "Nobody answered item ");
		semm__html_esc(h, res->q->items[f->item].id);
		semm__html_out(h, ".");
		break;
	case SEMM_FINDING_ITEM_AGAINST:
		semm__html_out(h, "Item ");
		semm__html_esc(h, res->q->items[f->item].id);
		semm__html_out(h, " runs against the other items of ");
		semm__html_esc(h, finding_unit(res, f));
		semm__html_out(h, " (corrected item-total correlation ");
		if (round_to(f->value, DEC_COEF) == 0)
			semm__html_out(h, "just below 0");
		else
			semm__html_fixed(h, f->value, DEC_COEF);
		semm__html_out(h, "): is it reverse-worded but not marked as "
				  "reverse?");
		break;
	case SEMM_FINDING_COVERAGE:
		semm__html_outf(
			h,
			"%zu of %zu respondent%s answered too few items "
			"(below the coverage minimum) to have a score "
			"for ",
			f->count, f->of, f->of == 1 ? "" : "s");
		run_units(h, i, next);
		semm__html_out(h, ".");
		break;
	case SEMM_FINDING_ALPHA_MISSING:
		semm__html_out(h, "Reliability (Cronbach&#39;s alpha) is not "
				  "reported for ");
		run_units(h, i, next);
		semm__html_out(h, ": ");
		semm__html_esc(h, f->text);
		if (f->of)
			semm__html_outf(h, " (%zu needed)", f->of);
		semm__html_out(h, ".");
		break;
	case SEMM_FINDING_LOW_AGREEMENT:
		semm__html_out(h, "<span class=\"flag\">Respondents "
				  "disagree</span> on ");
		semm__html_esc(h, finding_unit(res, f));
		semm__html_out(h, ": agreement rwg(j) = ");
		semm__html_fixed(h, f->value, DEC_COEF);
		semm__html_out(h, ", below ");
		semm__html_fixed(h, f->threshold, DEC_COEF);
		semm__html_out(h,
			       ". The group&#39;s mean may not speak for its "
			       "members.");
		break;
	default: break;
	}
	semm__html_out(h, "</li>\n");
}

/* The warnings among findings [first, end); returns how many entries. */
static size_t warning_list(const html *h, size_t first, size_t end)
{
	size_t i = first, next, said = 0, column = 0;

	while (i < end) {
		const semm_finding *f = semm_result_finding(h->res, i);

		if (!f->warning) {
			i++;
			continue;
		}
		warning_entry(h, i, &next, &column);
		said++;
		i = next < end ? next : end;
	}
	return said;
}

static void group_warnings(const html *h, const semm__group *gr)
{
	size_t first, end;

	semm__group_findings(h->res, (size_t)(gr - h->res->groups), &first,
			     &end);
	semm__html_out(h, "<h3>Warnings</h3>\n<ul class=\"warnings\">\n");
	if (warning_list(h, first, end) == 0)
		semm__html_out(
			h,
			"<li>None: reliability and agreement raise no concern."
			"</li>\n");
	semm__html_out(h, "</ul>\n");
}

/*
 * The model's service excellence pyramid, top layer first, marking where
 * the group's profile level places it: level band b of n reaches layer
 * floor(b * layers / n) + 1 (with five bands and four layers: levels 1-2
 * the core service, 3 complaint management, 4 individual excellent
 * service, 5 surprising excellence). The placement is indicative and
 * says so.
 */
static void pyramid_table(const html *h, const semm__group *gr)
{
	const semm_model *m = h->res->model;
	size_t reached = 0, i;

	if (m->n_pyramid == 0)
		return;
	if (gr->overall.level >= 0)
		reached =
			(size_t)gr->overall.level * m->n_pyramid / m->n_bands +
			1;
	semm__html_out(h, "<h3>Service excellence pyramid</h3>\n"
			  "<table class=\"pyramid\">\n<thead><tr><th>layer</th>"
			  "<th>what it takes</th><th>outcome</th>"
			  "<th>this group</th></tr></thead>\n<tbody>\n");
	for (i = m->n_pyramid; i-- > 0;) {
		const semm__layer *l = &m->pyramid[i];

		semm__html_outf(h, "<tr><td>%d. ", l->level);
		semm__html_esc(h, l->name);
		semm__html_out(h, "</td><td>");
		semm__html_esc(h, l->description ? l->description : "");
		semm__html_out(h, "</td><td>");
		semm__html_esc(h, l->outcome ? l->outcome : "");
		semm__html_out(h, "</td><td>");
		semm__html_out(h, i + 1 == reached ? "<strong>reached (profile "
						     "level)</strong>"
				  : i + 1 < reached ? "below the level reached"
						    : "");
		semm__html_out(h, "</td></tr>\n");
	}
	semm__html_out(h, "</tbody>\n</table>\n<p class=\"note\">Where the "
			  "profile level places the group on the pyramid is "
			  "indicative: the engine's levels are spread evenly "
			  "over the layers.</p>\n");
}

/* One placement: "73.2 (2 of 14)", or why there is none. */
static void place_cell(const html *h, const semm__bench *b, size_t s, size_t g,
		       size_t u)
{
	semm__place pl;

	semm__bench_place(b, s, g, u, &pl);
	semm__html_out(h, "<td class=\"num\">");
	if (pl.rank) {
		semm__html_fixed(h, pl.percentile, DEC_PCT);
		semm__html_outf(h, " <span class=\"rank\">(%zu of %zu)</span>",
				pl.rank, pl.of);
	} else {
		semm__html_out(h, "<span class=\"sub\">");
		semm__html_esc(h, pl.why);
		semm__html_out(h, "</span>");
	}
	semm__html_out(h, "</td>");
}

/* Where the group stands among its peers (with a benchmark). */
static void peers_table(const html *h, size_t g)
{
	const semm__bench *b = h->res->bench;
	const char *type, *id;
	size_t s, u;

	if (!b)
		return;
	semm__html_out(h, "<h3>Among its peers</h3>\n");
	if (!b->entered[g]) {
		semm__html_outf(
			h,
			"<p>Not in the benchmark: %zu scored "
			"respondent%s, fewer than the %zu needed.</p>\n",
			b->n_resp[g], b->n_resp[g] == 1 ? "" : "s",
			b->min_resp);
		return;
	}
	semm__html_outf(
		h,
		"<p>Percentile rank of the group's percent among its peers "
		"(the share scoring lower, ties counted half), with its rank "
		"(1 = highest). Peers: %s; segments of fewer than %zu "
		"organizations are withheld.</p>\n<div class=\"wide\"><table>"
		"\n<thead><tr><th>unit</th><th class=\"num\">percent</th>",
		b->pooled ? "each weighed by its respondents"
			  : "each organization weighs the same",
		b->min_groups);
	for (s = 0; s < b->n_segs; s++) {
		const semm__segmentation *sg = &b->segs[s];

		semm__html_out(h, "<th class=\"num\">");
		semm__html_esc(h, sg->name);
		semm__html_out(h, "<span class=\"sub\">");
		semm__html_esc(h, sg->peer_of[g] == SIZE_MAX
					  ? NONE
					  : sg->peers[sg->peer_of[g]].name);
		semm__html_out(h, "</span></th>");
	}
	semm__html_out(h, "</tr></thead>\n<tbody>\n");
	for (u = 0; u < b->n_units; u++) {
		semm__bench_unit(h->res->model, u, &type, &id);
		semm__html_out(h, "<tr><td>");
		semm__html_esc(h, id);
		semm__html_out(h, "</td>");
		num_cell(h, b->score[g * b->n_units + u], DEC_PCT);
		for (s = 0; s < b->n_segs; s++)
			place_cell(h, b, s, g, u);
		semm__html_out(h, "</tr>\n");
	}
	semm__html_out(h, "</tbody>\n</table></div>\n");
}

static void group_section(const html *h, size_t g)
{
	const semm__group *gr = &h->res->groups[g];

	semm__html_outf(h,
			"<section class=\"group\" id=\"group-%zu\" "
			"aria-labelledby=\"group-%zu-title\">\n"
			"<h2 id=\"group-%zu-title\">",
			g + 1, g + 1, g + 1);
	semm__html_esc(h, gr->id);
	semm__html_outf(h, "</h2>\n<p>%zu respondent%s; overall ", gr->n,
			gr->n == 1 ? "" : "s");
	semm__html_fixed(h, gr->overall.percent, DEC_PCT);
	semm__html_out(h, "&nbsp;%, profile level ");
	level(h, gr->overall.level);
	semm__html_out(h, ", staged level ");
	level(h, gr->staged);
	semm__html_out(h, ". <a href=\"#index\">Back to the groups</a></p>\n");
	staged_sentence(h, gr);
	semm__html_radar_figure(h, g);
	pyramid_table(h, gr);
	peers_table(h, g);
	dimension_table(h, gr);
	element_table(h, gr);
	descriptors(h, gr);
	if (gr->items)
		item_heat_map(h, gr);
	group_warnings(h, gr);
	semm__html_out(h, "</section>\n");
}

/* ---- data quality, differences between groups, methods --------------- */

static void rejected_table(const html *h)
{
	semm__rejected x;
	size_t i;

	semm__html_out(h, "<h3>Rejected respondents</h3>\n");
	if (!semm__result_rejected(h->res, 0, &x)) {
		semm__html_out(h, "<p>No respondent was rejected.</p>\n");
		return;
	}
	semm__html_out(
		h,
		"<table class=\"rejected\">\n<thead><tr><th>file</th>"
		"<th class=\"num\">line</th><th class=\"num\">column</th>"
		"<th>respondent</th><th>reason</th></tr></thead>\n<tbody>\n");
	for (i = 0; semm__result_rejected(h->res, i, &x); i++) {
		semm__html_out(h, "<tr><td>");
		semm__html_esc(h, x.source);
		semm__html_outf(
			h, "</td><td class=\"num\">%lu</td><td class=\"num\">",
			x.line);
		if (x.column)
			semm__html_outf(h, "%lu", x.column);
		else
			semm__html_out(h, NONE);
		semm__html_out(h, "</td><td>");
		if (x.respondent)
			semm__html_esc(h, x.respondent);
		else
			semm__html_out(h, NONE);
		semm__html_out(h, "</td><td>");
		semm__html_esc(h, x.reason);
		semm__html_out(h, "</td></tr>\n");
	}
	semm__html_out(h, "</tbody>\n</table>\n");
}

/* The responses a survey tool marks as not for analysis, left out. */
static void excluded_table(const html *h)
{
	const semm_responses *r = h->res->r;
	size_t i, k;

	if (r->n_excl == 0)
		return;
	semm__html_out(h, "<h3>Responses left out</h3>\n<p>");
	for (i = 0, k = 0; i < SEMM_EXCLUSION_COUNT; i++) {
		size_t n = r->n_excl_by[i];

		if (n == 0)
			continue;
		semm__html_outf(h, "%s%zu %s", k++ ? ", " : "", n,
				semm_exclusion_name((semm_exclusion)i));
	}
	semm__html_out(h, ": the survey tool marks these responses as not for "
			  "analysis (a preview, a test, spam, or a response "
			  "not finished or never submitted): they are neither "
			  "scored nor rejected.</p>\n"
			  "<table class=\"rejected\">\n<thead><tr>"
			  "<th>file</th><th class=\"num\">line</th>"
			  "<th>respondent</th><th>reason</th><th>because</th>"
			  "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r->n_excl; i++) {
		const semm__exclusion *x = &r->excl[i];
		const char *id = semm__pool_str(r, x->respondent);

		semm__html_out(h, "<tr><td>");
		semm__html_esc(h, r->sources[x->source]);
		semm__html_outf(h, "</td><td class=\"num\">%lu</td><td>",
				x->line);
		if (id)
			semm__html_esc(h, id);
		else
			semm__html_out(h, NONE);
		semm__html_out(h, "</td><td>");
		semm__html_esc(h,
			       semm_exclusion_name((semm_exclusion)x->reason));
		semm__html_out(h, "</td><td>");
		semm__html_esc(h, semm__pool_str(r, x->detail));
		semm__html_out(h, "</td></tr>\n");
	}
	semm__html_out(h, "</tbody>\n</table>\n");
}

/* The warnings over all respondents (before the first group's). */
static size_t global_warnings(const html *h)
{
	size_t groups_start = semm_result_finding_count(h->res), group_end;

	/* the list holds them first, then each group's */
	if (h->res->n_groups > 0)
		semm__group_findings(h->res, 0, &groups_start, &group_end);
	return warning_list(h, 0, groups_start);
}

static void quality_section(const html *h)
{
	semm__html_out(
		h,
		"<section id=\"quality\" aria-labelledby=\"quality-title\">\n"
		"<h2 id=\"quality-title\">Data quality</h2>\n<h3>Warnings over "
		"all respondents</h3>\n<ul class=\"warnings\">\n");
	if (global_warnings(h) == 0)
		semm__html_out(h, "<li>None.</li>\n");
	semm__html_out(h, "</ul>\n");
	rejected_table(h);
	excluded_table(h);
	semm__html_out(h, "</section>\n");
}

static void icc_row(const html *h, const char *type, const char *id,
		    const semm_icc *icc)
{
	semm__html_outf(h, "<tr><td>%s</td><td>", type);
	semm__html_esc(h, id);
	semm__html_outf(
		h, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>",
		icc->groups, icc->n);
	num_cell(h, icc->f, DEC_COEF);
	num_cell(h, icc->p, DEC_P);
	num_cell(h, icc->icc1, DEC_COEF);
	num_cell(h, icc->icc2, DEC_COEF);
	semm__html_out(h, "<td class=\"muted\">");
	semm__html_esc(h, icc->reason);
	semm__html_out(h, "</td></tr>\n");
}

static void across_section(const html *h)
{
	const semm_result *res = h->res;
	const semm_model *m = res->model;
	size_t i;

	if (res->n_groups < 2)
		return;
	semm__html_out(
		h,
		"<section id=\"across\" aria-labelledby=\"across-title\">\n"
		"<h2 id=\"across-title\">How much the groups differ</h2>\n"
		"<p>ICC(1) is the share of the differences between respondents "
		"that lies between the groups; ICC(2) is how reliably the group "
		"means tell the groups apart. F and p test whether the group "
		"means differ at all.</p>\n<table class=\"icc\">\n<thead><tr>"
		"<th>unit</th><th>id</th><th class=\"num\">groups</th>"
		"<th class=\"num\">n</th><th class=\"num\">F</th>"
		"<th class=\"num\">p</th><th class=\"num\">ICC(1)</th>"
		"<th class=\"num\">ICC(2)</th><th>note</th></tr></thead>\n"
		"<tbody>\n");
	icc_row(h, "overall", "overall", &res->icc_overall);
	for (i = 0; i < m->n_dims; i++)
		icc_row(h, "dimension", m->dims[i].id, &res->icc_dims[i]);
	for (i = 0; i < m->n_elems; i++)
		icc_row(h, "element", m->elems[i].id, &res->icc_elems[i]);
	semm__html_out(h, "</tbody>\n</table>\n</section>\n");
}

static void method(const html *h, const char *term, const char *text)
{
	semm__html_outf(h, "<dt>%s</dt>\n<dd>%s</dd>\n", term, text);
}

static void methods_section(const html *h)
{
	semm__html_out(
		h,
		"<section id=\"methods\" aria-labelledby=\"methods-title\">\n"
		"<h2 id=\"methods-title\">Methods</h2>\n<dl class=\"methods\">\n");
	method(h, "Scores",
	       "Each answer is placed on 0&ndash;1 of its scale "
	       "after reverse coding; a respondent&#39;s element score is the "
	       "weighted mean of its answered items (when enough are answered: "
	       "the coverage minimum), dimension and overall scores the weighted "
	       "means of those below. A group&#39;s figure is the mean of its "
	       "respondents&#39; scores.");
	method(h, "Percent and levels",
	       "Percent = (mean &minus; scale min) / "
	       "(scale max &minus; scale min) &times; 100. The level is the "
	       "model&#39;s band holding the percent. The profile level is the "
	       "band of the overall percent; the staged level is the lowest "
	       "element level (weakest link), and the limiting elements are "
	       "those at that level.");
	method(h, "Spread",
	       "sd is the sample standard deviation (n &minus; 1); "
	       "the 95&nbsp;% confidence interval of a mean is mean &plusmn; "
	       "t(0.975, n &minus; 1) &times; sd / &radic;n (Student t). "
	       "Medians and quartiles are R type 7 quantiles (linear "
	       "interpolation between order statistics).");
	method(h, "Reliability",
	       "Cronbach&#39;s alpha over the items of an "
	       "element or dimension, listwise: only respondents who answered "
	       "every item (N/A, don&#39;t know and blank are missing whatever "
	       "the N/A policy). Its 95&nbsp;% interval is Feldt&#39;s "
	       "(F with n &minus; 1 and (n &minus; 1)(k &minus; 1) degrees of "
	       "freedom). Alpha is not reported below the minimum of complete "
	       "cases given in the header.");
	method(h, "Agreement",
	       "rwg(j) within each group: 1 minus the mean item "
	       "variance over the variance of a uniform null, (A&sup2; &minus; "
	       "1) / 12 for A answer options, combined over the J items; "
	       "values below the threshold in the header are flagged "
	       "&ldquo;respondents disagree&rdquo;.");
	method(h, "Differences between groups",
	       "One-way ANOVA of respondent "
	       "scores on group; ICC(1) = (MSB &minus; MSW) / (MSB + (k "
	       "&minus; 1) MSW) with k = respondents / groups, ICC(2) = (MSB "
	       "&minus; MSW) / MSB (Bliese); p is the upper tail of F.");
	method(h, "Radar charts",
	       "Element percents on axes from the top, "
	       "clockwise, in model order; the dashed line is the median "
	       "(R type 7) of the groups&#39; percents for each element, the "
	       "dotted line or squares the targets. An element without a "
	       "score is drawn at the centre and named in the caption.");
	method(h, "Rounding",
	       "Figures are rounded half away from zero for "
	       "display; " NONE " marks a figure that does not exist (no "
	       "respondent, or an sd of one value). The full figures are in "
	       "report.json.");
	semm__html_out(h, "</dl>\n</section>\n");
}

static void page_end(const html *h)
{
	semm__html_out(h, "<footer>Written by semm " SEMM_VERSION_STRING
			  ". Model ");
	semm__html_esc(h, h->res->model->id);
	semm__html_out(h, " ");
	semm__html_esc(h, h->res->model->version);
	semm__html_out(h, "; questionnaire ");
	semm__html_esc(h, h->res->q->id);
	semm__html_out(h, " ");
	semm__html_esc(h, h->res->q->version);
	semm__html_out(h, ".</footer>\n</body>\n</html>\n");
}

/* Fills median[] with the peer median of each element. */
static void peer_medians(html *h, double *median)
{
	size_t e;

	for (e = 0; e < h->res->model->n_elems; e++)
		median[e] = peer_median(h, e);
	h->median = median;
}

int semm_report_write_html(const semm_result *res, FILE *fp)
{
	html h = { fp, res, NULL, NULL };
	double *median = NULL;
	size_t g;
	int rc = SEMM_OK;

	if (res->n_groups >= 2) {
		median = malloc(res->model->n_elems * sizeof(double));
		h.scratch = malloc(res->n_groups * sizeof(double));
		if (!median || !h.scratch) {
			rc = SEMM_ENOMEM;
			goto done;
		}
		peer_medians(&h, median);
	}
	page_head(&h);
	page_header(&h);
	index_section(&h);
	benchmark_section(&h);
	quality_section(&h);
	for (g = 0; g < res->n_groups; g++)
		group_section(&h, g);
	across_section(&h);
	semm__html_aggregation_section(&h);
	methods_section(&h);
	page_end(&h);
	if (ferror(fp))
		rc = SEMM_EIO;
done:
	free(median);
	free(h.scratch);
	return rc;
}
