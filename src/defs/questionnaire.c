/*
 * questionnaire.c - loads and checks "semm-questionnaire/1" files: answer
 * scales with labels, synonyms and N/A codes, items, metadata columns; and
 * binds a questionnaire to the model it scores.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "defs/defs.h"

#define MAX_SCALE_POINTS 200

/* The members each object of a questionnaire may have. */
static const char *const questionnaire_members[] = {
	"format",      "id",	    "version", "title",
	"description", "languages", "model",   "coverage_min",
	"metadata",    "scales",    "items",   "scope",
	NULL
};
static const char *const model_ref_members[] = { "id", "version", NULL };
static const char *const role_members[] = { "column", "required", NULL };
static const char *const scale_members[] = { "id",	"min",
					     "max",	"labels",
					     "na",	"dont_know",
					     "na_i18n", "dont_know_i18n",
					     NULL };
static const char *const label_members[] = { "value",	      "label",
					     "synonyms",      "i18n",
					     "synonyms_i18n", NULL };
static const char *const item_members[] = { "id",    "element", "text",
					    "scale", "reverse", "weight",
					    "i18n",  NULL };

static const char *const role_names[SEMM_META_COUNT] = { "respondent",
							 "organization", "unit",
							 "role", "date" };

const char *semm_meta_role_name(semm_meta_role role)
{
	return (unsigned)role < SEMM_META_COUNT ? role_names[role] : "unknown";
}

static void free_scale(semm__scale *s)
{
	size_t i;

	free(s->id);
	for (i = 0; s->labels && i < s->n_labels; i++) {
		free(s->labels[i].key);
		free(s->labels[i].text);
	}
	free(s->labels);
	semm__free_strings(s->na, s->n_na);
	semm__free_strings(s->na_text, s->n_na);
	semm__free_strings(s->dk, s->n_dk);
	semm__free_strings(s->dk_text, s->n_dk);
	free(s->na_lang);
	free(s->dk_lang);
}

void semm_questionnaire_free(semm_questionnaire *q)
{
	size_t i;

	if (!q)
		return;
	/* counts may be set before their arrays were allocated */
	for (i = 0; q->scales && i < q->n_scales; i++)
		free_scale(&q->scales[i]);
	for (i = 0; q->items && i < q->n_items; i++) {
		free(q->items[i].id);
		free(q->items[i].text);
		free(q->items[i].text_key);
		if (q->items[i].texts) {
			size_t k;

			for (k = 1; k < q->n_languages; k++)
				free(q->items[i].texts[k]);
			free(q->items[i].texts);
		}
		free(q->items[i].element_id);
	}
	for (i = 0; i < SEMM_META_COUNT; i++)
		free(q->meta_column[i]);
	free(q->scales);
	free(q->items);
	semm__free_strings(q->languages, q->n_languages);
	free(q->id);
	free(q->version);
	free(q->title);
	free(q->model_id);
	free(q->model_version);
	semm__free_strings(q->scope, q->n_scope);
	free(q->text);
	free(q->source);
	free(q->elem_items);
	free(q);
}

static int oom(const semm__jdoc *d)
{
	return semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
			  "out of memory");
}

/* Adds key to the scale's set of answer words; fails on a repeat. */
static int claim_word(const semm__jdoc *d, semm__jpath *p, semm__strmap *w,
		      const char *key, const char *raw)
{
	int rc = semm__strmap_put(w, key, strlen(key), 0, NULL);

	if (rc == SEMM_ENOMEM)
		return oom(d);
	if (rc == 0)
		return semm__jfail(
			d, p, SEMM_EINVALID,
			"\"%s\" is used twice in this scale (labels, "
			"synonyms and N/A codes are compared "
			"without case)",
			raw);
	if (key[0] == '\0')
		return semm__jfail(d, p, SEMM_EINVALID,
				   "an empty answer word is not allowed");
	return SEMM_OK;
}

static int add_label(const semm__jdoc *d, semm__jpath *p, semm__scale *s,
		     semm__strmap *w, const char *text, int value, size_t lang,
		     int synonym)
{
	semm__label *l;
	double number;

	/* a cell that reads as a number is taken as that number, so such a
	 * label could only ever mean its own value */
	if (semm__parse_number(text, strlen(text), &number) && number != value)
		return semm__jfail(d, p, SEMM_EINVALID,
				   "label \"%s\" reads as the number %g, not "
				   "its value %d: a cell \"%s\" would be the "
				   "number, so this label is ambiguous",
				   text, number, value, text);
	if (s->n_labels == s->cap_labels) {
		size_t cap = s->cap_labels ? 2 * s->cap_labels : 8;

		l = realloc(s->labels, cap * sizeof(*l));
		if (!l)
			return oom(d);
		s->labels = l;
		s->cap_labels = cap;
	}
	l = &s->labels[s->n_labels++];
	memset(l, 0, sizeof(*l));
	l->key = semm__label_key(text, strlen(text));
	l->text = semm__strdup(text);
	l->value = value;
	l->lang = lang;
	l->synonym = synonym;
	if (!l->key || !l->text)
		return oom(d);
	return claim_word(d, p, w, l->key, text);
}

/* The index of language `code` among the questionnaire's translations
 * (1..n-1); a problem when it is not declared. */
static int lang_index(const semm__jdoc *d, semm__jpath *p,
		      const semm_questionnaire *q, const char *code,
		      size_t *out)
{
	size_t i;
	int rc;

	for (i = 1; i < q->n_languages; i++) {
		if (strcmp(q->languages[i], code) == 0) {
			*out = i;
			return 1;
		}
	}
	semm__jpath_key(p, code);
	rc = semm__jfail(d, p, SEMM_EINVALID,
			 "language \"%s\" is not among the questionnaire's "
			 "\"languages\" (after the first)",
			 code);
	semm__jpath_pop(p);
	return rc;
}

/* A problem at <member>.<language>: a text the default language has is
 * missing in language `lang`, which the questionnaire lists. */
static int missing_tr(const semm__jdoc *d, semm__jpath *p,
		      const semm_questionnaire *q, const char *member,
		      size_t lang)
{
	int rc;

	semm__jpath_key(p, member);
	semm__jpath_key(p, q->languages[lang]);
	rc = semm__jfail(d, p, SEMM_EINVALID,
			 "missing (the questionnaire lists language \"%s\")",
			 q->languages[lang]);
	semm__jpath_pop(p);
	semm__jpath_pop(p);
	return rc;
}

/* Whether scale s has the label shown for value in language lang. */
static int has_label(const semm__scale *s, int value, size_t lang)
{
	size_t i;

	for (i = 0; i < s->n_labels; i++) {
		if (s->labels[i].value == value && s->labels[i].lang == lang &&
		    !s->labels[i].synonym)
			return 1;
	}
	return 0;
}

/* Adds the translations of one label: "i18n" {lang: label} and
 * "synonyms_i18n" {lang: [synonym, ...]}. */
static int load_label_i18n(const semm__jdoc *d, semm__jpath *p,
			   const semm_questionnaire *q, semm__scale *s,
			   semm__strmap *w, const cJSON *l, int value)
{
	static const char *const keys[] = { "i18n", "synonyms_i18n" };
	const cJSON *obj, *v, *syn;
	size_t k, lang = 0;
	int rc = SEMM_OK, found;

	for (k = 0; k < 2 && rc == SEMM_OK; k++) {
		rc = semm__jget_object(d, p, l, keys[k], 0, &obj);
		if (rc < 0 || !obj)
			continue;
		semm__jpath_key(p, keys[k]);
		cJSON_ArrayForEach(v, obj)
		{
			found = lang_index(d, p, q, v->string, &lang);
			if (found <= 0) {
				rc = found;
				if (rc < 0)
					return rc;
				continue;
			}
			semm__jpath_key(p, v->string);
			if (k == 0 && cJSON_IsString(v)) {
				rc = add_label(d, p, s, w, v->valuestring,
					       value, lang, 0);
			} else if (k == 1 && cJSON_IsArray(v)) {
				cJSON_ArrayForEach(syn, v)
				{
					if (rc == SEMM_OK &&
					    cJSON_IsString(syn))
						rc = add_label(d, p, s, w,
							       syn->valuestring,
							       value, lang, 1);
				}
			} else {
				rc = semm__jfatal(d, p, SEMM_ESCHEMA,
						  k == 0 ? "expected a string"
							 : "expected an array "
							   "of strings");
			}
			if (rc < 0)
				return rc;
			semm__jpath_pop(p);
		}
		semm__jpath_pop(p);
	}
	return rc;
}

static int load_label(const semm__jdoc *d, semm__jpath *p,
		      const semm_questionnaire *q, semm__scale *s,
		      semm__strmap *w, const cJSON *l)
{
	char *text = NULL;
	char **syn = NULL;
	size_t n_syn = 0, i;
	double v;
	int rc;

	if (!cJSON_IsObject(l))
		return semm__jfail(d, p, SEMM_ESCHEMA,
				   "expected a label object");
	rc = semm__jcheck_members(d, p, l, label_members);
	if (rc == SEMM_OK)
		rc = semm__jget_number(d, p, l, "value", 1, 0, &v);
	if (rc == SEMM_OK && (v != floor(v) || v < s->min || v > s->max)) {
		semm__jpath_key(p, "value");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "%g is not a point of the scale %d..%d", v,
				 s->min, s->max);
		semm__jpath_pop(p);
		/* checking goes on, but the label is not kept */
		return rc;
	}
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, l, "label", 1, &text);
	if (rc == SEMM_OK) {
		semm__jpath_key(p, "label");
		rc = add_label(d, p, s, w, text, (int)v, 0, 0);
		semm__jpath_pop(p);
	}
	if (rc == SEMM_OK)
		rc = semm__jget_strings(d, p, l, "synonyms", &syn, &n_syn);
	for (i = 0; rc == SEMM_OK && i < n_syn; i++) {
		semm__jpath_key(p, "synonyms");
		semm__jpath_index(p, i);
		rc = add_label(d, p, s, w, syn[i], (int)v, 0, 1);
		semm__jpath_pop(p);
		semm__jpath_pop(p);
	}
	if (rc == SEMM_OK)
		rc = load_label_i18n(d, p, q, s, w, l, (int)v);
	for (i = 1; rc == SEMM_OK && i < q->n_languages; i++) {
		if (!has_label(s, (int)v, i))
			rc = missing_tr(d, p, q, "i18n", i);
	}
	free(text);
	semm__free_strings(syn, n_syn);
	return rc;
}

/* A list of N/A or don't-know codes: keys for matching, texts as
 * written, and the language of each. */
typedef struct code_list {
	char ***keys;
	char ***texts;
	size_t **langs;
	size_t *n;
} code_list;

static int add_code(const semm__jdoc *d, semm__jpath *p, semm__strmap *w,
		    code_list *c, const char *text, size_t lang)
{
	size_t n = *c->n + 1;
	char **keys = realloc(*c->keys, n * sizeof(char *));
	char **texts;
	size_t *langs;

	if (!keys)
		return oom(d);
	*c->keys = keys;
	texts = realloc(*c->texts, n * sizeof(char *));
	if (!texts)
		return oom(d);
	*c->texts = texts;
	langs = realloc(*c->langs, n * sizeof(size_t));
	if (!langs)
		return oom(d);
	*c->langs = langs;
	keys[n - 1] = semm__label_key(text, strlen(text));
	texts[n - 1] = semm__strdup(text);
	langs[n - 1] = lang;
	*c->n = n;
	if (!keys[n - 1] || !texts[n - 1])
		return oom(d);
	return claim_word(d, p, w, keys[n - 1], text);
}

/* Codes of one language: an array of strings at obj[key]. */
static int load_code_array(const semm__jdoc *d, semm__jpath *p, semm__strmap *w,
			   const cJSON *arr, code_list *c, size_t lang)
{
	const cJSON *v;
	size_t i = 0;
	int rc = SEMM_OK;

	if (!cJSON_IsArray(arr))
		return semm__jfatal(d, p, SEMM_ESCHEMA,
				    "expected an array of strings");
	cJSON_ArrayForEach(v, arr)
	{
		semm__jpath_index(p, i++);
		if (!cJSON_IsString(v))
			return semm__jfatal(d, p, SEMM_ESCHEMA,
					    "expected a string");
		rc = add_code(d, p, w, c, v->valuestring, lang);
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
	}
	return rc;
}

/* Whether the code list has a code in language lang. */
static int has_code(const code_list *c, size_t lang)
{
	size_t i;

	for (i = 0; i < *c->n; i++) {
		if ((*c->langs)[i] == lang)
			return 1;
	}
	return 0;
}

/* `key`_i18n {lang: [...]}: the codes in the other languages. */
static int load_code_i18n(const semm__jdoc *d, semm__jpath *p,
			  const semm_questionnaire *q, semm__strmap *w,
			  const cJSON *tr, const char *i18n, code_list *c)
{
	const cJSON *v;
	size_t lang = 0;
	int rc, found;

	semm__jpath_key(p, i18n);
	cJSON_ArrayForEach(v, tr)
	{
		found = lang_index(d, p, q, v->string, &lang);
		if (found < 0)
			return found;
		if (found == 0)
			continue;
		semm__jpath_key(p, v->string);
		rc = load_code_array(d, p, w, v, c, lang);
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

/* N/A or don't-know codes: `key` [...] and `key`_i18n {lang: [...]}. */
static int load_codes(const semm__jdoc *d, semm__jpath *p,
		      const semm_questionnaire *q, semm__strmap *w,
		      const cJSON *obj, const char *key, code_list *c)
{
	char i18n[32];
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key), *tr;
	size_t lang;
	int rc = SEMM_OK;

	if (arr) {
		semm__jpath_key(p, key);
		rc = load_code_array(d, p, w, arr, c, 0);
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
	}
	snprintf(i18n, sizeof(i18n), "%s_i18n", key);
	rc = semm__jget_object(d, p, obj, i18n, 0, &tr);
	if (rc == SEMM_OK && tr)
		rc = load_code_i18n(d, p, q, w, tr, i18n, c);
	for (lang = 1; rc == SEMM_OK && lang < q->n_languages; lang++) {
		if (has_code(c, 0) && !has_code(c, lang))
			rc = missing_tr(d, p, q, i18n, lang);
	}
	return rc;
}

static int load_scale(const semm__jdoc *d, semm__jpath *p,
		      const semm_questionnaire *q, semm__scale *s,
		      const cJSON *obj)
{
	code_list na = { &s->na, &s->na_text, &s->na_lang, &s->n_na };
	code_list dk = { &s->dk, &s->dk_text, &s->dk_lang, &s->n_dk };
	semm__strmap words = { 0 };
	const cJSON *labels = NULL, *l;
	double lo, hi;
	size_t i = 0;
	int rc;

	if (!cJSON_IsObject(obj))
		return semm__jfail(d, p, SEMM_ESCHEMA,
				   "expected a scale object");
	rc = semm__jcheck_members(d, p, obj, scale_members);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "id", 1, &s->id);
	if (rc == SEMM_OK)
		rc = semm__jget_number(d, p, obj, "min", 1, 0, &lo);
	if (rc == SEMM_OK)
		rc = semm__jget_number(d, p, obj, "max", 1, 0, &hi);
	if (rc == SEMM_OK && (lo != floor(lo) || hi != floor(hi) || lo >= hi ||
			      hi - lo + 1 > MAX_SCALE_POINTS ||
			      fabs(lo) > 1e6 || fabs(hi) > 1e6))
		rc = semm__jfatal(d, p, SEMM_EINVALID,
				  "min and max must be integers with min < max "
				  "and at most %d points",
				  MAX_SCALE_POINTS);
	if (rc == SEMM_OK)
		rc = semm__jget_array(d, p, obj, "labels", 0, &labels);
	if (rc < 0)
		goto done;
	s->min = (int)lo;
	s->max = (int)hi;
	semm__jpath_key(p, "labels");
	cJSON_ArrayForEach(l, labels)
	{
		semm__jpath_index(p, i++);
		rc = load_label(d, p, q, s, &words, l);
		if (rc < 0)
			goto done;
		semm__jpath_pop(p);
	}
	semm__jpath_pop(p);
	rc = load_codes(d, p, q, &words, obj, "na", &na);
	if (rc == SEMM_OK)
		rc = load_codes(d, p, q, &words, obj, "dont_know", &dk);
done:
	semm__strmap_free(&words);
	return rc;
}

static int load_scales(const semm__jdoc *d, semm__jpath *p,
		       semm_questionnaire *q, const cJSON *root)
{
	const cJSON *scales, *s;
	size_t i = 0, j;
	int rc = semm__jget_array(d, p, root, "scales", 1, &scales);

	if (rc < 0)
		return rc;
	semm__jpath_key(p, "scales");
	q->n_scales = (size_t)cJSON_GetArraySize(scales);
	if (q->n_scales == 0)
		return semm__jfatal(d, p, SEMM_EINVALID,
				    "at least one answer scale is needed");
	q->scales = calloc(q->n_scales, sizeof(*q->scales));
	if (!q->scales)
		return oom(d);
	cJSON_ArrayForEach(s, scales)
	{
		semm__jpath_index(p, i);
		rc = load_scale(d, p, q, &q->scales[i], s);
		if (rc < 0)
			return rc;
		for (j = 0; j < i && rc == SEMM_OK; j++) {
			if (strcmp(q->scales[j].id, q->scales[i].id) == 0)
				rc = semm__jfail(d, p, SEMM_EINVALID,
						 "duplicate scale id \"%s\"",
						 q->scales[i].id);
		}
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
		i++;
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

static int find_scale(const semm_questionnaire *q, const char *id, size_t *out)
{
	size_t i;

	for (i = 0; i < q->n_scales; i++) {
		if (strcmp(q->scales[i].id, id) == 0) {
			*out = i;
			return 1;
		}
	}
	return 0;
}

/* An item's "i18n" {lang: statement}. */
static int load_item_i18n(const semm__jdoc *d, semm__jpath *p,
			  const semm_questionnaire *q, semm__item *it,
			  const cJSON *tr)
{
	const cJSON *v;
	size_t lang = 0;
	int found;

	semm__jpath_key(p, "i18n");
	cJSON_ArrayForEach(v, tr)
	{
		found = lang_index(d, p, q, v->string, &lang);
		if (found < 0)
			return found;
		if (found == 0)
			continue;
		if (!cJSON_IsString(v)) {
			semm__jpath_key(p, v->string);
			return semm__jfatal(
				d, p, SEMM_ESCHEMA,
				"expected the statement as a string");
		}
		free(it->texts[lang]);
		it->texts[lang] = semm__strdup(v->valuestring);
		if (!it->texts[lang])
			return oom(d);
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

/* An item's statement in each language: "text" and "i18n" {lang: text}. */
static int load_item_texts(const semm__jdoc *d, semm__jpath *p,
			   const semm_questionnaire *q, semm__item *it,
			   const cJSON *obj)
{
	const cJSON *tr;
	size_t lang;
	int rc = semm__jget_object(d, p, obj, "i18n", 0, &tr);

	if (rc < 0)
		return rc;
	it->texts = calloc(q->n_languages, sizeof(char *));
	if (!it->texts)
		return oom(d);
	it->texts[0] = it->text;
	rc = tr ? load_item_i18n(d, p, q, it, tr) : SEMM_OK;
	for (lang = 1; rc == SEMM_OK && lang < q->n_languages; lang++) {
		if (it->text && !it->texts[lang])
			rc = missing_tr(d, p, q, "i18n", lang);
	}
	return rc;
}

static int load_item(const semm__jdoc *d, semm__jpath *p, semm_questionnaire *q,
		     semm__item *it, const cJSON *obj, semm__strmap *ids)
{
	char *scale = NULL;
	int rc;

	if (!cJSON_IsObject(obj))
		return semm__jfail(d, p, SEMM_ESCHEMA,
				   "expected an item object");
	rc = semm__jcheck_members(d, p, obj, item_members);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "id", 1, &it->id);
	if (rc == SEMM_OK) {
		char *key = semm__label_key(it->id, strlen(it->id));

		rc = key ? semm__strmap_put(ids, key, strlen(key), 0, NULL)
			 : SEMM_ENOMEM;
		free(key);
		if (rc == SEMM_ENOMEM)
			return oom(d);
		semm__jpath_key(p, "id");
		if (it->id[0] == '\0')
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "item id must not be empty");
		else if (rc == 0)
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "duplicate item or column id \"%s\" "
					 "(compared without case)",
					 it->id);
		else
			rc = SEMM_OK;
		semm__jpath_pop(p);
	}
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "text", 0, &it->text);
	if (rc == SEMM_OK && it->text) {
		it->text_key = semm__label_key(it->text, strlen(it->text));
		if (!it->text_key)
			return oom(d);
	}
	if (rc == SEMM_OK)
		rc = load_item_texts(d, p, q, it, obj);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "element", 1,
				       &it->element_id);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "scale", 1, &scale);
	if (rc == SEMM_OK && !find_scale(q, scale, &it->scale)) {
		semm__jpath_key(p, "scale");
		rc = semm__jfail(d, p, SEMM_EINVALID, "unknown scale \"%s\"",
				 scale);
		semm__jpath_pop(p);
	}
	free(scale);
	if (rc == SEMM_OK)
		rc = semm__jget_bool(d, p, obj, "reverse", 0, &it->reverse);
	if (rc == SEMM_OK)
		rc = semm__jget_number(d, p, obj, "weight", 0, 1, &it->weight);
	if (rc == SEMM_OK)
		rc = semm__jcheck_weight(d, p, it->weight);
	return rc;
}

static int load_items(const semm__jdoc *d, semm__jpath *p,
		      semm_questionnaire *q, const cJSON *root,
		      semm__strmap *ids)
{
	const cJSON *items, *it;
	size_t i = 0;
	int rc = semm__jget_array(d, p, root, "items", 1, &items);

	if (rc < 0)
		return rc;
	semm__jpath_key(p, "items");
	q->n_items = (size_t)cJSON_GetArraySize(items);
	if (q->n_items == 0)
		return semm__jfatal(d, p, SEMM_EINVALID,
				    "a questionnaire needs at least one item");
	if (q->n_items > SEMM_MAX_ITEMS)
		return semm__jfail(d, p, SEMM_ELIMIT,
				   "%zu items is more than the limit of %d",
				   q->n_items, SEMM_MAX_ITEMS);
	q->items = calloc(q->n_items, sizeof(*q->items));
	if (!q->items)
		return oom(d);
	cJSON_ArrayForEach(it, items)
	{
		semm__jpath_index(p, i);
		rc = load_item(d, p, q, &q->items[i], it, ids);
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
		i++;
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

static int load_role(const semm__jdoc *d, semm__jpath *p, semm_questionnaire *q,
		     const cJSON *meta, int role, semm__strmap *ids)
{
	const cJSON *r;
	int rc = semm__jget_object(d, p, meta, role_names[role], 0, &r);
	char *key;

	if (rc < 0 || !r)
		return rc;
	semm__jpath_key(p, role_names[role]);
	rc = semm__jcheck_members(d, p, r, role_members);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, r, "column", 1,
				       &q->meta_column[role]);
	if (rc == SEMM_OK)
		rc = semm__jget_bool(d, p, r, "required",
				     q->meta_required[role],
				     &q->meta_required[role]);
	if (rc < 0)
		return rc;
	key = semm__label_key(q->meta_column[role],
			      strlen(q->meta_column[role]));
	rc = key ? semm__strmap_put(ids, key, strlen(key), 0, NULL)
		 : SEMM_ENOMEM;
	free(key);
	if (rc == SEMM_ENOMEM)
		return oom(d);
	if (rc == 0 || q->meta_column[role][0] == '\0') {
		semm__jpath_key(p, "column");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "column \"%s\" is empty or already used",
				 q->meta_column[role]);
		semm__jpath_pop(p);
		if (rc < 0)
			return rc;
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

static int load_metadata(const semm__jdoc *d, semm__jpath *p,
			 semm_questionnaire *q, const cJSON *root,
			 semm__strmap *ids)
{
	const cJSON *meta, *m;
	int rc = semm__jget_object(d, p, root, "metadata", 0, &meta);
	int role;

	if (rc < 0 || !meta)
		return rc;
	semm__jpath_key(p, "metadata");
	cJSON_ArrayForEach(m, meta)
	{
		for (role = 0; role < SEMM_META_COUNT; role++) {
			if (strcmp(m->string, role_names[role]) == 0)
				break;
		}
		if (role == SEMM_META_COUNT) {
			semm__jpath_key(p, m->string);
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "unknown metadata role \"%s\" "
					 "(expected respondent, organization, "
					 "unit, role or date)",
					 m->string);
			semm__jpath_pop(p);
			if (rc < 0)
				return rc;
		}
	}
	for (role = 0; role < SEMM_META_COUNT; role++) {
		rc = load_role(d, p, q, meta, role, ids);
		if (rc < 0)
			return rc;
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

/* "languages": the codes of the texts; without it, one unnamed
 * language. */
static int load_languages(const semm__jdoc *d, semm__jpath *p,
			  semm_questionnaire *q, const cJSON *root)
{
	size_t i, j;
	int rc = semm__jget_strings(d, p, root, "languages", &q->languages,
				    &q->n_languages);

	if (rc < 0)
		return rc;
	if (!q->languages) {
		q->n_languages = 1;
		q->languages = calloc(1, sizeof(char *));
		if (!q->languages)
			return oom(d);
		q->languages[0] = semm__strdup("default");
		return q->languages[0] ? SEMM_OK : oom(d);
	}
	q->languages_listed = 1;
	semm__jpath_key(p, "languages");
	if (q->n_languages == 0)
		return semm__jfatal(d, p, SEMM_EINVALID,
				    "name at least one language");
	for (i = 0; i < q->n_languages && rc == SEMM_OK; i++) {
		for (j = 0; j < i && rc == SEMM_OK; j++) {
			if (strcmp(q->languages[i], q->languages[j]) == 0) {
				semm__jpath_index(p, i);
				rc = semm__jfail(d, p, SEMM_EINVALID,
						 "language \"%s\" is listed "
						 "twice",
						 q->languages[i]);
				semm__jpath_pop(p);
			}
		}
	}
	semm__jpath_pop(p);
	return rc;
}

/* Whether a questionnaire id makes a safe file name (semm template
 * writes ID-template.csv): letters, digits, '-', '_' and '.', not
 * starting with '.', at most SEMM_ID_FILE_MAX bytes. */
#define SEMM_ID_FILE_MAX 100

static int safe_file_id(const char *id)
{
	size_t k;

	for (k = 0; id[k]; k++) {
		char c = id[k];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.'))
			return 0;
	}
	return k > 0 && k <= SEMM_ID_FILE_MAX && id[0] != '.';
}

static int load_header(const semm__jdoc *d, semm__jpath *p,
		       semm_questionnaire *q, const cJSON *root)
{
	const cJSON *model;
	int rc = semm__jget_string(d, p, root, "id", 1, &q->id);

	if (rc == SEMM_OK && !safe_file_id(q->id)) {
		semm__jpath_key(p, "id");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "not a safe file name: use letters, digits, "
				 "'-', '_' and '.', not starting with '.', at "
				 "most %d bytes",
				 SEMM_ID_FILE_MAX);
		semm__jpath_pop(p);
	}

	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, root, "version", 1, &q->version);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, root, "title", 0, &q->title);
	if (rc == SEMM_OK)
		rc = load_languages(d, p, q, root);
	if (rc == SEMM_OK)
		rc = semm__jget_object(d, p, root, "model", 1, &model);
	if (rc == SEMM_OK) {
		semm__jpath_key(p, "model");
		rc = semm__jcheck_members(d, p, model, model_ref_members);
		if (rc == SEMM_OK)
			rc = semm__jget_string(d, p, model, "id", 1,
					       &q->model_id);
		if (rc == SEMM_OK)
			rc = semm__jget_string(d, p, model, "version", 0,
					       &q->model_version);
		semm__jpath_pop(p);
	}
	if (rc == SEMM_OK)
		rc = semm__jget_number(d, p, root, "coverage_min", 0, NAN,
				       &q->coverage_min);
	if (rc == SEMM_OK && !isnan(q->coverage_min) &&
	    !(q->coverage_min > 0 && q->coverage_min <= 1)) {
		semm__jpath_key(p, "coverage_min");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "must be greater than 0 and at most 1");
		semm__jpath_pop(p);
	}
	if (rc == SEMM_OK)
		rc = semm__jget_strings(d, p, root, "scope", &q->scope,
					&q->n_scope);
	if (rc == SEMM_OK && q->scope && q->n_scope == 0) {
		semm__jpath_key(p, "scope");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "an empty scope assesses nothing (leave "
				 "\"scope\" out to assess the whole model)");
		semm__jpath_pop(p);
	}
	return rc;
}

/* Without a respondent column of its own, a questionnaire has the
 * required column "respondent_id", which then no item may be named. */
static int default_respondent(const semm__jdoc *d, semm_questionnaire *q,
			      semm__strmap *ids)
{
	static const char name[] = "respondent_id";
	int rc;

	if (q->meta_column[SEMM_META_RESPONDENT])
		return SEMM_OK;
	q->meta_column[SEMM_META_RESPONDENT] = semm__strdup(name);
	if (!q->meta_column[SEMM_META_RESPONDENT])
		return oom(d);
	rc = semm__strmap_put(ids, name, strlen(name), 0, NULL);
	return rc == SEMM_ENOMEM ? oom(d) : SEMM_OK;
}

static int load_questionnaire(const semm__jdoc *d, semm_questionnaire *q,
			      const cJSON *root)
{
	semm__jpath p = { 0 };
	semm__strmap ids = { 0 };
	int rc = semm__json_check_format(d, root, "semm-questionnaire", 1);

	q->meta_required[SEMM_META_RESPONDENT] = 1;
	if (rc == SEMM_OK)
		rc = semm__jcheck_members(d, &p, root, questionnaire_members);
	if (rc == SEMM_OK)
		rc = load_header(d, &p, q, root);
	if (rc == SEMM_OK)
		rc = load_metadata(d, &p, q, root, &ids);
	if (rc == SEMM_OK)
		rc = default_respondent(d, q, &ids);
	if (rc == SEMM_OK)
		rc = load_scales(d, &p, q, root);
	if (rc == SEMM_OK)
		rc = load_items(d, &p, q, root, &ids);
	semm__strmap_free(&ids);
	return rc;
}

static int load_text(semm_questionnaire **out, const semm__jdoc *d)
{
	semm_questionnaire *q = NULL;
	cJSON *root = NULL;
	int rc;

	*out = NULL;
	rc = semm__json_parse(d, &root);
	if (rc < 0)
		goto done;
	q = calloc(1, sizeof(*q));
	if (!q) {
		rc = oom(d);
		goto done;
	}
	rc = load_questionnaire(d, q, root);
	if (rc == SEMM_OK)
		rc = semm__collected(d);
	if (rc < 0)
		goto done;
	q->text = semm__strndup(d->text, d->len);
	q->text_len = d->len;
	q->source = semm__strdup(d->source);
	if (!q->text || !q->source) {
		rc = oom(d);
		goto done;
	}
	*out = q;
	q = NULL;
done:
	semm_questionnaire_free(q);
	cJSON_Delete(root);
	return rc;
}

int semm_questionnaire_from_buffer(semm_questionnaire **out, const char *data,
				   size_t len, const char *source,
				   semm_error *err)
{
	semm__jdoc d = { data, len, source ? source : "<questionnaire>", err,
			 NULL };

	return load_text(out, &d);
}

static int parse_questionnaire(void *out, const char *data, size_t len,
			       const char *source, semm_error *err)
{
	return semm_questionnaire_from_buffer(out, data, len, source, err);
}

int semm_questionnaire_from_file(semm_questionnaire **out, const char *path,
				 semm_error *err)
{
	*out = NULL;
	return semm__parse_file(path, parse_questionnaire, out, err);
}

static int bind_fail(const semm_questionnaire *q, semm__collector *c,
		     semm_error *err, const char *k1, size_t index,
		     const char *k2, const char *message)
{
	semm__jdoc d = { q->text, q->text_len, q->source, err, c };
	semm__jpath p = { 0 };

	semm__jpath_key(&p, k1);
	if (k2) { /* "" names the array entry itself */
		semm__jpath_index(&p, index);
		if (*k2)
			semm__jpath_key(&p, k2);
	}
	if (!c)
		return semm__jfatal(&d, &p, SEMM_EINVALID, "%s", message);
	return semm__jfail(&d, &p, SEMM_EINVALID, "%s", message);
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

/* Counts items per element; each unknown element is one problem. */
static int count_items(semm_questionnaire *q, const semm_model *m,
		       semm__collector *c, size_t *counts, semm_error *err)
{
	char msg[SEMM_ERROR_MESSAGE_MAX / 2];
	size_t i;
	int rc = SEMM_OK;

	for (i = 0; i < q->n_items && rc == SEMM_OK; i++) {
		if (find_element(m, q->items[i].element_id,
				 &q->items[i].element)) {
			counts[q->items[i].element]++;
			continue;
		}
		snprintf(msg, sizeof(msg),
			 "unknown element \"%s\" (not in "
			 "model \"%s\")",
			 q->items[i].element_id, m->id);
		rc = bind_fail(q, c, err, "items", i, "element", msg);
	}
	for (i = 0; i < m->n_elems && rc == SEMM_OK; i++) {
		if (counts[i] > 0)
			continue;
		snprintf(msg, sizeof(msg),
			 "element \"%s\" of model \"%s\" "
			 "has no item",
			 m->elems[i].id, m->id);
		rc = bind_fail(q, c, err, "items", 0, NULL, msg);
	}
	return rc;
}

/* Each id of "scope" names a dimension or an element of the model. */
static int check_scope(const semm_questionnaire *q, const semm_model *m,
		       semm__collector *c, semm_error *err)
{
	char msg[SEMM_ERROR_MESSAGE_MAX / 2];
	size_t i, k;
	int rc = SEMM_OK;

	for (i = 0; i < q->n_scope && rc == SEMM_OK; i++) {
		int found = find_element(m, q->scope[i], &k);

		for (k = 0; !found && k < m->n_dims; k++)
			found = strcmp(m->dims[k].id, q->scope[i]) == 0;
		if (found || !q->scope[i])
			continue;
		snprintf(msg, sizeof(msg),
			 "\"%s\" is neither a dimension nor an element of "
			 "model \"%s\"",
			 q->scope[i], m->id);
		rc = bind_fail(q, c, err, "scope", i, "", msg);
	}
	return rc;
}

static int bind(semm_questionnaire *q, const semm_model *m, semm__collector *c,
		semm_error *err)
{
	char msg[SEMM_ERROR_MESSAGE_MAX / 2];
	size_t before = c ? c->count : 0;
	size_t *counts;
	int rc;

	if (strcmp(q->model_id, m->id) != 0) {
		snprintf(msg, sizeof(msg),
			 "the questionnaire scores model "
			 "\"%s\", not \"%s\"",
			 q->model_id, m->id);
		return bind_fail(q, NULL, err, "model", 0, NULL, msg);
	}
	if (q->model_version && strcmp(q->model_version, m->version) != 0) {
		snprintf(msg, sizeof(msg),
			 "the questionnaire needs model "
			 "version \"%s\", the model is version \"%s\"",
			 q->model_version, m->version);
		rc = bind_fail(q, c, err, "model", 0, NULL, msg);
		if (rc < 0)
			return rc;
	}
	counts = calloc(m->n_elems, sizeof(*counts));
	if (!counts)
		return semm__fail(err, SEMM_ENOMEM, q->source, 0, 0,
				  "out of memory");
	rc = count_items(q, m, c, counts, err);
	if (rc == SEMM_OK)
		rc = check_scope(q, m, c, err);
	if (rc == SEMM_OK && c && c->count > before)
		rc = semm__fail(err, SEMM_EINVALID, q->source, 0, 0,
				"%zu problem%s found", c->count - before,
				c->count - before == 1 ? "" : "s");
	if (rc < 0) {
		free(counts);
		return rc;
	}
	free(q->elem_items);
	q->elem_items = counts;
	q->model = m;
	return SEMM_OK;
}

int semm_questionnaire_bind(semm_questionnaire *q, const semm_model *m,
			    semm_error *err)
{
	return bind(q, m, NULL, err);
}

int semm_questionnaire_check(const char *data, size_t len, const char *source,
			     const semm_model *model, semm_check_fn fn,
			     void *ctx, semm_questionnaire **out,
			     semm_error *err)
{
	semm__collector c = { fn, ctx, 0 };
	semm__jdoc d = { data, len, source ? source : "<questionnaire>", err,
			 &c };
	semm_questionnaire *q = NULL;
	int rc = load_text(&q, &d);

	if (rc == SEMM_OK && model)
		rc = bind(q, model, &c, err);
	if (rc < 0) {
		semm_questionnaire_free(q);
		q = NULL;
	}
	if (out)
		*out = q;
	else
		semm_questionnaire_free(q);
	return rc;
}

const char *semm_questionnaire_id(const semm_questionnaire *q)
{
	return q->id;
}

const char *semm_questionnaire_version(const semm_questionnaire *q)
{
	return q->version;
}

const char *semm_questionnaire_model_id(const semm_questionnaire *q)
{
	return q->model_id;
}

size_t semm_questionnaire_item_count(const semm_questionnaire *q)
{
	return q->n_items;
}

const char *semm_questionnaire_item_id(const semm_questionnaire *q, size_t i)
{
	return i < q->n_items ? q->items[i].id : NULL;
}

int semm_questionnaire_language(const semm_questionnaire *q, const char *code,
				size_t *index)
{
	size_t i;

	for (i = 0; i < q->n_languages; i++) {
		if (strcmp(q->languages[i], code) == 0) {
			*index = i;
			return SEMM_OK;
		}
	}
	return SEMM_EARG;
}

size_t semm_questionnaire_language_count(const semm_questionnaire *q)
{
	return q->languages_listed ? q->n_languages : 0;
}

const char *semm_questionnaire_language_code(const semm_questionnaire *q,
					     size_t i)
{
	return q->languages_listed && i < q->n_languages ? q->languages[i]
							 : NULL;
}

const char *semm_questionnaire_meta_column(const semm_questionnaire *q,
					   semm_meta_role role)
{
	return (unsigned)role < SEMM_META_COUNT ? q->meta_column[role] : NULL;
}
