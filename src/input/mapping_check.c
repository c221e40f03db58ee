/*
 * mapping_check.c - `semm validate` for mapping files: a mapping checked
 * against its questionnaire, every broken rule reported with the JSON path
 * and position of the value at fault (semm_mapping_check). It sits with
 * the readers because it asks of each answer text what the reader would
 * make of it (semm__scale_cell).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "defs/defs_json.h"
#include "input/input.h"

/* What the columns give items and roles: the header of the first column
 * given each (to name it when a second one is); and the answer texts
 * already reported as unread, by scale, so that a text many columns list
 * is reported once. */
typedef struct taken {
	const char **item; /* per item */
	const char *role[SEMM_META_COUNT];
	semm__strmap unread; /* "scale index:label key" */
} taken;

/* Whether text was reported unread on scale s before (else it is now
 * marked); 1, 0 or SEMM_ENOMEM. */
static int reported(taken *t, size_t scale, const char *text)
{
	char *key = semm__label_key(text, strlen(text));
	semm__buf b = { 0 };
	char prefix[32];
	int rc, n = snprintf(prefix, sizeof(prefix), "%zu:", scale);

	rc = key ? semm__buf_append(&b, prefix, (size_t)n) : SEMM_ENOMEM;
	if (rc == SEMM_OK)
		rc = semm__buf_append(&b, key, strlen(key));
	if (rc == SEMM_OK)
		rc = semm__strmap_put(&t->unread, b.data, b.len, 0, NULL);
	free(key);
	semm__buf_free(&b);
	return rc < 0 ? rc : rc == 0;
}

/* The "item" of a columns member: the member itself or its "item". */
static const cJSON *entry_item(const cJSON *v, int *in_object)
{
	*in_object = cJSON_IsObject(v);
	return *in_object ? cJSON_GetObjectItemCaseSensitive(v, "item") : v;
}

/* Item index (>= 0), metadata role (-2 - role) or -1 for a name, compared
 * exactly as a mapping is applied (columns.c). */
static long target_of(const semm_questionnaire *q, const char *name)
{
	size_t i;
	int role;

	for (i = 0; i < q->n_items; i++) {
		if (strcmp(q->items[i].id, name) == 0)
			return (long)i;
	}
	for (role = 0; role < SEMM_META_COUNT; role++) {
		if (strcmp(semm_meta_role_name((semm_meta_role)role), name) ==
		    0)
			return -2 - role;
	}
	return -1;
}

static int check_target(const semm__jdoc *d, semm__jpath *p,
			const semm_questionnaire *q, const cJSON *member,
			const char *name, taken *t)
{
	char shown[SEMM__QUOTE_BUF], header[SEMM__QUOTE_BUF];
	long target = target_of(q, name);
	const char **first;

	semm__shorten(name, strlen(name), shown, sizeof(shown));
	if (target == -1)
		return semm__jfail(d, p, SEMM_EINVALID,
				   "\"%s\" is neither an item of questionnaire "
				   "\"%s\" nor a metadata role (respondent, "
				   "organization, unit, role, date)",
				   shown, q->id);
	first = target >= 0 ? &t->item[target] : &t->role[-2 - target];
	if (!*first) {
		*first = member->string;
		return SEMM_OK;
	}
	semm__shorten(*first, strlen(*first), header, sizeof(header));
	return semm__jfail(d, p, SEMM_EINVALID,
			   "%s %s is also given to column \"%s\": a column "
			   "each",
			   target >= 0 ? "item" : "metadata role", shown,
			   header);
}

static int unfilled_answer(const semm_mapping *m, const char *text)
{
	size_t i;

	for (i = 0; i < m->n_unfilled; i++) {
		if (semm__label_matches(text, strlen(text), m->unfilled[i]))
			return 1;
	}
	return 0;
}

/* The texts an item column lists must read as answers: else respondents
 * who gave them would be rejected. Each text is reported once per scale,
 * where it is first listed. */
static int check_seen(const semm__jdoc *d, semm__jpath *p,
		      const semm_questionnaire *q, const semm_mapping *m,
		      const cJSON *entry, size_t item, taken *t)
{
	const semm__scale *s = semm__item_scale(q, item);
	const cJSON *seen =
		cJSON_GetObjectItemCaseSensitive(entry, "answers_seen");
	const cJSON *a;
	char shown[SEMM__QUOTE_BUF];
	size_t i = 0;
	uint8_t code;
	double v;
	int rc = SEMM_OK, known;

	semm__jpath_key(p, "answers_seen");
	cJSON_ArrayForEach(a, seen)
	{
		const char *text = a->valuestring;

		semm__jpath_index(p, i++);
		/* decimal commas either way: the delimiter is not known */
		known = semm__scale_cell(s, m, 1, text, strlen(text), &code,
					 &v) != SEMM__CELL_TEXT ||
			unfilled_answer(m, text);
		rc = known ? 1 : reported(t, q->items[item].scale, text);
		if (rc == 0)
			rc = semm__jfail(
				d, p, SEMM_EINVALID,
				"\"%s\" is not an answer of scale \"%s\" (item "
				"%s, and any other column that lists it): add "
				"it to \"answers\" with the scale value it "
				"stands for",
				semm__shorten(text, strlen(text), shown,
					      sizeof(shown)),
				s->id, q->items[item].id);
		else if (rc == 1)
			rc = SEMM_OK;
		if (rc == SEMM_ENOMEM)
			rc = semm__fail(d->err, rc, d->source, 0, 0,
					"out of memory");
		semm__jpath_pop(p);
		if (rc < 0)
			break;
	}
	semm__jpath_pop(p);
	return rc;
}

static int check_entry(const semm__jdoc *d, semm__jpath *p,
		       const semm_questionnaire *q, const semm_mapping *m,
		       const cJSON *v, taken *t)
{
	int in_object, rc;
	const cJSON *item = entry_item(v, &in_object);
	long target;

	if (!cJSON_IsString(item))
		return SEMM_OK;
	if (in_object)
		semm__jpath_key(p, "item");
	rc = check_target(d, p, q, v, item->valuestring, t);
	if (in_object)
		semm__jpath_pop(p);
	target = target_of(q, item->valuestring);
	if (rc == SEMM_OK && in_object && target >= 0)
		rc = check_seen(d, p, q, m, v, (size_t)target, t);
	return rc;
}

static int check_columns(const semm__jdoc *d, const cJSON *root,
			 const semm_questionnaire *q, const semm_mapping *m)
{
	const cJSON *columns =
		cJSON_GetObjectItemCaseSensitive(root, "columns");
	semm__jpath p = { 0 };
	semm__strmap headers = { 0 };
	taken t = { NULL, { NULL }, { 0 } };
	const cJSON *v;
	char shown[SEMM__QUOTE_BUF];
	int rc = SEMM_OK;

	t.item = calloc(q->n_items ? q->n_items : 1, sizeof(*t.item));
	if (!t.item)
		return semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
				  "out of memory");
	semm__jpath_key(&p, "columns");
	cJSON_ArrayForEach(v, columns)
	{
		char *key = semm__label_key(v->string, strlen(v->string));

		rc = key ? semm__strmap_put(&headers, key, strlen(key), 0, NULL)
			 : SEMM_ENOMEM;
		free(key);
		if (rc < 0) {
			rc = semm__fail(d->err, rc, d->source, 0, 0,
					"out of memory");
			break;
		}
		semm__jpath_key(&p, v->string);
		if (rc == 0)
			rc = semm__jfail(
				d, &p, SEMM_EINVALID,
				"column \"%s\" is listed twice (headers are "
				"compared without case and surrounding blanks)",
				semm__shorten(v->string, strlen(v->string),
					      shown, sizeof(shown)));
		else
			rc = check_entry(d, &p, q, m, v, &t);
		semm__jpath_pop(&p);
		if (rc < 0)
			break;
	}
	semm__strmap_free(&headers);
	semm__strmap_free(&t.unread);
	free(t.item);
	return rc;
}

/* Whether text is among the "answers_seen" of entry. */
static int seen_in(const cJSON *entry, const char *key)
{
	const cJSON *a;

	cJSON_ArrayForEach(
		a, cJSON_GetObjectItemCaseSensitive(entry, "answers_seen"))
	{
		if (semm__label_matches(a->valuestring, strlen(a->valuestring),
					key))
			return 1;
	}
	return 0;
}

static int on_scale(const semm__scale *s, double v)
{
	return v == floor(v) && v >= s->min && v <= s->max;
}

/* The value of answer `key` on the scale of every item whose column
 * lists it; on some scale of q when no column does. */
static int check_value(const semm__jdoc *d, semm__jpath *p, const cJSON *root,
		       const semm_questionnaire *q, const char *text,
		       const char *key, double v)
{
	const cJSON *columns =
		cJSON_GetObjectItemCaseSensitive(root, "columns");
	const cJSON *e;
	char shown[SEMM__QUOTE_BUF];
	int listed = 0, in_object;
	size_t i;

	semm__shorten(text, strlen(text), shown, sizeof(shown));
	cJSON_ArrayForEach(e, columns)
	{
		const cJSON *item = entry_item(e, &in_object);
		long target = cJSON_IsString(item)
				      ? target_of(q, item->valuestring)
				      : -1;
		const semm__scale *s;

		if (!in_object || target < 0 || !seen_in(e, key))
			continue;
		listed = 1;
		s = semm__item_scale(q, (size_t)target);
		if (!on_scale(s, v))
			return semm__jfail(d, p, SEMM_EINVALID,
					   "answer \"%s\" is %g, not a point "
					   "of scale \"%s\" (%d..%d) of item "
					   "%s, whose column lists it",
					   shown, v, s->id, s->min, s->max,
					   q->items[target].id);
	}
	for (i = 0; !listed && i < q->n_scales; i++) {
		if (on_scale(&q->scales[i], v))
			return SEMM_OK;
	}
	if (listed)
		return SEMM_OK;
	if (q->n_scales == 1)
		return semm__jfail(d, p, SEMM_EINVALID,
				   "answer \"%s\" is %g, not a point of scale "
				   "\"%s\" (%d..%d)",
				   shown, v, q->scales[0].id, q->scales[0].min,
				   q->scales[0].max);
	return semm__jfail(d, p, SEMM_EINVALID,
			   "answer \"%s\" is %g, not a point of any scale of "
			   "questionnaire \"%s\"",
			   shown, v, q->id);
}

static int check_answers(const semm__jdoc *d, const cJSON *root,
			 const semm_questionnaire *q)
{
	const cJSON *answers =
		cJSON_GetObjectItemCaseSensitive(root, "answers");
	semm__jpath p = { 0 };
	const cJSON *v;
	char shown[SEMM__QUOTE_BUF];
	double number;
	int rc = SEMM_OK;

	semm__jpath_key(&p, "answers");
	cJSON_ArrayForEach(v, answers)
	{
		char *key;

		if (!cJSON_IsNumber(v))
			continue;
		semm__jpath_key(&p, v->string);
		key = semm__label_key(v->string, strlen(v->string));
		if (!key)
			rc = semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
					"out of memory");
		else if (semm__parse_number(v->string, strlen(v->string),
					    &number))
			rc = semm__jfail(
				d, &p, SEMM_EINVALID,
				"answer \"%s\" is a number, which is read as "
				"itself: this entry is never used",
				semm__shorten(v->string, strlen(v->string),
					      shown, sizeof(shown)));
		else
			rc = check_value(d, &p, root, q, v->string, key,
					 v->valuedouble);
		free(key);
		semm__jpath_pop(&p);
		if (rc < 0)
			break;
	}
	return rc;
}

/* A mapping made for another questionnaire (its headers and answers are
 * those of another survey). */
static int check_questionnaire(const semm__jdoc *d, const semm_mapping *m,
			       const semm_questionnaire *q)
{
	semm__jpath p = { 0 };
	char shown[SEMM__QUOTE_BUF];

	if (!m->questionnaire || strcmp(m->questionnaire, q->id) == 0)
		return SEMM_OK;
	semm__jpath_key(&p, "questionnaire");
	return semm__jfail(d, &p, SEMM_EINVALID,
			   "the mapping was made for questionnaire \"%s\", not "
			   "\"%s\"",
			   semm__shorten(m->questionnaire,
					 strlen(m->questionnaire), shown,
					 sizeof(shown)),
			   q->id);
}

int semm_mapping_check(const char *data, size_t len, const char *source,
		       const semm_questionnaire *q, semm_check_fn fn, void *ctx,
		       semm_mapping **out, semm_error *err)
{
	semm__collector c = { fn, ctx, 0 };
	semm__jdoc d = { data, len, source ? source : "<mapping>", err,
			 fn ? &c : NULL };
	semm_mapping *m = NULL;
	cJSON *root = NULL;
	int rc;

	if (out)
		*out = NULL;
	rc = semm__json_parse(&d, &root);
	if (rc == SEMM_OK)
		rc = semm__mapping_load(&d, root, &m);
	if (rc == SEMM_OK && q)
		rc = check_questionnaire(&d, m, q);
	if (rc == SEMM_OK && q)
		rc = check_columns(&d, root, q, m);
	if (rc == SEMM_OK && q)
		rc = check_answers(&d, root, q);
	if (rc == SEMM_OK)
		rc = semm__collected(&d);
	cJSON_Delete(root);
	if (rc == SEMM_OK && out)
		*out = m;
	else
		semm_mapping_free(m);
	return rc;
}
