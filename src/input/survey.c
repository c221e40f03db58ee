/*
 * survey.c - what `semm mapping init` learns from an export: its columns
 * as the reader places them, grouped by the header a mapping names them
 * by, and per item or unplaced column the distinct answer texts in the
 * order first seen (the first SEMM_MAPPING_INIT_ANSWERS_MAX kept, the
 * others only counted), each marked when the scale of the column's item
 * does not read it. The CSV reader (responses_csv.c) feeds it; the mapping
 * stub is written from it (report/mapping_init.c).
 */
#include <stdlib.h>
#include <string.h>

#include "input/input.h"

void semm__survey_free(semm__survey *sv)
{
	size_t i, k;

	if (!sv)
		return;
	for (i = 0; i < sv->n_entries; i++) {
		semm__survey_entry *e = &sv->entries[i];

		for (k = 0; k < e->n_seen; k++) {
			free(e->seen[k].text);
			free(e->seen[k].key);
		}
		semm__strmap_free(&e->more);
		free(e->columns);
		free(e->header);
	}
	free(sv->entries);
	free(sv->cols);
	free(sv->entry_of);
	memset(sv, 0, sizeof(*sv));
}

static int same_place(const semm__column *a, const semm__column *b)
{
	return a->kind == b->kind &&
	       (a->kind == SEMM__COL_IGNORE || a->kind == SEMM__COL_UNKNOWN ||
		a->index == b->index);
}

static int add_column(semm__survey_entry *e, size_t column)
{
	size_t *grown =
		realloc(e->columns, (e->n_columns + 1) * sizeof(*grown));

	if (!grown)
		return SEMM_ENOMEM;
	e->columns = grown;
	e->columns[e->n_columns++] = column;
	return SEMM_OK;
}

/* Column i joins the entry of its header, made if new. */
static int group(semm__survey *sv, semm__strmap *by_key, const char *header,
		 size_t i)
{
	char *key = semm__label_key(header, strlen(header));
	semm__survey_entry *e;
	size_t existing = 0;
	int rc;

	if (!key)
		return SEMM_ENOMEM;
	rc = semm__strmap_put(by_key, key, strlen(key), sv->n_entries,
			      &existing);
	free(key);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		e = &sv->entries[existing];
		e->mixed |= !same_place(&e->place, &sv->cols[i]);
		sv->entry_of[i] = existing;
		return add_column(e, i);
	}
	e = &sv->entries[sv->n_entries];
	e->header = semm__strdup(header);
	if (!e->header)
		return SEMM_ENOMEM;
	sv->n_entries++;
	e->place = sv->cols[i];
	e->gather = e->place.kind == SEMM__COL_ITEM ||
		    e->place.kind == SEMM__COL_UNKNOWN;
	sv->entry_of[i] = sv->n_entries - 1;
	return add_column(e, i);
}

int semm__survey_columns(semm__survey *sv, semm_preset preset,
			 const char *const *names, const char *const *texts,
			 const semm__column *cols, size_t n)
{
	semm__strmap by_key = { 0 };
	size_t i;
	int rc = SEMM_OK;

	sv->entries = calloc(n ? n : 1, sizeof(*sv->entries));
	sv->cols = calloc(n ? n : 1, sizeof(*sv->cols));
	sv->entry_of = calloc(n ? n : 1, sizeof(*sv->entry_of));
	if (!sv->entries || !sv->cols || !sv->entry_of)
		return SEMM_ENOMEM;
	sv->n_columns = n;
	if (n)
		memcpy(sv->cols, cols, n * sizeof(*cols));
	for (i = 0; i < n && rc == SEMM_OK; i++)
		rc = group(sv, &by_key,
			   semm__column_header(preset, names[i],
					       texts ? texts[i] : NULL),
			   i);
	semm__strmap_free(&by_key);
	return rc;
}

/* Keeps t[0..n-1] as the entry's next distinct text. */
static int keep(semm__survey *sv, const semm_responses *r,
		semm__survey_entry *e, size_t column, const char *t, size_t n)
{
	semm__seen *s = &e->seen[e->n_seen];
	const semm__column *col = &sv->cols[column];
	uint8_t code;
	double v;

	s->text = semm__strndup(t, n);
	s->key = semm__label_key(t, n);
	if (!s->text || !s->key) {
		free(s->text);
		free(s->key);
		s->text = s->key = NULL;
		return SEMM_ENOMEM;
	}
	s->row = sv->rows;
	s->column = column;
	s->unknown = col->kind == SEMM__COL_ITEM &&
		     semm__scale_cell(semm__item_scale(r->q, col->index), NULL,
				      r->decimal_comma, t, n, &code,
				      &v) == SEMM__CELL_TEXT;
	e->n_seen++;
	return SEMM_OK;
}

int semm__survey_cell(semm__survey *sv, const semm_responses *r, size_t column,
		      const char *s, size_t len)
{
	semm__survey_entry *e = &sv->entries[sv->entry_of[column]];
	size_t n = len, i;
	const char *t = semm__trim(s, &n);
	char *key;
	int rc;

	if (!e->gather || n == 0 || semm__utf8_check(t, n) != n)
		return SEMM_OK;
	for (i = 0; i < e->n_seen; i++) {
		if (semm__label_matches(t, n, e->seen[i].key))
			return SEMM_OK;
	}
	if (e->n_seen < SEMM_MAPPING_INIT_ANSWERS_MAX)
		return keep(sv, r, e, column, t, n);
	key = semm__label_key(t, n);
	if (!key)
		return SEMM_ENOMEM;
	rc = semm__strmap_put(&e->more, key, strlen(key), 0, NULL);
	free(key);
	return rc < 0 ? rc : SEMM_OK;
}
