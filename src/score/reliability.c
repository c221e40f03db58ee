/*
 * reliability.c - the statistics that say whether the scores can be
 * trusted: Cronbach's alpha of each element's and dimension's items
 * (pooled and within each group), rwg(j) agreement within each group, and
 * across groups ICC(1), ICC(2) with the one-way ANOVA, plus the
 * correlations of dimension scores. Reliability and agreement use the
 * respondents' actual answers: N/A, don't-know and blank are missing
 * whatever the N/A policy, so substituted values never inflate them.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score/score_int.h"

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

typedef __int128 wide;

/* An actual answer after reverse coding, on the item's scale; 0 with
 * *ok = 0 when blank, N/A or don't know. */
static int answer(const semm_result *res, const uint8_t *codes, size_t i,
		  int *ok)
{
	const semm__scale *s = semm__item_scale(res->q, i);
	uint8_t code = codes[i];

	*ok = code < SEMM__ANS_DK;
	if (!*ok)
		return 0;
	return s->min +
	       (res->q->items[i].reverse ? (s->max - s->min) - code : code);
}

/*
 * Exact sums of a unit's complete cases: the count, each item's sum and
 * each pair's sum of products. Answers are whole numbers, so the sums
 * are exact whatever the order of the rows or the split of the input,
 * and the centred cross-products alpha needs follow with one rounding.
 */
typedef struct unit_sums {
	size_t k;
	size_t *items;
	size_t n;
	int64_t *s; /* k */
	wide *ss;   /* k x k, upper triangle */
} unit_sums;

static int sums_init(unit_sums *u, const semm_result *res, int is_dim,
		     size_t index)
{
	memset(u, 0, sizeof(*u));
	u->items = malloc((res->q->n_items ? res->q->n_items : 1) *
			  sizeof(size_t));
	if (!u->items)
		return SEMM_ENOMEM;
	u->k = semm__unit_items(res, is_dim, index, u->items);
	u->s = calloc(u->k ? u->k : 1, sizeof(*u->s));
	u->ss = calloc(u->k ? u->k * u->k : 1, sizeof(*u->ss));
	return u->s && u->ss ? SEMM_OK : SEMM_ENOMEM;
}

static void sums_clear(unit_sums *u)
{
	u->n = 0;
	memset(u->s, 0, u->k * sizeof(*u->s));
	memset(u->ss, 0, u->k * u->k * sizeof(*u->ss));
}

static void sums_free(unit_sums *u)
{
	free(u->items);
	free(u->s);
	free(u->ss);
}

/* Each row's actual answers (x, rows x items), INT_MIN where missing. */
static void actual_answers(const semm_result *res, const semm__view *v, int *x)
{
	size_t r, i, n_items = res->q->n_items;

	for (r = 0; r < v->n; r++) {
		const uint8_t *codes = v->ans + r * n_items;

		for (i = 0; i < n_items; i++) {
			int ok, a = answer(res, codes, i, &ok);

			x[r * n_items + i] = ok ? a : INT_MIN;
		}
	}
}

/* Adds complete rows to u; acc (k x k, zeroed) takes the products in
 * 64 bits when they cannot overflow there, which is the fast case. */
static void sums_add_rows(unit_sums *u, const int *x, size_t n, size_t n_items,
			  int64_t max_abs, int64_t *acc)
{
	size_t r, i, j, k = u->k;
	int row[SEMM_MAX_MODEL_UNITS];
	int narrow = max_abs <= 3037000499 &&
		     (max_abs == 0 ||
		      (uint64_t)n <= (UINT64_C(1) << 62) /
					     (uint64_t)(max_abs * max_abs));

	for (r = 0; r < n; r++) {
		const int *xr = x + r * n_items;
		int ok = 1;

		for (i = 0; i < k && ok; i++) {
			row[i] = xr[u->items[i]];
			ok = row[i] != INT_MIN;
		}
		if (!ok)
			continue;
		u->n++;
		for (i = 0; i < k; i++) {
			u->s[i] += row[i];
			if (narrow) {
				for (j = i; j < k; j++)
					acc[i * k + j] +=
						(int64_t)row[i] * row[j];
			} else {
				for (j = i; j < k; j++)
					u->ss[i * k + j] +=
						(wide)row[i] * row[j];
			}
		}
	}
	for (i = 0; narrow && i < k * k; i++)
		u->ss[i] += acc[i];
}

static void sums_merge(unit_sums *to, const unit_sums *from)
{
	size_t i;

	to->n += from->n;
	for (i = 0; i < to->k; i++)
		to->s[i] += from->s[i];
	for (i = 0; i < to->k * to->k; i++)
		to->ss[i] += from->ss[i];
}

static void no_alpha(semm__rel *rel, size_t n, const char *reason)
{
	size_t j;

	rel->a.n = n;
	rel->a.k = rel->k;
	rel->a.alpha = rel->a.alpha_std = rel->a.mean_r = NAN;
	rel->a.ci95_lo = rel->a.ci95_hi = NAN;
	rel->a.reason = reason;
	for (j = 0; rel->r_drop && j < rel->k; j++)
		rel->alpha_if_deleted[j] = rel->r_drop[j] = NAN;
}

/* A unit's reliability from its sums, with each item's alpha if deleted
 * and corrected item-total r. With r_scratch (k doubles; a summary's
 * groups, whose item figures no report shows), the item-total r go
 * there and are kept only when one is negative, which the findings
 * report. */
static int sums_alpha(const semm_result *res, const unit_sums *u,
		      semm__rel *rel, double *cp, double *r_scratch)
{
	size_t i, j, k = u->k;
	wide n = (wide)u->n;
	int rc;

	rel->k = k;
	if (!r_scratch) {
		rel->items = malloc((k ? k : 1) * sizeof(size_t));
		rel->alpha_if_deleted = malloc((k ? k : 1) * sizeof(double));
		rel->r_drop = malloc((k ? k : 1) * sizeof(double));
		if (!rel->items || !rel->alpha_if_deleted || !rel->r_drop)
			return SEMM_ENOMEM;
		memcpy(rel->items, u->items, k * sizeof(size_t));
	}
	if (u->n < res->reliability_min_n || u->n < 2) {
		no_alpha(rel, u->n, few_cases);
		return SEMM_OK;
	}
	for (i = 0; i < k; i++) {
		for (j = i; j < k; j++) {
			wide num =
				n * u->ss[i * k + j] - (wide)u->s[i] * u->s[j];

			/* n times the centred cross-product: a whole
			 * number, exact in a double below 2^53, so that
			 * sums that are 0 in exact arithmetic are 0 here
			 * (alpha and correlations do not depend on the
			 * scale of the cross-products) */
			cp[i * k + j] = cp[j * k + i] = (double)num;
		}
	}
	rc = semm_stats_alpha_cp(cp, u->n, k, &rel->a, rel->alpha_if_deleted,
				 r_scratch ? r_scratch : rel->r_drop);
	if (rc < 0 || !r_scratch)
		return rc;
	for (j = 0; j < k && !(r_scratch[j] < 0); j++)
		;
	if (j == k)
		return rc;
	rel->items = malloc(k * sizeof(size_t));
	rel->r_drop = malloc(k * sizeof(double));
	if (!rel->items || !rel->r_drop)
		return SEMM_ENOMEM;
	memcpy(rel->items, u->items, k * sizeof(size_t));
	memcpy(rel->r_drop, r_scratch, k * sizeof(double));
	return rc;
}

/* Co-moments of the dimension scores over complete rows. */
typedef struct comoments {
	size_t n;
	double *mean; /* d */
	double *c;    /* d x d */
} comoments;

struct semm__pool {
	size_t n_u; /* elements and dimensions */
	unit_sums *elems;
	unit_sums *dims;
	unit_sums *group; /* one group's, reused */
	comoments dim;
	comoments part;
	double *cp; /* k x k scratch */
	double *var;
	semm_moments *col;
};

int semm__pool_new(semm__pool **out, const semm_result *res)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims, i;
	size_t n_i = res->q->n_items ? res->q->n_items : 1;
	size_t n_u = n_e + n_d;
	semm__pool *p = calloc(1, sizeof(*p));
	int rc = SEMM_ENOMEM;

	*out = p;
	if (!p)
		return rc;
	p->elems = calloc(n_u, sizeof(unit_sums));
	p->group = calloc(n_u, sizeof(unit_sums));
	p->cp = malloc(n_i * n_i * sizeof(double));
	p->var = malloc(n_i * sizeof(double));
	p->dim.mean = calloc(n_d ? n_d : 1, sizeof(double));
	p->dim.c = calloc(n_d ? n_d * n_d : 1, sizeof(double));
	p->part.mean = calloc(n_d ? n_d : 1, sizeof(double));
	p->part.c = calloc(n_d ? n_d * n_d : 1, sizeof(double));
	p->col = malloc((res->n_groups ? res->n_groups : 1) * sizeof(*p->col));
	if (!p->elems || !p->group || !p->cp || !p->var || !p->dim.mean ||
	    !p->dim.c || !p->part.mean || !p->part.c || !p->col)
		return rc;
	p->dims = p->elems + n_e;
	p->n_u = n_u;
	for (i = 0, rc = SEMM_OK; i < n_u && rc == SEMM_OK; i++) {
		rc = sums_init(&p->elems[i], res, i >= n_e,
			       i < n_e ? i : i - n_e);
		if (rc == SEMM_OK)
			rc = sums_init(&p->group[i], res, i >= n_e,
				       i < n_e ? i : i - n_e);
	}
	return rc;
}

void semm__pool_free(semm__pool *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; p->elems && p->group && i < p->n_u; i++) {
		sums_free(&p->elems[i]);
		sums_free(&p->group[i]);
	}
	free(p->elems);
	free(p->group);
	free(p->cp);
	free(p->var);
	free(p->dim.mean);
	free(p->dim.c);
	free(p->part.mean);
	free(p->part.c);
	free(p->col);
	free(p);
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

/* Item i's variance over its actual answers in the group (from the
 * group's exact answer counts), NAN with fewer than two. */
static double item_variance(const semm_result *res, const semm__group *gr,
			    size_t i)
{
	const semm__scale *s = semm__item_scale(res->q, i);
	const size_t *c = gr->counts + i * res->n_counts;
	size_t pts = (size_t)(s->max - s->min + 1), k;
	wide n = 0, sum = 0, sq = 0;

	for (k = 0; k < pts; k++) {
		wide x = s->min + (wide)k;

		n += c[k];
		sum += x * (wide)c[k];
		sq += x * x * (wide)c[k];
	}
	if (n < 2)
		return NAN;
	return (double)(n * sq - sum * sum) / ((double)n * (double)(n - 1));
}

static void unit_agreement(const semm_result *res, const semm__group *gr,
			   const unit_sums *u, double *var, semm__agree *agr)
{
	size_t j;

	agr->options = shared_options(res, u->items, u->k);
	if (agr->options == 0) {
		memset(&agr->r, 0, sizeof(agr->r));
		agr->r.n = gr->n;
		agr->r.mean_var = agr->r.sigma2_eu = agr->r.rwg_j = NAN;
		agr->r.reason = "the unit's items use different answer scales";
		return;
	}
	for (j = 0; j < u->k; j++)
		var[j] = item_variance(res, gr, u->items[j]);
	semm__rwg(res, var, u->k, gr->n, agr->options, &agr->r);
}

/* The moments of one score column (stride apart) of a view, on the
 * score scale: the column is the view's canonical order. */
static semm_moments view_moments(const semm_result *res, const semm__view *v,
				 const double *col, size_t stride, double *x)
{
	size_t k;

	for (k = 0; k < v->n; k++) {
		double u = col[k * stride];

		x[k] = isnan(u) ? NAN : res->smin + u * (res->smax - res->smin);
	}
	return semm_stats_moments(x, 1, v->n);
}

/* A group's co-moments of dimension scores (two passes), into part. */
static void group_comoments(const semm_result *res, const semm__view *v,
			    comoments *part)
{
	size_t n_d = res->model->n_dims, r, i, j;

	part->n = 0;
	memset(part->mean, 0, n_d * sizeof(double));
	memset(part->c, 0, n_d * n_d * sizeof(double));
	for (r = 0; r < v->n; r++) {
		const double *d = v->du + r * n_d;
		int complete = 1;

		for (j = 0; j < n_d; j++)
			complete &= !isnan(d[j]);
		if (!complete)
			continue;
		part->n++;
		for (j = 0; j < n_d; j++)
			part->mean[j] += d[j];
	}
	if (!part->n)
		return;
	for (j = 0; j < n_d; j++)
		part->mean[j] /= (double)part->n;
	for (r = 0; r < v->n; r++) {
		const double *d = v->du + r * n_d;
		int complete = 1;

		for (j = 0; j < n_d; j++)
			complete &= !isnan(d[j]);
		if (!complete)
			continue;
		for (i = 0; i < n_d; i++)
			for (j = 0; j < n_d; j++)
				part->c[i * n_d + j] += (d[i] - part->mean[i]) *
							(d[j] - part->mean[j]);
	}
}

/* Adds part to all (Chan et al.'s pairwise combination). */
static void comoments_merge(comoments *all, const comoments *part, size_t d)
{
	double n = (double)(all->n + part->n), f;
	size_t i, j;

	if (!part->n)
		return;
	f = (double)all->n * (double)part->n / n;
	for (i = 0; i < d; i++)
		for (j = 0; j < d; j++)
			all->c[i * d + j] +=
				part->c[i * d + j] +
				(part->mean[i] - all->mean[i]) *
					(part->mean[j] - all->mean[j]) * f;
	for (i = 0; i < d; i++)
		all->mean[i] +=
			(part->mean[i] - all->mean[i]) * (double)part->n / n;
	all->n += part->n;
}

int semm__group_reliability(const semm_result *res, semm__group *gr,
			    const semm__view *v, semm__pool *pool, double *cm)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims, i;
	size_t n_u = n_e + n_d + 1;
	semm_moments *m = res->moments + (size_t)(gr - res->groups) * n_u;
	size_t n_items = res->q->n_items;
	int64_t *acc, max_abs = 0;
	int *xv;
	double *x;
	int rc = SEMM_OK;

	gr->rel_elems = calloc(n_e, sizeof(semm__rel));
	gr->rel_dims = calloc(n_d, sizeof(semm__rel));
	gr->agr_elems = calloc(n_e, sizeof(semm__agree));
	gr->agr_dims = calloc(n_d, sizeof(semm__agree));
	if (!gr->rel_elems || !gr->rel_dims || !gr->agr_elems || !gr->agr_dims)
		return SEMM_ENOMEM;
	xv = malloc((v->n ? v->n : 1) * (n_items ? n_items : 1) * sizeof(int));
	acc = malloc((n_items ? n_items * n_items : 1) * sizeof(*acc));
	if (!xv || !acc) {
		free(xv);
		free(acc);
		return SEMM_ENOMEM;
	}
	for (i = 0; i < res->q->n_scales; i++) {
		int64_t lo = res->q->scales[i].min, hi = res->q->scales[i].max;

		max_abs = lo < 0 && -lo > max_abs ? -lo : max_abs;
		max_abs = hi > max_abs ? hi : max_abs;
	}
	actual_answers(res, v, xv);
	for (i = 0; i < n_e + n_d && rc == SEMM_OK; i++) {
		unit_sums *u = &pool->group[i];
		semm__rel *rel =
			i < n_e ? &gr->rel_elems[i] : &gr->rel_dims[i - n_e];

		sums_clear(u);
		memset(acc, 0, u->k * u->k * sizeof(*acc));
		sums_add_rows(u, xv, v->n, n_items, max_abs, acc);
		sums_merge(&pool->elems[i], u);
		rc = sums_alpha(res, u, rel, pool->cp,
				res->summary ? pool->var : NULL);
		unit_agreement(res, gr, u, pool->var,
			       i < n_e ? &gr->agr_elems[i]
				       : &gr->agr_dims[i - n_e]);
	}
	free(xv);
	free(acc);
	if (rc < 0)
		return rc;
	x = malloc((v->n ? v->n : 1) * sizeof(double));
	if (!x)
		return SEMM_ENOMEM;
	for (i = 0; i < n_e; i++)
		m[i] = view_moments(res, v, v->eu + i, n_e, x);
	for (i = 0; i < n_d; i++)
		m[n_e + i] = view_moments(res, v, v->du + i, n_d, x);
	m[n_e + n_d] = view_moments(res, v, v->ou, 1, x);
	free(x);
	group_comoments(res, v, &pool->part);
	/* kept per group, combined in group order by semm__pool_combine:
	 * the same figures whatever the threads */
	cm[0] = (double)pool->part.n;
	memcpy(cm + 1, pool->part.mean, n_d * sizeof(double));
	memcpy(cm + 1 + n_d, pool->part.c, n_d * n_d * sizeof(double));
	return SEMM_OK;
}

size_t semm__comoments_size(const semm_result *res)
{
	size_t n_d = res->model->n_dims;

	return 1 + n_d + n_d * n_d;
}

void semm__pool_combine(semm__pool *dst, const semm__pool *src,
			const double *cm, size_t n_groups, size_t n_d)
{
	size_t i, g;

	if (src && src != dst) {
		for (i = 0; i < dst->n_u; i++)
			sums_merge(&dst->elems[i], &src->elems[i]);
	}
	for (g = 0; cm && g < n_groups; g++) {
		const double *x = cm + g * (1 + n_d + n_d * n_d);

		dst->part.n = (size_t)x[0];
		memcpy(dst->part.mean, x + 1, n_d * sizeof(double));
		memcpy(dst->part.c, x + 1 + n_d, n_d * n_d * sizeof(double));
		comoments_merge(&dst->dim, &dst->part, n_d);
	}
}

static int pooled_reliability(semm_result *res, semm__pool *pool)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims, i;
	int rc = SEMM_OK;

	res->rel_elems = calloc(n_e, sizeof(semm__rel));
	res->rel_dims = calloc(n_d, sizeof(semm__rel));
	if (!res->rel_elems || !res->rel_dims)
		return SEMM_ENOMEM;
	for (i = 0; i < n_e && rc == SEMM_OK; i++)
		rc = sums_alpha(res, &pool->elems[i], &res->rel_elems[i],
				pool->cp, NULL);
	for (i = 0; i < n_d && rc == SEMM_OK; i++)
		rc = sums_alpha(res, &pool->dims[i], &res->rel_dims[i],
				pool->cp, NULL);
	return rc;
}

/* Pearson correlations of dimension scores over the respondents who
 * have every dimension score (listwise), from the pooled co-moments. */
static int dimension_correlations(semm_result *res, const comoments *cm)
{
	size_t n_d = res->model->n_dims, i, j;

	res->dim_corr = malloc((n_d ? n_d * n_d : 1) * sizeof(double));
	if (!res->dim_corr)
		return SEMM_ENOMEM;
	res->dim_corr_n = cm->n;
	for (i = 0; i < n_d; i++) {
		for (j = 0; j < n_d; j++) {
			double sxx = cm->c[i * n_d + i],
			       syy = cm->c[j * n_d + j];
			double r = NAN;

			if (cm->n >= 2 && sxx > 0 && syy > 0)
				r = fmax(-1.0,
					 fmin(1.0, cm->c[i * n_d + j] /
							   sqrt(sxx * syy)));
			res->dim_corr[i * n_d + j] = r;
		}
	}
	return SEMM_OK;
}

int semm__reliability_finish(semm_result *res, semm__pool *pool)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims;
	int rc = pooled_reliability(res, pool);

	if (rc == SEMM_OK)
		rc = dimension_correlations(res, &pool->dim);
	if (rc == SEMM_OK) {
		res->icc_elems = calloc(n_e ? n_e : 1, sizeof(semm_icc));
		res->icc_dims = calloc(n_d ? n_d : 1, sizeof(semm_icc));
		if (!res->icc_elems || !res->icc_dims)
			return SEMM_ENOMEM;
		rc = semm__icc_from_moments(res->moments, res->n_groups, n_e,
					    n_d, pool->col, res->icc_elems,
					    res->icc_dims, &res->icc_overall);
	}
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
	semm__aggregation_free(res);
	free_rels(res->rel_elems, n_e);
	free_rels(res->rel_dims, n_d);
	free(res->icc_elems);
	free(res->icc_dims);
	free(res->moments);
	free(res->dim_corr);
}
