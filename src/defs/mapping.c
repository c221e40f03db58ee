/*
 * mapping.c - loads "semm-mapping/1" files, which map the headers and
 * answer texts of an arbitrary survey export to a questionnaire:
 *
 *   { "format": "semm-mapping/1",
 *     "questionnaire": "iso23592-self-assessment",
 *     "respondent": "Response ID",
 *     "columns": { "How clear is our vision?": "Q01", "Browser": null,
 *                  "Item 2": { "item": "Q02", "matched_by": "statement",
 *                              "column": 4, "answers_seen": ["Agree"] },
 *                  "StartDate": { "matched_by": "tool", "column": 1 } },
 *     "answers": { "Strongly agree": 5, "A1": null } }
 *
 * A column entry is an item id or metadata role, null (ignore the
 * column), or an object (what `semm mapping init` writes) whose "item"
 * says the same; an object without "item" only describes a column that
 * the usual rules place, and its other members are information for the
 * user. An answer whose value is null is not filled in yet: loading fails
 * naming it (a checking load reports every one). Headers and answers are
 * compared without case and surrounding blanks.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "defs/defs_json.h"

static const char *const mapping_members[] = { "format",     "questionnaire",
					       "respondent", "organization",
					       "columns",    "answers",
					       NULL };

static const char *const entry_members[] = {
	"item",		"matched_by",	"column", "tool",
	"answers_seen", "answers_more", NULL
};

/* The largest column number or count taken as an exact integer. */
#define COUNT_MAX 1e15

void semm_mapping_free(semm_mapping *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; m->columns && i < m->n_columns; i++) {
		free(m->columns[i].key);
		free(m->columns[i].value);
	}
	for (i = 0; m->answers && i < m->n_answers; i++)
		free(m->answers[i].key);
	semm__free_strings(m->unfilled, m->n_unfilled);
	free(m->columns);
	free(m->answers);
	free(m->respondent);
	free(m->organization);
	free(m->questionnaire);
	free(m);
}

const char *semm_mapping_questionnaire(const semm_mapping *m)
{
	return m ? m->questionnaire : NULL;
}

static int oom(const semm__jdoc *d)
{
	return semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
			  "out of memory");
}

static int is_count(const cJSON *v, double min)
{
	return cJSON_IsNumber(v) && v->valuedouble == floor(v->valuedouble) &&
	       v->valuedouble >= min && v->valuedouble <= COUNT_MAX;
}

/* "column": a number from 1, or a non-empty list of them (a header that
 * the export repeats). */
static int check_column_numbers(const semm__jdoc *d, semm__jpath *p,
				const cJSON *v)
{
	const cJSON *e;
	int ok = is_count(v, 1);

	if (!ok && cJSON_IsArray(v) && cJSON_GetArraySize(v) > 0) {
		ok = 1;
		cJSON_ArrayForEach(e, v) ok &= is_count(e, 1);
	}
	return ok ? SEMM_OK
		  : semm__jfatal(d, p, SEMM_ESCHEMA,
				 "expected the column's number (1 for the "
				 "first), or a list of them");
}

static int check_strings(const semm__jdoc *d, semm__jpath *p, const cJSON *v)
{
	const cJSON *e;
	int ok = cJSON_IsArray(v);

	cJSON_ArrayForEach(e, v) ok &= cJSON_IsString(e);
	return ok ? SEMM_OK
		  : semm__jfatal(d, p, SEMM_ESCHEMA,
				 "expected a list of answer texts");
}

/* The informational members of an object entry: right types only. */
static int check_entry_info(const semm__jdoc *d, semm__jpath *p,
			    const cJSON *obj)
{
	const cJSON *v;
	int rc = SEMM_OK;

	cJSON_ArrayForEach(v, obj)
	{
		semm__jpath_key(p, v->string);
		if (strcmp(v->string, "column") == 0)
			rc = check_column_numbers(d, p, v);
		else if (strcmp(v->string, "answers_seen") == 0)
			rc = check_strings(d, p, v);
		else if (strcmp(v->string, "answers_more") == 0 &&
			 !is_count(v, 0))
			rc = semm__jfatal(d, p, SEMM_ESCHEMA,
					  "expected the number of other "
					  "answer texts");
		else if ((strcmp(v->string, "matched_by") == 0 ||
			  strcmp(v->string, "tool") == 0) &&
			 !cJSON_IsString(v))
			rc = semm__jfatal(d, p, SEMM_ESCHEMA,
					  "expected a string");
		semm__jpath_pop(p);
		if (rc < 0)
			return rc;
	}
	return SEMM_OK;
}

/*
 * One member of "columns": sets pair->value (NULL: ignore the column)
 * and *placed, or leaves *placed 0 for an object without "item".
 */
static int load_column(const semm__jdoc *d, semm__jpath *p, const cJSON *v,
		       semm__pair *pair, int *placed)
{
	int rc, object = cJSON_IsObject(v);

	*placed = 0;
	if (object) {
		rc = semm__jcheck_members(d, p, v, entry_members);
		if (rc == SEMM_OK)
			rc = check_entry_info(d, p, v);
		if (rc < 0)
			return rc;
		v = cJSON_GetObjectItemCaseSensitive(v, "item");
		if (!v)
			return SEMM_OK;
		semm__jpath_key(p, "item");
	}
	if (!cJSON_IsNull(v) && !cJSON_IsString(v))
		return semm__jfatal(d, p, SEMM_ESCHEMA,
				    "expected an item id or metadata role, "
				    "null to ignore the column, or an object "
				    "with \"item\"");
	if (object)
		semm__jpath_pop(p);
	*placed = 1;
	if (cJSON_IsNull(v))
		return SEMM_OK;
	pair->value = semm__strdup(v->valuestring);
	return pair->value ? SEMM_OK : oom(d);
}

static int load_columns(const semm__jdoc *d, semm__jpath *p, const cJSON *root,
			semm_mapping *m)
{
	const cJSON *obj, *v;
	int rc = semm__jget_object(d, p, root, "columns", 0, &obj);
	int placed;

	if (rc < 0 || !obj)
		return rc;
	m->columns = calloc((size_t)cJSON_GetArraySize(obj) + 1,
			    sizeof(*m->columns));
	if (!m->columns)
		return oom(d);
	semm__jpath_key(p, "columns");
	cJSON_ArrayForEach(v, obj)
	{
		semm__pair *pair = &m->columns[m->n_columns];

		semm__jpath_key(p, v->string);
		rc = load_column(d, p, v, pair, &placed);
		if (rc == SEMM_OK && placed) {
			pair->key =
				semm__label_key(v->string, strlen(v->string));
			rc = pair->key ? SEMM_OK : oom(d);
		}
		if (placed)
			m->n_columns++; /* freed with the mapping */
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

/* An answer without a value: a checking load lists it and goes on (its
 * key kept in m->unfilled), any other load stops at the first. */
static int unfilled(const semm__jdoc *d, semm__jpath *p, const cJSON *v,
		    size_t others, semm_mapping *m)
{
	char shown[SEMM__QUOTE_BUF], more[96] = "";
	char *key;

	if (!d->collect && others)
		snprintf(more, sizeof(more), " (%zu more answer%s no value)",
			 others, others == 1 ? " has" : "s have");
	semm__shorten(v->string, strlen(v->string), shown, sizeof(shown));
	if (d->collect) {
		key = semm__label_key(v->string, strlen(v->string));
		if (!key)
			return oom(d);
		m->unfilled[m->n_unfilled++] = key;
	}
	return semm__jfail(d, p, SEMM_EINVALID,
			   "answer \"%s\" has no value yet: give the scale "
			   "value it stands for%s",
			   shown, more);
}

static int load_answers(const semm__jdoc *d, semm__jpath *p, const cJSON *root,
			semm_mapping *m)
{
	const cJSON *obj, *v;
	size_t n = 0, nulls = 0, seen = 0;
	int rc = semm__jget_object(d, p, root, "answers", 0, &obj);

	if (rc < 0 || !obj)
		return rc;
	cJSON_ArrayForEach(v, obj)
	{
		n++;
		nulls += cJSON_IsNull(v) ? 1u : 0u;
	}
	m->answers = calloc(n + 1, sizeof(*m->answers));
	m->unfilled = calloc(nulls + 1, sizeof(*m->unfilled));
	if (!m->answers || !m->unfilled)
		return oom(d);
	semm__jpath_key(p, "answers");
	cJSON_ArrayForEach(v, obj)
	{
		semm__pair *pair = &m->answers[m->n_answers];

		semm__jpath_key(p, v->string);
		if (cJSON_IsNull(v)) {
			seen++;
			rc = unfilled(d, p, v, nulls - seen, m);
		} else if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
			rc = semm__jfatal(d, p, SEMM_ESCHEMA,
					  "expected the scale value the "
					  "answer stands for (a number)");
		} else {
			pair->number = v->valuedouble;
			pair->key =
				semm__label_key(v->string, strlen(v->string));
			rc = pair->key ? SEMM_OK : oom(d);
			m->n_answers++;
		}
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

int semm__mapping_load(const semm__jdoc *d, const cJSON *root,
		       semm_mapping **out)
{
	semm__jpath p = { 0 };
	semm_mapping *m = NULL;
	char *resp = NULL;
	int rc;

	*out = NULL;
	rc = semm__json_check_format(d, root, "semm-mapping", 1);
	if (rc == SEMM_OK)
		rc = semm__jcheck_members(d, &p, root, mapping_members);
	if (rc == SEMM_OK) {
		m = calloc(1, sizeof(*m));
		rc = m ? SEMM_OK : oom(d);
	}
	if (rc == SEMM_OK)
		rc = load_columns(d, &p, root, m);
	if (rc == SEMM_OK)
		rc = load_answers(d, &p, root, m);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, &p, root, "questionnaire", 0,
				       &m->questionnaire);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, &p, root, "organization", 0,
				       &m->organization);
	if (rc == SEMM_OK && m->organization && !m->organization[0])
		rc = semm__jfatal(d, &p, SEMM_ESCHEMA,
				  "organization: expected the name of the "
				  "organization every respondent belongs to, "
				  "found an empty string");
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, &p, root, "respondent", 0, &resp);
	if (rc == SEMM_OK && resp) {
		m->respondent = semm__label_key(resp, strlen(resp));
		rc = m->respondent ? SEMM_OK : oom(d);
	}
	free(resp);
	if (rc < 0) {
		semm_mapping_free(m);
		return rc;
	}
	*out = m;
	return SEMM_OK;
}

int semm_mapping_from_buffer(semm_mapping **out, const char *data, size_t len,
			     const char *source, semm_error *err)
{
	semm__jdoc d = { data, len, source ? source : "<mapping>", err, NULL };
	cJSON *root = NULL;
	int rc;

	*out = NULL;
	rc = semm__json_parse(&d, &root);
	if (rc == SEMM_OK)
		rc = semm__mapping_load(&d, root, out);
	cJSON_Delete(root);
	return rc;
}

static int parse_mapping(void *out, const char *data, size_t len,
			 const char *source, semm_error *err)
{
	return semm_mapping_from_buffer(out, data, len, source, err);
}

int semm_mapping_from_file(semm_mapping **out, const char *path,
			   semm_error *err)
{
	*out = NULL;
	return semm__parse_file(path, parse_mapping, out, err);
}

int semm__mapping_answer(const semm_mapping *m, const char *cell, size_t len,
			 double *value)
{
	size_t i;

	for (i = 0; m && i < m->n_answers; i++) {
		if (semm__label_matches(cell, len, m->answers[i].key)) {
			*value = m->answers[i].number;
			return 1;
		}
	}
	return 0;
}
