/*
 * scope.c - an assessment's scope (ISO/TS 19387 lets an organization
 * assess the whole model or selected dimensions and elements): a list of
 * dimension and element ids resolved against the model into the
 * elements in scope, and its canonical text, by which two scopes are
 * the same or not.
 */
#include <stdlib.h>
#include <string.h>

#include "defs/defs.h"

/* Marks id's elements in `in`; 0, or -1 when the model has no such id. */
static int mark(const semm_model *m, const char *id, unsigned char *in)
{
	size_t i, e;

	for (i = 0; i < m->n_dims; i++) {
		if (strcmp(m->dims[i].id, id) != 0)
			continue;
		for (e = 0; e < m->dims[i].count; e++)
			in[m->dims[i].first + e] = 1;
		return 0;
	}
	for (e = 0; e < m->n_elems; e++) {
		if (strcmp(m->elems[e].id, id) == 0) {
			in[e] = 1;
			return 0;
		}
	}
	return -1;
}

/* Appends id to the comma-separated list in b. */
static int add_id(semm__buf *b, const char *id)
{
	int rc = b->len ? semm__buf_append(b, ",", 1) : SEMM_OK;

	return rc < 0 ? rc : semm__buf_append(b, id, strlen(id));
}

/* The canonical text of the elements in `in`: per dimension in model
 * order, its id when all its elements are in, else those that are. */
static int canonical(const semm_model *m, const unsigned char *in, char **out)
{
	semm__buf b = { 0 };
	size_t d, e, n_in = 0;
	int rc = SEMM_OK;

	*out = NULL;
	for (e = 0; e < m->n_elems; e++)
		n_in += in[e];
	if (n_in == m->n_elems)
		return SEMM_OK; /* the whole model */
	for (d = 0; d < m->n_dims && rc == SEMM_OK; d++) {
		const semm__dimension *dm = &m->dims[d];
		size_t have = 0;

		for (e = dm->first; e < dm->first + dm->count; e++)
			have += in[e];
		if (have == dm->count && have > 0) {
			rc = add_id(&b, dm->id);
			continue;
		}
		for (e = dm->first; e < dm->first + dm->count && rc == SEMM_OK;
		     e++) {
			if (in[e])
				rc = add_id(&b, m->elems[e].id);
		}
	}
	if (rc == SEMM_OK)
		rc = semm__buf_append(&b, "", 1);
	if (rc < 0) {
		semm__buf_free(&b);
		return rc;
	}
	*out = b.data;
	return SEMM_OK;
}

int semm__scope_resolve(const semm_model *m, const char *const *ids, size_t n,
			unsigned char *in, char **text, semm_error *err)
{
	size_t i, e;

	*text = NULL;
	for (e = 0; e < m->n_elems; e++)
		in[e] = n == 0;
	for (i = 0; i < n; i++) {
		if (!ids[i] || !ids[i][0])
			return semm__fail(err, SEMM_EARG, NULL, 0, 0,
					  "scope: an empty id (give dimension "
					  "or element ids, such as D1,E5)");
		if (mark(m, ids[i], in) < 0)
			return semm__fail(err, SEMM_EARG, NULL, 0, 0,
					  "scope: \"%s\" is neither a "
					  "dimension nor an element of model "
					  "\"%s\"",
					  ids[i], m->id);
	}
	if (canonical(m, in, text) < 0)
		return semm__fail(err, SEMM_ENOMEM, NULL, 0, 0,
				  "out of memory");
	return SEMM_OK;
}

int semm__scope_resolve_text(const semm_model *m, const char *text,
			     unsigned char *in, char **canon, semm_error *err)
{
	const char *ids[SEMM_MAX_MODEL_UNITS];
	char *copy = semm__strdup(text ? text : ""), *p, *comma;
	size_t n = 0;
	int rc;

	if (!copy)
		return semm__fail(err, SEMM_ENOMEM, NULL, 0, 0,
				  "out of memory");
	for (p = copy; text && n < SEMM_MAX_MODEL_UNITS; p = comma + 1) {
		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		ids[n++] = p;
		if (!comma)
			break;
	}
	rc = semm__scope_resolve(m, ids, n, in, canon, err);
	free(copy);
	return rc;
}
