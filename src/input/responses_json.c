/*
 * responses_json.c - reads "semm-responses/1" JSON (or a bare array of
 * respondent objects) into the respondent store. Each problem is located
 * at the line and column of the offending value.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "input/input.h"

typedef struct json_reader {
	semm_responses *r;
	const semm__jdoc *d;
	semm__jpath path;
	semm__row row;
	semm__strmap items;  /* item label key -> index */
	int oom;	     /* an allocation failed */
	unsigned char *seen; /* items answered in the current respondent */
	unsigned char meta_seen[SEMM__SLOTS];
	char numbers[SEMM__SLOTS][32]; /* metadata given as numbers */
} json_reader;

static void problem(json_reader *j, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Records a problem at the value j->path names. */
static void problem(json_reader *j, const char *fmt, ...)
{
	unsigned long line, column;
	char where[128];
	char what[SEMM_ERROR_MESSAGE_MAX - 140];
	va_list ap;

	if (j->row.bad)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	semm__json_position(j->d, &j->path, &line, &column);
	semm__jpath_format(&j->path, where, sizeof(where));
	j->row.line = line;
	semm__row_problem(&j->row, column, "%s: %s", where, what);
}

static int index_items(json_reader *j)
{
	const semm_questionnaire *q = j->r->q;
	size_t i;

	for (i = 0; i < q->n_items; i++) {
		char *key =
			semm__label_key(q->items[i].id, strlen(q->items[i].id));
		int rc = key ? semm__strmap_put(&j->items, key, strlen(key), i,
						NULL)
			     : SEMM_ENOMEM;

		free(key);
		if (rc < 0)
			return rc;
	}
	return SEMM_OK;
}

static void answer(json_reader *j, size_t item, const cJSON *v)
{
	const semm__scale *s = semm__item_scale(j->r->q, item);
	char why[SEMM_ERROR_MESSAGE_MAX];
	uint8_t code;

	if (cJSON_IsNull(v))
		return;
	if (cJSON_IsNumber(v)) {
		double x = v->valuedouble;

		if (isfinite(x) && x == floor(x) && x >= s->min && x <= s->max)
			j->row.answers[item] = (uint8_t)((int)x - s->min);
		else if (!isfinite(x))
			problem(j,
				"item %s: the number is too large (not a "
				"point of the scale %d..%d)",
				j->r->q->items[item].id, s->min, s->max);
		else
			problem(j,
				"item %s: %g is not a point of the scale "
				"%d..%d",
				j->r->q->items[item].id, x, s->min, s->max);
		return;
	}
	if (!cJSON_IsString(v)) {
		problem(j, "item %s: expected a number, a label or null",
			j->r->q->items[item].id);
		return;
	}
	if (strlen(v->valuestring) > j->r->opts.max_field_bytes) {
		problem(j, "item %s: a string longer than %zu bytes",
			j->r->q->items[item].id, j->r->opts.max_field_bytes);
		return;
	}
	if (semm__responses_code(j->r, item, v->valuestring,
				 strlen(v->valuestring), &code, why,
				 sizeof(why)))
		j->row.answers[item] = code;
	else
		problem(j, "%s", why);
}

static void answers(json_reader *j, const cJSON *obj)
{
	char shown[SEMM__QUOTE_BUF];
	const cJSON *v;
	size_t item;

	if (!cJSON_IsObject(obj)) {
		problem(j, "\"answers\" must be an object of item ids");
		return;
	}
	cJSON_ArrayForEach(v, obj)
	{
		char *key = semm__label_key(v->string, strlen(v->string));
		int found = key && semm__strmap_get(&j->items, key, strlen(key),
						    &item);

		free(key);
		if (!key) {
			j->oom = 1;
			return;
		}
		semm__jpath_key(&j->path, v->string);
		if (!found)
			problem(j,
				"unknown item \"%s\" (not in "
				"questionnaire \"%s\")",
				semm__shorten(v->string, strlen(v->string),
					      shown, sizeof(shown)),
				j->r->q->id);
		else if (j->seen[item]++)
			problem(j, "item %s is answered twice", v->string);
		else
			answer(j, item, v);
		semm__jpath_pop(&j->path);
	}
}

/* The metadata role whose column is `name` (without case), -1 when
 * none, -2 when out of memory. */
static int meta_role(const semm_responses *r, const char *name)
{
	const semm_questionnaire *q = r->q;
	char *key = semm__label_key(name, strlen(name));
	int role, found = -1;
	size_t a;

	if (!key)
		return -2;
	for (role = 0; found < 0 && role < SEMM_META_COUNT; role++) {
		const char *col = q->meta_column[role];

		if (col && semm__label_matches(col, strlen(col), key))
			found = role;
	}
	for (a = 0; found < 0 && a < r->opts.n_attributes; a++) {
		const char *col = r->opts.attributes[a];

		if (semm__label_matches(col, strlen(col), key))
			found = SEMM_META_COUNT + (int)a;
	}
	free(key);
	return found;
}

static void metadata(json_reader *j, int role, const cJSON *v)
{
	if (j->row.meta[role] || j->meta_seen[role]) {
		problem(j, "the %s column is given twice",
			role < SEMM_META_COUNT
				? semm_meta_role_name((semm_meta_role)role)
				: j->r->opts
					  .attributes[role - SEMM_META_COUNT]);
		return;
	}
	j->meta_seen[role] = 1;
	if (cJSON_IsString(v) &&
	    strlen(v->valuestring) > j->r->opts.max_field_bytes) {
		problem(j, "a string longer than %zu bytes",
			j->r->opts.max_field_bytes);
	} else if (cJSON_IsString(v)) {
		j->row.meta[role] = v->valuestring;
		j->row.meta_len[role] = strlen(v->valuestring);
	} else if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) {
		snprintf(j->numbers[role], sizeof(j->numbers[role]), "%.15g",
			 v->valuedouble);
		j->row.meta[role] = j->numbers[role];
		j->row.meta_len[role] = strlen(j->numbers[role]);
	} else if (!cJSON_IsNull(v)) {
		problem(j, "expected a string, a number or null");
	}
}

static void respondent(json_reader *j, const cJSON *obj)
{
	char shown[SEMM__QUOTE_BUF];
	const cJSON *v;

	if (!cJSON_IsObject(obj)) {
		problem(j, "expected a respondent object");
		return;
	}
	cJSON_ArrayForEach(v, obj)
	{
		int role = meta_role(j->r, v->string);

		if (role == -2) {
			j->oom = 1;
			return;
		}
		semm__jpath_key(&j->path, v->string);
		if (strcmp(v->string, "answers") == 0)
			answers(j, v);
		else if (role >= 0)
			metadata(j, role, v);
		else
			problem(j,
				"unknown member \"%s\" (expected "
				"\"answers\" or a metadata column)",
				semm__shorten(v->string, strlen(v->string),
					      shown, sizeof(shown)));
		semm__jpath_pop(&j->path);
	}
}

static void reset_row(json_reader *j)
{
	int role;

	memset(j->row.answers, SEMM__ANS_BLANK, j->r->n_items);
	memset(j->seen, 0, j->r->n_items);
	memset(j->meta_seen, 0, sizeof(j->meta_seen));
	for (role = 0; role < SEMM__SLOTS; role++) {
		j->row.meta[role] = NULL;
		j->row.meta_len[role] = 0;
		j->row.meta_column[role] = 0;
	}
	j->row.bad = 0;
	j->row.bad_column = 0;
	j->row.reason[0] = '\0';
}

static int read_all(json_reader *j, const cJSON *list, semm_error *err)
{
	size_t n = (size_t)cJSON_GetArraySize(list), i = 0;
	unsigned long *lines = calloc(n ? n : 1, sizeof(*lines));
	const cJSON *obj;
	int rc = SEMM_OK;

	if (!lines)
		return SEMM_ENOMEM;
	semm__json_element_lines(j->d, &j->path, lines, n);
	cJSON_ArrayForEach(obj, list)
	{
		reset_row(j);
		j->row.line = lines[i];
		semm__jpath_index(&j->path, i);
		respondent(j, obj);
		semm__jpath_pop(&j->path);
		if (j->oom) {
			rc = SEMM_ENOMEM;
			break;
		}
		/* a respondent without an organization: the read options'
		 * name stands for it */
		if (semm__organization(j->r) &&
		    !j->row.meta[SEMM_META_ORGANIZATION] &&
		    !j->meta_seen[SEMM_META_ORGANIZATION]) {
			j->row.meta[SEMM_META_ORGANIZATION] =
				semm__organization(j->r);
			j->row.meta_len[SEMM_META_ORGANIZATION] =
				strlen(semm__organization(j->r));
		}
		rc = semm__responses_commit(j->r, &j->row, err);
		if (rc < 0)
			break;
		i++;
	}
	free(lines);
	return rc;
}

static int find_list(const semm__jdoc *d, const cJSON *root, semm__jpath *path,
		     const cJSON **list)
{
	int rc;

	if (cJSON_IsArray(root)) {
		*list = root;
		return SEMM_OK;
	}
	rc = semm__json_check_format(d, root, "semm-responses", 1);
	if (rc == SEMM_OK)
		rc = semm__jget_array(d, path, root, "respondents", 1, list);
	if (rc == SEMM_OK)
		semm__jpath_key(path, "respondents");
	return rc;
}

int semm_responses_read_json_buffer(semm_responses *r, const char *data,
				    size_t len, const char *source,
				    semm_error *err)
{
	semm__jdoc d = { data, len, source, err, NULL };
	json_reader j = { 0 };
	const cJSON *list = NULL;
	cJSON *root = NULL;
	int rc;

	j.r = r;
	j.d = &d;
	r->decimal_comma = 0;
	j.row.answers = malloc(r->n_items ? r->n_items : 1);
	j.seen = malloc(r->n_items ? r->n_items : 1);
	rc = j.row.answers && j.seen ? semm__json_parse(&d, &root)
				     : SEMM_ENOMEM;
	if (rc == SEMM_OK)
		rc = find_list(&d, root, &j.path, &list);
	if (rc == SEMM_OK && cJSON_GetArraySize(list) == 0)
		rc = semm__jfail(&d, &j.path, SEMM_EDATA,
				 "no respondents in the file");
	if (rc == SEMM_OK)
		rc = index_items(&j);
	if (rc == SEMM_OK)
		rc = semm__responses_add_source(r, source, &j.row.source);
	if (rc == SEMM_OK)
		rc = read_all(&j, list, err);
	if (rc == SEMM_ENOMEM)
		semm__fail(err, rc, source, 0, 0, "out of memory");
	semm__strmap_free(&j.items);
	free(j.row.answers);
	free(j.seen);
	cJSON_Delete(root);
	return rc;
}
