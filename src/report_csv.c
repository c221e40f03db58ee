/*
 * report_csv.c - writes scores.csv (one row per group x unit) and
 * respondents.csv (one row per scored respondent, in input order).
 */
#include <math.h>
#include <string.h>

#include "internal.h"

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

static void unit_row(FILE *fp, const semm_result *res, const char *group,
		     const char *type, const char *id, const char *name,
		     const semm__unit *u, int banded)
{
	semm__csv_text(fp, group);
	fprintf(fp, ",%s,", type);
	semm__csv_text(fp, id);
	fputc(',', fp);
	semm__csv_text(fp, name);
	fprintf(fp, ",%zu,%zu,", u->d.n, u->missing);
	put_number(fp, u->d.mean);
	fputc(',', fp);
	put_number(fp, u->d.sd);
	fputc(',', fp);
	put_number(fp, u->d.median);
	fputc(',', fp);
	put_number(fp, u->d.min);
	fputc(',', fp);
	put_number(fp, u->d.max);
	fputc(',', fp);
	put_number(fp, u->percent);
	fputc(',', fp);
	if (banded)
		put_level(fp, res, u->level);
	else
		fputc(',', fp);
}

static void overall_row(FILE *fp, const semm_result *res,
			const semm__group *gr)
{
	const semm_model *m = res->model;
	int top = (int)m->n_bands - 1, first = 1;
	size_t e;

	unit_row(fp, res, gr->id, "overall", "overall", "Overall",
		 &gr->overall, 1);
	fputc(',', fp);
	if (gr->staged >= 0)
		fprintf(fp, "%d", m->bands[gr->staged].level);
	fputc(',', fp);
	for (e = 0; e < m->n_elems && gr->staged >= 0 && gr->staged < top; e++) {
		if (gr->elems[e].level != gr->staged)
			continue;
		if (!first)
			fputc(' ', fp);
		fputs(m->elems[e].id, fp);
		first = 0;
	}
	fputc('\n', fp);
}

int semm_report_write_scores_csv(const semm_result *res, FILE *fp)
{
	const semm_model *m = res->model;
	const semm_questionnaire *q = res->q;
	size_t g, i;

	fputs("group,unit_type,unit_id,unit_name,n,missing,mean,sd,median,"
	      "min,max,percent,level,level_name,staged_level,"
	      "limiting_elements\n", fp);
	for (g = 0; g < res->n_groups; g++) {
		const semm__group *gr = &res->groups[g];

		overall_row(fp, res, gr);
		for (i = 0; i < m->n_dims; i++) {
			unit_row(fp, res, gr->id, "dimension", m->dims[i].id,
				 m->dims[i].name, &gr->dims[i], 1);
			fputs(",,\n", fp);
		}
		for (i = 0; i < m->n_elems; i++) {
			unit_row(fp, res, gr->id, "element", m->elems[i].id,
				 m->elems[i].name, &gr->elems[i], 1);
			fputs(",,\n", fp);
		}
		for (i = 0; i < q->n_items; i++) {
			unit_row(fp, res, gr->id, "item", q->items[i].id,
				 q->items[i].id, &gr->items[i], 0);
			fputs(",,\n", fp);
		}
	}
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

static void put_scores(FILE *fp, const semm_result *res, const double *u,
		       size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fputc(',', fp);
		if (!isnan(u[i]))
			put_number(fp, res->smin + u[i] * (res->smax - res->smin));
	}
}

int semm_report_write_respondents_csv(const semm_result *res, FILE *fp)
{
	const semm_model *m = res->model;
	const semm_responses *r = res->r;
	size_t i;

	fputs("respondent,source,line,group", fp);
	for (i = 0; i < m->n_elems; i++)
		fprintf(fp, ",%s", m->elems[i].id);
	for (i = 0; i < m->n_dims; i++)
		fprintf(fp, ",%s", m->dims[i].id);
	fputs(",overall\n", fp);
	for (i = 0; i < res->n_scored; i++) {
		const semm__respondent *p = &r->resp[res->scored[i]];

		semm__csv_text(fp, semm__pool_str(r, p->meta[SEMM_META_RESPONDENT]));
		fputc(',', fp);
		semm__csv_text(fp, r->sources[p->source]);
		fprintf(fp, ",%lu,", p->line);
		semm__csv_text(fp, res->groups[res->group_of[i]].id);
		put_scores(fp, res, res->elem_u + i * m->n_elems, m->n_elems);
		put_scores(fp, res, res->dim_u + i * m->n_dims, m->n_dims);
		put_scores(fp, res, res->overall_u + i, 1);
		fputc('\n', fp);
	}
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}
