/*
 * model_i18n.c - a model's languages and its texts in each of them. The
 * plain fields are in the first language of "languages"; every object
 * with texts may carry "i18n": {"de": {"name": ..., ...}} with the same
 * member names. A model that lists a language must give every text in
 * it: a missing translation is a load error at its JSON path, never a
 * silent fallback to the default language.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defs/defs_json.h"

/* The language of a model that does not say. */
#define DEFAULT_LANGUAGE "en"
/* The most translatable members an object has (an element: name,
 * description, descriptors). */
#define MAX_FIELDS 4
/* Room for a level number as a JSON path key. */
#define LEVEL_KEY_MAX 24

static int oom(const semm__jdoc *d)
{
	return semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
			  "out of memory");
}

static int check_language_code(const semm__jdoc *d, semm__jpath *p,
			       const semm_model *m, size_t i)
{
	size_t j;
	int rc = SEMM_OK;

	semm__jpath_index(p, i);
	if (m->languages[i][0] == '\0')
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "a language code must not be empty");
	for (j = 0; j < i && rc == SEMM_OK; j++) {
		if (strcmp(m->languages[i], m->languages[j]) == 0)
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "language \"%s\" is listed twice",
					 m->languages[i]);
	}
	semm__jpath_pop(p);
	return rc;
}

int semm__model_languages(const semm__jdoc *d, semm__jpath *p, semm_model *m,
			  const cJSON *root)
{
	size_t i;
	int rc = semm__jget_strings(d, p, root, "languages", &m->languages,
				    &m->n_languages);

	if (rc < 0)
		return rc;
	if (!m->languages) {
		m->languages = calloc(1, sizeof(char *));
		if (!m->languages)
			return oom(d);
		m->n_languages = 1;
		m->languages[0] = semm__strdup(DEFAULT_LANGUAGE);
		return m->languages[0] ? SEMM_OK : oom(d);
	}
	semm__jpath_key(p, "languages");
	if (m->n_languages == 0)
		return semm__jfatal(d, p, SEMM_EINVALID,
				    "name at least one language (the first is "
				    "the language of the plain texts)");
	for (i = 0; i < m->n_languages && rc == SEMM_OK; i++)
		rc = check_language_code(d, p, m, i);
	semm__jpath_pop(p);
	return rc;
}

/* The index (1..n-1) of code among the model's other languages, or 0. */
static size_t other_language(const semm_model *m, const char *code)
{
	size_t i;

	for (i = 1; i < m->n_languages; i++) {
		if (strcmp(m->languages[i], code) == 0)
			return i;
	}
	return 0;
}

static int is_levels(const semm__trfield *f)
{
	return strcmp(f->key, "descriptors") == 0;
}

static int store(const semm__jdoc *d, const semm_model *m,
		 const semm__trfield *f, size_t slot, const char *text)
{
	size_t per = is_levels(f) ? m->n_bands : 1;

	if (!*f->tr) {
		*f->tr = calloc((m->n_languages - 1) * per, sizeof(char *));
		if (!*f->tr)
			return oom(d);
	}
	free((*f->tr)[slot]);
	(*f->tr)[slot] = semm__strdup(text);
	return (*f->tr)[slot] ? SEMM_OK : oom(d);
}

/* The band of level key ("3"), or n_bands when the model has none. */
static size_t band_of(const semm_model *m, const char *key)
{
	char *end = NULL;
	long level = strtol(key, &end, 10);
	size_t b;

	if (end == key || *end != '\0')
		return m->n_bands;
	for (b = 0; b < m->n_bands; b++) {
		if (m->bands[b].level == level)
			break;
	}
	return b;
}

static int read_descriptors(const semm__jdoc *d, semm__jpath *p,
			    const semm_model *m, const semm__trfield *f,
			    size_t lang, const cJSON *v)
{
	char *const *plain = f->plain;
	const cJSON *x;
	size_t b;
	int rc = SEMM_OK;

	if (!cJSON_IsObject(v))
		return semm__jfatal(d, p, SEMM_ESCHEMA,
				    "expected an object of descriptors by "
				    "level");
	cJSON_ArrayForEach(x, v)
	{
		b = band_of(m, x->string);
		semm__jpath_key(p, x->string);
		if (b == m->n_bands)
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "\"%s\" is not a level of the model",
					 x->string);
		else if (!cJSON_IsString(x))
			return semm__jfatal(d, p, SEMM_ESCHEMA,
					    "expected a string");
		else if (!plain || !plain[b])
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "the default language has no "
					 "descriptor of level %s to translate",
					 x->string);
		else
			rc = store(d, m, f, (lang - 1) * m->n_bands + b,
				   x->valuestring);
		semm__jpath_pop(p);
		if (rc < 0)
			return rc;
	}
	return SEMM_OK;
}

static int read_text(const semm__jdoc *d, semm__jpath *p, const semm_model *m,
		     const semm__trfield *f, size_t lang, const cJSON *v)
{
	if (!cJSON_IsString(v))
		return semm__jfatal(d, p, SEMM_ESCHEMA, "expected a string");
	if (!f->plain)
		return semm__jfail(d, p, SEMM_EINVALID,
				   "there is no \"%s\" in the default language "
				   "to translate",
				   f->key);
	return store(d, m, f, lang - 1, v->valuestring);
}

/* One language's object of translated texts, at p. */
static int read_language(const semm__jdoc *d, semm__jpath *p,
			 const semm_model *m, const cJSON *v,
			 const semm__trfield *fields, size_t n, size_t lang)
{
	const char *allowed[MAX_FIELDS + 1];
	const cJSON *x;
	size_t i;
	int rc;

	if (!cJSON_IsObject(v))
		return semm__jfatal(d, p, SEMM_ESCHEMA,
				    "expected an object of translated texts");
	for (i = 0; i < n; i++)
		allowed[i] = fields[i].key;
	allowed[n] = NULL;
	rc = semm__jcheck_members(d, p, v, allowed);
	for (i = 0; rc == SEMM_OK && i < n; i++) {
		x = cJSON_GetObjectItemCaseSensitive(v, fields[i].key);
		if (!x)
			continue;
		semm__jpath_key(p, fields[i].key);
		rc = is_levels(&fields[i])
			     ? read_descriptors(d, p, m, &fields[i], lang, x)
			     : read_text(d, p, m, &fields[i], lang, x);
		semm__jpath_pop(p);
	}
	return rc;
}

/* A problem at i18n.<lang>.<key>[.<level>]: the text is missing. */
static int missing(const semm__jdoc *d, semm__jpath *p, const char *lang,
		   const char *key, const char *level)
{
	int rc;

	semm__jpath_key(p, "i18n");
	semm__jpath_key(p, lang);
	semm__jpath_key(p, key);
	if (level)
		semm__jpath_key(p, level);
	rc = semm__jfail(d, p, SEMM_EINVALID,
			 "missing (the model lists language \"%s\")", lang);
	if (level)
		semm__jpath_pop(p);
	semm__jpath_pop(p);
	semm__jpath_pop(p);
	semm__jpath_pop(p);
	return rc;
}

static int check_field(const semm__jdoc *d, semm__jpath *p, const semm_model *m,
		       const semm__trfield *f, size_t lang)
{
	char *const *plain = f->plain;
	char *const *tr = *f->tr;
	char level[LEVEL_KEY_MAX];
	size_t b;
	int rc = SEMM_OK;

	if (!is_levels(f)) {
		if (f->plain && !(tr && tr[lang - 1]))
			rc = missing(d, p, m->languages[lang], f->key, NULL);
		return rc;
	}
	for (b = 0; plain && b < m->n_bands && rc == SEMM_OK; b++) {
		if (!plain[b] || (tr && tr[(lang - 1) * m->n_bands + b]))
			continue;
		snprintf(level, sizeof(level), "%d", m->bands[b].level);
		rc = missing(d, p, m->languages[lang], f->key, level);
	}
	return rc;
}

int semm__model_i18n(const semm__jdoc *d, semm__jpath *p, const semm_model *m,
		     const cJSON *obj, const semm__trfield *fields, size_t n)
{
	const cJSON *tr, *v;
	size_t lang, i;
	int rc = semm__jget_object(d, p, obj, "i18n", 0, &tr);

	assert(n <= MAX_FIELDS);
	if (rc < 0)
		return rc;
	if (tr) {
		semm__jpath_key(p, "i18n");
		cJSON_ArrayForEach(v, tr)
		{
			lang = other_language(m, v->string);
			semm__jpath_key(p, v->string);
			if (lang == 0)
				rc = semm__jfail(
					d, p, SEMM_EINVALID,
					"language \"%s\" is not listed in the "
					"model's \"languages\" after the "
					"default \"%s\"",
					v->string, m->languages[0]);
			else
				rc = read_language(d, p, m, v, fields, n, lang);
			semm__jpath_pop(p);
			if (rc < 0)
				return rc;
		}
		semm__jpath_pop(p);
	}
	for (lang = 1; lang < m->n_languages && rc == SEMM_OK; lang++) {
		for (i = 0; i < n && rc == SEMM_OK; i++)
			rc = check_field(d, p, m, &fields[i], lang);
	}
	return rc;
}
