/*
 * mapping_init.c - `semm mapping init`: a "semm-mapping/1" stub for an
 * export, written from what the reader learns of it (input/survey.c):
 * every column under its header, in file order, one line each, with the
 * item or role it is placed on and how, or null; the answer texts of item
 * and unplaced columns; and the texts the items' scales do not read as
 * the mapping's answers, with null values for the user to fill in.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

/* The writer's layout of a columns entry: one line. */
#define ENTRY_LAYOUT 2

static const char *how_name(semm__col_how how)
{
	switch (how) {
	case SEMM__HOW_ID: return "id";
	case SEMM__HOW_STATEMENT: return "statement";
	case SEMM__HOW_BRACKETS: return "brackets";
	case SEMM__HOW_TEXT: return "question text";
	case SEMM__HOW_META: return "metadata";
	case SEMM__HOW_TOOL: return "tool";
	case SEMM__HOW_MAPPING: return "mapping";
	case SEMM__HOW_IGNORED: return "ignored";
	case SEMM__HOW_NONE: return NULL;
	}
	return NULL;
}

static const char *tool_use(const semm__column *c)
{
	if (c->kind == SEMM__COL_META)
		return "respondent id";
	return c->kind == SEMM__COL_FILTER ? "response filter" : "ignored";
}

/* "item": what the entry's columns are placed on; not written for the
 * tool's own columns and headers placed several ways, which the usual
 * rules place. */
static void write_item(semm__jw *w, const semm_questionnaire *q,
		       const semm__survey_entry *e)
{
	if (e->mixed || e->place.how == SEMM__HOW_TOOL)
		return;
	if (e->place.kind == SEMM__COL_ITEM)
		semm__jw_string(w, "item", q->items[e->place.index].id);
	else if (e->place.kind == SEMM__COL_META)
		semm__jw_string(
			w, "item",
			semm_meta_role_name((semm_meta_role)e->place.index));
	else
		semm__jw_null(w, "item");
}

static void write_entry(semm__jw *w, const semm_questionnaire *q,
			const semm__survey_entry *e)
{
	const char *how = e->mixed ? NULL : how_name(e->place.how);
	size_t i;

	semm__jw_open(w, e->header, '{');
	w->compact = ENTRY_LAYOUT;
	write_item(w, q, e);
	if (how)
		semm__jw_string(w, "matched_by", how);
	if (how && e->place.how == SEMM__HOW_TOOL)
		semm__jw_string(w, "tool", tool_use(&e->place));
	if (e->n_columns == 1) {
		semm__jw_size(w, "column", e->columns[0] + 1);
	} else {
		semm__jw_open(w, "column", '[');
		for (i = 0; i < e->n_columns; i++)
			semm__jw_size(w, NULL, e->columns[i] + 1);
		semm__jw_close(w, ']');
	}
	if (e->gather) {
		semm__jw_open(w, "answers_seen", '[');
		for (i = 0; i < e->n_seen; i++)
			semm__jw_string(w, NULL, e->seen[i].text);
		semm__jw_close(w, ']');
		if (e->more.count)
			semm__jw_size(w, "answers_more", e->more.count);
	}
	semm__jw_close(w, '}');
	w->compact = 0;
}

static int by_first_seen(const void *a, const void *b)
{
	const semm__seen *x = *(const semm__seen *const *)a;
	const semm__seen *y = *(const semm__seen *const *)b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->column < y->column ? -1 : x->column > y->column;
}

/*
 * The answers to fill in: texts of item columns their scale does not
 * read, each once, in the order first seen in the file (row by row).
 * Columns with more texts than listed hold free text or ids and propose
 * none.
 */
static int write_answers(semm__jw *w, const semm__survey *sv)
{
	const semm__seen **list;
	semm__strmap written = { 0 };
	size_t i, k, n = 0;
	int rc = SEMM_OK;

	list = calloc(sv->n_entries * SEMM_MAPPING_INIT_ANSWERS_MAX + 1,
		      sizeof(*list));
	if (!list)
		return SEMM_ENOMEM;
	for (i = 0; i < sv->n_entries; i++) {
		const semm__survey_entry *e = &sv->entries[i];

		for (k = 0; e->more.count == 0 && k < e->n_seen; k++) {
			if (e->seen[k].unknown)
				list[n++] = &e->seen[k];
		}
	}
	qsort(list, n, sizeof(*list), by_first_seen);
	semm__jw_open(w, "answers", '{');
	for (i = 0; i < n && rc >= 0; i++) {
		rc = semm__strmap_put(&written, list[i]->key,
				      strlen(list[i]->key), 0, NULL);
		if (rc == 1)
			semm__jw_null(w, list[i]->text);
	}
	semm__jw_close(w, '}');
	semm__strmap_free(&written);
	free(list);
	return rc < 0 ? rc : SEMM_OK;
}

static int write_stub(FILE *fp, const semm_questionnaire *q,
		      const semm__survey *sv)
{
	semm__jw w = { 0 };
	size_t i;
	int rc;

	w.fp = fp;
	semm__jw_open(&w, NULL, '{');
	semm__jw_string(&w, "format", "semm-mapping/1");
	semm__jw_string(&w, "questionnaire", q->id);
	semm__jw_open(&w, "columns", '{');
	for (i = 0; i < sv->n_entries; i++)
		write_entry(&w, q, &sv->entries[i]);
	semm__jw_close(&w, '}');
	rc = write_answers(&w, sv);
	semm__jw_close(&w, '}');
	if (rc == SEMM_OK && w.failed)
		rc = SEMM_ENOMEM; /* a memory stream fails for want of it */
	return rc;
}

/* The read options semm_mapping_init honours, from a caller of any
 * version (all are version 1 members). */
static int reading_options(semm_responses *r, const semm_read_options *opts)
{
	if (!opts)
		return SEMM_OK;
	if (opts->version < 1 || opts->version > SEMM_READ_OPTIONS_VERSION ||
	    (unsigned)opts->preset > SEMM_PRESET_MS_FORMS)
		return SEMM_EARG;
	r->opts.delimiter = opts->delimiter;
	r->opts.max_field_bytes = opts->max_field_bytes;
	r->opts.max_columns = opts->max_columns;
	r->opts.preset = opts->preset;
	r->opts.decimal_comma = opts->decimal_comma;
	r->opts.progress = opts->progress;
	r->opts.progress_ctx = opts->progress_ctx;
	return SEMM_OK;
}

static int init(char **out, const semm_questionnaire *q, FILE *in,
		const char *data, size_t len, const char *source,
		const semm_read_options *opts, semm_error *err)
{
	semm__survey sv = { 0 };
	semm_responses *r = NULL;
	char *text = NULL;
	size_t size = 0;
	FILE *fp = NULL;
	int rc;

	*out = NULL;
	rc = semm_responses_new(&r, q, NULL);
	if (rc == SEMM_OK)
		rc = reading_options(r, opts);
	if (rc < 0) {
		rc = semm__fail(err, rc, source, 0, 0, "%s",
				rc == SEMM_ENOMEM ? "out of memory"
						  : "the questionnaire is not "
						    "bound or the read options "
						    "are not known");
		goto done;
	}
	rc = semm__survey_read_csv(&sv, r, in, data, len, source, err);
	if (rc < 0)
		goto done;
	fp = open_memstream(&text, &size);
	rc = fp ? write_stub(fp, q, &sv) : SEMM_ENOMEM;
	if (fp && fclose(fp) != 0 && rc == SEMM_OK)
		rc = SEMM_ENOMEM;
	if (rc < 0) {
		semm__fail(err, rc, source, 0, 0, "out of memory");
		free(text);
		goto done;
	}
	*out = text;
done:
	semm__survey_free(&sv);
	semm_responses_free(r);
	return rc;
}

int semm_mapping_init_buffer(char **out, const semm_questionnaire *q,
			     const char *data, size_t len, const char *source,
			     const semm_read_options *opts, semm_error *err)
{
	return init(out, q, NULL, data, len, source ? source : "<export>", opts,
		    err);
}

int semm_mapping_init(char **out, const semm_questionnaire *q, const char *path,
		      const semm_read_options *opts, semm_error *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	int rc;

	*out = NULL;
	if (!fp)
		return semm__fail(err, SEMM_EIO, path, 0, 0, "cannot open: %s",
				  strerror(errno));
	rc = init(out, q, fp, NULL, 0, is_stdin ? "<stdin>" : path, opts, err);
	if (!is_stdin)
		fclose(fp);
	return rc;
}
