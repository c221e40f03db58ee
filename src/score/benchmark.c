/*
 * benchmark.c - places groups (organizations) against their peers. From
 * one row per group (its respondents, its percent score on every unit,
 * its segment in each segmentation) it builds, for every segment and
 * unit, the distribution of the scores of the groups that entered the
 * benchmark, and answers where a group stands: percentile rank, z-score
 * and rank. The input is a table, not a result, so that partial results
 * merged from shards give the same figures as one run.
 *
 * Weights: alike (1 per group, the mean of organization means), or each
 * group's respondents scored on the unit (pooled over respondents). A
 * weight w counts the group's score w times: the weighted mean is then
 * the pooled respondent mean, and quantiles and percentile ranks are
 * those of the expanded list.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score/bench.h"

static const char *const too_few =
	"fewer organizations than the anonymity threshold";

void semm__bench_unit(const semm_model *m, size_t u, const char **type,
		      const char **id)
{
	if (u == SEMM__BU_OVERALL) {
		*type = "overall";
		*id = "overall";
	} else if (u <= m->n_dims) {
		*type = "dimension";
		*id = m->dims[u - 1].id;
	} else {
		*type = "element";
		*id = m->elems[u - 1 - m->n_dims].id;
	}
}

const semm__unit *semm__bench_group_unit(const semm_model *m,
					 const semm__group *gr, size_t u)
{
	if (u == SEMM__BU_OVERALL)
		return &gr->overall;
	if (u <= m->n_dims)
		return &gr->dims[u - 1];
	return &gr->elems[u - 1 - m->n_dims];
}

static void free_dists(semm__dist *d, size_t n)
{
	size_t i;

	for (i = 0; d && i < n; i++) {
		free(d[i].x);
		free(d[i].cum);
	}
	free(d);
}

void semm__bench_free(semm__bench *b)
{
	size_t s, p, i;

	if (!b)
		return;
	for (s = 0; b->segs && s < b->n_segs; s++) {
		semm__segmentation *sg = &b->segs[s];

		for (p = 0; p < sg->n_peers; p++) {
			free(sg->peers[p].name);
			free_dists(sg->peers[p].units, b->n_units);
		}
		free(sg->peers);
		free(sg->peer_of);
		free(sg->name);
	}
	free(b->segs);
	for (i = 0;
	     b->seg_value && b->n_segs && i < b->n_groups * (b->n_segs - 1);
	     i++)
		free(b->seg_value[i]);
	free(b->seg_value);
	semm__notes_free(&b->notes);
	free(b->out_of_scope);
	free(b->n_resp);
	free(b->score);
	free(b->unit_n);
	free(b->entered);
	free(b);
}

int semm__notes_add(semm__notes *notes, size_t g, const char *text)
{
	char **t = realloc(notes->text, (notes->n + 1) * sizeof(*t));
	size_t *group;

	if (!t)
		return SEMM_ENOMEM;
	notes->text = t;
	group = realloc(notes->group, (notes->n + 1) * sizeof(*group));
	if (!group)
		return SEMM_ENOMEM;
	notes->group = group;
	notes->text[notes->n] = semm__strdup(text);
	if (!notes->text[notes->n])
		return SEMM_ENOMEM;
	notes->group[notes->n++] = g;
	return SEMM_OK;
}

void semm__notes_free(semm__notes *notes)
{
	size_t i;

	for (i = 0; i < notes->n; i++)
		free(notes->text[i]);
	free(notes->text);
	free(notes->group);
	notes->text = NULL;
	notes->group = NULL;
	notes->n = 0;
}

/* A score with its weight, sorted by score. */
typedef struct scored {
	double x;
	double w;
} scored;

static int by_score(const void *a, const void *b)
{
	double x = ((const scored *)a)->x, y = ((const scored *)b)->x;

	return (x > y) - (x < y);
}

/* The distribution of v[0..n-1] (sorted here) into d. */
static int describe(semm__dist *d, scored *v, size_t n, int weighted,
		    size_t min_groups)
{
	double sum = 0.0, ss = 0.0, w = 0.0;
	size_t i;

	d->n = n;
	d->mean = d->sd = d->min = d->max = NAN;
	d->q1 = d->median = d->q3 = NAN;
	for (i = 0; i < 9; i++)
		d->decile[i] = NAN;
	if (n < min_groups) { /* min_groups >= 1 */
		d->withheld = too_few;
		d->short_n = n;
		d->weight = 0.0;
		return SEMM_OK;
	}
	qsort(v, n, sizeof(*v), by_score);
	d->x = malloc(n * sizeof(double));
	if (weighted)
		d->cum = malloc(n * sizeof(double));
	if (!d->x || (weighted && !d->cum))
		return SEMM_ENOMEM;
	for (i = 0; i < n; i++) {
		d->x[i] = v[i].x;
		w += v[i].w;
		if (d->cum)
			d->cum[i] = w;
		sum += v[i].w * v[i].x;
	}
	d->weight = w;
	d->mean = sum / w;
	for (i = 0; i < n; i++)
		ss += v[i].w * (v[i].x - d->mean) * (v[i].x - d->mean);
	if (w > 1.0)
		d->sd = sqrt(ss / (w - 1.0));
	d->min = d->x[0];
	d->max = d->x[n - 1];
	d->q1 = semm_stats_quantile_weighted(d->x, d->cum, n, 0.25);
	d->median = semm_stats_quantile_weighted(d->x, d->cum, n, 0.5);
	d->q3 = semm_stats_quantile_weighted(d->x, d->cum, n, 0.75);
	for (i = 0; i < 9; i++)
		d->decile[i] = semm_stats_quantile_weighted(
			d->x, d->cum, n, (double)(i + 1) / 10.0);
	return SEMM_OK;
}

/* The distributions of every unit over the groups in list[0..n-1]. */
static int describe_peer(const semm__bench *b, semm__peer *p,
			 const size_t *list, size_t n, scored *v)
{
	size_t u, k;
	int rc = SEMM_OK;

	p->n_groups = n;
	p->n_resp = 0;
	for (k = 0; k < n; k++)
		p->n_resp += b->n_resp[list[k]];
	p->units = calloc(b->n_units, sizeof(semm__dist));
	if (!p->units)
		return SEMM_ENOMEM;
	for (u = 0; u < b->n_units && rc == SEMM_OK; u++) {
		size_t m = 0;

		/* a segment too small as a whole shows nothing */
		for (k = 0; k < n && n >= b->min_groups; k++) {
			size_t g = list[k];
			double x = b->score[g * b->n_units + u];

			if (isnan(x))
				continue;
			v[m].x = x;
			v[m].w = b->pooled
					 ? (double)b->unit_n[g * b->n_units + u]
					 : 1.0;
			if (v[m].w > 0)
				m++;
		}
		rc = describe(&p->units[u], v, m, b->pooled, b->min_groups);
		if (n < b->min_groups)
			p->units[u].short_n = n;
	}
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The value of segmentation s (1-based) for entered group g, or NULL. */
static const char *value_of(const semm__bench *b, size_t s, size_t g)
{
	return b->entered[g] ? b->seg_value[g * (b->n_segs - 1) + s - 1] : NULL;
}

/* The distinct values of segmentation s, sorted, as its segments (names
 * only); map gets each name's segment index. */
static int make_peers(semm__bench *b, semm__segmentation *sg, size_t s,
		      semm__strmap *map)
{
	semm__strmap seen = { 0 };
	char **names = NULL;
	size_t g, n = 0;
	int rc = SEMM_OK;

	for (g = 0; g < b->n_groups && rc == SEMM_OK; g++) {
		const char *v = value_of(b, s, g);
		int put;

		if (!v)
			continue;
		put = semm__strmap_put(&seen, v, strlen(v), n, NULL);
		if (put == 1) {
			char **grown = realloc(names, (n + 1) * sizeof(*names));

			if (grown)
				names = grown;
			put = grown ? 1 : SEMM_ENOMEM;
			if (grown)
				names[n++] = (char *)v;
		}
		if (put < 0)
			rc = put;
	}
	if (rc == SEMM_OK && n)
		qsort(names, n, sizeof(*names), by_name);
	sg->peers = calloc(n ? n : 1, sizeof(*sg->peers));
	if (rc == SEMM_OK && !sg->peers)
		rc = SEMM_ENOMEM;
	for (g = 0; g < n && rc == SEMM_OK; g++) {
		sg->peers[g].name = semm__strdup(names[g]);
		sg->n_peers++;
		if (!sg->peers[g].name)
			rc = SEMM_ENOMEM;
		else if (semm__strmap_put(map, names[g], strlen(names[g]), g,
					  NULL) < 0)
			rc = SEMM_ENOMEM;
	}
	semm__strmap_free(&seen);
	free(names);
	return rc;
}

/* Segmentation s (1-based among the input's): its segments, sorted by
 * name, each entered group's segment, and the segments' distributions. */
static int segment(semm__bench *b, semm__segmentation *sg, size_t s,
		   size_t *list, scored *v)
{
	semm__strmap map = { 0 };
	size_t g, p, k, *count = NULL, *start = NULL;
	int rc = make_peers(b, sg, s, &map);

	count = calloc(sg->n_peers + 1, sizeof(size_t));
	start = calloc(sg->n_peers + 1, sizeof(size_t));
	if (rc == SEMM_OK && (!count || !start))
		rc = SEMM_ENOMEM;
	/* each group's segment, then the groups listed segment by segment */
	for (g = 0; g < b->n_groups && rc == SEMM_OK; g++) {
		const char *name = value_of(b, s, g);

		sg->peer_of[g] = SIZE_MAX;
		if (name &&
		    semm__strmap_get(&map, name, strlen(name), &sg->peer_of[g]))
			count[sg->peer_of[g]]++;
	}
	for (p = 1; p < sg->n_peers && rc == SEMM_OK; p++)
		start[p] = start[p - 1] + count[p - 1];
	for (g = 0; g < b->n_groups && rc == SEMM_OK; g++) {
		if (sg->peer_of[g] != SIZE_MAX)
			list[start[sg->peer_of[g]]++] = g;
	}
	for (p = 0, k = 0; p < sg->n_peers && rc == SEMM_OK; p++) {
		rc = describe_peer(b, &sg->peers[p], list + k, count[p], v);
		k += count[p];
	}
	semm__strmap_free(&map);
	free(count);
	free(start);
	return rc;
}

static int copy_input(semm__bench *b, const semm__bench_input *in)
{
	size_t n = in->n_groups ? in->n_groups : 1, cells = n * in->n_units;
	size_t i, n_vals = n * in->n_segs;

	b->n_resp = malloc(n * sizeof(size_t));
	b->score = malloc(cells * sizeof(double));
	b->unit_n = malloc(cells * sizeof(size_t));
	b->entered = calloc(n, 1);
	b->seg_value = calloc(n_vals ? n_vals : 1, sizeof(char *));
	b->segs = calloc(in->n_segs + 1, sizeof(semm__segmentation));
	if (!b->n_resp || !b->score || !b->unit_n || !b->entered ||
	    !b->seg_value || !b->segs)
		return SEMM_ENOMEM;
	b->n_segs = in->n_segs + 1;
	if (in->n_groups) {
		memcpy(b->n_resp, in->n_resp, in->n_groups * sizeof(size_t));
		memcpy(b->score, in->score,
		       in->n_groups * in->n_units * sizeof(double));
		memcpy(b->unit_n, in->unit_n,
		       in->n_groups * in->n_units * sizeof(size_t));
	}
	for (i = 0; i < in->n_groups * in->n_segs; i++) {
		if (in->seg_value[i]) {
			b->seg_value[i] = semm__strdup(in->seg_value[i]);
			if (!b->seg_value[i])
				return SEMM_ENOMEM;
		}
	}
	for (i = 0; i < b->n_segs; i++) {
		semm__segmentation *sg = &b->segs[i];

		sg->name = semm__strdup(i ? in->seg_names[i - 1] : "all");
		sg->n_cols = i ? in->seg_cols[i - 1] : 0;
		sg->peer_of = malloc(n * sizeof(size_t));
		if (!sg->name || !sg->peer_of)
			return SEMM_ENOMEM;
	}
	return SEMM_OK;
}

/* The one segment of everyone who entered. */
static int segment_all(semm__bench *b, size_t *list, scored *v)
{
	semm__segmentation *sg = &b->segs[0];
	size_t g, k = 0;

	sg->peers = calloc(1, sizeof(semm__peer));
	if (!sg->peers)
		return SEMM_ENOMEM;
	sg->n_peers = 1;
	sg->peers[0].name = semm__strdup("all");
	if (!sg->peers[0].name)
		return SEMM_ENOMEM;
	for (g = 0; g < b->n_groups; g++) {
		sg->peer_of[g] = b->entered[g] ? 0 : SIZE_MAX;
		if (b->entered[g])
			list[k++] = g;
	}
	return describe_peer(b, &sg->peers[0], list, k, v);
}

int semm__bench_compute(semm__bench **out, const semm__bench_input *in,
			int pooled, size_t min_resp, size_t min_groups)
{
	semm__bench *b = calloc(1, sizeof(*b));
	size_t n = in->n_groups ? in->n_groups : 1, g, s;
	size_t *list = NULL;
	scored *v = NULL;
	int rc;

	*out = NULL;
	if (!b)
		return SEMM_ENOMEM;
	b->pooled = pooled;
	b->min_resp = min_resp;
	b->min_groups = min_groups ? min_groups : 1;
	b->n_groups = in->n_groups;
	b->n_units = in->n_units;
	rc = copy_input(b, in);
	list = malloc(n * sizeof(size_t));
	v = malloc(n * sizeof(scored));
	if (rc == SEMM_OK && (!list || !v))
		rc = SEMM_ENOMEM;
	for (g = 0; g < in->n_groups && rc == SEMM_OK; g++) {
		b->entered[g] = b->n_resp[g] >= min_resp && b->n_resp[g] > 0;
		b->n_entered += b->entered[g];
	}
	if (rc == SEMM_OK)
		rc = segment_all(b, list, v);
	for (s = 1; s < b->n_segs && rc == SEMM_OK; s++)
		rc = segment(b, &b->segs[s], s, list, v);
	free(list);
	free(v);
	if (rc < 0) {
		semm__bench_free(b);
		return rc;
	}
	*out = b;
	return SEMM_OK;
}

void semm__bench_place(const semm__bench *b, size_t s, size_t g, size_t u,
		       semm__place *out)
{
	const semm__segmentation *sg = &b->segs[s];
	const semm__dist *d;
	double x = b->score[g * b->n_units + u];
	size_t above = 0;

	out->percentile = out->z = NAN;
	out->rank = out->of = 0;
	out->why = NULL;
	if (!b->entered[g]) {
		out->why = "not entered (too few respondents)";
		return;
	}
	if (sg->peer_of[g] == SIZE_MAX) {
		out->why = "no segment value";
		return;
	}
	d = &sg->peers[sg->peer_of[g]].units[u];
	if (b->out_of_scope && b->out_of_scope[u]) {
		out->why = "not in scope";
		return;
	}
	if (isnan(x)) {
		out->why = "no score on this unit";
		return;
	}
	if (d->withheld) {
		out->why = d->withheld;
		return;
	}
	out->of = d->n;
	out->percentile = semm_stats_percentile_rank_sorted(d->x, d->cum, d->n,
							    x, NULL, &above);
	out->rank = above + 1;
	if (d->sd > 0)
		out->z = (x - d->mean) / d->sd;
}
