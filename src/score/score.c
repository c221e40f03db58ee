/*
 * score.c - scoring: item values on the unit interval, respondent element,
 * dimension and overall scores under the coverage rule, groups, their
 * descriptive statistics, levels and the staged (weakest-link) level.
 * The rules are written down in docs/SCORING.md.
 */
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "score/bench.h"
#include "score/score_int.h"

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
	semm__ratings_free(res);
	semm__bench_free(res->bench);
	for (g = 0; g < res->n_groups; g++) {
		semm__group *gr = &res->groups[g];

		free(gr->id);
		free(gr->items);
		free(gr->counts);
		free(gr->elems);
		free(gr->dims);
	}
	free(res->groups);
	free(res->group_by);
	free(res->scope);
	free(res->unanswered);
	free(res->rejected);
	free(res->answered);
	free(res->group_findings);
	free(res->findings);
	free(res);
}

/* The caller's options whole: version 1 callers have nothing from
 * rwg_null on, version 2 callers nothing from scope on, version 3
 * callers no threads, and take the defaults there. */
static int copy_options(semm_score_options *to, const semm_score_options *o,
			semm_error *err)
{
	semm_score_options defaults = SEMM_SCORE_OPTIONS_INIT;

	*to = defaults;
	if (o->version == 1) {
		memcpy(to, o, offsetof(semm_score_options, rwg_null));
		return SEMM_OK;
	}
	if (o->version == 2) {
		memcpy(to, o, offsetof(semm_score_options, scope));
		return SEMM_OK;
	}
	if (o->version == 3) {
		memcpy(to, o, offsetof(semm_score_options, threads));
		return SEMM_OK;
	}
	if (o->version != SEMM_SCORE_OPTIONS_VERSION)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "unknown score options version %u",
				  o->version);
	*to = *o;
	return SEMM_OK;
}

/* The language of the reports' own text and of the model's names. Asked
 * for with a language code, both must exist: a report is never half in
 * one language and half in another. Without one, the report follows the
 * questionnaire's default language when semm and the model have it, and
 * is English otherwise. */
static int report_language(semm_result *res, const char *code, semm_error *err)
{
	const semm_questionnaire *q = res->q;
	const char *want = code;

	if (!want && q->n_languages > 0)
		want = q->languages[0];
	if (want && semm__lang_find(want, &res->report_lang) == 0 &&
	    semm__model_lang(res->model, semm__lang_code(res->report_lang),
			     &res->model_lang) == 0)
		return 0;
	if (code && semm__lang_find(code, &res->report_lang) < 0)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "language \"%s\": semm writes reports in "
				  "%s only",
				  code, semm__lang_list());
	if (code)
		return semm__fail(
			err, SEMM_EARG, NULL, 0, 0,
			"model \"%s\" has no translation into "
			"\"%s\" (its names and descriptors are needed "
			"for a report in that language)",
			res->model->id, code);
	res->report_lang = SEMM__LANG_EN;
	if (semm__model_lang(res->model, "en", &res->model_lang) < 0)
		res->model_lang = 0;
	return 0;
}

static int resolve_options(semm_result *res, const semm_score_options *given,
			   semm_error *err)
{
	const semm_model *m = res->model;
	semm_score_options all, *o = &all;
	int rc = copy_options(&all, given, err);

	if (rc < 0)
		return rc;
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
	/* the reading's threads unless asked otherwise (a loaded partial's
	 * store reads with one) */
	res->threads = o->threads			? o->threads
		       : res->r && res->r->opts.threads ? res->r->opts.threads
							: 1;
	if (res->threads > SEMM__MAX_THREADS)
		res->threads = SEMM__MAX_THREADS;
	if (o->lang &&
	    semm_questionnaire_language(res->q, o->lang, &res->lang) < 0)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "questionnaire \"%s\" has no language \"%s\"",
				  res->q->id, o->lang);
	rc = report_language(res, o->lang, err);
	if (rc < 0)
		return rc; /* SEMM_EARG: -1 would read as out of memory */
	rc = semm__scope_options(res, o, err);
	if (rc < 0)
		return rc;
	return semm__aggregation_options(res, o, err);
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
	int rc = semm__group_role(res->q, by, role);

	if (rc == SEMM_EARG)
		return group_by_error(res->q, by, err);
	if (rc < 0)
		return rc;
	if (*role >= 0) {
		res->group_by = semm__strdup(res->q->meta_column[*role]);
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
			     double *elem)
{
	const semm_questionnaire *q = res->q;
	size_t n_elems = res->model->n_elems, i, total = 0;
	double sum[SEMM_MAX_MODEL_UNITS], wsum[SEMM_MAX_MODEL_UNITS];
	size_t answered[SEMM_MAX_MODEL_UNITS];

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
	/* an element out of scope has no score, whatever was answered */
	for (i = 0; i < n_elems; i++)
		elem[i] = res->in_elem[i] &&
					  covered(answered[i], q->elem_items[i],
						  res->coverage_min)
				  ? sum[i] / wsum[i]
				  : NAN;
	return total;
}

/* Dimension and overall scores from element scores, over the scope: a
 * dimension over its elements in scope, the overall over the dimensions
 * in scope (the coverage rule counts only those). */
static double score_rollup(const semm_result *res, const double *elem,
			   double *dim)
{
	const semm_model *m = res->model;
	double osum = 0, ow = 0;
	size_t d, e, have_dims = 0;

	for (d = 0; d < m->n_dims; d++) {
		const semm__dimension *dm = &m->dims[d];
		double sum = 0, w = 0;
		size_t have = 0, in = 0;

		for (e = dm->first; e < dm->first + dm->count; e++) {
			in += res->in_elem[e];
			if (isnan(elem[e]))
				continue;
			sum += m->elems[e].weight * elem[e];
			w += m->elems[e].weight;
			have++;
		}
		dim[d] = in && covered(have, in, res->coverage_min) ? sum / w
								    : NAN;
		if (!isnan(dim[d])) {
			osum += dm->weight * dim[d];
			ow += dm->weight;
			have_dims++;
		}
	}
	return covered(have_dims, res->n_in_dims, res->coverage_min) ? osum / ow
								     : NAN;
}

size_t semm__score_row(const semm_result *res, const uint8_t *codes,
		       double *elem, double *dim, double *overall)
{
	size_t answered = score_elements(res, codes, elem);

	*overall = answered ? score_rollup(res, elem, dim) : NAN;
	return answered;
}

/* The rows with no answer under the N/A policy: only rows the store
 * noted as having no actual answer can be. */
static int find_unanswered(semm_result *res, semm_error *err)
{
	const semm_responses *r = res->r;
	size_t k;
	double elem[SEMM_MAX_MODEL_UNITS], dim[SEMM_MAX_MODEL_UNITS], o;
	uint8_t *codes = malloc(r->n_items ? r->n_items : 1);

	res->n_scored = r->n;
	res->unanswered =
		malloc((r->n_empty ? r->n_empty : 1) * sizeof(size_t));
	if (!codes || !res->unanswered) {
		free(codes);
		return SEMM_ENOMEM;
	}
	for (k = 0; k < r->n_empty; k++) {
		const semm__maybe_empty *e = &r->empty[k];

		semm__responses_unpack(r, e->row, codes);
		if (semm__score_row(res, codes, elem, dim, &o) > 0)
			continue;
		if (r->opts.on_error == SEMM_ON_ERROR_FAIL) {
			free(codes);
			return semm__fail(err, SEMM_EDATA,
					  r->sources[e->source], e->line, 0,
					  "%s", no_answers);
		}
		res->unanswered[res->n_unanswered++] = e->row;
	}
	free(codes);
	res->n_scored = r->n - res->n_unanswered;
	return SEMM_OK;
}

/* The id of the group of respondents whose group column is empty. */
#define NO_VALUE "(no value)"
#define NO_VALUE_TAKEN "(no value: the column is empty)"

static int cmp_group(const void *a, const void *b)
{
	return strcmp(((const semm__group *)a)->id,
		      ((const semm__group *)b)->id);
}

/* The group of each key with scored rows, sorted by id; slot[key] gets
 * each key's group (key n_keys - 1 stands for "no value"). */
static int create_groups(semm_result *res, const size_t *count, size_t n_keys,
			 size_t *slot)
{
	const semm_responses *r = res->r;
	size_t key, g, taken;
	/* respondents without a value form a group of their own, never one
	 * with an organization that is literally called so */
	const char *none = semm__strmap_get(&r->groups.map, NO_VALUE,
					    strlen(NO_VALUE), &taken)
				   ? NO_VALUE_TAKEN
				   : NO_VALUE;

	res->groups = calloc(n_keys, sizeof(semm__group));
	if (!res->groups)
		return SEMM_ENOMEM;
	for (key = 0; key < n_keys; key++) {
		semm__group *gr = &res->groups[res->n_groups];
		const char *id = r->group_role < 0   ? "all"
				 : key + 1 == n_keys ? none
						     : r->groups.value[key];

		if (!count[key])
			continue;
		gr->id = semm__strdup(id);
		if (!gr->id)
			return SEMM_ENOMEM;
		gr->key = key + 1 == n_keys ? SEMM__NONE32 : (uint32_t)key;
		gr->n = count[key];
		res->n_groups++;
	}
	qsort(res->groups, res->n_groups, sizeof(semm__group), cmp_group);
	for (g = 0; g < res->n_groups; g++) {
		uint32_t k = res->groups[g].key;

		slot[k == SEMM__NONE32 ? n_keys - 1 : k] = g;
	}
	return SEMM_OK;
}

/* The key slot of row i (the last slot: no value). */
static size_t key_slot(const semm_responses *r, size_t i, size_t n_keys)
{
	uint32_t k;

	if (r->group_role < 0)
		return 0;
	k = semm__row_group(r, i);
	return k == SEMM__NONE32 ? n_keys - 1 : k;
}

/* Groups, and the scored rows of group g at rows[start[g]..start[g+1]). */
static int make_groups(semm_result *res, size_t **rows_out, size_t **start_out)
{
	const semm_responses *r = res->r;
	size_t n_keys = r->group_role < 0 ? 1 : r->groups.n + 1;
	size_t *count = calloc(n_keys, sizeof(size_t));
	size_t *slot = malloc(n_keys * sizeof(size_t));
	size_t *start = NULL, *rows = NULL, i, u = 0, g;
	int rc = SEMM_ENOMEM;

	if (!count || !slot)
		goto done;
	for (i = 0; i < r->n; i++) {
		if (u < res->n_unanswered && res->unanswered[u] == i) {
			u++;
			continue;
		}
		count[key_slot(r, i, n_keys)]++;
	}
	rc = create_groups(res, count, n_keys, slot);
	if (rc < 0)
		goto done;
	rc = SEMM_ENOMEM;
	start = calloc(res->n_groups + 1, sizeof(size_t));
	rows = malloc((res->n_scored ? res->n_scored : 1) * sizeof(size_t));
	if (!start || !rows)
		goto done;
	for (g = 0; g < res->n_groups; g++)
		start[g + 1] = start[g] + res->groups[g].n;
	memset(count, 0, n_keys * sizeof(size_t));
	for (i = 0, u = 0; i < r->n; i++) {
		size_t k;

		if (u < res->n_unanswered && res->unanswered[u] == i) {
			u++;
			continue;
		}
		k = key_slot(r, i, n_keys);
		rows[start[slot[k]] + count[k]++] = i;
	}
	*rows_out = rows;
	*start_out = start;
	rows = start = NULL;
	rc = SEMM_OK;
done:
	free(count);
	free(slot);
	free(rows);
	free(start);
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

static void count_answers(const semm_result *res, semm__group *gr,
			  const uint8_t *ans)
{
	size_t i;

	for (i = 0; i < res->q->n_items; i++) {
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
}

typedef struct value_count {
	double v;
	size_t c;
} value_count;

static int cmp_value(const void *a, const void *b)
{
	double x = ((const value_count *)a)->v, y = ((const value_count *)b)->v;

	return (x > y) - (x < y);
}

/* Item i's statistics from its answer counts: every answer that has a
 * value under the N/A policy, at that value (after reverse coding). */
static int describe_item(const semm_result *res, semm__group *gr, size_t i)
{
	const semm__scale *s = semm__item_scale(res->q, i);
	const size_t *c = gr->counts + i * res->n_counts;
	size_t pts = (size_t)(s->max - s->min + 1), m = 0, k, n = 0;
	value_count vc[256 + 1];
	double values[256 + 1];
	size_t counts[256 + 1];
	semm__unit *u = &gr->items[i];
	double na = item_u(res, i, SEMM__ANS_NA);
	int rc;

	for (k = 0; k < pts; k++) {
		if (!c[k])
			continue;
		vc[m].v =
			s->min + item_u(res, i, (uint8_t)k) * (s->max - s->min);
		vc[m++].c = c[k];
	}
	if (!isnan(na) && c[res->n_counts - 3] + c[res->n_counts - 2]) {
		vc[m].v = s->min + na * (s->max - s->min);
		vc[m++].c = c[res->n_counts - 3] + c[res->n_counts - 2];
	}
	qsort(vc, m, sizeof(*vc), cmp_value);
	for (k = 0; k < m; k++) {
		if (n && values[n - 1] == vc[k].v) {
			counts[n - 1] += vc[k].c;
			continue;
		}
		values[n] = vc[k].v;
		counts[n++] = vc[k].c;
	}
	rc = semm_stats_describe_counts(values, counts, n, &u->d);
	u->missing = gr->n - u->d.n;
	u->percent =
		u->d.n ? (u->d.mean - s->min) / (s->max - s->min) * 100.0 : NAN;
	u->target = u->gap = u->priority = NAN;
	u->level = -1;
	return rc;
}

/* Describes one score column (stride apart) of a view. */
static int describe_column(const semm_result *res, const semm__view *v,
			   semm__unit *u, const double *col, size_t stride,
			   double *vals, double *work)
{
	double span = res->smax - res->smin;
	size_t k, n = 0;

	for (k = 0; k < v->n; k++) {
		double x = col[k * stride];

		if (!isnan(x))
			vals[n++] = res->smin + x * span;
	}
	return describe(res, u, vals, n, v->n, work, res->smin, res->smax, 1);
}

static void staged_level(const semm_result *res, semm__group *gr)
{
	size_t e;

	gr->staged = -1;
	gr->n_unassessed = 0;
	for (e = 0; e < res->model->n_elems; e++) {
		int lv = gr->elems[e].level;

		if (!res->in_elem[e])
			continue; /* not in scope: never limiting */
		if (lv < 0)
			gr->n_unassessed++;
		else if (gr->staged < 0 || lv < gr->staged)
			gr->staged = lv;
	}
	if (gr->n_unassessed)
		gr->staged = -1;
	semm__group_stage(res, gr);
}

/* Scratch space for one group at a time, sized for the largest. */
typedef struct group_work {
	struct sort_row {
		const unsigned char *p;
		size_t width;
	} * order;
	uint8_t *ans;
	size_t *counts; /* one group's answer counts (summary reports) */
	double *eu, *du, *ou, *vals, *work;
} group_work;

static void group_work_free(group_work *w)
{
	free(w->order);
	free(w->ans);
	free(w->counts);
	free(w->eu);
	free(w->du);
	free(w->ou);
	free(w->vals);
	free(w->work);
}

static int group_work_new(group_work *w, const semm_result *res)
{
	size_t most = 1, g, n_i = res->q->n_items ? res->q->n_items : 1;

	for (g = 0; g < res->n_groups; g++) {
		if (res->groups[g].n > most)
			most = res->groups[g].n;
	}
	memset(w, 0, sizeof(*w));
	w->order = malloc(most * sizeof(*w->order));
	w->counts = malloc((n_i * res->n_counts) * sizeof(size_t));
	w->ans = malloc(most * n_i);
	w->eu = malloc(most * res->model->n_elems * sizeof(double));
	w->du = malloc(most * res->model->n_dims * sizeof(double));
	w->ou = malloc(most * sizeof(double));
	w->vals = malloc(most * sizeof(double));
	w->work = malloc(most * sizeof(double));
	if (!w->order || !w->counts || !w->ans || !w->eu || !w->du || !w->ou ||
	    !w->vals || !w->work) {
		group_work_free(w);
		return SEMM_ENOMEM;
	}
	return SEMM_OK;
}

static int cmp_row(const void *a, const void *b)
{
	const struct sort_row *x = a, *y = b;

	return memcmp(x->p, y->p, x->width);
}

/* The group's rows in canonical order, unpacked and scored. */
static void group_view(const semm_result *res, const size_t *rows, size_t n,
		       group_work *w, semm__view *v)
{
	const semm_responses *r = res->r;
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims, k;

	for (k = 0; k < n; k++) {
		w->order[k].p = semm__chunk_at(&r->answers, rows[k]);
		w->order[k].width = r->row_bytes;
	}
	qsort(w->order, n, sizeof(*w->order), cmp_row);
	for (k = 0; k < n; k++) {
		uint8_t *codes = w->ans + k * r->n_items;

		semm__responses_unpack_at(r, w->order[k].p, codes);
		semm__score_row(res, codes, w->eu + k * n_e, w->du + k * n_d,
				&w->ou[k]);
	}
	v->n = n;
	v->ans = w->ans;
	v->eu = w->eu;
	v->du = w->du;
	v->ou = w->ou;
}

/* Respondents with a value for item i under the N/A policy. */
static size_t item_answered(const semm_result *res, const semm__group *gr,
			    size_t i)
{
	const semm__scale *s = semm__item_scale(res->q, i);
	const size_t *c = gr->counts + i * res->n_counts;
	size_t k, n = 0, pts = (size_t)(s->max - s->min + 1);

	for (k = 0; k < pts; k++)
		n += c[k];
	if (!isnan(item_u(res, i, SEMM__ANS_NA)))
		n += c[res->n_counts - 3] + c[res->n_counts - 2];
	return n;
}

/* A group's statistics. Reports without item detail (summary) keep
 * neither the item statistics nor the answer counts: the counts live in
 * the thread's work space while the group is computed. */
static int describe_group(semm_result *res, semm__group *gr,
			  const semm__view *v, group_work *w, size_t *answered)
{
	size_t n_e = res->model->n_elems, n_d = res->model->n_dims, i;
	size_t n_c = res->q->n_items * res->n_counts;
	int rc = SEMM_OK;

	if (!res->summary) {
		gr->items = calloc(res->q->n_items, sizeof(semm__unit));
		gr->counts = calloc(n_c ? n_c : 1, sizeof(size_t));
	} else {
		gr->counts = w->counts;
		memset(gr->counts, 0, n_c * sizeof(size_t));
	}
	gr->elems = calloc(n_e, sizeof(semm__unit));
	gr->dims = calloc(n_d, sizeof(semm__unit));
	if ((!res->summary && !gr->items) || !gr->counts || !gr->elems ||
	    !gr->dims)
		return SEMM_ENOMEM;
	for (i = 0; i < v->n; i++)
		count_answers(res, gr, v->ans + i * res->q->n_items);
	for (i = 0; i < res->q->n_items; i++)
		answered[i] += item_answered(res, gr, i);
	for (i = 0; gr->items && i < res->q->n_items && rc == SEMM_OK; i++)
		rc = describe_item(res, gr, i);
	for (i = 0; i < n_e && rc == SEMM_OK; i++)
		rc = describe_column(res, v, &gr->elems[i], v->eu + i, n_e,
				     w->vals, w->work);
	for (i = 0; i < n_d && rc == SEMM_OK; i++)
		rc = describe_column(res, v, &gr->dims[i], v->du + i, n_d,
				     w->vals, w->work);
	if (rc == SEMM_OK)
		rc = describe_column(res, v, &gr->overall, v->ou, 1, w->vals,
				     w->work);
	staged_level(res, gr);
	return rc;
}

static void count_slots(semm_result *res)
{
	size_t i;

	res->n_counts = 0;
	for (i = 0; i < res->q->n_scales; i++) {
		size_t pts = (size_t)(res->q->scales[i].max -
				      res->q->scales[i].min + 1);

		if (pts > res->n_counts)
			res->n_counts = pts;
	}
	res->n_counts += 3; /* na, don't know, blank */
}

/* Every group's figures, then the pooled and across-group ones. */
/* One thread's share of the groups: [lo, hi). */
typedef struct group_range {
	semm_result *res;
	const size_t *rows;
	const size_t *start;
	size_t lo, hi;
	double *cm; /* every group's co-moments */
	semm__pool *pool;
	size_t *answered;
	int rc;
} group_range;

static void *describe_range(void *arg)
{
	group_range *t = arg;
	semm_result *res = t->res;
	size_t g, cms = semm__comoments_size(res);
	group_work w;
	int have_work;

	t->rc = group_work_new(&w, res);
	have_work = t->rc == SEMM_OK;
	if (t->rc == SEMM_OK)
		t->rc = semm__pool_new(&t->pool, res);
	for (g = t->lo; g < t->hi && t->rc == SEMM_OK; g++) {
		semm__group *gr = &res->groups[g];
		semm__view v;

		group_view(res, t->rows + t->start[g], gr->n, &w, &v);
		t->rc = describe_group(res, gr, &v, &w, t->answered);
		if (t->rc == SEMM_OK)
			t->rc = semm__group_reliability(res, gr, &v, t->pool,
							t->cm + g * cms);
		if (t->rc == SEMM_OK)
			t->rc = semm__group_aggregation(res, gr, &v,
							t->start[g]);
		if (res->summary)
			gr->counts = NULL; /* the work space's */
	}
	if (have_work)
		group_work_free(&w);
	return NULL;
}

/* The groups cut into n ranges of about equal respondents. */
static void cut_ranges(const semm_result *res, group_range *t, size_t n)
{
	size_t g = 0, k, done = 0;

	for (k = 0; k < n; k++) {
		size_t goal = res->n_scored * (k + 1) / n;

		t[k].lo = g;
		while (g < res->n_groups && (done < goal || k + 1 == n))
			done += res->groups[g++].n;
		t[k].hi = g;
	}
}

/* Every group's figures (on the read options' threads), then the pooled
 * and across-group ones, combined in group order. */
static int describe_groups(semm_result *res)
{
	size_t *rows = NULL, *start = NULL, k, n_t, n_i = res->q->n_items;
	group_range t[SEMM__MAX_THREADS];
	pthread_t tid[SEMM__MAX_THREADS];
	double *cm = NULL;
	int rc = make_groups(res, &rows, &start), started[SEMM__MAX_THREADS];

	if (rc < 0)
		return rc;
	count_slots(res);
	n_t = res->threads;
	if (n_t > SEMM__MAX_THREADS)
		n_t = SEMM__MAX_THREADS;
	if (n_t > res->n_groups / 64 + 1)
		n_t = res->n_groups / 64 + 1; /* few groups: not worth it */
	res->moments = malloc((res->n_groups ? res->n_groups : 1) *
			      (res->model->n_elems + res->model->n_dims + 1) *
			      sizeof(semm_moments));
	res->answered = calloc(n_i ? n_i : 1, sizeof(size_t));
	cm = malloc((res->n_groups ? res->n_groups : 1) *
		    semm__comoments_size(res) * sizeof(double));
	memset(t, 0, sizeof(t));
	rc = res->moments && res->answered && cm ? SEMM_OK : SEMM_ENOMEM;
	if (rc == SEMM_OK)
		rc = semm__aggregation_start(res);
	cut_ranges(res, t, n_t);
	for (k = 0; k < n_t && rc == SEMM_OK; k++) {
		t[k].res = res;
		t[k].rows = rows;
		t[k].start = start;
		t[k].cm = cm;
		t[k].answered = calloc(n_i ? n_i : 1, sizeof(size_t));
		if (!t[k].answered)
			rc = SEMM_ENOMEM;
	}
	for (k = 1; k < n_t && rc == SEMM_OK; k++)
		started[k] = pthread_create(&tid[k], NULL, describe_range,
					    &t[k]) == 0;
	if (rc == SEMM_OK)
		describe_range(&t[0]);
	for (k = 1; k < n_t && rc == SEMM_OK; k++) {
		if (started[k])
			pthread_join(tid[k], NULL);
		else
			describe_range(&t[k]);
	}
	for (k = 0; k < n_t && rc == SEMM_OK; k++)
		rc = t[k].rc;
	if (rc == SEMM_OK) {
		for (k = 1; k < n_t; k++)
			semm__pool_combine(t[0].pool, t[k].pool, NULL, 0, 0);
		semm__pool_combine(t[0].pool, NULL, cm, res->n_groups,
				   res->model->n_dims);
		for (k = 0; k < n_t; k++) {
			size_t i;

			for (i = 0; i < n_i; i++)
				res->answered[i] += t[k].answered[i];
		}
		rc = semm__reliability_finish(res, t[0].pool);
		if (rc == SEMM_OK)
			rc = semm__aggregation_finish(res);
	}
	for (k = 0; k < n_t; k++) {
		semm__pool_free(t[k].pool);
		free(t[k].answered);
	}
	free(cm);
	free(rows);
	free(start);
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
	free(res->scope);
	free(res);
	if (rc == SEMM_ENOMEM)
		semm__fail(err, rc, NULL, 0, 0,
			   "out of memory while checking the options");
	return rc;
}

static int cmp_rejected(const void *a, const void *b)
{
	const semm__rejected *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* Every rejection, read or for no answer, in input order. */
static int list_rejected(semm_result *res)
{
	const semm_responses *r = res->r;
	size_t n = r->n_rej + res->n_unanswered, i, k = 0, u;

	res->rejected = malloc((n ? n : 1) * sizeof(*res->rejected));
	if (!res->rejected)
		return SEMM_ENOMEM;
	for (i = 0; i < r->n_rej; i++) {
		semm__rejected *x = &res->rejected[i];

		x->order = r->rej[i].source;
		x->source = r->sources[r->rej[i].source];
		x->line = r->rej[i].line;
		x->column = r->rej[i].column;
		x->respondent = semm__pool_str(r, r->rej[i].respondent);
		x->reason = semm__pool_str(r, r->rej[i].reason);
	}
	for (u = 0, i = r->n_rej; u < res->n_unanswered; u++) {
		const semm__maybe_empty *e;

		while (r->empty[k].row != res->unanswered[u])
			k++;
		e = &r->empty[k];
		res->rejected[i].order = e->source;
		res->rejected[i].source = r->sources[e->source];
		res->rejected[i].line = e->line;
		res->rejected[i].column = 0;
		res->rejected[i].respondent = semm__pool_str(r, e->respondent);
		res->rejected[i++].reason = no_answers;
	}
	res->n_rejected = n;
	if (res->n_unanswered)
		qsort(res->rejected, n, sizeof(*res->rejected), cmp_rejected);
	return SEMM_OK;
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
	if (rc == SEMM_OK && role != r->group_role)
		rc = semm__fail(err, SEMM_EARG, NULL, 0, 0,
				"group_by: the respondents were read grouped "
				"by another column (set the same group_by in "
				"the read options)");
	if (rc == SEMM_OK) {
		score_scale(res);
		rc = find_unanswered(res, err);
	}
	if (rc == SEMM_OK)
		rc = list_rejected(res);
	if (rc == SEMM_OK)
		rc = describe_groups(res);
	if (rc == SEMM_OK)
		rc = semm__targets_apply(res, opts ? opts->targets : NULL, err);
	if (rc == SEMM_OK)
		rc = semm__bench_run(res, opts ? opts : &defaults, err);
	if (rc == SEMM_OK)
		rc = semm__findings_build(res);
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
	return res->n_rejected;
}

size_t semm_result_excluded_count(const semm_result *res)
{
	return semm_responses_excluded_count(res->r, SEMM_EXCLUSION_COUNT);
}

int semm__result_rejected(const semm_result *res, size_t i, semm__rejected *out)
{
	if (i >= res->n_rejected)
		return 0;
	*out = res->rejected[i];
	return 1;
}

const char *semm_result_rejection(const semm_result *res, size_t i, char *buf,
				  size_t len)
{
	semm__rejected x;
	int n;

	if (!buf || len == 0)
		return buf;
	buf[0] = '\0';
	if (!semm__result_rejected(res, i, &x))
		return buf;
	n = semm__locate(buf, len, x.source, x.line, x.column);
	if (n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, ": %s", x.reason);
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

/* Unanswered rows at or before row. */
static size_t unanswered_upto(const semm_result *res, size_t row)
{
	size_t lo = 0, hi = res->n_unanswered;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (res->unanswered[mid] <= row)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The store row of the i-th scored respondent. */
static size_t scored_row(const semm_result *res, size_t i)
{
	size_t row = i, before;

	for (;;) {
		before = unanswered_upto(res, row);
		if (i + before == row)
			break;
		row = i + before;
	}
	return row;
}

double semm_result_respondent_element(const semm_result *res, size_t i,
				      size_t e)
{
	double elem[SEMM_MAX_MODEL_UNITS], dim[SEMM_MAX_MODEL_UNITS], o;
	uint8_t *codes;

	if (i >= res->n_scored || e >= res->model->n_elems)
		return NAN;
	codes = malloc(res->q->n_items ? res->q->n_items : 1);
	if (!codes)
		return NAN;
	semm__responses_unpack(res->r, scored_row(res, i), codes);
	semm__score_row(res, codes, elem, dim, &o);
	free(codes);
	return isnan(elem[e]) ? NAN
			      : res->smin + elem[e] * (res->smax - res->smin);
}
