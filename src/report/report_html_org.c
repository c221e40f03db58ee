/*
 * report_html_org.c - one organization's part of the HTML report, in the
 * order its reader needs it: a cover, an executive summary on one page
 * (the levels in words, the three strongest and weakest elements, the
 * priorities against targets, how far the numbers can be trusted), the
 * profile (radar chart and the place among peers), the roadmap (the next
 * level of each element to improve, in priority order), the element
 * detail, the answers to each item as diverging bars, and the warnings.
 * Findings are the library's (findings.c); this file only renders them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_html.h"
#include "score/ratings.h"

/* ---- executive summary ---------------------------------------------- */

static void key_figure(const html *h, html_msg label, const char *value,
		       int band)
{
	semm__html_outf(h,
			"<div class=\"keyfig\"><span class=\"label\">%s"
			"</span><span class=\"value\">",
			semm__html_t(h, label));
	if (value)
		semm__html_out(h, value);
	else
		semm__html_level(h, band);
	semm__html_out(h, "</span></div>\n");
}

/* Elements of the group at level band (-1: without a score). */
static size_t count_at(const html *h, const semm__group *gr, int band)
{
	size_t e, n = 0;

	for (e = 0; e < h->res->model->n_elems; e++)
		n += gr->elems[e].level == band;
	return n;
}

/* Their names in words: "A", "A and B", "A, B and C". */
static void names_at(const html *h, const semm__group *gr, int band)
{
	size_t total = count_at(h, gr, band), k = 0, e;

	for (e = 0; e < h->res->model->n_elems; e++) {
		if (gr->elems[e].level != band)
			continue;
		semm__html_out(h, k == 0	   ? ""
				  : k + 1 == total ? semm__html_t(h, M_AND)
						   : ", ");
		semm__html_out(h, "<strong>");
		semm__html_esc(h, semm__html_elem_name(h, e));
		semm__html_out(h, "</strong>");
		k++;
	}
}

/* The levels in words and what holds the organization back. */
static void levels_sentence(const html *h, const semm__group *gr)
{
	const semm_model *m = h->res->model;
	int top = (int)m->n_bands - 1, next = gr->staged + 1;

	semm__html_out(h, "<p class=\"lead\">");
	if (gr->overall.level >= 0) {
		SAY(h, M_PROFILE_IS,
		    semm__html_num(h, gr->overall.percent, DEC_PCT));
		semm__html_level(h, gr->overall.level);
		semm__html_out(h, ". ");
	}
	if (gr->staged < 0) {
		semm__html_msg(h, M_NO_STAGED);
		names_at(h, gr, -1);
		semm__html_msg(h, count_at(h, gr, -1) == 1 ? M_HAS_NO_SCORE
							   : M_HAVE_NO_SCORE);
	} else if (gr->staged == top) {
		semm__html_msg(h, M_STAGED_TOP);
		semm__html_level(h, top);
		semm__html_msg(h, M_STAGED_TOP_END);
	} else {
		semm__html_msg(h, M_STAGED_HELD);
		semm__html_level(h, gr->staged);
		semm__html_msg(h, M_STAGED_BY);
		names_at(h, gr, gr->staged);
		semm__html_msg(h, M_STAGED_WEAKEST);
		semm__html_level(h, next);
		SAY(h,
		    count_at(h, gr, gr->staged) == 1 ? M_STAGED_NEEDS1
						     : M_STAGED_NEEDS,
		    semm__html_numt(h, m->bands[next].min, DEC_PCT));
	}
	semm__html_out(h, "</p>\n");
}

/* Where the profile level places the organization on the model's
 * pyramid: level band b of n reaches layer floor(b * layers / n) + 1. */
static void pyramid_sentence(const html *h, const semm__group *gr)
{
	const semm_model *m = h->res->model;
	size_t reached, k;
	const char *name;

	if (m->n_pyramid == 0 || gr->overall.level < 0)
		return;
	reached = (size_t)gr->overall.level * m->n_pyramid / m->n_bands + 1;
	k = reached - 1;
	name = semm__layer_name_tr(m, k, h->mlang);
	semm__html_out(h, "<p>");
	SAY(h, M_PYRAMID, semm__html_count(h, reached),
	    semm__html_count(h, m->n_pyramid),
	    name ? name : m->pyramid[k].name);
	semm__html_out(h, "</p>\n");
}

/* The indicative implementation stage (ISO/TS 19390's three stages by
 * the engine's rule), as the library words it. */
static void stage_sentence(const html *h, size_t g)
{
	semm__buf b = { 0 };
	int rc = semm__stage_sentence(h->res, g, h->lang, &b);

	if (rc == SEMM_ENOMEM)
		*h->nomem = 1;
	if (rc == SEMM_OK && b.data) {
		semm__html_out(h, "<p class=\"stage\">");
		semm__html_esc(h, b.data);
		semm__html_out(h, "</p>\n");
	}
	semm__buf_free(&b);
}

/* Strengths or weaknesses (findings of kind): a short list. */
static void ranked_list(const html *h, size_t first, size_t end,
			semm_finding_kind kind, html_msg title)
{
	const semm__group *gr;
	size_t i, shown = 0;

	semm__html_outf(h, "<div class=\"col\"><h3>%s</h3>\n<ol>\n",
			semm__html_t(h, title));
	for (i = first; i < end; i++) {
		const semm_finding *f = semm_result_finding(h->res, i);

		if (f->kind != kind)
			continue;
		gr = &h->res->groups[f->group];
		semm__html_out(h, "<li>");
		semm__html_elem_label(h, f->unit);
		semm__html_outf(h, " <span class=\"fig\">%s&nbsp;%%, ",
				semm__html_num(h, f->value, DEC_PCT));
		semm__html_level(h, gr->elems[f->unit].level);
		semm__html_out(h, "</span></li>\n");
		shown++;
	}
	if (!shown)
		semm__html_outf(h, "<li>%s</li>\n",
				semm__html_t(h, M_NONE_SCORED));
	semm__html_out(h, "</ol>\n</div>\n");
}

/* The priorities against targets, as the library ranks them. */
static void priorities(const html *h, const semm__group *gr, size_t first,
		       size_t end)
{
	size_t i, shown = 0;

	semm__html_outf(h, "<h3>%s</h3>\n", semm__html_t(h, M_PRIORITIES));
	if (!semm__html_has_targets(h->res, gr)) {
		semm__html_outf(h, "<p>%s</p>\n",
				semm__html_t(h, M_NO_TARGETS));
		return;
	}
	for (i = first; i < end && shown < 3; i++) {
		const semm_finding *f = semm_result_finding(h->res, i);

		if (f->kind != SEMM_FINDING_PRIORITY)
			continue;
		if (shown++ == 0)
			semm__html_out(h, "<ol class=\"priorities\">\n");
		semm__html_out(h, "<li>");
		semm__html_elem_label(h, f->unit);
		semm__html_out(h, ": ");
		SAY(h, M_PRIORITY_GAP,
		    semm__html_num(h, gr->elems[f->unit].percent, DEC_PCT),
		    semm__html_num(h, f->threshold, DEC_PCT),
		    semm__html_num(h, f->value, DEC_PCT));
		semm__html_out(h, "</li>\n");
	}
	if (shown)
		semm__html_out(h, "</ol>\n");
	else
		semm__html_outf(h, "<p>%s</p>\n",
				semm__html_t(h, M_TARGETS_MET));
}

/* How far the numbers can be trusted, in one sentence, from the
 * group's warnings. */
static void trust_sentence(const html *h, const semm__group *gr, size_t first,
			   size_t end)
{
	size_t i, low = 0, noalpha = 0, cover = 0, parts = 0;
	const char *n_el = semm__html_count(h, h->res->n_in_elems);

	for (i = first; i < end; i++) {
		const semm_finding *f = semm_result_finding(h->res, i);

		if (f->unit_type != SEMM_FINDING_UNIT_ELEMENT)
			continue;
		low += f->kind == SEMM_FINDING_LOW_AGREEMENT;
		noalpha += f->kind == SEMM_FINDING_ALPHA_MISSING;
		cover += f->kind == SEMM_FINDING_COVERAGE;
	}
	semm__html_out(h, "<p class=\"trust\">");
	if (gr->n < h->res->reliability_min_n) {
		SAY(h, M_TRUST_FEW, semm__html_count(h, gr->n));
	} else if (low == 0 && noalpha == 0 && cover == 0) {
		SAY(h, M_TRUST_GOOD, semm__html_count(h, gr->n), n_el);
	} else {
		SAY(h, M_TRUST_CAUTION, semm__html_count(h, gr->n));
		if (low) {
			SAY(h, M_TRUST_DISAGREE, semm__html_count(h, low),
			    n_el);
			parts++;
		}
		if (noalpha) {
			semm__html_out(h, parts++ ? "; " : "");
			SAY(h, M_TRUST_NOALPHA, semm__html_count(h, noalpha),
			    n_el);
		}
		if (cover) {
			semm__html_out(h, parts++ ? "; " : "");
			SAY(h, M_TRUST_COVERAGE, semm__html_count(h, cover),
			    n_el);
		}
		semm__html_msg(h, M_TRUST_END);
	}
	semm__html_out(h, "</p>\n");
}

static void executive_summary(const html *h, size_t g)
{
	const semm__group *gr = &h->res->groups[g];
	size_t first, end;

	semm__group_findings(h->res, g, &first, &end);
	semm__html_outf(h,
			"<div class=\"summary\">\n<h2 id=\"org-%zu-summary\">%s"
			"</h2>\n<div class=\"keyfigs\">\n",
			g + 1, semm__html_t(h, M_EXEC_SUMMARY));
	{
		char pct[SEMM__FMT_BUFSIZE + 16];

		snprintf(pct, sizeof(pct), "%s&nbsp;%%",
			 semm__html_num(h, gr->overall.percent, DEC_PCT));
		key_figure(h, M_OVERALL, pct, 0);
	}
	key_figure(h, M_PROFILE_LEVEL, NULL, gr->overall.level);
	key_figure(h, M_STAGED_LEVEL, NULL, gr->staged);
	key_figure(h, M_RESPONDENTS, semm__html_count(h, gr->n), 0);
	semm__html_out(h, "</div>\n");
	levels_sentence(h, gr);
	pyramid_sentence(h, gr);
	stage_sentence(h, g);
	semm__html_out(h, "<div class=\"cols\">\n");
	ranked_list(h, first, end, SEMM_FINDING_STRENGTH, M_STRENGTHS);
	ranked_list(h, first, end, SEMM_FINDING_WEAKNESS, M_WEAKNESSES);
	semm__html_out(h, "</div>\n");
	priorities(h, gr, first, end);
	trust_sentence(h, gr, first, end);
	semm__html_out(h, "</div>\n");
}

/* ---- profile and peers ------------------------------------------------- */

/* The place among peers per element: a strip from the lowest to the
 * highest peer, the middle half shaded, the median marked and the
 * organization's own percent as a dot; no other organization is named.
 * Withheld with fewer organizations than the anonymity threshold. */
#define STRIP_W 150.0
#define STRIP_H 14.0

static void strip_svg(const html *h, const html_peer *p, double mine)
{
	double x[5], xm;
	size_t k;

	for (k = 0; k < 5; k++)
		x[k] = STRIP_W * p->q[k] / 100.0;
	semm__html_outf(h,
			"<svg class=\"strip\" viewBox=\"0 0 %.0f %.0f\" "
			"width=\"%.0f\" height=\"%.0f\" aria-hidden=\"true\">"
			"<rect x=\"0\" y=\"6\" width=\"%.0f\" height=\"2\" "
			"fill=\"#e3e3e3\"/><line y1=\"7\" y2=\"7\" "
			"stroke=\"#888\" stroke-width=\"2\" x1=\"",
			STRIP_W, STRIP_H, STRIP_W, STRIP_H, STRIP_W);
	semm__html_coord(h, x[0]);
	semm__html_out(h, "\" x2=\"");
	semm__html_coord(h, x[4]);
	semm__html_out(h, "\"/><rect y=\"3\" height=\"8\" fill=\"#c6d9ea\" "
			  "x=\"");
	semm__html_coord(h, x[1]);
	semm__html_out(h, "\" width=\"");
	semm__html_coord(h, x[3] - x[1] > 0.5 ? x[3] - x[1] : 0.5);
	semm__html_out(h, "\"/><line y1=\"1\" y2=\"13\" stroke=\"#333\" "
			  "stroke-width=\"1.5\" x1=\"");
	semm__html_coord(h, x[2]);
	semm__html_out(h, "\" x2=\"");
	semm__html_coord(h, x[2]);
	semm__html_out(h, "\"/>");
	if (isfinite(mine)) {
		xm = STRIP_W * mine / 100.0;
		semm__html_out(h, "<circle r=\"4.5\" cy=\"7\" fill=\"#0072B2\" "
				  "stroke=\"#fff\" stroke-width=\"1\" cx=\"");
		semm__html_coord(h, xm);
		semm__html_out(h, "\"/>");
	}
	semm__html_out(h, "</svg>");
}

/* ---- roadmap ------------------------------------------------------------ */

/* The order of the roadmap: with targets, the elements below target by
 * priority (the library's list); otherwise every element below the top
 * level, lowest percent first. Returns how many. */
static size_t roadmap_order(const html *h, const semm__group *gr, size_t *order,
			    semm_stage *stages)
{
	const semm_model *m = h->res->model;
	size_t n = 0, e, i, j;

	if (semm__html_has_targets(h->res, gr))
		return semm__roadmap(h->res, gr, order, NULL, stages);
	for (e = 0; e < m->n_elems; e++) {
		if (gr->elems[e].level >= 0 &&
		    gr->elems[e].level + 1 < (int)m->n_bands &&
		    h->res->in_elem[e])
			order[n++] = e;
	}
	for (i = 1; i < n; i++) { /* insertion sort, stable */
		size_t v = order[i];

		for (j = i; j > 0 && gr->elems[order[j - 1]].percent >
					     gr->elems[v].percent;
		     j--)
			order[j] = order[j - 1];
		order[j] = v;
	}
	return n;
}

static void roadmap(const html *h, size_t g)
{
	const semm_result *res = h->res;
	const semm_model *m = res->model;
	const semm__group *gr = &res->groups[g];
	size_t order[SEMM_MAX_MODEL_UNITS];
	semm_stage stages[SEMM_MAX_MODEL_UNITS];
	size_t n, i;
	int with_stages = semm__html_has_targets(res, gr);

	n = roadmap_order(h, gr, order, stages);

	semm__html_outf(
		h, "<h2 id=\"org-%zu-roadmap\">%s</h2>\n<p class=\"note\">",
		g + 1, semm__html_t(h, M_ROADMAP));
	semm__html_msg(h, semm__html_has_targets(res, gr) ? M_ROADMAP_TARGETS
							  : M_ROADMAP_LOWEST);
	semm__html_out(h, "</p>\n");
	if (n == 0) {
		semm__html_outf(h, "<p>%s</p>\n",
				semm__html_t(h, M_ROADMAP_NONE));
		return;
	}
	semm__html_out(h, "<ol class=\"roadmap\">\n");
	for (i = 0; i < n; i++) {
		const semm__unit *u = &gr->elems[order[i]];
		int next = u->level + 1;
		const char *d = next < (int)m->n_bands
					? semm__elem_descriptor_tr(m, order[i],
								   (size_t)next,
								   h->mlang)
					: NULL;

		if (with_stages && (i == 0 || stages[i] != stages[i - 1])) {
			semm__html_out(h, "<li class=\"stagehead\">");
			semm__html_esc(h,
				       semm__stage_label(stages[i], h->lang));
			semm__html_out(h, "</li>\n");
		}
		semm__html_out(h, "<li><p class=\"step\">");
		semm__html_elem_label(h, order[i]);
		semm__html_out(h, " <span class=\"fig\">");
		SAY(h, M_ROADMAP_NOW, semm__html_num(h, u->percent, DEC_PCT));
		semm__html_level(h, u->level);
		if (isfinite(u->gap) && u->gap > 0)
			SAY(h, M_ROADMAP_GAP,
			    semm__html_num(h, u->gap, DEC_PCT));
		semm__html_out(h, "</span></p>\n");
		if (next < (int)m->n_bands) {
			semm__html_out(h, "<p class=\"next\">");
			semm__html_msg(h, M_ROADMAP_NEXT);
			semm__html_level(h, next);
			semm__html_out(h, ": ");
			if (d)
				semm__html_esc(h, d);
			else
				semm__html_msg(h, M_NO_DESCRIPTOR);
			semm__html_out(h, "</p>\n");
		}
		semm__html_out(h, "</li>\n");
	}
	semm__html_out(h, "</ol>\n");
}

/* ---- element detail ---------------------------------------------------- */

static void alpha_cell(const html *h, const semm__rel *rel)
{
	semm__html_out(h, "<td class=\"num\">");
	if (isfinite(rel->a.alpha))
		semm__html_fixed(h, rel->a.alpha, DEC_COEF);
	else
		semm__html_outf(
			h, "<span class=\"muted\" title=\"%s\">" NONE "</span>",
			semm__html_reason(h, rel->a.reason));
	semm__html_out(h, "</td>");
}

static void rwg_cell(const html *h, const semm__agree *a)
{
	semm__html_out(h, "<td class=\"num\">");
	if (isfinite(a->r.rwg_j)) {
		if (a->r.rwg_j < h->res->rwg_threshold)
			semm__html_out(h, "<span class=\"flag\">");
		semm__html_fixed(h, a->r.rwg_j, DEC_COEF);
		if (a->r.rwg_j < h->res->rwg_threshold)
			semm__html_out(h, "&nbsp;!</span>");
	} else {
		semm__html_out(h, NONE);
	}
	semm__html_out(h, "</td>");
}

/* Whether the element table compares with the peers: with two
 * organizations or more, and in a participant's report only when
 * enough took part to keep each anonymous. */
static int with_peers(const html *h)
{
	size_t n = h->res->n_groups;

	return n >= 2 && (h->only < 0 || n >= semm__html_min_peers(h));
}

/* One row of the element table: element e, or dimension d (e ==
 * SIZE_MAX), or the overall (both SIZE_MAX). */
static void detail_row(const html *h, size_t g, size_t e, size_t d, int targets,
		       int peers)
{
	const semm_result *res = h->res;
	const semm__group *gr = &res->groups[g];
	const semm__unit *u = e != SIZE_MAX   ? &gr->elems[e]
			      : d != SIZE_MAX ? &gr->dims[d]
					      : &gr->overall;
	double span = res->smax - res->smin;
	html_peer p;

	if (e != SIZE_MAX) {
		semm__html_out(h, "<tr><td class=\"indent\">");
		semm__html_elem_label(h, e);
		semm__html_out(h, "</td>");
	} else {
		semm__html_out(h, "<tr class=\"dim\"><th scope=\"row\">");
		if (d != SIZE_MAX) {
			semm__html_esc(h, semm__html_dim_name(h, d));
			semm__html_out(h, " <span class=\"code\">");
			semm__html_esc(h, res->model->dims[d].id);
			semm__html_out(h, "</span>");
		} else {
			semm__html_msg(h, M_OVERALL);
		}
		semm__html_out(h, "</th>");
	}
	if ((e != SIZE_MAX && !res->in_elem[e]) ||
	    (e == SIZE_MAX && d != SIZE_MAX && !res->in_dim[d])) {
		semm__html_outf(h, "<td colspan=\"%d\" class=\"muted\">",
				6 + 2 * targets + 2 * peers);
		semm__html_esc(h, semm__not_in_scope_label(h->lang));
		semm__html_out(h, "</td></tr>\n");
		return;
	}
	semm__html_outf(h, "<td class=\"num\">%zu</td>", u->d.n);
	semm__html_num_cell(h, u->percent, DEC_PCT);
	semm__html_out(h, "<td class=\"num\">");
	semm__html_interval(h, (u->d.ci95_lo - res->smin) / span * 100.0,
			    (u->d.ci95_hi - res->smin) / span * 100.0, DEC_PCT);
	semm__html_out(h, "</td><td class=\"num\">");
	if (u->level >= 0)
		semm__html_outf(h, "%d", res->model->bands[u->level].level);
	else
		semm__html_out(h, NONE);
	semm__html_out(h, "</td>");
	if (e != SIZE_MAX) {
		alpha_cell(h, &gr->rel_elems[e]);
		rwg_cell(h, &gr->agr_elems[e]);
	} else if (d != SIZE_MAX) {
		alpha_cell(h, &gr->rel_dims[d]);
		rwg_cell(h, &gr->agr_dims[d]);
	} else {
		semm__html_out(h, "<td></td>");
		rwg_cell(h, &gr->agr_overall);
	}
	if (targets) {
		semm__html_num_cell(h, e != SIZE_MAX ? u->target : NAN,
				    DEC_PCT);
		semm__html_num_cell(h, e != SIZE_MAX ? u->gap : NAN, DEC_PCT);
	}
	if (peers) {
		semm__html_out(h, "<td class=\"num\">");
		if (e != SIZE_MAX) {
			semm__html_peer(h, g, e, &p);
			if (p.rank)
				SAY(h, M_RANK_OF, semm__html_count(h, p.rank),
				    semm__html_count(h, p.n));
			else
				semm__html_out(h, NONE);
			semm__html_out(h, "</td><td class=\"barcell\">");
			if (p.n >= 2)
				strip_svg(h, &p, u->percent);
		} else {
			semm__html_out(h, "</td><td>");
		}
		semm__html_out(h, "</td>");
	}
	semm__html_out(h, "</tr>\n");
}

static void element_table(const html *h, size_t g)
{
	const semm_result *res = h->res;
	const semm_model *m = res->model;
	int targets = semm__html_has_targets(res, &res->groups[g]);
	int peers = with_peers(h);
	size_t d, e, b;

	semm__html_outf(h,
			"<h2 id=\"org-%zu-detail\">%s</h2>\n<table "
			"class=\"elements\">\n<thead><tr><th>%s</th>"
			"<th class=\"num\">n</th><th class=\"num\">%%</th>"
			"<th class=\"num\">%s</th><th class=\"num\">%s</th>"
			"<th class=\"num\">&alpha;</th>"
			"<th class=\"num\">r<sub>wg(j)</sub></th>",
			g + 1, semm__html_t(h, M_DETAIL),
			semm__html_t(h, M_ELEMENT), semm__html_t(h, M_CI95),
			semm__html_t(h, M_LEVEL));
	if (targets)
		semm__html_outf(h,
				"<th class=\"num\">%s</th>"
				"<th class=\"num\">%s</th>",
				semm__html_t(h, M_TARGET),
				semm__html_t(h, M_GAP));
	if (peers)
		semm__html_outf(h, "<th class=\"num\">%s</th><th>%s</th>",
				semm__html_t(h, M_RANK),
				semm__html_t(h, M_PEER_RANGE));
	semm__html_out(h, "</tr></thead>\n");
	for (d = 0; d < m->n_dims; d++) {
		semm__html_out(h, "<tbody>\n");
		detail_row(h, g, SIZE_MAX, d, targets, peers);
		for (e = m->dims[d].first;
		     e < m->dims[d].first + m->dims[d].count; e++)
			detail_row(h, g, e, SIZE_MAX, targets, peers);
		semm__html_out(h, "</tbody>\n");
	}
	semm__html_out(h, "<tbody>\n");
	detail_row(h, g, SIZE_MAX, SIZE_MAX, targets, peers);
	semm__html_out(h, "</tbody>\n</table>\n<p class=\"note\">");
	semm__html_msg(h, M_LEVEL);
	semm__html_out(h, ": ");
	for (b = 0; b < m->n_bands; b++) {
		semm__html_out(h, b ? ", " : "");
		semm__html_outf(h, "%d&nbsp;", m->bands[b].level);
		semm__html_esc(h, semm__html_band_name(h, (int)b));
	}
	semm__html_out(h, ". ");
	semm__html_msg(h, M_DETAIL_NOTE);
	if (peers) {
		semm__html_out(h, " ");
		semm__html_msg(h, M_STRIP_KEY);
	} else if (res->n_groups >= 2) {
		semm__html_out(h, " ");
		SAY(h, M_PEERS_WITHHELD, semm__html_count(h, res->n_groups),
		    semm__html_count(h, semm__html_min_peers(h)));
	}
	semm__html_out(h, "</p>\n");
}

/* Where the organization stands in each segment of a benchmark
 * (--benchmark): its percentile and rank among the peers of each
 * segmentation, or why there is none. Segments of fewer organizations
 * than the benchmark's minimum are withheld by the library. */
static void place_cell(const html *h, const semm__bench *b, size_t s, size_t g,
		       size_t u)
{
	semm__place pl;

	semm__bench_place(b, s, g, u, &pl);
	semm__html_out(h, "<td class=\"num\">");
	if (pl.rank) {
		semm__html_fixed(h, pl.percentile, DEC_PCT);
		semm__html_out(h, " <span class=\"rank\">(");
		SAY(h, M_RANK_OF, semm__html_count(h, pl.rank),
		    semm__html_count(h, pl.of));
		semm__html_out(h, ")</span>");
	} else {
		semm__html_outf(h, "<span class=\"muted\">%s</span>",
				semm__html_reason(h, pl.why));
	}
	semm__html_out(h, "</td>");
}

static void benchmark_table(const html *h, size_t g)
{
	const semm__bench *b = h->res->bench;
	const char *type, *id;
	size_t s, u;

	if (!b)
		return;
	semm__html_outf(h, "<h3>%s</h3>\n", semm__html_t(h, M_BENCHMARK));
	if (!b->entered[g]) {
		semm__html_out(h, "<p>");
		SAY(h, M_BENCH_NOT_ENTERED, semm__html_count(h, b->n_resp[g]),
		    semm__html_count(h, b->min_resp));
		semm__html_out(h, "</p>\n");
		return;
	}
	semm__html_out(h, "<p class=\"note\">");
	SAY(h, M_BENCH_NOTE,
	    semm__html_t(h, b->pooled ? M_BENCH_POOLED : M_BENCH_EQUAL),
	    semm__html_count(h, b->min_groups));
	semm__html_outf(h,
			"</p>\n<table class=\"bench\">\n<thead><tr><th>%s</th>"
			"<th class=\"num\">%%</th>",
			semm__html_t(h, M_UNIT));
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
		semm__html_num_cell(h, b->score[g * b->n_units + u], DEC_PCT);
		for (s = 0; s < b->n_segs; s++)
			place_cell(h, b, s, g, u);
		semm__html_out(h, "</tr>\n");
	}
	semm__html_out(h, "</tbody>\n</table>\n");
}

/* ---- answers as diverging bars ------------------------------------------ */

/* Colours of the answer options from the lowest to the highest
 * (ColorBrewer-style diverging, readable in grey by lightness), and of
 * N/A and don't know. */
static const char *const diverging[] = { "#b2182b", "#ef8a62", "#fddbc7",
					 "#e0e0e0", "#d1e5f0", "#67a9cf",
					 "#2166ac" };
#define BAR_W 240.0
#define BAR_H 12.0

/* The colour of answer option k of n (n <= 7): the palette's middle
 * seven spread over the options. */
static const char *option_colour(int k, int n)
{
	static const int pick[8][7] = {
		{ 3 },
		{ 3 },
		{ 1, 5 },
		{ 1, 3, 5 },
		{ 0, 1, 5, 6 },
		{ 0, 1, 3, 5, 6 },
		{ 0, 1, 2, 4, 5, 6 },
		{ 0, 1, 2, 3, 4, 5, 6 },
	};

	return n >= 1 && n <= 7 ? diverging[pick[n][k]] : diverging[3];
}

/* The label of value v of the scale in the questionnaire's language. */
static const char *scale_label(const html *h, const semm__scale *s, int v)
{
	size_t k;
	const char *any = NULL;

	for (k = 0; k < s->n_labels; k++) {
		const semm__label *l = &s->labels[k];

		if (l->value != v || l->synonym)
			continue;
		if (l->lang == h->res->lang)
			return l->text;
		if (!any)
			any = l->text;
	}
	return any;
}

/* One item's bar: the options below the middle to the left of the
 * centre line, those above to the right, the middle option split across
 * it; the shares are of the answers on the scale (N/A, don't know and
 * blank are counted beside the bar). */
static void item_bar(const html *h, const size_t *c, const semm__scale *s)
{
	int n = s->max - s->min + 1, k;
	double total = 0, left = 0, x;
	double mid = (double)(n - 1) / 2.0;

	for (k = 0; k < n; k++)
		total += (double)c[k];
	semm__html_outf(h,
			"<svg class=\"bar\" viewBox=\"0 0 %.0f %.0f\" "
			"width=\"%.0f\" height=\"%.0f\" aria-hidden=\"true\">",
			BAR_W, BAR_H, BAR_W, BAR_H);
	if (total > 0 && n <= 7) {
		/* the share left of the centre: options below the middle and
		 * half of a middle option */
		for (k = 0; k < n; k++)
			left += (double)k < mid	   ? (double)c[k]
				: (double)k == mid ? (double)c[k] / 2.0
						   : 0.0;
		x = BAR_W / 2.0 - BAR_W / 2.0 * left / total;
		for (k = 0; k < n; k++) {
			double w = BAR_W / 2.0 * (double)c[k] / total;

			if (c[k] == 0)
				continue;
			semm__html_outf(h,
					"<rect y=\"1\" height=\"%.0f\" "
					"fill=\"%s\" x=\"",
					BAR_H - 2.0, option_colour(k, n));
			semm__html_coord(h, x);
			semm__html_out(h, "\" width=\"");
			semm__html_coord(h, w);
			semm__html_out(h, "\"/>");
			x += w;
		}
	}
	semm__html_outf(h,
			"<line x1=\"%.0f\" x2=\"%.0f\" y1=\"0\" y2=\"%.0f\" "
			"stroke=\"#333\" stroke-width=\"1\"/></svg>",
			BAR_W / 2.0, BAR_W / 2.0, BAR_H);
}

/* The answer key of the first scale used (a questionnaire usually has
 * one); items on other scales use the same colours low to high. */
static void answers_key(const html *h, const semm__scale *s)
{
	int n = s->max - s->min + 1, k;

	semm__html_out(h, "<p class=\"answer-key\">");
	for (k = 0; k < n && n <= 7; k++) {
		const char *l = scale_label(h, s, s->min + k);

		semm__html_outf(h, "<span><i style=\"background:%s\"></i>",
				option_colour(k, n));
		semm__html_esc(
			h, l ? l : semm__html_count(h, (size_t)(s->min + k)));
		semm__html_out(h, "</span> ");
	}
	semm__html_out(h, "</p>\n");
}

static void answers_section(const html *h, size_t g)
{
	const semm_result *res = h->res;
	const semm_questionnaire *q = res->q;
	const semm__group *gr = &res->groups[g];
	size_t i, e = SIZE_MAX;

	if (!gr->counts || q->n_items == 0)
		return;
	semm__html_outf(
		h, "<h2 id=\"org-%zu-answers\">%s</h2>\n<p class=\"note\">",
		g + 1, semm__html_t(h, M_ANSWERS));
	semm__html_msg(h, M_ANSWERS_NOTE);
	semm__html_out(h, "</p>\n");
	answers_key(h, semm__item_scale(q, 0));
	semm__html_outf(h,
			"<table class=\"answers\">\n<thead><tr><th>%s</th>"
			"<th>%s</th><th class=\"num\">n</th><th class=\"num\">"
			"%s</th><th class=\"num\">%s</th></tr></thead>\n",
			semm__html_t(h, M_STATEMENT),
			semm__html_t(h, M_ANSWER_BAR),
			semm__html_t(h, M_PERCENT), semm__html_t(h, M_NA_DK));
	for (i = 0; i < q->n_items; i++) {
		const size_t *c = gr->counts + i * res->n_counts;
		const semm__scale *s = semm__item_scale(q, i);
		size_t other = c[res->n_counts - 3] + c[res->n_counts - 2];
		size_t on_scale = 0;
		int k;

		for (k = 0; k <= s->max - s->min; k++)
			on_scale += c[k];
		if (q->items[i].element != e) {
			if (e != SIZE_MAX)
				semm__html_out(h, "</tbody>\n");
			e = q->items[i].element;
			semm__html_out(
				h,
				"<tbody><tr class=\"dim\"><th colspan=\"5\">");
			semm__html_elem_label(h, e);
			semm__html_out(h, "</th></tr>\n");
		}
		semm__html_out(h, "<tr>");
		semm__html_statement_cell_open(h);
		semm__html_out(h, "<span class=\"code\">");
		semm__html_esc(h, q->items[i].id);
		semm__html_out(h, "</span> ");
		semm__html_esc(h, semm__html_item_text(h, i));
		if (q->items[i].reverse)
			semm__html_outf(h, " <span class=\"muted\">(%s)</span>",
					semm__html_t(h, M_REVERSE));
		semm__html_out(h, "</td><td class=\"barcell\">");
		item_bar(h, c, s);
		semm__html_outf(h, "</td><td class=\"num\">%zu</td>", on_scale);
		semm__html_num_cell(h, gr->items ? gr->items[i].percent : NAN,
				    DEC_PCT);
		semm__html_outf(h, "<td class=\"num\">%zu</td></tr>\n", other);
	}
	if (e != SIZE_MAX)
		semm__html_out(h, "</tbody>\n");
	semm__html_out(h, "</table>\n");
}

/* ---- warnings ------------------------------------------------------------ */

static void group_warnings(const html *h, size_t g)
{
	size_t first, end;

	semm__group_findings(h->res, g, &first, &end);
	semm__html_outf(h, "<h3>%s</h3>\n<ul class=\"warnings\">\n",
			semm__html_t(h, M_WARNINGS));
	if (semm__html_warning_list(h, first, end) == 0)
		semm__html_outf(h, "<li>%s</li>\n",
				semm__html_t(h, M_NO_WARNINGS));
	semm__html_out(h, "</ul>\n");
}

void semm__html_org_section(const html *h, size_t g)
{
	semm__html_outf(h,
			"<section class=\"org\" id=\"org-%zu\" "
			"aria-labelledby=\"org-%zu-title\">\n"
			"<div class=\"sheet first\">\n",
			g + 1, g + 1);
	semm__html_org_cover(h, g);
	executive_summary(h, g);
	semm__html_outf(h, "<h2 id=\"org-%zu-profile\">%s</h2>\n", g + 1,
			semm__html_t(h, M_PROFILE));
	semm__html_radar_figure(h, g);
	semm__html_out(h, "</div>\n<div class=\"sheet\">\n");
	roadmap(h, g);
	element_table(h, g);
	benchmark_table(h, g);
	semm__html_out(h, "</div>\n<div class=\"sheet\">\n");
	answers_section(h, g);
	group_warnings(h, g);
	if (semm__rated_of_group(h->res, g) >= 0) {
		semm__html_out(h, "</div>\n<div class=\"sheet\">\n");
		semm__html_ratings_section(
			h, (size_t)semm__rated_of_group(h->res, g));
	}
	semm__html_out(h, "</div>\n</section>\n");
}
