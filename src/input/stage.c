/*
 * stage.c - a row's cells while a reader assembles it, shared by the CSV
 * and the SPSS/Stata readers: the texts of the metadata and filter
 * cells are copied into one buffer as they come, and pointed at when the
 * row is complete (the buffer may move while it grows); and the list of
 * the items a header has no column for.
 */
#include <stdlib.h>
#include <string.h>

#include "input/input.h"

void semm__stage_reset(semm__stage *s, semm__row *row, size_t n_items)
{
	size_t i;

	memset(row->answers, SEMM__ANS_BLANK, n_items);
	for (i = 0; i < SEMM__SLOTS; i++) {
		row->meta[i] = NULL;
		row->meta_len[i] = 0;
		row->meta_column[i] = 0;
		s->meta_off[i] = SEMM__NO_STRING;
	}
	for (i = 0; i < SEMM__FILTERS; i++) {
		row->filter[i] = NULL;
		row->filter_len[i] = 0;
		s->filter_off[i] = SEMM__NO_STRING;
	}
	s->text.len = 0;
	row->bad = 0;
	row->bad_column = 0;
	row->reason[0] = '\0';
}

int semm__stage_put(semm__stage *s, semm__row *row, const semm__column *col,
		    unsigned long column, const char *cell, size_t len)
{
	size_t at = s->text.len;

	if (semm__buf_append(&s->text, cell, len) < 0 ||
	    semm__buf_append(&s->text, "", 1) < 0)
		return SEMM_ENOMEM;
	if (col->kind == SEMM__COL_FILTER) {
		s->filter_off[col->index] = at;
		row->filter_len[col->index] = len;
	} else {
		s->meta_off[col->index] = at;
		row->meta_len[col->index] = len;
		row->meta_column[col->index] = column;
	}
	return SEMM_OK;
}

void semm__stage_finish(const semm__stage *s, semm__row *row,
			const char *organization)
{
	size_t i;

	for (i = 0; i < SEMM__SLOTS; i++) {
		if (s->meta_off[i] != SEMM__NO_STRING)
			row->meta[i] = s->text.data + s->meta_off[i];
	}
	for (i = 0; i < SEMM__FILTERS; i++) {
		if (s->filter_off[i] != SEMM__NO_STRING)
			row->filter[i] = s->text.data + s->filter_off[i];
	}
	if (organization) {
		row->meta[SEMM_META_ORGANIZATION] = organization;
		row->meta_len[SEMM_META_ORGANIZATION] = strlen(organization);
	}
}

void semm__stage_free(semm__stage *s)
{
	semm__buf_free(&s->text);
}

int semm__missing_items(const semm_questionnaire *q, const unsigned char *seen,
			semm__buf *listed, size_t *missing)
{
	size_t i;

	*missing = 0;
	listed->len = 0;
	for (i = 0; i < q->n_items; i++) {
		if (seen[i])
			continue;
		/* name as many as a message holds */
		if (listed->len < 200 &&
		    (semm__buf_append(listed, *missing ? ", " : "",
				      *missing ? 2 : 0) < 0 ||
		     semm__buf_append(listed, q->items[i].id,
				      strlen(q->items[i].id)) < 0))
			return SEMM_ENOMEM;
		(*missing)++;
	}
	if (*missing && semm__buf_append(listed, "", 1) < 0)
		return SEMM_ENOMEM;
	return SEMM_OK;
}
