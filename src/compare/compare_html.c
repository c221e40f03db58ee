/*
 * compare_html.c - compare.html, the comparison page a consultant hands
 * over: what is compared (both reports' model, questionnaire, inputs and
 * respondents), a summary per group (how many elements improved, declined
 * or stayed within the noise, and which by name), then per group a dot
 * and whisker chart of the elements' changes with their 95 % intervals
 * and a table of every figure (the chart is compare_html_chart.c); the
 * rules last.
 *
 * The page is in English or German (semm__compare_lang): every text of
 * its own comes from the message table (compare_html_msgs.h), numbers from
 * semm__fmt_fixed; names of dimensions, elements and levels are the
 * reports'. It uses the stylesheet every semm page shares
 * (semm__html_style) plus a few rules of its own, has no scripts and
 * fetches nothing, escapes every string from the reports, and the same
 * comparison gives the same bytes.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "compare/compare_html.h"

/* ---- messages ------------------------------------------------------------ */

static const semm__msg msgs[CM_COUNT] = {
#define CM(id, en, de) [id] = { { en, de } },
#include "compare/compare_html_msgs.h"
#undef CM
};

const semm__msg *semm__compare_html_msgs(size_t *n)
{
	*n = CM_COUNT;
	return msgs;
}

/* ---- output primitives -------------------------------------------------- */

const char *semm__ch_tr(const page *pg, cmp_msg m)
{
	return semm__tr(&msgs[m], pg->lang);
}

void semm__ch_out(const page *pg, const char *s)
{
	fputs(s, pg->fp);
}

/* Writes the message as it is (messages hold no markup characters). */
void semm__ch_msg(const page *pg, cmp_msg m)
{
	fputs(semm__ch_tr(pg, m), pg->fp);
}

/* Writes s[0..n-1] as HTML text: markup characters escaped, invalid
 * UTF-8 and control characters replaced by U+FFFD. */
void semm__ch_esc_n(const page *pg, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len;

	while (n > 0) {
		len = semm__utf8_len(s, n);
		if (len == 0 || (*s < 0x20 && *s != '\t' && *s != '\n') ||
		    *s == 0x7f) {
			semm__ch_out(pg, "&#xfffd;");
			len = len ? len : 1;
		} else if (*s == '&') {
			semm__ch_out(pg, "&amp;");
		} else if (*s == '<') {
			semm__ch_out(pg, "&lt;");
		} else if (*s == '>') {
			semm__ch_out(pg, "&gt;");
		} else if (*s == '"') {
			semm__ch_out(pg, "&quot;");
		} else if (*s == '\'') {
			semm__ch_out(pg, "&#39;");
		} else {
			fwrite(s, 1, len, pg->fp);
		}
		s += len;
		n -= len;
	}
}

void semm__ch_esc(const page *pg, const char *s)
{
	if (s)
		semm__ch_esc_n(pg, s, strlen(s));
}

/* A number as the page's language writes it, with a real minus sign;
 * with `sign`, a "+" before a positive value. A value that shows as zero
 * has no sign; a missing one is a dash. */
void semm__ch_num(const page *pg, double v, int decimals, int sign)
{
	char buf[SEMM__FMT_BUFSIZE];

	if (!isfinite(v)) {
		semm__ch_out(pg, NONE);
		return;
	}
	semm__fmt_fixed(buf, v, decimals, pg->lang);
	if (buf[0] == '-') {
		semm__ch_out(pg, "&minus;");
		semm__ch_out(pg, buf + 1);
		return;
	}
	if (sign && strspn(buf, "0.,") != strlen(buf))
		semm__ch_out(pg, "+");
	semm__ch_out(pg, buf);
}

/* A chart coordinate: always with a decimal point. */
void semm__ch_coord(const page *pg, double v)
{
	char buf[SEMM__FMT_BUFSIZE];

	semm__fmt_fixed(buf, v, DEC_COORD, SEMM__LANG_EN);
	semm__ch_out(pg, buf);
}

static void put_arg(const page *pg, const arg *a)
{
	switch (a->kind) {
	case 't': semm__ch_esc(pg, a->s); break;
	case 'm': semm__ch_out(pg, a->s); break;
	case 's': semm__ch_num(pg, a->v, a->decimals, 1); break;
	case 'c': fprintf(pg->fp, "%.0f", a->v); break;
	default: semm__ch_num(pg, a->v, a->decimals, 0); break;
	}
}

/* Writes message m with each {k} replaced by args[k]. */
void semm__ch_put(const page *pg, cmp_msg m, const arg *args, size_t n)
{
	const char *s = semm__ch_tr(pg, m), *open;
	size_t k;

	for (open = strchr(s, '{'); open; open = strchr(s, '{')) {
		if (open[1] < '0' || open[1] > '9' || open[2] != '}') {
			/* a brace of the text, not a placeholder */
			fwrite(s, 1, (size_t)(open - s) + 1, pg->fp);
			s = open + 1;
			continue;
		}
		fwrite(s, 1, (size_t)(open - s), pg->fp);
		k = (size_t)(open[1] - '0');
		if (k < n)
			put_arg(pg, &args[k]);
		s = open + 3;
	}
	semm__ch_out(pg, s);
}

/* ---- units -------------------------------------------------------------- */

cmp_msg semm__ch_verdict_msg(semm_verdict v)
{
	switch (v) {
	case SEMM_VERDICT_IMPROVEMENT: return CM_V_IMPROVEMENT;
	case SEMM_VERDICT_DECLINE: return CM_V_DECLINE;
	case SEMM_VERDICT_WITHIN_NOISE: return CM_V_NOISE;
	case SEMM_VERDICT_INSUFFICIENT: return CM_V_INSUFFICIENT;
	}
	return CM_V_INSUFFICIENT;
}

/* The class of a verdict: colour and marker of the chart and table. */
const char *semm__ch_verdict_class(semm_verdict v)
{
	switch (v) {
	case SEMM_VERDICT_IMPROVEMENT: return "up";
	case SEMM_VERDICT_DECLINE: return "down";
	case SEMM_VERDICT_WITHIN_NOISE: return "noise";
	case SEMM_VERDICT_INSUFFICIENT: return "none";
	}
	return "none";
}

/* The marker of a verdict as a character, for the table and legend. */
static const char *verdict_glyph(semm_verdict v)
{
	switch (v) {
	case SEMM_VERDICT_IMPROVEMENT: return "▲";  /* U+25B2 */
	case SEMM_VERDICT_DECLINE: return "▼";	    /* U+25BC */
	case SEMM_VERDICT_WITHIN_NOISE: return "○"; /* U+25CB */
	case SEMM_VERDICT_INSUFFICIENT: return "×"; /* U+00D7 */
	}
	return "";
}

/* Why a unit has no interval, in the page's language: the cases of
 * compare.c's insufficient_reason and semm_stats_welch, told from the
 * figures. */
static int reason_msg(const semm_compare_unit *u)
{
	const semm_compare_side *b = &u->before, *a = &u->after;

	if (b->n < 2 && a->n < 2)
		return CM_R_BOTH;
	if (b->n < 2)
		return CM_R_BEFORE;
	if (a->n < 2)
		return CM_R_AFTER;
	if (isnan(b->mean) || isnan(a->mean))
		return CM_R_MEAN;
	if (isnan(b->sd) || isnan(a->sd))
		return CM_R_SD;
	if (b->sd == 0.0 && a->sd == 0.0)
		return CM_R_VARIANCE;
	return CM_R_OTHER;
}

/* The name a unit is shown by: its name, else its id. */
const char *semm__ch_unit_name(const semm_compare_unit *u)
{
	if (strcmp(u->type, "overall") == 0)
		return NULL;
	return u->name ? u->name : u->id;
}

static void put_name(const page *pg, const semm_compare_unit *u)
{
	if (strcmp(u->type, "overall") == 0)
		semm__ch_msg(pg, CM_OVERALL);
	else
		semm__ch_esc(pg, semm__ch_unit_name(u));
}

int semm__ch_is_type(const semm_compare_unit *u, const char *type)
{
	return strcmp(u->type, type) == 0;
}

/* The group starting at units[i]. */
static span group_at(const semm_compare *c, size_t i)
{
	span s = { i, 0 };

	while (i + s.n < c->n_units &&
	       c->units[i + s.n].group == c->units[i].group)
		s.n++;
	return s;
}

/* ---- head and what is compared ------------------------------------------ */

/* Rules of this page only; the rest is the shared stylesheet. */
static const char page_style[] =
	".lead{font-size:1.05rem;margin:.2rem 0 1rem}\n"
	"table.compared th[scope=row]{width:12rem}\n"
	".warnings{background:#fff6e5;border-left:4px solid #E69F00;"
	"padding:.3rem .8rem;margin:1rem 0}\n"
	".warnings h2{border:0;margin:.4rem 0;padding:0;font-size:1.1rem}\n"
	"section.summary p{margin:.3rem 0}\n"
	"div.sgroup{margin-bottom:1rem}\n"
	"section.summary h3{margin-bottom:.2rem}\n"
	"table.cmp{width:100%;table-layout:fixed}\n"
	"table.cmp tbody th{font-weight:400}\n"
	"table.cmp td,table.cmp th{padding:.2rem .35rem}\n"
	"table.cmp th{overflow-wrap:break-word}\n"
	"table.cmp .n{display:block;font-size:.85em;font-weight:400;"
	"color:#555}\n"
	"table.cmp tr.overall th,table.cmp tr.overall td{font-weight:600}\n"
	"table.cmp tr.sub th{background:#f7f7f7;font-weight:600}\n"
	"table.cmp th .muted{font-weight:400;font-size:.85em}\n"
	"table.cmp th[scope=colgroup]{text-align:center}\n"
	"td.verdict{white-space:nowrap}\n"
	"td.verdict small{display:block;white-space:normal;color:#555}\n"
	".v-up{color:#0060A0}\n"
	".v-down{color:#B04A00}\n"
	".v-noise{color:#333}\n"
	".v-none{color:#555;font-style:italic}\n"
	"figure.dots{margin:.5rem 0 1rem}\n"
	"svg.dots{width:100%;max-width:880px;height:auto;display:block}\n"
	"svg.dots text{font:12px system-ui,Arial,sans-serif;fill:#1a1a1a}\n"
	"svg.dots text.tick{font-size:11px;fill:#333}\n"
	"svg.dots text.axis{font-size:12px;font-weight:600}\n"
	"svg.dots text.nodata{font-style:italic;fill:#555}\n"
	"svg.dots .band{fill:#f4f4f4}\n"
	"svg.dots .grid{stroke:#ddd;stroke-width:1}\n"
	"svg.dots .axisline{stroke:#333;stroke-width:1}\n"
	"svg.dots .zero{stroke:#000;stroke-width:1.3;stroke-dasharray:5 3}\n"
	"svg.dots .ci{stroke-width:2;fill:none}\n"
	"svg.dots .ci.up,svg.dots .mk.up{stroke:#0072B2}\n"
	"svg.dots .ci.down,svg.dots .mk.down{stroke:#D55E00}\n"
	"svg.dots .ci.noise,svg.dots .mk.noise{stroke:#333}\n"
	"svg.dots .mk{stroke-width:1.5}\n"
	"svg.dots .mk.up{fill:#0072B2}\n"
	"svg.dots .mk.down{fill:#D55E00}\n"
	"svg.dots .mk.noise{fill:#fff}\n"
	"svg.dots .mk.none{stroke:#555;fill:none;stroke-width:2}\n"
	"svg.dots .arrow.up{fill:#0072B2}\n"
	"svg.dots .arrow.down{fill:#D55E00}\n"
	"svg.dots .arrow.noise{fill:#333}\n"
	"ul.legend svg{vertical-align:-2px;margin-right:.35rem}\n"
	"figcaption.dots ul.legend{display:grid;grid-template-columns:"
	"repeat(auto-fill,minmax(20rem,1fr));gap:.1rem 1.5rem}\n"
	"figcaption.dots ul.legend li{margin:0}\n"
	"figcaption.dots{font-size:.9rem;max-width:none}\n"
	"@media print{\n"
	"svg.dots .band{fill:#eee}\n"
	".warnings{border-left-color:#000}\n"
	"div.sgroup,section.methods{break-inside:avoid}\n"
	"section.summary,section.group{break-before:page}\n"
	"table.cmp{font-size:7.5pt}\n"
	"table.cmp td,table.cmp th{padding:.1rem .2rem}\n"
	/* a group's table may go on over the next page, between rows and
	 * with its header repeated, rather than leave a page half empty */
	"table.cmp{break-inside:auto}\n"
	"figcaption.dots{font-size:8.5pt}\n"
	"table.cmp td.verdict,table.cmp td.num{white-space:normal}\n"
	"}\n";

/* A4, the page's title at the top left of every page and its number at
 * the bottom right (CSS page margin boxes, which take the place of the
 * browser's own header and footer; browsers without them print none). */
static void page_rules(const page *pg)
{
	static const char font[] =
		"font:9pt system-ui,Arial,sans-serif;color:#333}";

	semm__ch_out(pg, "@page{size:A4;margin:14mm 14mm 16mm;"
			 "@top-left{content:\"");
	semm__ch_msg(pg, CM_TITLE);
	semm__ch_out(pg, "\";");
	semm__ch_out(pg, font);
	semm__ch_out(pg, "@bottom-right{content:\"");
	semm__ch_msg(pg, CM_PAGE);
	semm__ch_out(pg, "\" counter(page) \"");
	semm__ch_msg(pg, CM_PAGE_OF);
	semm__ch_out(pg, "\" counter(pages);");
	semm__ch_out(pg, font);
	semm__ch_out(pg, "}\n");
}

static void head(const page *pg)
{
	const side_info *a = &pg->c->side[AFTER];

	fprintf(pg->fp,
		"<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\">\n<title>",
		semm__lang_code(pg->lang));
	semm__ch_msg(pg, CM_TITLE);
	semm__ch_out(pg, " – ");
	semm__ch_esc(pg, a->model_title ? a->model_title : a->model_id);
	semm__ch_out(pg, "</title>\n<style>\n");
	semm__html_style(pg->fp);
	semm__ch_out(pg, page_style);
	page_rules(pg);
	semm__ch_out(pg, "</style>\n</head>\n<body>\n");
}

/* A row of the table of what is compared: label, before, after. */
static void compared_row(const page *pg, int label, const char *b,
			 const char *a)
{
	semm__ch_out(pg, "<tr><th scope=\"row\">");
	semm__ch_msg(pg, label);
	semm__ch_out(pg, "</th><td>");
	semm__ch_esc(pg, b);
	semm__ch_out(pg, "</td><td>");
	semm__ch_esc(pg, a);
	semm__ch_out(pg, "</td></tr>\n");
}

static void questionnaire_cell(const page *pg, const side_info *s)
{
	semm__ch_out(pg, "<td>");
	semm__ch_esc(pg, s->q_id);
	if (s->q_version) {
		semm__ch_out(pg, " ");
		semm__ch_esc(pg, s->q_version);
	}
	semm__ch_out(pg, "</td>");
}

static void inputs_cell(const page *pg, const side_info *s)
{
	size_t i;

	semm__ch_out(pg, "<td>");
	for (i = 0; i < s->n_inputs; i++) {
		if (i > 0)
			semm__ch_out(pg, "<br>");
		semm__ch_esc(pg, s->inputs[i]);
	}
	if (s->n_inputs == 0)
		semm__ch_out(pg, NONE);
	semm__ch_out(pg, "</td>");
}

static void compared(const page *pg)
{
	const side_info *s = pg->c->side;
	int k;

	semm__ch_out(pg,
		     "<table class=\"facts compared\">\n<thead><tr><td></td>"
		     "<th scope=\"col\">");
	semm__ch_msg(pg, CM_BEFORE);
	semm__ch_out(pg, "</th><th scope=\"col\">");
	semm__ch_msg(pg, CM_AFTER);
	semm__ch_out(pg, "</th></tr></thead>\n<tbody>\n");
	compared_row(pg, CM_REPORT, s[BEFORE].source, s[AFTER].source);
	semm__ch_out(pg, "<tr><th scope=\"row\">");
	semm__ch_msg(pg, CM_QUESTIONNAIRE);
	semm__ch_out(pg, "</th>");
	questionnaire_cell(pg, &s[BEFORE]);
	questionnaire_cell(pg, &s[AFTER]);
	semm__ch_out(pg, "</tr>\n<tr><th scope=\"row\">");
	semm__ch_msg(pg, CM_GROUPED);
	semm__ch_out(pg, "</th>");
	for (k = BEFORE; k <= AFTER; k++) {
		semm__ch_out(pg, "<td>");
		if (s[k].group_by)
			semm__ch_esc(pg, s[k].group_by);
		else
			semm__ch_msg(pg, CM_ONE_GROUP);
		semm__ch_out(pg, "</td>");
	}
	semm__ch_out(pg, "</tr>\n<tr><th scope=\"row\">");
	semm__ch_msg(pg, CM_INPUTS);
	semm__ch_out(pg, "</th>");
	inputs_cell(pg, &s[BEFORE]);
	inputs_cell(pg, &s[AFTER]);
	semm__ch_out(pg, "</tr>\n<tr><th scope=\"row\">");
	semm__ch_msg(pg, CM_RESPONDENTS);
	semm__ch_out(pg, "</th>");
	for (k = BEFORE; k <= AFTER; k++) {
		arg args[3] = { A_COUNT(s[k].scored), A_COUNT(s[k].read),
				A_COUNT(s[k].rejected) };

		semm__ch_out(pg, "<td>");
		semm__ch_put(pg, CM_RESP_COUNTS, args, 3);
		semm__ch_out(pg, "</td>");
	}
	semm__ch_out(pg, "</tr>\n<tr><th scope=\"row\">");
	semm__ch_msg(pg, CM_ENGINE);
	semm__ch_out(pg, "</th>");
	for (k = BEFORE; k <= AFTER; k++) {
		semm__ch_out(pg, "<td>");
		semm__ch_esc(pg, s[k].engine_name);
		semm__ch_out(pg, " ");
		semm__ch_esc(pg, s[k].engine_version);
		semm__ch_out(pg, "</td>");
	}
	semm__ch_out(pg, "</tr>\n</tbody>\n</table>\n");
}

/* "1..5", as the page writes numbers. */
static void scale_text(const page *pg, const side_info *s)
{
	semm__ch_num(pg, s->smin, 0, 0);
	semm__ch_out(pg, "–");
	semm__ch_num(pg, s->smax, 0, 0);
}

/* One warning, worded from the side infos. */
static void warning(const page *pg, unsigned kind)
{
	const side_info *b = &pg->c->side[BEFORE], *a = &pg->c->side[AFTER];
	const char *one = semm__ch_tr(pg, CM_ONE_GROUP);
	arg args[2];

	switch (kind) {
	case CW_QUESTIONNAIRE:
		args[0] = A_TEXT(b->q_id);
		args[1] = A_TEXT(a->q_id);
		semm__ch_put(pg, CM_W_QUESTIONNAIRE, args, 2);
		break;
	case CW_GROUPING:
		args[0] = A_TEXT(b->group_by ? b->group_by : one);
		args[1] = A_TEXT(a->group_by ? a->group_by : one);
		semm__ch_put(pg, CM_W_GROUPING, args, 2);
		break;
	case CW_NA_POLICY:
		args[0] = A_TEXT(b->na_policy);
		args[1] = A_TEXT(a->na_policy);
		semm__ch_put(pg, CM_W_NA_POLICY, args, 2);
		break;
	case CW_NA_ANCHOR:
		args[0] = A_NUM(b->na_anchor, DEC_PCT);
		args[1] = A_NUM(a->na_anchor, DEC_PCT);
		semm__ch_put(pg, CM_W_NA_ANCHOR, args, 2);
		break;
	case CW_COVERAGE:
		args[0] = A_NUM(b->coverage_min, DEC_COEF);
		args[1] = A_NUM(a->coverage_min, DEC_COEF);
		semm__ch_put(pg, CM_W_COVERAGE, args, 2);
		break;
	default: {
		/* the scales: written out by hand, they are two numbers */
		const char *t = semm__ch_tr(pg, CM_W_SCALE);
		const char *p0 = strstr(t, "{0}"), *p1 = strstr(t, "{1}");

		fwrite(t, 1, (size_t)(p0 - t), pg->fp);
		scale_text(pg, b);
		fwrite(p0 + 3, 1, (size_t)(p1 - p0 - 3), pg->fp);
		scale_text(pg, a);
		semm__ch_out(pg, p1 + 3);
		break;
	}
	}
}

static void warnings(const page *pg)
{
	unsigned k;

	if (pg->c->warned == 0)
		return;
	semm__ch_out(pg, "<div class=\"warnings\" role=\"note\">\n<h2>");
	semm__ch_msg(pg, CM_WARNINGS);
	semm__ch_out(pg, "</h2>\n<ul>\n");
	for (k = 0; k < CW_COUNT; k++) {
		if (!(pg->c->warned & (1u << k)))
			continue;
		semm__ch_out(pg, "<li>");
		warning(pg, k);
		semm__ch_out(pg, "</li>\n");
	}
	semm__ch_out(pg, "</ul>\n</div>\n");
}

static void unmatched(const page *pg, int side, int title)
{
	const semm_compare *c = pg->c;
	size_t i;

	if (c->n_unmatched[side] == 0)
		return;
	semm__ch_out(pg, "<h3>");
	semm__ch_msg(pg, title);
	semm__ch_out(pg, "</h3>\n<ul>\n");
	for (i = 0; i < c->n_unmatched[side]; i++) {
		semm__ch_out(pg, "<li>");
		semm__ch_esc(pg, c->unmatched[side][i]);
		semm__ch_out(pg, "</li>\n");
	}
	semm__ch_out(pg, "</ul>\n");
}

/* ---- the summary -------------------------------------------------------- */

tally semm__ch_count_elements(const semm_compare *c, span g)
{
	tally t;
	size_t i;

	memset(&t, 0, sizeof(t));
	for (i = g.first; i < g.first + g.n; i++) {
		if (!semm__ch_is_type(&c->units[i], "element"))
			continue;
		t.n++;
		t.by_verdict[c->units[i].verdict]++;
	}
	return t;
}

/* The next element of group g with verdict v after the one at `after`
 * (SIZE_MAX: from the start) in order of the change: largest rise first
 * for improvements, largest fall first for declines; ties keep the
 * reports' order. Returns SIZE_MAX when there is none. */
static size_t next_by_change(const semm_compare *c, span g, semm_verdict v,
			     size_t after)
{
	double sign = v == SEMM_VERDICT_DECLINE ? -1.0 : 1.0;
	double last =
		after == SIZE_MAX ? INFINITY : sign * c->units[after].diff.diff;
	size_t i, best = SIZE_MAX;
	double key, best_key = -INFINITY;

	for (i = g.first; i < g.first + g.n; i++) {
		const semm_compare_unit *u = &c->units[i];

		if (!semm__ch_is_type(u, "element") || u->verdict != v)
			continue;
		key = sign * u->diff.diff;
		/* after `after` in the order: smaller key, or equal key and
		 * later in the reports */
		if (after != SIZE_MAX &&
		    !(key < last || (key == last && i > after)))
			continue;
		if (best == SIZE_MAX || key > best_key) {
			best = i;
			best_key = key;
		}
	}
	return best;
}

/* "Improved: A (+0.52), B (+0.31)." */
static void name_list(const page *pg, span g, semm_verdict v, int label)
{
	const semm_compare *c = pg->c;
	size_t i = next_by_change(c, g, v, SIZE_MAX);
	int first = 1;

	if (i == SIZE_MAX)
		return;
	semm__ch_out(pg, "<p><span class=\"v-");
	semm__ch_out(pg, semm__ch_verdict_class(v));
	semm__ch_out(pg, "\">");
	semm__ch_out(pg, verdict_glyph(v));
	semm__ch_out(pg, "</span>&nbsp;");
	semm__ch_msg(pg, label);
	semm__ch_out(pg, " ");
	for (; i != SIZE_MAX; i = next_by_change(c, g, v, i)) {
		if (!first)
			semm__ch_out(pg, ", ");
		first = 0;
		semm__ch_out(pg, "<strong>");
		put_name(pg, &c->units[i]);
		semm__ch_out(pg, "</strong> (");
		semm__ch_num(pg, c->units[i].diff.diff, DEC_MEAN, 1);
		semm__ch_out(pg, ")");
	}
	semm__ch_out(pg, ".</p>\n");
}

/* The element within the noise with the largest change in size. */
static void largest_noise(const page *pg, span g)
{
	const semm_compare *c = pg->c;
	size_t i, best = SIZE_MAX;
	arg args[2];

	for (i = g.first; i < g.first + g.n; i++) {
		const semm_compare_unit *u = &c->units[i];

		if (!semm__ch_is_type(u, "element") ||
		    u->verdict != SEMM_VERDICT_WITHIN_NOISE)
			continue;
		if (best == SIZE_MAX ||
		    fabs(u->diff.diff) > fabs(c->units[best].diff.diff))
			best = i;
	}
	if (best == SIZE_MAX)
		return;
	args[0] = A_TEXT(semm__ch_unit_name(&c->units[best]));
	args[1] = A_SIGNED(c->units[best].diff.diff, DEC_MEAN);
	semm__ch_out(pg, "<p>");
	semm__ch_put(pg, CM_LARGEST_NOISE, args, 2);
	semm__ch_out(pg, "</p>\n");
}

/* "Overall: mean 3.10 before, 3.42 after; change +0.32, ...". */
static void overall_line(const page *pg, const semm_compare_unit *u)
{
	char verdict[256];
	arg args[6];

	snprintf(verdict, sizeof(verdict),
		 "<span class=\"v-%s\">%s&nbsp;%s%s%s%s</span>",
		 semm__ch_verdict_class(u->verdict), verdict_glyph(u->verdict),
		 semm__ch_tr(pg, semm__ch_verdict_msg(u->verdict)),
		 u->verdict == SEMM_VERDICT_INSUFFICIENT ? " (" : "",
		 u->verdict == SEMM_VERDICT_INSUFFICIENT
			 ? semm__ch_tr(pg, reason_msg(u))
			 : "",
		 u->verdict == SEMM_VERDICT_INSUFFICIENT ? ")" : "");
	args[0] = A_NUM(u->before.mean, DEC_MEAN);
	args[1] = A_NUM(u->after.mean, DEC_MEAN);
	args[2] = A_SIGNED(u->diff.diff, DEC_MEAN);
	semm__ch_out(pg, "<p>");
	if (isnan(u->diff.ci_lo)) {
		args[3] = A_MARKUP(verdict);
		semm__ch_put(pg, CM_OVERALL_LINE_NOCI, args, 4);
	} else {
		args[3] = A_SIGNED(u->diff.ci_lo, DEC_MEAN);
		args[4] = A_SIGNED(u->diff.ci_hi, DEC_MEAN);
		args[5] = A_MARKUP(verdict);
		semm__ch_put(pg, CM_OVERALL_LINE, args, 6);
	}
	semm__ch_out(pg, "</p>\n");
}

static void level_text(const page *pg, const semm_compare_side *s)
{
	if (!s->has_level) {
		semm__ch_out(pg, NONE);
		return;
	}
	fprintf(pg->fp, "%d", s->level);
	if (s->level_name) {
		semm__ch_out(pg, " ");
		semm__ch_esc(pg, s->level_name);
	}
}

static void level_line(const page *pg, const semm_compare_unit *u)
{
	const char *t = semm__ch_tr(pg, CM_LEVEL_LINE);
	const char *p0 = strstr(t, "{0}"), *p1 = strstr(t, "{1}");

	if (!u->before.has_level && !u->after.has_level)
		return;
	semm__ch_out(pg, "<p>");
	fwrite(t, 1, (size_t)(p0 - t), pg->fp);
	level_text(pg, &u->before);
	fwrite(p0 + 3, 1, (size_t)(p1 - p0 - 3), pg->fp);
	level_text(pg, &u->after);
	semm__ch_out(pg, p1 + 3);
	semm__ch_out(pg, "</p>\n");
}

/* How the elements of group g changed, in words. */
static void summary_elements(const page *pg, span g, const tally *t)
{
	arg args[5] = { A_COUNT(t->n),
			A_COUNT(t->by_verdict[SEMM_VERDICT_IMPROVEMENT]),
			A_COUNT(t->by_verdict[SEMM_VERDICT_DECLINE]),
			A_COUNT(t->by_verdict[SEMM_VERDICT_WITHIN_NOISE]),
			A_COUNT(t->by_verdict[SEMM_VERDICT_INSUFFICIENT]) };

	semm__ch_out(pg, "<p>");
	semm__ch_put(pg, CM_COUNTS, args, 5);
	semm__ch_out(pg, "</p>\n");
	name_list(pg, g, SEMM_VERDICT_IMPROVEMENT, CM_IMPROVED_LIST);
	name_list(pg, g, SEMM_VERDICT_DECLINE, CM_DECLINED_LIST);
	if (t->by_verdict[SEMM_VERDICT_IMPROVEMENT] == 0 &&
	    t->by_verdict[SEMM_VERDICT_DECLINE] == 0 &&
	    t->by_verdict[SEMM_VERDICT_WITHIN_NOISE] > 0) {
		semm__ch_out(pg, "<p>");
		semm__ch_msg(pg, CM_NONE_BEYOND);
		semm__ch_out(pg, "</p>\n");
	}
	largest_noise(pg, g);
}

static void summary_group(const page *pg, span g)
{
	const semm_compare *c = pg->c;
	tally t = semm__ch_count_elements(c, g);
	arg name = A_TEXT(c->units[g.first].group);

	semm__ch_out(pg, "<div class=\"sgroup\">\n<h3>");
	semm__ch_put(pg, CM_GROUP_HEADING, &name, 1);
	semm__ch_out(pg, "</h3>\n");
	overall_line(pg, &c->units[g.first]);
	if (t.n > 0)
		summary_elements(pg, g, &t);
	semm__ch_out(pg, "</div>\n");
}

/* The table of all groups at a glance. */
static void summary_table(const page *pg)
{
	static const int heads[] = { CM_N_IMPROVED, CM_N_DECLINED, CM_N_NOISE,
				     CM_N_INSUFFICIENT };
	static const semm_verdict order[] = { SEMM_VERDICT_IMPROVEMENT,
					      SEMM_VERDICT_DECLINE,
					      SEMM_VERDICT_WITHIN_NOISE,
					      SEMM_VERDICT_INSUFFICIENT };
	const semm_compare *c = pg->c;
	size_t i, k;
	span g;

	semm__ch_out(pg,
		     "<table class=\"glance\">\n<thead><tr><th scope=\"col\">");
	semm__ch_msg(pg, CM_GROUP);
	semm__ch_out(pg, "</th><th scope=\"col\" class=\"num\">");
	semm__ch_msg(pg, CM_OVERALL_CHANGE);
	semm__ch_out(pg, "</th><th scope=\"col\">");
	semm__ch_msg(pg, CM_VERDICT);
	semm__ch_out(pg, "</th>");
	for (k = 0; k < 4; k++) {
		semm__ch_out(pg, "<th scope=\"col\" class=\"num\">");
		semm__ch_msg(pg, heads[k]);
		semm__ch_out(pg, "</th>");
	}
	semm__ch_out(pg, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < c->n_units; i += g.n) {
		const semm_compare_unit *u = &c->units[i];
		tally t;

		g = group_at(c, i);
		t = semm__ch_count_elements(c, g);
		semm__ch_out(pg, "<tr><th scope=\"row\">");
		semm__ch_esc(pg, u->group);
		semm__ch_out(pg, "</th><td class=\"num\">");
		semm__ch_num(pg, u->diff.diff, DEC_MEAN, 1);
		fprintf(pg->fp, "</td><td class=\"verdict v-%s\">%s&nbsp;",
			semm__ch_verdict_class(u->verdict),
			verdict_glyph(u->verdict));
		semm__ch_msg(pg, semm__ch_verdict_msg(u->verdict));
		semm__ch_out(pg, "</td>");
		for (k = 0; k < 4; k++)
			fprintf(pg->fp, "<td class=\"num\">%zu</td>",
				t.by_verdict[order[k]]);
		semm__ch_out(pg, "</tr>\n");
	}
	semm__ch_out(pg, "</tbody>\n</table>\n");
}

static void summary(const page *pg)
{
	const semm_compare *c = pg->c;
	size_t i;
	span g;

	semm__ch_out(pg, "<section class=\"summary\">\n<h2>");
	semm__ch_msg(pg, CM_SUMMARY);
	semm__ch_out(pg, "</h2>\n<p>");
	semm__ch_msg(pg, CM_SUMMARY_INTRO);
	semm__ch_out(pg, "</p>\n");
	if (c->n_units > 0) {
		summary_table(pg);
	} else {
		semm__ch_out(pg, "<p>");
		semm__ch_msg(pg, CM_NO_MATCH);
		semm__ch_out(pg, "</p>\n");
	}
	for (i = 0; i < c->n_units; i += g.n) {
		g = group_at(c, i);
		summary_group(pg, g);
	}
	semm__ch_out(pg, "</section>\n");
}

/* ---- the table of every figure ------------------------------------------ */

static void side_cells(const page *pg, const semm_compare_side *s)
{
	semm__ch_out(pg, "<td class=\"num\">");
	semm__ch_num(pg, s->mean, DEC_MEAN, 0);
	fprintf(pg->fp,
		" <span class=\"n\">(%zu)</span></td><td class=\"lvl\">", s->n);
	level_text(pg, s);
	semm__ch_out(pg, "</td>");
}

static void verdict_cell(const page *pg, const semm_compare_unit *u)
{
	fprintf(pg->fp, "<td class=\"verdict v-%s\">%s&nbsp;",
		semm__ch_verdict_class(u->verdict), verdict_glyph(u->verdict));
	semm__ch_msg(pg, semm__ch_verdict_msg(u->verdict));
	if (u->verdict == SEMM_VERDICT_INSUFFICIENT) {
		semm__ch_out(pg, " <small>(");
		semm__ch_msg(pg, reason_msg(u));
		semm__ch_out(pg, ")</small>");
	}
	semm__ch_out(pg, "</td>");
}

static void level_change_cell(const page *pg, semm_level_change lc)
{
	semm__ch_out(pg, "<td>");
	switch (lc) {
	case SEMM_LEVEL_UP: semm__ch_msg(pg, CM_LC_UP); break;
	case SEMM_LEVEL_DOWN: semm__ch_msg(pg, CM_LC_DOWN); break;
	case SEMM_LEVEL_SAME: semm__ch_msg(pg, CM_LC_SAME); break;
	case SEMM_LEVEL_UNKNOWN: semm__ch_out(pg, NONE); break;
	}
	semm__ch_out(pg, "</td>");
}

static void table_row(const page *pg, const semm_compare_unit *u)
{
	fprintf(pg->fp, "<tr class=\"%s\"><th scope=\"row\">", u->type);
	put_name(pg, u);
	if (!semm__ch_is_type(u, "overall") && u->name) {
		semm__ch_out(pg, " <span class=\"muted\">");
		semm__ch_esc(pg, u->id);
		semm__ch_out(pg, "</span>");
	}
	semm__ch_out(pg, "</th>");
	side_cells(pg, &u->before);
	side_cells(pg, &u->after);
	semm__ch_out(pg, "<td class=\"num\">");
	semm__ch_num(pg, u->diff.diff, DEC_MEAN, 1);
	semm__ch_out(pg, "</td><td class=\"num\">");
	if (isnan(u->diff.ci_lo)) {
		semm__ch_out(pg, NONE);
	} else {
		semm__ch_num(pg, u->diff.ci_lo, DEC_MEAN, 1);
		semm__ch_out(pg, " … ");
		semm__ch_num(pg, u->diff.ci_hi, DEC_MEAN, 1);
	}
	semm__ch_out(pg, "</td><td class=\"num\">");
	semm__ch_num(pg, u->percent_points, DEC_PCT, 1);
	semm__ch_out(pg, "</td>");
	verdict_cell(pg, u);
	level_change_cell(pg, u->level_change);
	semm__ch_out(pg, "</tr>\n");
}

/* The columns' widths in percent of the table: name; mean (with n) and
 * level before and after; change, interval, percent points, verdict,
 * level change. */
static const char *const col_width[] = { "19", "7",  "11", "7",	 "11",
					 "8",  "10", "7",  "12", "8" };

static void table_head(const page *pg)
{
	static const int singles[] = { CM_CHANGE, CM_INTERVAL, CM_PP,
				       CM_VERDICT, CM_LEVEL_CHANGE };
	size_t k;
	int side;

	semm__ch_out(pg, "<colgroup>");
	for (k = 0; k < sizeof(col_width) / sizeof(col_width[0]); k++)
		fprintf(pg->fp, "<col style=\"width:%s%%\">", col_width[k]);
	semm__ch_out(
		pg, "</colgroup>\n<thead><tr><th scope=\"col\" rowspan=\"2\">");
	semm__ch_msg(pg, CM_SCOPE);
	semm__ch_out(pg, "</th>");
	for (side = BEFORE; side <= AFTER; side++) {
		semm__ch_out(pg, "<th scope=\"colgroup\" colspan=\"2\">");
		semm__ch_msg(pg, side == BEFORE ? CM_BEFORE : CM_AFTER);
		semm__ch_out(pg, "</th>");
	}
	for (k = 0; k < sizeof(singles) / sizeof(singles[0]); k++) {
		semm__ch_out(
			pg,
			k < 3 ? "<th scope=\"col\" rowspan=\"2\" class=\"num\">"
			      : "<th scope=\"col\" rowspan=\"2\">");
		semm__ch_msg(pg, singles[k]);
		semm__ch_out(pg, "</th>");
	}
	semm__ch_out(pg, "</tr>\n<tr>");
	for (side = BEFORE; side <= AFTER; side++) {
		semm__ch_out(pg, "<th scope=\"col\" class=\"num\">");
		semm__ch_msg(pg, CM_MEAN);
		semm__ch_out(pg, " <span class=\"n\">(");
		semm__ch_msg(pg, CM_N);
		semm__ch_out(pg, ")</span>");
		semm__ch_out(pg, "</th><th scope=\"col\">");
		semm__ch_msg(pg, CM_LEVEL);
		semm__ch_out(pg, "</th>");
	}
	semm__ch_out(pg, "</tr></thead>\n");
}

/* A row naming the kind of the rows that follow. */
static void sub_row(const page *pg, int title)
{
	semm__ch_out(
		pg, "<tr class=\"sub\"><th colspan=\"10\" scope=\"rowgroup\">");
	semm__ch_msg(pg, title);
	semm__ch_out(pg, "</th></tr>\n");
}

static void figures(const page *pg, span g)
{
	const semm_compare *c = pg->c;
	const char *last = "overall";
	size_t i;

	semm__ch_out(pg, "<h3>");
	semm__ch_msg(pg, CM_FIGURES);
	semm__ch_out(pg,
		     "</h3>\n<div class=\"wide\">\n<table class=\"cmp\">\n");
	table_head(pg);
	semm__ch_out(pg, "<tbody>\n");
	for (i = g.first; i < g.first + g.n; i++) {
		const semm_compare_unit *u = &c->units[i];

		if (strcmp(u->type, last) != 0) {
			last = u->type;
			sub_row(pg, semm__ch_is_type(u, "dimension")
					    ? CM_DIMENSIONS
					    : CM_ELEMENTS);
		}
		table_row(pg, u);
	}
	semm__ch_out(pg, "</tbody>\n</table>\n</div>\n");
}

/* ---- the page ----------------------------------------------------------- */

static void group_section(const page *pg, span g)
{
	const semm_compare_unit *overall = &pg->c->units[g.first];
	arg name = A_TEXT(overall->group);

	semm__ch_out(pg, "<section class=\"group\">\n<h2>");
	semm__ch_put(pg, CM_GROUP_HEADING, &name, 1);
	semm__ch_out(pg, "</h2>\n");
	overall_line(pg, overall);
	level_line(pg, overall);
	semm__ch_chart(pg, g);
	figures(pg, g);
	semm__ch_out(pg, "</section>\n");
}

static void methods(const page *pg)
{
	static const int items[] = { CM_X_CHANGE, CM_X_INTERVAL, CM_X_VERDICT,
				     CM_X_AXIS,	  CM_X_NAMES,	 CM_X_FILES };
	size_t k;

	semm__ch_out(pg, "<section class=\"methods\">\n<h2>");
	semm__ch_msg(pg, CM_METHODS);
	semm__ch_out(pg, "</h2>\n<ul>\n");
	for (k = 0; k < sizeof(items) / sizeof(items[0]); k++) {
		semm__ch_out(pg, "<li>");
		semm__ch_msg(pg, items[k]);
		semm__ch_out(pg, "</li>\n");
	}
	semm__ch_out(pg, "</ul>\n</section>\n");
}

int semm_compare_write_html(const semm_compare *c, FILE *fp)
{
	page pg;
	const side_info *a;
	arg version = A_TEXT(SEMM_VERSION_STRING);
	size_t i;
	span g;

	if (!c || !fp)
		return SEMM_EARG;
	pg.fp = fp;
	pg.c = c;
	pg.lang = semm__compare_lang(c);
	a = &c->side[AFTER];
	head(&pg);
	semm__ch_out(&pg, "<header>\n<h1>");
	semm__ch_msg(&pg, CM_TITLE);
	semm__ch_out(&pg, "</h1>\n<p class=\"lead\">");
	semm__ch_msg(&pg, CM_MODEL);
	semm__ch_out(&pg, ": <strong>");
	semm__ch_esc(&pg, a->model_title ? a->model_title : a->model_id);
	semm__ch_out(&pg, "</strong> (");
	semm__ch_esc(&pg, a->model_id);
	semm__ch_out(&pg, " ");
	semm__ch_esc(&pg, a->model_version);
	semm__ch_out(&pg, ")</p>\n<h2>");
	semm__ch_msg(&pg, CM_COMPARED);
	semm__ch_out(&pg, "</h2>\n");
	compared(&pg);
	unmatched(&pg, BEFORE, CM_ONLY_BEFORE);
	unmatched(&pg, AFTER, CM_ONLY_AFTER);
	semm__ch_out(&pg, "</header>\n");
	warnings(&pg);
	summary(&pg);
	for (i = 0; i < c->n_units; i += g.n) {
		g = group_at(c, i);
		group_section(&pg, g);
	}
	methods(&pg);
	semm__ch_out(&pg, "<footer>");
	semm__ch_put(&pg, CM_FOOTER, &version, 1);
	semm__ch_out(&pg, "</footer>\n</body>\n</html>\n");
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}
