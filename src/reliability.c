/*
 * reliability.c - the statistics that say whether the scores can be
 * trusted: Cronbach's alpha of each element's and dimension's items
 * (pooled and within each group), rwg(j) agreement within each group, and
 * across groups ICC(1), ICC(2) with the one-way ANOVA, plus the
 * correlations of dimension scores. Reliability and agreement use the
 * respondents' actual answers: N/A, don't-know and blank are missing
 * whatever the N/A policy, so substituted values never inflate them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const few_cases =
	"fewer complete cases than the reliability minimum";

size_t semm__unit_items(const semm_result *res, int is_dim, size_t index,
			size_t *out)
{
	const semm_questionnaire *q = res->q;
	size_t i, k = 0;

	for (i = 0; i < q->n_items; i++) {
		size_t e = q->items[i].element;

		if ((!is_dim && e == index) ||
		    (is_dim && res->model->elems[e].dimension == index))
			out[k++] = i;
	}
	return k;
}

/* An actual answer after reverse coding, on the item's scale; NAN when
 * blank, N/A or don't know. */
static double answer(const semm_result *res, size_t row, size_t i)
{
	const semm__scale *s = semm__item_scale(res->q, i);
	uint8_t code = res->r->answers[row * res->q->n_items + i];
	int x;

	if (code >= SEMM__ANS_DK)
		return NAN;
	x = res->q->items[i].reverse ? (s->max - s->min) - code : code;
	return s->min + x;
}

/* Fills data (rows x k) with the members' answers; returns the rows kept
 * (all rows, or complete rows only when listwise). */
static size_t gather(const semm_result *res, const size_t *members, size_t n,
		     const size_t *items, size_t k, int listwise, double *data)
{
	size_t m = 0, r, j;

	for (r = 0; r < n; r++) {
		size_t row = res->scored[members ? members[r] : r];
		double *out = data + m * k;
		int complete = 1;

		for (j = 0; j < k; j++) {
			out[j] = answer(res, row, items[j]);
			if (isnan(out[j]))
				complete = 0;
		}
		if (complete || !listwise)
			m++;
	}
	return m;
}

static void no_alpha(semm__rel *rel, size_t n, const char *reason)
{
	size_t j;

	rel->a.n = n;
	rel->a.k = rel->k;
	rel->a.alpha = rel->a.alpha_std = rel->a.mean_r = NAN;
	rel->a.ci95_lo = rel->a.ci95_hi = NAN;
	rel->a.reason = reason;
	for (j = 0; j < rel->k; j++)
		rel->alpha_if_deleted[j] = rel->r_drop[j] = NAN;
}

static int unit_reliability(const semm_result *res, const size_t *members,
			    size_t n, int is_dim, size_t index, semm__rel *rel)
{
	size_t k, m;
	double *data = NULL, *work = NULL;
	int rc = SEMM_ENOMEM;

	rel->items = malloc(res->q->n_items * sizeof(size_t));
	if (!rel->items)
		return SEMM_ENOMEM;
	k = rel->k = semm__unit_items(res, is_dim, index, rel->items);
	rel->alpha_if_deleted = malloc(k * sizeof(double));
	rel->r_drop = malloc(k * sizeof(double));
	data = malloc((n ? n : 1) * k * sizeof(double));
	if (!rel->alpha_if_deleted || !rel->r_drop || !data)
		goto done;
	m = gather(res, members, n, rel->items, k, 1, data);
	if (m < res->reliability_min_n || m < 2) {
		no_alpha(rel, m, few_cases);
		rc = SEMM_OK;
		goto done;
	}
	work = malloc(semm_stats_alpha_work_size(m, k) * sizeof(double));
	if (!work)
		goto done;
	rc = semm_stats_alpha(data, m, k, work, &rel->a, rel->alpha_if_deleted,
			      rel->r_drop);
done:
	free(data);
	free(work);
	return rc;
}

/* Answer options shared by every item of the unit, or 0. */
static unsigned shared_options(const semm_result *res, const size_t *items,
			       size_t k)
{
	const semm__scale *s0;
	size_t j;

	if (k == 0)
		return 0;
	s0 = semm__item_scale(res->q, items[0]);
	for (j = 1; j < k; j++) {
		const semm__scale *s = semm__item_scale(res->q, items[j]);

		if (s->min != s0->min || s->max != s0->max)
			return 0;
	}
	return (unsigned)(s0->max - s0->min + 1);
}

static int unit_agreement(const semm_result *res, const semm__group *gr,
			  int is_dim, size_t index, semm__agree *agr)
{
	size_t *items = malloc(res->q->n_items * sizeof(size_t));
	double *data = NULL;
	size_t k;
	int rc = SEMM_ENOMEM;

	if (!items)
		return rc;
	k = semm__unit_items(res, is_dim, index, items);
	agr->options = shared_options(res, items, k);
	data = malloc((gr->n ? gr->n : 1) * k * sizeof(double));
	if (!data)
		goto done;
	gather(res, gr->members, gr->n, items, k, 0, data);
	if (agr->options == 0) {
		memset(&agr->r, 0, sizeof(agr->r));
		agr->r.n = gr->n;
		agr->r.mean_var = agr->r.sigma2_eu = agr->r.rwg_j = NAN;
		agr->r.reason = "the unit's items use different answer scales";
		rc = SEMM_OK;
	} else {
		rc = semm_stats_rwg_j(data, gr->n, k, agr->options, &agr->r);
	}
done:
	free(items);
	free(data);
	return rc;
}

static int group_statistics(semm_result *res, semm__group *gr)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims, i;
	int rc = SEMM_OK;

	gr->rel_elems = calloc(n_e, sizeof(semm__rel));
	gr->rel_dims = calloc(n_d, sizeof(semm__rel));
	gr->agr_elems = calloc(n_e, sizeof(semm__agree));
	gr->agr_dims = calloc(n_d, sizeof(semm__agree));
	if (!gr->rel_elems || !gr->rel_dims || !gr->agr_elems || !gr->agr_dims)
		return SEMM_ENOMEM;
	for (i = 0; i < n_e && rc == SEMM_OK; i++) {
		rc = unit_reliability(res, gr->members, gr->n, 0, i,
				      &gr->rel_elems[i]);
		if (rc == SEMM_OK)
			rc = unit_agreement(res, gr, 0, i, &gr->agr_elems[i]);
	}
	for (i = 0; i < n_d && rc == SEMM_OK; i++) {
		rc = unit_reliability(res, gr->members, gr->n, 1, i,
				      &gr->rel_dims[i]);
		if (rc == SEMM_OK)
			rc = unit_agreement(res, gr, 1, i, &gr->agr_dims[i]);
	}
	return rc;
}

static int pooled_reliability(semm_result *res)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims, i;
	int rc = SEMM_OK;

	res->rel_elems = calloc(n_e, sizeof(semm__rel));
	res->rel_dims = calloc(n_d, sizeof(semm__rel));
	if (!res->rel_elems || !res->rel_dims)
		return SEMM_ENOMEM;
	for (i = 0; i < n_e && rc == SEMM_OK; i++)
		rc = unit_reliability(res, NULL, res->n_scored, 0, i,
				      &res->rel_elems[i]);
	for (i = 0; i < n_d && rc == SEMM_OK; i++)
		rc = unit_reliability(res, NULL, res->n_scored, 1, i,
				      &res->rel_dims[i]);
	return rc;
}

/* The moments of one respondent score column (stride apart) within
 * group gr, on the score scale; x has room for the group's members. */
static semm_moments group_moments(const semm_result *res, const semm__group *gr,
				  const double *col, size_t stride, double *x)
{
	size_t k;

	for (k = 0; k < gr->n; k++) {
		double u = col[gr->members[k] * stride];

		x[k] = isnan(u) ? NAN : res->smin + u * (res->smax - res->smin);
	}
	return semm_stats_moments(x, 1, gr->n);
}

/* Each group's moments of every unit (elements, dimensions, overall),
 * then the ICC of each unit from them: the figures depend on each group
 * alone, so that shards scored apart combine to the same ICCs. */
static int across_groups(semm_result *res)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims, i, g;
	size_t n_u = n_e + n_d + 1, most = 1;
	semm_moments *col;
	double *x;
	int rc = SEMM_OK;

	for (g = 0; g < res->n_groups; g++) {
		if (res->groups[g].n > most)
			most = res->groups[g].n;
	}
	x = malloc(most * sizeof(double));
	col = malloc((res->n_groups ? res->n_groups : 1) * sizeof(*col));
	res->moments = malloc((res->n_groups ? res->n_groups : 1) * n_u *
			      sizeof(*col));
	res->icc_elems = calloc(n_e, sizeof(semm_icc));
	res->icc_dims = calloc(n_d, sizeof(semm_icc));
	if (!x || !col || !res->moments || !res->icc_elems || !res->icc_dims) {
		rc = SEMM_ENOMEM;
		goto done;
	}
	for (g = 0; g < res->n_groups; g++) {
		const semm__group *gr = &res->groups[g];
		semm_moments *m = res->moments + g * n_u;

		for (i = 0; i < n_e; i++)
			m[i] = group_moments(res, gr, res->elem_u + i, n_e, x);
		for (i = 0; i < n_d; i++)
			m[n_e + i] =
				group_moments(res, gr, res->dim_u + i, n_d, x);
		m[n_e + n_d] = group_moments(res, gr, res->overall_u, 1, x);
	}
	rc = semm__icc_from_moments(res->moments, res->n_groups, n_e, n_d, col,
				    res->icc_elems, res->icc_dims,
				    &res->icc_overall);
done:
	free(x);
	free(col);
	return rc;
}

int semm__icc_from_moments(const semm_moments *moments, size_t n_groups,
			   size_t n_e, size_t n_d, semm_moments *col,
			   semm_icc *elems, semm_icc *dims, semm_icc *overall)
{
	size_t n_u = n_e + n_d + 1, u, g;
	int rc = SEMM_OK;

	for (u = 0; u < n_u && rc == SEMM_OK; u++) {
		semm_icc *out = u < n_e		? &elems[u]
				: u < n_e + n_d ? &dims[u - n_e]
						: overall;

		for (g = 0; g < n_groups; g++)
			col[g] = moments[g * n_u + u];
		rc = semm_stats_icc_moments(col, n_groups, out);
	}
	return rc;
}

/* Pearson correlations of dimension scores over the respondents who
 * have every dimension score (listwise). */
static int dimension_correlations(semm_result *res)
{
	size_t n_d = res->model->n_dims, i, j, m = 0;
	double *cols = malloc((res->n_scored ? res->n_scored : 1) * n_d *
			      sizeof(double));

	res->dim_corr = malloc(n_d * n_d * sizeof(double));
	if (!cols || !res->dim_corr) {
		free(cols);
		return SEMM_ENOMEM;
	}
	for (i = 0; i < res->n_scored; i++) {
		const double *d = res->dim_u + i * n_d;
		int complete = 1;

		for (j = 0; j < n_d; j++)
			complete &= !isnan(d[j]);
		if (!complete)
			continue;
		for (j = 0; j < n_d; j++)
			cols[j * res->n_scored + m] = d[j];
		m++;
	}
	res->dim_corr_n = m;
	for (i = 0; i < n_d; i++) {
		for (j = 0; j < n_d; j++)
			res->dim_corr[i * n_d + j] = semm_stats_correlation(
				cols + i * res->n_scored,
				cols + j * res->n_scored, m);
	}
	free(cols);
	return SEMM_OK;
}

int semm__reliability_run(semm_result *res)
{
	size_t g;
	int rc = pooled_reliability(res);

	for (g = 0; g < res->n_groups && rc == SEMM_OK; g++)
		rc = group_statistics(res, &res->groups[g]);
	if (rc == SEMM_OK)
		rc = across_groups(res);
	if (rc == SEMM_OK)
		rc = dimension_correlations(res);
	return rc;
}

static void free_rels(semm__rel *rel, size_t n)
{
	size_t i;

	if (!rel)
		return;
	for (i = 0; i < n; i++) {
		free(rel[i].items);
		free(rel[i].alpha_if_deleted);
		free(rel[i].r_drop);
	}
	free(rel);
}

void semm__reliability_free(semm_result *res)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims, g;

	for (g = 0; g < res->n_groups; g++) {
		semm__group *gr = &res->groups[g];

		free_rels(gr->rel_elems, n_e);
		free_rels(gr->rel_dims, n_d);
		free(gr->agr_elems);
		free(gr->agr_dims);
	}
	free_rels(res->rel_elems, n_e);
	free_rels(res->rel_dims, n_d);
	free(res->icc_elems);
	free(res->icc_dims);
	free(res->moments);
	free(res->dim_corr);
}
