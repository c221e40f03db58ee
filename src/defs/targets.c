/*
 * targets.c - targets per element (a level or a percent), parsed from a
 * model, a targets file or "E1=L4" specs, and applied to a result: the
 * target percent of each element of each group, the gap (target minus
 * current percent, in percent points) and the priority (the positive gap
 * times the element's weight).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "defs/defs_json.h"
#include "score/score_int.h" /* semm__targets_apply & co. fill in results */

static const char *const file_members[] = { "format", "model", "targets",
					    NULL };
static const char *const target_members[] = { "level", "percent", NULL };

int semm_targets_new(semm_targets **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? SEMM_OK : SEMM_ENOMEM;
}

void semm_targets_free(semm_targets *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		free(t->t[i].element);
	free(t->t);
	free(t);
}

/* Sets element's target, replacing an earlier one. */
static int set(semm_targets *t, const char *element, size_t len, int is_level,
	       double value)
{
	semm__target *grown;
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (strlen(t->t[i].element) == len &&
		    memcmp(t->t[i].element, element, len) == 0)
			break;
	}
	if (i == t->n) {
		grown = realloc(t->t, (t->n + 1) * sizeof(*grown));
		if (!grown)
			return SEMM_ENOMEM;
		t->t = grown;
		t->t[i].element = semm__strndup(element, len);
		if (!t->t[i].element)
			return SEMM_ENOMEM;
		t->n++;
	}
	t->t[i].is_level = is_level;
	t->t[i].value = value;
	return SEMM_OK;
}

int semm__targets_parse(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
			semm_targets *t)
{
	const cJSON *v;
	double level, percent;
	int rc = SEMM_OK;

	cJSON_ArrayForEach(v, obj)
	{
		semm__jpath_key(p, v->string);
		if (!cJSON_IsObject(v))
			return semm__jfatal(d, p, SEMM_ESCHEMA,
					    "expected {\"level\": N} or "
					    "{\"percent\": P}");
		rc = semm__jcheck_members(d, p, v, target_members);
		if (rc == SEMM_OK)
			rc = semm__jget_number(d, p, v, "level", 0, NAN,
					       &level);
		if (rc == SEMM_OK)
			rc = semm__jget_number(d, p, v, "percent", 0, NAN,
					       &percent);
		if (rc < 0)
			return rc;
		if (isnan(level) == isnan(percent) ||
		    (!isnan(percent) && !(percent >= 0 && percent <= 100)) ||
		    (!isnan(level) && level != floor(level))) {
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "give either a whole \"level\" or a "
					 "\"percent\" from 0 to 100");
		} else {
			rc = set(t, v->string, strlen(v->string),
				 isnan(percent),
				 isnan(percent) ? level : percent);
			if (rc == SEMM_ENOMEM)
				rc = semm__fail(d->err, rc, d->source, 0, 0,
						"out of memory");
		}
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
	}
	return rc;
}

int semm_targets_from_buffer(semm_targets **out, const char *data, size_t len,
			     const char *source, semm_error *err)
{
	semm__jdoc d = { data, len, source ? source : "<targets>", err, NULL };
	semm__jpath p = { 0 };
	const cJSON *obj = NULL;
	cJSON *root = NULL;
	semm_targets *t = NULL;
	int rc;

	*out = NULL;
	rc = semm__json_parse(&d, &root);
	if (rc == SEMM_OK)
		rc = semm__json_check_format(&d, root, "semm-targets", 1);
	if (rc == SEMM_OK)
		rc = semm__jcheck_members(&d, &p, root, file_members);
	if (rc == SEMM_OK)
		rc = semm__jget_object(&d, &p, root, "targets", 1, &obj);
	if (rc == SEMM_OK && semm_targets_new(&t) < 0)
		rc = semm__fail(err, SEMM_ENOMEM, d.source, 0, 0,
				"out of memory");
	if (rc == SEMM_OK) {
		semm__jpath_key(&p, "targets");
		rc = semm__targets_parse(&d, &p, obj, t);
	}
	cJSON_Delete(root);
	if (rc < 0) {
		semm_targets_free(t);
		return rc;
	}
	*out = t;
	return SEMM_OK;
}

static int parse_targets(void *out, const char *data, size_t len,
			 const char *source, semm_error *err)
{
	return semm_targets_from_buffer(out, data, len, source, err);
}

int semm_targets_from_file(semm_targets **out, const char *path,
			   semm_error *err)
{
	*out = NULL;
	return semm__parse_file(path, parse_targets, out, err);
}

int semm_targets_add(semm_targets *t, const char *spec, semm_error *err)
{
	const char *eq = strchr(spec, '=');
	const char *v = eq ? eq + 1 : NULL;
	int is_level = v && (*v == 'L' || *v == 'l');
	char *end = NULL;
	double value;
	int rc;

	if (!eq || eq == spec)
		return semm__fail(
			err, SEMM_EARG, NULL, 0, 0,
			"target \"%s\": expected ELEMENT=LEVEL (E1=L4) "
			"or ELEMENT=PERCENT (E1=70)",
			spec);
	if (is_level)
		v++;
	errno = 0;
	value = strtod(v, &end);
	if (end == v || *end != '\0' || errno != 0 ||
	    (is_level && value != floor(value)) ||
	    (!is_level && !(value >= 0 && value <= 100)))
		return semm__fail(
			err, SEMM_EARG, NULL, 0, 0,
			"target \"%s\": expected a level such as L4 or "
			"a percent from 0 to 100",
			spec);
	rc = set(t, spec, (size_t)(eq - spec), is_level, value);
	if (rc < 0)
		return semm__fail(err, rc, NULL, 0, 0, "out of memory");
	return SEMM_OK;
}

/* The target of element id in t: its own, else "*"; NULL when none. */
static const semm__target *find(const semm_targets *t, const char *id)
{
	const semm__target *any = NULL;
	size_t i;

	for (i = 0; t && i < t->n; i++) {
		if (strcmp(t->t[i].element, id) == 0)
			return &t->t[i];
		if (strcmp(t->t[i].element, "*") == 0)
			any = &t->t[i];
	}
	return any;
}

/* A target as a percent: a level's band starts at its min. */
static int to_percent(const semm_result *res, const semm__target *t,
		      double *out, semm_error *err)
{
	const semm_model *m = res->model;
	size_t b;

	if (!t->is_level) {
		*out = t->value;
		return SEMM_OK;
	}
	for (b = 0; b < m->n_bands; b++) {
		if (m->bands[b].level == t->value) {
			*out = m->bands[b].min;
			return SEMM_OK;
		}
	}
	return semm__fail(err, SEMM_EARG, NULL, 0, 0,
			  "target for %s: level %g is not a level of model "
			  "\"%s\"",
			  t->element, t->value, m->id);
}

/* Every target names an element of the model (or "*"). */
static int check_elements(const semm_model *m, const semm_targets *t,
			  semm_error *err)
{
	size_t i, e;

	for (i = 0; t && i < t->n; i++) {
		if (strcmp(t->t[i].element, "*") == 0)
			continue;
		for (e = 0; e < m->n_elems; e++) {
			if (strcmp(m->elems[e].id, t->t[i].element) == 0)
				break;
		}
		if (e == m->n_elems)
			return semm__fail(
				err, SEMM_EARG, NULL, 0, 0,
				"target for \"%s\": not an element of "
				"model \"%s\"",
				t->t[i].element, m->id);
	}
	return SEMM_OK;
}

/* Every target's level is a level of the model. */
static int check_levels(const semm_result *res, const semm_targets *t,
			semm_error *err)
{
	double unused;
	size_t i;
	int rc = SEMM_OK;

	for (i = 0; t && i < t->n && rc == SEMM_OK; i++)
		rc = to_percent(res, &t->t[i], &unused, err);
	return rc;
}

int semm__targets_check(const semm_result *res, const semm_targets *opts,
			semm_error *err)
{
	const semm_model *m = res->model;
	int rc = check_elements(m, opts, err);

	if (rc == SEMM_OK)
		rc = check_elements(m, m->targets, err);
	if (rc == SEMM_OK)
		rc = check_levels(res, opts, err);
	if (rc == SEMM_OK)
		rc = check_levels(res, m->targets, err);
	return rc;
}

int semm__targets_apply(semm_result *res, const semm_targets *opts,
			semm_error *err)
{
	const semm_model *m = res->model;
	size_t e, g;
	int rc = SEMM_OK;

	for (e = 0; e < m->n_elems && rc == SEMM_OK; e++) {
		const semm__target *t = find(opts, m->elems[e].id);
		double target = NAN;

		if (!t)
			t = find(m->targets, m->elems[e].id);
		if (t)
			rc = to_percent(res, t, &target, err);
		for (g = 0; g < res->n_groups && rc == SEMM_OK; g++) {
			semm__unit *u = &res->groups[g].elems[e];

			u->target = target;
			u->gap = target - u->percent; /* NAN if either is */
			u->priority = isnan(u->gap)
					      ? NAN
					      : (u->gap > 0 ? u->gap : 0) *
							m->elems[e].weight;
		}
	}
	return rc;
}

size_t semm__improvements(const semm_result *res, const semm__group *gr,
			  size_t *order)
{
	size_t e, n = 0, i;

	for (e = 0; e < res->model->n_elems; e++) {
		double p = gr->elems[e].priority;

		if (!(gr->elems[e].gap > 0))
			continue;
		/* insertion keeps equal priorities in model order */
		for (i = n; i > 0 && gr->elems[order[i - 1]].priority < p; i--)
			order[i] = order[i - 1];
		order[i] = e;
		n++;
	}
	return n;
}
