/*
 * history_html.c - the trend page of `semm history trend --format html`:
 * one self-contained page in the report's stylesheet, a section per unit
 * with an inline SVG chart (the mean per wave with its 95 % interval as
 * a whisker, the least-squares line dashed), the trend in words and a
 * table of the waves and their changes. Written in the language of the
 * latest assessment's report (English or German; numbers with a decimal
 * comma in German); printable, two units to most pages.
 */
#include <math.h>
#include <string.h>

#include "base/i18n.h"
#include "history/history_int.h"
#include "report/report_html.h"

/* ---- the page's words ---------------------------------------------------- */

enum {
	HM_OVER_TIME,
	HM_INTRO,
	HM_OVERALL,
	HM_DIMENSION,
	HM_ELEMENT,
	HM_AXIS,
	HM_WAVE,
	HM_TH_WAVE,
	HM_TH_ID,
	HM_TH_MEAN,
	HM_TH_SD,
	HM_TH_CI,
	HM_TH_LEVEL,
	HM_TH_CHANGE,
	HM_TH_CHANGE_CI,
	HM_TH_VERDICT,
	HM_TO,
	HM_TREND,
	HM_PER_WAVE,
	HM_NO_LINE,
	HM_NO_INTERVAL,
	HM_ON_A_LINE,
	HM_INTERVAL,
	HM_WAVES,
	HM_RISING,
	HM_FALLING,
	HM_NO_DIRECTION,
	HM_IMPROVEMENT,
	HM_DECLINE,
	HM_NOISE,
	HM_INSUFFICIENT,
	HM_ARIA,
	HM_COUNT
};

static const semm__msg msgs[HM_COUNT] = {
	[HM_OVER_TIME] = { { "over time", "im Zeitverlauf" } },
	[HM_INTRO] = { { "Each chart shows the mean score per assessment wave (solid, "
			 "with its 95 % confidence interval as a whisker) and the "
			 "least-squares trend line (dashed). A change between "
			 "consecutive waves is an improvement or a decline only when "
			 "its 95 % Welch interval excludes 0.",
			 "Jedes Diagramm zeigt den Mittelwert je Erhebungswelle "
			 "(durchgezogen, mit seinem 95-%-Konfidenzintervall als "
			 "Fehlerbalken) und die Trendlinie nach der Methode der "
			 "kleinsten Quadrate (gestrichelt). Eine Ver\xc3\xa4nderung "
			 "zwischen aufeinanderfolgenden Wellen ist nur dann eine "
			 "Verbesserung oder ein R\xc3\xbc"
			 "ckgang, wenn ihr 95-%-Intervall nach Welch die 0 nicht "
			 "enth\xc3\xa4lt." } },
	[HM_OVERALL] = { { "Overall", "Gesamt" } },
	[HM_DIMENSION] = { { "dimension", "Dimension" } },
	[HM_ELEMENT] = { { "element", "Element" } },
	[HM_AXIS] = { { "mean score", "Mittelwert" } },
	[HM_WAVE] = { { "wave", "Welle" } },
	[HM_TH_WAVE] = { { "wave", "Welle" } },
	[HM_TH_ID] = { { "id", "Nr." } },
	[HM_TH_MEAN] = { { "mean", "Mittelwert" } },
	[HM_TH_SD] = { { "sd", "SD" } },
	[HM_TH_CI] = { { "95 % CI", "95-%-KI" } },
	[HM_TH_LEVEL] = { { "level", "Stufe" } },
	[HM_TH_CHANGE] = { { "change", "\xc3\x84nderung" } },
	[HM_TH_CHANGE_CI] = { { "its 95 % CI", "ihr 95-%-KI" } },
	[HM_TH_VERDICT] = { { "verdict", "Bewertung" } },
	[HM_TO] = { { "to", "bis" } },
	[HM_TREND] = { { "Trend", "Trend" } },
	[HM_PER_WAVE] = { { "per wave", "je Welle" } },
	[HM_NO_LINE] = { { "No trend line: fewer than 2 waves.",
			   "Keine Trendlinie: weniger als 2 Wellen." } },
	[HM_NO_INTERVAL] = { { "no interval with fewer than 3 waves",
			       "kein Intervall bei weniger als 3 Wellen" } },
	[HM_ON_A_LINE] = { { "the means lie on a line",
			     "die Mittelwerte liegen auf einer Geraden" } },
	[HM_INTERVAL] = { { "95 % confidence interval",
			    "95-%-Konfidenzintervall" } },
	[HM_WAVES] = { { "waves", "Wellen" } },
	[HM_RISING] = { { "rising", "steigend" } },
	[HM_FALLING] = { { "falling", "fallend" } },
	[HM_NO_DIRECTION] = { { "the interval holds 0, so no clear direction",
				"das Intervall enth\xc3\xa4lt die 0, also "
				"keine klare Richtung" } },
	[HM_IMPROVEMENT] = { { "improvement", "Verbesserung" } },
	[HM_DECLINE] = { { "decline", "R\xc3\xbc"
				      "ckgang" } },
	[HM_NOISE] = { { "within noise", "im Rauschen" } },
	[HM_INSUFFICIENT] = { { "insufficient data", "zu wenige Daten" } },
	[HM_ARIA] = { { "mean per wave with 95 % intervals",
			"Mittelwert je Welle mit 95-%-Intervallen" } },
};

/* The page being written. */
typedef struct page {
	FILE *fp;
	semm__lang lang;
} page;

static const char *tr(const page *pg, int m)
{
	return semm__tr(&msgs[m], pg->lang);
}

/* v with `dec` decimals in the page's language; a '+' before a positive
 * value when sign (one that rounds to zero has none). */
static void num(const page *pg, double v, int dec, int sign)
{
	char buf[SEMM__FMT_BUFSIZE];

	semm__fmt_fixed(buf, v, dec, pg->lang);
	if (sign && isfinite(v) && buf[0] != '-' &&
	    strspn(buf, "0.,") != strlen(buf))
		fputc('+', pg->fp);
	fputs(buf, pg->fp);
}

static const char *verdict(const page *pg, semm_verdict v)
{
	switch (v) {
	case SEMM_VERDICT_IMPROVEMENT: return tr(pg, HM_IMPROVEMENT);
	case SEMM_VERDICT_DECLINE: return tr(pg, HM_DECLINE);
	case SEMM_VERDICT_WITHIN_NOISE: return tr(pg, HM_NOISE);
	case SEMM_VERDICT_INSUFFICIENT: return tr(pg, HM_INSUFFICIENT);
	}
	return "?";
}

void semm__hist_html_text(FILE *fp, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default: fputc(*s, fp);
		}
	}
}

/* ---- the chart ----------------------------------------------------------- */

/* The chart's frame, in SVG user units. */
#define CH_W 640.0
#define CH_H 230.0
#define CH_L 56.0
#define CH_R 20.0
#define CH_T 16.0
#define CH_B 40.0
#define CH_PAD 40.0 /* room for the first and last wave's labels */
/* The y axis's steps: a quarter point, or half a point over 2 points. */
#define CH_STEP 0.25
#define CH_WIDE_STEP 0.5

typedef struct frame {
	double lo, hi; /* y range */
	size_t waves;  /* x from 1 to waves */
} frame;

static double fx(const frame *f, double wave)
{
	double width = CH_W - CH_L - CH_R - 2.0 * CH_PAD;

	if (f->waves < 2)
		return CH_L + (CH_W - CH_L - CH_R) / 2.0;
	return CH_L + CH_PAD + (wave - 1.0) / (double)(f->waves - 1) * width;
}

static double fy(const frame *f, double v)
{
	return CH_T + (f->hi - v) / (f->hi - f->lo) * (CH_H - CH_T - CH_B);
}

static void widen(frame *f, double v)
{
	if (isnan(v))
		return;
	if (isnan(f->lo) || v < f->lo)
		f->lo = v;
	if (isnan(f->hi) || v > f->hi)
		f->hi = v;
}

/* A y range over the means and intervals, on quarter points with room
 * above and below. */
static frame make_frame(const semm_trend_series *s)
{
	frame f = { NAN, NAN, 1 };
	size_t j;

	for (j = 0; j < s->n_points; j++) {
		widen(&f, s->points[j].mean);
		widen(&f, s->points[j].ci_lo);
		widen(&f, s->points[j].ci_hi);
		if (s->points[j].wave > f.waves)
			f.waves = s->points[j].wave;
	}
	if (isnan(f.lo)) {
		f.lo = 0.0;
		f.hi = 1.0;
	}
	f.lo = floor(f.lo / CH_STEP - 0.5) * CH_STEP;
	f.hi = ceil(f.hi / CH_STEP + 0.5) * CH_STEP;
	return f;
}

static void svg_axes(const page *pg, const frame *f, const semm_trend_series *s)
{
	FILE *fp = pg->fp;
	double step = (f->hi - f->lo) > 2.0 ? CH_WIDE_STEP : CH_STEP, v;
	size_t j;

	for (v = f->lo; v <= f->hi + 1e-9; v += step) {
		fprintf(fp,
			"<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"end\" font-size=\"12\">",
			CH_L, CH_W - CH_R, fy(f, v), fy(f, v), CH_L - 6.0,
			fy(f, v) + 4.0);
		num(pg, v, 2, 0);
		fputs("</text>\n", fp);
	}
	fprintf(fp,
		"<text transform=\"translate(14 %.1f) rotate(-90)\" "
		"text-anchor=\"middle\" font-size=\"12\">%s</text>\n",
		(CH_T + CH_H - CH_B) / 2.0, tr(pg, HM_AXIS));
	for (j = 0; j < s->n_points; j++) {
		double x = fx(f, (double)s->points[j].wave);

		fprintf(fp,
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
			"font-size=\"12\">%s %zu</text>",
			x, CH_H - CH_B + 16.0, tr(pg, HM_WAVE),
			s->points[j].wave);
		if (s->points[j].label) {
			fprintf(fp,
				"<text x=\"%.1f\" y=\"%.1f\" "
				"text-anchor=\"middle\" font-size=\"11\" "
				"fill=\"#555\">",
				x, CH_H - CH_B + 30.0);
			semm__hist_html_text(fp, s->points[j].label);
			fputs("</text>", fp);
		}
		fputc('\n', fp);
	}
}

static void svg_line(FILE *fp, const frame *f, const semm_trend_series *s)
{
	double x0 = (double)s->points[0].wave;
	double x1 = (double)s->points[s->n_points - 1].wave;

	fprintf(fp,
		"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"#D55E00\" stroke-width=\"1.5\" "
		"stroke-dasharray=\"6 4\"/>\n",
		fx(f, x0), fy(f, s->fit.intercept + s->fit.slope * x0),
		fx(f, x1), fy(f, s->fit.intercept + s->fit.slope * x1));
}

static void svg_series(FILE *fp, const frame *f, const semm_trend_series *s)
{
	const semm_trend_point *p;
	double x;
	size_t j;
	int first = 1;

	if (!isnan(s->fit.slope) && s->n_points >= 2)
		svg_line(fp, f, s);
	fputs("<polyline fill=\"none\" stroke=\"#0072B2\" "
	      "stroke-width=\"2\" points=\"",
	      fp);
	for (j = 0; j < s->n_points; j++) {
		p = &s->points[j];
		if (isnan(p->mean))
			continue;
		fprintf(fp, "%s%.1f,%.1f", first ? "" : " ",
			fx(f, (double)p->wave), fy(f, p->mean));
		first = 0;
	}
	fputs("\"/>\n", fp);
	for (j = 0; j < s->n_points; j++) {
		p = &s->points[j];
		x = fx(f, (double)p->wave);
		if (!isnan(p->ci_lo) && !isnan(p->ci_hi))
			fprintf(fp,
				"<path d=\"M%.1f %.1fV%.1fM%.1f %.1fh12M%.1f "
				"%.1fh12\" stroke=\"#0072B2\" fill=\"none\"/>",
				x, fy(f, p->ci_lo), fy(f, p->ci_hi), x - 6.0,
				fy(f, p->ci_lo), x - 6.0, fy(f, p->ci_hi));
		if (!isnan(p->mean))
			fprintf(fp,
				"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
				"fill=\"#0072B2\"/>\n",
				x, fy(f, p->mean));
	}
}

/* ---- the table and the trend in words ------------------------------------ */

static void td_num(const page *pg, double v, int dec, int sign)
{
	if (isnan(v)) {
		fputs("<td class=\"num\">" NONE "</td>", pg->fp);
		return;
	}
	fputs("<td class=\"num\">", pg->fp);
	num(pg, v, dec, sign);
	fputs("</td>", pg->fp);
}

static void td_interval(const page *pg, double lo, double hi, int sign)
{
	if (isnan(lo) || isnan(hi)) {
		fputs("<td class=\"num\">" NONE "</td>", pg->fp);
		return;
	}
	fputs("<td class=\"num\">", pg->fp);
	num(pg, lo, DEC_MEAN, sign);
	fprintf(pg->fp, " %s ", tr(pg, HM_TO));
	num(pg, hi, DEC_MEAN, sign);
	fputs("</td>", pg->fp);
}

static void table_head(const page *pg)
{
	static const int th[] = { HM_TH_ID,    -1,	     HM_TH_MEAN,
				  HM_TH_SD,    HM_TH_CI,     -2,
				  HM_TH_LEVEL, HM_TH_CHANGE, HM_TH_CHANGE_CI };
	size_t k;

	fprintf(pg->fp, "<table><thead><tr><th>%s</th>", tr(pg, HM_TH_WAVE));
	for (k = 0; k < sizeof(th) / sizeof(th[0]); k++) {
		if (th[k] < 0)
			fprintf(pg->fp, "<th class=\"num\">%s</th>",
				th[k] == -1 ? "n" : "%");
		else
			fprintf(pg->fp, "<th%s>%s</th>",
				th[k] == HM_TH_LEVEL ? "" : " class=\"num\"",
				tr(pg, th[k]));
	}
	fprintf(pg->fp, "<th>%s</th></tr></thead><tbody>\n",
		tr(pg, HM_TH_VERDICT));
}

static void table_row(const page *pg, const semm_trend_series *s, size_t j)
{
	const semm_trend_point *p = &s->points[j];
	const semm_compare_unit *c = j ? &s->changes[j - 1] : NULL;
	FILE *fp = pg->fp;

	fprintf(fp, "<tr><td>%zu", p->wave);
	if (p->label) {
		fputs(" <span class=\"muted\">", fp);
		semm__hist_html_text(fp, p->label);
		fputs("</span>", fp);
	}
	fprintf(fp,
		"</td><td class=\"num\">%lld</td><td class=\"num\">%zu</td>",
		p->assessment, p->n);
	td_num(pg, p->mean, DEC_MEAN, 0);
	td_num(pg, p->sd, DEC_MEAN, 0);
	td_interval(pg, p->ci_lo, p->ci_hi, 0);
	td_num(pg, p->percent, DEC_PCT, 0);
	fputs("<td class=\"lvl\">", fp);
	if (p->has_level) {
		fprintf(fp, "L%d ", p->level);
		semm__hist_html_text(fp, p->level_name);
	} else {
		fputs(NONE, fp);
	}
	fputs("</td>", fp);
	td_num(pg, c ? c->diff.diff : NAN, DEC_MEAN, 1);
	td_interval(pg, c ? c->diff.ci_lo : NAN, c ? c->diff.ci_hi : NAN, 1);
	fprintf(fp, "<td>%s</td></tr>\n", c ? verdict(pg, c->verdict) : "");
}

static void trend_words(const page *pg, const semm_linfit *fit)
{
	FILE *fp = pg->fp;

	fputs("<p>", fp);
	if (isnan(fit->slope)) {
		fprintf(fp, "%s</p>\n", tr(pg, HM_NO_LINE));
		return;
	}
	fprintf(fp, "%s: <strong>", tr(pg, HM_TREND));
	num(pg, fit->slope, 3, 1);
	fprintf(fp, " %s</strong>", tr(pg, HM_PER_WAVE));
	if (isnan(fit->ci_lo)) {
		fprintf(fp, "; %s.</p>\n", tr(pg, HM_NO_INTERVAL));
		return;
	}
	if (fit->ci_lo == fit->ci_hi) {
		fprintf(fp, ": %s (%zu %s).</p>\n", tr(pg, HM_ON_A_LINE),
			fit->n, tr(pg, HM_WAVES));
		return;
	}
	fprintf(fp, ", %s ", tr(pg, HM_INTERVAL));
	num(pg, fit->ci_lo, 3, 1);
	fprintf(fp, " %s ", tr(pg, HM_TO));
	num(pg, fit->ci_hi, 3, 1);
	fprintf(fp, " (%zu %s): %s.</p>\n", fit->n, tr(pg, HM_WAVES),
		fit->ci_lo > 0.0   ? tr(pg, HM_RISING)
		: fit->ci_hi < 0.0 ? tr(pg, HM_FALLING)
				   : tr(pg, HM_NO_DIRECTION));
}

static void series(const page *pg, const semm_trend_series *s)
{
	FILE *fp = pg->fp;
	frame f = make_frame(s);
	size_t j;

	fputs("<section class=\"trend\"><h2>", fp);
	if (strcmp(s->type, "overall") == 0) {
		fputs(tr(pg, HM_OVERALL), fp);
	} else {
		semm__hist_html_text(fp, s->id);
		if (s->name) {
			fputc(' ', fp);
			semm__hist_html_text(fp, s->name);
		}
		fprintf(fp, " <span class=\"muted\">(%s)</span>",
			tr(pg, strcmp(s->type, "dimension") == 0 ? HM_DIMENSION
								 : HM_ELEMENT));
	}
	fprintf(fp,
		"</h2>\n<svg class=\"trend\" viewBox=\"0 0 %.0f %.0f\" "
		"role=\"img\" aria-label=\"%s\">\n",
		CH_W, CH_H, tr(pg, HM_ARIA));
	svg_axes(pg, &f, s);
	svg_series(fp, &f, s);
	fputs("</svg>\n", fp);
	trend_words(pg, &s->fit);
	table_head(pg);
	for (j = 0; j < s->n_points; j++)
		table_row(pg, s, j);
	fputs("</tbody></table>\n</section>\n", fp);
}

void semm__history_write_html(const semm_trend *t, FILE *fp)
{
	page pg = { fp, SEMM__LANG_EN };
	size_t i;

	if (t->lang)
		semm__lang_find(t->lang, &pg.lang);
	fprintf(fp,
		"<!DOCTYPE html>\n<html lang=\"%s\"><head><meta "
		"charset=\"utf-8\"><meta name=\"viewport\" "
		"content=\"width=device-width, initial-scale=1\">\n<title>",
		semm__lang_code(pg.lang));
	semm__hist_html_text(fp, t->group);
	fprintf(fp, " %s</title>\n<style>\n", tr(&pg, HM_OVER_TIME));
	semm__html_style(fp);
	/* a unit's chart, verdict and table stay together; two units to
	 * most printed pages */
	fprintf(fp, "svg.trend{width:100%%;max-width:%.0fpx;height:auto}\n",
		CH_W);
	fputs("section.trend{break-inside:avoid}\n"
	      "@media print{svg.trend{max-width:130mm}"
	      "section.trend h2{margin-top:1rem}}\n"
	      "</style></head><body>\n<h1>",
	      fp);
	semm__hist_html_text(fp, t->group);
	fprintf(fp, " %s</h1>\n<p>%s</p>\n", tr(&pg, HM_OVER_TIME),
		tr(&pg, HM_INTRO));
	for (i = 0; i < t->n_warnings; i++) {
		fputs("<p class=\"flag\">", fp);
		semm__hist_html_text(fp, t->warnings[i]);
		fputs("</p>\n", fp);
	}
	for (i = 0; i < t->n_series; i++)
		series(&pg, &t->series[i]);
	fputs("</body></html>\n", fp);
}

size_t semm__history_html_msg_check(void)
{
	return semm__msg_check(msgs, HM_COUNT) == HM_COUNT ? 0 : 1;
}
