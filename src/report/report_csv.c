/*
 * report_csv.c - the tables of the CSV files: scores (one row per group
 * x unit), respondents (one row per scored respondent, in input order),
 * reliability, across groups and improvements. Each is built once
 * through a table (table.c), written as CSV here and as a sheet of
 * report.xlsx by report_xlsx.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

static void put_level(semm__tab *t, const semm_result *res, int band)
{
	if (band >= 0) {
		semm__tab_int(t, res->model->bands[band].level);
		semm__tab_text(t, res->model->bands[band].name);
	} else {
		semm__tab_empty(t, 2);
	}
}

static void unit_row(semm__tab *t, const semm_result *res, const char *group,
		     const char *type, const char *id, const char *name,
		     const semm__unit *u, int banded)
{
	const semm_describe *d = &u->d;
	const double v[] = { d->mean,	 d->sd,	    d->se,     d->ci95_lo,
			     d->ci95_hi, d->median, d->q1,     d->q3,
			     d->min,	 d->max,    u->percent };

	semm__tab_text(t, group);
	semm__tab_text(t, type);
	semm__tab_text(t, id);
	semm__tab_text(t, name);
	semm__tab_count(t, d->n);
	semm__tab_count(t, u->missing);
	semm__tab_numbers(t, v, sizeof(v) / sizeof(v[0]));
	if (banded)
		put_level(t, res, u->level);
	else
		semm__tab_empty(t, 2);
}

/* The reliability and agreement columns (empty for overall and items). */
static void stats_cells(semm__tab *t, const semm_result *res,
			const semm__rel *rel, const semm__agree *agr)
{
	if (!rel) {
		semm__tab_empty(t, 7);
		return;
	}
	{
		const double v[] = { rel->a.alpha,   rel->a.alpha_std,
				     rel->a.ci95_lo, rel->a.ci95_hi,
				     rel->a.mean_r,  agr->r.rwg_j };

		semm__tab_numbers(t, v, sizeof(v) / sizeof(v[0]));
	}
	semm__tab_text(t, isnan(agr->r.rwg_j)		      ? NULL
			  : agr->r.rwg_j < res->rwg_threshold ? "yes"
							      : "no");
}

/* The last cells of a row: in scope or not, and a stage (the group's
 * on its overall row, the roadmap's for an element, none otherwise). */
static void scope_cells(semm__tab *t, int in, semm_stage stage)
{
	semm__tab_text(t, in ? "yes" : "no");
	semm__tab_text(t, semm_stage_name(stage));
	semm__tab_end_row(t);
}

/* Whether element e limits the group (its level is the staged one). */
static int limits(const semm_result *res, const semm__group *gr, size_t e)
{
	int top = (int)res->model->n_bands - 1;

	return gr->staged >= 0 && gr->staged < top &&
	       gr->elems[e].level == gr->staged;
}

/* The limiting elements as one space-separated cell. */
static void limiting_cell(semm__tab *t, const semm_result *res,
			  const semm__group *gr)
{
	const semm_model *m = res->model;
	const char *ids[SEMM_MAX_MODEL_UNITS];
	size_t e, n = 0;

	for (e = 0; e < m->n_elems && n < SEMM_MAX_MODEL_UNITS; e++) {
		if (limits(res, gr, e))
			ids[n++] = m->elems[e].id;
	}
	semm__tab_words(t, ids, n);
}

static void overall_row(semm__tab *t, const semm_result *res,
			const semm__group *gr)
{
	const semm_model *m = res->model;

	unit_row(t, res, gr->id, "overall", "overall", "Overall", &gr->overall,
		 1);
	if (gr->staged >= 0)
		semm__tab_int(t, m->bands[gr->staged].level);
	else
		semm__tab_empty(t, 1);
	limiting_cell(t, res, gr);
	stats_cells(t, res, NULL, NULL);
	scope_cells(t, 1, gr->stage.stage);
}

static const struct {
	const char *name;
	semm__col kind;
} score_columns[] = {
	{ "group", SEMM__COL_TEXT },
	{ "unit_type", SEMM__COL_TEXT },
	{ "unit_id", SEMM__COL_TEXT },
	{ "unit_name", SEMM__COL_TEXT },
	{ "n", SEMM__COL_COUNT },
	{ "missing", SEMM__COL_COUNT },
	{ "mean", SEMM__COL_SCORE },
	{ "sd", SEMM__COL_SCORE },
	{ "se", SEMM__COL_SCORE },
	{ "ci95_lo", SEMM__COL_SCORE },
	{ "ci95_hi", SEMM__COL_SCORE },
	{ "median", SEMM__COL_SCORE },
	{ "q1", SEMM__COL_SCORE },
	{ "q3", SEMM__COL_SCORE },
	{ "min", SEMM__COL_SCORE },
	{ "max", SEMM__COL_SCORE },
	{ "percent", SEMM__COL_PERCENT },
	{ "level", SEMM__COL_COUNT },
	{ "level_name", SEMM__COL_TEXT },
	{ "staged_level", SEMM__COL_COUNT },
	{ "limiting_elements", SEMM__COL_TEXT },
	{ "alpha", SEMM__COL_STAT },
	{ "alpha_std", SEMM__COL_STAT },
	{ "alpha_ci95_lo", SEMM__COL_STAT },
	{ "alpha_ci95_hi", SEMM__COL_STAT },
	{ "mean_r", SEMM__COL_STAT },
	{ "rwg_j", SEMM__COL_STAT },
	{ "rwg_below_threshold", SEMM__COL_TEXT },
	{ "in_scope", SEMM__COL_TEXT },
	{ "implementation_stage", SEMM__COL_TEXT },
};

void semm__tab_scores(semm__tab *t, const semm_result *res)
{
	semm__tab_scores_of(t, res, -1);
}

void semm__tab_scores_of(semm__tab *t, const semm_result *res, long only)
{
	const semm_model *m = res->model;
	const semm_questionnaire *q = res->q;
	size_t g, i;

	for (i = 0; i < sizeof(score_columns) / sizeof(score_columns[0]); i++)
		semm__tab_column(t, score_columns[i].name,
				 score_columns[i].kind);
	semm__tab_end_row(t);
	for (g = 0; g < res->n_groups; g++) {
		const semm__group *gr = &res->groups[g];

		if (only >= 0 && (size_t)only != g)
			continue;
		overall_row(t, res, gr);
		for (i = 0; i < m->n_dims; i++) {
			unit_row(t, res, gr->id, "dimension", m->dims[i].id,
				 m->dims[i].name, &gr->dims[i], 1);
			semm__tab_empty(t, 2);
			stats_cells(t, res, &gr->rel_dims[i], &gr->agr_dims[i]);
			scope_cells(t, res->in_dim[i], SEMM_STAGE_NONE);
		}
		for (i = 0; i < m->n_elems; i++) {
			unit_row(t, res, gr->id, "element", m->elems[i].id,
				 m->elems[i].name, &gr->elems[i], 1);
			semm__tab_empty(t, 2);
			stats_cells(t, res, &gr->rel_elems[i],
				    &gr->agr_elems[i]);
			scope_cells(t, res->in_elem[i],
				    semm_result_element_stage(res, g, i));
		}
		for (i = 0; i < q->n_items && !res->summary; i++) {
			unit_row(t, res, gr->id, "item", q->items[i].id,
				 q->items[i].id, &gr->items[i], 0);
			semm__tab_empty(t, 2);
			stats_cells(t, res, NULL, NULL);
			scope_cells(t, res->in_elem[q->items[i].element],
				    SEMM_STAGE_NONE);
		}
	}
}

int semm_report_write_scores_csv(const semm_result *res, FILE *fp)
{
	semm__tab t;

	semm__tab_init_csv(&t, fp);
	semm__tab_scores(&t, res);
	return semm__tab_finish(&t);
}

static void reliability_rows(semm__tab *t, const semm_result *res,
			     const char *scope, const char *group,
			     const char *type, const char *id,
			     const semm__rel *rel)
{
	int items = !res->summary || !group[0];
	size_t j;

	for (j = 0; j < (items ? rel->k : 1); j++) {
		const double v[] = { rel->a.alpha, rel->a.alpha_std,
				     rel->a.ci95_lo, rel->a.ci95_hi,
				     rel->a.mean_r };

		semm__tab_text(t, scope);
		semm__tab_text(t, group);
		semm__tab_text(t, type);
		semm__tab_text(t, id);
		semm__tab_count(t, rel->a.n);
		semm__tab_count(t, rel->k);
		semm__tab_numbers(t, v, sizeof(v) / sizeof(v[0]));
		if (items) {
			semm__tab_text(t, res->q->items[rel->items[j]].id);
			semm__tab_number(t, rel->alpha_if_deleted[j]);
			semm__tab_number(t, rel->r_drop[j]);
		} else {
			semm__tab_empty(t, 3);
		}
		semm__tab_text(t, rel->a.reason);
		semm__tab_end_row(t);
	}
}

static void reliability_scope(semm__tab *t, const semm_result *res,
			      const char *scope, const char *group,
			      const semm__rel *dims, const semm__rel *elems)
{
	const semm_model *m = res->model;
	size_t i;

	for (i = 0; i < m->n_dims; i++)
		reliability_rows(t, res, scope, group, "dimension",
				 m->dims[i].id, &dims[i]);
	for (i = 0; i < m->n_elems; i++)
		reliability_rows(t, res, scope, group, "element",
				 m->elems[i].id, &elems[i]);
}

static const struct {
	const char *name;
	semm__col kind;
} reliability_columns[] = {
	{ "scope", SEMM__COL_TEXT },
	{ "group", SEMM__COL_TEXT },
	{ "unit_type", SEMM__COL_TEXT },
	{ "unit_id", SEMM__COL_TEXT },
	{ "n", SEMM__COL_COUNT },
	{ "k", SEMM__COL_COUNT },
	{ "alpha", SEMM__COL_STAT },
	{ "alpha_std", SEMM__COL_STAT },
	{ "alpha_ci95_lo", SEMM__COL_STAT },
	{ "alpha_ci95_hi", SEMM__COL_STAT },
	{ "mean_r", SEMM__COL_STAT },
	{ "item", SEMM__COL_TEXT },
	{ "alpha_if_deleted", SEMM__COL_STAT },
	{ "r_drop", SEMM__COL_STAT },
	{ "reason", SEMM__COL_TEXT },
};

void semm__tab_reliability(semm__tab *t, const semm_result *res)
{
	size_t g, i;

	for (i = 0;
	     i < sizeof(reliability_columns) / sizeof(reliability_columns[0]);
	     i++)
		semm__tab_column(t, reliability_columns[i].name,
				 reliability_columns[i].kind);
	semm__tab_end_row(t);
	reliability_scope(t, res, "pooled", "", res->rel_dims, res->rel_elems);
	for (g = 0; g < res->n_groups; g++)
		reliability_scope(t, res, "group", res->groups[g].id,
				  res->groups[g].rel_dims,
				  res->groups[g].rel_elems);
}

int semm_report_write_reliability_csv(const semm_result *res, FILE *fp)
{
	semm__tab t;

	semm__tab_init_csv(&t, fp);
	semm__tab_reliability(&t, res);
	return semm__tab_finish(&t);
}

static void icc_row(semm__tab *t, const char *type, const char *id,
		    const semm_icc *icc, const semm__aggr *aggr)
{
	const double v[] = { icc->k_bar,      icc->msb,	      icc->msw,
			     icc->df_between, icc->df_within, icc->f,
			     icc->p,	      icc->icc1,      icc->icc2 };

	semm__tab_text(t, type);
	semm__tab_text(t, id);
	semm__tab_count(t, icc->n);
	semm__tab_count(t, icc->groups);
	semm__tab_numbers(t, v, sizeof(v) / sizeof(v[0]));
	semm__tab_text(t, icc->reason);
	semm__tab_aggregation_cells(t, aggr);
	semm__tab_end_row(t);
}

static const struct {
	const char *name;
	semm__col kind;
} icc_columns[] = {
	{ "unit_type", SEMM__COL_TEXT },  { "unit_id", SEMM__COL_TEXT },
	{ "n", SEMM__COL_COUNT },	  { "groups", SEMM__COL_COUNT },
	{ "k_bar", SEMM__COL_POINTS },	  { "msb", SEMM__COL_STAT },
	{ "msw", SEMM__COL_STAT },	  { "df_between", SEMM__COL_COUNT },
	{ "df_within", SEMM__COL_COUNT }, { "f", SEMM__COL_STAT },
	{ "p", SEMM__COL_STAT },	  { "icc1", SEMM__COL_STAT },
	{ "icc2", SEMM__COL_STAT },	  { "reason", SEMM__COL_TEXT },
};

void semm__tab_across_groups(semm__tab *t, const semm_result *res)
{
	const semm_model *m = res->model;
	size_t i, n_e = m->n_elems, n_d = m->n_dims;

	for (i = 0; i < sizeof(icc_columns) / sizeof(icc_columns[0]); i++)
		semm__tab_column(t, icc_columns[i].name, icc_columns[i].kind);
	semm__tab_aggregation_columns(t);
	semm__tab_end_row(t);
	icc_row(t, "overall", "overall", &res->icc_overall,
		&res->aggr[n_e + n_d]);
	for (i = 0; i < n_d; i++)
		icc_row(t, "dimension", m->dims[i].id, &res->icc_dims[i],
			&res->aggr[n_e + i]);
	for (i = 0; i < n_e; i++)
		icc_row(t, "element", m->elems[i].id, &res->icc_elems[i],
			&res->aggr[i]);
}

int semm_report_write_across_groups_csv(const semm_result *res, FILE *fp)
{
	semm__tab t;

	semm__tab_init_csv(&t, fp);
	semm__tab_across_groups(&t, res);
	return semm__tab_finish(&t);
}

static void put_scores(semm__tab *t, const semm_result *res, const double *u,
		       size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		semm__tab_number(t, isnan(u[i])
					    ? NAN
					    : res->smin + u[i] * (res->smax -
								  res->smin));
}

/* One row per scored respondent in input order, scored again from the
 * stored answers. */
static int respondent_rows(semm__tab *t, const semm_result *res)
{
	const semm_model *m = res->model;
	const semm_responses *r = res->r;
	size_t n_keys = r->groups.n + 1, i, u = 0, g;
	double elem[SEMM_MAX_MODEL_UNITS], dim[SEMM_MAX_MODEL_UNITS], o;
	size_t *group = malloc(n_keys * sizeof(size_t));
	uint8_t *codes = malloc(r->n_items ? r->n_items : 1);
	int rc = SEMM_ENOMEM;

	if (!group || !codes)
		goto done;
	for (g = 0; g < res->n_groups; g++) {
		uint32_t k = res->groups[g].key;

		group[k == SEMM__NONE32 ? n_keys - 1 : k] = g;
	}
	for (i = 0; i < r->n && t->rc == SEMM_OK; i++) {
		semm__where w;
		uint32_t k = semm__row_group(r, i);
		semm__idref id;

		if (u < res->n_unanswered && res->unanswered[u] == i) {
			u++;
			continue;
		}
		memcpy(&w, semm__chunk_at(&r->where, i), sizeof(w));
		id.id = NULL;
		if (w.id)
			semm__idset_ref(&r->ids, w.id, &id);
		semm__tab_text(t, id.id);
		semm__tab_text(t, r->sources[w.source]);
		semm__tab_count(t, (unsigned long long)w.line);
		g = r->group_role < 0	? 0
		    : k == SEMM__NONE32 ? group[n_keys - 1]
					: group[k];
		semm__tab_text(t, res->groups[g].id);
		semm__responses_unpack(r, i, codes);
		semm__score_row(res, codes, elem, dim, &o);
		put_scores(t, res, elem, m->n_elems);
		put_scores(t, res, dim, m->n_dims);
		put_scores(t, res, &o, 1);
		semm__tab_end_row(t);
	}
	rc = SEMM_OK;
done:
	free(group);
	free(codes);
	return rc;
}

int semm__tab_respondents(semm__tab *t, const semm_result *res)
{
	const semm_model *m = res->model;
	size_t i;

	semm__tab_column(t, "respondent", SEMM__COL_TEXT);
	semm__tab_column(t, "source", SEMM__COL_TEXT);
	semm__tab_column(t, "line", SEMM__COL_COUNT);
	semm__tab_column(t, "group", SEMM__COL_TEXT);
	for (i = 0; i < m->n_elems; i++)
		semm__tab_column(t, m->elems[i].id, SEMM__COL_SCORE);
	for (i = 0; i < m->n_dims; i++)
		semm__tab_column(t, m->dims[i].id, SEMM__COL_SCORE);
	semm__tab_column(t, "overall", SEMM__COL_SCORE);
	semm__tab_end_row(t);
	return respondent_rows(t, res);
}

int semm_report_write_respondents_csv(const semm_result *res, FILE *fp)
{
	semm__tab t;
	int rc, done;

	if (!res->r->opts.keep_rows)
		return SEMM_EARG;
	semm__tab_init_csv(&t, fp);
	rc = semm__tab_respondents(&t, res);
	done = semm__tab_finish(&t);
	return rc < 0 ? rc : done;
}

static const struct {
	const char *name;
	semm__col kind;
} improvement_columns[] = {
	{ "group", SEMM__COL_TEXT },
	{ "rank", SEMM__COL_COUNT },
	{ "element", SEMM__COL_TEXT },
	{ "element_name", SEMM__COL_TEXT },
	{ "percent", SEMM__COL_PERCENT },
	{ "level", SEMM__COL_COUNT },
	{ "target", SEMM__COL_PERCENT },
	{ "gap", SEMM__COL_POINTS },
	{ "priority", SEMM__COL_POINTS },
	{ "next_level", SEMM__COL_COUNT },
	{ "next_level_name", SEMM__COL_TEXT },
	{ "next_level_descriptor", SEMM__COL_TEXT },
	{ "implementation_stage", SEMM__COL_TEXT },
};

/* The group's roadmap: grouped by stage, by priority within (rank is
 * the priority rank). */
static void improvement_rows(semm__tab *t, const semm_result *res,
			     const semm__group *gr)
{
	const semm_model *m = res->model;
	size_t order[SEMM_MAX_MODEL_UNITS], rank[SEMM_MAX_MODEL_UNITS];
	semm_stage stage[SEMM_MAX_MODEL_UNITS];
	size_t n = semm__roadmap(res, gr, order, rank, stage), i;

	for (i = 0; i < n; i++) {
		const semm__element *el = &m->elems[order[i]];
		const semm__unit *u = &gr->elems[order[i]];
		const double v[] = { u->target, u->gap, u->priority };
		int next = u->level + 1 < (int)m->n_bands ? u->level + 1 : -1;

		semm__tab_text(t, gr->id);
		semm__tab_count(t, rank[i]);
		semm__tab_text(t, el->id);
		semm__tab_text(t, el->name);
		semm__tab_number(t, u->percent);
		semm__tab_int(t, m->bands[u->level].level);
		semm__tab_numbers(t, v, 3);
		put_level(t, res, next);
		semm__tab_text(t, next >= 0 && el->descriptors
					  ? el->descriptors[next]
					  : NULL);
		semm__tab_text(t, semm_stage_name(stage[i]));
		semm__tab_end_row(t);
	}
}

void semm__tab_improvements(semm__tab *t, const semm_result *res)
{
	semm__tab_improvements_of(t, res, -1);
}

void semm__tab_improvements_of(semm__tab *t, const semm_result *res, long only)
{
	size_t g, i;

	for (i = 0;
	     i < sizeof(improvement_columns) / sizeof(improvement_columns[0]);
	     i++)
		semm__tab_column(t, improvement_columns[i].name,
				 improvement_columns[i].kind);
	semm__tab_end_row(t);
	for (g = 0; g < res->n_groups; g++) {
		if (only < 0 || (size_t)only == g)
			improvement_rows(t, res, &res->groups[g]);
	}
}

int semm_report_write_improvements_csv(const semm_result *res, FILE *fp)
{
	semm__tab t;

	semm__tab_init_csv(&t, fp);
	semm__tab_improvements(&t, res);
	return semm__tab_finish(&t);
}
