/*
 * compare.c - compares two reports of the same maturity model: reads two
 * report.json files ("semm-report/1") through the cJSON adapter, pairs
 * their groups by id and their units (overall, dimensions, elements) by
 * id, gives each pair the Welch difference of means with its interval, a
 * verdict and the change of level (compare_write.c writes the result).
 * It reads only what a report says; it knows nothing of models,
 * questionnaires or scoring.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "compare/compare_internal.h"

const char *const semm__compare_side_key[2] = { "before", "after" };

/* One report being read. */
typedef struct reader {
	semm__jdoc d;
	cJSON *root;
	const cJSON *groups;
	const cJSON **group_at; /* the groups, by index */
	semm__strmap ids;	/* group id -> index */
} reader;

/* ---- owned strings and growable arrays ---------------------------------- */

/* A copy of s owned by c (NULL stays NULL); sets *rc on failure. */
const char *semm__compare_keep(semm_compare *c, const char *s, int *rc)
{
	char *copy;

	if (!s || *rc < 0)
		return NULL;
	if (semm__grow_array((void **)&c->strs, &c->cap_strs, c->n_strs,
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
	semm__vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	s = semm__compare_keep(c, buf, &rc);
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
	semm__compare_ratings_free(c);
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
	*out = semm__compare_keep(c, v->valuestring, &rc);
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
static int list_items(const reader *r, const cJSON *arr, const cJSON ***out)
{
	const cJSON *v;
	size_t i = 0, n = (size_t)cJSON_GetArraySize(arr);

	*out = malloc((n ? n : 1) * sizeof(**out));
	if (!*out)
		return oom(r);
	cJSON_ArrayForEach(v, arr)(*out)[i++] = v;
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
	cJSON_ArrayForEach(v, arr)
	{
		if (rc < 0)
			break;
		semm__jpath_index(p, i++);
		if (!cJSON_IsString(v))
			rc = semm__jfail(&r->d, p, SEMM_ESCHEMA,
					 "expected a file name (a string)");
		text = semm__compare_keep(
			c, cJSON_IsString(v) ? v->valuestring : NULL, &rc);
		if (rc == SEMM_OK)
			rc = push_ptr(&s->inputs, &s->n_inputs, text);
		if (rc == SEMM_ENOMEM)
			rc = oom(r);
		semm__jpath_pop(p);
	}
	semm__jpath_pop(p);
	return rc;
}

/* scope.canonical (absent in reports from before scopes: the whole
 * model). */
static int read_scope(semm_compare *c, const reader *r, side_info *s)
{
	semm__jpath p = { 0 };
	const cJSON *scope;
	int rc;

	s->scope = NULL;
	if (!has(r->root, "scope"))
		return SEMM_OK;
	rc = get_object(r, &p, r->root, "scope", &scope);
	if (rc < 0)
		return rc;
	semm__jpath_key(&p, "scope");
	rc = get_text(c, r, &p, scope, "canonical", &s->scope);
	semm__jpath_pop(&p);
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
	rc = read_scope(c, r, s);
	if (rc < 0)
		return rc;
	semm__jpath_key(&p, "parameters");
	rc = read_inputs(c, r, &p, params, s);
	if (rc == SEMM_OK && has(params, "group_by"))
		rc = get_text(c, r, &p, params, "group_by", &s->group_by);
	if (rc == SEMM_OK && has(params, "lang"))
		rc = get_text(c, r, &p, params, "lang", &s->lang);
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
	cJSON_ArrayForEach(g, r->groups)
	{
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
	s->source = semm__compare_keep(c, r->d.source, &rc);
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
				   "same model can be compared",
				   a->model_id, b->model_id, b->source);
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

static int warn_number(semm_compare *c, unsigned kind, const char *what,
		       double x, double y)
{
	char bx[64], by[64];

	if (!numbers_differ(x, y))
		return SEMM_OK;
	c->warned |= 1u << kind;
	semm__format_number(x, bx, sizeof(bx));
	semm__format_number(y, by, sizeof(by));
	return add_warning(c,
			   "the reports were scored with different %s "
			   "(%s before, %s after): the scores are not "
			   "strictly comparable",
			   what, bx, by);
}

static int collect_warnings(semm_compare *c)
{
	const side_info *b = &c->side[BEFORE], *a = &c->side[AFTER];
	int rc = SEMM_OK;

	if (!same_text(b->q_id, a->q_id) ||
	    !same_text(b->q_version, a->q_version)) {
		c->warned |= 1u << CW_QUESTIONNAIRE;
		rc = add_warning(c,
				 "the reports use different questionnaires "
				 "(%.100s %.50s before, %.100s %.50s "
				 "after): their items differ, their "
				 "elements and dimensions compare",
				 b->q_id, b->q_version ? b->q_version : "",
				 a->q_id, a->q_version ? a->q_version : "");
	}
	if (rc == SEMM_OK && !same_text(b->group_by, a->group_by)) {
		c->warned |= 1u << CW_GROUPING;
		rc = add_warning(c,
				 "the groups are formed differently (%.100s "
				 "before, %.100s after): groups with the "
				 "same id may not be the same people",
				 b->group_by ? b->group_by : "one group",
				 a->group_by ? a->group_by : "one group");
		if (rc == SEMM_OK && !same_text(b->scope, a->scope))
			rc = add_warning(
				c,
				"the reports assess different scopes (%.200s "
				"before, %.200s after): the overall and "
				"dimension scores cover different elements; "
				"compare only the units both assessed (the "
				"others have no score on one side)",
				b->scope ? b->scope : "the whole model",
				a->scope ? a->scope : "the whole model");
	}
	if (rc == SEMM_OK && b->na_policy && a->na_policy &&
	    strcmp(b->na_policy, a->na_policy) != 0) {
		c->warned |= 1u << CW_NA_POLICY;
		rc = add_warning(c,
				 "the reports were scored with different "
				 "N/A policies (%.50s before, %.50s after): "
				 "the scores are not strictly comparable",
				 b->na_policy, a->na_policy);
	}
	if (rc == SEMM_OK)
		rc = warn_number(c, CW_NA_ANCHOR, "N/A anchors", b->na_anchor,
				 a->na_anchor);
	if (rc == SEMM_OK)
		rc = warn_number(c, CW_COVERAGE, "coverage minimums",
				 b->coverage_min, a->coverage_min);
	if (rc == SEMM_OK && (numbers_differ(b->smin, a->smin) ||
			      numbers_differ(b->smax, a->smax))) {
		c->warned |= 1u << CW_SCALE;
		rc = add_warning(c,
				 "the score scales differ (%g..%g before, "
				 "%g..%g after): differences of means mix "
				 "scales, compare the percent points",
				 b->smin, b->smax, a->smin, a->smax);
	}
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
		rc = bad_member(r, p, "sd",
				"a standard deviation cannot be "
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
	int rc = semm__grow_array((void **)&c->units, &c->cap_units, c->n_units,
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

	cJSON_ArrayForEach(u, arr)
	{
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
					 "index %zu)",
					 id, first);
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

	cJSON_ArrayForEach(u, arr)
	{
		id = unit_id(u);
		if (!semm__strmap_get(ids, id, strlen(id), &at)) {
			semm__jpath_index(&pr->p[k], i);
			rc = semm__jfail(&pr->r[k]->d, &pr->p[k], SEMM_EINVALID,
					 "group \"%.100s\": %s \"%.100s\" is "
					 "not in %.200s, though both reports "
					 "are of the same model version",
					 group, type, id, c->side[!k].source);
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
	cJSON_ArrayForEach(u, arr[BEFORE])
	{
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
		cJSON_ArrayForEach(g, r[k].groups)
		{
			id = unit_id(g);
			if (semm__strmap_get(&r[!k].ids, id, strlen(id), &at)) {
				if (k == BEFORE)
					rc = pair_group(c, r, i, at);
			} else {
				id = semm__compare_keep(c, id, &rc);
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
				    before_name ? before_name : "<before>", err,
				    NULL };
	r[AFTER].d =
		(semm__jdoc){ after ? after : "", after_len,
			      after_name ? after_name : "<after>", err, NULL };
	c = calloc(1, sizeof(*c));
	rc = c ? SEMM_OK
	       : semm__fail(err, SEMM_ENOMEM, NULL, 0, 0, "out of memory");
	for (k = BEFORE; k <= AFTER && rc == SEMM_OK; k++)
		rc = open_report(c, &r[k], &c->side[k]);
	if (rc == SEMM_OK)
		rc = check_same_model(&r[AFTER], &c->side[BEFORE],
				      &c->side[AFTER]);
	if (rc == SEMM_OK && collect_warnings(c) < 0)
		rc = oom(&r[BEFORE]);
	if (rc == SEMM_OK)
		rc = pair_groups(c, r);
	if (rc == SEMM_OK)
		rc = semm__compare_ratings(c, &r[BEFORE].d, r[BEFORE].root,
					   &r[AFTER].d, r[AFTER].root);
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

const semm_compare_unit *semm_compare_unit_at(const semm_compare *c, size_t i)
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

const char *semm_compare_unmatched(const semm_compare *c, int after, size_t i)
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

int semm_compare_set_lang(semm_compare *c, const char *code, semm_error *err)
{
	semm__lang l;

	if (!c)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "semm_compare_set_lang: no comparison");
	if (!code) {
		c->has_lang = 0;
		return SEMM_OK;
	}
	if (semm__lang_find(code, &l) < 0)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "language \"%.50s\": semm writes reports in "
				  "%s only",
				  code, semm__lang_list());
	c->lang = l;
	c->has_lang = 1;
	return SEMM_OK;
}

semm__lang semm__compare_lang(const semm_compare *c)
{
	semm__lang b, a;

	if (c->has_lang)
		return c->lang;
	if (semm__lang_find(c->side[BEFORE].lang, &b) == 0 &&
	    semm__lang_find(c->side[AFTER].lang, &a) == 0 && a == b)
		return a;
	return SEMM__LANG_EN;
}

const char *semm_compare_lang(const semm_compare *c)
{
	return c ? semm__lang_code(semm__compare_lang(c)) : NULL;
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
