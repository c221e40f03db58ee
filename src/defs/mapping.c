/*
 * mapping.c - loads "semm-mapping/1" files, which map the headers and
 * answer texts of an arbitrary survey export to a questionnaire:
 *
 *   { "format": "semm-mapping/1",
 *     "respondent": "Response ID",
 *     "columns": { "How clear is our vision?": "Q01", "Browser": null },
 *     "answers": { "Strongly agree": 5, "Agree": 4 } }
 *
 * Headers and answers are compared without case and surrounding blanks.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "defs/defs.h"

static const char *const mapping_members[] = { "format", "respondent",
					       "columns", "answers", NULL };

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
	free(m->columns);
	free(m->answers);
	free(m->respondent);
	free(m);
}

static int oom(const semm__jdoc *d)
{
	return semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
			  "out of memory");
}

/* One member of "columns" (a string item id or null) or "answers". */
static int load_pair(const semm__jdoc *d, semm__jpath *p, const cJSON *v,
		     int is_answer, semm__pair *pair)
{
	pair->key = semm__label_key(v->string, strlen(v->string));
	if (!pair->key)
		return oom(d);
	if (is_answer) {
		if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
			return semm__jfatal(d, p, SEMM_ESCHEMA,
					    "expected the answer's number");
		pair->number = v->valuedouble;
		return SEMM_OK;
	}
	if (cJSON_IsNull(v))
		return SEMM_OK;
	if (!cJSON_IsString(v))
		return semm__jfatal(d, p, SEMM_ESCHEMA,
				    "expected an item id, or null to ignore "
				    "the column");
	pair->value = semm__strdup(v->valuestring);
	return pair->value ? SEMM_OK : oom(d);
}

static int load_pairs(const semm__jdoc *d, semm__jpath *p, const cJSON *root,
		      const char *key, semm__pair **out, size_t *n)
{
	const cJSON *obj, *v;
	int rc = semm__jget_object(d, p, root, key, 0, &obj);

	if (rc < 0 || !obj)
		return rc;
	*out = calloc((size_t)cJSON_GetArraySize(obj) + 1, sizeof(**out));
	if (!*out)
		return oom(d);
	semm__jpath_key(p, key);
	cJSON_ArrayForEach(v, obj)
	{
		semm__jpath_key(p, v->string);
		rc = load_pair(d, p, v, strcmp(key, "answers") == 0,
			       &(*out)[*n]);
		(*n)++;
		if (rc < 0)
			return rc;
		semm__jpath_pop(p);
	}
	semm__jpath_pop(p);
	return SEMM_OK;
}

int semm_mapping_from_buffer(semm_mapping **out, const char *data, size_t len,
			     const char *source, semm_error *err)
{
	semm__jdoc d = { data, len, source ? source : "<mapping>", err, NULL };
	semm__jpath p = { 0 };
	semm_mapping *m = NULL;
	cJSON *root = NULL;
	char *resp = NULL;
	int rc;

	*out = NULL;
	rc = semm__json_parse(&d, &root);
	if (rc == SEMM_OK)
		rc = semm__json_check_format(&d, root, "semm-mapping", 1);
	if (rc == SEMM_OK)
		rc = semm__jcheck_members(&d, &p, root, mapping_members);
	if (rc == SEMM_OK) {
		m = calloc(1, sizeof(*m));
		rc = m ? SEMM_OK : oom(&d);
	}
	if (rc == SEMM_OK)
		rc = load_pairs(&d, &p, root, "columns", &m->columns,
				&m->n_columns);
	if (rc == SEMM_OK)
		rc = load_pairs(&d, &p, root, "answers", &m->answers,
				&m->n_answers);
	if (rc == SEMM_OK)
		rc = semm__jget_string(&d, &p, root, "respondent", 0, &resp);
	if (rc == SEMM_OK && resp) {
		m->respondent = semm__label_key(resp, strlen(resp));
		rc = m->respondent ? SEMM_OK : oom(&d);
	}
	free(resp);
	cJSON_Delete(root);
	if (rc < 0) {
		semm_mapping_free(m);
		return rc;
	}
	*out = m;
	return SEMM_OK;
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
