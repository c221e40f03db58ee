/*
 * compare_write.c - writes a comparison: compare.json ("semm-compare/1"),
 * compare.csv and compare.html, and a folder of them all or nothing.
 */
#include <math.h>
#include <string.h>

#include "compare/compare_internal.h"

/* ---- compare.json ------------------------------------------------------- */

static void json_side_info(semm__jw *w, const side_info *s, const char *key)
{
	size_t i;

	semm__jw_open(w, key, '{');
	semm__jw_string(w, "source", s->source);
	semm__jw_open(w, "engine", '{');
	semm__jw_string(w, "name", s->engine_name);
	semm__jw_string(w, "version", s->engine_version);
	semm__jw_close(w, '}');
	semm__jw_open(w, "model", '{');
	semm__jw_string(w, "id", s->model_id);
	semm__jw_string(w, "version", s->model_version);
	semm__jw_string(w, "title", s->model_title);
	semm__jw_close(w, '}');
	semm__jw_open(w, "questionnaire", '{');
	semm__jw_string(w, "id", s->q_id);
	semm__jw_string(w, "version", s->q_version);
	semm__jw_close(w, '}');
	semm__jw_string(w, "group_by", s->group_by);
	semm__jw_open(w, "inputs", '[');
	for (i = 0; i < s->n_inputs; i++)
		semm__jw_string(w, NULL, s->inputs[i]);
	semm__jw_close(w, ']');
	semm__jw_open(w, "respondents", '{');
	semm__jw_size(w, "read", s->read);
	semm__jw_size(w, "scored", s->scored);
	semm__jw_size(w, "rejected", s->rejected);
	semm__jw_close(w, '}');
	semm__jw_close(w, '}');
}

static void json_side(semm__jw *w, const char *key, const semm_compare_side *s)
{
	semm__jw_open(w, key, '{');
	semm__jw_size(w, "n", s->n);
	semm__jw_number(w, "mean", s->mean);
	semm__jw_number(w, "sd", s->sd);
	semm__jw_number(w, "percent", s->percent);
	if (s->has_level)
		semm__jw_number(w, "level", (double)s->level);
	else
		semm__jw_null(w, "level");
	semm__jw_string(w, "level_name", s->level_name);
	semm__jw_close(w, '}');
}

static void json_unit(semm__jw *w, const char *key, const semm_compare_unit *u)
{
	semm__jw_open(w, key, '{');
	if (strcmp(u->type, "overall") != 0) {
		semm__jw_string(w, "id", u->id);
		semm__jw_string(w, "name", u->name);
	}
	if (strcmp(u->type, "element") == 0)
		semm__jw_string(w, "dimension", u->dimension);
	json_side(w, "before", &u->before);
	json_side(w, "after", &u->after);
	semm__jw_open(w, "difference", '{');
	semm__jw_number(w, "mean", u->diff.diff);
	semm__jw_number(w, "se", u->diff.se);
	semm__jw_number(w, "df", u->diff.df);
	semm__write_pair(w, "ci95", u->diff.ci_lo, u->diff.ci_hi);
	semm__jw_number(w, "percent_points", u->percent_points);
	semm__jw_close(w, '}');
	semm__jw_string(w, "verdict", semm_verdict_name(u->verdict));
	semm__jw_string(w, "reason", u->reason);
	semm__jw_string(w, "level_change",
			semm_level_change_name(u->level_change));
	semm__jw_close(w, '}');
}

/* Writes the units of one group from *i on; leaves *i at the next. */
static void json_group(semm__jw *w, const semm_compare *c, size_t *i)
{
	const char *group = c->units[*i].group;
	const char *kinds[2][2] = { { "dimensions", "dimension" },
				    { "elements", "element" } };
	size_t k;

	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "id", group);
	json_unit(w, "overall", &c->units[(*i)++]);
	for (k = 0; k < 2; k++) {
		semm__jw_open(w, kinds[k][0], '[');
		while (*i < c->n_units && c->units[*i].group == group &&
		       strcmp(c->units[*i].type, kinds[k][1]) == 0)
			json_unit(w, NULL, &c->units[(*i)++]);
		semm__jw_close(w, ']');
	}
	semm__jw_close(w, '}');
}

static void json_methods(semm__jw *w)
{
	semm__jw_open(w, "methods", '{');
	semm__jw_string(w, "difference",
			"mean of the after report minus mean of the before "
			"report, for the same group and unit");
	semm__jw_string(w, "interval",
			"Welch: se = sqrt(sd1^2/n1 + sd2^2/n2), df = se^4 / "
			"((sd1^2/n1)^2/(n1-1) + (sd2^2/n2)^2/(n2-1)), "
			"difference -/+ t(0.975, df) * se");
	semm__jw_number(w, "level", SEMM_COMPARE_LEVEL);
	semm__jw_string(w, "verdict",
			"improvement when the interval is entirely above 0, "
			"decline when entirely below 0, within noise "
			"otherwise; insufficient data when a side has fewer "
			"than 2 scores, a figure is missing or neither side "
			"varies");
	semm__jw_string(w, "percent_points",
			"percent of the after report minus percent of the "
			"before report");
	semm__jw_string(w, "level_change",
			"up, down or same: the after level against the "
			"before level; null when a side has no level");
	semm__jw_close(w, '}');
}

int semm_compare_write_json(const semm_compare *c, FILE *fp)
{
	semm__jw w = { 0 };
	size_t i;
	int k;

	if (!c || !fp)
		return SEMM_EARG;
	w.fp = fp;
	semm__jw_open(&w, NULL, '{');
	semm__jw_string(&w, "format", COMPARE_FORMAT);
	semm__jw_open(&w, "engine", '{');
	semm__jw_string(&w, "name", "semm");
	semm__jw_string(&w, "version", SEMM_VERSION_STRING);
	semm__jw_close(&w, '}');
	semm__jw_open(&w, "model", '{');
	semm__jw_string(&w, "id", c->side[AFTER].model_id);
	semm__jw_string(&w, "version", c->side[AFTER].model_version);
	semm__jw_string(&w, "title", c->side[AFTER].model_title);
	semm__jw_close(&w, '}');
	for (k = BEFORE; k <= AFTER; k++)
		json_side_info(&w, &c->side[k], semm__compare_side_key[k]);
	semm__jw_open(&w, "warnings", '[');
	for (i = 0; i < c->n_warnings; i++)
		semm__jw_string(&w, NULL, c->warnings[i]);
	semm__jw_close(&w, ']');
	semm__jw_open(&w, "unmatched", '{');
	for (k = BEFORE; k <= AFTER; k++) {
		semm__jw_open(&w, semm__compare_side_key[k], '[');
		for (i = 0; i < c->n_unmatched[k]; i++)
			semm__jw_string(&w, NULL, c->unmatched[k][i]);
		semm__jw_close(&w, ']');
	}
	semm__jw_close(&w, '}');
	semm__jw_open(&w, "groups", '[');
	for (i = 0; i < c->n_units;)
		json_group(&w, c, &i);
	semm__jw_close(&w, ']');
	semm__compare_ratings_json(&w, c);
	json_methods(&w);
	semm__jw_close(&w, '}');
	return w.failed || ferror(fp) ? SEMM_EIO : SEMM_OK;
}

/* ---- compare.csv -------------------------------------------------------- */

static void csv_number(FILE *fp, double v)
{
	char buf[64];

	semm__format_number(v, buf, sizeof(buf));
	fputc(',', fp);
	fputs(buf, fp);
}

static void csv_side(FILE *fp, const semm_compare_side *s)
{
	fprintf(fp, ",%zu", s->n);
	csv_number(fp, s->mean);
	csv_number(fp, s->sd);
	csv_number(fp, s->percent);
	fputc(',', fp);
	if (s->has_level)
		fprintf(fp, "%d", s->level);
	fputc(',', fp);
	semm__csv_text(fp, s->level_name);
}

int semm_compare_write_csv(const semm_compare *c, FILE *fp)
{
	const semm_compare_unit *u;
	const char *change;
	size_t i;

	if (!c || !fp)
		return SEMM_EARG;
	fputs("group,unit_type,unit_id,unit_name,"
	      "before_n,before_mean,before_sd,before_percent,before_level,"
	      "before_level_name,after_n,after_mean,after_sd,after_percent,"
	      "after_level,after_level_name,diff,se,df,ci95_lo,ci95_hi,"
	      "percent_points,verdict,level_change,reason\n",
	      fp);
	for (i = 0; i < c->n_units; i++) {
		u = &c->units[i];
		semm__csv_text(fp, u->group);
		fprintf(fp, ",%s,", u->type);
		semm__csv_text(fp, u->id);
		fputc(',', fp);
		semm__csv_text(fp, u->name);
		csv_side(fp, &u->before);
		csv_side(fp, &u->after);
		csv_number(fp, u->diff.diff);
		csv_number(fp, u->diff.se);
		csv_number(fp, u->diff.df);
		csv_number(fp, u->diff.ci_lo);
		csv_number(fp, u->diff.ci_hi);
		csv_number(fp, u->percent_points);
		fprintf(fp, ",%s,", semm_verdict_name(u->verdict));
		change = semm_level_change_name(u->level_change);
		fputs(change ? change : "", fp);
		fputc(',', fp);
		semm__csv_text(fp, u->reason);
		fputc('\n', fp);
	}
	semm__compare_ratings_csv(fp, c);
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

/* ---- compare.html ------------------------------------------------------- */

/* Writes s as HTML text: markup characters escaped, invalid UTF-8 and
 * control characters replaced by U+FFFD. */
static void html_text(FILE *fp, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t n = strlen((const char *)s), len;

	while (n > 0) {
		len = semm__utf8_len(s, n);
		if (len == 0 || (*s < 0x20 && *s != '\t' && *s != '\n') ||
		    *s == 0x7f) {
			fputs("&#xfffd;", fp);
			len = len ? len : 1;
		} else if (*s == '&') {
			fputs("&amp;", fp);
		} else if (*s == '<') {
			fputs("&lt;", fp);
		} else if (*s == '>') {
			fputs("&gt;", fp);
		} else if (*s == '"') {
			fputs("&quot;", fp);
		} else if (*s == '\'') {
			fputs("&#39;", fp);
		} else {
			fwrite(s, 1, len, fp);
		}
		s += len;
		n -= len;
	}
}

/* A number with a fixed count of decimals (a dash when missing); with
 * `sign`, positive values get a "+". Rounding to zero never shows "-0". */
static void html_fixed(FILE *fp, double v, int decimals, int sign)
{
	char buf[64];
	const char *digits;

	if (isnan(v) || isinf(v)) {
		fputs("&ndash;", fp);
		return;
	}
	snprintf(buf, sizeof(buf), sign ? "%+.*f" : "%.*f", decimals, v);
	digits = buf + strspn(buf, "+-");
	if (strspn(digits, "0.") == strlen(digits)) {
		fputs(digits, fp);
		return;
	}
	if (buf[0] == '-')
		fputs("&minus;", fp);
	else if (buf[0] == '+')
		fputc('+', fp);
	fputs(digits, fp);
}

static void html_level(FILE *fp, const semm_compare_side *s)
{
	if (!s->has_level) {
		fputs("&ndash;", fp);
		return;
	}
	fprintf(fp, "%d", s->level);
	if (s->level_name) {
		fputc(' ', fp);
		html_text(fp, s->level_name);
	}
}

static void html_side_cells(FILE *fp, const semm_compare_side *s)
{
	fprintf(fp, "<td class=\"num\">%zu</td><td class=\"num\">", s->n);
	html_fixed(fp, s->mean, 2, 0);
	fputs("</td><td class=\"num\">", fp);
	html_fixed(fp, s->sd, 2, 0);
	fputs("</td><td>", fp);
	html_level(fp, s);
	fputs("</td>", fp);
}

static const char *verdict_class(semm_verdict v)
{
	switch (v) {
	case SEMM_VERDICT_IMPROVEMENT: return "up";
	case SEMM_VERDICT_DECLINE: return "down";
	case SEMM_VERDICT_WITHIN_NOISE: return "noise";
	case SEMM_VERDICT_INSUFFICIENT: return "none";
	}
	return "none";
}

static void html_row(FILE *fp, const semm_compare_unit *u)
{
	const char *change = semm_level_change_name(u->level_change);

	fprintf(fp, "<tr class=\"%s\"><th scope=\"row\">", u->type);
	if (strcmp(u->type, "overall") != 0) {
		html_text(fp, u->id);
		fputc(' ', fp);
	}
	html_text(fp, u->name);
	fputs("</th>", fp);
	html_side_cells(fp, &u->before);
	html_side_cells(fp, &u->after);
	fputs("<td class=\"num\">", fp);
	html_fixed(fp, u->diff.diff, 2, 1);
	fputs("</td><td class=\"num\">", fp);
	if (isnan(u->diff.ci_lo)) {
		fputs("&ndash;", fp);
	} else {
		fputc('[', fp);
		html_fixed(fp, u->diff.ci_lo, 2, 1);
		fputs(", ", fp);
		html_fixed(fp, u->diff.ci_hi, 2, 1);
		fputc(']', fp);
	}
	fputs("</td><td class=\"num\">", fp);
	html_fixed(fp, u->percent_points, 1, 1);
	fprintf(fp, "</td><td class=\"verdict %s\">%s",
		verdict_class(u->verdict), semm_verdict_name(u->verdict));
	if (u->reason) {
		fputs(" <small>(", fp);
		html_text(fp, u->reason);
		fputs(")</small>", fp);
	}
	fprintf(fp, "</td><td>%s</td></tr>\n", change ? change : "&ndash;");
}

static const char html_head[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"en\">\n"
	"<head>\n"
	"<meta charset=\"utf-8\">\n"
	"<title>semm comparison</title>\n"
	"<style>\n"
	"body { font-family: sans-serif; margin: 2em; color: #222; }\n"
	"table { border-collapse: collapse; margin-bottom: 2em; }\n"
	"th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; "
	"text-align: left; vertical-align: top; }\n"
	"thead th { background: #eee; }\n"
	"td.num { text-align: right; white-space: nowrap; }\n"
	"tr.overall th, tr.overall td { font-weight: bold; }\n"
	"tr.element th { padding-left: 1.5em; font-weight: normal; }\n"
	"td.verdict { white-space: nowrap; }\n"
	"td.verdict small { display: block; white-space: normal; }\n"
	"td.verdict.up { background: #d8f0d8; }\n"
	"td.verdict.down { background: #f6d6d6; }\n"
	"td.verdict.noise { background: #f2f2f2; }\n"
	"td.verdict.none { font-style: italic; }\n"
	"</style>\n"
	"</head>\n"
	"<body>\n";

static const char html_columns[] =
	"<thead><tr><th scope=\"col\">Unit</th>"
	"<th scope=\"col\">n before</th><th scope=\"col\">Mean before</th>"
	"<th scope=\"col\">SD before</th><th scope=\"col\">Level before</th>"
	"<th scope=\"col\">n after</th><th scope=\"col\">Mean after</th>"
	"<th scope=\"col\">SD after</th><th scope=\"col\">Level after</th>"
	"<th scope=\"col\">Difference</th>"
	"<th scope=\"col\">95&nbsp;% interval</th>"
	"<th scope=\"col\">Percent points</th>"
	"<th scope=\"col\">Verdict</th><th scope=\"col\">Level</th>"
	"</tr></thead>\n";

static void html_info_row(FILE *fp, const char *label, const char *b,
			  const char *a)
{
	fprintf(fp, "<tr><th scope=\"row\">%s</th><td>", label);
	html_text(fp, b);
	fputs("</td><td>", fp);
	html_text(fp, a);
	fputs("</td></tr>\n", fp);
}

static void html_inputs(FILE *fp, const side_info *s)
{
	size_t i;

	fputs("<td>", fp);
	for (i = 0; i < s->n_inputs; i++) {
		if (i > 0)
			fputs("<br>", fp);
		html_text(fp, s->inputs[i]);
	}
	fputs("</td>", fp);
}

static void html_info(FILE *fp, const semm_compare *c)
{
	const side_info *b = &c->side[BEFORE], *a = &c->side[AFTER];
	int k;

	fputs("<table class=\"info\">\n<thead><tr><th></th>"
	      "<th scope=\"col\">Before</th><th scope=\"col\">After</th>"
	      "</tr></thead>\n<tbody>\n",
	      fp);
	html_info_row(fp, "Report", b->source, a->source);
	html_info_row(fp, "Questionnaire", b->q_id, a->q_id);
	html_info_row(fp, "Questionnaire version", b->q_version, a->q_version);
	html_info_row(fp, "Groups by",
		      b->group_by ? b->group_by : "(one group)",
		      a->group_by ? a->group_by : "(one group)");
	fputs("<tr><th scope=\"row\">Inputs</th>", fp);
	html_inputs(fp, b);
	html_inputs(fp, a);
	fputs("</tr>\n<tr><th scope=\"row\">Respondents scored</th>", fp);
	for (k = BEFORE; k <= AFTER; k++)
		fprintf(fp, "<td>%zu of %zu read</td>", c->side[k].scored,
			c->side[k].read);
	fputs("</tr>\n", fp);
	html_info_row(fp, "Engine version", b->engine_version,
		      a->engine_version);
	fputs("</tbody>\n</table>\n", fp);
}

static void html_list(FILE *fp, const char *title, const char *const *s,
		      size_t n)
{
	size_t i;

	if (n == 0)
		return;
	fprintf(fp, "<h2>%s</h2>\n<ul>\n", title);
	for (i = 0; i < n; i++) {
		fputs("<li>", fp);
		html_text(fp, s[i]);
		fputs("</li>\n", fp);
	}
	fputs("</ul>\n", fp);
}

int semm_compare_write_html(const semm_compare *c, FILE *fp)
{
	const char *group = NULL;
	size_t i;

	if (!c || !fp)
		return SEMM_EARG;
	fputs(html_head, fp);
	fputs("<h1>Comparison of two assessments</h1>\n<p>Model ", fp);
	html_text(fp, c->side[AFTER].model_title ? c->side[AFTER].model_title
						 : c->side[AFTER].model_id);
	fputs(" (", fp);
	html_text(fp, c->side[AFTER].model_id);
	fputc(' ', fp);
	html_text(fp, c->side[AFTER].model_version);
	fputs("). Each difference is the after mean minus the before mean, "
	      "with its 95&nbsp;% Welch confidence interval. The verdict is "
	      "<em>improvement</em> when the interval lies entirely above 0, "
	      "<em>decline</em> when it lies entirely below 0 and "
	      "<em>within noise</em> otherwise.</p>\n",
	      fp);
	html_info(fp, c);
	html_list(fp, "Warnings", c->warnings, c->n_warnings);
	html_list(fp, "Groups only in the before report", c->unmatched[BEFORE],
		  c->n_unmatched[BEFORE]);
	html_list(fp, "Groups only in the after report", c->unmatched[AFTER],
		  c->n_unmatched[AFTER]);
	for (i = 0; i < c->n_units; i++) {
		if (c->units[i].group != group) {
			if (group)
				fputs("</tbody>\n</table>\n", fp);
			group = c->units[i].group;
			fputs("<h2>Group: ", fp);
			html_text(fp, group);
			fprintf(fp, "</h2>\n<table>\n%s<tbody>\n",
				html_columns);
		}
		html_row(fp, &c->units[i]);
	}
	if (group)
		fputs("</tbody>\n</table>\n", fp);
	fputs("</body>\n</html>\n", fp);
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

/* ---- writing a folder --------------------------------------------------- */

typedef int (*writer_fn)(const semm_compare *, FILE *);

static const char *const file_names[] = { "compare.json", "compare.csv",
					  "compare.html" };
static const writer_fn file_writers[] = { semm_compare_write_json,
					  semm_compare_write_csv,
					  semm_compare_write_html };
static const unsigned file_flags[] = { SEMM_COMPARE_JSON, SEMM_COMPARE_CSV,
				       SEMM_COMPARE_HTML };

#define N_FILES (sizeof(file_names) / sizeof(file_names[0]))

static int write_one(const void *ctx, size_t k, FILE *fp)
{
	return file_writers[k](ctx, fp);
}

int semm_compare_write_dir(const semm_compare *c, const char *dir,
			   unsigned formats, semm_error *err)
{
	unsigned wanted = 0;
	size_t k;

	if (!c || !dir || (formats & SEMM_COMPARE_ALL) == 0 ||
	    (formats & ~SEMM_COMPARE_ALL) != 0)
		return semm__fail(err, SEMM_EARG, dir, 0, 0,
				  "semm_compare_write_dir: no comparison, "
				  "folder or format");
	for (k = 0; k < N_FILES; k++) {
		if (formats & file_flags[k])
			wanted |= 1u << k;
	}
	return semm__write_files(dir, file_names, N_FILES, wanted, write_one, c,
				 err);
}
