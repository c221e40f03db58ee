/*
 * report_html_ratings.c - assessor ratings in the HTML report: per rated
 * organization a table of elements by assessors beside the assessors'
 * mean and the survey's figure, with disagreements marked, the
 * agreement between the assessors and the evidence; and an appendix
 * listing every rating's evidence, documents and date. Text in the
 * report's language (semm__msg), numbers through semm__fmt_fixed.
 */
#include <math.h>
#include <string.h>

#include "report/report_html.h"
#include "score/ratings.h"

/* The mark of a rating that disagrees with the survey. */
#define MARK "\xe2\x96\xb2" /* black up-pointing triangle */

enum {
	RM_TITLE,
	RM_ASSESSORS,
	RM_INTERNAL,
	RM_EXTERNAL,
	RM_ELEMENT,
	RM_MEAN,
	RM_SURVEY,
	RM_NO_SURVEY,
	RM_CAPTION,
	RM_LEGEND,
	RM_AGREEMENT,
	RM_STATISTIC,
	RM_VALUE,
	RM_INTERVAL,
	RM_ALPHA_ORD,
	RM_ALPHA_INT,
	RM_ICC21,
	RM_ICC2K,
	RM_AGREE_NOTE,
	RM_RESAMPLES,
	RM_SEED,
	RM_EVIDENCE,
	RM_DOCUMENTS,
	RM_APPENDIX,
	RM_APPENDIX_NOTE,
	RM_ORGANIZATION,
	RM_ASSESSOR,
	RM_RATING,
	RM_DATE,
	RM_LEVEL,
	RM_NONE_RATED,
	RM_COUNT
};

static const semm__msg msgs[RM_COUNT] = {
	[RM_TITLE] = { { "Assessor ratings", "Bewertungen der Assessoren" } },
	[RM_ASSESSORS] = { { "Assessors", "Assessoren" } },
	[RM_INTERNAL] = { { "internal", "intern" } },
	[RM_EXTERNAL] = { { "external", "extern" } },
	[RM_ELEMENT] = { { "Element", "Element" } },
	[RM_MEAN] = { { "Assessors' mean", "Mittel der Assessoren" } },
	[RM_SURVEY] = { { "Survey", "Befragung" } },
	[RM_NO_SURVEY] = { { "rated without a survey",
			     "ohne Befragung bewertet" } },
	[RM_CAPTION] = { { "Each assessor's level and percent per element",
			   "Stufe und Prozent je Element und Assessor" } },
	[RM_LEGEND] = { { "marks a rating whose level lies this many levels or "
			  "more from the survey's level:",
			  "markiert eine Bewertung, deren Stufe mindestens so "
			  "viele Stufen von der Stufe der Befragung "
			  "abweicht:" } },
	[RM_AGREEMENT] = { { "Agreement between the assessors",
			     "\xc3\x9c"
			     "bereinstimmung der Assessoren" } },
	[RM_STATISTIC] = { { "Statistic", "Kennzahl" } },
	[RM_VALUE] = { { "Value", "Wert" } },
	[RM_INTERVAL] = { { "Interval", "Intervall" } },
	[RM_ALPHA_ORD] = { { "Krippendorff's alpha, ordinal (levels)",
			     "Krippendorffs Alpha, ordinal (Stufen)" } },
	[RM_ALPHA_INT] = { { "Krippendorff's alpha, interval (percents)",
			     "Krippendorffs Alpha, intervall (Prozent)" } },
	[RM_ICC21] = { { "ICC(2,1), one assessor (percents)",
			 "ICC(2,1), ein Assessor (Prozent)" } },
	[RM_ICC2K] = { { "ICC(2,k), the assessors' mean (percents)",
			 "ICC(2,k), Mittel der Assessoren (Prozent)" } },
	[RM_AGREE_NOTE] = { { "Alpha's intervals: bootstrap over elements; the "
			      "ICCs' intervals are F-based, over the elements "
			      "every assessor rated.",
			      "Intervalle von Alpha: Bootstrap \xc3\xbc"
			      "ber Elemente; die Intervalle der ICC beruhen auf "
			      "der F-Verteilung, \xc3\xbc"
			      "ber die von allen Assessoren bewerteten "
			      "Elemente." } },
	[RM_RESAMPLES] = { { "resamples", "Stichproben" } },
	[RM_SEED] = { { "seed", "Startwert" } },
	[RM_EVIDENCE] = { { "Evidence", "Nachweise" } },
	[RM_DOCUMENTS] = { { "Documents", "Dokumente" } },
	[RM_APPENDIX] = { { "Appendix: evidence of the assessor ratings",
			    "Anhang: Nachweise der Bewertungen" } },
	[RM_APPENDIX_NOTE] = { { "Every rating with what it rests on; "
				 "ratings.csv has the same rows.",
				 "Jede Bewertung mit ihren Grundlagen; "
				 "ratings.csv enth\xc3\xa4lt dieselben "
				 "Zeilen." } },
	[RM_ORGANIZATION] = { { "Organization", "Organisation" } },
	[RM_ASSESSOR] = { { "Assessor", "Assessor" } },
	[RM_RATING] = { { "Rating", "Bewertung" } },
	[RM_DATE] = { { "Date", "Datum" } },
	[RM_LEVEL] = { { "level", "Stufe" } },
	[RM_NONE_RATED] = { { "not rated", "nicht bewertet" } },
};

const semm__msg *semm__html_ratings_msgs(size_t *n)
{
	*n = RM_COUNT;
	return msgs;
}

static const char *rtr(const html *h, int m)
{
	return semm__tr(&msgs[m], h->res->report_lang);
}

/* v with `decimals` decimals in the report's language, or a dash. */
static void num(const html *h, double v, int decimals)
{
	char buf[SEMM__FMT_BUFSIZE];

	if (!isfinite(v)) {
		semm__html_out(h, NONE);
		return;
	}
	semm__fmt_fixed(buf, v, decimals, h->res->report_lang);
	semm__html_out(h, buf);
}

/* "3 Established · 50.0 %" for band b and percent p. */
static void level_percent(const html *h, int band, double p)
{
	const semm_model *m = h->res->model;

	if (band >= 0) {
		semm__html_outf(h, "%d ", m->bands[band].level);
		semm__html_esc(h, semm__band_name_tr(m, (size_t)band,
						     h->res->model_lang));
		semm__html_out(h, " \xc2\xb7 ");
	}
	num(h, p, DEC_PCT);
	semm__html_out(h, "&nbsp;%");
}

static void element_name(const html *h, size_t e)
{
	const semm_model *m = h->res->model;

	semm__html_esc(h, m->elems[e].id);
	semm__html_out(h, " ");
	semm__html_esc(h, semm__elem_name_tr(m, e, h->res->model_lang));
}

static void assessor_list(const html *h, const semm_ratings *s)
{
	size_t a;

	semm__html_outf(h, "<p>%s: ", rtr(h, RM_ASSESSORS));
	for (a = 0; a < s->n_assessors; a++) {
		if (a)
			semm__html_out(h, "; ");
		semm__html_out(h, "<b>");
		semm__html_esc(h, s->assessors[a].id);
		semm__html_out(h, "</b> ");
		semm__html_esc(h, s->assessors[a].name);
		semm__html_outf(h, " (%s)",
				rtr(h, s->assessors[a].external ? RM_EXTERNAL
								: RM_INTERNAL));
	}
	semm__html_out(h, "</p>\n");
}

static void rating_table(const html *h, const semm__rated_org *o)
{
	const semm_result *res = h->res;
	const semm_ratings *s = o->set;
	size_t a, e;

	semm__html_outf(h,
			"<div class=\"wide\"><table>\n<caption>%s</caption>"
			"\n<tr><th>%s</th>",
			rtr(h, RM_CAPTION), rtr(h, RM_ELEMENT));
	for (a = 0; a < s->n_assessors; a++) {
		semm__html_out(h, "<th>");
		semm__html_esc(h, s->assessors[a].id);
		semm__html_out(h, "<span class=\"sub\">");
		semm__html_esc(h, s->assessors[a].name);
		semm__html_out(h, "</span></th>");
	}
	semm__html_outf(h, "<th>%s</th><th>%s</th></tr>\n", rtr(h, RM_MEAN),
			rtr(h, RM_SURVEY));
	for (e = 0; e < res->model->n_elems; e++) {
		const semm__rated_elem *x = &o->elems[e];

		if (x->n == 0)
			continue;
		semm__html_out(h, "<tr><td>");
		element_name(h, e);
		semm__html_out(h, "</td>");
		for (a = 0; a < s->n_assessors; a++) {
			const semm__rating *r = semm__rating_at(s, a, e);

			if (!r) {
				semm__html_outf(
					h, "<td class=\"muted\">%s</td>", NONE);
				continue;
			}
			if (semm__rating_disagrees(res, o, r)) {
				semm__html_out(h, "<td class=\"lvl flag\">");
				level_percent(h, r->band, r->percent);
				semm__html_out(h, " " MARK "</td>");
			} else {
				semm__html_out(h, "<td class=\"lvl\">");
				level_percent(h, r->band, r->percent);
				semm__html_out(h, "</td>");
			}
		}
		semm__html_out(h, "<td class=\"lvl\">");
		level_percent(h, x->mean_band, x->mean_percent);
		semm__html_out(h, "</td><td class=\"lvl\">");
		if (o->group >= 0)
			level_percent(h, x->survey_band, x->survey_percent);
		else
			semm__html_out(h, NONE);
		semm__html_out(h, "</td></tr>\n");
	}
	semm__html_out(h, "</table></div>\n");
	if (o->group >= 0) {
		semm__html_out(h,
			       "<p class=\"muted\"><span class=\"flag\">" MARK
			       "</span> ");
		semm__html_outf(h, "%s %u", rtr(h, RM_LEGEND),
				res->ratings->opts.disagree_levels);
		semm__html_out(h, "</p>\n");
	} else {
		semm__html_outf(h, "<p class=\"muted\">%s</p>\n",
				rtr(h, RM_NO_SURVEY));
	}
}

static void stat_row(const html *h, int label, double v, double lo, double hi,
		     const char *reason)
{
	semm__html_outf(h, "<tr><td>%s</td><td class=\"num\">", rtr(h, label));
	num(h, v, DEC_COEF);
	semm__html_out(h, "</td><td class=\"num\">");
	if (isfinite(lo) && isfinite(hi)) {
		semm__html_out(h, "[");
		num(h, lo, DEC_COEF);
		semm__html_out(h, "; ");
		num(h, hi, DEC_COEF);
		semm__html_out(h, "]");
	} else {
		semm__html_out(h, NONE);
	}
	semm__html_out(h, "</td><td class=\"muted\">");
	if (reason)
		semm__html_esc(h, reason);
	semm__html_out(h, "</td></tr>\n");
}

static void agreement(const html *h, const semm__rated_org *o)
{
	const semm__rated_agree *g = &o->agree;
	const semm_ratings_options *opt = &h->res->ratings->opts;
	char pct[SEMM__FMT_BUFSIZE];

	semm__html_outf(h, "<h4>%s</h4>\n", rtr(h, RM_AGREEMENT));
	if (g->reason) {
		semm__html_out(h, "<p class=\"muted\">");
		semm__html_esc(h, g->reason);
		semm__html_out(h, "</p>\n");
		return;
	}
	semm__fmt_trimmed(pct, opt->level * 100.0, 1, h->res->report_lang);
	semm__html_outf(h, "<table>\n<tr><th>%s</th><th>%s</th><th>",
			rtr(h, RM_STATISTIC), rtr(h, RM_VALUE));
	semm__html_outf(h, "%s (%s&nbsp;%%)", rtr(h, RM_INTERVAL), pct);
	semm__html_out(h, "</th><th></th></tr>\n");
	stat_row(h, RM_ALPHA_ORD, g->ordinal.alpha, g->ordinal_boot.lo,
		 g->ordinal_boot.hi,
		 g->ordinal.reason ? g->ordinal.reason
				   : g->ordinal_boot.reason);
	stat_row(h, RM_ALPHA_INT, g->interval.alpha, g->interval_boot.lo,
		 g->interval_boot.hi,
		 g->interval.reason ? g->interval.reason
				    : g->interval_boot.reason);
	stat_row(h, RM_ICC21, g->icc.single, g->icc.single_ci[0],
		 g->icc.single_ci[1], g->icc.reason);
	stat_row(h, RM_ICC2K, g->icc.average, g->icc.average_ci[0],
		 g->icc.average_ci[1], NULL);
	semm__html_out(h, "</table>\n<p class=\"muted\">");
	semm__html_outf(h, "%s (%zu %s, %s %lu)", rtr(h, RM_AGREE_NOTE),
			opt->boot_replications, rtr(h, RM_RESAMPLES),
			rtr(h, RM_SEED), opt->boot_seed);
	semm__html_out(h, "</p>\n");
}

static void documents(const html *h, const semm__rating *r)
{
	size_t k;

	for (k = 0; k < r->n_documents; k++) {
		if (k)
			semm__html_out(h, "; ");
		semm__html_esc(h, r->documents[k]);
	}
}

static void evidence_list(const html *h, const semm__rated_org *o)
{
	const semm_ratings *s = o->set;
	size_t e, a;

	semm__html_outf(h, "<h4>%s</h4>\n<dl class=\"methods\">\n",
			rtr(h, RM_EVIDENCE));
	for (e = 0; e < h->res->model->n_elems; e++) {
		if (o->elems[e].n == 0)
			continue;
		semm__html_out(h, "<dt>");
		element_name(h, e);
		semm__html_out(h, "</dt>\n");
		for (a = 0; a < s->n_assessors; a++) {
			const semm__rating *r = semm__rating_at(s, a, e);

			if (!r)
				continue;
			semm__html_out(h, "<dd><b>");
			semm__html_esc(h, s->assessors[a].id);
			semm__html_out(h, "</b> (");
			semm__html_esc(h, r->date);
			semm__html_out(h, "): ");
			semm__html_esc(h, r->evidence);
			if (r->n_documents) {
				semm__html_outf(h,
						" <span class=\"muted\">%s: ",
						rtr(h, RM_DOCUMENTS));
				documents(h, r);
				semm__html_out(h, "</span>");
			}
			semm__html_out(h, "</dd>\n");
		}
	}
	semm__html_out(h, "</dl>\n");
}

void semm__html_ratings_section(const html *h, size_t k)
{
	const semm__rated_org *o;

	if (!h->res->ratings || k >= h->res->ratings->n)
		return;
	o = &h->res->ratings->orgs[k];
	semm__html_outf(
		h, "<section class=\"ratings\">\n<h3>%s: ", rtr(h, RM_TITLE));
	semm__html_esc(h, o->set->organization);
	semm__html_out(h, "</h3>\n");
	assessor_list(h, o->set);
	rating_table(h, o);
	agreement(h, o);
	evidence_list(h, o);
	semm__html_out(h, "</section>\n");
}

void semm__html_evidence_appendix(const html *h)
{
	const semm_result *res = h->res;
	size_t i, e, a;

	if (!res->ratings || res->ratings->n == 0)
		return;
	semm__html_outf(h,
			"<section class=\"evidence\">\n<h2>%s</h2>\n"
			"<p class=\"muted\">%s</p>\n<div class=\"wide\">"
			"<table>\n<tr><th>%s</th><th>%s</th><th>%s</th>"
			"<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
			rtr(h, RM_APPENDIX), rtr(h, RM_APPENDIX_NOTE),
			rtr(h, RM_ORGANIZATION), rtr(h, RM_ELEMENT),
			rtr(h, RM_ASSESSOR), rtr(h, RM_RATING), rtr(h, RM_DATE),
			rtr(h, RM_EVIDENCE), rtr(h, RM_DOCUMENTS));
	for (i = 0; i < res->ratings->n; i++) {
		const semm__rated_org *o = &res->ratings->orgs[i];

		for (e = 0; e < res->model->n_elems; e++) {
			for (a = 0; a < o->set->n_assessors; a++) {
				const semm__rating *r =
					semm__rating_at(o->set, a, e);

				if (!r)
					continue;
				semm__html_out(h, "<tr><td>");
				semm__html_esc(h, o->set->organization);
				semm__html_out(h, "</td><td>");
				semm__html_esc(h, res->model->elems[e].id);
				semm__html_out(h, "</td><td>");
				semm__html_esc(h, o->set->assessors[a].id);
				semm__html_out(h, "</td><td class=\"lvl\">");
				level_percent(h, r->band, r->percent);
				semm__html_out(h, "</td><td class=\"nowrap\">");
				semm__html_esc(h, r->date);
				semm__html_out(h, "</td><td>");
				semm__html_esc(h, r->evidence);
				semm__html_out(h, "</td><td>");
				documents(h, r);
				semm__html_out(h, "</td></tr>\n");
			}
		}
	}
	semm__html_out(h, "</table></div>\n</section>\n");
}
