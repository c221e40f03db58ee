/*
 * aggregation.c - whether a group's figures may stand for the group:
 * rwg(j) under the chosen null distribution, and per group and unit
 * (elements, dimensions, the overall) r*wg(j), the average deviation
 * indices AD_M(j) and AD_Md(j) and a_wg(j); per unit across groups the
 * intervals of ICC(1) and ICC(2), random group resampling of the unit
 * scores and a verdict built from these. docs/SCORING.md gives every
 * formula and its source. Like the rest of the finish step, every
 * figure comes from each group's answer counts and its canonical view,
 * taken in group order, so threads, shards and merges give the same.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score/score_int.h"

/* Each unit's resampling draws its own stream: the seed plus this
 * (odd) constant times the unit's place + 1. */
#define UNIT_STREAM UINT64_C(0xD1B54A32D192ED03)

/* The level of the ICC intervals. */
#define ICC_CI_LEVEL 0.95

static size_t n_units(const semm_result *res)
{
	return res->model->n_elems + res->model->n_dims + 1;
}

/* ---- options ---------------------------------------------------------- */

/* Fails when an item's scale has no tabled variance for the null. */
static int check_tabled(const semm_result *res, semm_error *err)
{
	const semm_questionnaire *q = res->q;
	size_t i;

	for (i = 0; i < q->n_items; i++) {
		const semm__scale *s = semm__item_scale(q, i);
		unsigned a = (unsigned)(s->max - s->min + 1);

		if (!isnan(semm_stats_rwg_null_variance(res->rwg_null, a)))
			continue;
		return semm__fail(
			err, SEMM_EARG, NULL, 0, 0,
			"rwg_null = %s: the expected variance of this null "
			"is tabled for 5- and 7-point scales only, and item "
			"%s has %u answer options; give the variance as a "
			"number instead",
			semm_rwg_null_name(res->rwg_null), q->items[i].id, a);
	}
	return SEMM_OK;
}

int semm__aggregation_options(semm_result *res, const semm_score_options *o,
			      semm_error *err)
{
	if ((unsigned)o->rwg_null > SEMM_RWG_NULL_VALUE)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "unknown rwg(j) null distribution %d",
				  (int)o->rwg_null);
	if (o->rwg_null == SEMM_RWG_NULL_VALUE &&
	    !(o->rwg_null_variance > 0 && isfinite(o->rwg_null_variance)))
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "rwg_null_variance = %g: the expected error "
				  "variance must be a number above 0",
				  o->rwg_null_variance);
	if (!(o->rgr_alpha > 0 && o->rgr_alpha < 1))
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "rgr_alpha = %g: the significance level of "
				  "random group resampling must be between 0 "
				  "and 1",
				  o->rgr_alpha);
	if (!(o->icc1_min >= -1 && o->icc1_min < 1))
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "icc1_min = %g: the least ICC(1) must be at "
				  "least -1 and below 1",
				  o->icc1_min);
	res->rwg_null = o->rwg_null;
	res->rwg_null_variance =
		o->rwg_null == SEMM_RWG_NULL_VALUE ? o->rwg_null_variance : NAN;
	res->rgr_replications = o->rgr_replications;
	res->rgr_seed = o->rgr_seed;
	res->rgr_max_draws = o->rgr_max_draws;
	res->rgr_alpha = o->rgr_alpha;
	res->icc1_min = o->icc1_min;
	if (res->rwg_null == SEMM_RWG_NULL_UNIFORM ||
	    res->rwg_null == SEMM_RWG_NULL_VALUE)
		return SEMM_OK;
	return check_tabled(res, err);
}

int semm__rwg(const semm_result *res, const double *var, size_t j, size_t n,
	      unsigned options, semm_rwg *out)
{
	double sigma2;

	/* the uniform null keeps rwg(j)'s own path, bit for bit */
	if (res->rwg_null == SEMM_RWG_NULL_UNIFORM)
		return semm_stats_rwg_vars(var, j, n, options, out);
	sigma2 = res->rwg_null == SEMM_RWG_NULL_VALUE
			 ? res->rwg_null_variance
			 : semm_stats_rwg_null_variance(res->rwg_null, options);
	return semm_stats_rwg_vars_null(var, j, n, sigma2, out);
}

/* ---- within each group ------------------------------------------------ */

int semm__aggregation_start(semm_result *res)
{
	size_t n = res->n_scored, u = n_units(res);

	if (res->rgr_replications == 0) {
		res->rgr_off = "random group resampling is switched off";
		return SEMM_OK;
	}
	if (res->n_groups < 2) {
		res->rgr_off = "fewer than two groups";
		return SEMM_OK;
	}
	if (n > res->rgr_max_draws / SEMM_RGR_MIN_REPLICATIONS) {
		res->rgr_off = "too many respondents: fewer replications than "
			       "the minimum fit in rgr_max_draws";
		return SEMM_OK;
	}
	res->rgr_values = malloc((n ? n * u : 1) * sizeof(double));
	return res->rgr_values ? SEMM_OK : SEMM_ENOMEM;
}

/* The answer options the items share, or 0. */
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

/* Averages the items' AD and a_wg into a; the items' agreement is ia. */
static void unit_indices(const semm_item_agree *ia, const size_t *items,
			 size_t k, semm__agree *a)
{
	double ad_m = 0, ad_md = 0, awg = 0;
	size_t j;

	a->ad_items = a->awg_items = 0;
	for (j = 0; j < k; j++) {
		const semm_item_agree *it = &ia[items[j]];

		if (it->reason)
			continue;
		ad_m += it->ad_mean;
		ad_md += it->ad_median;
		a->ad_items++;
		if (it->awg_reason)
			continue;
		awg += it->awg;
		a->awg_items++;
	}
	a->ad_m = a->ad_items ? ad_m / (double)a->ad_items : NAN;
	a->ad_md = a->ad_items ? ad_md / (double)a->ad_items : NAN;
	a->awg = a->awg_items ? awg / (double)a->awg_items : NAN;
	if (!a->ad_items)
		a->more_reason = "no item has two answers";
	if (!a->awg_items)
		a->awg_reason = a->ad_items ? "every item's mean is at an end "
					      "of the scale"
					    : "no item has two answers";
	else if (a->awg_items < a->ad_items)
		a->awg_reason = "items whose mean is at an end of the scale "
				"are left out";
}

/* The further indices of one unit; the rwg(j) in a is already there. */
static void unit_more(const semm_result *res, const semm_item_agree *ia,
		      const size_t *items, size_t k, semm__agree *a)
{
	a->rstar = a->ad_m = a->ad_md = a->awg = NAN;
	a->ad_items = a->awg_items = 0;
	a->more_reason = a->awg_reason = NULL;
	if (shared_options(res, items, k) == 0) {
		a->more_reason = a->awg_reason =
			"the unit's items use different answer scales";
		return;
	}
	a->rstar = semm_stats_rstar_wg(a->r.mean_var, a->r.sigma2_eu);
	unit_indices(ia, items, k, a);
}

/* rwg(j) over every item: the overall's agreement. */
static int overall_rwg(const semm_result *res, const semm__group *gr,
		       const semm_item_agree *ia, const size_t *items,
		       double *var, semm__agree *a)
{
	size_t i, k = res->q->n_items;

	a->options = shared_options(res, items, k);
	if (a->options == 0) {
		memset(&a->r, 0, sizeof(a->r));
		a->r.n = gr->n;
		a->r.mean_var = a->r.sigma2_eu = a->r.rwg_j = NAN;
		a->r.reason = "the unit's items use different answer scales";
		return SEMM_OK;
	}
	for (i = 0; i < k; i++)
		var[i] = ia[i].variance;
	return semm__rwg(res, var, k, gr->n, a->options, &a->r);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The group's scores on each unit, on the score scale and sorted, at
 * `start` of each unit's stretch. */
static void keep_scores(const semm_result *res, const semm__view *v,
			size_t start)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims, u, k;
	double span = res->smax - res->smin;

	for (u = 0; u < n_units(res); u++) {
		double *to = res->rgr_values + u * res->n_scored + start;
		const double *col = u < n_e	    ? v->eu + u
				    : u < n_e + n_d ? v->du + (u - n_e)
						    : v->ou;
		size_t stride = u < n_e ? n_e : u < n_e + n_d ? n_d : 1, m = 0;

		for (k = 0; k < v->n; k++) {
			double x = col[k * stride];

			if (!isnan(x))
				to[m++] = res->smin + x * span;
		}
		qsort(to, m, sizeof(double), cmp_double);
	}
}

int semm__group_aggregation(const semm_result *res, semm__group *gr,
			    const semm__view *v, size_t start)
{
	const semm_questionnaire *q = res->q;
	size_t n_i = q->n_items, i, k;
	semm_item_agree *ia = malloc((n_i ? n_i : 1) * sizeof(*ia));
	size_t *items = malloc((n_i ? n_i : 1) * sizeof(size_t));
	double *var = malloc((n_i ? n_i : 1) * sizeof(double));
	int rc = ia && items && var ? SEMM_OK : SEMM_ENOMEM;

	for (i = 0; i < n_i && rc == SEMM_OK; i++) {
		const semm__scale *s = semm__item_scale(q, i);

		rc = semm_stats_item_agree(gr->counts + i * res->n_counts,
					   s->min, s->max, &ia[i]);
	}
	for (i = 0; i < res->model->n_elems && rc == SEMM_OK; i++) {
		k = semm__unit_items(res, 0, i, items);
		unit_more(res, ia, items, k, &gr->agr_elems[i]);
	}
	for (i = 0; i < res->model->n_dims && rc == SEMM_OK; i++) {
		k = semm__unit_items(res, 1, i, items);
		unit_more(res, ia, items, k, &gr->agr_dims[i]);
	}
	for (i = 0; i < n_i && rc == SEMM_OK; i++)
		items[i] = i;
	if (rc == SEMM_OK)
		rc = overall_rwg(res, gr, ia, items, var, &gr->agr_overall);
	if (rc == SEMM_OK)
		unit_more(res, ia, items, n_i, &gr->agr_overall);
	if (rc == SEMM_OK && res->rgr_values)
		keep_scores(res, v, start);
	free(ia);
	free(items);
	free(var);
	return rc;
}

/* ---- across groups ---------------------------------------------------- */

static const semm__agree *group_agree(const semm_result *res,
				      const semm__group *gr, size_t u)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims;

	return u < n_e	       ? &gr->agr_elems[u]
	       : u < n_e + n_d ? &gr->agr_dims[u - n_e]
			       : &gr->agr_overall;
}

static const semm_icc *unit_icc(const semm_result *res, size_t u)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims;

	return u < n_e	       ? &res->icc_elems[u]
	       : u < n_e + n_d ? &res->icc_dims[u - n_e]
			       : &res->icc_overall;
}

/* The mean rwg(j) of the groups that have one, in group order. */
static void rwg_mean(const semm_result *res, size_t u, semm__aggr *a)
{
	double sum = 0;
	size_t g;

	a->rwg_groups = 0;
	for (g = 0; g < res->n_groups; g++) {
		double r = group_agree(res, &res->groups[g], u)->r.rwg_j;

		if (isnan(r))
			continue;
		sum += r;
		a->rwg_groups++;
	}
	a->rwg_mean = a->rwg_groups ? sum / (double)a->rwg_groups : NAN;
}

/* Resampling of unit u: the groups with two scores or more, their
 * scores moved together (group order) at the start of the unit's
 * stretch. */
static int unit_rgr(const semm_result *res, size_t u, size_t *sizes,
		    semm_rgr *out)
{
	double *x = res->rgr_values + u * res->n_scored;
	size_t n_u = n_units(res), g, at = 0, have = 0, used = 0, b;
	uint64_t seed = res->rgr_seed + UNIT_STREAM * (uint64_t)(u + 1);

	for (g = 0; g < res->n_groups; g++) {
		size_t m = res->moments[g * n_u + u].n;

		if (m >= 2) {
			memmove(x + have, x + at, m * sizeof(double));
			sizes[used++] = m;
			have += m;
		}
		at += res->groups[g].n;
	}
	b = have ? res->rgr_max_draws / have : res->rgr_replications;
	if (b > res->rgr_replications)
		b = res->rgr_replications;
	return semm_stats_rgr(x, sizes, used, b, seed, out);
}

static void rgr_withheld(semm_rgr *r, const char *reason)
{
	memset(r, 0, sizeof(*r));
	r->observed = r->pseudo_mean = r->pseudo_sd = NAN;
	r->z = r->p = r->p_permutation = NAN;
	r->reason = reason;
}

static const char *caution(const semm__aggr *a)
{
	if (!a->differ && !a->beyond_chance)
		return "the groups do not differ (ICC(1)'s interval is not "
		       "above the minimum) and agreement is not beyond "
		       "chance (resampling)";
	if (!a->differ)
		return "the groups do not differ: ICC(1)'s interval is not "
		       "above the minimum";
	return "agreement is not beyond chance: random group resampling "
	       "is not significant";
}

/* The verdict from the three tests (docs/SCORING.md, the table). */
static void verdict(const semm_result *res, semm__aggr *a)
{
	a->agreement =
		isnan(a->rwg_mean) ? -1 : a->rwg_mean >= res->rwg_threshold;
	/* the lower bound is below ICC(1) itself: it decides alone */
	a->differ = isnan(a->icc1_ci[0]) ? -1 : a->icc1_ci[0] > res->icc1_min;
	a->beyond_chance = isnan(a->rgr.p) ? -1 : a->rgr.p < res->rgr_alpha;
	a->verdict = NULL;
	a->verdict_reason = NULL;
	if (a->agreement < 0) {
		a->verdict_reason = "no group has an rwg(j)";
	} else if (a->agreement == 0) {
		a->verdict = "do-not-aggregate";
		a->verdict_reason = "within-group agreement is too low: the "
				    "mean rwg(j) is below the threshold";
	} else if (a->differ == 1 && a->beyond_chance == 1) {
		a->verdict = "aggregate";
	} else if (a->differ == 0 || a->beyond_chance == 0) {
		a->verdict = "aggregate-with-caution";
		a->verdict_reason = caution(a);
	} else {
		a->verdict_reason = a->differ < 0
					    ? "ICC(1) has no interval"
					    : "random group resampling is "
					      "not available";
	}
}

int semm__aggregation_finish(semm_result *res)
{
	size_t n_u = n_units(res), u;
	size_t *sizes =
		malloc((res->n_groups ? res->n_groups : 1) * sizeof(size_t));
	int rc = SEMM_OK;

	res->aggr = calloc(n_u, sizeof(semm__aggr));
	if (!res->aggr || !sizes) {
		free(sizes);
		return SEMM_ENOMEM;
	}
	for (u = 0; u < n_u && rc == SEMM_OK; u++) {
		semm__aggr *a = &res->aggr[u];

		rc = semm_stats_icc_ci(unit_icc(res, u), ICC_CI_LEVEL,
				       a->icc1_ci, a->icc2_ci);
		if (rc == SEMM_OK && res->rgr_values)
			rc = unit_rgr(res, u, sizes, &a->rgr);
		else
			rgr_withheld(&a->rgr, res->rgr_off);
		rwg_mean(res, u, a);
		verdict(res, a);
	}
	free(sizes);
	/* the scores are not needed past this */
	free(res->rgr_values);
	res->rgr_values = NULL;
	return rc;
}

void semm__aggregation_free(semm_result *res)
{
	free(res->rgr_values);
	free(res->aggr);
}
