/*
 * model.c - loads and checks "semm-model/1" maturity models: dimensions
 * and elements with weights, the level bands, the staged rule and the
 * scoring defaults, and the texts reports show (names, descriptions,
 * descriptors, principles, pyramid) with their translations
 * (model_i18n.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "defs/defs_json.h"

#define BAND_TOLERANCE 1e-9
/* Largest level number a band may carry. */
#define MAX_LEVEL 1000

/* The members each object of a model may have. */
static const char *const model_members[] = {
	"format",     "id",	 "version",
	"languages",  "title",	 "description",
	"basis",      "levels",	 "scoring",
	"principles", "pyramid", "dimensions",
	"targets",    "i18n",	 "implementation_stages",
	NULL
};
static const char *const levels_members[] = { "label", "note", "staged_rule",
					      "bands", "i18n", NULL };
static const char *const band_members[] = { "level",	  "name", "min", "max",
					    "descriptor", "i18n", NULL };
static const char *const scoring_members[] = { "na_policy", "na_anchor_percent",
					       "coverage_min", NULL };
static const char *const dimension_members[] = {
	"id", "name", "description", "weight", "elements", "i18n", NULL
};
static const char *const layer_members[] = { "level",	    "name", "outcome",
					     "description", "i18n", NULL };
static const char *const principle_members[] = { "id", "name", "description",
						 "i18n", NULL };
static const char *const element_members[] = { "id",	  "name",
					       "aliases", "description",
					       "weight",  "descriptors",
					       "i18n",	  NULL };

/* An element's descriptors, and their translations (n_bands a language). */
static void free_element(semm__element *e, const semm_model *m)
{
	size_t j,
		n = m->n_languages > 0 ? m->n_bands * (m->n_languages - 1) : 0;

	free(e->id);
	free(e->name);
	free(e->description);
	semm__tr_free(e->name_tr, m->n_languages);
	semm__tr_free(e->description_tr, m->n_languages);
	if (e->descriptors) {
		for (j = 0; j < m->n_bands; j++)
			free(e->descriptors[j]);
		free(e->descriptors);
	}
	if (e->descriptors_tr) {
		for (j = 0; j < n; j++)
			free(e->descriptors_tr[j]);
		free(e->descriptors_tr);
	}
}

static void free_metadata(semm_model *m)
{
	size_t i, nl = m->n_languages;

	for (i = 0; m->pyramid && i < m->n_pyramid; i++) {
		free(m->pyramid[i].name);
		free(m->pyramid[i].outcome);
		free(m->pyramid[i].description);
		semm__tr_free(m->pyramid[i].name_tr, nl);
		semm__tr_free(m->pyramid[i].description_tr, nl);
	}
	free(m->pyramid);
	for (i = 0; m->principles && i < m->n_principles; i++) {
		free(m->principles[i].id);
		free(m->principles[i].name);
		free(m->principles[i].description);
		semm__tr_free(m->principles[i].name_tr, nl);
		semm__tr_free(m->principles[i].description_tr, nl);
	}
	free(m->principles);
	semm__tr_free(m->title_tr, nl);
	semm__tr_free(m->description_tr, nl);
	semm__tr_free(m->levels_label_tr, nl);
	semm__tr_free(m->levels_note_tr, nl);
	semm__free_strings(m->languages, m->n_languages);
}

void semm_model_free(semm_model *m)
{
	size_t i, nl;

	if (!m)
		return;
	nl = m->n_languages;
	/* counts may be set before their arrays were allocated */
	for (i = 0; m->elems && i < m->n_elems; i++)
		free_element(&m->elems[i], m);
	for (i = 0; m->dims && i < m->n_dims; i++) {
		free(m->dims[i].id);
		free(m->dims[i].name);
		free(m->dims[i].description);
		semm__tr_free(m->dims[i].name_tr, nl);
		semm__tr_free(m->dims[i].description_tr, nl);
	}
	for (i = 0; m->bands && i < m->n_bands; i++) {
		free(m->bands[i].name);
		free(m->bands[i].descriptor);
		semm__tr_free(m->bands[i].name_tr, nl);
		semm__tr_free(m->bands[i].descriptor_tr, nl);
	}
	free(m->elems);
	free(m->dims);
	free(m->bands);
	free_metadata(m);
	semm_targets_free(m->targets);
	semm__stages_free(&m->stages);
	free(m->id);
	free(m->version);
	free(m->title);
	free(m->description);
	free(m->levels_label);
	free(m->levels_note);
	free(m->staged_rule);
	free(m);
}

static int oom(const semm__jdoc *d)
{
	return semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
			  "out of memory");
}

static int check_id(const semm__jdoc *d, semm__jpath *p, const char *id,
		    semm__strmap *seen)
{
	int rc;

	if (id[0] == '\0') {
		semm__jpath_key(p, "id");
		rc = semm__jfail(d, p, SEMM_EINVALID, "id must not be empty");
		semm__jpath_pop(p);
		return rc;
	}
	rc = semm__strmap_put(seen, id, strlen(id), 0, NULL);
	if (rc == SEMM_ENOMEM)
		return oom(d);
	if (rc == 0) {
		semm__jpath_key(p, "id");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "duplicate id \"%s\" (ids must be unique "
				 "across dimensions and elements)",
				 id);
		semm__jpath_pop(p);
		return rc;
	}
	return SEMM_OK;
}

/* The rules a band must meet given the ones before it (each broken rule
 * is one problem). */
static int check_band(const semm__jdoc *d, semm__jpath *p, const semm_model *m,
		      size_t i, double w)
{
	const semm__band *band = &m->bands[i];
	int rc = SEMM_OK;

	if (w != floor(w) || fabs(w) > MAX_LEVEL ||
	    (i > 0 && band->level != m->bands[i - 1].level + 1))
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "band levels must be integers rising by one");
	if (rc == SEMM_OK && i == 0 && band->min != 0)
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "the first band must start at 0, found %g",
				 band->min);
	if (rc == SEMM_OK && i > 0 &&
	    fabs(band->min - m->bands[i - 1].max) > BAND_TOLERANCE)
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "band starts at %g but the previous band ends "
				 "at %g (gap or overlap)",
				 band->min, m->bands[i - 1].max);
	if (rc == SEMM_OK && !(band->max > band->min))
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "band max %g is not above its min %g",
				 band->max, band->min);
	return rc;
}

static int band_i18n(const semm__jdoc *d, semm__jpath *p, const semm_model *m,
		     semm__band *band, const cJSON *obj)
{
	const semm__trfield f[] = {
		{ "name", band->name, &band->name_tr },
		{ "descriptor", band->descriptor, &band->descriptor_tr },
	};

	return semm__model_i18n(d, p, m, obj, f, 2);
}

static int levels_i18n(const semm__jdoc *d, semm__jpath *p, semm_model *m,
		       const cJSON *levels)
{
	const semm__trfield f[] = {
		{ "label", m->levels_label, &m->levels_label_tr },
		{ "note", m->levels_note, &m->levels_note_tr },
	};

	return semm__model_i18n(d, p, m, levels, f, 2);
}

static int load_bands(const semm__jdoc *d, semm__jpath *p, semm_model *m,
		      const cJSON *levels)
{
	const cJSON *bands, *b;
	size_t i = 0;
	double w;
	int rc;

	rc = semm__jcheck_members(d, p, levels, levels_members);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, levels, "label", 1,
				       &m->levels_label);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, levels, "note", 0,
				       &m->levels_note);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, levels, "staged_rule", 0,
				       &m->staged_rule);
	if (rc == SEMM_OK && !m->staged_rule) {
		m->staged_rule = semm__strdup("weakest-link");
		if (!m->staged_rule)
			return oom(d);
	}
	if (rc == SEMM_OK && strcmp(m->staged_rule, "weakest-link") != 0) {
		semm__jpath_key(p, "staged_rule");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "unknown staged rule \"%s\" (expected "
				 "\"weakest-link\")",
				 m->staged_rule);
		semm__jpath_pop(p);
	}
	if (rc == SEMM_OK)
		rc = levels_i18n(d, p, m, levels);
	if (rc == SEMM_OK)
		rc = semm__jget_array(d, p, levels, "bands", 1, &bands);
	if (rc < 0)
		return rc;
	m->n_bands = (size_t)cJSON_GetArraySize(bands);
	semm__jpath_key(p, "bands");
	if (m->n_bands < 2) {
		return semm__jfatal(d, p, SEMM_EINVALID,
				    "at least two level bands are needed");
	}
	m->bands = calloc(m->n_bands, sizeof(*m->bands));
	if (!m->bands)
		return oom(d);
	cJSON_ArrayForEach(b, bands)
	{
		semm__band *band = &m->bands[i];

		semm__jpath_index(p, i);
		if (!cJSON_IsObject(b))
			return semm__jfail(d, p, SEMM_ESCHEMA,
					   "expected a band object");
		rc = semm__jcheck_members(d, p, b, band_members);
		if (rc == SEMM_OK)
			rc = semm__jget_number(d, p, b, "level", 1, 0, &w);
		if (rc == SEMM_OK)
			rc = semm__jget_string(d, p, b, "name", 1, &band->name);
		if (rc == SEMM_OK)
			rc = semm__jget_string(d, p, b, "descriptor", 0,
					       &band->descriptor);
		if (rc == SEMM_OK)
			rc = band_i18n(d, p, m, band, b);
		if (rc == SEMM_OK)
			rc = semm__jget_number(d, p, b, "min", 1, 0,
					       &band->min);
		if (rc == SEMM_OK)
			rc = semm__jget_number(d, p, b, "max", 1, 0,
					       &band->max);
		if (rc < 0)
			return rc;
		/* a level out of range stays 0, and check_band says why */
		band->level =
			(w == floor(w) && fabs(w) <= MAX_LEVEL) ? (int)w : 0;
		rc = check_band(d, p, m, i, w);
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
		i++;
	}
	if (m->bands[m->n_bands - 1].max != 100) {
		semm__jpath_index(p, m->n_bands - 1);
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "the last band must end at 100, found %g",
				 m->bands[m->n_bands - 1].max);
		semm__jpath_pop(p);
		if (rc < 0)
			return rc;
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

static int load_scoring(const semm__jdoc *d, semm__jpath *p, semm_model *m,
			const cJSON *root)
{
	const cJSON *sc;
	char *policy = NULL;
	int rc = semm__jget_object(d, p, root, "scoring", 0, &sc);

	m->na_policy = SEMM_NA_EXCLUDE;
	m->na_anchor_percent = 60;
	m->coverage_min = 0.5;
	if (rc < 0 || !sc)
		return rc;
	semm__jpath_key(p, "scoring");
	rc = semm__jcheck_members(d, p, sc, scoring_members);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, sc, "na_policy", 0, &policy);
	if (rc == SEMM_OK && policy &&
	    semm_na_policy_parse(policy, &m->na_policy) < 0) {
		semm__jpath_key(p, "na_policy");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "unknown N/A policy \"%s\" (expected exclude, "
				 "anchor or zero)",
				 policy);
		semm__jpath_pop(p);
	}
	free(policy);
	if (rc == SEMM_OK)
		rc = semm__jget_number(d, p, sc, "na_anchor_percent", 0, 60,
				       &m->na_anchor_percent);
	if (rc == SEMM_OK &&
	    !(m->na_anchor_percent >= 0 && m->na_anchor_percent <= 100)) {
		semm__jpath_key(p, "na_anchor_percent");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "must be between 0 and 100");
		semm__jpath_pop(p);
	}
	if (rc == SEMM_OK)
		rc = semm__jget_number(d, p, sc, "coverage_min", 0, 0.5,
				       &m->coverage_min);
	if (rc == SEMM_OK && !(m->coverage_min > 0 && m->coverage_min <= 1)) {
		semm__jpath_key(p, "coverage_min");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "must be greater than 0 and at most 1");
		semm__jpath_pop(p);
	}
	semm__jpath_pop(p);
	return rc;
}

static int load_descriptors(const semm__jdoc *d, semm__jpath *p,
			    const semm_model *m, semm__element *e,
			    const cJSON *obj)
{
	const cJSON *desc, *v;
	size_t i;
	int rc = semm__jget_object(d, p, obj, "descriptors", 0, &desc);

	if (rc < 0 || !desc)
		return rc;
	e->descriptors = calloc(m->n_bands, sizeof(char *));
	if (!e->descriptors)
		return oom(d);
	semm__jpath_key(p, "descriptors");
	cJSON_ArrayForEach(v, desc)
	{
		char *end = NULL;
		long level = strtol(v->string, &end, 10);

		semm__jpath_key(p, v->string);
		for (i = 0; i < m->n_bands; i++) {
			if (m->bands[i].level == level)
				break;
		}
		if (*end != '\0' || i == m->n_bands) {
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "\"%s\" is not a level of the model",
					 v->string);

			semm__jpath_pop(p);
			if (rc < 0)
				return rc;
			continue;
		}
		if (!cJSON_IsString(v))
			return semm__jfail(d, p, SEMM_ESCHEMA,
					   "expected a string");
		free(e->descriptors[i]);
		e->descriptors[i] = semm__strdup(v->valuestring);
		if (!e->descriptors[i])
			return oom(d);
		semm__jpath_pop(p);
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

static int element_i18n(const semm__jdoc *d, semm__jpath *p,
			const semm_model *m, semm__element *e, const cJSON *obj)
{
	const semm__trfield f[] = {
		{ "name", e->name, &e->name_tr },
		{ "description", e->description, &e->description_tr },
		{ "descriptors", e->descriptors, &e->descriptors_tr },
	};

	return semm__model_i18n(d, p, m, obj, f, 3);
}

static int load_element(const semm__jdoc *d, semm__jpath *p, semm_model *m,
			semm__element *e, const cJSON *obj, semm__strmap *seen)
{
	int rc;

	if (!cJSON_IsObject(obj))
		return semm__jfail(d, p, SEMM_ESCHEMA,
				   "expected an element object");
	rc = semm__jcheck_members(d, p, obj, element_members);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "id", 1, &e->id);
	if (rc == SEMM_OK)
		rc = check_id(d, p, e->id, seen);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "name", 1, &e->name);
	if (rc == SEMM_OK)
		rc = semm__jget_number(d, p, obj, "weight", 0, 1, &e->weight);
	if (rc == SEMM_OK)
		rc = semm__jcheck_weight(d, p, e->weight);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "description", 0,
				       &e->description);
	if (rc == SEMM_OK)
		rc = load_descriptors(d, p, m, e, obj);
	if (rc == SEMM_OK)
		rc = element_i18n(d, p, m, e, obj);
	return rc;
}

static int count_elements(const semm__jdoc *d, semm__jpath *p,
			  const cJSON *dims, size_t *total)
{
	const cJSON *dim, *elems;
	size_t i = 0;
	int rc;

	*total = 0;
	cJSON_ArrayForEach(dim, dims)
	{
		semm__jpath_index(p, i++);
		if (!cJSON_IsObject(dim))
			return semm__jfail(d, p, SEMM_ESCHEMA,
					   "expected a dimension object");
		rc = semm__jget_array(d, p, dim, "elements", 1, &elems);
		if (rc < 0)
			return rc;
		if (cJSON_GetArraySize(elems) == 0) {
			semm__jpath_key(p, "elements");
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "a dimension needs at least one "
					 "element");
			semm__jpath_pop(p);
			if (rc < 0)
				return rc;
		}
		*total += (size_t)cJSON_GetArraySize(elems);
		semm__jpath_pop(p);
	}
	return SEMM_OK;
}

static int dimension_i18n(const semm__jdoc *d, semm__jpath *p,
			  const semm_model *m, semm__dimension *dm,
			  const cJSON *obj)
{
	const semm__trfield f[] = {
		{ "name", dm->name, &dm->name_tr },
		{ "description", dm->description, &dm->description_tr },
	};

	return semm__model_i18n(d, p, m, obj, f, 2);
}

static int load_dimensions(const semm__jdoc *d, semm__jpath *p, semm_model *m,
			   const cJSON *root)
{
	const cJSON *dims, *dim, *elems, *el;
	semm__strmap seen = { 0 };
	size_t i = 0, k = 0, j;
	int rc = semm__jget_array(d, p, root, "dimensions", 1, &dims);

	if (rc < 0)
		return rc;
	semm__jpath_key(p, "dimensions");
	m->n_dims = (size_t)cJSON_GetArraySize(dims);
	if (m->n_dims == 0) {
		rc = semm__jfatal(d, p, SEMM_EINVALID,
				  "a model needs at least one dimension");
		goto done;
	}
	rc = count_elements(d, p, dims, &m->n_elems);
	if (rc < 0)
		goto done;
	if (m->n_dims + m->n_elems > SEMM_MAX_MODEL_UNITS) {
		rc = semm__jfail(d, p, SEMM_ELIMIT,
				 "%zu dimensions and elements is more than the "
				 "limit of %d",
				 m->n_dims + m->n_elems, SEMM_MAX_MODEL_UNITS);
		goto done;
	}
	m->dims = calloc(m->n_dims, sizeof(*m->dims));
	m->elems = calloc(m->n_elems, sizeof(*m->elems));
	if (!m->dims || !m->elems) {
		rc = oom(d);
		goto done;
	}
	cJSON_ArrayForEach(dim, dims)
	{
		semm__dimension *dm = &m->dims[i];

		semm__jpath_index(p, i);
		rc = semm__jcheck_members(d, p, dim, dimension_members);
		if (rc == SEMM_OK)
			rc = semm__jget_string(d, p, dim, "id", 1, &dm->id);
		if (rc == SEMM_OK)
			rc = check_id(d, p, dm->id, &seen);
		if (rc == SEMM_OK)
			rc = semm__jget_string(d, p, dim, "name", 1, &dm->name);
		if (rc == SEMM_OK)
			rc = semm__jget_string(d, p, dim, "description", 0,
					       &dm->description);
		if (rc == SEMM_OK)
			rc = dimension_i18n(d, p, m, dm, dim);
		if (rc == SEMM_OK)
			rc = semm__jget_number(d, p, dim, "weight", 0, 1,
					       &dm->weight);
		if (rc == SEMM_OK)
			rc = semm__jcheck_weight(d, p, dm->weight);
		if (rc < 0)
			goto done;
		elems = cJSON_GetObjectItemCaseSensitive(dim, "elements");
		dm->first = k;
		j = 0;
		semm__jpath_key(p, "elements");
		cJSON_ArrayForEach(el, elems)
		{
			semm__jpath_index(p, j++);
			m->elems[k].dimension = i;
			rc = load_element(d, p, m, &m->elems[k], el, &seen);
			if (rc < 0)
				goto done;
			k++;
			semm__jpath_pop(p);
		}
		dm->count = k - dm->first;
		semm__jpath_pop(p);
		semm__jpath_pop(p);
		i++;
	}
	semm__jpath_pop(p); /* "dimensions": later members have their own */
done:
	semm__strmap_free(&seen);
	return rc;
}

static int load_layer(const semm__jdoc *d, semm__jpath *p, const semm_model *m,
		      void *item, const cJSON *obj)
{
	semm__layer *l = item;
	semm__trfield f[] = {
		{ "name", NULL, &l->name_tr },
		{ "description", NULL, &l->description_tr },
	};
	double level;
	int rc;

	if (!cJSON_IsObject(obj))
		return semm__jfatal(d, p, SEMM_ESCHEMA,
				    "expected a pyramid layer object");
	rc = semm__jcheck_members(d, p, obj, layer_members);
	if (rc == SEMM_OK)
		rc = semm__jget_number(d, p, obj, "level", 1, 0, &level);
	if (rc == SEMM_OK &&
	    !(level == floor(level) && fabs(level) <= MAX_LEVEL))
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "a layer's level is a whole number");
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "name", 1, &l->name);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "outcome", 0, &l->outcome);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "description", 0,
				       &l->description);
	l->level = rc == SEMM_OK ? (int)level : 0;
	f[0].plain = l->name;
	f[1].plain = l->description;
	if (rc == SEMM_OK)
		rc = semm__model_i18n(d, p, m, obj, f, 2);
	return rc;
}

static int load_principle(const semm__jdoc *d, semm__jpath *p,
			  const semm_model *m, void *item, const cJSON *obj)
{
	semm__principle *pr = item;
	semm__trfield f[] = {
		{ "name", NULL, &pr->name_tr },
		{ "description", NULL, &pr->description_tr },
	};
	int rc;

	if (!cJSON_IsObject(obj))
		return semm__jfatal(d, p, SEMM_ESCHEMA,
				    "expected a principle object");
	rc = semm__jcheck_members(d, p, obj, principle_members);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "id", 1, &pr->id);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "name", 1, &pr->name);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "description", 0,
				       &pr->description);
	f[0].plain = pr->name;
	f[1].plain = pr->description;
	if (rc == SEMM_OK)
		rc = semm__model_i18n(d, p, m, obj, f, 2);
	return rc;
}

/* Loads one object of an optional list into item. */
typedef int (*load_item_fn)(const semm__jdoc *d, semm__jpath *p,
			    const semm_model *m, void *item, const cJSON *obj);

/* The optional array root[key] of objects, each loaded by load into
 * *items (size bytes apiece, zeroed); *n counts those begun, so that a
 * failure frees what was loaded. None or an empty array: nothing. */
static int load_list(const semm__jdoc *d, semm__jpath *p, const semm_model *m,
		     const cJSON *root, const char *key, size_t size,
		     void **items, size_t *n, load_item_fn load)
{
	const cJSON *arr, *v;
	size_t i = 0;
	int rc = semm__jget_array(d, p, root, key, 0, &arr);

	if (rc < 0 || !arr || cJSON_GetArraySize(arr) == 0)
		return rc;
	*items = calloc((size_t)cJSON_GetArraySize(arr), size);
	if (!*items)
		return oom(d);
	semm__jpath_key(p, key);
	cJSON_ArrayForEach(v, arr)
	{
		semm__jpath_index(p, i);
		*n = i + 1;
		rc = load(d, p, m, (char *)*items + i * size, v);
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
		i++;
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

/* The model's own texts in the other languages: "i18n" at the top. */
static int model_i18n(const semm__jdoc *d, semm__jpath *p, semm_model *m,
		      const cJSON *root)
{
	const semm__trfield f[] = {
		{ "title", m->title, &m->title_tr },
		{ "description", m->description, &m->description_tr },
	};

	return semm__model_i18n(d, p, m, root, f, 2);
}

/* "targets": the model's default targets per element (optional). */
static int load_targets(const semm__jdoc *d, semm__jpath *p, semm_model *m,
			const cJSON *root)
{
	const cJSON *obj;
	int rc = semm__jget_object(d, p, root, "targets", 0, &obj);

	if (rc < 0 || !obj)
		return rc;
	if (semm_targets_new(&m->targets) < 0)
		return oom(d);
	semm__jpath_key(p, "targets");
	rc = semm__targets_parse(d, p, obj, m->targets);
	semm__jpath_pop(p);
	return rc;
}

static int load_model(const semm__jdoc *d, semm_model *m, const cJSON *root)
{
	semm__jpath p = { 0 };
	const cJSON *levels;
	void *list = NULL;
	int rc = semm__json_check_format(d, root, "semm-model", 1);

	if (rc == SEMM_OK)
		rc = semm__jcheck_members(d, &p, root, model_members);
	if (rc == SEMM_OK)
		rc = semm__model_languages(d, &p, m, root);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, &p, root, "id", 1, &m->id);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, &p, root, "version", 1, &m->version);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, &p, root, "title", 1, &m->title);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, &p, root, "description", 0,
				       &m->description);
	if (rc == SEMM_OK)
		rc = model_i18n(d, &p, m, root);
	if (rc == SEMM_OK)
		rc = semm__jget_object(d, &p, root, "levels", 1, &levels);
	if (rc == SEMM_OK) {
		semm__jpath_key(&p, "levels");
		rc = load_bands(d, &p, m, levels);
		semm__jpath_pop(&p);
	}
	if (rc == SEMM_OK)
		rc = load_scoring(d, &p, m, root);
	if (rc == SEMM_OK)
		rc = load_dimensions(d, &p, m, root);
	if (rc == SEMM_OK)
		rc = load_targets(d, &p, m, root);
	/* the service excellence pyramid, bottom layer first, and the
	 * guiding principles: optional, shown in the report */
	if (rc == SEMM_OK)
		rc = load_list(d, &p, m, root, "pyramid", sizeof(*m->pyramid),
			       &list, &m->n_pyramid, load_layer);
	m->pyramid = list; /* what was loaded, freed with the model */
	list = NULL;
	if (rc == SEMM_OK)
		rc = load_list(d, &p, m, root, "principles",
			       sizeof(*m->principles), &list, &m->n_principles,
			       load_principle);
	m->principles = list;
	if (rc == SEMM_OK)
		rc = semm__stages_load(d, &p, m, root);
	return rc;
}

static int load_text(semm_model **out, const semm__jdoc *d)
{
	cJSON *root = NULL;
	semm_model *m = NULL;
	int rc;

	*out = NULL;
	rc = semm__json_parse(d, &root);
	if (rc < 0)
		goto done;
	m = calloc(1, sizeof(*m));
	if (!m) {
		rc = oom(d);
		goto done;
	}
	rc = load_model(d, m, root);
	if (rc == SEMM_OK)
		rc = semm__collected(d);
	if (rc < 0)
		goto done;
	*out = m;
	m = NULL;
done:
	semm_model_free(m);
	cJSON_Delete(root);
	return rc;
}

int semm_model_from_buffer(semm_model **out, const char *data, size_t len,
			   const char *source, semm_error *err)
{
	semm__jdoc d = { data, len, source ? source : "<model>", err, NULL };

	return load_text(out, &d);
}

int semm_model_check(const char *data, size_t len, const char *source,
		     semm_check_fn fn, void *ctx, semm_model **out,
		     semm_error *err)
{
	semm__collector c = { fn, ctx, 0 };
	semm__jdoc d = { data, len, source ? source : "<model>", err, &c };
	semm_model *m = NULL;
	int rc = load_text(&m, &d);

	if (out)
		*out = m;
	else
		semm_model_free(m);
	return rc;
}

static int parse_model(void *out, const char *data, size_t len,
		       const char *source, semm_error *err)
{
	return semm_model_from_buffer(out, data, len, source, err);
}

int semm_model_from_file(semm_model **out, const char *path, semm_error *err)
{
	*out = NULL;
	return semm__parse_file(path, parse_model, out, err);
}

int semm__model_band(const semm_model *m, double p)
{
	size_t i;

	if (isnan(p))
		return -1;
	/* A percent that is a boundary in exact arithmetic (a mean of 2/5
	 * is 40 %) may come out a few ulps below it; within BAND_TOLERANCE
	 * it counts as on the boundary, that is in the upper band. */
	for (i = 0; i + 1 < m->n_bands; i++) {
		if (p < m->bands[i].max - BAND_TOLERANCE)
			return (int)i;
	}
	return (int)(m->n_bands - 1);
}

const char *semm_model_id(const semm_model *m)
{
	return m->id;
}
const char *semm_model_version(const semm_model *m)
{
	return m->version;
}
const char *semm_model_title(const semm_model *m)
{
	return m->title;
}
size_t semm_model_dimension_count(const semm_model *m)
{
	return m->n_dims;
}
size_t semm_model_element_count(const semm_model *m)
{
	return m->n_elems;
}
size_t semm_model_level_count(const semm_model *m)
{
	return m->n_bands;
}

size_t semm_model_language_count(const semm_model *m)
{
	return m->n_languages;
}

const char *semm_model_language(const semm_model *m, size_t i)
{
	return i < m->n_languages ? m->languages[i] : NULL;
}

const char *semm_model_element_id(const semm_model *m, size_t i)
{
	return i < m->n_elems ? m->elems[i].id : NULL;
}

static const char *const policy_names[] = { "exclude", "anchor", "zero" };

const char *semm_na_policy_name(semm_na_policy policy)
{
	if ((unsigned)policy < sizeof(policy_names) / sizeof(policy_names[0]))
		return policy_names[policy];
	return "unknown";
}

int semm_na_policy_parse(const char *name, semm_na_policy *out)
{
	size_t i;

	for (i = 0; i < sizeof(policy_names) / sizeof(policy_names[0]); i++) {
		if (strcmp(name, policy_names[i]) == 0) {
			*out = (semm_na_policy)i;
			return SEMM_OK;
		}
	}
	return SEMM_EARG;
}
