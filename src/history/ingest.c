/*
 * ingest.c - reads a report.json ("semm-report/1") for the history store:
 * what the report says about itself (engine, model, questionnaire,
 * parameters, respondents), its three hashes (the report's bytes, the
 * model's structure, the questionnaire's items; SHA-256 from nettle) and,
 * per group, the overall score, the dimensions and the elements with the
 * figures trends need and their benchmark placements. Also the owned
 * strings and unit arrays that the store's lists, shows and trends share.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "base/json.h"
#include "history/history_int.h"

#define REPORT_MAJOR_V 1

/* ---- pools and arrays ---------------------------------------------------- */

const char *semm__hpool_keep(semm__hpool *pool, const char *s, int *rc)
{
	char *copy;

	if (!s || *rc < 0)
		return NULL;
	if (semm__grow_array((void **)&pool->strs, &pool->cap, pool->n,
			     sizeof(*pool->strs)) < 0) {
		*rc = SEMM_ENOMEM;
		return NULL;
	}
	copy = semm__strdup(s);
	if (!copy) {
		*rc = SEMM_ENOMEM;
		return NULL;
	}
	pool->strs[pool->n++] = copy;
	return copy;
}

void semm__hpool_free(semm__hpool *pool)
{
	size_t i;

	for (i = 0; i < pool->n; i++)
		free(pool->strs[i]);
	free(pool->strs);
	memset(pool, 0, sizeof(*pool));
}

semm_history_unit *semm__hunits_add(semm__hunits *u)
{
	semm_history_unit *x;

	if (semm__grow_array((void **)&u->units, &u->cap, u->n,
			     sizeof(*u->units)) < 0)
		return NULL;
	x = &u->units[u->n++];
	memset(x, 0, sizeof(*x));
	x->mean = x->sd = x->ci_lo = x->ci_hi = x->percent = NAN;
	x->alpha = x->rwg = NAN;
	return x;
}

semm_history_place *semm__hunits_add_place(semm__hunits *u, size_t unit)
{
	semm_history_place *p;
	size_t cap = u->cap_places;

	if (semm__grow_array((void **)&u->places, &u->cap_places, u->n_places,
			     sizeof(*u->places)) < 0)
		return NULL;
	if (semm__grow_array((void **)&u->place_unit, &cap, u->n_places,
			     sizeof(*u->place_unit)) < 0 ||
	    cap != u->cap_places)
		return NULL;
	u->place_unit[u->n_places] = unit;
	p = &u->places[u->n_places++];
	memset(p, 0, sizeof(*p));
	p->score = p->percentile = p->z = NAN;
	return p;
}

int semm__hunits_finish(semm__hunits *u)
{
	semm_history_place *sorted;
	size_t *start, i, k;

	if (u->n_places == 0)
		return SEMM_OK;
	sorted = malloc(u->n_places * sizeof(*sorted));
	start = calloc(u->n + 1, sizeof(*start));
	if (!sorted || !start) {
		free(sorted);
		free(start);
		return SEMM_ENOMEM;
	}
	/* a counting sort keeps each unit's placements in their order */
	for (i = 0; i < u->n_places; i++)
		start[u->place_unit[i] + 1]++;
	for (k = 0; k < u->n; k++)
		start[k + 1] += start[k];
	for (k = 0; k < u->n; k++) {
		u->units[k].places = sorted + start[k];
		u->units[k].n_places = 0;
	}
	for (i = 0; i < u->n_places; i++) {
		k = u->place_unit[i];
		sorted[start[k] + u->units[k].n_places++] = u->places[i];
	}
	free(u->places);
	free(start);
	u->places = sorted;
	u->cap_places = u->n_places;
	for (i = 0; i < u->n_places; i++)
		u->place_unit[i] = 0; /* no longer in step with places */
	return SEMM_OK;
}

void semm__hunits_free(semm__hunits *u)
{
	free(u->units);
	free(u->places);
	free(u->place_unit);
	memset(u, 0, sizeof(*u));
}

/* ---- hashes -------------------------------------------------------------- */

static void hex_digest(struct sha256_ctx *ctx, char *out)
{
	static const char hexd[] = "0123456789abcdef";
	uint8_t d[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_digest(ctx, sizeof(d), d);
	for (i = 0; i < sizeof(d); i++) {
		out[2 * i] = hexd[d[i] >> 4];
		out[2 * i + 1] = hexd[d[i] & 15];
	}
	out[2 * sizeof(d)] = '\0';
}

/* Adds the fields to the hash as one line, tab-separated (a field NULL
 * ends the list). */
static void hash_line(struct sha256_ctx *ctx, const char *first, ...)
{
	const char *s = first;
	va_list ap;
	int any = 0;

	va_start(ap, first);
	while (s) {
		if (any)
			sha256_update(ctx, 1, (const uint8_t *)"\t");
		sha256_update(ctx, strlen(s), (const uint8_t *)s);
		any = 1;
		s = va_arg(ap, const char *);
	}
	va_end(ap);
	sha256_update(ctx, 1, (const uint8_t *)"\n");
}

static const char *json_text(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

static const char *json_num(const cJSON *obj, const char *key, char *buf,
			    size_t len)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!cJSON_IsNumber(v))
		return "";
	semm__format_number(v->valuedouble, buf, len);
	return buf;
}

/* The model's structure, language-free: id, version, the level bands,
 * the dimensions and each element's dimension (of the first group). */
static void model_hash(const cJSON *root, char *out)
{
	struct sha256_ctx ctx;
	const cJSON *model = cJSON_GetObjectItemCaseSensitive(root, "model");
	const cJSON *groups = cJSON_GetObjectItemCaseSensitive(root, "groups");
	const cJSON *g = cJSON_GetArrayItem(groups, 0), *v;
	char a[64], b[64], c[64];

	sha256_init(&ctx);
	hash_line(&ctx, "semm-model-hash/1", (const char *)NULL);
	hash_line(&ctx, "model", json_text(model, "id"),
		  json_text(model, "version"), (const char *)NULL);
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(root, "levels"))
		hash_line(&ctx, "level", json_num(v, "level", a, sizeof(a)),
			  json_num(v, "min", b, sizeof(b)),
			  json_num(v, "max", c, sizeof(c)), (const char *)NULL);
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(g, "dimensions"))
		hash_line(&ctx, "dimension", json_text(v, "id"),
			  (const char *)NULL);
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(g, "elements"))
		hash_line(&ctx, "element", json_text(v, "id"),
			  json_text(v, "dimension"), (const char *)NULL);
	hex_digest(&ctx, out);
}

/* The questionnaire: id, version, the score scale and, when the report
 * lists them (not with --summary), each item's element and coding. */
static void questionnaire_hash(const cJSON *root, char *out)
{
	struct sha256_ctx ctx;
	const cJSON *q =
		cJSON_GetObjectItemCaseSensitive(root, "questionnaire");
	const cJSON *params =
		cJSON_GetObjectItemCaseSensitive(root, "parameters");
	const cJSON *scale =
		cJSON_GetObjectItemCaseSensitive(params, "score_scale");
	const cJSON *groups = cJSON_GetObjectItemCaseSensitive(root, "groups");
	const cJSON *g = cJSON_GetArrayItem(groups, 0), *v, *rev;
	char a[64], b[64];

	sha256_init(&ctx);
	hash_line(&ctx, "semm-questionnaire-hash/1", (const char *)NULL);
	hash_line(&ctx, "questionnaire", json_text(q, "id"),
		  json_text(q, "version"), (const char *)NULL);
	hash_line(&ctx, "scale", json_num(scale, "min", a, sizeof(a)),
		  json_num(scale, "max", b, sizeof(b)), (const char *)NULL);
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(g, "items"))
	{
		rev = cJSON_GetObjectItemCaseSensitive(v, "reverse");
		hash_line(&ctx, "item", json_text(v, "id"),
			  json_text(v, "element"),
			  cJSON_IsTrue(rev) ? "reverse" : "forward",
			  (const char *)NULL);
	}
	hex_digest(&ctx, out);
}

static void bytes_hash(const char *data, size_t len, char *out)
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)data);
	hex_digest(&ctx, out);
}

/* ---- typed members ------------------------------------------------------- */

typedef struct ingest {
	semm__jdoc d;
	semm__jpath p;
	semm__hreport *r;
	int rc;
} ingest;

static int fail_at(ingest *in, const char *key, const char *what)
{
	semm__jpath_key(&in->p, key);
	in->rc = semm__jfatal(&in->d, &in->p, SEMM_ESCHEMA, "%s", what);
	semm__jpath_pop(&in->p);
	return in->rc;
}

static const cJSON *need(ingest *in, const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (in->rc < 0)
		return NULL;
	if (!v)
		in->rc = semm__jfatal(&in->d, &in->p, SEMM_ESCHEMA,
				      "missing member \"%s\": not a complete "
				      "semm report",
				      key);
	return v;
}

/* A string or null member (optional: absent is NULL too). */
static const char *text(ingest *in, const cJSON *obj, const char *key,
			int required)
{
	const cJSON *v = required ? need(in, obj, key)
				  : cJSON_GetObjectItemCaseSensitive(obj, key);

	if (in->rc < 0 || !v || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsString(v)) {
		fail_at(in, key, "expected a string or null");
		return NULL;
	}
	return semm__hpool_keep(&in->r->pool, v->valuestring, &in->rc);
}

static const char *id_text(ingest *in, const cJSON *obj, const char *key)
{
	const char *s = text(in, obj, key, 1);

	if (in->rc == SEMM_OK && !s)
		fail_at(in, key, "expected a string, found null");
	return s;
}

/* A number or null member (NAN); optional ones may be absent. */
static double number(ingest *in, const cJSON *obj, const char *key,
		     int required)
{
	const cJSON *v = required ? need(in, obj, key)
				  : cJSON_GetObjectItemCaseSensitive(obj, key);

	if (in->rc < 0 || !v || cJSON_IsNull(v))
		return NAN;
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
		fail_at(in, key, "expected a number or null");
		return NAN;
	}
	return v->valuedouble;
}

static size_t count(ingest *in, const cJSON *obj, const char *key)
{
	const cJSON *v = need(in, obj, key);
	double x;

	if (in->rc < 0)
		return 0;
	x = cJSON_IsNumber(v) ? v->valuedouble : -1.0;
	if (!(x >= 0.0 && x <= MAX_COUNT && x == floor(x))) {
		fail_at(in, key, "expected a count (an integer >= 0)");
		return 0;
	}
	return (size_t)x;
}

/* An integer level or null into *has, *level. */
static void level(ingest *in, const cJSON *obj, const char *key, int required,
		  int *has, int *lv)
{
	double x = number(in, obj, key, required);

	*has = 0;
	*lv = 0;
	if (isnan(x))
		return;
	if (!(x >= -1e6 && x <= 1e6 && x == floor(x))) {
		fail_at(in, key, "expected a level number or null");
		return;
	}
	*has = 1;
	*lv = (int)x;
}

static const cJSON *member_of(ingest *in, const cJSON *obj, const char *key,
			      int array)
{
	const cJSON *v = need(in, obj, key);

	if (in->rc < 0)
		return NULL;
	if (array ? !cJSON_IsArray(v) : !cJSON_IsObject(v)) {
		fail_at(in, key,
			array ? "expected an array" : "expected an object");
		return NULL;
	}
	return v;
}

/* ---- the header ---------------------------------------------------------- */

static void read_header(ingest *in, const cJSON *root)
{
	semm__hreport *r = in->r;
	const cJSON *o;
	char *params;

	o = member_of(in, root, "engine", 0);
	semm__jpath_key(&in->p, "engine");
	r->e.engine_version = id_text(in, o, "version");
	semm__jpath_pop(&in->p);
	o = member_of(in, root, "model", 0);
	semm__jpath_key(&in->p, "model");
	r->e.model_id = id_text(in, o, "id");
	r->e.model_version = id_text(in, o, "version");
	semm__jpath_pop(&in->p);
	o = member_of(in, root, "questionnaire", 0);
	semm__jpath_key(&in->p, "questionnaire");
	r->e.questionnaire_id = id_text(in, o, "id");
	r->e.questionnaire_version = text(in, o, "version", 1);
	semm__jpath_pop(&in->p);
	o = member_of(in, root, "parameters", 0);
	semm__jpath_key(&in->p, "parameters");
	r->e.group_by = text(in, o, "group_by", 0);
	semm__jpath_pop(&in->p);
	if (in->rc == SEMM_OK) {
		params = cJSON_PrintUnformatted(o);
		r->e.parameters = semm__hpool_keep(&r->pool, params, &in->rc);
		if (!params)
			in->rc = SEMM_ENOMEM;
		cJSON_free(params);
	}
	o = member_of(in, root, "respondents", 0);
	semm__jpath_key(&in->p, "respondents");
	r->e.read = count(in, o, "read");
	r->e.scored = count(in, o, "scored");
	r->e.rejected = count(in, o, "rejected");
	semm__jpath_pop(&in->p);
}

/* ---- units --------------------------------------------------------------- */

/* Reads the unit object u (at in->p) of group g. */
static void read_unit(ingest *in, const cJSON *u, const char *group,
		      const char *type)
{
	semm_history_unit *x = semm__hunits_add(&in->r->u);
	const cJSON *ci, *rel, *agr;
	int overall = strcmp(type, "overall") == 0;

	if (!x) {
		in->rc = SEMM_ENOMEM;
		return;
	}
	x->group = group;
	x->type = type;
	x->id = overall ? "overall" : id_text(in, u, "id");
	x->name = overall ? NULL : text(in, u, "name", 0);
	if (strcmp(type, "element") == 0)
		x->dimension = text(in, u, "dimension", 0);
	x->n = count(in, u, "n");
	x->mean = number(in, u, "mean", 1);
	x->sd = number(in, u, "sd", 1);
	x->percent = number(in, u, "percent", 1);
	ci = cJSON_GetObjectItemCaseSensitive(u, "ci95");
	if (cJSON_IsArray(ci) && cJSON_GetArraySize(ci) == 2 &&
	    cJSON_IsNumber(cJSON_GetArrayItem(ci, 0)) &&
	    cJSON_IsNumber(cJSON_GetArrayItem(ci, 1))) {
		x->ci_lo = cJSON_GetArrayItem(ci, 0)->valuedouble;
		x->ci_hi = cJSON_GetArrayItem(ci, 1)->valuedouble;
	}
	level(in, u, "level", 1, &x->has_level, &x->level);
	x->level_name = text(in, u, "level_name", 0);
	if (overall) {
		level(in, u, "staged_level", 0, &x->has_staged_level,
		      &x->staged_level);
		x->staged_level_name = text(in, u, "staged_level_name", 0);
	}
	rel = cJSON_GetObjectItemCaseSensitive(u, "reliability");
	if (cJSON_IsObject(rel)) {
		semm__jpath_key(&in->p, "reliability");
		x->alpha = number(in, rel, "alpha", 0);
		semm__jpath_pop(&in->p);
	}
	agr = cJSON_GetObjectItemCaseSensitive(u, "agreement");
	if (cJSON_IsObject(agr)) {
		semm__jpath_key(&in->p, "agreement");
		x->rwg = number(in, agr, "rwg_j", 0);
		semm__jpath_pop(&in->p);
	}
}

static void read_units(ingest *in, const cJSON *g, const char *group,
		       const char *key, const char *type)
{
	const cJSON *arr = member_of(in, g, key, 1), *u;
	size_t i = 0;

	semm__jpath_key(&in->p, key);
	cJSON_ArrayForEach(u, arr)
	{
		if (in->rc < 0)
			break;
		semm__jpath_index(&in->p, i++);
		if (!cJSON_IsObject(u))
			in->rc = semm__jfatal(&in->d, &in->p, SEMM_ESCHEMA,
					      "expected an object");
		else
			read_unit(in, u, group, type);
		semm__jpath_pop(&in->p);
	}
	semm__jpath_pop(&in->p);
}

static void read_group(ingest *in, const cJSON *g, size_t i)
{
	semm__hreport *r = in->r;
	const char *id = id_text(in, g, "id");
	size_t n = count(in, g, "n");
	const cJSON *o;
	size_t k;

	for (k = 0; k < i && in->rc == SEMM_OK; k++)
		if (strcmp(r->group_ids[k], id) == 0)
			fail_at(in, "id", "this group is listed twice");
	if (in->rc < 0)
		return;
	r->group_ids[i] = id;
	r->group_n[i] = n;
	o = member_of(in, g, "overall", 0);
	semm__jpath_key(&in->p, "overall");
	if (in->rc == SEMM_OK)
		read_unit(in, o, id, "overall");
	semm__jpath_pop(&in->p);
	read_units(in, g, id, "dimensions", "dimension");
	read_units(in, g, id, "elements", "element");
}

static void read_groups(ingest *in, const cJSON *root)
{
	semm__hreport *r = in->r;
	const cJSON *arr = member_of(in, root, "groups", 1), *g;
	size_t i = 0, n;

	if (in->rc < 0)
		return;
	n = (size_t)cJSON_GetArraySize(arr);
	r->group_ids = calloc(n ? n : 1, sizeof(*r->group_ids));
	r->group_n = calloc(n ? n : 1, sizeof(*r->group_n));
	if (!r->group_ids || !r->group_n) {
		in->rc = SEMM_ENOMEM;
		return;
	}
	semm__jpath_key(&in->p, "groups");
	cJSON_ArrayForEach(g, arr)
	{
		if (in->rc < 0)
			break;
		semm__jpath_index(&in->p, i);
		if (!cJSON_IsObject(g))
			in->rc = semm__jfatal(&in->d, &in->p, SEMM_ESCHEMA,
					      "expected a group (an object)");
		else
			read_group(in, g, i);
		semm__jpath_pop(&in->p);
		i++;
	}
	semm__jpath_pop(&in->p);
	r->n_groups = i;
}

/* ---- benchmark placements ------------------------------------------------ */

/* The unit of group id, type and unit id, or (size_t)-1. */
static size_t find_unit(const semm__hreport *r, const char *group,
			const char *type, const char *id)
{
	size_t i;

	for (i = 0; i < r->u.n; i++) {
		const semm_history_unit *x = &r->u.units[i];

		if (strcmp(x->group, group) == 0 &&
		    strcmp(x->type, type) == 0 && strcmp(x->id, id) == 0)
			return i;
	}
	return (size_t)-1;
}

static void read_peer(ingest *in, const cJSON *peer, size_t unit, double score)
{
	semm_history_place *p = semm__hunits_add_place(&in->r->u, unit);
	double rank, of;

	if (!p) {
		in->rc = SEMM_ENOMEM;
		return;
	}
	p->score = score;
	p->segmentation = id_text(in, peer, "segmentation");
	p->segment = text(in, peer, "segment", 1);
	p->percentile = number(in, peer, "percentile", 1);
	p->z = number(in, peer, "z", 1);
	rank = number(in, peer, "rank", 1);
	of = number(in, peer, "of", 1);
	p->rank = isnan(rank) ? 0 : (long)rank;
	p->of = isnan(of) ? 0 : (long)of;
	p->reason = text(in, peer, "reason", 0);
}

static void read_bench_unit(ingest *in, const cJSON *u, const char *group)
{
	const char *type = id_text(in, u, "type"), *id = id_text(in, u, "id");
	const cJSON *peers, *peer;
	double score = number(in, u, "score", 1);
	size_t unit, i = 0;

	if (in->rc < 0)
		return;
	unit = find_unit(in->r, group, type, id);
	if (unit == (size_t)-1) {
		in->rc = semm__jfatal(&in->d, &in->p, SEMM_ESCHEMA,
				      "the benchmark places %.20s \"%.100s\" "
				      "of group \"%.100s\", which the groups "
				      "do not have",
				      type, id, group);
		return;
	}
	peers = member_of(in, u, "peers", 1);
	semm__jpath_key(&in->p, "peers");
	cJSON_ArrayForEach(peer, peers)
	{
		if (in->rc < 0)
			break;
		semm__jpath_index(&in->p, i++);
		read_peer(in, peer, unit, score);
		semm__jpath_pop(&in->p);
	}
	semm__jpath_pop(&in->p);
}

static void read_benchmark(ingest *in, const cJSON *root)
{
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(root, "benchmark");
	const cJSON *groups, *g, *units, *u;
	const char *group;
	size_t i = 0, k;

	if (!cJSON_IsObject(b) || in->rc < 0)
		return;
	semm__jpath_key(&in->p, "benchmark");
	groups = member_of(in, b, "groups", 1);
	semm__jpath_key(&in->p, "groups");
	cJSON_ArrayForEach(g, groups)
	{
		if (in->rc < 0)
			break;
		semm__jpath_index(&in->p, i++);
		group = id_text(in, g, "id");
		units = member_of(in, g, "units", 1);
		semm__jpath_key(&in->p, "units");
		k = 0;
		cJSON_ArrayForEach(u, units)
		{
			if (in->rc < 0)
				break;
			semm__jpath_index(&in->p, k++);
			read_bench_unit(in, u, group);
			semm__jpath_pop(&in->p);
		}
		semm__jpath_pop(&in->p);
		semm__jpath_pop(&in->p);
	}
	semm__jpath_pop(&in->p);
	semm__jpath_pop(&in->p);
}

/* ---- the report ---------------------------------------------------------- */

void semm__hreport_free(semm__hreport *r)
{
	if (!r)
		return;
	free((void *)r->group_ids);
	free(r->group_n);
	semm__hunits_free(&r->u);
	semm__hpool_free(&r->pool);
	memset(r, 0, sizeof(*r));
}

int semm__hreport_read(semm__hreport *r, const char *report, size_t len,
		       const char *source, semm_error *err)
{
	ingest in;
	cJSON *root = NULL;
	char hash[3][2 * SHA256_DIGEST_SIZE + 1];

	memset(r, 0, sizeof(*r));
	memset(&in, 0, sizeof(in));
	in.d = (semm__jdoc){ report ? report : "", len,
			     source ? source : "<report>", err, NULL };
	in.r = r;
	in.rc = semm__json_parse(&in.d, &root);
	if (in.rc == SEMM_OK)
		in.rc = semm__json_check_format(&in.d, root, REPORT_FAMILY,
						REPORT_MAJOR_V);
	if (in.rc == SEMM_OK) {
		read_header(&in, root);
		read_groups(&in, root);
		read_benchmark(&in, root);
	}
	if (in.rc == SEMM_OK)
		in.rc = semm__hunits_finish(&r->u);
	if (in.rc == SEMM_OK) {
		bytes_hash(report, len, hash[0]);
		model_hash(root, hash[1]);
		questionnaire_hash(root, hash[2]);
		r->e.report_hash = semm__hpool_keep(&r->pool, hash[0], &in.rc);
		r->e.model_hash = semm__hpool_keep(&r->pool, hash[1], &in.rc);
		r->e.questionnaire_hash =
			semm__hpool_keep(&r->pool, hash[2], &in.rc);
		r->e.source = semm__hpool_keep(&r->pool, in.d.source, &in.rc);
		r->e.groups = r->n_groups;
	}
	cJSON_Delete(root);
	if (in.rc == SEMM_ENOMEM)
		semm__fail(err, SEMM_ENOMEM, in.d.source, 0, 0,
			   "out of memory");
	if (in.rc < 0)
		semm__hreport_free(r);
	return in.rc;
}
