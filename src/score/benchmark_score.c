/*
 * benchmark_score.c - the benchmark of a scored result: checks the
 * options, resolves the segment columns to the read's attributes, finds
 * each group's segment (the value most of its respondents give) and
 * hands one row per group to benchmark.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score/bench.h"

/* Splits a segmentation "a+b" into its columns; returns how many, or 0
 * when a part is empty or there are too many. */
static size_t split(const char *spec, const char **part, size_t *len)
{
	size_t n = 0;
	const char *s = spec, *plus;

	for (;;) {
		size_t k;
		const char *t;

		plus = strchr(s, '+');
		k = plus ? (size_t)(plus - s) : strlen(s);
		t = semm__trim(s, &k);
		if (k == 0 || n == SEMM_MAX_ATTRIBUTES)
			return 0;
		part[n] = t;
		len[n++] = k;
		if (!plus)
			return n;
		s = plus + 1;
	}
}

int semm__bench_check(const semm_questionnaire *q, const semm_score_options *o,
		      semm_error *err)
{
	const char *part[SEMM_MAX_ATTRIBUTES];
	size_t len[SEMM_MAX_ATTRIBUTES], i, k;
	int role;

	if (o->n_segment_by && !o->segment_by)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "segment_by: no list given");
	for (i = 0; i < o->n_segment_by; i++) {
		const char *spec = o->segment_by[i];
		size_t n = spec ? split(spec, part, len) : 0;

		if (n == 0)
			return semm__fail(
				err, SEMM_EARG, NULL, 0, 0,
				"segment_by = \"%s\": expected a column, or "
				"at most %d columns joined by '+'",
				spec ? spec : "", SEMM_MAX_ATTRIBUTES);
		for (k = 0; k < n; k++) {
			for (role = 0; role < SEMM_META_COUNT; role++) {
				const char *col = q->meta_column[role];
				char *key;
				int same;

				if (!col)
					continue;
				key = semm__label_key(col, strlen(col));
				if (!key)
					return SEMM_ENOMEM;
				same = semm__label_matches(part[k], len[k],
							   key);
				free(key);
				if (same)
					return semm__fail(
						err, SEMM_EARG, NULL, 0, 0,
						"segment_by = \"%s\": \"%s\" "
						"is the questionnaire's %s "
						"column; segments are "
						"attributes of the "
						"organizations (sector, "
						"size band, region)",
						spec, col,
						semm_meta_role_name(role));
			}
		}
	}
	return SEMM_OK;
}

/* The attribute index of column name[0..len-1] in the read, or -1. */
static int attribute(const semm_responses *r, const char *name, size_t len)
{
	size_t a;

	for (a = 0; a < r->opts.n_attributes; a++) {
		const char *at = r->opts.attributes[a];
		char *key = semm__label_key(at, strlen(at));
		int same;

		if (!key)
			return -2;
		same = semm__label_matches(name, len, key);
		free(key);
		if (same)
			return (int)a;
	}
	return -1;
}

/* A group's distinct tuples of segment values and how often each. */
typedef struct tally {
	size_t *tuple; /* n_distinct x n_cols pool offsets */
	size_t *count;
	size_t n_distinct;
	size_t cap;
	size_t none; /* respondents with no value */
} tally;

static int tally_add(tally *t, const size_t *tuple, size_t n_cols, size_t count)
{
	size_t i;

	for (i = 0; i < t->n_distinct; i++) {
		if (memcmp(t->tuple + i * n_cols, tuple,
			   n_cols * sizeof(size_t)) == 0) {
			t->count[i] += count;
			return SEMM_OK;
		}
	}
	if (t->n_distinct == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4;
		size_t *tp = realloc(t->tuple, cap * n_cols * sizeof(size_t));
		size_t *c;

		if (!tp)
			return SEMM_ENOMEM;
		t->tuple = tp;
		c = realloc(t->count, cap * sizeof(size_t));
		if (!c)
			return SEMM_ENOMEM;
		t->count = c;
		t->cap = cap;
	}
	memcpy(t->tuple + t->n_distinct * n_cols, tuple,
	       n_cols * sizeof(size_t));
	t->count[t->n_distinct++] = count;
	return SEMM_OK;
}

/* Whether tuple a comes before tuple b in byte order of their values. */
static int tuple_before(const semm_responses *r, const int *cols, size_t n_cols,
			const size_t *a, const size_t *b)
{
	size_t j;

	for (j = 0; j < n_cols; j++) {
		int c = strcmp(r->attr[cols[j]].value[a[j]],
			       r->attr[cols[j]].value[b[j]]);

		if (c)
			return c < 0;
	}
	return 0;
}

/* The store's tally entries of each group value, one range per value. */
typedef struct tally_index {
	size_t *entry; /* tally entries ordered by group value */
	size_t *first; /* per value (the last: no value), n_keys + 1 */
	size_t n_keys;
} tally_index;

static int index_tallies(const semm_responses *r, tally_index *ti)
{
	size_t stride = 1 + r->opts.n_attributes, i;
	size_t *at;

	ti->n_keys = r->groups.n + 1;
	ti->entry = malloc((r->tally.n ? r->tally.n : 1) * sizeof(size_t));
	ti->first = calloc(ti->n_keys + 1, sizeof(size_t));
	at = calloc(ti->n_keys, sizeof(size_t));
	if (!ti->entry || !ti->first || !at) {
		free(at);
		return SEMM_ENOMEM;
	}
	for (i = 0; i < r->tally.n; i++) {
		uint32_t k = r->tally.keys[i * stride];

		ti->first[(k == SEMM__NONE32 ? ti->n_keys - 1 : k) + 1]++;
	}
	for (i = 0; i < ti->n_keys; i++)
		ti->first[i + 1] += ti->first[i];
	for (i = 0; i < r->tally.n; i++) {
		uint32_t k = r->tally.keys[i * stride];
		size_t slot = k == SEMM__NONE32 ? ti->n_keys - 1 : k;

		ti->entry[ti->first[slot] + at[slot]++] = i;
	}
	free(at);
	return SEMM_OK;
}

/* The segment of group gr: the value (tuple) most of its respondents
 * give, the first in byte order on a tie (so that any split of the input
 * gives the same); notes any disagreement. */
static int group_segment(semm_result *res, semm__notes *notes, const char *spec,
			 size_t g, const int *cols, size_t n_cols,
			 const tally_index *ti, char **value)
{
	const semm__group *gr = &res->groups[g];
	const semm_responses *r = res->r;
	size_t stride = 1 + r->opts.n_attributes, k, j, best = 0;
	size_t slot = r->group_role < 0		? 0
		      : gr->key == SEMM__NONE32 ? ti->n_keys - 1
						: gr->key;
	size_t tuple[SEMM_MAX_ATTRIBUTES];
	tally t = { 0 };
	semm__buf text = { 0 };
	char note[512];
	int rc = SEMM_OK;

	*value = NULL;
	for (k = ti->first[slot]; k < ti->first[slot + 1] && rc == SEMM_OK;
	     k++) {
		const uint32_t *key = r->tally.keys + ti->entry[k] * stride;
		size_t count = r->tally.count[ti->entry[k]];
		int none = 0;

		if (!count) /* every row of it was rejected by a merge */
			continue;

		for (j = 0; j < n_cols; j++) {
			uint32_t v = key[1 + cols[j]];

			tuple[j] = v;
			none |= v == SEMM__NONE32;
		}
		if (none)
			t.none += count;
		else
			rc = tally_add(&t, tuple, n_cols, count);
	}
	for (k = 1; k < t.n_distinct; k++) {
		if (t.count[k] > t.count[best] ||
		    (t.count[k] == t.count[best] &&
		     tuple_before(r, cols, n_cols, t.tuple + k * n_cols,
				  t.tuple + best * n_cols)))
			best = k;
	}
	for (j = 0; j < n_cols && rc == SEMM_OK && t.n_distinct; j++) {
		const char *v =
			r->attr[cols[j]].value[t.tuple[best * n_cols + j]];

		if (j)
			rc = semm__buf_append(&text, " / ", 3);
		if (rc == SEMM_OK)
			rc = semm__buf_append(&text, v, strlen(v));
	}
	if (rc == SEMM_OK && t.n_distinct)
		rc = semm__buf_append(&text, "", 1);
	if (rc == SEMM_OK && t.n_distinct) {
		*value = text.data;
		text.data = NULL;
	}
	if (rc == SEMM_OK && t.n_distinct == 0) {
		snprintf(note, sizeof(note),
			 "group %.200s: no respondent gives %s, so it is in "
			 "no segment of it",
			 gr->id, spec);
		rc = semm__notes_add(notes, g, note);
	} else if (rc == SEMM_OK && (t.n_distinct > 1 || t.none)) {
		snprintf(note, sizeof(note),
			 "group %.200s: its respondents give %zu value%s of "
			 "%s%s; the most common, \"%.100s\" (%zu of %zu), "
			 "places it",
			 gr->id, t.n_distinct, t.n_distinct == 1 ? "" : "s",
			 spec, t.none ? " and some give none" : "", *value,
			 t.count[best], gr->n);
		rc = semm__notes_add(notes, g, note);
	}
	semm__buf_free(&text);
	free(t.tuple);
	free(t.count);
	return rc;
}

/* Resolves segmentation spec to attribute indexes. */
static int resolve_cols(const semm_responses *r, const char *spec, int *cols,
			size_t *n_cols, semm_error *err)
{
	const char *part[SEMM_MAX_ATTRIBUTES];
	size_t len[SEMM_MAX_ATTRIBUTES], k;

	*n_cols = split(spec, part, len);
	for (k = 0; k < *n_cols; k++) {
		cols[k] = attribute(r, part[k], len[k]);
		if (cols[k] == -2)
			return SEMM_ENOMEM;
		if (cols[k] < 0)
			return semm__fail(err, SEMM_EARG, NULL, 0, 0,
					  "segment column \"%.*s\" was not "
					  "read: name it among the read "
					  "options' attributes",
					  (int)len[k], part[k]);
	}
	return SEMM_OK;
}

/* Each group's respondents and its score on every benchmark unit. */
static void fill_scores(const semm_result *res, semm__bench_input *in)
{
	const semm_model *m = res->model;
	size_t g, u;
	double *score = (double *)in->score;
	size_t *unit_n = (size_t *)in->unit_n, *n_resp = (size_t *)in->n_resp;

	for (g = 0; g < res->n_groups; g++) {
		n_resp[g] = res->groups[g].n;
		for (u = 0; u < in->n_units; u++) {
			const semm__unit *x =
				semm__bench_group_unit(m, &res->groups[g], u);

			score[g * in->n_units + u] = x->percent;
			unit_n[g * in->n_units + u] = x->d.n;
		}
	}
}

/* Units out of the scope: one run has one scope, so every organization
 * is compared on the same units, those in scope. */
static int mark_scope(semm_result *res)
{
	const semm_model *m = res->model;
	semm__bench *b = res->bench;
	size_t d, e;

	if (!res->scope)
		return SEMM_OK;
	b->out_of_scope = calloc(b->n_units, 1);
	if (!b->out_of_scope)
		return SEMM_ENOMEM;
	for (d = 0; d < m->n_dims; d++)
		b->out_of_scope[1 + d] = !res->in_dim[d];
	for (e = 0; e < m->n_elems; e++)
		b->out_of_scope[1 + m->n_dims + e] = !res->in_elem[e];
	return SEMM_OK;
}

int semm__bench_run(semm_result *res, const semm_score_options *o,
		    semm_error *err)
{
	const semm_model *m = res->model;
	size_t n_g = res->n_groups ? res->n_groups : 1, n_s = o->n_segment_by;
	size_t n_u = 1 + m->n_dims + m->n_elems, s, g, *seg_cols;
	semm__bench_input in = { 0 };
	semm__notes notes = { 0 };
	tally_index ti = { 0 };
	int *cols = NULL;
	char **values = NULL;
	int rc;

	if (!o->benchmark && !n_s)
		return SEMM_OK;
	cols = malloc((n_s ? n_s : 1) * SEMM_MAX_ATTRIBUTES * sizeof(int));
	seg_cols = malloc((n_s ? n_s : 1) * sizeof(size_t));
	rc = cols && seg_cols ? SEMM_OK : SEMM_ENOMEM;
	for (s = 0; s < n_s && rc == SEMM_OK; s++)
		rc = resolve_cols(res->r, o->segment_by[s],
				  cols + s * SEMM_MAX_ATTRIBUTES, &seg_cols[s],
				  err);
	if (rc < 0) {
		free(cols);
		free(seg_cols);
		return rc;
	}
	in.n_groups = res->n_groups;
	in.n_units = n_u;
	in.n_segs = n_s;
	in.seg_names = o->segment_by;
	in.seg_cols = seg_cols;
	in.n_resp = malloc(n_g * sizeof(size_t));
	in.score = malloc(n_g * n_u * sizeof(double));
	in.unit_n = malloc(n_g * n_u * sizeof(size_t));
	values = calloc(n_g * (n_s ? n_s : 1), sizeof(char *));
	in.seg_value = (const char *const *)values;
	rc = (in.n_resp && in.score && in.unit_n && values) ? SEMM_OK
							    : SEMM_ENOMEM;
	if (rc == SEMM_OK)
		fill_scores(res, &in);
	if (rc == SEMM_OK && n_s)
		rc = index_tallies(res->r, &ti);
	for (g = 0; g < res->n_groups && rc == SEMM_OK; g++) {
		for (s = 0; s < n_s && rc == SEMM_OK; s++)
			rc = group_segment(res, &notes, o->segment_by[s], g,
					   cols + s * SEMM_MAX_ATTRIBUTES,
					   in.seg_cols[s], &ti,
					   &values[g * n_s + s]);
	}
	if (rc == SEMM_OK)
		rc = semm__bench_compute(&res->bench, &in, o->bench_pooled,
					 o->bench_min_respondents,
					 o->bench_min_groups);
	if (rc == SEMM_OK) {
		res->bench->notes = notes;
		memset(&notes, 0, sizeof(notes));
		rc = mark_scope(res);
	}
	semm__notes_free(&notes);
	for (g = 0; values && g < n_g * n_s; g++)
		free(values[g]);
	free(values);
	free(ti.entry);
	free(ti.first);
	free(seg_cols);
	free((void *)in.n_resp);
	free((void *)in.score);
	free((void *)in.unit_n);
	free(cols);
	return rc;
}

size_t semm_result_bench_segmentations(const semm_result *res)
{
	return res && res->bench ? res->bench->n_segs : 0;
}

int semm_result_bench_place(const semm_result *res, size_t s, size_t g,
			    size_t u, semm_bench_place *out)
{
	const semm__bench *b = res ? res->bench : NULL;
	const semm__segmentation *sg;
	semm__place pl;

	if (!b || !out || s >= b->n_segs || g >= b->n_groups || u >= b->n_units)
		return SEMM_EARG;
	sg = &b->segs[s];
	semm__bench_place(b, s, g, u, &pl);
	out->score = b->score[g * b->n_units + u];
	out->percentile = pl.percentile;
	out->z = pl.z;
	out->rank = pl.rank;
	out->of = pl.of;
	out->segment = sg->peer_of[g] == SIZE_MAX
			       ? NULL
			       : sg->peers[sg->peer_of[g]].name;
	out->reason = pl.why;
	return SEMM_OK;
}

int semm_result_bench_dist(const semm_result *res, size_t s,
			   const char *segment, size_t u, semm_bench_dist *out)
{
	const semm__bench *b = res ? res->bench : NULL;
	const semm__dist *d = NULL;
	size_t p, i;

	if (!b || !out || !segment || s >= b->n_segs || u >= b->n_units)
		return SEMM_EARG;
	for (p = 0; p < b->segs[s].n_peers && !d; p++) {
		if (strcmp(b->segs[s].peers[p].name, segment) == 0)
			d = &b->segs[s].peers[p].units[u];
	}
	if (!d)
		return SEMM_EARG;
	out->n = d->n;
	out->weight = d->weight;
	out->mean = d->mean;
	out->sd = d->sd;
	out->min = d->min;
	out->q1 = d->q1;
	out->median = d->median;
	out->q3 = d->q3;
	out->max = d->max;
	for (i = 0; i < 9; i++)
		out->decile[i] = d->decile[i];
	out->withheld = d->withheld;
	return SEMM_OK;
}
