/*
 * report_html_agg.c - the HTML report's appendix on aggregation: per
 * unit across groups the verdict with what it rests on (mean rwg(j), the
 * ICC intervals, random group resampling), then per group and unit the
 * agreement indices. Plain tables; report.json has the full figures.
 */
#include <math.h>

#include "report/report_html.h"

static void cell(const html *h, double v, int decimals)
{
	semm__html_out(h, "<td class=\"num\">");
	if (isfinite(v))
		semm__html_fixed(h, v, decimals);
	else
		semm__html_out(h, NONE);
	semm__html_out(h, "</td>");
}

static void interval_cell(const html *h, const double ci[2])
{
	semm__html_out(h, "<td class=\"num\">");
	if (isfinite(ci[0]) && isfinite(ci[1])) {
		semm__html_interval(h, ci[0], ci[1], DEC_COEF);
	} else {
		semm__html_out(h, NONE);
	}
	semm__html_out(h, "</td>");
}

static void text_cell(const html *h, const char *s)
{
	semm__html_out(h, "<td>");
	semm__html_esc(h, s ? s : NONE);
	semm__html_out(h, "</td>");
}

static void unit_cells(const html *h, size_t u, const char **type,
		       const char **id)
{
	const semm_model *m = h->res->model;
	size_t n_e = m->n_elems, n_d = m->n_dims;

	*type = semm__html_t(h, u < n_e		? M_ELEMENT
				: u < n_e + n_d ? M_DIMENSION
						: M_OVERALL);
	*id = u < n_e	      ? m->elems[u].id
	      : u < n_e + n_d ? m->dims[u - n_e].id
			      : "";
}

static void verdict_row(const html *h, size_t u)
{
	const semm_result *res = h->res;
	const semm__aggr *a = &res->aggr[u];
	const semm_icc *icc = u < res->model->n_elems ? &res->icc_elems[u]
			      : u < res->model->n_elems + res->model->n_dims
				      ? &res->icc_dims[u - res->model->n_elems]
				      : &res->icc_overall;
	const char *type, *id;

	unit_cells(h, u, &type, &id);
	semm__html_outf(h, "<tr><td>%s</td>", type);
	text_cell(h, id);
	text_cell(h, a->verdict ? semm__html_reason(h, a->verdict) : NULL);
	cell(h, a->rwg_mean, DEC_COEF);
	cell(h, icc->icc1, DEC_COEF);
	interval_cell(h, a->icc1_ci);
	cell(h, icc->icc2, DEC_COEF);
	interval_cell(h, a->icc2_ci);
	cell(h, a->rgr.z, DEC_COEF);
	cell(h, a->rgr.p, DEC_P);
	semm__html_out(h, "<td class=\"muted\">");
	semm__html_esc(h, semm__html_reason(h, a->verdict_reason
						       ? a->verdict_reason
						       : a->rgr.reason));
	semm__html_out(h, "</td></tr>\n");
}

static void agreement_row(const html *h, const char *group, const char *type,
			  const char *id, const semm__agree *a)
{
	semm__html_out(h, "<tr>");
	text_cell(h, group);
	semm__html_outf(h, "<td>%s</td>", type);
	text_cell(h, id);
	cell(h, a->r.rwg_j, DEC_COEF);
	cell(h, a->rstar, DEC_COEF);
	cell(h, a->ad_m, DEC_COEF);
	cell(h, a->ad_md, DEC_COEF);
	cell(h, semm__ad_cutoff(a), DEC_COEF);
	cell(h, a->awg, DEC_COEF);
	semm__html_out(h, "</tr>\n");
}

static void agreement_table(const html *h)
{
	const semm_result *res = h->res;
	const semm_model *m = res->model;
	size_t g, i;

	semm__html_outf(
		h,
		"<table class=\"agreement\">\n<caption>%s</caption>\n"
		"<thead><tr><th>%s</th><th>%s"
		"</th><th>id</th><th class=\"num\">rwg(j)</th>"
		"<th class=\"num\">r*wg(j)</th><th class=\"num\">AD_M</th>"
		"<th class=\"num\">AD_Md</th><th class=\"num\">%s"
		"</th><th class=\"num\">a_wg(j)</th></tr></thead>\n"
		"<tbody>\n",
		semm__html_t(h, M_AGG_WITHIN), semm__html_t(h, M_ORGANIZATION),
		semm__html_t(h, M_UNIT), semm__html_t(h, M_AD_CUTOFF));
	for (g = 0; g < res->n_groups; g++) {
		const semm__group *gr = &res->groups[g];

		agreement_row(h, gr->id, semm__html_t(h, M_OVERALL), "",
			      &gr->agr_overall);
		for (i = 0; i < m->n_dims; i++)
			agreement_row(h, gr->id, semm__html_t(h, M_DIMENSION),
				      m->dims[i].id, &gr->agr_dims[i]);
		for (i = 0; i < m->n_elems; i++)
			agreement_row(h, gr->id, semm__html_t(h, M_ELEMENT),
				      m->elems[i].id, &gr->agr_elems[i]);
	}
	semm__html_out(h, "</tbody>\n</table>\n");
}

void semm__html_aggregation_section(const html *h)
{
	const semm_result *res = h->res;
	size_t n_u = res->model->n_elems + res->model->n_dims + 1, u;

	semm__html_out(h, "<section id=\"aggregation\" "
			  "aria-labelledby=\"aggregation-title\">\n<h2 "
			  "id=\"aggregation-title\">");
	semm__html_msg(h, M_AGG_TITLE);
	semm__html_out(h, "</h2>\n<p>");
	SAY(h, M_AGG_NOTE, semm__html_num(h, res->rwg_threshold, DEC_COEF),
	    semm__html_num(h, res->icc1_min, DEC_COEF),
	    semm__html_num(h, res->rgr_alpha, DEC_P),
	    semm_rwg_null_name(res->rwg_null));
	semm__html_outf(h,
			"</p>\n<table class=\"verdict\">\n<thead><tr><th>%s"
			"</th><th>id</th><th>%s</th><th class=\"num\">%s</th>"
			"<th class=\"num\">ICC(1)</th><th class=\"num\">%s"
			"</th><th class=\"num\">ICC(2)</th><th class=\"num\">"
			"%s</th><th class=\"num\">RGR z</th><th "
			"class=\"num\">RGR p</th><th>%s</th></tr></thead>\n"
			"<tbody>\n",
			semm__html_t(h, M_UNIT), semm__html_t(h, M_VERDICT),
			semm__html_t(h, M_MEAN_RWG), semm__html_t(h, M_CI95),
			semm__html_t(h, M_CI95), semm__html_t(h, M_NOTE));
	verdict_row(h, n_u - 1);
	for (u = res->model->n_elems; u + 1 < n_u; u++)
		verdict_row(h, u);
	for (u = 0; u < res->model->n_elems; u++)
		verdict_row(h, u);
	semm__html_out(h, "</tbody>\n</table>\n");
	agreement_table(h);
	semm__html_out(h, "</section>\n");
}
