/*
 * table.c - a table as the report writers build it: a header row naming
 * each column and what it holds, then rows of text and number cells. A
 * table goes either to a CSV stream (the cells of scores.csv and the
 * other CSV files, byte for byte as they have always been written) or to
 * a sink that takes typed cells (the sheets of report.xlsx). The CSV path
 * writes straight to the stream: it is the one that writes millions of
 * cells.
 */
#include <math.h>
#include <string.h>

#include "base/numfmt.h"
#include "report/report_int.h"

void semm__tab_init_csv(semm__tab *t, FILE *fp)
{
	memset(t, 0, sizeof(*t));
	t->fp = fp;
}

void semm__tab_init_sink(semm__tab *t, const semm__tab_sink *sink, void *ctx)
{
	memset(t, 0, sizeof(*t));
	t->sink = sink;
	t->ctx = ctx;
}

/* Keeps the sink's first error. */
static void keep(semm__tab *t, int rc)
{
	if (rc < 0 && t->rc == 0)
		t->rc = rc;
}

/* The separator before a CSV cell. */
static void next_cell(semm__tab *t)
{
	if (t->cells++)
		fputc(',', t->fp);
}

void semm__tab_column(semm__tab *t, const char *name, semm__col kind)
{
	if (!t->fp) {
		keep(t, t->sink->column(t->ctx, name, kind));
		return;
	}
	next_cell(t);
	semm__csv_text(t->fp, name);
}

void semm__tab_text(semm__tab *t, const char *s)
{
	if (!t->fp) {
		keep(t, t->sink->text(t->ctx, s && *s ? s : NULL));
		return;
	}
	next_cell(t);
	semm__csv_text(t->fp, s);
}

void semm__tab_number(semm__tab *t, double v)
{
	char buf[SEMM_NUMFMT_BUFSIZE];

	if (!t->fp) {
		keep(t, t->sink->number(t->ctx, isinf(v) ? NAN : v));
		return;
	}
	next_cell(t);
	/* semm__format_number's text, without copying it */
	if (isnan(v) || isinf(v))
		return;
	if (v == 0)
		v = 0; /* no "-0" */
	fwrite(buf, 1, semm__numfmt_shortest(v, buf), t->fp);
}

/* A count in decimal, as "%llu" writes it. */
static void put_count(FILE *fp, unsigned long long v)
{
	char buf[24];
	size_t i = sizeof(buf);

	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	fwrite(buf + i, 1, sizeof(buf) - i, fp);
}

void semm__tab_numbers(semm__tab *t, const double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		semm__tab_number(t, v[i]);
}

void semm__tab_count(semm__tab *t, unsigned long long v)
{
	if (!t->fp) {
		keep(t, t->sink->number(t->ctx, (double)v));
		return;
	}
	next_cell(t);
	put_count(t->fp, v);
}

void semm__tab_int(semm__tab *t, int v)
{
	if (!t->fp) {
		keep(t, t->sink->number(t->ctx, (double)v));
		return;
	}
	next_cell(t);
	if (v < 0)
		fputc('-', t->fp);
	/* the magnitude of INT_MIN too */
	put_count(t->fp,
		  v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
}

void semm__tab_empty(semm__tab *t, size_t n)
{
	while (n-- > 0)
		semm__tab_text(t, NULL);
}

/* The words as one CSV cell, quoted and guarded as semm__csv_text would
 * the joined text, without joining it. */
static void csv_words(FILE *fp, const char *const *words, size_t n)
{
	int quote = 0;
	const char *p;
	size_t i;

	for (i = 0; i < n; i++)
		quote |= strpbrk(words[i], ",\"\r\n") != NULL;
	if (quote)
		fputc('"', fp);
	if (n > 0 && semm__csv_formula_start(words[0][0]))
		fputc('\'', fp);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(' ', fp);
		for (p = words[i]; *p; p++) {
			if (*p == '"')
				fputc('"', fp);
			fputc(*p, fp);
		}
	}
	if (quote)
		fputc('"', fp);
}

void semm__tab_words(semm__tab *t, const char *const *words, size_t n)
{
	int rc = SEMM_OK;
	size_t i;

	if (t->fp) {
		next_cell(t);
		csv_words(t->fp, words, n);
		return;
	}
	t->words.len = 0;
	for (i = 0; i < n && rc == SEMM_OK; i++) {
		if (i > 0)
			rc = semm__buf_append(&t->words, " ", 1);
		if (rc == SEMM_OK)
			rc = semm__buf_append(&t->words, words[i],
					      strlen(words[i]));
	}
	if (rc == SEMM_OK)
		rc = semm__buf_append(&t->words, "", 1); /* the NUL */
	keep(t, rc);
	semm__tab_text(t, rc == SEMM_OK && n > 0 ? t->words.data : NULL);
}

void semm__tab_end_row(semm__tab *t)
{
	if (!t->fp) {
		keep(t, t->sink->end_row(t->ctx));
		return;
	}
	fputc('\n', t->fp);
	t->cells = 0;
}

int semm__tab_finish(semm__tab *t)
{
	int rc = t->rc;

	semm__buf_free(&t->words);
	if (rc == SEMM_OK && t->fp && ferror(t->fp))
		rc = SEMM_EIO;
	return rc;
}
