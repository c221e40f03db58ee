/*
 * report_csv.c - writes scores.csv (one row per group x unit) and
 * respondents.csv (one row per scored respondent, in input order).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

static void put_number(FILE *fp, double v)
{
	char buf[64];

	semm__format_number(v, buf, sizeof(buf));
	fputs(buf, fp);
}

static void put_level(FILE *fp, const semm_result *res, int band)
{
	if (band >= 0) {
		fprintf(fp, "%d,", res->model->bands[band].level);
		semm__csv_text(fp, res->model->bands[band].name);
	} else {
		fputc(',', fp);
	}
}

static void put_numbers(FILE *fp, const double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fputc(',', fp);
		put_number(fp, v[i]);
	}
}

static void unit_row(FILE *fp, const semm_result *res, const char *group,
		     const char *type, const char *id, const char *name,
		     const semm__unit *u, int banded)
{
	const semm_describe *d = &u->d;
	const double v[] = { d->mean,	 d->sd,	    d->se,     d->ci95_lo,
			     d->ci95_hi, d->median, d->q1,     d->q3,
			     d->min,	 d->max,    u->percent };

	semm__csv_text(fp, group);
	fprintf(fp, ",%s,", type);
	semm__csv_text(fp, id);
	fputc(',', fp);
	semm__csv_text(fp, name);
	fprintf(fp, ",%zu,%zu", d->n, u->missing);
	put_numbers(fp, v, sizeof(v) / sizeof(v[0]));
	fputc(',', fp);
	if (banded)
		put_level(fp, res, u->level);
	else
		fputc(',', fp);
}

/* The reliability and agreement columns (empty for overall and items). */
static void stats_cells(FILE *fp, const semm_result *res, const semm__rel *rel,
			const semm__agree *agr)
{
	if (!rel) {
		fputs(",,,,,,,\n", fp);
		return;
	}
	{
		const double v[] = { rel->a.alpha,   rel->a.alpha_std,
				     rel->a.ci95_lo, rel->a.ci95_hi,
				     rel->a.mean_r,  agr->r.rwg_j };

		put_numbers(fp, v, sizeof(v) / sizeof(v[0]));
	}
	fputc(',', fp);
	if (!isnan(agr->r.rwg_j))
		fputs(agr->r.rwg_j < res->rwg_threshold ? "yes" : "no", fp);
	fputc('\n', fp);
}

/* Whether element e limits the group (its level is the staged one). */
static int limits(const semm_result *res, const semm__group *gr, size_t e)
{
	int top = (int)res->model->n_bands - 1;

	return gr->staged >= 0 && gr->staged < top &&
	       gr->elems[e].level == gr->staged;
}

/* The limiting elements as one space-separated cell, quoted and guarded
 * like semm__csv_text does for a single text. */
static void limiting_cell(FILE *fp, const semm_result *res,
			  const semm__group *gr)
{
	const semm_model *m = res->model;
	int quote = 0, first = 1;
	const char *p;
	size_t e;

	for (e = 0; e < m->n_elems; e++)
		quote |= limits(res, gr, e) &&
			 strpbrk(m->elems[e].id, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', fp);
	for (e = 0; e < m->n_elems; e++) {
		if (!limits(res, gr, e))
			continue;
		if (!first)
			fputc(' ', fp);
		else if (semm__csv_formula_start(m->elems[e].id[0]))
			fputc('\'', fp);
		for (p = m->elems[e].id; *p; p++) {
			if (*p == '"')
				fputc('"', fp);
			fputc(*p, fp);
		}
		first = 0;
	}
	if (quote)
		fputc('"', fp);
}

static void overall_row(FILE *fp, const semm_result *res, const semm__group *gr)
{
	const semm_model *m = res->model;

	unit_row(fp, res, gr->id, "overall", "overall", "Overall", &gr->overall,
		 1);
	fputc(',', fp);
	if (gr->staged >= 0)
		fprintf(fp, "%d", m->bands[gr->staged].level);
	fputc(',', fp);
	limiting_cell(fp, res, gr);
	stats_cells(fp, res, NULL, NULL);
}

int semm_report_write_scores_csv(const semm_result *res, FILE *fp)
{
	const semm_model *m = res->model;
	const semm_questionnaire *q = res->q;
	size_t g, i;

	fputs("group,unit_type,unit_id,unit_name,n,missing,mean,sd,se,"
	      "ci95_lo,ci95_hi,median,q1,q3,min,max,percent,level,level_name,"
	      "staged_level,limiting_elements,alpha,alpha_std,alpha_ci95_lo,"
	      "alpha_ci95_hi,mean_r,rwg_j,rwg_below_threshold\n",
	      fp);
	for (g = 0; g < res->n_groups; g++) {
		const semm__group *gr = &res->groups[g];

		overall_row(fp, res, gr);
		for (i = 0; i < m->n_dims; i++) {
			unit_row(fp, res, gr->id, "dimension", m->dims[i].id,
				 m->dims[i].name, &gr->dims[i], 1);
			fputs(",,", fp);
			stats_cells(fp, res, &gr->rel_dims[i],
				    &gr->agr_dims[i]);
		}
		for (i = 0; i < m->n_elems; i++) {
			unit_row(fp, res, gr->id, "element", m->elems[i].id,
				 m->elems[i].name, &gr->elems[i], 1);
			fputs(",,", fp);
			stats_cells(fp, res, &gr->rel_elems[i],
				    &gr->agr_elems[i]);
		}
		for (i = 0; i < q->n_items && !res->summary; i++) {
			unit_row(fp, res, gr->id, "item", q->items[i].id,
				 q->items[i].id, &gr->items[i], 0);
			fputs(",,", fp);
			stats_cells(fp, res, NULL, NULL);
		}
	}
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

static void reliability_rows(FILE *fp, const semm_result *res,
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
		const double it[] = { rel->alpha_if_deleted[j],
				      rel->r_drop[j] };

		fprintf(fp, "%s,", scope);
		semm__csv_text(fp, group);
		fprintf(fp, ",%s,", type);
		semm__csv_text(fp, id);
		fprintf(fp, ",%zu,%zu", rel->a.n, rel->k);
		put_numbers(fp, v, sizeof(v) / sizeof(v[0]));
		fputc(',', fp);
		if (items) {
			semm__csv_text(fp, res->q->items[rel->items[j]].id);
			put_numbers(fp, it, 2);
		} else {
			fputs(",,", fp);
		}
		fputc(',', fp);
		if (rel->a.reason)
			semm__csv_text(fp, rel->a.reason);
		fputc('\n', fp);
	}
}

static void reliability_scope(FILE *fp, const semm_result *res,
			      const char *scope, const char *group,
			      const semm__rel *dims, const semm__rel *elems)
{
	const semm_model *m = res->model;
	size_t i;

	for (i = 0; i < m->n_dims; i++)
		reliability_rows(fp, res, scope, group, "dimension",
				 m->dims[i].id, &dims[i]);
	for (i = 0; i < m->n_elems; i++)
		reliability_rows(fp, res, scope, group, "element",
				 m->elems[i].id, &elems[i]);
}

int semm_report_write_reliability_csv(const semm_result *res, FILE *fp)
{
	size_t g;

	fputs("scope,group,unit_type,unit_id,n,k,alpha,alpha_std,"
	      "alpha_ci95_lo,alpha_ci95_hi,mean_r,item,alpha_if_deleted,"
	      "r_drop,reason\n",
	      fp);
	reliability_scope(fp, res, "pooled", "", res->rel_dims, res->rel_elems);
	for (g = 0; g < res->n_groups; g++)
		reliability_scope(fp, res, "group", res->groups[g].id,
				  res->groups[g].rel_dims,
				  res->groups[g].rel_elems);
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

static void icc_row(FILE *fp, const char *type, const char *id,
		    const semm_icc *icc, const semm__aggr *aggr)
{
	const double v[] = { icc->k_bar,      icc->msb,	      icc->msw,
			     icc->df_between, icc->df_within, icc->f,
			     icc->p,	      icc->icc1,      icc->icc2 };

	fprintf(fp, "%s,", type);
	semm__csv_text(fp, id);
	fprintf(fp, ",%zu,%zu", icc->n, icc->groups);
	put_numbers(fp, v, sizeof(v) / sizeof(v[0]));
	fputc(',', fp);
	if (icc->reason)
		semm__csv_text(fp, icc->reason);
	semm__write_aggregation_cells(fp, aggr);
	fputc('\n', fp);
}

int semm_report_write_across_groups_csv(const semm_result *res, FILE *fp)
{
	const semm_model *m = res->model;
	size_t i, n_e = m->n_elems, n_d = m->n_dims;

	fputs("unit_type,unit_id,n,groups,k_bar,msb,msw,df_between,df_within,"
	      "f,p,icc1,icc2,reason,icc1_ci95_lo,icc1_ci95_hi,icc2_ci95_lo,"
	      "icc2_ci95_hi,rgr_groups,rgr_n,rgr_replications,rgr_observed,"
	      "rgr_pseudo_mean,rgr_pseudo_sd,rgr_z,rgr_p,rgr_p_permutation,"
	      "rgr_reason,rwg_groups,rwg_j_mean,agreement,groups_differ,"
	      "beyond_chance,verdict,verdict_reason\n",
	      fp);
	icc_row(fp, "overall", "overall", &res->icc_overall,
		&res->aggr[n_e + n_d]);
	for (i = 0; i < n_d; i++)
		icc_row(fp, "dimension", m->dims[i].id, &res->icc_dims[i],
			&res->aggr[n_e + i]);
	for (i = 0; i < n_e; i++)
		icc_row(fp, "element", m->elems[i].id, &res->icc_elems[i],
			&res->aggr[i]);
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

static void put_scores(FILE *fp, const semm_result *res, const double *u,
		       size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fputc(',', fp);
		if (!isnan(u[i]))
			put_number(fp,
				   res->smin + u[i] * (res->smax - res->smin));
	}
}

/* One row per scored respondent in input order, scored again from the
 * stored answers. */
static int respondent_rows(const semm_result *res, FILE *fp)
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
	for (i = 0; i < r->n; i++) {
		semm__where w;
		uint32_t k = semm__row_group(r, i);
		semm__idref id;

		if (u < res->n_unanswered && res->unanswered[u] == i) {
			u++;
			continue;
		}
		memcpy(&w, semm__chunk_at(&r->where, i), sizeof(w));
		if (w.id) {
			semm__idset_ref(&r->ids, w.id, &id);
			semm__csv_text(fp, id.id);
		}
		fputc(',', fp);
		semm__csv_text(fp, r->sources[w.source]);
		fprintf(fp, ",%llu,", (unsigned long long)w.line);
		g = r->group_role < 0	? 0
		    : k == SEMM__NONE32 ? group[n_keys - 1]
					: group[k];
		semm__csv_text(fp, res->groups[g].id);
		semm__responses_unpack(r, i, codes);
		semm__score_row(res, codes, elem, dim, &o);
		put_scores(fp, res, elem, m->n_elems);
		put_scores(fp, res, dim, m->n_dims);
		put_scores(fp, res, &o, 1);
		fputc('\n', fp);
	}
	rc = SEMM_OK;
done:
	free(group);
	free(codes);
	return rc;
}

int semm_report_write_respondents_csv(const semm_result *res, FILE *fp)
{
	const semm_model *m = res->model;
	size_t i;
	int rc;

	if (!res->r->opts.keep_rows)
		return SEMM_EARG;

	fputs("respondent,source,line,group", fp);
	for (i = 0; i < m->n_elems; i++) {
		fputc(',', fp);
		semm__csv_text(fp, m->elems[i].id);
	}
	for (i = 0; i < m->n_dims; i++) {
		fputc(',', fp);
		semm__csv_text(fp, m->dims[i].id);
	}
	fputs(",overall\n", fp);
	rc = respondent_rows(res, fp);
	return rc < 0 ? rc : ferror(fp) ? SEMM_EIO : SEMM_OK;
}

int semm_report_write_improvements_csv(const semm_result *res, FILE *fp)
{
	const semm_model *m = res->model;
	size_t order[SEMM_MAX_MODEL_UNITS];
	size_t g, i, n;

	fputs("group,rank,element,element_name,percent,level,target,gap,"
	      "priority,next_level,next_level_name,next_level_descriptor\n",
	      fp);
	for (g = 0; g < res->n_groups; g++) {
		const semm__group *gr = &res->groups[g];

		n = semm__improvements(res, gr, order);
		for (i = 0; i < n; i++) {
			const semm__element *el = &m->elems[order[i]];
			const semm__unit *u = &gr->elems[order[i]];
			const double v[] = { u->target, u->gap, u->priority };
			int next = u->level + 1 < (int)m->n_bands ? u->level + 1
								  : -1;

			semm__csv_text(fp, gr->id);
			fprintf(fp, ",%zu,", i + 1);
			semm__csv_text(fp, el->id);
			fputc(',', fp);
			semm__csv_text(fp, el->name);
			fputc(',', fp);
			put_number(fp, u->percent);
			fprintf(fp, ",%d", m->bands[u->level].level);
			put_numbers(fp, v, 3);
			fputc(',', fp);
			if (next >= 0) {
				put_level(fp, res, next);
				fputc(',', fp);
				if (el->descriptors && el->descriptors[next])
					semm__csv_text(fp,
						       el->descriptors[next]);
			} else {
				fputs(",,", fp);
			}
			fputc('\n', fp);
		}
	}
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}
