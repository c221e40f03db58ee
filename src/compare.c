/*
 * compare.c - compares two reports of the same maturity model: reads two
 * report.json files ("semm-report/1") through the cJSON adapter, pairs
 * their groups by id and their units (overall, dimensions, elements) by
 * id, gives each pair the Welch difference of means with its interval, a
 * verdict and the change of level, and writes compare.json, compare.csv
 * and compare.html (a folder of them atomically, as report_dir.c does for
 * reports). It reads only what a report says; it knows nothing of models,
 * questionnaires or scoring.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json.h"

#define COMPARE_FORMAT "semm-compare/1"
#define REPORT_FAMILY "semm-report"
#define REPORT_MAJOR 1

/* Largest respondent count accepted from a report: a double holds every
 * integer up to 2^53 exactly. */
#define MAX_COUNT 9007199254740992.0

enum { BEFORE = 0, AFTER = 1 };

static const char *const side_key[2] = { "before", "after" };

/* What a report says about itself. */
typedef struct side_info {
	const char *source;
	const char *engine_name;
	const char *engine_version;
	const char *model_id;
	const char *model_version;
	const char *model_title;
	const char *q_id;
	const char *q_version;
	const char *group_by; /* NULL: one group */
	const char *na_policy;
	double na_anchor; /* NAN when the report has none */
	double coverage_min;
	double smin;
	double smax;
	const char **inputs;
	size_t n_inputs;
	size_t read;
	size_t scored;
	size_t rejected;
} side_info;

struct semm_compare {
	side_info side[2];
	semm_compare_unit *units;
	size_t n_units;
	size_t cap_units;
	size_t n_groups;
	const char **unmatched[2];
	size_t n_unmatched[2];
	const char **warnings;
	size_t n_warnings;
	char **strs; /* every string the comparison owns */
	size_t n_strs;
	size_t cap_strs;
};

/* One report being read. */
typedef struct reader {
	semm__jdoc d;
	cJSON *root;
	const cJSON *groups;
	const cJSON **group_at; /* the groups, by index */
	semm__strmap ids;       /* group id -> index */
} reader;

/* ---- owned strings and growable arrays ---------------------------------- */

static int grow(void **arr, size_t *cap, size_t need, size_t size)
{
	size_t cap2 = *cap ? *cap : 8;
	void *p;

	if (need <= *cap)
		return SEMM_OK;
	while (cap2 < need)
		cap2 *= 2;
	p = realloc(*arr, cap2 * size);
	if (!p)
		return SEMM_ENOMEM;
	*arr = p;
	*cap = cap2;
	return SEMM_OK;
}

/* A copy of s owned by c (NULL stays NULL); sets *rc on failure. */
static const char *keep(semm_compare *c, const char *s, int *rc)
{
	char *copy;

	if (!s || *rc < 0)
		return NULL;
	if (grow((void **)&c->strs, &c->cap_strs, c->n_strs + 1,
		 sizeof(*c->strs)) < 0) {
		*rc = SEMM_ENOMEM;
		return NULL;
	}
	copy = semm__strdup(s);
	if (!copy) {
		*rc = SEMM_ENOMEM;
		return NULL;
	}
	c->strs[c->n_strs++] = copy;
	return copy;
}

static int push_ptr(const char ***arr, size_t *n, const char *s)
{
	const char **p = realloc((void *)*arr, (*n + 1) * sizeof(**arr));

	if (!p)
		return SEMM_ENOMEM;
	p[(*n)++] = s;
	*arr = p;
	return SEMM_OK;
}

static int add_warning(semm_compare *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int add_warning(semm_compare *c, const char *fmt, ...)
{
	char buf[SEMM_ERROR_MESSAGE_MAX];
	const char *s;
	va_list ap;
	int rc = SEMM_OK;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	s = keep(c, buf, &rc);
	if (rc < 0)
		return rc;
	return push_ptr(&c->warnings, &c->n_warnings, s);
}

void semm_compare_free(semm_compare *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n_strs; i++)
		free(c->strs[i]);
	free(c->strs);
	free((void *)c->side[BEFORE].inputs);
	free((void *)c->side[AFTER].inputs);
	free((void *)c->unmatched[BEFORE]);
	free((void *)c->unmatched[AFTER]);
	free((void *)c->warnings);
	free(c->units);
	free(c);
}

/* ---- typed members of a report ------------------------------------------ */

static int oom(const reader *r)
{
	return semm__fail(r->d.err, SEMM_ENOMEM, r->d.source, 0, 0,
			  "out of memory");
}

/* The member key of obj (p is obj's path); a missing member fails. */
static int member(const reader *r, semm__jpath *p, const cJSON *obj,
		  const char *key, const cJSON **out)
{
	*out = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (*out)
		return SEMM_OK;
	return semm__jfail(&r->d, p, SEMM_ESCHEMA,
			   "missing member \"%s\": not a complete semm report",
			   key);
}

/* Fails at member key of the object at p. */
static int bad_member(const reader *r, semm__jpath *p, const char *key,
		      const char *what)
{
	int rc;

	semm__jpath_key(p, key);
	rc = semm__jfail(&r->d, p, SEMM_ESCHEMA, "%s", what);
	semm__jpath_pop(p);
	return rc;
}

/* A string or null member, copied into c (NULL for null). */
static int get_text(semm_compare *c, const reader *r, semm__jpath *p,
		    const cJSON *obj, const char *key, const char **out)
{
	const cJSON *v;
	int rc = member(r, p, obj, key, &v);

	*out = NULL;
	if (rc < 0 || cJSON_IsNull(v))
		return rc;
	if (!cJSON_IsString(v))
		return bad_member(r, p, key, "expected a string or null");
	*out = keep(c, v->valuestring, &rc);
	return rc < 0 ? oom(r) : SEMM_OK;
}

/* A string member that must be there, copied into c. */
static int get_id(semm_compare *c, const reader *r, semm__jpath *p,
		  const cJSON *obj, const char *key, const char **out)
{
	int rc = get_text(c, r, p, obj, key, out);

	if (rc == SEMM_OK && !*out)
		return bad_member(r, p, key, "expected a string, found null");
	return rc;
}

/* A number or null member (NAN for null). */
static int get_number(const reader *r, semm__jpath *p, const cJSON *obj,
		      const char *key, double *out)
{
	const cJSON *v;
	int rc = member(r, p, obj, key, &v);

	*out = NAN;
	if (rc < 0 || cJSON_IsNull(v))
		return rc;
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return bad_member(r, p, key, "expected a number or null");
	*out = v->valuedouble;
	return SEMM_OK;
}

/* A count: an integer from 0 up to MAX_COUNT. */
static int get_count(const reader *r, semm__jpath *p, const cJSON *obj,
		     const char *key, size_t *out)
{
	const cJSON *v;
	int rc = member(r, p, obj, key, &v);
	double x;

	*out = 0;
	if (rc < 0)
		return rc;
	x = cJSON_IsNumber(v) ? v->valuedouble : -1.0;
	if (!(x >= 0.0 && x <= MAX_COUNT && x == floor(x)))
		return bad_member(r, p, key,
				  "expected a count (an integer >= 0)");
	*out = (size_t)x;
	return SEMM_OK;
}

/* A level number or null. */
static int get_level(const reader *r, semm__jpath *p, const cJSON *obj,
		     int *has, int *level)
{
	const cJSON *v;
	int rc = member(r, p, obj, "level", &v);
	double x;

	*has = 0;
	*level = 0;
	if (rc < 0 || cJSON_IsNull(v))
		return rc;
	x = cJSON_IsNumber(v) ? v->valuedouble : 0.5;
	if (!(x >= -1e6 && x <= 1e6 && x == floor(x)))
		return bad_member(r, p, "level",
				  "expected a level number or null");
	*has = 1;
	*level = (int)x;
	return SEMM_OK;
}

/* Whether obj has the member key (optional members). */
static int has(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key) != NULL;
}

/* An object member; a missing or other member fails. */
static int get_object(const reader *r, semm__jpath *p, const cJSON *obj,
		      const char *key, const cJSON **out)
{
	int rc = member(r, p, obj, key, out);

	if (rc == SEMM_OK && !cJSON_IsObject(*out))
		return bad_member(r, p, key, "expected an object");
	return rc;
}

static int get_array(const reader *r, semm__jpath *p, const cJSON *obj,
		     const char *key, const cJSON **out)
{
	int rc = member(r, p, obj, key, out);

	if (rc == SEMM_OK && !cJSON_IsArray(*out))
		return bad_member(r, p, key, "expected an array");
	return rc;
}

/* The items of array arr, in order, for lookups by index. */
static int list_items(const reader *r, const cJSON *arr,
		      const cJSON ***out)
{
	const cJSON *v;
	size_t i = 0, n = (size_t)cJSON_GetArraySize(arr);

	*out = malloc((n ? n : 1) * sizeof(**out));
	if (!*out)
		return oom(r);
	cJSON_ArrayForEach(v, arr)
		(*out)[i++] = v;
	return SEMM_OK;
}

/* ---- the report's header ------------------------------------------------ */

static int read_engine_model(semm_compare *c, const reader *r, side_info *s)
{
	semm__jpath p = { 0 };
	const cJSON *o;
	int rc = get_object(r, &p, r->root, "engine", &o);

	semm__jpath_key(&p, "engine");
	if (rc == SEMM_OK)
		rc = get_id(c, r, &p, o, "name", &s->engine_name);
	if (rc == SEMM_OK)
		rc = get_id(c, r, &p, o, "version", &s->engine_version);
	semm__jpath_pop(&p);
	if (rc == SEMM_OK)
		rc = get_object(r, &p, r->root, "model", &o);
	semm__jpath_key(&p, "model");
	if (rc == SEMM_OK)
		rc = get_id(c, r, &p, o, "id", &s->model_id);
	if (rc == SEMM_OK)
		rc = get_id(c, r, &p, o, "version", &s->model_version);
	if (rc == SEMM_OK && has(o, "title"))
		rc = get_text(c, r, &p, o, "title", &s->model_title);
	semm__jpath_pop(&p);
	if (rc == SEMM_OK)
		rc = get_object(r, &p, r->root, "questionnaire", &o);
	semm__jpath_key(&p, "questionnaire");
	if (rc == SEMM_OK)
		rc = get_id(c, r, &p, o, "id", &s->q_id);
	if (rc == SEMM_OK)
		rc = get_text(c, r, &p, o, "version", &s->q_version);
	return rc;
}

static int read_inputs(semm_compare *c, const reader *r, semm__jpath *p,
		       const cJSON *params, side_info *s)
{
	const cJSON *arr, *v;
	const char *text;
	size_t i = 0;
	int rc = get_array(r, p, params, "inputs", &arr);

	semm__jpath_key(p, "inputs");
	cJSON_ArrayForEach(v, arr) {
		if (rc < 0)
			break;
		semm__jpath_index(p, i++);
		if (!cJSON_IsString(v))
			rc = semm__jfail(&r->d, p, SEMM_ESCHEMA,
					 "expected a file name (a string)");
		text = keep(c, cJSON_IsString(v) ? v->valuestring : NULL, &rc);
		if (rc == SEMM_OK)
			rc = push_ptr(&s->inputs, &s->n_inputs, text);
		if (rc == SEMM_ENOMEM)
			rc = oom(r);
		semm__jpath_pop(p);
	}
	semm__jpath_pop(p);
	return rc;
}

/* Parameters that must agree for the figures to be comparable; an
 * absent one is NAN or NULL and is not compared. */
static int read_parameters(semm_compare *c, const reader *r, side_info *s)
{
	semm__jpath p = { 0 };
	const cJSON *params, *scale;
	int rc = get_object(r, &p, r->root, "parameters", &params);

	s->na_anchor = s->coverage_min = s->smin = s->smax = NAN;
	if (rc < 0)
		return rc;
	semm__jpath_key(&p, "parameters");
	rc = read_inputs(c, r, &p, params, s);
	if (rc == SEMM_OK && has(params, "group_by"))
		rc = get_text(c, r, &p, params, "group_by", &s->group_by);
	if (rc == SEMM_OK && has(params, "na_policy"))
		rc = get_text(c, r, &p, params, "na_policy", &s->na_policy);
	if (rc == SEMM_OK && has(params, "na_anchor_percent"))
		rc = get_number(r, &p, params, "na_anchor_percent",
				&s->na_anchor);
	if (rc == SEMM_OK && has(params, "coverage_min"))
		rc = get_number(r, &p, params, "coverage_min",
				&s->coverage_min);
	scale = cJSON_GetObjectItemCaseSensitive(params, "score_scale");
	if (rc == SEMM_OK && scale) {
		rc = get_object(r, &p, params, "score_scale", &scale);
		semm__jpath_key(&p, "score_scale");
		if (rc == SEMM_OK)
			rc = get_number(r, &p, scale, "min", &s->smin);
		if (rc == SEMM_OK)
			rc = get_number(r, &p, scale, "max", &s->smax);
	}
	return rc;
}

static int read_counts(const reader *r, side_info *s)
{
	semm__jpath p = { 0 };
	const cJSON *o;
	int rc = get_object(r, &p, r->root, "respondents", &o);

	semm__jpath_key(&p, "respondents");
	if (rc == SEMM_OK)
		rc = get_count(r, &p, o, "read", &s->read);
	if (rc == SEMM_OK)
		rc = get_count(r, &p, o, "scored", &s->scored);
	if (rc == SEMM_OK)
		rc = get_count(r, &p, o, "rejected", &s->rejected);
	return rc;
}

/* Indexes the groups by id; a repeated id fails. */
static int index_groups(semm_compare *c, reader *r)
{
	semm__jpath p = { 0 };
	const cJSON *g;
	const char *id;
	size_t i = 0, first;
	int rc = get_array(r, &p, r->root, "groups", &r->groups);

	semm__jpath_key(&p, "groups");
	cJSON_ArrayForEach(g, r->groups) {
		if (rc < 0)
			break;
		semm__jpath_index(&p, i);
		if (!cJSON_IsObject(g))
			rc = semm__jfail(&r->d, &p, SEMM_ESCHEMA,
					 "expected a group (an object)");
		if (rc == SEMM_OK)
			rc = get_id(c, r, &p, g, "id", &id);
		if (rc == SEMM_OK) {
			rc = semm__strmap_put(&r->ids, id, strlen(id), i,
					      &first);
			if (rc == 0)
				rc = semm__jfail(&r->d, &p, SEMM_ESCHEMA,
						 "group \"%.200s\" is listed "
						 "twice (first at index %zu)",
						 id, first);
			else if (rc < 0)
				rc = oom(r);
			else
				rc = SEMM_OK;
		}
		semm__jpath_pop(&p);
		i++;
	}
	return rc;
}

/* Parses one report and reads its header into s. */
static int open_report(semm_compare *c, reader *r, side_info *s)
{
	int rc = semm__json_parse(&r->d, &r->root);

	if (rc == SEMM_OK)
		rc = semm__json_check_format(&r->d, r->root, REPORT_FAMILY,
					     REPORT_MAJOR);
	s->source = keep(c, r->d.source, &rc);
	if (rc == SEMM_ENOMEM)
		return oom(r);
	if (rc == SEMM_OK)
		rc = read_engine_model(c, r, s);
	if (rc == SEMM_OK)
		rc = read_parameters(c, r, s);
	if (rc == SEMM_OK)
		rc = read_counts(r, s);
	if (rc == SEMM_OK)
		rc = index_groups(c, r);
	if (rc == SEMM_OK)
		rc = list_items(r, r->groups, &r->group_at);
	return rc;
}

/* ---- same model; warnings ----------------------------------------------- */

static int check_same_model(const reader *ra, const side_info *b,
			    const side_info *a)
{
	semm__jpath p = { 0 };

	semm__jpath_key(&p, "model");
	if (strcmp(b->model_id, a->model_id) != 0) {
		semm__jpath_key(&p, "id");
		return semm__jfail(&ra->d, &p, SEMM_EINVALID,
				   "model \"%.100s\" differs from model "
				   "\"%.100s\" of %.200s: only reports of the "
				   "same model can be compared", a->model_id,
				   b->model_id, b->source);
	}
	if (strcmp(b->model_version, a->model_version) != 0) {
		semm__jpath_key(&p, "version");
		return semm__jfail(&ra->d, &p, SEMM_EINVALID,
				   "model version \"%.100s\" differs from "
				   "version \"%.100s\" of %.200s: only reports "
				   "of the same model version can be compared",
				   a->model_version, b->model_version,
				   b->source);
	}
	return SEMM_OK;
}

static int same_text(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* Whether two numbers differ (absent ones are not compared). */
static int numbers_differ(double x, double y)
{
	return !isnan(x) && !isnan(y) && x != y;
}

static int warn_number(semm_compare *c, const char *what, double x, double y)
{
	char bx[64], by[64];

	if (!numbers_differ(x, y))
		return SEMM_OK;
	semm__format_number(x, bx, sizeof(bx));
	semm__format_number(y, by, sizeof(by));
	return add_warning(c, "the reports were scored with different %s "
			      "(%s before, %s after): the scores are not "
			      "strictly comparable", what, bx, by);
}

static int collect_warnings(semm_compare *c)
{
	const side_info *b = &c->side[BEFORE], *a = &c->side[AFTER];
	int rc = SEMM_OK;

	if (!same_text(b->q_id, a->q_id) ||
	    !same_text(b->q_version, a->q_version))
		rc = add_warning(c, "the reports use different questionnaires "
				    "(%.100s %.50s before, %.100s %.50s "
				    "after): their items differ, their "
				    "elements and dimensions compare", b->q_id,
				 b->q_version ? b->q_version : "", a->q_id,
				 a->q_version ? a->q_version : "");
	if (rc == SEMM_OK && !same_text(b->group_by, a->group_by))
		rc = add_warning(c, "the groups are formed differently (%.100s "
				    "before, %.100s after): groups with the "
				    "same id may not be the same people",
				 b->group_by ? b->group_by : "one group",
				 a->group_by ? a->group_by : "one group");
	if (rc == SEMM_OK && b->na_policy && a->na_policy &&
	    strcmp(b->na_policy, a->na_policy) != 0)
		rc = add_warning(c, "the reports were scored with different "
				    "N/A policies (%.50s before, %.50s after): "
				    "the scores are not strictly comparable",
				 b->na_policy, a->na_policy);
	if (rc == SEMM_OK)
		rc = warn_number(c, "N/A anchors", b->na_anchor, a->na_anchor);
	if (rc == SEMM_OK)
		rc = warn_number(c, "coverage minimums", b->coverage_min,
				 a->coverage_min);
	if (rc == SEMM_OK && (numbers_differ(b->smin, a->smin) ||
			      numbers_differ(b->smax, a->smax)))
		rc = add_warning(c, "the score scales differ (%g..%g before, "
				    "%g..%g after): differences of means mix "
				    "scales, compare the percent points",
				 b->smin, b->smax, a->smin, a->smax);
	return rc;
}

/* ---- pairing units ------------------------------------------------------ */

static int read_side(semm_compare *c, const reader *r, semm__jpath *p,
		     const cJSON *u, semm_compare_side *s)
{
	int rc = get_count(r, p, u, "n", &s->n);

	if (rc == SEMM_OK)
		rc = get_number(r, p, u, "mean", &s->mean);
	if (rc == SEMM_OK)
		rc = get_number(r, p, u, "sd", &s->sd);
	if (rc == SEMM_OK && s->sd < 0.0)
		rc = bad_member(r, p, "sd", "a standard deviation cannot be "
					    "negative");
	if (rc == SEMM_OK)
		rc = get_number(r, p, u, "percent", &s->percent);
	if (rc == SEMM_OK)
		rc = get_level(r, p, u, &s->has_level, &s->level);
	s->level_name = NULL;
	if (rc == SEMM_OK && has(u, "level_name"))
		rc = get_text(c, r, p, u, "level_name", &s->level_name);
	return rc;
}

/* Why a pair has no interval, in the user's terms where it can. */
static const char *insufficient_reason(const semm_compare_unit *u)
{
	if (u->before.n < 2 && u->after.n < 2)
		return "fewer than 2 scores on either side";
	if (u->before.n < 2)
		return "fewer than 2 scores before";
	if (u->after.n < 2)
		return "fewer than 2 scores after";
	return u->diff.reason ? u->diff.reason : "no interval";
}

static void judge(semm_compare_unit *u)
{
	const semm_compare_side *b = &u->before, *a = &u->after;

	if (semm_stats_welch(b->mean, b->sd, b->n, a->mean, a->sd, a->n,
			     SEMM_COMPARE_LEVEL, &u->diff) < 0)
		u->diff.reason = "the figures cannot be compared";
	u->percent_points = a->percent - b->percent;
	u->reason = NULL;
	if (isnan(u->diff.ci_lo) || isnan(u->diff.ci_hi)) {
		u->verdict = SEMM_VERDICT_INSUFFICIENT;
		u->reason = insufficient_reason(u);
	} else if (u->diff.ci_lo > 0.0) {
		u->verdict = SEMM_VERDICT_IMPROVEMENT;
	} else if (u->diff.ci_hi < 0.0) {
		u->verdict = SEMM_VERDICT_DECLINE;
	} else {
		u->verdict = SEMM_VERDICT_WITHIN_NOISE;
	}
	if (!b->has_level || !a->has_level)
		u->level_change = SEMM_LEVEL_UNKNOWN;
	else if (a->level > b->level)
		u->level_change = SEMM_LEVEL_UP;
	else if (a->level < b->level)
		u->level_change = SEMM_LEVEL_DOWN;
	else
		u->level_change = SEMM_LEVEL_SAME;
}

/* A unit pair under way: the two objects and their paths. */
typedef struct pair {
	const reader *r[2];
	semm__jpath p[2];
	const cJSON *obj[2];
} pair;

/* Reads both sides of the pair's objects into a new unit. */
static int add_unit(semm_compare *c, pair *pr, const char *group,
		    const char *type)
{
	semm_compare_unit *u;
	int rc = grow((void **)&c->units, &c->cap_units, c->n_units + 1,
		      sizeof(*c->units));
	int k;

	if (rc < 0)
		return oom(pr->r[BEFORE]);
	u = &c->units[c->n_units];
	memset(u, 0, sizeof(*u));
	u->group = group;
	u->type = type;
	if (strcmp(type, "overall") == 0) {
		u->id = "overall";
		u->name = "Overall";
	} else {
		rc = get_id(c, pr->r[BEFORE], &pr->p[BEFORE], pr->obj[BEFORE],
			    "id", &u->id);
		if (rc == SEMM_OK && has(pr->obj[BEFORE], "name"))
			rc = get_text(c, pr->r[BEFORE], &pr->p[BEFORE],
				      pr->obj[BEFORE], "name", &u->name);
		if (rc == SEMM_OK && strcmp(type, "element") == 0 &&
		    has(pr->obj[BEFORE], "dimension"))
			rc = get_text(c, pr->r[BEFORE], &pr->p[BEFORE],
				      pr->obj[BEFORE], "dimension",
				      &u->dimension);
	}
	for (k = BEFORE; k <= AFTER && rc == SEMM_OK; k++)
		rc = read_side(c, pr->r[k], &pr->p[k], pr->obj[k],
			       k == BEFORE ? &u->before : &u->after);
	if (rc < 0)
		return rc;
	judge(u);
	c->n_units++;
	return SEMM_OK;
}

/* The id of each object in arr (NULL when missing or not a string). */
static const char *unit_id(const cJSON *unit)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(unit, "id");

	return cJSON_IsString(id) ? id->valuestring : NULL;
}

/* Indexes the units of array arr (at path p) by id. */
static int index_units(const reader *r, semm__jpath *p, const cJSON *arr,
		       semm__strmap *ids)
{
	const cJSON *u;
	const char *id;
	size_t i = 0, first;
	int rc = SEMM_OK;

	cJSON_ArrayForEach(u, arr) {
		semm__jpath_index(p, i);
		id = cJSON_IsObject(u) ? unit_id(u) : NULL;
		if (!id)
			rc = semm__jfail(&r->d, p, SEMM_ESCHEMA,
					 "expected an object with a string "
					 "\"id\"");
		else
			rc = semm__strmap_put(ids, id, strlen(id), i, &first);
		if (rc == 0)
			rc = semm__jfail(&r->d, p, SEMM_ESCHEMA,
					 "\"%.200s\" is listed twice (first at "
					 "index %zu)", id, first);
		else if (rc == SEMM_ENOMEM)
			rc = oom(r);
		else if (rc > 0)
			rc = SEMM_OK;
		semm__jpath_pop(p);
		if (rc < 0)
			return rc;
		i++;
	}
	return SEMM_OK;
}

/* Fails at the first unit of side k's array not found in ids. */
static int missing_unit(const semm_compare *c, pair *pr, int k,
			const cJSON *arr, const semm__strmap *ids,
			const char *type, const char *group)
{
	const cJSON *u;
	const char *id;
	size_t i = 0, at;
	int rc;

	cJSON_ArrayForEach(u, arr) {
		id = unit_id(u);
		if (!semm__strmap_get(ids, id, strlen(id), &at)) {
			semm__jpath_index(&pr->p[k], i);
			rc = semm__jfail(&pr->r[k]->d, &pr->p[k], SEMM_EINVALID,
					 "group \"%.100s\": %s \"%.100s\" is "
					 "not in %.200s, though both reports "
					 "are of the same model version", group,
					 type, id, c->side[!k].source);
			semm__jpath_pop(&pr->p[k]);
			return rc;
		}
		i++;
	}
	return SEMM_OK;
}

/* Pairs the dimensions (or elements) of a matched group by id. */
static int pair_units(semm_compare *c, pair *pr, const char *group,
		      const char *key, const char *type)
{
	semm__strmap ids[2] = { { 0 }, { 0 } };
	const cJSON *arr[2] = { NULL, NULL }, *u;
	const cJSON *parent[2] = { pr->obj[BEFORE], pr->obj[AFTER] };
	const cJSON **after_at = NULL;
	const char *id;
	size_t i = 0, at;
	int k, rc = SEMM_OK;

	for (k = BEFORE; k <= AFTER; k++) {
		if (rc == SEMM_OK)
			rc = get_array(pr->r[k], &pr->p[k], parent[k], key,
				       &arr[k]);
		semm__jpath_key(&pr->p[k], key);
		if (rc == SEMM_OK)
			rc = index_units(pr->r[k], &pr->p[k], arr[k], &ids[k]);
	}
	for (k = BEFORE; k <= AFTER && rc == SEMM_OK; k++)
		rc = missing_unit(c, pr, k, arr[k], &ids[!k], type, group);
	if (rc == SEMM_OK)
		rc = list_items(pr->r[AFTER], arr[AFTER], &after_at);
	cJSON_ArrayForEach(u, arr[BEFORE]) {
		if (rc < 0)
			break;
		id = unit_id(u);
		semm__strmap_get(&ids[AFTER], id, strlen(id), &at);
		pr->obj[BEFORE] = u;
		pr->obj[AFTER] = after_at[at];
		semm__jpath_index(&pr->p[BEFORE], i++);
		semm__jpath_index(&pr->p[AFTER], at);
		rc = add_unit(c, pr, group, type);
		semm__jpath_pop(&pr->p[BEFORE]);
		semm__jpath_pop(&pr->p[AFTER]);
	}
	for (k = BEFORE; k <= AFTER; k++) {
		semm__jpath_pop(&pr->p[k]);
		pr->obj[k] = parent[k];
		semm__strmap_free(&ids[k]);
	}
	free((void *)after_at);
	return rc;
}

static int pair_group(semm_compare *c, const reader *r, size_t ib, size_t ia)
{
	pair pr;
	const cJSON *g[2];
	const char *group = NULL;
	int k, rc;

	memset(&pr, 0, sizeof(pr));
	g[BEFORE] = r[BEFORE].group_at[ib];
	g[AFTER] = r[AFTER].group_at[ia];
	for (k = BEFORE; k <= AFTER; k++) {
		pr.r[k] = &r[k];
		semm__jpath_key(&pr.p[k], "groups");
		semm__jpath_index(&pr.p[k], k == BEFORE ? ib : ia);
	}
	rc = get_id(c, &r[BEFORE], &pr.p[BEFORE], g[BEFORE], "id", &group);
	for (k = BEFORE; k <= AFTER && rc == SEMM_OK; k++)
		rc = get_object(&r[k], &pr.p[k], g[k], "overall", &pr.obj[k]);
	for (k = BEFORE; k <= AFTER; k++)
		semm__jpath_key(&pr.p[k], "overall");
	if (rc == SEMM_OK)
		rc = add_unit(c, &pr, group, "overall");
	for (k = BEFORE; k <= AFTER; k++) {
		semm__jpath_pop(&pr.p[k]);
		pr.obj[k] = g[k];
	}
	if (rc == SEMM_OK)
		rc = pair_units(c, &pr, group, "dimensions", "dimension");
	if (rc == SEMM_OK)
		rc = pair_units(c, &pr, group, "elements", "element");
	if (rc == SEMM_OK)
		c->n_groups++;
	return rc;
}

/* Pairs the groups by id, in the order of the before report, and lists
 * the groups of one side only. */
static int pair_groups(semm_compare *c, const reader *r)
{
	const cJSON *g;
	const char *id;
	size_t i, at;
	int k, rc = SEMM_OK;

	for (k = BEFORE; k <= AFTER && rc == SEMM_OK; k++) {
		i = 0;
		cJSON_ArrayForEach(g, r[k].groups) {
			id = unit_id(g);
			if (semm__strmap_get(&r[!k].ids, id, strlen(id), &at)) {
				if (k == BEFORE)
					rc = pair_group(c, r, i, at);
			} else {
				id = keep(c, id, &rc);
				if (rc == SEMM_OK)
					rc = push_ptr(&c->unmatched[k],
						      &c->n_unmatched[k], id);
				if (rc == SEMM_ENOMEM)
					rc = oom(&r[k]);
			}
			if (rc < 0)
				break;
			i++;
		}
	}
	return rc;
}

int semm_compare_from_buffers(semm_compare **out, const char *before,
			      size_t before_len, const char *before_name,
			      const char *after, size_t after_len,
			      const char *after_name, semm_error *err)
{
	reader r[2];
	semm_compare *c = NULL;
	int k, rc;

	if (!out || (!before && before_len) || (!after && after_len))
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "semm_compare_from_buffers: missing "
				  "argument");
	*out = NULL;
	memset(r, 0, sizeof(r));
	r[BEFORE].d = (semm__jdoc){ before ? before : "", before_len,
				    before_name ? before_name : "<before>",
				    err, NULL };
	r[AFTER].d = (semm__jdoc){ after ? after : "", after_len,
				   after_name ? after_name : "<after>", err,
				   NULL };
	c = calloc(1, sizeof(*c));
	rc = c ? SEMM_OK : semm__fail(err, SEMM_ENOMEM, NULL, 0, 0,
				      "out of memory");
	for (k = BEFORE; k <= AFTER && rc == SEMM_OK; k++)
		rc = open_report(c, &r[k], &c->side[k]);
	if (rc == SEMM_OK)
		rc = check_same_model(&r[AFTER], &c->side[BEFORE],
				      &c->side[AFTER]);
	if (rc == SEMM_OK && collect_warnings(c) < 0)
		rc = oom(&r[BEFORE]);
	if (rc == SEMM_OK)
		rc = pair_groups(c, r);
	for (k = BEFORE; k <= AFTER; k++) {
		cJSON_Delete(r[k].root);
		semm__strmap_free(&r[k].ids);
		free((void *)r[k].group_at);
	}
	if (rc < 0) {
		semm_compare_free(c);
		return rc;
	}
	*out = c;
	return SEMM_OK;
}

int semm_compare_from_files(semm_compare **out, const char *before_path,
			    const char *after_path, semm_error *err)
{
	char *text[2] = { NULL, NULL };
	size_t len[2] = { 0, 0 };
	int rc;

	if (!out || !before_path || !after_path)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "semm_compare_from_files: missing argument");
	*out = NULL;
	rc = semm__read_file(before_path, &text[BEFORE], &len[BEFORE], err);
	if (rc == SEMM_OK)
		rc = semm__read_file(after_path, &text[AFTER], &len[AFTER],
				     err);
	if (rc == SEMM_OK)
		rc = semm_compare_from_buffers(out, text[BEFORE], len[BEFORE],
					       before_path, text[AFTER],
					       len[AFTER], after_path, err);
	free(text[BEFORE]);
	free(text[AFTER]);
	return rc;
}

/* ---- accessors ---------------------------------------------------------- */

size_t semm_compare_unit_count(const semm_compare *c)
{
	return c ? c->n_units : 0;
}

const semm_compare_unit *semm_compare_unit_at(const semm_compare *c,
					      size_t i)
{
	return c && i < c->n_units ? &c->units[i] : NULL;
}

size_t semm_compare_group_count(const semm_compare *c)
{
	return c ? c->n_groups : 0;
}

size_t semm_compare_unmatched_count(const semm_compare *c, int after)
{
	return c ? c->n_unmatched[after ? AFTER : BEFORE] : 0;
}

const char *semm_compare_unmatched(const semm_compare *c, int after,
				   size_t i)
{
	int k = after ? AFTER : BEFORE;

	return c && i < c->n_unmatched[k] ? c->unmatched[k][i] : NULL;
}

size_t semm_compare_warning_count(const semm_compare *c)
{
	return c ? c->n_warnings : 0;
}

const char *semm_compare_warning(const semm_compare *c, size_t i)
{
	return c && i < c->n_warnings ? c->warnings[i] : NULL;
}

size_t semm_compare_verdict_count(const semm_compare *c, semm_verdict v)
{
	size_t i, n = 0;

	for (i = 0; c && i < c->n_units; i++)
		n += c->units[i].verdict == v;
	return n;
}

const char *semm_verdict_name(semm_verdict v)
{
	switch (v) {
	case SEMM_VERDICT_IMPROVEMENT: return "improvement";
	case SEMM_VERDICT_DECLINE: return "decline";
	case SEMM_VERDICT_WITHIN_NOISE: return "within noise";
	case SEMM_VERDICT_INSUFFICIENT: return "insufficient data";
	}
	return "?";
}

const char *semm_level_change_name(semm_level_change c)
{
	switch (c) {
	case SEMM_LEVEL_SAME: return "same";
	case SEMM_LEVEL_UP: return "up";
	case SEMM_LEVEL_DOWN: return "down";
	case SEMM_LEVEL_UNKNOWN: return NULL;
	}
	return NULL;
}

/* ---- compare.json ------------------------------------------------------- */

static void json_side_info(semm__jw *w, const side_info *s, const char *key)
{
	size_t i;

	semm__jw_open(w, key, '{');
	semm__jw_string(w, "source", s->source);
	semm__jw_open(w, "engine", '{');
	semm__jw_string(w, "name", s->engine_name);
	semm__jw_string(w, "version", s->engine_version);
	semm__jw_close(w, '}');
	semm__jw_open(w, "model", '{');
	semm__jw_string(w, "id", s->model_id);
	semm__jw_string(w, "version", s->model_version);
	semm__jw_string(w, "title", s->model_title);
	semm__jw_close(w, '}');
	semm__jw_open(w, "questionnaire", '{');
	semm__jw_string(w, "id", s->q_id);
	semm__jw_string(w, "version", s->q_version);
	semm__jw_close(w, '}');
	semm__jw_string(w, "group_by", s->group_by);
	semm__jw_open(w, "inputs", '[');
	for (i = 0; i < s->n_inputs; i++)
		semm__jw_string(w, NULL, s->inputs[i]);
	semm__jw_close(w, ']');
	semm__jw_open(w, "respondents", '{');
	semm__jw_size(w, "read", s->read);
	semm__jw_size(w, "scored", s->scored);
	semm__jw_size(w, "rejected", s->rejected);
	semm__jw_close(w, '}');
	semm__jw_close(w, '}');
}

static void json_side(semm__jw *w, const char *key,
		      const semm_compare_side *s)
{
	semm__jw_open(w, key, '{');
	semm__jw_size(w, "n", s->n);
	semm__jw_number(w, "mean", s->mean);
	semm__jw_number(w, "sd", s->sd);
	semm__jw_number(w, "percent", s->percent);
	if (s->has_level)
		semm__jw_number(w, "level", (double)s->level);
	else
		semm__jw_null(w, "level");
	semm__jw_string(w, "level_name", s->level_name);
	semm__jw_close(w, '}');
}

static void json_unit(semm__jw *w, const char *key,
		      const semm_compare_unit *u)
{
	semm__jw_open(w, key, '{');
	if (strcmp(u->type, "overall") != 0) {
		semm__jw_string(w, "id", u->id);
		semm__jw_string(w, "name", u->name);
	}
	if (strcmp(u->type, "element") == 0)
		semm__jw_string(w, "dimension", u->dimension);
	json_side(w, "before", &u->before);
	json_side(w, "after", &u->after);
	semm__jw_open(w, "difference", '{');
	semm__jw_number(w, "mean", u->diff.diff);
	semm__jw_number(w, "se", u->diff.se);
	semm__jw_number(w, "df", u->diff.df);
	semm__write_pair(w, "ci95", u->diff.ci_lo, u->diff.ci_hi);
	semm__jw_number(w, "percent_points", u->percent_points);
	semm__jw_close(w, '}');
	semm__jw_string(w, "verdict", semm_verdict_name(u->verdict));
	semm__jw_string(w, "reason", u->reason);
	semm__jw_string(w, "level_change",
			semm_level_change_name(u->level_change));
	semm__jw_close(w, '}');
}

/* Writes the units of one group from *i on; leaves *i at the next. */
static void json_group(semm__jw *w, const semm_compare *c, size_t *i)
{
	const char *group = c->units[*i].group;
	const char *kinds[2][2] = { { "dimensions", "dimension" },
				    { "elements", "element" } };
	size_t k;

	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "id", group);
	json_unit(w, "overall", &c->units[(*i)++]);
	for (k = 0; k < 2; k++) {
		semm__jw_open(w, kinds[k][0], '[');
		while (*i < c->n_units && c->units[*i].group == group &&
		       strcmp(c->units[*i].type, kinds[k][1]) == 0)
			json_unit(w, NULL, &c->units[(*i)++]);
		semm__jw_close(w, ']');
	}
	semm__jw_close(w, '}');
}

static void json_methods(semm__jw *w)
{
	semm__jw_open(w, "methods", '{');
	semm__jw_string(w, "difference",
			"mean of the after report minus mean of the before "
			"report, for the same group and unit");
	semm__jw_string(w, "interval",
			"Welch: se = sqrt(sd1^2/n1 + sd2^2/n2), df = se^4 / "
			"((sd1^2/n1)^2/(n1-1) + (sd2^2/n2)^2/(n2-1)), "
			"difference -/+ t(0.975, df) * se");
	semm__jw_number(w, "level", SEMM_COMPARE_LEVEL);
	semm__jw_string(w, "verdict",
			"improvement when the interval is entirely above 0, "
			"decline when entirely below 0, within noise "
			"otherwise; insufficient data when a side has fewer "
			"than 2 scores, a figure is missing or neither side "
			"varies");
	semm__jw_string(w, "percent_points",
			"percent of the after report minus percent of the "
			"before report");
	semm__jw_string(w, "level_change",
			"up, down or same: the after level against the "
			"before level; null when a side has no level");
	semm__jw_close(w, '}');
}

int semm_compare_write_json(const semm_compare *c, FILE *fp)
{
	semm__jw w = { 0 };
	size_t i;
	int k;

	if (!c || !fp)
		return SEMM_EARG;
	w.fp = fp;
	semm__jw_open(&w, NULL, '{');
	semm__jw_string(&w, "format", COMPARE_FORMAT);
	semm__jw_open(&w, "engine", '{');
	semm__jw_string(&w, "name", "semm");
	semm__jw_string(&w, "version", SEMM_VERSION_STRING);
	semm__jw_close(&w, '}');
	semm__jw_open(&w, "model", '{');
	semm__jw_string(&w, "id", c->side[AFTER].model_id);
	semm__jw_string(&w, "version", c->side[AFTER].model_version);
	semm__jw_string(&w, "title", c->side[AFTER].model_title);
	semm__jw_close(&w, '}');
	for (k = BEFORE; k <= AFTER; k++)
		json_side_info(&w, &c->side[k], side_key[k]);
	semm__jw_open(&w, "warnings", '[');
	for (i = 0; i < c->n_warnings; i++)
		semm__jw_string(&w, NULL, c->warnings[i]);
	semm__jw_close(&w, ']');
	semm__jw_open(&w, "unmatched", '{');
	for (k = BEFORE; k <= AFTER; k++) {
		semm__jw_open(&w, side_key[k], '[');
		for (i = 0; i < c->n_unmatched[k]; i++)
			semm__jw_string(&w, NULL, c->unmatched[k][i]);
		semm__jw_close(&w, ']');
	}
	semm__jw_close(&w, '}');
	semm__jw_open(&w, "groups", '[');
	for (i = 0; i < c->n_units;)
		json_group(&w, c, &i);
	semm__jw_close(&w, ']');
	json_methods(&w);
	semm__jw_close(&w, '}');
	return w.failed || ferror(fp) ? SEMM_EIO : SEMM_OK;
}

/* ---- compare.csv -------------------------------------------------------- */

static void csv_number(FILE *fp, double v)
{
	char buf[64];

	semm__format_number(v, buf, sizeof(buf));
	fputc(',', fp);
	fputs(buf, fp);
}

static void csv_side(FILE *fp, const semm_compare_side *s)
{
	fprintf(fp, ",%zu", s->n);
	csv_number(fp, s->mean);
	csv_number(fp, s->sd);
	csv_number(fp, s->percent);
	fputc(',', fp);
	if (s->has_level)
		fprintf(fp, "%d", s->level);
	fputc(',', fp);
	semm__csv_text(fp, s->level_name);
}

int semm_compare_write_csv(const semm_compare *c, FILE *fp)
{
	const semm_compare_unit *u;
	const char *change;
	size_t i;

	if (!c || !fp)
		return SEMM_EARG;
	fputs("group,unit_type,unit_id,unit_name,"
	      "before_n,before_mean,before_sd,before_percent,before_level,"
	      "before_level_name,after_n,after_mean,after_sd,after_percent,"
	      "after_level,after_level_name,diff,se,df,ci95_lo,ci95_hi,"
	      "percent_points,verdict,level_change,reason\n", fp);
	for (i = 0; i < c->n_units; i++) {
		u = &c->units[i];
		semm__csv_text(fp, u->group);
		fprintf(fp, ",%s,", u->type);
		semm__csv_text(fp, u->id);
		fputc(',', fp);
		semm__csv_text(fp, u->name);
		csv_side(fp, &u->before);
		csv_side(fp, &u->after);
		csv_number(fp, u->diff.diff);
		csv_number(fp, u->diff.se);
		csv_number(fp, u->diff.df);
		csv_number(fp, u->diff.ci_lo);
		csv_number(fp, u->diff.ci_hi);
		csv_number(fp, u->percent_points);
		fprintf(fp, ",%s,", semm_verdict_name(u->verdict));
		change = semm_level_change_name(u->level_change);
		fputs(change ? change : "", fp);
		fputc(',', fp);
		semm__csv_text(fp, u->reason);
		fputc('\n', fp);
	}
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

/* ---- compare.html ------------------------------------------------------- */

/* Writes s as HTML text: markup characters escaped, invalid UTF-8 and
 * control characters replaced by U+FFFD. */
static void html_text(FILE *fp, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t n = strlen((const char *)s), len;

	while (n > 0) {
		len = semm__utf8_len(s, n);
		if (len == 0 || (*s < 0x20 && *s != '\t' && *s != '\n') ||
		    *s == 0x7f) {
			fputs("&#xfffd;", fp);
			len = len ? len : 1;
		} else if (*s == '&') {
			fputs("&amp;", fp);
		} else if (*s == '<') {
			fputs("&lt;", fp);
		} else if (*s == '>') {
			fputs("&gt;", fp);
		} else if (*s == '"') {
			fputs("&quot;", fp);
		} else if (*s == '\'') {
			fputs("&#39;", fp);
		} else {
			fwrite(s, 1, len, fp);
		}
		s += len;
		n -= len;
	}
}

/* A number with a fixed count of decimals (a dash when missing); with
 * `sign`, positive values get a "+". Rounding to zero never shows "-0". */
static void html_fixed(FILE *fp, double v, int decimals, int sign)
{
	char buf[64];
	const char *digits;

	if (isnan(v) || isinf(v)) {
		fputs("&ndash;", fp);
		return;
	}
	snprintf(buf, sizeof(buf), sign ? "%+.*f" : "%.*f", decimals, v);
	digits = buf + strspn(buf, "+-");
	if (strspn(digits, "0.") == strlen(digits)) {
		fputs(digits, fp);
		return;
	}
	if (buf[0] == '-')
		fputs("&minus;", fp);
	else if (buf[0] == '+')
		fputc('+', fp);
	fputs(digits, fp);
}

static void html_level(FILE *fp, const semm_compare_side *s)
{
	if (!s->has_level) {
		fputs("&ndash;", fp);
		return;
	}
	fprintf(fp, "%d", s->level);
	if (s->level_name) {
		fputc(' ', fp);
		html_text(fp, s->level_name);
	}
}

static void html_side_cells(FILE *fp, const semm_compare_side *s)
{
	fprintf(fp, "<td class=\"num\">%zu</td><td class=\"num\">", s->n);
	html_fixed(fp, s->mean, 2, 0);
	fputs("</td><td class=\"num\">", fp);
	html_fixed(fp, s->sd, 2, 0);
	fputs("</td><td>", fp);
	html_level(fp, s);
	fputs("</td>", fp);
}

static const char *verdict_class(semm_verdict v)
{
	switch (v) {
	case SEMM_VERDICT_IMPROVEMENT: return "up";
	case SEMM_VERDICT_DECLINE: return "down";
	case SEMM_VERDICT_WITHIN_NOISE: return "noise";
	case SEMM_VERDICT_INSUFFICIENT: return "none";
	}
	return "none";
}

static void html_row(FILE *fp, const semm_compare_unit *u)
{
	const char *change = semm_level_change_name(u->level_change);

	fprintf(fp, "<tr class=\"%s\"><th scope=\"row\">", u->type);
	if (strcmp(u->type, "overall") != 0) {
		html_text(fp, u->id);
		fputc(' ', fp);
	}
	html_text(fp, u->name);
	fputs("</th>", fp);
	html_side_cells(fp, &u->before);
	html_side_cells(fp, &u->after);
	fputs("<td class=\"num\">", fp);
	html_fixed(fp, u->diff.diff, 2, 1);
	fputs("</td><td class=\"num\">", fp);
	if (isnan(u->diff.ci_lo)) {
		fputs("&ndash;", fp);
	} else {
		fputc('[', fp);
		html_fixed(fp, u->diff.ci_lo, 2, 1);
		fputs(", ", fp);
		html_fixed(fp, u->diff.ci_hi, 2, 1);
		fputc(']', fp);
	}
	fputs("</td><td class=\"num\">", fp);
	html_fixed(fp, u->percent_points, 1, 1);
	fprintf(fp, "</td><td class=\"verdict %s\">%s",
		verdict_class(u->verdict), semm_verdict_name(u->verdict));
	if (u->reason) {
		fputs(" <small>(", fp);
		html_text(fp, u->reason);
		fputs(")</small>", fp);
	}
	fprintf(fp, "</td><td>%s</td></tr>\n", change ? change : "&ndash;");
}

static const char html_head[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"en\">\n"
	"<head>\n"
	"<meta charset=\"utf-8\">\n"
	"<title>semm comparison</title>\n"
	"<style>\n"
	"body { font-family: sans-serif; margin: 2em; color: #222; }\n"
	"table { border-collapse: collapse; margin-bottom: 2em; }\n"
	"th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; "
	"text-align: left; vertical-align: top; }\n"
	"thead th { background: #eee; }\n"
	"td.num { text-align: right; white-space: nowrap; }\n"
	"tr.overall th, tr.overall td { font-weight: bold; }\n"
	"tr.element th { padding-left: 1.5em; font-weight: normal; }\n"
	"td.verdict { white-space: nowrap; }\n"
	"td.verdict.up { background: #d8f0d8; }\n"
	"td.verdict.down { background: #f6d6d6; }\n"
	"td.verdict.noise { background: #f2f2f2; }\n"
	"td.verdict.none { font-style: italic; }\n"
	"</style>\n"
	"</head>\n"
	"<body>\n";

static const char html_columns[] =
	"<thead><tr><th scope=\"col\">Unit</th>"
	"<th scope=\"col\">n before</th><th scope=\"col\">Mean before</th>"
	"<th scope=\"col\">SD before</th><th scope=\"col\">Level before</th>"
	"<th scope=\"col\">n after</th><th scope=\"col\">Mean after</th>"
	"<th scope=\"col\">SD after</th><th scope=\"col\">Level after</th>"
	"<th scope=\"col\">Difference</th>"
	"<th scope=\"col\">95&nbsp;% interval</th>"
	"<th scope=\"col\">Percent points</th>"
	"<th scope=\"col\">Verdict</th><th scope=\"col\">Level</th>"
	"</tr></thead>\n";

static void html_info_row(FILE *fp, const char *label, const char *b,
			  const char *a)
{
	fprintf(fp, "<tr><th scope=\"row\">%s</th><td>", label);
	html_text(fp, b);
	fputs("</td><td>", fp);
	html_text(fp, a);
	fputs("</td></tr>\n", fp);
}

static void html_inputs(FILE *fp, const side_info *s)
{
	size_t i;

	fputs("<td>", fp);
	for (i = 0; i < s->n_inputs; i++) {
		if (i > 0)
			fputs("<br>", fp);
		html_text(fp, s->inputs[i]);
	}
	fputs("</td>", fp);
}

static void html_info(FILE *fp, const semm_compare *c)
{
	const side_info *b = &c->side[BEFORE], *a = &c->side[AFTER];
	int k;

	fputs("<table class=\"info\">\n<thead><tr><th></th>"
	      "<th scope=\"col\">Before</th><th scope=\"col\">After</th>"
	      "</tr></thead>\n<tbody>\n", fp);
	html_info_row(fp, "Report", b->source, a->source);
	html_info_row(fp, "Questionnaire", b->q_id, a->q_id);
	html_info_row(fp, "Questionnaire version", b->q_version, a->q_version);
	html_info_row(fp, "Groups by",
		      b->group_by ? b->group_by : "(one group)",
		      a->group_by ? a->group_by : "(one group)");
	fputs("<tr><th scope=\"row\">Inputs</th>", fp);
	html_inputs(fp, b);
	html_inputs(fp, a);
	fputs("</tr>\n<tr><th scope=\"row\">Respondents scored</th>", fp);
	for (k = BEFORE; k <= AFTER; k++)
		fprintf(fp, "<td>%zu of %zu read</td>", c->side[k].scored,
			c->side[k].read);
	fputs("</tr>\n", fp);
	html_info_row(fp, "Engine version", b->engine_version,
		      a->engine_version);
	fputs("</tbody>\n</table>\n", fp);
}

static void html_list(FILE *fp, const char *title, const char *const *s,
		      size_t n)
{
	size_t i;

	if (n == 0)
		return;
	fprintf(fp, "<h2>%s</h2>\n<ul>\n", title);
	for (i = 0; i < n; i++) {
		fputs("<li>", fp);
		html_text(fp, s[i]);
		fputs("</li>\n", fp);
	}
	fputs("</ul>\n", fp);
}

int semm_compare_write_html(const semm_compare *c, FILE *fp)
{
	const char *group = NULL;
	size_t i;

	if (!c || !fp)
		return SEMM_EARG;
	fputs(html_head, fp);
	fputs("<h1>Comparison of two assessments</h1>\n<p>Model ", fp);
	html_text(fp, c->side[AFTER].model_title ? c->side[AFTER].model_title
						 : c->side[AFTER].model_id);
	fputs(" (", fp);
	html_text(fp, c->side[AFTER].model_id);
	fputc(' ', fp);
	html_text(fp, c->side[AFTER].model_version);
	fputs("). Each difference is the after mean minus the before mean, "
	      "with its 95&nbsp;% Welch confidence interval. The verdict is "
	      "<em>improvement</em> when the interval lies entirely above 0, "
	      "<em>decline</em> when it lies entirely below 0 and "
	      "<em>within noise</em> otherwise.</p>\n", fp);
	html_info(fp, c);
	html_list(fp, "Warnings", c->warnings, c->n_warnings);
	html_list(fp, "Groups only in the before report",
		  c->unmatched[BEFORE], c->n_unmatched[BEFORE]);
	html_list(fp, "Groups only in the after report",
		  c->unmatched[AFTER], c->n_unmatched[AFTER]);
	for (i = 0; i < c->n_units; i++) {
		if (c->units[i].group != group) {
			if (group)
				fputs("</tbody>\n</table>\n", fp);
			group = c->units[i].group;
			fputs("<h2>Group: ", fp);
			html_text(fp, group);
			fprintf(fp, "</h2>\n<table>\n%s<tbody>\n",
				html_columns);
		}
		html_row(fp, &c->units[i]);
	}
	if (group)
		fputs("</tbody>\n</table>\n", fp);
	fputs("</body>\n</html>\n", fp);
	return ferror(fp) ? SEMM_EIO : SEMM_OK;
}

/* ---- writing a folder safely -------------------------------------------- */

#define N_FILES 3

typedef int (*writer_fn)(const semm_compare *, FILE *);

static const char *const file_names[N_FILES] = { "compare.json",
						  "compare.csv",
						  "compare.html" };
static const writer_fn file_writers[N_FILES] = { semm_compare_write_json,
						 semm_compare_write_csv,
						 semm_compare_write_html };
static const unsigned file_flags[N_FILES] = { SEMM_COMPARE_JSON,
					      SEMM_COMPARE_CSV,
					      SEMM_COMPARE_HTML };

/* A file on its way into place: the finished temporary file, its place
 * and a hard link keeping the file it replaces until all are placed. */
typedef struct swap {
	char *tmp;
	char *path;
	char *backup;
	int placed;
} swap;

static char *join(const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;
	char *path = malloc(len);

	if (path)
		snprintf(path, len, "%s/%s", dir, name);
	return path;
}

static mode_t current_umask(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return mask;
}

/* Writes file k of c to a new temporary file in dir (sw->tmp). */
static int write_temp(const semm_compare *c, const char *dir, size_t k,
		      swap *sw, semm_error *err)
{
	char pattern[64];
	FILE *fp;
	int fd, rc;

	snprintf(pattern, sizeof(pattern), ".%s.XXXXXX", file_names[k]);
	sw->tmp = join(dir, pattern);
	if (!sw->tmp)
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	fd = mkstemp(sw->tmp);
	if (fd < 0) {
		rc = semm__fail(err, SEMM_EIO, dir, 0, 0,
				"cannot create a file in the output folder: %s",
				strerror(errno));
		free(sw->tmp);
		sw->tmp = NULL;
		return rc;
	}
	/* mkstemp creates the file private (0600); the files get the mode a
	 * new file would get from the process's umask. */
	fp = fchmod(fd, 0666 & ~current_umask()) == 0 ? fdopen(fd, "w") : NULL;
	if (!fp) {
		rc = semm__fail(err, SEMM_EIO, sw->tmp, 0, 0, "%s",
				strerror(errno));
		close(fd);
		return rc;
	}
	rc = file_writers[k](c, fp);
	if (fflush(fp) != 0 || ferror(fp))
		rc = SEMM_EIO;
	if (fclose(fp) != 0)
		rc = SEMM_EIO;
	if (rc < 0)
		return semm__fail(err, rc, dir, 0, 0,
				  "writing %s failed (disk full?)",
				  file_names[k]);
	return SEMM_OK;
}

/* Keeps a link to the file being replaced, so that a failed swap can be
 * undone; refuses a place taken by something that is not a file. */
static int keep_old(const char *dir, size_t k, swap *sw, semm_error *err)
{
	char pattern[64];
	struct stat st;
	int fd;

	if (lstat(sw->path, &st) != 0)
		return errno == ENOENT ? SEMM_OK
				       : semm__fail(err, SEMM_EIO, sw->path, 0,
						    0, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return semm__fail(err, SEMM_EIO, sw->path, 0, 0,
				  "is not a regular file: cannot write the "
				  "comparison there");
	snprintf(pattern, sizeof(pattern), ".%s.old.XXXXXX", file_names[k]);
	sw->backup = join(dir, pattern);
	if (!sw->backup)
		return semm__fail(err, SEMM_ENOMEM, dir, 0, 0, "out of memory");
	fd = mkstemp(sw->backup);
	if (fd >= 0)
		close(fd);
	if (fd < 0 || unlink(sw->backup) != 0 ||
	    link(sw->path, sw->backup) != 0) {
		free(sw->backup);
		sw->backup = NULL;
		return semm__fail(err, SEMM_EIO, sw->path, 0, 0,
				  "cannot keep the previous file: %s",
				  strerror(errno));
	}
	return SEMM_OK;
}

/* Puts back what was there before a failed swap. */
static void undo(swap *sw)
{
	if (!sw->placed)
		return;
	if (sw->backup) {
		if (rename(sw->backup, sw->path) == 0) {
			free(sw->backup);
			sw->backup = NULL;
		}
	} else {
		unlink(sw->path);
	}
}

static void release(swap *sw)
{
	if (sw->tmp)
		unlink(sw->tmp);
	if (sw->backup)
		unlink(sw->backup);
	free(sw->tmp);
	free(sw->path);
	free(sw->backup);
}

int semm_compare_write_dir(const semm_compare *c, const char *dir,
			   unsigned formats, semm_error *err)
{
	swap sw[N_FILES];
	size_t k;
	int rc = SEMM_OK;

	if (!c || !dir || (formats & SEMM_COMPARE_ALL) == 0 ||
	    (formats & ~SEMM_COMPARE_ALL) != 0)
		return semm__fail(err, SEMM_EARG, dir, 0, 0,
				  "semm_compare_write_dir: no comparison, "
				  "folder or format");
	memset(sw, 0, sizeof(sw));
	for (k = 0; k < N_FILES && rc == SEMM_OK; k++) {
		if (!(formats & file_flags[k]))
			continue;
		sw[k].path = join(dir, file_names[k]);
		rc = sw[k].path ? write_temp(c, dir, k, &sw[k], err)
				: semm__fail(err, SEMM_ENOMEM, dir, 0, 0,
					     "out of memory");
	}
	for (k = 0; k < N_FILES && rc == SEMM_OK; k++)
		rc = sw[k].path ? keep_old(dir, k, &sw[k], err) : SEMM_OK;
	for (k = 0; k < N_FILES && rc == SEMM_OK; k++) {
		if (!sw[k].path)
			continue;
		if (rename(sw[k].tmp, sw[k].path) != 0) {
			rc = semm__fail(err, SEMM_EIO, sw[k].path, 0, 0,
					"cannot rename into place: %s",
					strerror(errno));
			break;
		}
		free(sw[k].tmp);
		sw[k].tmp = NULL;
		sw[k].placed = 1;
	}
	for (k = 0; rc < 0 && k < N_FILES; k++)
		undo(&sw[k]);
	for (k = 0; k < N_FILES; k++)
		release(&sw[k]);
	return rc;
}
