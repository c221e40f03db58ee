/*
 * merge.c - combines the partial results of shards (semm score --partial
 * on input split by group) into one report. Each group's block is copied
 * as its shard wrote it (numbers re-read and re-written with the same
 * format give the same text), groups in id order as one run sorts them;
 * the ICCs come from the groups' moments and the benchmark from their
 * rows, computed by the same code as in one run. What needs every
 * respondent's answers (pooled reliability, correlations of dimension
 * scores) is not in a merged report, which says so.
 *
 * Partial files are read line by line: the merge holds the groups' ids,
 * moments and benchmark rows, never the whole text.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "report/report_int.h"

#define PARTIAL_FORMAT "semm-partial/1"

typedef struct mgroup {
	char *id;
	size_t part;
	long offset; /* where its line starts */
} mgroup;

typedef struct merge {
	const semm_model *m;
	const semm_questionnaire *q;
	const char *const *paths;
	size_t n_parts;
	FILE **fp;
	cJSON **head;
	mgroup *groups;
	size_t n_groups;
	size_t cap;
	size_t n_units;
	semm_moments *moments; /* n_groups x n_units, in reading order */
	/* benchmark rows, in reading order */
	int bench;
	size_t *n_resp;
	double *score;
	size_t *unit_n;
	char **seg_value;
	size_t n_segs;
	semm__notes notes; /* about groups in reading order */
	semm__bench *b;
	size_t *order; /* groups sorted by id */
	semm_icc *icc; /* n_units: elements, dimensions, overall */
	char *line;
	size_t line_cap;
	semm_error *err;
} merge;

static int fail_at(merge *mg, size_t part, unsigned long line, const char *what)
{
	return semm__fail(mg->err, SEMM_EDATA, mg->paths[part], line, 0, "%s",
			  what);
}

/* Reads one line of part k into mg->line; returns its length, 0 at the
 * end, or -1 on a read error. */
static long read_line(merge *mg, size_t k)
{
	ssize_t n = getline(&mg->line, &mg->line_cap, mg->fp[k]);

	if (n < 0)
		return ferror(mg->fp[k]) ? -1 : 0;
	return (long)n;
}

/* Whether head's block names id and version. */
static int same_id(const cJSON *head, const char *block, const char *id,
		   const char *version)
{
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(head, block);
	const cJSON *i = cJSON_GetObjectItemCaseSensitive(b, "id");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(b, "version");

	return cJSON_IsString(i) && strcmp(i->valuestring, id) == 0 &&
	       ((!version && cJSON_IsNull(v)) ||
		(version && cJSON_IsString(v) &&
		 strcmp(v->valuestring, version) == 0));
}

static int check_head(merge *mg, size_t k)
{
	static const char *const same[] = { "engine",	     "model",
					    "questionnaire", "levels",
					    "benchmark",     "methods" };
	const cJSON *h = mg->head[k], *h0 = mg->head[0], *p, *p0;
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(h, "format");
	cJSON *a, *b;
	size_t i;
	int equal;

	if (!cJSON_IsString(f) || strcmp(f->valuestring, PARTIAL_FORMAT) != 0)
		return fail_at(
			mg, k, 1,
			"not a partial result (\"format\": \"" PARTIAL_FORMAT
			"\"): write one with semm score --partial");
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		if (!cJSON_Compare(
			    cJSON_GetObjectItemCaseSensitive(h, same[i]),
			    cJSON_GetObjectItemCaseSensitive(h0, same[i]), 1) &&
		    (cJSON_GetObjectItemCaseSensitive(h, same[i]) ||
		     cJSON_GetObjectItemCaseSensitive(h0, same[i]))) {
			char msg[200];

			snprintf(msg, sizeof(msg),
				 "its \"%s\" differs from that of %.80s: "
				 "partial results must come from the same "
				 "semm, model, questionnaire and options",
				 same[i], mg->paths[0]);
			return fail_at(mg, k, 1, msg);
		}
	}
	if (!same_id(h, "model", mg->m->id, mg->m->version) ||
	    !same_id(h, "questionnaire", mg->q->id, mg->q->version))
		return fail_at(mg, k, 1,
			       "scored with another model or questionnaire (or "
			       "version) than the one merging it");
	p = cJSON_GetObjectItemCaseSensitive(h, "parameters");
	p0 = cJSON_GetObjectItemCaseSensitive(h0, "parameters");
	a = cJSON_Duplicate(p, 1);
	b = cJSON_Duplicate(p0, 1);
	if (!a || !b) {
		cJSON_Delete(a);
		cJSON_Delete(b);
		return fail_at(mg, k, 1,
			       "no \"parameters\" (or out of memory)");
	}
	cJSON_DeleteItemFromObjectCaseSensitive(a, "inputs");
	cJSON_DeleteItemFromObjectCaseSensitive(b, "inputs");
	equal = cJSON_Compare(a, b, 1);
	cJSON_Delete(a);
	cJSON_Delete(b);
	if (!equal)
		return fail_at(mg, k, 1,
			       "scored with other parameters than the first "
			       "partial result");
	return SEMM_OK;
}

static int grow(merge *mg)
{
	size_t cap = mg->cap ? mg->cap * 2 : 64, n_u = mg->n_units;
	size_t n_s = mg->n_segs ? mg->n_segs : 1;
	void *p;

	if (mg->n_groups < mg->cap)
		return SEMM_OK;
#define GROW(field, size)                             \
	do {                                          \
		p = realloc(mg->field, cap * (size)); \
		if (!p)                               \
			return SEMM_ENOMEM;           \
		mg->field = p;                        \
	} while (0)
	GROW(groups, sizeof(mgroup));
	GROW(moments, n_u * sizeof(semm_moments));
	GROW(n_resp, sizeof(size_t));
	GROW(score, n_u * sizeof(double));
	GROW(unit_n, n_u * sizeof(size_t));
	GROW(seg_value, n_s * sizeof(char *));
#undef GROW
	mg->cap = cap;
	return SEMM_OK;
}

static int number_at(const cJSON *arr, int i, double *out)
{
	const cJSON *v = cJSON_GetArrayItem(arr, i);

	if (cJSON_IsNull(v)) {
		*out = NAN;
		return 1;
	}
	if (!cJSON_IsNumber(v))
		return 0;
	*out = v->valuedouble;
	return 1;
}

static int read_moments(merge *mg, const cJSON *arr, semm_moments *m)
{
	size_t u;

	if (cJSON_GetArraySize(arr) != (int)mg->n_units)
		return 0;
	for (u = 0; u < mg->n_units; u++) {
		const cJSON *row = cJSON_GetArrayItem(arr, (int)u);
		double n;

		if (cJSON_GetArraySize(row) != 4 || !number_at(row, 0, &n) ||
		    !number_at(row, 1, &m[u].shift) ||
		    !number_at(row, 2, &m[u].mean) ||
		    !number_at(row, 3, &m[u].ss) || !(n >= 0))
			return 0;
		m[u].n = (size_t)n;
		if (m[u].n == 0)
			m[u].shift = m[u].mean = m[u].ss = 0.0;
	}
	return 1;
}

static int read_bench(merge *mg, const cJSON *b, size_t g)
{
	const cJSON *score = cJSON_GetObjectItemCaseSensitive(b, "score");
	const cJSON *un = cJSON_GetObjectItemCaseSensitive(b, "unit_n");
	const cJSON *segs = cJSON_GetObjectItemCaseSensitive(b, "segments");
	const cJSON *notes = cJSON_GetObjectItemCaseSensitive(b, "notes");
	const cJSON *resp = cJSON_GetObjectItemCaseSensitive(b, "respondents");
	const cJSON *v;
	size_t u, s;

	if (!cJSON_IsNumber(resp) ||
	    cJSON_GetArraySize(score) != (int)mg->n_units ||
	    cJSON_GetArraySize(un) != (int)mg->n_units ||
	    cJSON_GetArraySize(segs) != (int)mg->n_segs)
		return 0;
	mg->n_resp[g] = (size_t)resp->valuedouble;
	for (u = 0; u < mg->n_units; u++) {
		double n;

		if (!number_at(score, (int)u,
			       &mg->score[g * mg->n_units + u]) ||
		    !number_at(un, (int)u, &n))
			return 0;
		mg->unit_n[g * mg->n_units + u] = (size_t)n;
	}
	for (s = 0; s < mg->n_segs; s++) {
		v = cJSON_GetArrayItem(segs, (int)s);
		mg->seg_value[g * mg->n_segs + s] = NULL;
		if (cJSON_IsString(v)) {
			mg->seg_value[g * mg->n_segs + s] =
				semm__strdup(v->valuestring);
			if (!mg->seg_value[g * mg->n_segs + s])
				return -1;
		}
	}
	cJSON_ArrayForEach(v, notes)
	{
		if (cJSON_IsString(v) &&
		    semm__notes_add(&mg->notes, g, v->valuestring) < 0)
			return -1;
	}
	return 1;
}

/* One group line of part k (line number ln, starting at offset). */
static int read_group(merge *mg, size_t k, unsigned long ln, long offset)
{
	cJSON *o = cJSON_Parse(mg->line);
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
	const cJSON *mo = cJSON_GetObjectItemCaseSensitive(o, "moments");
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(o, "benchmark");
	size_t g = mg->n_groups;
	int rc = grow(mg), ok;

	if (rc == SEMM_OK && (!cJSON_IsString(id) || !mo ||
			      !cJSON_GetObjectItemCaseSensitive(o, "group")))
		rc = fail_at(mg, k, ln,
			     "not a group line of a partial result (a group "
			     "id, its block and its moments)");
	if (rc == SEMM_OK &&
	    !read_moments(mg, mo, mg->moments + g * mg->n_units))
		rc = fail_at(mg, k, ln, "malformed \"moments\"");
	if (rc == SEMM_OK && mg->bench) {
		ok = b ? read_bench(mg, b, g) : 0;
		if (ok < 0)
			rc = SEMM_ENOMEM;
		else if (ok == 0)
			rc = fail_at(mg, k, ln, "malformed \"benchmark\" row");
	}
	if (rc == SEMM_OK) {
		mg->groups[g].id = semm__strdup(id->valuestring);
		mg->groups[g].part = k;
		mg->groups[g].offset = offset;
		if (!mg->groups[g].id)
			rc = SEMM_ENOMEM;
		else
			mg->n_groups++;
	}
	cJSON_Delete(o);
	return rc;
}

static int bench_options(merge *mg);

static int read_part(merge *mg, size_t k)
{
	unsigned long ln = 1;
	long len, offset;
	int rc;

	mg->fp[k] = fopen(mg->paths[k], "rb");
	if (!mg->fp[k])
		return semm__fail(mg->err, SEMM_EIO, mg->paths[k], 0, 0,
				  "cannot open the partial result");
	len = read_line(mg, k);
	if (len <= 0)
		return fail_at(mg, k, 1, "empty, or not readable");
	mg->head[k] = cJSON_Parse(mg->line);
	if (!mg->head[k])
		return fail_at(mg, k, 1, "the head line is not JSON");
	rc = check_head(mg, k);
	if (rc == SEMM_OK && k == 0)
		rc = bench_options(mg);
	for (;;) {
		if (rc < 0)
			return rc;
		offset = ftell(mg->fp[k]);
		len = read_line(mg, k);
		ln++;
		if (len < 0)
			return semm__fail(mg->err, SEMM_EIO, mg->paths[k], ln,
					  0, "read error");
		if (len == 0)
			return SEMM_OK;
		rc = read_group(mg, k, ln, offset);
	}
}

/* A group's id and where it was read, sorted by id as one run sorts. */
typedef struct keyed {
	const char *id;
	size_t index;
} keyed;

static int by_id(const void *a, const void *b)
{
	return strcmp(((const keyed *)a)->id, ((const keyed *)b)->id);
}

static int order_groups(merge *mg)
{
	size_t n = mg->n_groups ? mg->n_groups : 1, g;
	keyed *k = malloc(n * sizeof(*k));

	mg->order = malloc(n * sizeof(size_t));
	if (!k || !mg->order) {
		free(k);
		return SEMM_ENOMEM;
	}
	for (g = 0; g < mg->n_groups; g++) {
		k[g].id = mg->groups[g].id;
		k[g].index = g;
	}
	qsort(k, mg->n_groups, sizeof(*k), by_id);
	for (g = 0; g < mg->n_groups; g++)
		mg->order[g] = k[g].index;
	free(k);
	for (g = 1; g < mg->n_groups; g++) {
		const mgroup *a = &mg->groups[mg->order[g - 1]];
		const mgroup *b = &mg->groups[mg->order[g]];

		if (strcmp(a->id, b->id) == 0)
			return semm__fail(
				mg->err, SEMM_EDATA, mg->paths[b->part], 0, 0,
				"group \"%.100s\" is also in %.200s: shards "
				"must split the input by group",
				b->id, mg->paths[a->part]);
	}
	return SEMM_OK;
}

/* The ICCs from the moments, in id order. */
static int compute_icc(merge *mg)
{
	size_t n_e = mg->m->n_elems, n_d = mg->m->n_dims, g;
	semm_moments *sorted = malloc((mg->n_groups ? mg->n_groups : 1) *
				      mg->n_units * sizeof(*sorted));
	semm_moments *col =
		malloc((mg->n_groups ? mg->n_groups : 1) * sizeof(*col));
	int rc = SEMM_ENOMEM;

	mg->icc = calloc(mg->n_units, sizeof(semm_icc));
	if (sorted && col && mg->icc) {
		for (g = 0; g < mg->n_groups; g++)
			memcpy(sorted + g * mg->n_units,
			       mg->moments + mg->order[g] * mg->n_units,
			       mg->n_units * sizeof(*sorted));
		rc = semm__icc_from_moments(sorted, mg->n_groups, n_e, n_d, col,
					    mg->icc, mg->icc + n_e,
					    mg->icc + n_e + n_d);
	}
	free(sorted);
	free(col);
	return rc;
}

/* A note's place: its group's place in id order, then reading order. */
typedef struct note_place {
	size_t pos;
	size_t i;
} note_place;

static int by_place(const void *a, const void *b)
{
	const note_place *x = a, *y = b;

	if (x->pos != y->pos)
		return (x->pos > y->pos) - (x->pos < y->pos);
	return (x->i > y->i) - (x->i < y->i);
}

/* The notes, moved to the benchmark in the order of its groups. */
static int sorted_notes(merge *mg)
{
	size_t n = mg->n_groups ? mg->n_groups : 1, g, i;
	size_t *pos = malloc(n * sizeof(size_t));
	note_place *p = malloc((mg->notes.n ? mg->notes.n : 1) * sizeof(*p));
	int rc = pos && p ? SEMM_OK : SEMM_ENOMEM;

	for (g = 0; rc == SEMM_OK && g < mg->n_groups; g++)
		pos[mg->order[g]] = g;
	for (i = 0; rc == SEMM_OK && i < mg->notes.n; i++) {
		p[i].pos = pos[mg->notes.group[i]];
		p[i].i = i;
	}
	if (rc == SEMM_OK)
		qsort(p, mg->notes.n, sizeof(*p), by_place);
	for (i = 0; rc == SEMM_OK && i < mg->notes.n; i++)
		rc = semm__notes_add(&mg->b->notes, p[i].pos,
				     mg->notes.text[p[i].i]);
	free(pos);
	free(p);
	return rc;
}

/* The benchmark from the rows, in id order. */
static int compute_bench(merge *mg)
{
	const cJSON *bo =
		cJSON_GetObjectItemCaseSensitive(mg->head[0], "benchmark");
	const cJSON *segs =
		cJSON_GetObjectItemCaseSensitive(bo, "segmentations");
	size_t n = mg->n_groups ? mg->n_groups : 1, n_u = mg->n_units, g, s;
	semm__bench_input in = { 0 };
	const char **names = calloc(mg->n_segs + 1, sizeof(char *));
	size_t *cols = calloc(mg->n_segs + 1, sizeof(size_t));
	size_t *n_resp = malloc(n * sizeof(size_t));
	double *score = malloc(n * n_u * sizeof(double));
	size_t *unit_n = malloc(n * n_u * sizeof(size_t));
	const char **vals = calloc(n * (mg->n_segs + 1), sizeof(char *));
	int rc = SEMM_ENOMEM;

	if (names && cols && n_resp && score && unit_n && vals) {
		for (s = 0; s < mg->n_segs; s++) {
			names[s] =
				cJSON_GetArrayItem(segs, (int)s)->valuestring;
			cols[s] = 1;
		}
		for (g = 0; g < mg->n_groups; g++) {
			size_t o = mg->order[g];

			n_resp[g] = mg->n_resp[o];
			memcpy(score + g * n_u, mg->score + o * n_u,
			       n_u * sizeof(double));
			memcpy(unit_n + g * n_u, mg->unit_n + o * n_u,
			       n_u * sizeof(size_t));
			for (s = 0; s < mg->n_segs; s++)
				vals[g * mg->n_segs + s] =
					mg->seg_value[o * mg->n_segs + s];
		}
		in.n_groups = mg->n_groups;
		in.n_units = n_u;
		in.n_segs = mg->n_segs;
		in.seg_names = names;
		in.seg_cols = cols;
		in.n_resp = n_resp;
		in.score = score;
		in.unit_n = unit_n;
		in.seg_value = vals;
		rc = semm__bench_compute(
			&mg->b, &in,
			cJSON_IsTrue(
				cJSON_GetObjectItemCaseSensitive(bo, "pooled")),
			(size_t)cJSON_GetObjectItemCaseSensitive(
				bo, "min_respondents")
				->valuedouble,
			(size_t)cJSON_GetObjectItemCaseSensitive(
				bo, "anonymity_threshold")
				->valuedouble);
	}
	if (rc == SEMM_OK)
		rc = sorted_notes(mg);
	free(names);
	free(cols);
	free(n_resp);
	free(score);
	free(unit_n);
	free(vals);
	return rc;
}

/* Writes a parsed JSON value with the report writer. */
static void emit(semm__jw *w, const char *key, const cJSON *v)
{
	const cJSON *c;

	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		char bracket = cJSON_IsObject(v) ? '{' : '[';

		semm__jw_open(w, key, bracket);
		cJSON_ArrayForEach(c, v)
			emit(w, cJSON_IsObject(v) ? c->string : NULL, c);
		semm__jw_close(w, bracket == '{' ? '}' : ']');
	} else if (cJSON_IsString(v)) {
		semm__jw_string(w, key, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		semm__jw_number(w, key, v->valuedouble);
	} else if (cJSON_IsBool(v)) {
		semm__jw_bool(w, key, cJSON_IsTrue(v));
	} else {
		semm__jw_null(w, key);
	}
}

static const cJSON *head_item(const merge *mg, size_t k, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(mg->head[k], key);
}

static void write_parameters(semm__jw *w, const merge *mg)
{
	const cJSON *p = head_item(mg, 0, "parameters"), *c, *in;
	size_t k;

	semm__jw_open(w, "parameters", '{');
	cJSON_ArrayForEach(c, p)
	{
		if (strcmp(c->string, "inputs") != 0) {
			emit(w, c->string, c);
			continue;
		}
		semm__jw_open(w, "inputs", '[');
		for (k = 0; k < mg->n_parts; k++) {
			cJSON_ArrayForEach(
				in, cJSON_GetObjectItemCaseSensitive(
					    head_item(mg, k, "parameters"),
					    "inputs")) emit(w, NULL, in);
		}
		semm__jw_close(w, ']');
	}
	semm__jw_close(w, '}');
}

static size_t head_count(const merge *mg, size_t k, const char *block,
			 const char *key)
{
	const cJSON *v =
		cJSON_GetObjectItemCaseSensitive(head_item(mg, k, block), key);

	return cJSON_IsNumber(v) ? (size_t)v->valuedouble : 0;
}

/* Re-reads group g's line; returns it parsed, or NULL. */
static cJSON *group_line(merge *mg, size_t g)
{
	const mgroup *gr = &mg->groups[g];

	if (fseek(mg->fp[gr->part], gr->offset, SEEK_SET) != 0 ||
	    read_line(mg, gr->part) <= 0)
		return NULL;
	return cJSON_Parse(mg->line);
}

static int write_warnings(semm__jw *w, merge *mg)
{
	size_t n_i = mg->q->n_items, n_e = mg->m->n_elems, k, i, g, scored = 0;
	size_t *c = calloc(n_i + n_e + 1, sizeof(size_t));
	const cJSON *v;

	if (!c)
		return SEMM_ENOMEM;
	for (k = 0; k < mg->n_parts; k++) {
		scored += head_count(mg, k, "respondents", "scored");
		for (i = 0; i < n_i; i++) {
			v = cJSON_GetArrayItem(head_item(mg, k, "answered"),
					       (int)i);
			c[i] += cJSON_IsNumber(v) ? (size_t)v->valuedouble : 0;
		}
		for (i = 0; i < n_e; i++) {
			v = cJSON_GetArrayItem(head_item(mg, k, "short_of"),
					       (int)i);
			c[n_i + i] +=
				cJSON_IsNumber(v) ? (size_t)v->valuedouble : 0;
		}
	}
	semm__jw_open(w, "warnings", '[');
	semm__write_count_warnings(w, mg->q, mg->m, c, c + n_i, scored);
	free(c);
	for (g = 0; g < mg->n_groups; g++) {
		cJSON *o = group_line(mg, mg->order[g]);

		if (!o)
			return SEMM_EIO;
		cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(
					      o, "warnings")) emit(w, NULL, v);
		cJSON_Delete(o);
	}
	semm__jw_close(w, ']');
	return SEMM_OK;
}

static int write_groups(semm__jw *w, merge *mg)
{
	size_t g;

	semm__jw_open(w, "groups", '[');
	for (g = 0; g < mg->n_groups && !w->failed; g++) {
		cJSON *o = group_line(mg, mg->order[g]);

		if (!o)
			return SEMM_EIO;
		emit(w, NULL, cJSON_GetObjectItemCaseSensitive(o, "group"));
		cJSON_Delete(o);
	}
	semm__jw_close(w, ']');
	return SEMM_OK;
}

static const char *const not_merged =
	"not in a merged report: it needs every respondent's answers, and "
	"partial results keep only each group's figures";

static size_t sum_counts(const merge *mg, const char *key)
{
	size_t k, n = 0;

	for (k = 0; k < mg->n_parts; k++)
		n += head_count(mg, k, "respondents", key);
	return n;
}

static int write_report(merge *mg, FILE *fp)
{
	static const char *const ids_key[] = { "engine", "model",
					       "questionnaire" };
	size_t n_e = mg->m->n_elems, n_d = mg->m->n_dims, k, g;
	semm__jw w = { 0 };
	const cJSON *v;
	int rc;

	w.fp = fp;
	semm__jw_open(&w, NULL, '{');
	semm__jw_string(&w, "format", "semm-report/1");
	for (k = 0; k < 3; k++)
		emit(&w, ids_key[k], head_item(mg, 0, ids_key[k]));
	write_parameters(&w, mg);
	emit(&w, "levels", head_item(mg, 0, "levels"));
	semm__jw_open(&w, "respondents", '{');
	semm__jw_size(&w, "read", sum_counts(mg, "read"));
	semm__jw_size(&w, "scored", sum_counts(mg, "scored"));
	semm__jw_size(&w, "rejected", sum_counts(mg, "rejected"));
	semm__jw_close(&w, '}');
	semm__jw_open(&w, "rejected", '[');
	for (k = 0; k < mg->n_parts; k++) {
		cJSON_ArrayForEach(v, head_item(mg, k, "rejected"))
			emit(&w, NULL, v);
	}
	semm__jw_close(&w, ']');
	rc = write_warnings(&w, mg);
	if (rc == SEMM_OK)
		rc = write_groups(&w, mg);
	if (rc < 0)
		return rc;
	semm__jw_open(&w, "reliability", '{');
	semm__jw_string(&w, "scope", "all scored respondents");
	semm__jw_bool(&w, "available", 0);
	semm__jw_string(&w, "reason", not_merged);
	semm__jw_close(&w, '}');
	semm__jw_open(&w, "across_groups", '{');
	semm__jw_size(&w, "groups", mg->n_groups);
	semm__write_icc_units(&w, mg->m, mg->icc + n_e + n_d, mg->icc + n_e,
			      mg->icc);
	semm__jw_open(&w, "dimension_correlations", '{');
	semm__jw_bool(&w, "available", 0);
	semm__jw_string(&w, "reason", not_merged);
	semm__jw_close(&w, '}');
	semm__jw_close(&w, '}');
	if (mg->b) {
		const char **ids = malloc((mg->n_groups ? mg->n_groups : 1) *
					  sizeof(char *));

		if (!ids)
			return SEMM_ENOMEM;
		for (g = 0; g < mg->n_groups; g++)
			ids[g] = mg->groups[mg->order[g]].id;
		semm__write_benchmark(&w, mg->m, mg->b, ids);
		free(ids);
	}
	emit(&w, "methods", head_item(mg, 0, "methods"));
	semm__jw_open(&w, "merged_from", '[');
	for (k = 0; k < mg->n_parts; k++)
		semm__jw_string(&w, NULL, mg->paths[k]);
	semm__jw_close(&w, ']');
	semm__jw_close(&w, '}');
	return (w.failed || ferror(fp)) ? SEMM_EIO : SEMM_OK;
}

static int write_bench_csv(merge *mg, FILE *fp)
{
	const char **ids =
		malloc((mg->n_groups ? mg->n_groups : 1) * sizeof(char *));
	size_t g;
	int rc;

	if (!ids)
		return SEMM_ENOMEM;
	for (g = 0; g < mg->n_groups; g++)
		ids[g] = mg->groups[mg->order[g]].id;
	rc = semm__write_benchmark_csv(fp, mg->m, mg->b, ids);
	free(ids);
	return rc;
}

static int write_one(const void *ctx, size_t k, FILE *fp)
{
	merge *mg = (merge *)ctx;

	return k == 0 ? write_report(mg, fp) : write_bench_csv(mg, fp);
}

static void merge_free(merge *mg)
{
	size_t k, g;

	for (k = 0; k < mg->n_parts; k++) {
		if (mg->fp && mg->fp[k])
			fclose(mg->fp[k]);
		if (mg->head)
			cJSON_Delete(mg->head[k]);
	}
	free(mg->fp);
	free(mg->head);
	for (g = 0; g < mg->n_groups; g++) {
		free(mg->groups[g].id);
		if (mg->bench) {
			for (k = 0; k < mg->n_segs; k++)
				free(mg->seg_value[g * mg->n_segs + k]);
		}
	}
	free(mg->groups);
	free(mg->moments);
	free(mg->n_resp);
	free(mg->score);
	free(mg->unit_n);
	free(mg->seg_value);
	semm__notes_free(&mg->notes);
	free(mg->order);
	free(mg->icc);
	free(mg->line);
	semm__bench_free(mg->b);
}

/* What the first head says of the benchmark. */
static int bench_options(merge *mg)
{
	const cJSON *bo = head_item(mg, 0, "benchmark");
	const cJSON *segs =
		cJSON_GetObjectItemCaseSensitive(bo, "segmentations");
	const cJSON *v;

	mg->bench = bo != NULL;
	if (!bo)
		return SEMM_OK;
	if (!cJSON_IsArray(segs) ||
	    !cJSON_IsNumber(
		    cJSON_GetObjectItemCaseSensitive(bo, "min_respondents")) ||
	    !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(
		    bo, "anonymity_threshold")))
		return fail_at(mg, 0, 1, "malformed \"benchmark\" options");
	cJSON_ArrayForEach(v, segs)
	{
		if (!cJSON_IsString(v))
			return fail_at(mg, 0, 1,
				       "malformed \"benchmark\" options");
		mg->n_segs++;
	}
	return SEMM_OK;
}

int semm_merge_partials(const semm_model *m, const semm_questionnaire *q,
			const char *const *paths, size_t n, const char *dir,
			unsigned formats, semm_error *err)
{
	static const char *const names[] = { "report.json", "benchmark.csv" };
	merge mg = { 0 };
	unsigned wanted = 0;
	size_t k;
	int rc = SEMM_OK;

	if (!m || !q || q->model != m || !paths || n == 0 || !dir)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "merge: no model, questionnaire, partial "
				  "results or folder");
	mg.m = m;
	mg.q = q;
	mg.paths = paths;
	mg.n_parts = n;
	mg.err = err;
	mg.n_units = 1 + m->n_dims + m->n_elems;
	mg.fp = calloc(n, sizeof(FILE *));
	mg.head = calloc(n, sizeof(cJSON *));
	if (!mg.fp || !mg.head)
		rc = SEMM_ENOMEM;
	for (k = 0; k < n && rc == SEMM_OK; k++) {
		rc = read_part(&mg, k);
	}
	if (rc == SEMM_OK)
		rc = order_groups(&mg);
	if (rc == SEMM_OK)
		rc = compute_icc(&mg);
	if (rc == SEMM_OK && mg.bench)
		rc = compute_bench(&mg);
	if (formats & SEMM_REPORT_JSON)
		wanted |= 1u;
	if ((formats & SEMM_REPORT_CSV) && mg.bench)
		wanted |= 2u;
	if (rc == SEMM_OK && wanted)
		rc = semm__write_files(dir, names, 2, wanted, write_one, &mg,
				       err);
	if (rc == SEMM_ENOMEM)
		semm__fail(err, rc, NULL, 0, 0, "out of memory while merging");
	merge_free(&mg);
	return rc;
}

int semm_partial_questionnaire(const char *path, char *id, size_t len,
			       semm_error *err)
{
	FILE *fp = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	cJSON *head = NULL;
	const cJSON *qid;
	int rc = SEMM_OK;

	if (!fp)
		return semm__fail(err, SEMM_EIO, path, 0, 0,
				  "cannot open the partial result");
	if (getline(&line, &cap, fp) < 0 || !(head = cJSON_Parse(line)))
		rc = semm__fail(err, SEMM_EDATA, path, 1, 0,
				"not a partial result: its first line is not "
				"JSON");
	qid = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(head, "questionnaire"), "id");
	if (rc == SEMM_OK && !cJSON_IsString(qid))
		rc = semm__fail(err, SEMM_EDATA, path, 1, 0,
				"not a partial result: no questionnaire id");
	if (rc == SEMM_OK)
		snprintf(id, len, "%s", qid->valuestring);
	cJSON_Delete(head);
	free(line);
	fclose(fp);
	return rc;
}
