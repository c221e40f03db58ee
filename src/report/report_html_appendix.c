/*
 * report_html_appendix.c - the warnings in plain words (for every
 * section) and the HTML report's appendix: data quality (the warnings
 * over all respondents, rejected respondents, responses left out), how
 * much the organizations differ, the items by organization, the
 * parameters and level bands, and the methods.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_html.h"

/* ---- warnings ---------------------------------------------------------- */

static const char *finding_unit(const html *h, const semm_finding *f)
{
	return f->unit_type == SEMM_FINDING_UNIT_DIMENSION
		       ? semm__html_dim_name(h, f->unit)
		       : semm__html_elem_name(h, f->unit);
}

/* The units of the run of findings starting at i, comma-separated; *next
 * gets its end. */
static void run_units(const html *h, size_t i, size_t *next)
{
	size_t k;

	*next = semm__finding_run(h->res, i);
	for (k = i; k < *next; k++) {
		semm__html_out(h, k > i ? ", " : "");
		semm__html_esc(h,
			       finding_unit(h, semm_result_finding(h->res, k)));
	}
}

/* Finding i (a warning) as one list entry; *next gets the finding after
 * those the entry covers. */
static void warning_entry(const html *h, size_t i, size_t *next)
{
	const semm_result *res = h->res;
	const semm_finding *f = semm_result_finding(res, i);

	*next = i + 1;
	semm__html_out(h, "<li>");
	switch (f->kind) {
	case SEMM_FINDING_COLUMNS_IGNORED:
		SAY(h, M_W_IGNORED, semm__html_count(h, f->count), f->text);
		break;
	case SEMM_FINDING_RESPONSES_EXCLUDED:
		SAY(h, f->count == 1 ? M_W_EXCLUDED1 : M_W_EXCLUDED,
		    semm__html_count(h, f->count));
		break;
	case SEMM_FINDING_RESPONDENTS_REJECTED:
		SAY(h, f->count == 1 ? M_W_REJECTED1 : M_W_REJECTED,
		    semm__html_count(h, f->count));
		break;
	case SEMM_FINDING_ITEM_UNANSWERED:
		SAY(h, M_W_UNANSWERED, res->q->items[f->item].id);
		break;
	case SEMM_FINDING_ITEM_AGAINST:
		SAY(h, M_W_AGAINST, res->q->items[f->item].id,
		    finding_unit(h, f),
		    fabs(f->value) < 0.005
			    ? semm__html_t(h, M_JUST_BELOW_0)
			    : semm__html_num(h, f->value, DEC_COEF));
		break;
	case SEMM_FINDING_COVERAGE:
		SAY(h, M_W_COVERAGE, semm__html_count(h, f->count),
		    semm__html_count(h, f->of));
		run_units(h, i, next);
		semm__html_out(h, ".");
		break;
	case SEMM_FINDING_ALPHA_MISSING:
		semm__html_msg(h, M_W_ALPHA);
		run_units(h, i, next);
		semm__html_out(h, ": ");
		semm__html_esc(h, semm__html_reason(h, f->text));
		if (f->of)
			SAY(h, M_W_NEEDED, semm__html_count(h, f->of));
		semm__html_out(h, ".");
		break;
	case SEMM_FINDING_LOW_AGREEMENT:
		SAY(h, M_W_AGREEMENT, finding_unit(h, f),
		    semm__html_num(h, f->value, DEC_COEF),
		    semm__html_num(h, f->threshold, DEC_COEF));
		break;
	default: break;
	}
	semm__html_out(h, "</li>\n");
}

size_t semm__html_warning_list(const html *h, size_t first, size_t end)
{
	size_t i = first, next, said = 0;

	while (i < end) {
		const semm_finding *f = semm_result_finding(h->res, i);

		if (!f->warning) {
			i++;
			continue;
		}
		warning_entry(h, i, &next);
		said++;
		i = next < end ? next : end;
	}
	return said;
}

/* ---- data quality ------------------------------------------------------ */

static void rejected_table(const html *h)
{
	semm__rejected x;
	size_t i;

	semm__html_outf(h, "<h3>%s</h3>\n", semm__html_t(h, M_REJECTED));
	if (!semm__result_rejected(h->res, 0, &x)) {
		semm__html_outf(h, "<p>%s</p>\n",
				semm__html_t(h, M_NONE_REJECTED));
		return;
	}
	semm__html_outf(h,
			"<table class=\"rejected\">\n<thead><tr><th>%s</th>"
			"<th class=\"num\">%s</th><th class=\"num\">%s</th>"
			"<th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
			semm__html_t(h, M_FILE), semm__html_t(h, M_LINE),
			semm__html_t(h, M_COLUMN),
			semm__html_t(h, M_RESPONDENT),
			semm__html_t(h, M_REASON));
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
		semm__html_out(h, "</td><td lang=\"en\">");
		semm__html_esc(h, x.reason);
		semm__html_out(h, "</td></tr>\n");
	}
	semm__html_out(h, "</tbody>\n</table>\n");
}

static void excluded_table(const html *h)
{
	const semm_responses *r = h->res->r;
	size_t i, k;

	if (r->n_excl == 0)
		return;
	semm__html_outf(h, "<h3>%s</h3>\n<p>", semm__html_t(h, M_LEFT_OUT));
	for (i = 0, k = 0; i < SEMM_EXCLUSION_COUNT; i++) {
		size_t n = r->n_excl_by[i];

		if (n == 0)
			continue;
		semm__html_outf(h, "%s%zu ", k++ ? ", " : "", n);
		semm__html_esc(h, semm_exclusion_name((semm_exclusion)i));
	}
	semm__html_outf(h,
			": %s</p>\n<table class=\"rejected\">\n<thead><tr>"
			"<th>%s</th><th class=\"num\">%s</th><th>%s</th>"
			"<th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
			semm__html_t(h, M_LEFT_OUT_WHY),
			semm__html_t(h, M_FILE), semm__html_t(h, M_LINE),
			semm__html_t(h, M_RESPONDENT),
			semm__html_t(h, M_REASON), semm__html_t(h, M_BECAUSE));
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

static void quality_section(const html *h)
{
	size_t groups_start = semm_result_finding_count(h->res), group_end;

	if (h->res->n_groups > 0)
		semm__group_findings(h->res, 0, &groups_start, &group_end);
	semm__html_outf(
		h,
		"<section id=\"quality\" aria-labelledby=\"quality-title\">\n"
		"<h2 id=\"quality-title\">%s</h2>\n<h3>%s</h3>\n"
		"<ul class=\"warnings\">\n",
		semm__html_t(h, M_QUALITY), semm__html_t(h, M_WARNINGS_ALL));
	if (semm__html_warning_list(h, 0, groups_start) == 0)
		semm__html_outf(h, "<li>%s</li>\n", semm__html_t(h, M_NONE));
	semm__html_out(h, "</ul>\n");
	rejected_table(h);
	excluded_table(h);
	semm__html_out(h, "</section>\n");
}

/* ---- differences between organizations ----------------------------------- */

static void icc_row(const html *h, const char *name, const semm_icc *icc)
{
	semm__html_out(h, "<tr><td>");
	semm__html_esc(h, name);
	semm__html_outf(
		h, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>",
		icc->groups, icc->n);
	semm__html_num_cell(h, icc->f, DEC_COEF);
	semm__html_num_cell(h, icc->p, DEC_P);
	semm__html_num_cell(h, icc->icc1, DEC_COEF);
	semm__html_num_cell(h, icc->icc2, DEC_COEF);
	semm__html_out(h, "<td class=\"muted\">");
	semm__html_esc(h, semm__html_reason(h, icc->reason));
	semm__html_out(h, "</td></tr>\n");
}

static void across_section(const html *h)
{
	const semm_result *res = h->res;
	const semm_model *m = res->model;
	size_t i;

	if (res->n_groups < 2)
		return;
	semm__html_outf(
		h,
		"<section id=\"across\" aria-labelledby=\"across-title\">\n"
		"<h2 id=\"across-title\">%s</h2>\n<p>%s</p>\n"
		"<table class=\"icc\">\n<thead><tr><th>%s</th>"
		"<th class=\"num\">%s</th><th class=\"num\">n</th>"
		"<th class=\"num\">F</th><th class=\"num\">p</th>"
		"<th class=\"num\">ICC(1)</th><th class=\"num\">ICC(2)"
		"</th><th>%s</th></tr></thead>\n<tbody>\n",
		semm__html_t(h, M_ACROSS), semm__html_t(h, M_ACROSS_NOTE),
		semm__html_t(h, M_UNIT), semm__html_t(h, M_ORGANIZATIONS),
		semm__html_t(h, M_NOTE));
	icc_row(h, semm__html_t(h, M_OVERALL), &res->icc_overall);
	for (i = 0; i < m->n_dims; i++)
		icc_row(h, semm__html_dim_name(h, i), &res->icc_dims[i]);
	for (i = 0; i < m->n_elems; i++)
		icc_row(h, semm__html_elem_name(h, i), &res->icc_elems[i]);
	semm__html_out(h, "</tbody>\n</table>\n</section>\n");
}

/* Items by organization: rows the items, the organizations in column
 * blocks of at most ITEM_COLS so that every block fits a printed page. */
#define ITEM_COLS 12

static void items_by_org(const html *h)
{
	const semm_result *res = h->res;
	const semm_questionnaire *q = res->q;
	size_t from, g, i, blocks;

	if (res->n_groups < 2 || res->summary)
		return;
	blocks = (res->n_groups + ITEM_COLS - 1) / ITEM_COLS;
	semm__html_outf(
		h,
		"<section id=\"items-by-org\" aria-labelledby="
		"\"items-by-org-title\">\n<h2 id=\"items-by-org-title\">"
		"%s</h2>\n<p>",
		semm__html_t(h, M_ITEMS_BY_ORG));
	SAY(h, M_ITEMS_BY_ORG_NOTE, semm__html_count(h, res->n_groups),
	    semm__html_count(h, blocks));
	semm__html_out(h, "</p>\n");
	for (from = 0; from < res->n_groups; from += ITEM_COLS) {
		size_t to = from + ITEM_COLS < res->n_groups ? from + ITEM_COLS
							     : res->n_groups;

		semm__html_outf(h,
				"<table class=\"heat items-heat\">\n<caption>");
		SAY(h, M_BLOCK, semm__html_count(h, from + 1),
		    semm__html_count(h, to),
		    semm__html_count(h, res->n_groups));
		semm__html_outf(h, "</caption>\n<thead><tr><th>%s</th>",
				semm__html_t(h, M_ITEM));
		for (g = from; g < to; g++) {
			semm__html_out(h, "<th class=\"num org-col\"><span>");
			semm__html_esc(h, res->groups[g].id);
			semm__html_out(h, "</span></th>");
		}
		semm__html_out(h, "</tr></thead>\n<tbody>\n");
		for (i = 0; i < q->n_items; i++) {
			semm__html_out(h, "<tr><td>");
			semm__html_esc(h, q->items[i].id);
			semm__html_out(h, "</td>");
			for (g = from; g < to; g++)
				semm__html_heat_cell(
					h, res->groups[g].items[i].percent);
			semm__html_out(h, "</tr>\n");
		}
		semm__html_out(h, "</tbody>\n</table>\n");
	}
	semm__html_out(h, "</section>\n");
}

/* ---- parameters, levels and methods ------------------------------------ */

static void fact(const html *h, html_msg label)
{
	semm__html_outf(h, "<tr><th scope=\"row\">%s</th><td>",
			semm__html_t(h, label));
}

static void parameters(const html *h)
{
	const semm_result *res = h->res;
	const semm_model *m = res->model;
	const semm_questionnaire *q = res->q;
	const semm_responses *r = res->r;
	size_t i;
	const char *t;

	semm__html_outf(h, "<h3>%s</h3>\n<table class=\"facts\">\n",
			semm__html_t(h, M_PARAMETERS));
	fact(h, M_MODEL);
	t = semm__model_title_tr(m, h->mlang);
	semm__html_esc(h, t ? t : m->title);
	semm__html_out(h, " <span class=\"muted\">(");
	semm__html_esc(h, m->id);
	semm__html_out(h, " ");
	semm__html_esc(h, m->version);
	semm__html_out(h, ")</span></td></tr>\n");
	fact(h, M_SCALE_NAME);
	t = semm__levels_label_tr(m, h->mlang);
	semm__html_esc(h, t ? t : m->levels_label);
	semm__html_out(h, "</td></tr>\n");
	fact(h, M_QUESTIONNAIRE);
	semm__html_esc(h, q->title ? q->title : q->id);
	semm__html_out(h, " <span class=\"muted\">(");
	semm__html_esc(h, q->id);
	semm__html_out(h, " ");
	semm__html_esc(h, q->version);
	semm__html_out(h, ")</span></td></tr>\n");
	fact(h, M_RESPONDENTS);
	SAY(h, M_COUNTS, semm__html_count(h, semm_result_read_count(res)),
	    semm__html_count(h, semm_result_scored_count(res)),
	    semm__html_count(h, semm_result_rejected_count(res)),
	    semm__html_count(
		    h, semm_responses_excluded_count(r, SEMM_EXCLUSION_COUNT)));
	semm__html_out(h, "</td></tr>\n");
	fact(h, M_GROUPED_BY);
	if (res->group_by)
		semm__html_esc(h, res->group_by);
	else
		semm__html_msg(h, M_ONE_GROUP);
	semm__html_out(h, "</td></tr>\n");
	fact(h, M_NA_POLICY);
	if (res->na_policy == SEMM_NA_EXCLUDE)
		semm__html_msg(h, M_NA_EXCLUDE);
	else if (res->na_policy == SEMM_NA_ANCHOR)
		SAY(h, M_NA_ANCHOR,
		    semm__html_numt(h, res->na_anchor_percent, DEC_PCT));
	else
		semm__html_msg(h, M_NA_MIN);
	semm__html_out(h, "</td></tr>\n");
	fact(h, M_COVERAGE);
	SAY(h, M_COVERAGE_TEXT,
	    semm__html_numt(h, res->coverage_min * 100.0, DEC_PCT));
	semm__html_out(h, "</td></tr>\n");
	fact(h, M_SCORE_SCALE);
	SAY(h, M_SCORE_SCALE_TEXT, semm__html_numt(h, res->smin, DEC_MEAN),
	    semm__html_numt(h, res->smax, DEC_MEAN));
	semm__html_out(h, "</td></tr>\n");
	fact(h, M_THRESHOLDS);
	SAY(h, M_THRESHOLDS_TEXT, semm__html_count(h, res->reliability_min_n),
	    semm__html_num(h, res->rwg_threshold, DEC_COEF));
	semm__html_out(h, "</td></tr>\n");
	/* a participant's report names no input: a benchmarking service's
	 * files are often named after the organizations */
	if (h->only < 0) {
		fact(h, M_INPUTS);
		for (i = 0; i < r->n_sources; i++) {
			semm__html_out(h, i ? ", " : "");
			semm__html_esc(h, r->sources[i]);
		}
		semm__html_out(h, "</td></tr>\n");
	}
	semm__html_out(h, "</table>\n");
}

static void levels_table(const html *h)
{
	const semm_model *m = h->res->model;
	size_t b;

	semm__html_outf(h,
			"<h3>%s</h3>\n<p class=\"note\">%s</p>\n<table "
			"class=\"levels\">\n<thead><tr><th>%s</th><th "
			"class=\"num\">%s</th><th class=\"num\">%s</th></tr>"
			"</thead>\n<tbody>\n",
			semm__html_t(h, M_LEVELS),
			semm__html_t(h, M_LEVELS_NOTE),
			semm__html_t(h, M_LEVEL), semm__html_t(h, M_FROM_PCT),
			semm__html_t(h, M_TO_PCT));
	for (b = 0; b < m->n_bands; b++) {
		semm__html_out(h, "<tr><td>");
		semm__html_level(h, (int)b);
		semm__html_out(h, "</td>");
		semm__html_outf(h,
				"<td class=\"num\">%s</td>"
				"<td class=\"num\">%s</td></tr>\n",
				semm__html_numt(h, m->bands[b].min, DEC_PCT),
				semm__html_numt(h, m->bands[b].max, DEC_PCT));
	}
	semm__html_out(h, "</tbody>\n</table>\n");
}

static void methods(const html *h)
{
	static const html_msg terms[][2] = {
		{ M_MT_SCORES, M_MD_SCORES },
		{ M_MT_PERCENT, M_MD_PERCENT },
		{ M_MT_SPREAD, M_MD_SPREAD },
		{ M_MT_RELIABILITY, M_MD_RELIABILITY },
		{ M_MT_AGREEMENT, M_MD_AGREEMENT },
		{ M_MT_ACROSS, M_MD_ACROSS },
		{ M_MT_PEERS, M_MD_PEERS },
		{ M_MT_ANSWERS, M_MD_ANSWERS },
		{ M_MT_RADAR, M_MD_RADAR },
		{ M_MT_ROUNDING, M_MD_ROUNDING },
	};
	size_t k;

	semm__html_outf(h, "<h3>%s</h3>\n<dl class=\"methods\">\n",
			semm__html_t(h, M_METHODS));
	for (k = 0; k < sizeof(terms) / sizeof(terms[0]); k++)
		semm__html_outf(h, "<dt>%s</dt>\n<dd>%s</dd>\n",
				semm__html_t(h, terms[k][0]),
				semm__html_t(h, terms[k][1]));
	semm__html_out(h, "</dl>\n");
}

void semm__html_appendix(const html *h)
{
	semm__html_outf(h,
			"<section id=\"appendix\" class=\"appendix\" "
			"aria-labelledby=\"appendix-title\">\n"
			"<h2 id=\"appendix-title\" class=\"part\">%s</h2>\n",
			semm__html_t(h, M_APPENDIX));
	semm__html_out(
		h,
		"<section id=\"methods\" aria-labelledby=\"methods-title\">\n");
	semm__html_outf(h, "<h2 id=\"methods-title\">%s</h2>\n",
			semm__html_t(h, M_HOW));
	parameters(h);
	levels_table(h);
	methods(h);
	semm__html_out(h, "</section>\n");
	if (h->only < 0) {
		quality_section(h);
		across_section(h);
		items_by_org(h);
		semm__html_aggregation_section(h);
		semm__html_evidence_appendix(h);
	}
	semm__html_out(h, "</section>\n");
}
