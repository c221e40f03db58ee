/*
 * responses_csv.c - the libcsv adapter: streams wide CSV (a header row,
 * then one respondent per row) into the respondent store.
 *
 * libcsv reports fields and rows but no positions, so the input is fed
 * one physical line at a time: every callback then belongs to the line
 * being fed, and a row starts on the first line fed while the parser is
 * between rows. The file is never held whole; only the current row is.
 */
#define _POSIX_C_SOURCE 200809L

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/input.h"

#define READ_CHUNK 65536
/* The most held back while looking for the end of the first line. */
#define DETECT_BYTES (1u << 20)
/* libcsv's state for "no field of a row seen yet" (csv.h exposes pstate
 * but not the names of its values). */
#define LIBCSV_ROW_NOT_BEGUN 0

/* A header row's names, NUL-separated in one buffer. */
typedef struct header_row {
	semm__buf text;
	size_t *off;
	size_t n;
} header_row;

typedef struct csv_reader {
	semm_responses *r;
	semm_error *err;
	const char *source;
	uint32_t src;
	struct csv_parser parser;
	unsigned long line;	/* physical line being fed */
	unsigned long row_line; /* line where the current row started */
	int at_line_start;
	int pending_cr;	   /* the last piece fed ended with "\r" */
	int started;	   /* bytes seen (for the byte-order mark) */
	char delimiter;	   /* '\0' until detected */
	semm__buf pending; /* bytes held until the delimiter is known */
	size_t field;
	int in_header;		   /* header rows still to come */
	unsigned long header_line; /* where the first header row starts */
	size_t header_row;	   /* which header row is being read */
	header_row names;	   /* the first header row */
	header_row texts;	   /* Qualtrics' question texts (second row) */
	int import_id_row;	   /* the third row starts with {"ImportId" */
	int legacy;		   /* a legacy Qualtrics export (V1, ...) */
	size_t n_names;
	semm__column *cols;
	int synth_ids;	  /* respondent ids are made from the line */
	semm__buf synth;  /* "source:line", as long as the source is */
	semm__buf hold;	  /* the start of the input, held to compare with
			   * the given header rows */
	int header_given; /* read options' header rows not yet fed */
	unsigned long first_line; /* line number of the input's first line */
	semm__row row;
	semm__stage stage; /* the current row's metadata and filter cells */
	int org_given;	   /* the file has no organization column: the read
			* options' organization stands for it */
	/* surveying for a mapping stub: the cells go there, and no
	 * respondent is kept */
	semm__survey *survey;
	int rc;
} csv_reader;

static void fatal(csv_reader *c, int code, unsigned long line,
		  unsigned long column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void fatal(csv_reader *c, int code, unsigned long line,
		  unsigned long column, const char *fmt, ...)
{
	va_list ap;

	if (c->rc < 0)
		return;
	va_start(ap, fmt);
	c->rc = semm__vfail(c->err, code, c->source, line, column, fmt, ap);
	va_end(ap);
}

static const char *header_name(const csv_reader *c, size_t i)
{
	return i < c->names.n ? c->names.text.data + c->names.off[i] : "";
}

static int header_add(header_row *h, const char *s, size_t len)
{
	size_t *off = realloc(h->off, (h->n + 1) * sizeof(*off));
	size_t n = len;
	const char *t = semm__trim(s, &n);

	if (!off)
		return SEMM_ENOMEM;
	h->off = off;
	off[h->n] = h->text.len;
	if (semm__buf_append(&h->text, t, n) < 0 ||
	    semm__buf_append(&h->text, "", 1) < 0)
		return SEMM_ENOMEM;
	h->n++;
	return SEMM_OK;
}

static void header_free(header_row *h)
{
	semm__buf_free(&h->text);
	free(h->off);
}

static void header_field(csv_reader *c, const char *s, size_t len)
{
	header_row *h = c->header_row == 0   ? &c->names
			: c->header_row == 1 ? &c->texts
					     : NULL;

	/* today's exports write {"ImportId":...}, those of 2016-2017
	 * {'ImportId': ...} */
	if (c->header_row == 2 && c->field == 1)
		c->import_id_row =
			len >= 11 && (memcmp(s, "{\"ImportId\"", 11) == 0 ||
				      memcmp(s, "{'ImportId'", 11) == 0);
	if (h && header_add(h, s, len) < 0)
		fatal(c, SEMM_ENOMEM, 0, 0, "out of memory");
	if (c->header_row == 0)
		c->n_names = c->names.n;
}

static void data_field(csv_reader *c, const char *s, size_t len)
{
	const semm__column *col;
	char why[SEMM_ERROR_MESSAGE_MAX];
	uint8_t code;

	if (c->field > c->n_names) {
		if (c->field == c->n_names + 1)
			semm__row_problem(&c->row, c->field,
					  "the row has more fields than the "
					  "header's %zu (a stray delimiter?)",
					  c->n_names);
		return;
	}
	if (c->survey) {
		if (semm__survey_cell(c->survey, c->r, c->field - 1, s, len) <
		    0)
			fatal(c, SEMM_ENOMEM, 0, 0, "out of memory");
		return;
	}
	col = &c->cols[c->field - 1];
	if (col->kind == SEMM__COL_IGNORE)
		return;
	if (col->kind == SEMM__COL_FILTER || col->kind == SEMM__COL_META) {
		/* the id's slot in the set, asked for now and looked at
		 * when the row ends (a hint: memory waits overlap parsing) */
		if (col->kind == SEMM__COL_META &&
		    col->index == SEMM_META_RESPONDENT)
			semm__idset_prefetch(&c->r->ids, s, len);
		if (semm__stage_put(&c->stage, &c->row, col, c->field, s, len) <
		    0)
			fatal(c, SEMM_ENOMEM, 0, 0, "out of memory");
		return;
	}
	if (semm__responses_code_digits(c->r, col->index, s, len, &code) ||
	    semm__responses_code(c->r, col->index, s, len, &code, why,
				 sizeof(why)))
		c->row.answers[col->index] = code;
	else
		semm__row_problem(&c->row, c->field, "%s", why);
}

/* Whether the field is valid UTF-8; records the problem when not. */
static int check_utf8(csv_reader *c, const char *s, size_t len)
{
	size_t bad = semm__utf8_check(s, len);

	if (bad == len)
		return 1;
	if (c->in_header)
		fatal(c, SEMM_EDATA, c->row_line, c->field,
		      "invalid UTF-8 in a header name (byte 0x%02X at byte %zu "
		      "of the field): save the file as UTF-8",
		      (unsigned char)s[bad], bad + 1);
	else
		semm__row_problem(
			&c->row, c->field,
			"invalid UTF-8 (byte 0x%02X at byte %zu of the "
			"field): save the file as UTF-8",
			(unsigned char)s[bad], bad + 1);
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	csv_reader *c = data;

	if (c->rc < 0)
		return;
	c->field++;
	if (len > c->r->opts.max_field_bytes) {
		fatal(c, SEMM_ELIMIT, c->row_line, c->field,
		      "a field is longer than %zu bytes",
		      c->r->opts.max_field_bytes);
		return;
	}
	if (s && !check_utf8(c, s, len) && c->in_header)
		return;
	if (c->field > c->r->opts.max_columns) {
		if (c->field == c->r->opts.max_columns + 1)
			fatal(c, SEMM_ELIMIT, c->row_line, c->field,
			      "more than %zu columns", c->r->opts.max_columns);
		return;
	}
	if (c->in_header)
		header_field(c, s ? s : "", s ? len : 0);
	else
		data_field(c, s ? s : "", s ? len : 0);
}

/* Qualtrics' third header row holds {"ImportId": ...} objects; a file
 * whose second and third rows were removed must not lose two
 * respondents to them. */
static void check_import_ids(csv_reader *c)
{
	if (c->r->opts.preset != SEMM_PRESET_QUALTRICS || c->import_id_row)
		return;
	fatal(c, SEMM_EDATA, c->row_line, 1,
	      "line %lu is not the ImportId row of a Qualtrics export (its "
	      "first field does not start with {\"ImportId\" or "
	      "{'ImportId'): if the second and third header rows were "
	      "removed, restore them or score without --preset qualtrics",
	      c->row_line);
}

static void check_missing(csv_reader *c, const unsigned char *seen_items,
			  const unsigned char *seen_meta)
{
	const semm_questionnaire *q = c->r->q;
	semm__buf listed = { 0 };
	size_t i, missing = 0;

	c->synth_ids =
		!seen_meta[SEMM_META_RESPONDENT] &&
		(c->r->opts.preset != SEMM_PRESET_NONE || c->r->opts.mapping);
	c->org_given =
		semm__organization(c->r) && !seen_meta[SEMM_META_ORGANIZATION];
	for (i = 0; i < SEMM_META_COUNT; i++) {
		if (i == SEMM_META_RESPONDENT && c->synth_ids)
			continue;
		if (i == SEMM_META_ORGANIZATION && c->org_given)
			continue;
		if (q->meta_column[i] && q->meta_required[i] && !seen_meta[i]) {
			fatal(c, SEMM_EDATA, c->header_line, 0,
			      "missing %s column \"%s\" in the header",
			      semm_meta_role_name((semm_meta_role)i),
			      q->meta_column[i]);
			return;
		}
	}
	for (i = 0; i < c->r->opts.n_attributes; i++) {
		if (!seen_meta[SEMM_META_COUNT + i]) {
			fatal(c, SEMM_EDATA, c->header_line, 0,
			      "missing column \"%s\" in the header (asked "
			      "for as a segment or attribute column)",
			      c->r->opts.attributes[i]);
			return;
		}
	}
	if (semm__missing_items(q, seen_items, &listed, &missing) < 0)
		fatal(c, SEMM_ENOMEM, 0, 0, "out of memory");
	if (missing && c->rc == SEMM_OK)
		fatal(c, SEMM_EDATA, c->header_line, 0,
		      "no column for %s %s%s (%zu of the %zu items of "
		      "questionnaire \"%s\"; a column is placed by the item "
		      "id, its statement or the mapping: docs/IMPORT.md)",
		      missing == 1 ? "item" : "items", listed.data,
		      listed.len - 1 < 200 ? "" : ", ...", missing, q->n_items,
		      q->id);
	semm__buf_free(&listed);
}

/* The header names as an array of strings (into the buffers). */
static const char **name_list(const header_row *h, size_t n)
{
	const char **list = calloc(n ? n : 1, sizeof(*list));
	size_t i;

	for (i = 0; list && i < n; i++)
		list[i] = i < h->n ? h->text.data + h->off[i] : NULL;
	return list;
}

static void mark_seen(csv_reader *c, unsigned char *seen_items,
		      unsigned char *seen_meta)
{
	unsigned char seen_filter[SEMM__FILTERS] = { 0 };
	size_t i;

	for (i = 0; i < c->n_names && c->rc == SEMM_OK; i++) {
		const semm__column *col = &c->cols[i];
		unsigned char *seen;

		if (col->kind == SEMM__COL_IGNORE)
			continue;
		seen = col->kind == SEMM__COL_ITEM ? &seen_items[col->index]
		       : col->kind == SEMM__COL_FILTER
			       ? &seen_filter[col->index]
			       : &seen_meta[col->index];
		if (*seen)
			fatal(c, SEMM_EDATA, c->header_line, i + 1,
			      "column \"%s\" appears twice in the header "
			      "(or two columns are the same item)",
			      header_name(c, i));
		*seen = 1;
	}
}

static void finish_header(csv_reader *c)
{
	const semm_questionnaire *q = c->r->q;
	unsigned char *seen_items = calloc(q->n_items, 1);
	unsigned char seen_meta[SEMM__SLOTS] = { 0 };
	const char **names = name_list(&c->names, c->n_names);
	const char **texts =
		c->texts.n ? name_list(&c->texts, c->n_names) : NULL;
	char why[SEMM_ERROR_MESSAGE_MAX / 2];
	size_t bad = 0;
	int rc;

	c->cols = calloc(c->n_names ? c->n_names : 1, sizeof(*c->cols));
	if (!seen_items || !c->cols || !names || (c->texts.n && !texts)) {
		fatal(c, SEMM_ENOMEM, 0, 0, "out of memory");
		goto done;
	}
	rc = semm__columns_resolve(c->r, names, texts, c->n_names, c->cols,
				   &bad, why, sizeof(why));
	if (rc < 0) {
		fatal(c, SEMM_ENOMEM, 0, 0, "out of memory");
		goto done;
	}
	if (rc == 0) {
		fatal(c, SEMM_EDATA, c->header_line, bad + 1,
		      "column \"%s\": %s", names[bad], why);
		goto done;
	}
	if (c->survey) {
		/* every column is listed as it is placed, known or not */
		if (semm__survey_columns(c->survey, c->r->opts.preset, names,
					 texts, c->cols, c->n_names) < 0)
			fatal(c, SEMM_ENOMEM, 0, 0, "out of memory");
		goto done;
	}
	rc = semm__columns_unknown(c->r, c->src, c->source, c->header_line,
				   names, c->cols, c->n_names, c->err);
	if (rc < 0) {
		c->rc = rc;
		goto done;
	}
	mark_seen(c, seen_items, seen_meta);
	if (c->rc == SEMM_OK)
		check_missing(c, seen_items, seen_meta);
done:
	free(seen_items);
	free(names);
	free(texts);
}

static void reset_row(csv_reader *c)
{
	semm__stage_reset(&c->stage, &c->row, c->r->n_items);
}

static void finish_row(csv_reader *c)
{
	int rc;

	if (c->survey) {
		c->survey->rows++;
		return;
	}
	if (c->field < c->n_names)
		semm__row_problem(&c->row, c->field + 1,
				  "the row has %zu fields, the header has %zu "
				  "(column %zu \"%s\" is missing)",
				  c->field, c->n_names, c->field + 1,
				  header_name(c, c->field));
	semm__stage_finish(&c->stage, &c->row,
			   c->org_given ? semm__organization(c->r) : NULL);
	if (c->synth_ids) {
		char line[32];
		int n = snprintf(line, sizeof(line), ":%lu", c->row_line);

		c->synth.len = 0;
		if (semm__buf_append(&c->synth, c->source, strlen(c->source)) <
			    0 ||
		    semm__buf_append(&c->synth, line, (size_t)n + 1) < 0) {
			fatal(c, SEMM_ENOMEM, 0, 0, "out of memory");
			return;
		}
		c->row.meta[SEMM_META_RESPONDENT] = c->synth.data;
		c->row.meta_len[SEMM_META_RESPONDENT] = c->synth.len - 1;
	}
	c->row.line = c->row_line;
	rc = semm__responses_commit(c->r, &c->row, c->err);
	if (rc == SEMM_ENOMEM)
		fatal(c, SEMM_ENOMEM, c->row_line, 0,
		      "out of memory while keeping the respondent");
	else if (rc < 0 && c->rc == SEMM_OK)
		c->rc = rc;
}

static void on_row(int term, void *data)
{
	csv_reader *c = data;

	(void)term;
	if (c->rc < 0)
		return;
	if (c->in_header) {
		if (c->header_row == 0) {
			c->n_names = c->names.n;
			c->header_line = c->row_line;
			/* legacy Qualtrics: V1, V2, ... then one row of
			 * names and question texts, no ImportId row */
			c->legacy =
				c->r->opts.preset == SEMM_PRESET_QUALTRICS &&
				c->names.n > 0 &&
				strcmp(header_name(c, 0), "V1") == 0;
			if (c->legacy)
				c->in_header--;
		}
		if (c->header_row == 2)
			check_import_ids(c);
		c->header_row++;
		c->in_header--;
		if (!c->in_header)
			finish_header(c);
	} else {
		finish_row(c);
	}
	reset_row(c);
	c->field = 0;
}

static void parse_error(csv_reader *c)
{
	fatal(c, SEMM_EPARSE, c->line, c->field + 1,
	      "malformed quoting: a quote inside a field must be doubled "
	      "and a quoted field must end with a quote");
}

/* Feeds part of one line (no '\n' inside except at the end). */
static void feed_part(csv_reader *c, const char *s, size_t n)
{
	if (c->at_line_start && c->parser.pstate == LIBCSV_ROW_NOT_BEGUN)
		c->row_line = c->line;
	c->at_line_start = 0;
	if (memchr(s, '\0', n)) {
		fatal(c, SEMM_EPARSE, c->line, 0,
		      "binary data (a NUL byte): this is not a CSV text file");
		return;
	}
	if (csv_parse(&c->parser, s, n, on_field, on_row, c) != n) {
		if (csv_error(&c->parser) == CSV_ENOMEM)
			fatal(c, SEMM_ENOMEM, 0, 0, "out of memory");
		parse_error(c);
		return;
	}
	if (c->parser.entry_pos > c->r->opts.max_field_bytes)
		fatal(c, SEMM_ELIMIT, c->row_line, c->field + 1,
		      "a field is longer than %zu bytes",
		      c->r->opts.max_field_bytes);
}

/* Length of the line at s (up to and with its end: "\n", "\r\n" or a
 * lone "\r"), or n when it does not end within s[0..n-1]. */
static size_t line_part(const char *s, size_t n, int *ends)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n' ||
		    (s[i] == '\r' && i + 1 < n && s[i + 1] != '\n')) {
			*ends = 1;
			return i + 1;
		}
	}
	*ends = 0;
	return n;
}

static void feed_lines(csv_reader *c, const char *s, size_t n)
{
	while (n > 0 && c->rc == SEMM_OK) {
		int ends;
		size_t part;

		/* a "\r" that ended the previous piece ended its line unless
		 * this piece starts with the "\n" of a CRLF */
		if (c->pending_cr && *s != '\n') {
			c->line++;
			c->at_line_start = 1;
		}
		c->pending_cr = 0;
		part = line_part(s, n, &ends);
		feed_part(c, s, part);
		if (ends) {
			c->line++;
			c->at_line_start = 1;
		} else if (s[part - 1] == '\r') {
			c->pending_cr = 1;
		}
		s += part;
		n -= part;
	}
}

/* The most frequent of ',', ';' and tab outside quotes in the first line
 * of s; ',' when none occurs or on a tie with it. */
static char detect_delimiter(const char *s, size_t n)
{
	size_t comma = 0, semicolon = 0, tab = 0, i;
	int quoted = 0;

	for (i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			comma++;
		else if (!quoted && s[i] == ';')
			semicolon++;
		else if (!quoted && s[i] == '\t')
			tab++;
	}
	if (semicolon > comma && semicolon >= tab)
		return ';';
	if (tab > comma && tab > semicolon)
		return '\t';
	return ',';
}

static void set_delimiter(csv_reader *c, char delimiter)
{
	int dc = c->r->opts.decimal_comma;

	c->delimiter = delimiter;
	csv_set_delim(&c->parser, (unsigned char)delimiter);
	c->r->decimal_comma = dc > 0 || (dc < 0 && delimiter == ';');
}

/* Holds the start of the file until its first line is complete, then
 * detects the delimiter and feeds what was held. */
static void feed_detecting(csv_reader *c, const char *s, size_t n)
{
	if (semm__buf_append(&c->pending, s, n) < 0) {
		fatal(c, SEMM_ENOMEM, 0, 0, "out of memory");
		return;
	}
	if (!memchr(s, '\n', n) && c->pending.len < DETECT_BYTES)
		return;
	set_delimiter(c, detect_delimiter(c->pending.data, c->pending.len));
	feed_lines(c, c->pending.data, c->pending.len);
	semm__buf_free(&c->pending);
}

/* Excel writes a first line "sep=;" to declare the delimiter; the header
 * follows it. Returns the length of such a line at s (0 when s does not
 * start with one), having set the delimiter unless one was asked for. */
static size_t excel_sep_line(csv_reader *c, const char *s, size_t n)
{
	int ends;
	size_t part;

	if (n < 6 || memcmp(s, "sep=", 4) != 0 || s[4] == '"' ||
	    ((unsigned char)s[4] < 0x20 && s[4] != '\t'))
		return 0;
	part = line_part(s, n, &ends);
	if (!ends || !(part == 6 || (part == 7 && s[5] == '\r')))
		return 0;
	if (!c->r->opts.delimiter)
		set_delimiter(c, s[4]);
	c->line++;
	c->row_line = c->line;
	return part;
}

static void feed_input(csv_reader *c, const char *s, size_t n)
{
	if (!c->started && n > 0) {
		size_t sep;

		c->started = 1;
		if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		sep = excel_sep_line(c, s, n);
		s += sep;
		n -= sep;
	}
	if (c->delimiter)
		feed_lines(c, s, n);
	else if (n > 0)
		feed_detecting(c, s, n);
}

/* Line ends in s[0..n-1], as the reader counts them. */
static unsigned long count_lines(const char *s, size_t n)
{
	unsigned long lines = 0;

	while (n > 0) {
		int ends;
		size_t part = line_part(s, n, &ends);

		lines += (unsigned long)ends;
		s += part;
		n -= part;
	}
	return lines;
}

/*
 * The read options' header rows stand for the input's own: they are fed
 * first, then the input, whose lines are numbered from its first line
 * (or first_line). An input that starts with the same rows has them
 * skipped, so the first shard of a split file reads like the others.
 */
static void feed_given_header(csv_reader *c, int at_end)
{
	const char *h = c->r->opts.header, *s = c->hold.data;
	size_t hn = strlen(h), n = c->hold.len;
	unsigned long skipped = 0;

	if (!at_end && n < hn + 3)
		return;
	c->header_given = 0;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	if (n >= hn && memcmp(s, h, hn) == 0) {
		skipped = count_lines(h, hn);
		s += hn;
		n -= hn;
	}
	feed_input(c, h, hn);
	c->line = c->first_line + skipped;
	c->row_line = c->line;
	c->at_line_start = 1;
	c->pending_cr = 0;
	feed_input(c, s, n);
	semm__buf_free(&c->hold);
}

static void feed(csv_reader *c, const char *s, size_t n)
{
	if (!c->header_given) {
		feed_input(c, s, n);
		return;
	}
	if (semm__buf_append(&c->hold, s, n) < 0) {
		fatal(c, SEMM_ENOMEM, 0, 0, "out of memory");
		return;
	}
	feed_given_header(c, 0);
}

static int start(csv_reader *c, semm_responses *r, const char *source,
		 semm_error *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	c->r = r;
	c->err = err;
	c->source = source;
	c->line = 1;
	c->row_line = 1;
	c->first_line = 1;
	c->at_line_start = 1;
	c->header_given = r->opts.header && r->opts.header[0];
	c->in_header = 1 + (int)semm__preset_extra_header_rows(r->opts.preset);
	rc = semm__responses_add_source(r, source, &c->src);
	if (rc < 0)
		return semm__fail(err, rc, source, 0, 0, "%s",
				  rc == SEMM_ENOMEM ? "out of memory"
						    : "too many inputs");
	c->row.source = c->src;
	c->row.answers = malloc(r->n_items ? r->n_items : 1);
	if (!c->row.answers)
		return semm__fail(err, SEMM_ENOMEM, source, 0, 0,
				  "out of memory");
	if (csv_init(&c->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(c->row.answers);
		return semm__fail(err, SEMM_ENOMEM, source, 0, 0,
				  "out of memory");
	}
	if (r->opts.delimiter)
		set_delimiter(c, r->opts.delimiter);
	reset_row(c);
	return SEMM_OK;
}

static int finish(csv_reader *c, size_t before)
{
	if (c->rc == SEMM_OK && c->header_given)
		feed_given_header(c, 1);
	if (c->rc == SEMM_OK && !c->delimiter) {
		set_delimiter(c, detect_delimiter(
					 c->pending.data ? c->pending.data : "",
					 c->pending.len));
		feed_lines(c, c->pending.data, c->pending.len);
	}
	if (c->rc == SEMM_OK && csv_fini(&c->parser, on_field, on_row, c) != 0)
		fatal(c, SEMM_EPARSE, c->row_line, c->field + 1,
		      "unterminated quoted field: the quote opened in this "
		      "row is never closed");
	if (c->rc == SEMM_OK && c->in_header && c->header_row == 0)
		fatal(c, SEMM_EDATA, 0, 0,
		      "the file is empty: expected a header row naming the "
		      "respondent, metadata and item columns");
	else if (c->rc == SEMM_OK && c->in_header)
		fatal(c, SEMM_EDATA, c->line, 0,
		      "the file has %zu header row%s; a %s export has %zu",
		      c->header_row, c->header_row == 1 ? "" : "s",
		      semm_preset_name(c->r->opts.preset),
		      c->header_row + (size_t)c->in_header);
	else if (c->rc == SEMM_OK && !c->survey &&
		 semm_responses_read_count(c->r) == before)
		fatal(c, SEMM_EDATA, c->row_line, 0,
		      "the file has a header but no respondent rows");
	csv_free(&c->parser);
	free(c->row.answers);
	free(c->cols);
	header_free(&c->names);
	header_free(&c->texts);
	semm__stage_free(&c->stage);
	semm__buf_free(&c->pending);
	semm__buf_free(&c->hold);
	semm__buf_free(&c->synth);
	return c->rc;
}

/* Reads head[0..n_head-1], then fp (if not NULL), into r or, when sv is
 * not NULL, into the survey. */
static int read_stream(semm_responses *r, FILE *fp, const char *source,
		       const char *head, size_t n_head, semm__survey *sv,
		       semm_error *err)
{
	size_t before = semm_responses_read_count(r);
	unsigned long long bytes = n_head;
	char *chunk = NULL;
	csv_reader c;
	int rc = start(&c, r, source, err);

	if (rc < 0)
		return rc;
	c.survey = sv;
	feed(&c, head, n_head);
	chunk = fp ? malloc(READ_CHUNK) : NULL;
	if (fp && !chunk)
		fatal(&c, SEMM_ENOMEM, 0, 0, "out of memory");
	while (c.rc == SEMM_OK && fp) {
		size_t got = fread(chunk, 1, READ_CHUNK, fp);

		if (got == 0) {
			if (ferror(fp))
				fatal(&c, SEMM_EIO, 0, 0, "read failed");
			break;
		}
		feed(&c, chunk, got);
		bytes += got;
		if (r->opts.progress)
			r->opts.progress(r->opts.progress_ctx, source, bytes,
					 semm_responses_read_count(r));
	}
	free(chunk);
	return finish(&c, before);
}

int semm__responses_read_csv_with_head(semm_responses *r, FILE *fp,
				       const char *source, const char *head,
				       size_t n_head, semm_error *err)
{
	return read_stream(r, fp, source, head, n_head, NULL, err);
}

int semm__survey_read_csv(semm__survey *sv, semm_responses *r, FILE *fp,
			  const char *data, size_t len, const char *source,
			  semm_error *err)
{
	return read_stream(r, fp, source, data, len, sv, err);
}

int semm__responses_read_csv_range(semm_responses *r, int fd, off_t off,
				   off_t len, const char *source,
				   unsigned long first_line, semm_error *err)
{
	size_t before = semm_responses_read_count(r);
	unsigned long long done = 0;
	char *chunk = NULL;
	csv_reader c;
	int rc = start(&c, r, source, err);

	if (rc < 0)
		return rc;
	c.first_line = c.line = c.row_line = first_line;
	chunk = malloc(READ_CHUNK);
	if (!chunk)
		fatal(&c, SEMM_ENOMEM, 0, 0, "out of memory");
	while (c.rc == SEMM_OK && len > 0) {
		size_t want = len < READ_CHUNK ? (size_t)len : READ_CHUNK;
		ssize_t got = pread(fd, chunk, want, off);

		if (got <= 0) {
			fatal(&c, SEMM_EIO, 0, 0, "read failed");
			break;
		}
		feed(&c, chunk, (size_t)got);
		off += got;
		len -= got;
		done += (unsigned long long)got;
		if (r->opts.progress)
			r->opts.progress(r->opts.progress_ctx, source, done,
					 semm_responses_read_count(r));
	}
	free(chunk);
	return finish(&c, before);
}

int semm_responses_read_csv(semm_responses *r, FILE *fp, const char *source,
			    semm_error *err)
{
	return semm__responses_read_csv_with_head(r, fp, source, NULL, 0, err);
}

int semm_responses_read_csv_buffer(semm_responses *r, const char *data,
				   size_t len, const char *source,
				   semm_error *err)
{
	size_t before = semm_responses_read_count(r);
	csv_reader c;
	int rc = start(&c, r, source, err);

	if (rc < 0)
		return rc;
	feed(&c, data, len);
	return finish(&c, before);
}

size_t semm__csv_header_end(const char *s, size_t n, size_t rows)
{
	size_t i = 0, done = 0;
	int quoted = 0;

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	if (n - i >= 6 && memcmp(s + i, "sep=", 4) == 0 &&
	    (s[i + 5] == '\n' ||
	     (s[i + 5] == '\r' && n - i >= 7 && s[i + 6] == '\n')))
		i += s[i + 5] == '\n' ? 6 : 7;
	for (; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == '\n' && ++done == rows)
			return i + 1;
	}
	return 0;
}

/* The most header text read from a file (a header of 10,000 long column
 * names fits). */
#define HEADER_MAX ((size_t)16 << 20)

int semm_responses_header_from_file(char **out, const char *path,
				    const semm_read_options *opts,
				    semm_error *err)
{
	semm_preset preset = opts ? opts->preset : SEMM_PRESET_NONE;
	size_t rows = 0;
	FILE *fp = fopen(path, "rb");
	semm__buf b = { 0 };
	char chunk[65536];
	size_t end = 0, got, skip;
	int rc = SEMM_OK;

	*out = NULL;
	if (!fp && errno == ENOMEM) /* fopen allocates the stream */
		return semm__fail(err, SEMM_ENOMEM, path, 0, 0,
				  "out of memory");
	if (!fp)
		return semm__fail(err, SEMM_EIO, path, 0, 0, "cannot open: %s",
				  strerror(errno));
	while (!end && b.len < HEADER_MAX &&
	       (got = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		rc = semm__buf_append(&b, chunk, got);
		if (rc < 0)
			break;
		if (rows == 0)
			rows = semm__header_rows(preset, b.data, b.len);
		end = semm__csv_header_end(b.data, b.len, rows);
	}
	if (rc == SEMM_OK && ferror(fp))
		rc = semm__fail(err, SEMM_EIO, path, 0, 0, "read failed");
	else if (rc == SEMM_ENOMEM)
		rc = semm__fail(err, rc, path, 0, 0, "out of memory");
	else if (!end)
		rc = semm__fail(err, SEMM_EDATA, path, 0, 0,
				"no complete header: expected %zu header "
				"row%s ending in a line break",
				rows ? rows : 1, rows > 1 ? "s" : "");
	fclose(fp);
	if (rc == SEMM_OK) {
		skip = b.len >= 3 && memcmp(b.data, "\xEF\xBB\xBF", 3) == 0 ? 3
									    : 0;
		*out = semm__strndup(b.data + skip, end - skip);
		if (!*out)
			rc = semm__fail(err, SEMM_ENOMEM, path, 0, 0,
					"out of memory");
	}
	semm__buf_free(&b);
	return rc;
}
