/*
 * ratings.c - assessor ratings with evidence ("semm-ratings/1"), read
 * against a model: who assessed (assessors with a role), and for each
 * rated element a level of the model's scale or a percent, the evidence
 * seen, the documents it rests on and the date. A level stands for the
 * middle of its band when a percent is needed; a percent for the band
 * that holds it. Every problem names the file, line, column and JSON
 * path; nothing is dropped or guessed.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "defs/ratings.h"

static const char *const file_members[] = { "format",	    "model",
					    "organization", "assessors",
					    "ratings",	    NULL };
static const char *const assessor_members[] = { "id", "name", "role", NULL };
static const char *const rating_members[] = { "assessor", "element",
					      "level",	  "percent",
					      "evidence", "documents",
					      "date",	  NULL };

void semm_ratings_free(semm_ratings *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_assessors; i++) {
		free(r->assessors[i].id);
		free(r->assessors[i].name);
	}
	for (i = 0; i < r->n_ratings; i++) {
		free(r->ratings[i].evidence);
		semm__free_strings(r->ratings[i].documents,
				   r->ratings[i].n_documents);
		free(r->ratings[i].date);
	}
	free(r->assessors);
	free(r->ratings);
	free(r->cell);
	free(r->source);
	free(r->model_id);
	free(r->organization);
	free(r);
}

const char *semm_ratings_organization(const semm_ratings *r)
{
	return r ? r->organization : NULL;
}

const char *semm_ratings_model_id(const semm_ratings *r)
{
	return r ? r->model_id : NULL;
}

size_t semm_ratings_assessor_count(const semm_ratings *r)
{
	return r ? r->n_assessors : 0;
}

size_t semm_ratings_count(const semm_ratings *r)
{
	return r ? r->n_ratings : 0;
}

const semm__rating *semm__rating_at(const semm_ratings *r, size_t a, size_t e)
{
	size_t k;

	if (!r || a >= r->n_assessors || e >= r->n_elems)
		return NULL;
	k = r->cell[a * r->n_elems + e];
	return k == SIZE_MAX ? NULL : &r->ratings[k];
}

static int oom(const semm__jdoc *d)
{
	return semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
			  "out of memory");
}

/* Whether s is a calendar date YYYY-MM-DD (ISO 8601, Gregorian). */
static int valid_date(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	int y, m, dd, i, max;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || dd < 1)
		return 0;
	max = days[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return dd <= max;
}

/* A required string member that is not empty (after blanks). */
static int get_text(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		    const char *key, char **out)
{
	int rc = semm__jget_string(d, p, obj, key, 1, out);
	size_t n;

	if (rc < 0)
		return rc;
	n = strlen(*out);
	semm__trim(*out, &n);
	if (n == 0) {
		semm__jpath_key(p, key);
		rc = semm__jfail(d, p, SEMM_EINVALID, "must not be empty");
		semm__jpath_pop(p);
	}
	return rc;
}

static int parse_assessors(const semm__jdoc *d, semm__jpath *p,
			   const cJSON *root, semm_ratings *r)
{
	const cJSON *arr = NULL, *v;
	size_t i = 0, k;
	int rc = semm__jget_array(d, p, root, "assessors", 1, &arr);

	if (rc < 0)
		return rc;
	semm__jpath_key(p, "assessors");
	if (cJSON_GetArraySize(arr) == 0) {
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "name at least one assessor");
		if (rc < 0)
			return rc;
	}
	r->assessors = calloc((size_t)cJSON_GetArraySize(arr) + 1,
			      sizeof(*r->assessors));
	if (!r->assessors)
		return oom(d);
	cJSON_ArrayForEach(v, arr)
	{
		semm__assessor *a = &r->assessors[i];
		char *role = NULL;

		semm__jpath_index(p, i);
		if (!cJSON_IsObject(v))
			return semm__jfatal(d, p, SEMM_ESCHEMA,
					    "expected an assessor object");
		r->n_assessors = ++i;
		rc = semm__jcheck_members(d, p, v, assessor_members);
		if (rc == SEMM_OK)
			rc = get_text(d, p, v, "id", &a->id);
		if (rc == SEMM_OK)
			rc = get_text(d, p, v, "name", &a->name);
		if (rc == SEMM_OK)
			rc = semm__jget_string(d, p, v, "role", 1, &role);
		if (rc == SEMM_OK && strcmp(role, "internal") != 0 &&
		    strcmp(role, "external") != 0) {
			semm__jpath_key(p, "role");
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "role \"%.100s\" is neither "
					 "\"internal\" nor \"external\"",
					 role);
			semm__jpath_pop(p);
		}
		a->external = role && strcmp(role, "external") == 0;
		free(role);
		for (k = 0; rc == SEMM_OK && a->id && k + 1 < i; k++) {
			if (r->assessors[k].id &&
			    strcmp(r->assessors[k].id, a->id) == 0) {
				semm__jpath_key(p, "id");
				rc = semm__jfail(d, p, SEMM_EINVALID,
						 "assessor \"%.100s\" is "
						 "listed twice",
						 a->id);
				semm__jpath_pop(p);
			}
		}
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

static int find_assessor(const semm_ratings *r, const char *id, size_t *out)
{
	size_t i;

	for (i = 0; i < r->n_assessors; i++) {
		if (r->assessors[i].id && strcmp(r->assessors[i].id, id) == 0) {
			*out = i;
			return 1;
		}
	}
	return 0;
}

static int find_element(const semm_model *m, const char *id, size_t *out)
{
	size_t i;

	for (i = 0; i < m->n_elems; i++) {
		if (strcmp(m->elems[i].id, id) == 0) {
			*out = i;
			return 1;
		}
	}
	return 0;
}

/* The value of a rating: a level of the model, or a percent. */
static int rating_value(const semm__jdoc *d, semm__jpath *p, const cJSON *v,
			const semm_model *m, semm__rating *x)
{
	double level, percent;
	size_t b;
	int rc = semm__jget_number(d, p, v, "level", 0, NAN, &level);

	if (rc == SEMM_OK)
		rc = semm__jget_number(d, p, v, "percent", 0, NAN, &percent);
	if (rc < 0)
		return rc;
	if (isnan(level) == isnan(percent))
		return semm__jfail(d, p, SEMM_EINVALID,
				   "give either \"level\" or \"percent\"");
	if (!isnan(percent)) {
		if (!(percent >= 0.0 && percent <= 100.0)) {
			semm__jpath_key(p, "percent");
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "percent %g is outside 0..100",
					 percent);
			semm__jpath_pop(p);
			return rc;
		}
		x->percent = percent;
		x->band = semm__model_band(m, percent);
		return SEMM_OK;
	}
	for (b = 0; b < m->n_bands; b++) {
		if ((double)m->bands[b].level == level)
			break;
	}
	if (b == m->n_bands) {
		semm__jpath_key(p, "level");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "level %g is not a level of model %s (%d..%d)",
				 level, m->id, m->bands[0].level,
				 m->bands[m->n_bands - 1].level);
		semm__jpath_pop(p);
		return rc;
	}
	x->by_level = 1;
	x->band = (int)b;
	x->percent = (m->bands[b].min + m->bands[b].max) / 2.0;
	return SEMM_OK;
}

static int parse_rating(const semm__jdoc *d, semm__jpath *p, const cJSON *v,
			const semm_model *m, semm_ratings *r, semm__rating *x)
{
	char *who = NULL, *elem = NULL;
	unsigned long col;
	size_t *cell;
	int rc = semm__jcheck_members(d, p, v, rating_members);

	x->assessor = x->element = SIZE_MAX;
	semm__json_position(d, p, &x->line, &col);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, v, "assessor", 1, &who);
	if (rc == SEMM_OK && !find_assessor(r, who, &x->assessor)) {
		semm__jpath_key(p, "assessor");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "assessor \"%.100s\" is not among "
				 "\"assessors\"",
				 who);
		semm__jpath_pop(p);
	}
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, v, "element", 1, &elem);
	if (rc == SEMM_OK && !find_element(m, elem, &x->element)) {
		semm__jpath_key(p, "element");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "element \"%.100s\" is not in model %s", elem,
				 m->id);
		semm__jpath_pop(p);
	}
	if (rc == SEMM_OK)
		rc = rating_value(d, p, v, m, x);
	if (rc == SEMM_OK)
		rc = get_text(d, p, v, "evidence", &x->evidence);
	if (rc == SEMM_OK)
		rc = semm__jget_strings(d, p, v, "documents", &x->documents,
					&x->n_documents);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, v, "date", 1, &x->date);
	if (rc == SEMM_OK && !valid_date(x->date)) {
		semm__jpath_key(p, "date");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "\"%.40s\" is not a date YYYY-MM-DD", x->date);
		semm__jpath_pop(p);
	}
	if (rc == SEMM_OK && x->assessor != SIZE_MAX &&
	    x->element != SIZE_MAX) {
		cell = &r->cell[x->assessor * r->n_elems + x->element];
		if (*cell != SIZE_MAX)
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "assessor %.100s rates element %.100s "
					 "twice (first at line %lu)",
					 who, elem, r->ratings[*cell].line);
		else
			*cell = (size_t)(x - r->ratings);
	}
	free(who);
	free(elem);
	return rc;
}

static int parse_ratings(const semm__jdoc *d, semm__jpath *p, const cJSON *root,
			 const semm_model *m, semm_ratings *r)
{
	const cJSON *arr = NULL, *v;
	size_t i = 0, cells;
	int rc = semm__jget_array(d, p, root, "ratings", 1, &arr);

	if (rc < 0)
		return rc;
	r->n_elems = m->n_elems;
	cells = r->n_assessors * m->n_elems;
	r->cell = malloc((cells ? cells : 1) * sizeof(*r->cell));
	r->ratings = calloc((size_t)cJSON_GetArraySize(arr) + 1,
			    sizeof(*r->ratings));
	if (!r->cell || !r->ratings)
		return oom(d);
	for (i = 0; i < cells; i++)
		r->cell[i] = SIZE_MAX;
	semm__jpath_key(p, "ratings");
	if (cJSON_GetArraySize(arr) == 0) {
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "give at least one rating");
		if (rc < 0)
			return rc;
	}
	i = 0;
	cJSON_ArrayForEach(v, arr)
	{
		semm__jpath_index(p, i);
		if (!cJSON_IsObject(v))
			return semm__jfatal(d, p, SEMM_ESCHEMA,
					    "expected a rating object");
		r->n_ratings = ++i;
		rc = parse_rating(d, p, v, m, r, &r->ratings[i - 1]);
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

static int load(semm_ratings **out, const semm_model *model, semm__jdoc *d)
{
	semm__jpath p = { 0 };
	cJSON *root = NULL;
	semm_ratings *r;
	int rc;

	*out = NULL;
	if (!model)
		return semm__fail(d->err, SEMM_EARG, d->source, 0, 0,
				  "ratings are read against a model: none "
				  "given");
	r = calloc(1, sizeof(*r));
	if (!r)
		return oom(d);
	r->source = semm__strdup(d->source);
	rc = r->source ? semm__json_parse(d, &root) : oom(d);
	if (rc == SEMM_OK)
		rc = semm__json_check_format(d, root, "semm-ratings", 1);
	if (rc == SEMM_OK)
		rc = semm__jcheck_members(d, &p, root, file_members);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, &p, root, "model", 1, &r->model_id);
	if (rc == SEMM_OK && strcmp(r->model_id, model->id) != 0) {
		semm__jpath_key(&p, "model");
		rc = semm__jfail(d, &p, SEMM_EINVALID,
				 "the ratings are for model \"%.100s\", not "
				 "\"%.100s\"",
				 r->model_id, model->id);
		semm__jpath_pop(&p);
	}
	if (rc == SEMM_OK)
		rc = get_text(d, &p, root, "organization", &r->organization);
	if (rc == SEMM_OK)
		rc = parse_assessors(d, &p, root, r);
	if (rc == SEMM_OK)
		rc = parse_ratings(d, &p, root, model, r);
	if (rc == SEMM_OK)
		rc = semm__collected(d);
	cJSON_Delete(root);
	if (rc < 0) {
		semm_ratings_free(r);
		return rc;
	}
	*out = r;
	return SEMM_OK;
}

int semm_ratings_from_buffer(semm_ratings **out, const semm_model *model,
			     const char *data, size_t len, const char *source,
			     semm_error *err)
{
	semm__jdoc d = { data, len, source ? source : "<ratings>", err, NULL };

	return load(out, model, &d);
}

int semm_ratings_check(const char *data, size_t len, const char *source,
		       const semm_model *model, semm_check_fn fn, void *ctx,
		       semm_ratings **out, semm_error *err)
{
	semm__collector c = { fn, ctx, 0 };
	semm__jdoc d = { data, len, source ? source : "<ratings>", err, &c };
	semm_ratings *r = NULL;
	int rc = load(&r, model, &d);

	if (out)
		*out = r;
	else
		semm_ratings_free(r);
	return rc;
}

int semm_ratings_model_of(const char *data, size_t len, const char *source,
			  char *id, size_t cap, semm_error *err)
{
	semm__jdoc d = { data, len, source ? source : "<ratings>", err, NULL };
	semm__jpath p = { 0 };
	cJSON *root = NULL;
	char *model = NULL;
	int rc = semm__json_parse(&d, &root);

	if (cap)
		id[0] = '\0';
	if (rc == SEMM_OK)
		rc = semm__json_check_format(&d, root, "semm-ratings", 1);
	if (rc == SEMM_OK)
		rc = semm__jget_string(&d, &p, root, "model", 1, &model);
	if (rc == SEMM_OK && strlen(model) >= cap) {
		semm__jpath_key(&p, "model");
		rc = semm__jfatal(&d, &p, SEMM_ESCHEMA,
				  "the model id is too long");
	}
	if (rc == SEMM_OK)
		memcpy(id, model, strlen(model) + 1);
	free(model);
	cJSON_Delete(root);
	return rc;
}

typedef struct file_ctx {
	const semm_model *model;
	semm_ratings **out;
} file_ctx;

static int parse_one(void *out, const char *data, size_t len,
		     const char *source, semm_error *err)
{
	file_ctx *c = out;

	return semm_ratings_from_buffer(c->out, c->model, data, len, source,
					err);
}

int semm_ratings_from_file(semm_ratings **out, const semm_model *model,
			   const char *path, semm_error *err)
{
	file_ctx c = { model, out };

	*out = NULL;
	return semm__parse_file(path, parse_one, &c, err);
}
