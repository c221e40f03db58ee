/*
 * report_ratings.c - assessor ratings in the reports: the "ratings"
 * section of report.json and the table of ratings.csv (and of the
 * workbook's Ratings sheet): per rated organization, element and
 * assessor the rating with its evidence, documents and date, beside the
 * assessors' mean and the survey's figure; per organization the
 * agreement between its assessors.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "score/ratings.h"

/* Separates the document references in one CSV cell. */
#define DOCUMENT_SEPARATOR " | "

static void level_of(semm__jw *w, const semm_result *res, const char *key,
		     const char *name_key, int band)
{
	if (band >= 0) {
		semm__jw_size(w, key, (size_t)res->model->bands[band].level);
		semm__jw_string(w, name_key, res->model->bands[band].name);
	} else {
		semm__jw_null(w, key);
		semm__jw_null(w, name_key);
	}
}

static void write_rating(semm__jw *w, const semm_result *res,
			 const semm__rated_org *o, const semm__rating *r)
{
	size_t k;

	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "assessor", o->set->assessors[r->assessor].id);
	semm__jw_string(w, "rated_as", r->by_level ? "level" : "percent");
	level_of(w, res, "level", "level_name", r->band);
	semm__jw_number(w, "percent", r->percent);
	semm__jw_bool(w, "disagrees", semm__rating_disagrees(res, o, r));
	semm__jw_string(w, "date", r->date);
	semm__jw_string(w, "evidence", r->evidence);
	semm__jw_open(w, "documents", '[');
	for (k = 0; k < r->n_documents; k++)
		semm__jw_string(w, NULL, r->documents[k]);
	semm__jw_close(w, ']');
	semm__jw_close(w, '}');
}

static void write_element(semm__jw *w, const semm_result *res,
			  const semm__rated_org *o, size_t e)
{
	const semm__rated_elem *x = &o->elems[e];
	size_t a;

	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "element", res->model->elems[e].id);
	semm__jw_string(w, "name", res->model->elems[e].name);
	semm__jw_size(w, "assessors", x->n);
	semm__jw_number(w, "mean_percent", x->mean_percent);
	level_of(w, res, "mean_level", "mean_level_name", x->mean_band);
	semm__jw_number(w, "survey_percent", x->survey_percent);
	level_of(w, res, "survey_level", "survey_level_name", x->survey_band);
	if (x->survey_band >= 0)
		semm__jw_size(w, "levels_apart", (size_t)x->max_apart);
	else
		semm__jw_null(w, "levels_apart");
	semm__jw_bool(w, "disagree", x->disagree);
	semm__jw_open(w, "ratings", '[');
	for (a = 0; a < o->set->n_assessors; a++) {
		const semm__rating *r = semm__rating_at(o->set, a, e);

		if (r)
			write_rating(w, res, o, r);
	}
	semm__jw_close(w, ']');
	semm__jw_close(w, '}');
}

static void write_kalpha(semm__jw *w, const char *key, const semm_kalpha *a,
			 const semm_kalpha_boot *b)
{
	semm__jw_open(w, key, '{');
	semm__jw_number(w, "alpha", a->alpha);
	semm__jw_size(w, "units", a->units);
	semm__jw_size(w, "values", a->values);
	semm__write_pair(w, "ci", b->lo, b->hi);
	semm__jw_size(w, "resamples_used", b->used);
	semm__jw_string(w, "reason", a->reason ? a->reason : b->reason);
	semm__jw_close(w, '}');
}

static void write_agreement(semm__jw *w, const semm__rated_org *o)
{
	const semm__rated_agree *g = &o->agree;

	semm__jw_open(w, "agreement", '{');
	semm__jw_string(w, "reason", g->reason);
	if (!g->reason) {
		write_kalpha(w, "alpha_ordinal", &g->ordinal, &g->ordinal_boot);
		write_kalpha(w, "alpha_interval", &g->interval,
			     &g->interval_boot);
		semm__jw_open(w, "icc", '{');
		semm__jw_size(w, "elements", g->icc.n);
		semm__jw_size(w, "assessors", g->icc.k);
		semm__jw_number(w, "bms", g->icc.bms);
		semm__jw_number(w, "jms", g->icc.jms);
		semm__jw_number(w, "ems", g->icc.ems);
		semm__jw_number(w, "icc_2_1", g->icc.single);
		semm__write_pair(w, "icc_2_1_ci", g->icc.single_ci[0],
				 g->icc.single_ci[1]);
		semm__jw_number(w, "icc_2_k", g->icc.average);
		semm__write_pair(w, "icc_2_k_ci", g->icc.average_ci[0],
				 g->icc.average_ci[1]);
		semm__jw_number(w, "df", g->icc.df);
		semm__jw_string(w, "reason", g->icc.reason);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, '}');
}

static void write_org(semm__jw *w, const semm_result *res,
		      const semm__rated_org *o)
{
	const semm_ratings *s = o->set;
	size_t a, e;

	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "organization", s->organization);
	semm__jw_string(w, "source", s->source);
	semm__jw_string(w, "group",
			o->group >= 0 ? res->groups[o->group].id : NULL);
	semm__jw_open(w, "assessors", '[');
	for (a = 0; a < s->n_assessors; a++) {
		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "id", s->assessors[a].id);
		semm__jw_string(w, "name", s->assessors[a].name);
		semm__jw_string(w, "role",
				s->assessors[a].external ? "external"
							 : "internal");
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
	semm__jw_open(w, "elements", '[');
	for (e = 0; e < res->model->n_elems; e++) {
		if (o->elems[e].n > 0)
			write_element(w, res, o, e);
	}
	semm__jw_close(w, ']');
	write_agreement(w, o);
	semm__jw_close(w, '}');
}

void semm__write_ratings(semm__jw *w, const semm_result *res)
{
	const struct semm__ratings_res *rr = res->ratings;
	size_t i;

	if (!rr)
		return;
	semm__jw_open(w, "ratings", '{');
	semm__jw_size(w, "disagree_levels", rr->opts.disagree_levels);
	semm__jw_number(w, "ci_level", rr->opts.level);
	semm__jw_open(w, "bootstrap", '{');
	semm__jw_string(w, "unit", "element");
	semm__jw_string(w, "generator", "gsl_rng_mt19937");
	semm__jw_size(w, "replications", rr->opts.boot_replications);
	semm__jw_u64(w, "seed", rr->opts.boot_seed);
	semm__jw_close(w, '}');
	semm__jw_open(w, "organizations", '[');
	for (i = 0; i < rr->n; i++)
		write_org(w, res, &rr->orgs[i]);
	semm__jw_close(w, ']');
	semm__jw_close(w, '}');
}

/* ---- ratings.csv ------------------------------------------------------- */

static const struct {
	const char *name;
	semm__col kind;
} rating_columns[] = {
	{ "organization", SEMM__COL_TEXT },
	{ "group", SEMM__COL_TEXT },
	{ "element", SEMM__COL_TEXT },
	{ "element_name", SEMM__COL_TEXT },
	{ "assessor", SEMM__COL_TEXT },
	{ "assessor_name", SEMM__COL_TEXT },
	{ "role", SEMM__COL_TEXT },
	{ "rated_as", SEMM__COL_TEXT },
	{ "level", SEMM__COL_COUNT },
	{ "level_name", SEMM__COL_TEXT },
	{ "percent", SEMM__COL_PERCENT },
	{ "assessors_mean_percent", SEMM__COL_PERCENT },
	{ "assessors_mean_level", SEMM__COL_COUNT },
	{ "survey_percent", SEMM__COL_PERCENT },
	{ "survey_level", SEMM__COL_COUNT },
	{ "levels_apart", SEMM__COL_COUNT },
	{ "disagrees", SEMM__COL_COUNT },
	{ "date", SEMM__COL_TEXT },
	{ "evidence", SEMM__COL_TEXT },
	{ "documents", SEMM__COL_TEXT },
};

static void put_band(semm__tab *t, const semm_result *res, int band)
{
	if (band >= 0)
		semm__tab_int(t, res->model->bands[band].level);
	else
		semm__tab_empty(t, 1);
}

static int rating_row(semm__tab *t, const semm_result *res,
		      const semm__rated_org *o, const semm__rating *r,
		      semm__buf *docs)
{
	const semm__rated_elem *x = &o->elems[r->element];
	const semm__assessor *a = &o->set->assessors[r->assessor];
	size_t k;
	int rc = SEMM_OK;

	docs->len = 0;
	for (k = 0; rc == SEMM_OK && k < r->n_documents; k++) {
		if (k)
			rc = semm__buf_append(docs, DOCUMENT_SEPARATOR,
					      strlen(DOCUMENT_SEPARATOR));
		if (rc == SEMM_OK)
			rc = semm__buf_append(docs, r->documents[k],
					      strlen(r->documents[k]));
	}
	if (rc == SEMM_OK)
		rc = semm__buf_append(docs, "", 1);
	if (rc < 0)
		return rc;
	semm__tab_text(t, o->set->organization);
	semm__tab_text(t, o->group >= 0 ? res->groups[o->group].id : NULL);
	semm__tab_text(t, res->model->elems[r->element].id);
	semm__tab_text(t, res->model->elems[r->element].name);
	semm__tab_text(t, a->id);
	semm__tab_text(t, a->name);
	semm__tab_text(t, a->external ? "external" : "internal");
	semm__tab_text(t, r->by_level ? "level" : "percent");
	put_band(t, res, r->band);
	semm__tab_text(t,
		       r->band >= 0 ? res->model->bands[r->band].name : NULL);
	semm__tab_number(t, r->percent);
	semm__tab_number(t, x->mean_percent);
	put_band(t, res, x->mean_band);
	semm__tab_number(t, x->survey_percent);
	put_band(t, res, x->survey_band);
	if (x->survey_band >= 0 && r->band >= 0) {
		semm__tab_int(t, abs(r->band - x->survey_band));
		semm__tab_int(t, semm__rating_disagrees(res, o, r));
	} else {
		semm__tab_empty(t, 2);
	}
	semm__tab_text(t, r->date);
	semm__tab_text(t, r->evidence);
	semm__tab_text(t, docs->data);
	semm__tab_end_row(t);
	return SEMM_OK;
}

int semm__tab_ratings(semm__tab *t, const semm_result *res)
{
	semm__buf docs = { NULL, 0, 0 };
	size_t i, e, a;
	int rc = SEMM_OK;

	for (i = 0; i < sizeof(rating_columns) / sizeof(rating_columns[0]); i++)
		semm__tab_column(t, rating_columns[i].name,
				 rating_columns[i].kind);
	semm__tab_end_row(t);
	for (i = 0; rc == SEMM_OK && res->ratings && i < res->ratings->n; i++) {
		const semm__rated_org *o = &res->ratings->orgs[i];

		for (e = 0; rc == SEMM_OK && e < res->model->n_elems; e++) {
			for (a = 0; rc == SEMM_OK && a < o->set->n_assessors;
			     a++) {
				const semm__rating *r =
					semm__rating_at(o->set, a, e);

				if (r)
					rc = rating_row(t, res, o, r, &docs);
			}
		}
	}
	free(docs.data);
	return rc;
}

int semm_report_write_ratings_csv(const semm_result *res, FILE *fp)
{
	semm__tab t;
	int rc;

	semm__tab_init_csv(&t, fp);
	rc = semm__tab_ratings(&t, res);
	if (rc < 0) {
		semm__tab_finish(&t);
		return rc;
	}
	return semm__tab_finish(&t);
}
