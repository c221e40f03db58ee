/*
 * score.c - scoring: item values on the unit interval, respondent element,
 * dimension and overall scores under the coverage rule, groups, their
 * descriptive statistics, levels and the staged (weakest-link) level.
 * The rules are written down in docs/SCORING.md.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const no_answers =
	"no answered items (every item is blank, or N/A or don't know under "
	"the exclude policy)";

/* Shares are compared with this slack so that 0.5 * 6 items = 3 counts. */
#define COVERAGE_EPSILON 1e-12

void semm_result_free(semm_result *res)
{
	size_t g;

	if (!res)
		return;
	semm__reliability_free(res);
	semm__bench_free(res->bench);
	for (g = 0; g < res->n_groups; g++) {
		semm__group *gr = &res->groups[g];

		free(gr->id);
		free(gr->members);
		free(gr->items);
		free(gr->counts);
		free(gr->elems);
		free(gr->dims);
	}
	free(res->groups);
	free(res->group_by);
	free(res->scored);
	free(res->unanswered);
	free(res->elem_u);
	free(res->dim_u);
	free(res->overall_u);
	free(res->group_of);
	free(res);
}

static int resolve_options(semm_result *res, const semm_score_options *o,
			   semm_error *err)
{
	const semm_model *m = res->model;

	if (o->version != SEMM_SCORE_OPTIONS_VERSION)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "unknown score options version %u",
				  o->version);
	if (o->na_policy > SEMM_NA_ZERO)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "unknown N/A policy %d", o->na_policy);
	res->na_policy =
		o->na_policy >= 0 ? (semm_na_policy)o->na_policy : m->na_policy;
	res->na_anchor_percent = isnan(o->na_anchor_percent)
					 ? m->na_anchor_percent
					 : o->na_anchor_percent;
	if (!(res->na_anchor_percent >= 0 && res->na_anchor_percent <= 100))
		return semm__fail(
			err, SEMM_EARG, NULL, 0, 0,
			"na_anchor_percent = %g: the N/A anchor must be "
			"between 0 and 100 percent",
			res->na_anchor_percent);
	res->coverage_min = !isnan(o->coverage_min) ? o->coverage_min
			    : !isnan(res->q->coverage_min)
				    ? res->q->coverage_min
				    : m->coverage_min;
	if (!(res->coverage_min > 0 && res->coverage_min <= 1))
		return semm__fail(
			err, SEMM_EARG, NULL, 0, 0,
			"coverage_min = %g: the coverage minimum must "
			"be greater than 0 and at most 1",
			res->coverage_min);
	if (!(o->rwg_threshold >= 0 && o->rwg_threshold <= 1))
		return semm__fail(
			err, SEMM_EARG, NULL, 0, 0,
			"rwg_threshold = %g: the rwg(j) threshold must "
			"be between 0 and 1",
			o->rwg_threshold);
	/* alpha needs two complete cases whatever the caller asks */
	res->reliability_min_n =
		o->reliability_min_n < 2 ? 2 : o->reliability_min_n;
	res->rwg_threshold = o->rwg_threshold;
	res->summary = o->summary != 0;
	if (o->lang &&
	    semm_questionnaire_language(res->q, o->lang, &res->lang) < 0)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "questionnaire \"%s\" has no language \"%s\"",
				  res->q->id, o->lang);
	return SEMM_OK;
}

/* Names the columns a questionnaire can be grouped by. */
static int group_by_error(const semm_questionnaire *q, const char *by,
			  semm_error *err)
{
	char cols[256] = "";
	size_t used = 0;
	int i;

	for (i = SEMM_META_ORGANIZATION; i < SEMM_META_COUNT; i++) {
		if (q->meta_column[i] && used + 1 < sizeof(cols))
			used += (size_t)snprintf(
				cols + used, sizeof(cols) - used, "%s%s",
				used ? ", " : "", q->meta_column[i]);
	}
	return semm__fail(err, SEMM_EARG, NULL, 0, 0,
			  "group_by = \"%s\": questionnaire \"%s\" has no such "
			  "metadata column (it has: %s)",
			  by, q->id, used ? cols : "none");
}

/* The metadata role to group by, or -1 for one group. */
static int resolve_group_by(semm_result *res, const char *by, int *role,
			    semm_error *err)
{
	const semm_questionnaire *q = res->q;
	char *key;
	int i;

	*role = -1;
	if (!by) {
		if (q->meta_column[SEMM_META_ORGANIZATION])
			*role = SEMM_META_ORGANIZATION;
	} else {
		key = semm__label_key(by, strlen(by));
		if (!key)
			return SEMM_ENOMEM;
		for (i = SEMM_META_ORGANIZATION; i < SEMM_META_COUNT; i++) {
			const char *col = q->meta_column[i];

			if (col &&
			    (semm__label_matches(col, strlen(col), key) ||
			     strcmp(key, semm_meta_role_name(i)) == 0))
				*role = i;
		}
		free(key);
		if (*role < 0)
			return group_by_error(q, by, err);
	}
	if (*role >= 0) {
		res->group_by = semm__strdup(q->meta_column[*role]);
		if (!res->group_by)
			return SEMM_ENOMEM;
	}
	return SEMM_OK;
}

static void score_scale(semm_result *res)
{
	const semm_questionnaire *q = res->q;
	const semm__scale *s0 = semm__item_scale(q, 0);
	size_t i;

	res->smin = s0->min;
	res->smax = s0->max;
	for (i = 1; i < q->n_items; i++) {
		const semm__scale *s = semm__item_scale(q, i);

		if (s->min != s0->min || s->max != s0->max) {
			res->smin = 0;
			res->smax = 100;
			return;
		}
	}
}

/* Item i's value on the unit interval, or NAN when missing. */
static double item_u(const semm_result *res, size_t i, uint8_t code)
{
	const semm__item *it = &res->q->items[i];
	const semm__scale *s = semm__item_scale(res->q, i);
	double span = s->max - s->min;
	double x;

	if (code == SEMM__ANS_BLANK)
		return NAN;
	if (code == SEMM__ANS_NA || code == SEMM__ANS_DK) {
		if (res->na_policy == SEMM_NA_ANCHOR)
			return res->na_anchor_percent / 100.0;
		return res->na_policy == SEMM_NA_ZERO ? 0.0 : NAN;
	}
	x = code; /* offset from min */
	if (it->reverse)
		x = span - x;
	return x / span;
}

static int covered(size_t have, size_t total, double coverage)
{
	return (double)have + COVERAGE_EPSILON >= coverage * (double)total;
}

/* Element scores of one respondent; returns items answered. */
static size_t score_elements(const semm_result *res, const uint8_t *ans,
			     double *elem, double *sum, double *wsum,
			     size_t *answered)
{
	const semm_questionnaire *q = res->q;
	size_t n_elems = res->model->n_elems, i, total = 0;

	for (i = 0; i < n_elems; i++) {
		sum[i] = wsum[i] = 0;
		answered[i] = 0;
	}
	for (i = 0; i < q->n_items; i++) {
		double u = item_u(res, i, ans[i]);
		size_t e = q->items[i].element;

		if (isnan(u))
			continue;
		sum[e] += q->items[i].weight * u;
		wsum[e] += q->items[i].weight;
		answered[e]++;
		total++;
	}
	for (i = 0; i < n_elems; i++)
		elem[i] = covered(answered[i], q->elem_items[i],
				  res->coverage_min)
				  ? sum[i] / wsum[i]
				  : NAN;
	return total;
}

/* Dimension and overall scores from element scores. */
static double score_rollup(const semm_result *res, const double *elem,
			   double *dim)
{
	const semm_model *m = res->model;
	double osum = 0, ow = 0;
	size_t d, e, have_dims = 0;

	for (d = 0; d < m->n_dims; d++) {
		const semm__dimension *dm = &m->dims[d];
		double sum = 0, w = 0;
		size_t have = 0;

		for (e = dm->first; e < dm->first + dm->count; e++) {
			if (isnan(elem[e]))
				continue;
			sum += m->elems[e].weight * elem[e];
			w += m->elems[e].weight;
			have++;
		}
		dim[d] = covered(have, dm->count, res->coverage_min) ? sum / w
								     : NAN;
		if (!isnan(dim[d])) {
			osum += dm->weight * dim[d];
			ow += dm->weight;
			have_dims++;
		}
	}
	return covered(have_dims, m->n_dims, res->coverage_min) ? osum / ow
								: NAN;
}

static int score_respondents(semm_result *res)
{
	const semm_responses *r = res->r;
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims, i;
	double *sum = malloc(n_e * sizeof(double));
	double *wsum = malloc(n_e * sizeof(double));
	size_t *answered = malloc(n_e * sizeof(size_t));
	int rc = SEMM_ENOMEM;

	res->scored = malloc((r->n ? r->n : 1) * sizeof(size_t));
	res->unanswered = malloc((r->n ? r->n : 1) * sizeof(size_t));
	res->elem_u = malloc((r->n ? r->n : 1) * n_e * sizeof(double));
	res->dim_u = malloc((r->n ? r->n : 1) * n_d * sizeof(double));
	res->overall_u = malloc((r->n ? r->n : 1) * sizeof(double));
	if (!sum || !wsum || !answered || !res->scored || !res->unanswered ||
	    !res->elem_u || !res->dim_u || !res->overall_u)
		goto done;
	for (i = 0; i < r->n; i++) {
		size_t k = res->n_scored;
		double *elem = res->elem_u + k * n_e;

		if (score_elements(res, r->answers + i * r->n_items, elem, sum,
				   wsum, answered) == 0) {
			res->unanswered[res->n_unanswered++] = i;
			if (r->opts.on_error == SEMM_ON_ERROR_FAIL) {
				rc = SEMM_EDATA;
				goto done;
			}
			continue;
		}
		res->overall_u[k] =
			score_rollup(res, elem, res->dim_u + k * n_d);
		res->scored[res->n_scored++] = i;
	}
	rc = SEMM_OK;
done:
	free(sum);
	free(wsum);
	free(answered);
	return rc;
}

static const char *group_key(const semm_result *res, size_t i, int role,
			     size_t *len)
{
	const semm__respondent *p = &res->r->resp[res->scored[i]];
	const char *s;

	if (role < 0) {
		*len = 3;
		return "all";
	}
	s = semm__pool_str(res->r, p->meta[role]);
	if (!s || !*s) {
		*len = strlen("(no value)");
		return "(no value)";
	}
	*len = strlen(s);
	return s;
}

typedef struct group_order {
	const char *id;
	size_t old;
} group_order;

static int cmp_group(const void *a, const void *b)
{
	return strcmp(((const group_order *)a)->id,
		      ((const group_order *)b)->id);
}

/* Puts groups in byte order of their ids and renumbers the members. */
static int sort_groups(semm_result *res)
{
	size_t n = res->n_groups ? res->n_groups : 1, g, i;
	group_order *order = malloc(n * sizeof(*order));
	semm__group *sorted = calloc(n, sizeof(*sorted));
	size_t *slot = malloc(n * sizeof(*slot));
	int rc = SEMM_ENOMEM;

	if (!order || !sorted || !slot)
		goto done;
	for (g = 0; g < res->n_groups; g++) {
		order[g].id = res->groups[g].id;
		order[g].old = g;
	}
	qsort(order, res->n_groups, sizeof(*order), cmp_group);
	for (g = 0; g < res->n_groups; g++) {
		sorted[g] = res->groups[order[g].old];
		slot[order[g].old] = g;
	}
	free(res->groups);
	res->groups = sorted;
	sorted = NULL;
	for (i = 0; i < res->n_scored; i++)
		res->group_of[i] = slot[res->group_of[i]];
	rc = SEMM_OK;
done:
	free(order);
	free(sorted);
	free(slot);
	return rc;
}

static int fill_members(semm_result *res)
{
	size_t g, i;

	for (g = 0; g < res->n_groups; g++) {
		res->groups[g].members =
			malloc(res->groups[g].n * sizeof(size_t));
		if (!res->groups[g].members)
			return SEMM_ENOMEM;
		res->groups[g].n = 0;
	}
	for (i = 0; i < res->n_scored; i++) {
		semm__group *gr = &res->groups[res->group_of[i]];

		gr->members[gr->n++] = i;
	}
	return SEMM_OK;
}

/* Creates the groups (sorted by id) and their member lists. */
static int make_groups(semm_result *res, int role)
{
	semm__strmap map = { 0 };
	size_t i, g;
	int rc = SEMM_ENOMEM;

	res->group_of =
		malloc((res->n_scored ? res->n_scored : 1) * sizeof(size_t));
	res->groups =
		calloc(res->n_scored ? res->n_scored : 1, sizeof(semm__group));
	if (!res->group_of || !res->groups)
		goto done;
	for (i = 0; i < res->n_scored; i++) {
		size_t len;
		const char *key = group_key(res, i, role, &len);
		int put = semm__strmap_put(&map, key, len, res->n_groups, &g);

		if (put < 0)
			goto done;
		if (put == 1) {
			g = res->n_groups++;
			res->groups[g].id = semm__strndup(key, len);
			if (!res->groups[g].id)
				goto done;
		}
		res->groups[g].n++;
		res->group_of[i] = g;
	}
	rc = sort_groups(res);
	if (rc == SEMM_OK)
		rc = fill_members(res);
done:
	semm__strmap_free(&map);
	return rc;
}

/* Describes vals[0..n-1] into u; group size sets `missing`. */
static int describe(const semm_result *res, semm__unit *u, const double *vals,
		    size_t n, size_t group_n, double *work, double lo,
		    double hi, int banded)
{
	int rc = semm_stats_describe(vals, n, work, &u->d);

	u->missing = group_n - n;
	u->percent = n ? (u->d.mean - lo) / (hi - lo) * 100.0 : NAN;
	u->target = u->gap = u->priority = NAN;
	u->level = banded ? semm__model_band(res->model, u->percent) : -1;
	return rc;
}

static void count_answers(const semm_result *res, semm__group *gr, size_t i,
			  const uint8_t *ans)
{
	size_t *c = gr->counts + i * res->n_counts;

	if (ans[i] == SEMM__ANS_BLANK)
		c[res->n_counts - 1]++;
	else if (ans[i] == SEMM__ANS_DK)
		c[res->n_counts - 2]++;
	else if (ans[i] == SEMM__ANS_NA)
		c[res->n_counts - 3]++;
	else
		c[ans[i]]++;
}

static int describe_items(const semm_result *res, semm__group *gr, double *vals,
			  double *work)
{
	const semm_questionnaire *q = res->q;
	size_t i, k;
	int rc = SEMM_OK;

	for (i = 0; i < q->n_items && rc == SEMM_OK; i++) {
		const semm__scale *s = semm__item_scale(q, i);
		size_t n = 0;

		for (k = 0; k < gr->n; k++) {
			size_t row = res->scored[gr->members[k]];
			const uint8_t *ans = res->r->answers + row * q->n_items;
			double u = item_u(res, i, ans[i]);

			count_answers(res, gr, i, ans);
			if (!isnan(u))
				vals[n++] = s->min + u * (s->max - s->min);
		}
		rc = describe(res, &gr->items[i], vals, n, gr->n, work, s->min,
			      s->max, 0);
	}
	return rc;
}

/* Describes one respondent-level score column (stride apart). */
static int describe_column(const semm_result *res, const semm__group *gr,
			   semm__unit *u, const double *col, size_t stride,
			   double *vals, double *work)
{
	double span = res->smax - res->smin;
	size_t k, n = 0;

	for (k = 0; k < gr->n; k++) {
		double x = col[gr->members[k] * stride];

		if (!isnan(x))
			vals[n++] = res->smin + x * span;
	}
	return describe(res, u, vals, n, gr->n, work, res->smin, res->smax, 1);
}

static void staged_level(const semm_result *res, semm__group *gr)
{
	size_t e;

	gr->staged = -1;
	gr->n_unassessed = 0;
	for (e = 0; e < res->model->n_elems; e++) {
		int lv = gr->elems[e].level;

		if (lv < 0)
			gr->n_unassessed++;
		else if (gr->staged < 0 || lv < gr->staged)
			gr->staged = lv;
	}
	if (gr->n_unassessed)
		gr->staged = -1;
}

static int describe_group(const semm_result *res, semm__group *gr, double *vals,
			  double *work)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims, i;
	int rc;

	gr->items = calloc(res->q->n_items, sizeof(semm__unit));
	gr->counts = calloc(res->q->n_items * res->n_counts, sizeof(size_t));
	gr->elems = calloc(n_e, sizeof(semm__unit));
	gr->dims = calloc(n_d, sizeof(semm__unit));
	if (!gr->items || !gr->counts || !gr->elems || !gr->dims)
		return SEMM_ENOMEM;
	rc = describe_items(res, gr, vals, work);
	for (i = 0; i < n_e && rc == SEMM_OK; i++)
		rc = describe_column(res, gr, &gr->elems[i], res->elem_u + i,
				     n_e, vals, work);
	for (i = 0; i < n_d && rc == SEMM_OK; i++)
		rc = describe_column(res, gr, &gr->dims[i], res->dim_u + i, n_d,
				     vals, work);
	if (rc == SEMM_OK)
		rc = describe_column(res, gr, &gr->overall, res->overall_u, 1,
				     vals, work);
	staged_level(res, gr);
	return rc;
}

static int describe_groups(semm_result *res)
{
	size_t most = 1, g, i;
	double *vals, *work;
	int rc = SEMM_OK;

	res->n_counts = 0;
	for (i = 0; i < res->q->n_scales; i++) {
		size_t pts = (size_t)(res->q->scales[i].max -
				      res->q->scales[i].min + 1);

		if (pts > res->n_counts)
			res->n_counts = pts;
	}
	res->n_counts += 3; /* na, don't know, blank */
	for (g = 0; g < res->n_groups; g++) {
		if (res->groups[g].n > most)
			most = res->groups[g].n;
	}
	vals = malloc(most * sizeof(double));
	work = malloc(most * sizeof(double));
	if (!vals || !work)
		rc = SEMM_ENOMEM;
	for (g = 0; g < res->n_groups && rc == SEMM_OK; g++)
		rc = describe_group(res, &res->groups[g], vals, work);
	free(vals);
	free(work);
	return rc;
}

/* Everything about the options that can be checked before reading. */
static int resolve(semm_result *res, const semm_score_options *opts, int *role,
		   semm_error *err)
{
	semm_score_options defaults = SEMM_SCORE_OPTIONS_INIT;
	int rc = resolve_options(res, opts ? opts : &defaults, err);

	if (rc == SEMM_OK)
		rc = resolve_group_by(res, opts ? opts->group_by : NULL, role,
				      err);
	if (rc == SEMM_OK)
		rc = semm__targets_check(res, opts ? opts->targets : NULL, err);
	if (rc == SEMM_OK)
		rc = semm__bench_check(res->q, opts ? opts : &defaults, err);
	return rc;
}

int semm_score_check_options(const semm_model *model,
			     const semm_questionnaire *q,
			     const semm_score_options *opts, semm_error *err)
{
	semm_result *res;
	int role = -1, rc;

	if (!model || !q || q->model != model)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "the questionnaire is not bound to this "
				  "model");
	res = calloc(1, sizeof(*res));
	if (!res)
		return semm__fail(err, SEMM_ENOMEM, NULL, 0, 0,
				  "out of memory");
	res->model = model;
	res->q = q;
	rc = resolve(res, opts, &role, err);
	free(res->group_by);
	free(res);
	return rc;
}

int semm_score_run(semm_result **out, const semm_model *model,
		   const semm_questionnaire *q, const semm_responses *r,
		   const semm_score_options *opts, semm_error *err)
{
	semm_score_options defaults = SEMM_SCORE_OPTIONS_INIT;
	semm_result *res;
	int role = -1, rc;

	*out = NULL;
	if (!model || !q || !r || q->model != model || r->q != q)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "the questionnaire is not bound to this "
				  "model, or the responses are for another "
				  "questionnaire");
	res = calloc(1, sizeof(*res));
	if (!res)
		return semm__fail(err, SEMM_ENOMEM, NULL, 0, 0,
				  "out of memory");
	res->model = model;
	res->q = q;
	res->r = r;
	rc = resolve(res, opts, &role, err);
	if (rc == SEMM_OK) {
		score_scale(res);
		rc = score_respondents(res);
	}
	if (rc == SEMM_EDATA) {
		const semm__respondent *p =
			&r->resp[res->unanswered[res->n_unanswered - 1]];

		semm__fail(err, rc, r->sources[p->source], p->line, 0, "%s",
			   no_answers);
	}
	if (rc == SEMM_OK)
		rc = make_groups(res, role);
	if (rc == SEMM_OK)
		rc = describe_groups(res);
	if (rc == SEMM_OK)
		rc = semm__targets_apply(res, opts ? opts->targets : NULL, err);
	if (rc == SEMM_OK)
		rc = semm__reliability_run(res);
	if (rc == SEMM_OK)
		rc = semm__bench_run(res, opts ? opts : &defaults, err);
	if (rc == SEMM_ENOMEM)
		semm__fail(err, rc, NULL, 0, 0, "out of memory while scoring");
	if (rc < 0) {
		semm_result_free(res);
		return rc;
	}
	*out = res;
	return SEMM_OK;
}

size_t semm_result_read_count(const semm_result *res)
{
	return semm_responses_read_count(res->r);
}

size_t semm_result_scored_count(const semm_result *res)
{
	return res->n_scored;
}

size_t semm_result_rejected_count(const semm_result *res)
{
	return semm_responses_rejected_count(res->r) + res->n_unanswered;
}

/* Both lists are in input order; the i-th of their merge is found by
 * walking them together (the lists are short). */
int semm__result_rejected(const semm_result *res, size_t i, semm__rejected *out)
{
	const semm_responses *r = res->r;
	size_t a = 0, b = 0, k;

	if (i >= semm_result_rejected_count(res))
		return 0;
	for (k = 0;; k++) {
		const semm__rejection *x = a < r->n_rej ? &r->rej[a] : NULL;
		const semm__respondent *p =
			b < res->n_unanswered ? &r->resp[res->unanswered[b]]
					      : NULL;
		int take_x =
			x && (!p || x->source < p->source ||
			      (x->source == p->source && x->line <= p->line));

		if (k == i && take_x) {
			out->source = r->sources[x->source];
			out->line = x->line;
			out->column = x->column;
			out->respondent = semm__pool_str(r, x->respondent);
			out->reason = semm__pool_str(r, x->reason);
			return 1;
		}
		if (k == i) {
			out->source = r->sources[p->source];
			out->line = p->line;
			out->column = 0;
			out->respondent = semm__pool_str(
				r, p->meta[SEMM_META_RESPONDENT]);
			out->reason = no_answers;
			return 1;
		}
		if (take_x)
			a++;
		else
			b++;
	}
}

const char *semm_result_rejection(const semm_result *res, size_t i, char *buf,
				  size_t len)
{
	semm__rejected x;

	if (!buf || len == 0)
		return buf;
	buf[0] = '\0';
	if (!semm__result_rejected(res, i, &x))
		return buf;
	if (x.column)
		snprintf(buf, len, "%s:%lu:%lu: %s", x.source, x.line, x.column,
			 x.reason);
	else
		snprintf(buf, len, "%s:%lu: %s", x.source, x.line, x.reason);
	return buf;
}

size_t semm_result_group_count(const semm_result *res)
{
	return res->n_groups;
}

const char *semm_result_group_id(const semm_result *res, size_t g)
{
	return g < res->n_groups ? res->groups[g].id : NULL;
}

void semm_result_group_overall(const semm_result *res, size_t g,
			       double *percent, int *level, int *staged)
{
	const semm__group *gr = g < res->n_groups ? &res->groups[g] : NULL;

	if (percent)
		*percent = gr ? gr->overall.percent : NAN;
	if (level)
		*level = gr && gr->overall.level >= 0
				 ? res->model->bands[gr->overall.level].level
				 : 0;
	if (staged)
		*staged = gr && gr->staged >= 0
				  ? res->model->bands[gr->staged].level
				  : 0;
}

double semm_result_respondent_element(const semm_result *res, size_t i,
				      size_t e)
{
	double u;

	if (i >= res->n_scored || e >= res->model->n_elems)
		return NAN;
	u = res->elem_u[i * res->model->n_elems + e];
	return isnan(u) ? NAN : res->smin + u * (res->smax - res->smin);
}
