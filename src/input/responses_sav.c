/*
 * responses_sav.c - the libreadstat adapter: respondents from the files
 * of statistics packages, SPSS (.sav, .zsav, .por) and Stata (.dta), into
 * the respondent store. Survey tools (Qualtrics, LimeSurvey) export SPSS
 * files with every answer as a number whose words are its value label.
 *
 * A file is read in two passes. The first reads the dictionary only:
 * variables, variable labels, value labels and missing values (Stata
 * keeps its value labels after the data, so a single pass could not check
 * them before the first record). The columns are then placed as a CSV
 * export's are, the variable names standing for the header row and the
 * variable labels for Qualtrics' row of question texts, and the value
 * labels of every item are checked against its scale. The second pass
 * reads the records, one respondent each, numbered from 1 in messages
 * ("file.sav: record 17: ...").
 *
 * Every value becomes the text a CSV export would hold (cell_text), and
 * that text goes where a CSV cell goes (take_cell): an item's through
 * semm__responses_code, so that the rules for answers stay in one place.
 * The file is read through handlers of our own (a file descriptor or a
 * buffer), never held whole.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <readstat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/numfmt.h"
#include "input/input.h"

#define NO_SET SIZE_MAX
#define NO_LABEL SIZE_MAX
/* The first byte of a binary Stata file: its format, 104 (Stata 5) to
 * 115 (Stata 12); later ones are XML-like. */
#define STATA_OLDEST 104
#define STATA_NEWEST_BINARY 115
/* its second byte: the byte order */
#define STATA_HILO 1
#define STATA_LOHI 2
/* Bytes read between two calls of the progress callback. */
#define PROGRESS_BYTES ((uint64_t)1 << 16)

/* Where the bytes come from: a file (path) or a buffer. */
typedef struct stat_io {
	const char *path; /* NULL: data[0..len-1] */
	int fd;
	int error; /* errno of a failed open or read; 0 */
	const unsigned char *data;
	size_t len;
	uint64_t pos;
} stat_io;

/* One value label: value (or tagged missing value) -> text. */
typedef struct stat_label {
	double value;
	char tag; /* 'a'... for a tagged missing value, 0 for value */
	char *text;
	size_t next; /* the next label of its set, NO_LABEL */
} stat_label;

typedef struct stat_var {
	char *name;
	char *label; /* NULL when it has none */
	int numeric;
	size_t set;	 /* its value labels (a set index), NO_SET */
	double *missing; /* user-missing ranges, lo and hi in pairs */
	size_t n_missing;
	semm__column col;
} stat_var;

typedef struct stat_reader {
	semm_responses *r;
	semm_error *err;
	const char *source;
	semm_stat_format format;
	uint32_t src;
	stat_io io;
	stat_var *vars;
	size_t n_vars;
	size_t cap_vars;
	semm__strmap set_index; /* value label set name -> index */
	size_t *set_first;	/* per set, its first label or NO_LABEL */
	size_t *set_last;	/* and its last, to keep the file's order */
	size_t n_sets;
	stat_label *labels;
	size_t n_labels;
	size_t cap_labels;
	int synth_ids;
	semm__buf synth;
	long obs; /* the record being read (0-based), -1 before the first */
	semm__row row;
	semm__stage stage; /* the current row's metadata and filter cells */
	int org_given; /* no organization variable: the read options' name */
	char number[SEMM_NUMFMT_BUFSIZE];
	char lib_message[200]; /* libreadstat's own words on a failure */
	uint64_t progress_at;
	int rc;
} stat_reader;

static const char *format_name(semm_stat_format f)
{
	return f == SEMM_STAT_DTA ? "Stata" : "SPSS";
}

static const char *a_format(semm_stat_format f)
{
	return f == SEMM_STAT_DTA ? "a Stata" : "an SPSS";
}

static void fatal(stat_reader *c, int code, unsigned long record,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void fatal(stat_reader *c, int code, unsigned long record,
		  const char *fmt, ...)
{
	va_list ap;

	if (c->rc < 0)
		return;
	va_start(ap, fmt);
	c->rc = semm__vfail(c->err, code, c->source, record, 0, fmt, ap);
	va_end(ap);
}

/* ---- input handlers (a file or a buffer) ----------------------------- */

static int io_open(const char *path, void *ctx)
{
	stat_io *io = ctx;

	(void)path;
	io->pos = 0;
	if (!io->path)
		return 0;
	io->fd = open(io->path, O_RDONLY);
	if (io->fd < 0)
		io->error = errno;
	return io->fd;
}

static int io_close(void *ctx)
{
	stat_io *io = ctx;

	if (io->fd >= 0)
		close(io->fd);
	io->fd = -1;
	return 0;
}

static readstat_off_t io_seek(readstat_off_t off, readstat_io_flags_t whence,
			      void *ctx)
{
	stat_io *io = ctx;
	readstat_off_t base = 0, to;

	if (io->path) {
		to = lseek(io->fd, off,
			   whence == READSTAT_SEEK_SET	 ? SEEK_SET
			   : whence == READSTAT_SEEK_CUR ? SEEK_CUR
							 : SEEK_END);
		/* a failed seek is a damaged offset in the file (before
		 * its start), not an input/output error */
		if (to >= 0)
			io->pos = (uint64_t)to;
		return to;
	}
	if (whence == READSTAT_SEEK_CUR)
		base = (readstat_off_t)io->pos;
	else if (whence == READSTAT_SEEK_END)
		base = (readstat_off_t)io->len;
	/* before the start, or past what an offset can say */
	if (off < 0 ? (uint64_t) - (off + 1) >= (uint64_t)base
		    : (uint64_t)off > (uint64_t)INT64_MAX - (uint64_t)base)
		return -1;
	to = base + off;
	io->pos = (uint64_t)to;
	return to;
}

static ssize_t io_read(void *buf, size_t n, void *ctx)
{
	stat_io *io = ctx;
	size_t got = 0;

	if (!io->path) {
		if (io->pos >= io->len)
			return 0;
		got = n < io->len - io->pos ? n : (size_t)(io->len - io->pos);
		memcpy(buf, io->data + io->pos, got);
		io->pos += got;
		return (ssize_t)got;
	}
	while (got < n) {
		ssize_t k = read(io->fd, (char *)buf + got, n - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			io->error = errno;
			return -1;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	io->pos += got;
	return (ssize_t)got;
}

static readstat_error_t io_update(long file_size, readstat_progress_handler h,
				  void *user_ctx, void *ctx)
{
	(void)file_size;
	(void)h;
	(void)user_ctx;
	(void)ctx;
	return READSTAT_OK;
}

static void on_lib_error(const char *message, void *ctx)
{
	stat_reader *c = ctx;

	if (!c->lib_message[0] && message)
		snprintf(c->lib_message, sizeof(c->lib_message), "%s", message);
}

/* ---- the dictionary (first pass) ------------------------------------- */

/* The index of value label set name, added when new. */
static int set_of(stat_reader *c, const char *name, size_t *set)
{
	size_t *first;
	int rc;

	*set = NO_SET;
	if (!name || !name[0])
		return SEMM_OK;
	rc = semm__strmap_put(&c->set_index, name, strlen(name), c->n_sets,
			      set);
	if (rc <= 0)
		return rc;
	first = realloc(c->set_first, (c->n_sets + 1) * sizeof(*first));
	if (first)
		c->set_first = first;
	first = first ? realloc(c->set_last, (c->n_sets + 1) * sizeof(*first))
		      : NULL;
	if (!first)
		return SEMM_ENOMEM;
	c->set_last = first;
	c->set_first[c->n_sets] = c->set_last[c->n_sets] = NO_LABEL;
	*set = c->n_sets++;
	return SEMM_OK;
}

static int on_value_label(const char *set_name, readstat_value_t value,
			  const char *text, void *ctx)
{
	stat_reader *c = ctx;
	stat_label *l;
	size_t set;
	int rc;

	/* labels of string values are not used: string variables are read
	 * as their text */
	if (readstat_value_type_class(value) != READSTAT_TYPE_CLASS_NUMERIC)
		return READSTAT_HANDLER_OK;
	rc = set_of(c, set_name, &set);
	if (rc == SEMM_OK && set != NO_SET && c->n_labels == c->cap_labels) {
		size_t cap = c->cap_labels ? 2 * c->cap_labels : 64;

		l = realloc(c->labels, cap * sizeof(*l));
		if (!l)
			rc = SEMM_ENOMEM;
		else {
			c->labels = l;
			c->cap_labels = cap;
		}
	}
	if (rc < 0 || set == NO_SET) {
		if (rc < 0)
			fatal(c, SEMM_ENOMEM, 0, "out of memory");
		return rc < 0 ? READSTAT_HANDLER_ABORT : READSTAT_HANDLER_OK;
	}
	l = &c->labels[c->n_labels];
	l->tag = readstat_value_is_tagged_missing(value)
			 ? readstat_value_tag(value)
			 : 0;
	l->value = l->tag ? 0 : readstat_double_value(value);
	l->text = semm__strdup(text ? text : "");
	if (!l->text) {
		fatal(c, SEMM_ENOMEM, 0, "out of memory");
		return READSTAT_HANDLER_ABORT;
	}
	l->next = NO_LABEL;
	if (c->set_last[set] == NO_LABEL)
		c->set_first[set] = c->n_labels;
	else
		c->labels[c->set_last[set]].next = c->n_labels;
	c->set_last[set] = c->n_labels++;
	return READSTAT_HANDLER_OK;
}

static int keep_missing(stat_var *var, const readstat_variable_t *v)
{
	int n = readstat_variable_get_missing_ranges_count(v), i;

	if (n <= 0 || !var->numeric)
		return SEMM_OK;
	var->missing = malloc(2 * (size_t)n * sizeof(*var->missing));
	if (!var->missing)
		return SEMM_ENOMEM;
	for (i = 0; i < n; i++) {
		var->missing[2 * i] = readstat_double_value(
			readstat_variable_get_missing_range_lo(v, i));
		var->missing[2 * i + 1] = readstat_double_value(
			readstat_variable_get_missing_range_hi(v, i));
	}
	var->n_missing = (size_t)n;
	return SEMM_OK;
}

static int grow_vars(stat_reader *c, size_t index)
{
	size_t cap = c->cap_vars ? c->cap_vars : 64;
	stat_var *vars;

	if (index < c->cap_vars)
		return SEMM_OK;
	while (cap <= index)
		cap *= 2;
	vars = realloc(c->vars, cap * sizeof(*vars));
	if (!vars)
		return SEMM_ENOMEM;
	memset(vars + c->cap_vars, 0, (cap - c->cap_vars) * sizeof(*vars));
	c->vars = vars;
	c->cap_vars = cap;
	return SEMM_OK;
}

static int on_variable(int index, readstat_variable_t *v,
		       const char *val_labels, void *ctx)
{
	stat_reader *c = ctx;
	const char *name = readstat_variable_get_name(v);
	const char *label = readstat_variable_get_label(v);
	stat_var *var;
	int rc;

	if (index < 0 || (size_t)index >= c->r->opts.max_columns) {
		fatal(c, SEMM_ELIMIT, 0, "more than %zu variables (columns)",
		      c->r->opts.max_columns);
		return READSTAT_HANDLER_ABORT;
	}
	rc = grow_vars(c, (size_t)index);
	if (rc < 0) {
		fatal(c, rc, 0, "out of memory");
		return READSTAT_HANDLER_ABORT;
	}
	var = &c->vars[index];
	if ((size_t)index >= c->n_vars)
		c->n_vars = (size_t)index + 1; /* what it holds is freed */
	if (var->name) {
		fatal(c, SEMM_EPARSE, 0, "variable %d is defined twice",
		      index + 1);
		return READSTAT_HANDLER_ABORT;
	}
	var->numeric = readstat_variable_get_type_class(v) ==
		       READSTAT_TYPE_CLASS_NUMERIC;
	var->name = semm__strdup(name ? name : "");
	var->label = label && label[0] ? semm__strdup(label) : NULL;
	rc = var->name && (var->label || !label || !label[0]) ? SEMM_OK
							      : SEMM_ENOMEM;
	if (rc == SEMM_OK)
		rc = set_of(c, val_labels, &var->set);
	if (rc == SEMM_OK)
		rc = keep_missing(var, v);
	if (rc < 0) {
		fatal(c, SEMM_ENOMEM, 0, "out of memory");
		return READSTAT_HANDLER_ABORT;
	}
	return READSTAT_HANDLER_OK;
}

/* ---- placing the variables ------------------------------------------- */

static void mark_seen(stat_reader *c, unsigned char *seen_items,
		      unsigned char *seen_meta)
{
	unsigned char seen_filter[SEMM__FILTERS] = { 0 };
	size_t i;

	for (i = 0; i < c->n_vars && c->rc == SEMM_OK; i++) {
		const semm__column *col = &c->vars[i].col;
		const char *name = c->vars[i].name;
		unsigned char *seen;

		if (col->kind == SEMM__COL_IGNORE)
			continue;
		seen = col->kind == SEMM__COL_ITEM ? &seen_items[col->index]
		       : col->kind == SEMM__COL_FILTER
			       ? &seen_filter[col->index]
			       : &seen_meta[col->index];
		if (*seen)
			fatal(c, SEMM_EDATA, 0,
			      "column \"%s\" (variable %zu) appears twice (or "
			      "two variables are the same item)",
			      name, i + 1);
		*seen = 1;
	}
}

/* As the CSV reader: required metadata, the read's attribute columns and
 * every item must have a column. */
static void check_missing(stat_reader *c, const unsigned char *seen_items,
			  const unsigned char *seen_meta)
{
	char shown[SEMM__QUOTE_BUF];
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
			fatal(c, SEMM_EDATA, 0,
			      "missing %s column \"%s\" among the variables",
			      semm_meta_role_name((semm_meta_role)i),
			      q->meta_column[i]);
			return;
		}
	}
	for (i = 0; i < c->r->opts.n_attributes; i++) {
		if (!seen_meta[SEMM_META_COUNT + i]) {
			fatal(c, SEMM_EDATA, 0,
			      "missing column \"%s\" among the variables "
			      "(asked for as a segment or attribute column)",
			      semm__shorten(c->r->opts.attributes[i],
					    strlen(c->r->opts.attributes[i]),
					    shown, sizeof(shown)));
			return;
		}
	}
	if (semm__missing_items(q, seen_items, &listed, &missing) < 0)
		fatal(c, SEMM_ENOMEM, 0, "out of memory");
	if (missing && c->rc == SEMM_OK)
		fatal(c, SEMM_EDATA, 0,
		      "no column for %s %s%s (%zu of the %zu items of "
		      "questionnaire \"%s\"; a column is placed by the item "
		      "id, its statement or the mapping: docs/IMPORT.md)",
		      missing == 1 ? "item" : "items", listed.data,
		      listed.len - 1 < 200 ? "" : ", ...", missing, q->n_items,
		      q->id);
	semm__buf_free(&listed);
}

/* Variable names as the header row, variable labels as the row of
 * question texts: placed exactly as a CSV export's columns. */
static void place_columns(stat_reader *c)
{
	char why[SEMM_ERROR_MESSAGE_MAX / 2], shown[SEMM__QUOTE_BUF];
	size_t n = c->n_vars ? c->n_vars : 1, i, bad = 0;
	const char **names = calloc(n, sizeof(*names));
	const char **texts = calloc(n, sizeof(*texts));
	semm__column *cols = calloc(n, sizeof(*cols));
	unsigned char *seen_items = calloc(c->r->n_items + 1, 1);
	unsigned char seen_meta[SEMM__SLOTS] = { 0 };
	int rc = SEMM_ENOMEM;

	if (names && texts && cols && seen_items) {
		for (i = 0; i < c->n_vars; i++) {
			names[i] = c->vars[i].name;
			texts[i] = c->vars[i].label;
		}
		rc = semm__columns_resolve(c->r, names, texts, c->n_vars, cols,
					   &bad, why, sizeof(why));
	}
	if (rc < 0)
		fatal(c, SEMM_ENOMEM, 0, "out of memory");
	else if (rc == 0)
		fatal(c, SEMM_EDATA, 0,
		      "unknown column \"%s\" (variable %zu): %s",
		      semm__shorten(names[bad], strlen(names[bad]), shown,
				    sizeof(shown)),
		      bad + 1, why);
	if (rc == 1) {
		int u = semm__columns_unknown(c->r, c->src, c->source, 0, names,
					      cols, c->n_vars, c->err);

		if (u < 0) {
			c->rc = u;
			rc = 0;
		}
	}
	for (i = 0; rc == 1 && i < c->n_vars; i++)
		c->vars[i].col = cols[i];
	if (rc == 1)
		mark_seen(c, seen_items, seen_meta);
	if (rc == 1 && c->rc == SEMM_OK)
		check_missing(c, seen_items, seen_meta);
	free(names);
	free(texts);
	free(cols);
	free(seen_items);
}

static int is_user_missing(const stat_var *var, double v)
{
	size_t i;

	for (i = 0; i < var->n_missing; i++) {
		if (v >= var->missing[2 * i] && v <= var->missing[2 * i + 1])
			return 1;
	}
	return 0;
}

static int is_point(const semm__scale *s, double v)
{
	return v == floor(v) && v >= s->min && v <= s->max;
}

/* Whether text is one of the scale's N/A or don't-know codes. */
static int is_na_or_dk(const semm__scale *s, const char *text)
{
	size_t i, n = strlen(text);

	for (i = 0; i < s->n_na; i++) {
		if (semm__label_matches(text, n, s->na[i]))
			return 1;
	}
	for (i = 0; i < s->n_dk; i++) {
		if (semm__label_matches(text, n, s->dk[i]))
			return 1;
	}
	return 0;
}

/* Whether text names point x of the scale (a label or synonym in any
 * language); 1 also when the scale has no words for x to compare. *shown
 * gets the label respondents see in the first language. */
static int names_point(const semm__scale *s, int x, const char *text,
		       const char **shown)
{
	size_t i, n = strlen(text);
	int any = 0;

	*shown = NULL;
	for (i = 0; i < s->n_labels; i++) {
		if (s->labels[i].value != x)
			continue;
		if (!*shown ||
		    (s->labels[i].lang == 0 && !s->labels[i].synonym))
			*shown = s->labels[i].text;
		any = 1;
		if (semm__label_matches(text, n, s->labels[i].key))
			return 1;
	}
	return !any;
}

/* An item's value labels against its scale: a label on a point must be
 * that point's words; a label elsewhere must be an N/A or don't-know
 * code. User-missing and tagged missing values are not answers (they
 * read as blank unless their label is N/A or don't know) and pass. */
static void check_labels(stat_reader *c, const stat_var *var)
{
	const semm__scale *s = semm__item_scale(c->r->q, var->col.index);
	char shown[SEMM__QUOTE_BUF], num[SEMM_NUMFMT_BUFSIZE];
	size_t k;

	for (k = c->set_first[var->set]; k != NO_LABEL && c->rc == SEMM_OK;
	     k = c->labels[k].next) {
		const stat_label *l = &c->labels[k];
		const char *words;

		if (l->tag || is_user_missing(var, l->value))
			continue;
		semm__numfmt_shortest(l->value, num);
		semm__shorten(l->text, strlen(l->text), shown, sizeof(shown));
		if (is_point(s, l->value)) {
			if (!names_point(s, (int)l->value, l->text, &words))
				fatal(c, SEMM_EDATA, 0,
				      "variable %s: value %s is labelled "
				      "\"%s\" but scale %s calls %s \"%s\"",
				      var->name, num, shown, s->id, num, words);
		} else if (!is_na_or_dk(s, l->text)) {
			fatal(c, SEMM_EDATA, 0,
			      "variable %s: value %s is labelled \"%s\", which "
			      "is outside the scale %d..%d and not an N/A or "
			      "don't-know code of scale %s",
			      var->name, num, shown, s->min, s->max, s->id);
		}
	}
}

/* After the first pass: every variable known, placed, and the value
 * labels of the items checked. */
static void finish_dictionary(stat_reader *c)
{
	char shown[SEMM__QUOTE_BUF];
	size_t i;

	if (c->n_vars == 0)
		fatal(c, SEMM_EDATA, 0, "the file has no variables");
	for (i = 0; i < c->n_vars && c->rc == SEMM_OK; i++) {
		const char *name = c->vars[i].name;
		size_t bad;

		if (!name) {
			fatal(c, SEMM_EPARSE, 0, "variable %zu is not defined",
			      i + 1);
			break;
		}
		bad = semm__utf8_check(name, strlen(name));
		if (bad != strlen(name))
			fatal(c, SEMM_EDATA, 0,
			      "invalid UTF-8 in the name of variable %zu "
			      "(byte 0x%02X at byte %zu): %s",
			      i + 1, (unsigned char)name[bad], bad + 1,
			      semm__shorten(name, strlen(name), shown,
					    sizeof(shown)));
	}
	if (c->rc == SEMM_OK)
		place_columns(c);
	for (i = 0; i < c->n_vars && c->rc == SEMM_OK; i++) {
		const stat_var *var = &c->vars[i];

		if (var->col.kind == SEMM__COL_ITEM && var->numeric &&
		    var->set != NO_SET)
			check_labels(c, var);
	}
}

/* ---- the records (second pass) --------------------------------------- */

static void reset_row(stat_reader *c)
{
	semm__stage_reset(&c->stage, &c->row, c->r->n_items);
}

static void finish_row(stat_reader *c)
{
	unsigned long record = (unsigned long)c->obs + 1;
	const semm_read_options *o = &c->r->opts;
	int rc;

	semm__stage_finish(&c->stage, &c->row,
			   c->org_given ? semm__organization(c->r) : NULL);
	if (c->synth_ids) {
		char num[32];
		int n = snprintf(num, sizeof(num), ":%lu", record);

		c->synth.len = 0;
		if (semm__buf_append(&c->synth, c->source, strlen(c->source)) <
			    0 ||
		    semm__buf_append(&c->synth, num, (size_t)n + 1) < 0) {
			fatal(c, SEMM_ENOMEM, 0, "out of memory");
			return;
		}
		c->row.meta[SEMM_META_RESPONDENT] = c->synth.data;
		c->row.meta_len[SEMM_META_RESPONDENT] = c->synth.len - 1;
	}
	c->row.line = record;
	rc = semm__responses_commit(c->r, &c->row, c->err);
	if (rc == SEMM_ENOMEM)
		fatal(c, SEMM_ENOMEM, record,
		      "out of memory while keeping the respondent");
	else if (rc < 0 && c->rc == SEMM_OK)
		c->rc = rc;
	if (o->progress && c->io.pos / PROGRESS_BYTES != c->progress_at) {
		c->progress_at = c->io.pos / PROGRESS_BYTES;
		o->progress(o->progress_ctx, c->source, c->io.pos,
			    semm_responses_read_count(c->r));
	}
}

/* The label of value v (or of tag) in var's set, or NULL. */
static const char *label_of(const stat_reader *c, const stat_var *var, double v,
			    char tag)
{
	size_t k;

	if (var->set == NO_SET)
		return NULL;
	for (k = c->set_first[var->set]; k != NO_LABEL; k = c->labels[k].next) {
		const stat_label *l = &c->labels[k];

		if (l->tag == tag && (tag || l->value == v))
			return l->text;
	}
	return NULL;
}

/* A missing value: an item's N/A or don't-know label, else blank. */
static const char *missing_text(const stat_reader *c, const stat_var *var,
				const char *label, size_t *len)
{
	if (label && var->col.kind == SEMM__COL_ITEM &&
	    is_na_or_dk(semm__item_scale(c->r->q, var->col.index), label)) {
		*len = strlen(label);
		return label;
	}
	*len = 0;
	return "";
}

/*
 * The text a CSV export would hold for a value. A string is itself. A
 * number is blank when system-missing; a missing value (user-defined or
 * tagged) is its label when that is an item's N/A or don't-know code,
 * else blank. An item's point of the scale is the number; another
 * labelled number is its label (for an item, an N/A or don't-know code,
 * as the dictionary was checked); any other number is written shortest
 * ("12", "2.5").
 */
static const char *cell_text(stat_reader *c, const stat_var *var,
			     readstat_variable_t *v, readstat_value_t value,
			     size_t *len)
{
	const char *label;
	double d;

	*len = 0;
	if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING) {
		const char *s = readstat_string_value(value);

		if (!s || readstat_value_is_defined_missing(value, v))
			return "";
		*len = strlen(s);
		return s;
	}
	if (readstat_value_is_system_missing(value))
		return "";
	if (readstat_value_is_tagged_missing(value))
		return missing_text(
			c, var, label_of(c, var, 0, readstat_value_tag(value)),
			len);
	d = readstat_double_value(value);
	if (readstat_value_is_defined_missing(value, v))
		return missing_text(c, var, label_of(c, var, d, 0), len);
	label = NULL;
	if (var->col.kind != SEMM__COL_ITEM ||
	    !is_point(semm__item_scale(c->r->q, var->col.index), d))
		label = label_of(c, var, d, 0);
	if (label) {
		*len = strlen(label);
		return label;
	}
	*len = semm__numfmt_shortest(d, c->number);
	return c->number;
}

/* The one place a cell's text goes where its column says, as a CSV
 * field does: nowhere (ignored), into a metadata slot, or classified as
 * an item's answer. */
static void take_cell(stat_reader *c, size_t i, const char *s, size_t len)
{
	const stat_var *var = &c->vars[i];
	const semm__column *col = &var->col;
	char why[SEMM_ERROR_MESSAGE_MAX];
	size_t bad;
	uint8_t code;

	if (len > c->r->opts.max_field_bytes) {
		fatal(c, SEMM_ELIMIT, (unsigned long)c->obs + 1,
		      "variable %s: a value is longer than %zu bytes",
		      var->name, c->r->opts.max_field_bytes);
		return;
	}
	bad = semm__utf8_check(s, len);
	if (bad != len)
		semm__row_problem(&c->row, i + 1,
				  "variable %s: invalid UTF-8 (byte 0x%02X at "
				  "byte %zu of the value)",
				  var->name, (unsigned char)s[bad], bad + 1);
	if (col->kind == SEMM__COL_IGNORE)
		return;
	if (col->kind == SEMM__COL_FILTER || col->kind == SEMM__COL_META) {
		if (semm__stage_put(&c->stage, &c->row, col, i + 1, s, len) < 0)
			fatal(c, SEMM_ENOMEM, 0, "out of memory");
		return;
	}
	if (semm__responses_code(c->r, col->index, s, len, &code, why,
				 sizeof(why)))
		c->row.answers[col->index] = code;
	else if (strcmp(var->name, c->r->q->items[col->index].id) == 0)
		semm__row_problem(&c->row, i + 1, "%s", why);
	else
		semm__row_problem(&c->row, i + 1, "variable %s: %s", var->name,
				  why);
}

/* The second pass meets the variables of the first. */
static int on_variable_again(int index, readstat_variable_t *v,
			     const char *val_labels, void *ctx)
{
	stat_reader *c = ctx;
	const char *name = readstat_variable_get_name(v);

	(void)val_labels;
	if (index < 0 || (size_t)index >= c->n_vars ||
	    strcmp(name ? name : "", c->vars[index].name) != 0) {
		fatal(c, SEMM_EPARSE, 0,
		      "the variables changed between two reads of the file");
		return READSTAT_HANDLER_ABORT;
	}
	return READSTAT_HANDLER_OK;
}

static int on_value(int obs, readstat_variable_t *v, readstat_value_t value,
		    void *ctx)
{
	stat_reader *c = ctx;
	int index = readstat_variable_get_index(v);
	const char *text;
	size_t len;

	if (c->rc < 0)
		return READSTAT_HANDLER_ABORT;
	if (index < 0 || (size_t)index >= c->n_vars) {
		fatal(c, SEMM_EPARSE, 0, "a value of unknown variable %d",
		      index + 1);
		return READSTAT_HANDLER_ABORT;
	}
	if (obs != c->obs) {
		if (c->obs >= 0)
			finish_row(c);
		c->obs = obs;
		reset_row(c);
	}
	text = cell_text(c, &c->vars[index], v, value, &len);
	if (c->rc == SEMM_OK)
		take_cell(c, (size_t)index, text, len);
	return c->rc < 0 ? READSTAT_HANDLER_ABORT : READSTAT_HANDLER_OK;
}

/* ---- running a pass -------------------------------------------------- */

/* libreadstat stopped with e: one line saying why. */
static void lib_failure(stat_reader *c, readstat_error_t e)
{
	char after[64] = "";

	if (c->rc < 0)
		return; /* a handler stopped it, with its own error */
	if (c->obs >= 0)
		snprintf(after, sizeof(after),
			 " (the data stop in or after record %ld)", c->obs + 1);
	if (e == READSTAT_ERROR_OPEN)
		fatal(c, SEMM_EIO, 0, "cannot open: %s",
		      strerror(c->io.error ? c->io.error : EIO));
	else if (e == READSTAT_ERROR_MALLOC)
		fatal(c, SEMM_ENOMEM, 0, "out of memory");
	else if (c->io.error)
		fatal(c, SEMM_EIO, 0, "read failed: %s", strerror(c->io.error));
	else if (e == READSTAT_ERROR_READ || e == READSTAT_ERROR_SEEK ||
		 e == READSTAT_ERROR_ROW_COUNT_MISMATCH)
		fatal(c, SEMM_EPARSE, 0,
		      "truncated or damaged %s file%s (libreadstat: %s)",
		      format_name(c->format), after,
		      c->lib_message[0] ? c->lib_message
					: readstat_error_message(e));
	else
		fatal(c, SEMM_EPARSE, 0,
		      "not %s file libreadstat can read%s (libreadstat: %s)",
		      a_format(c->format), after,
		      c->lib_message[0] ? c->lib_message
					: readstat_error_message(e));
}

/* Reads up to n bytes at offset off (from the end when off < 0) into
 * buf; returns the bytes read, or -1 when the file cannot be opened. */
static long peek(stat_reader *c, long off, char *buf, size_t n)
{
	ssize_t got = -1;

	if (io_open(c->source, &c->io) < 0)
		return -1;
	if (io_seek(off, off < 0 ? READSTAT_SEEK_END : READSTAT_SEEK_SET,
		    &c->io) >= 0)
		got = io_read(buf, n, &c->io);
	io_close(&c->io);
	return got < 0 ? 0 : (long)got;
}

/*
 * What libreadstat would say of a file of another kind or of a cut one
 * is vague ("Unable to read from file"); its signature says it plainly.
 * A .sav starts with "$FL2" ("$FL3" compressed). A Stata 13 or later
 * file starts with "<stata_dta>" and ends with "</stata_dta>", so a cut
 * one is told by its end; older ones start with their version byte.
 */
static void check_signature(stat_reader *c)
{
	static const char head[] = "<stata_dta>", tail[] = "</stata_dta>";
	char buf[sizeof(tail)] = { 0 };
	long got = peek(c, 0, buf, sizeof(head) - 1);

	if (got < 0) {
		lib_failure(c, READSTAT_ERROR_OPEN);
		return;
	}
	if (c->format == SEMM_STAT_SAV &&
	    (got < 4 ||
	     (memcmp(buf, "$FL2", 4) != 0 && memcmp(buf, "$FL3", 4) != 0)))
		fatal(c, SEMM_EPARSE, 0,
		      "not an SPSS .sav or .zsav file: it does not start with "
		      "\"$FL2\" or \"$FL3\"");
	if (c->format != SEMM_STAT_DTA || c->rc < 0)
		return;
	if (got == (long)sizeof(head) - 1 &&
	    memcmp(buf, head, sizeof(head) - 1) == 0) {
		got = peek(c, -(long)(sizeof(tail) - 1), buf, sizeof(tail) - 1);
		if (got != (long)sizeof(tail) - 1 ||
		    memcmp(buf, tail, sizeof(tail) - 1) != 0)
			fatal(c, SEMM_EPARSE, 0,
			      "truncated or damaged Stata file: it does not "
			      "end with \"%s\"",
			      tail);
	} else if (got < 2 || (unsigned char)buf[0] < STATA_OLDEST ||
		   (unsigned char)buf[0] > STATA_NEWEST_BINARY ||
		   (buf[1] != STATA_HILO && buf[1] != STATA_LOHI)) {
		fatal(c, SEMM_EPARSE, 0,
		      "not a Stata .dta file: it starts with neither \"%s\" "
		      "nor the version and byte order of Stata 5 to 12",
		      head);
	}
}

static readstat_error_t parse(readstat_parser_t *p, stat_reader *c)
{
	if (c->format == SEMM_STAT_POR)
		return readstat_parse_por(p, c->source, c);
	if (c->format == SEMM_STAT_DTA)
		return readstat_parse_dta(p, c->source, c);
	return readstat_parse_sav(p, c->source, c);
}

/* One pass over the file: the dictionary, or the records. */
static void run_pass(stat_reader *c, int records)
{
	readstat_parser_t *p = readstat_parser_init();
	readstat_error_t e;

	if (!p) {
		fatal(c, SEMM_ENOMEM, 0, "out of memory");
		return;
	}
	readstat_set_open_handler(p, io_open);
	readstat_set_close_handler(p, io_close);
	readstat_set_seek_handler(p, io_seek);
	readstat_set_read_handler(p, io_read);
	readstat_set_update_handler(p, io_update);
	readstat_set_io_ctx(p, &c->io);
	readstat_set_error_handler(p, on_lib_error);
	/* libreadstat sets its variables up only for a variable handler */
	readstat_set_variable_handler(p, records ? on_variable_again
						 : on_variable);
	if (records)
		readstat_set_value_handler(p, on_value);
	else
		readstat_set_value_label_handler(p, on_value_label);
	e = parse(p, c);
	readstat_parser_free(p);
	if (e != READSTAT_OK)
		lib_failure(c, e);
}

static void reader_free(stat_reader *c)
{
	size_t i;

	for (i = 0; i < c->n_vars; i++) {
		free(c->vars[i].name);
		free(c->vars[i].label);
		free(c->vars[i].missing);
	}
	free(c->vars);
	for (i = 0; i < c->n_labels; i++)
		free(c->labels[i].text);
	free(c->labels);
	free(c->set_first);
	free(c->set_last);
	semm__strmap_free(&c->set_index);
	free(c->row.answers);
	semm__stage_free(&c->stage);
	semm__buf_free(&c->synth);
}

static int read_stat(semm_responses *r, stat_io *io, semm_stat_format format,
		     const char *source, semm_error *err)
{
	stat_reader c;
	int rc;

	if (!r || !source || (unsigned)format > SEMM_STAT_DTA)
		return semm__fail(err, SEMM_EARG, source, 0, 0,
				  "no responses, source or known format");
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.err = err;
	c.source = source;
	c.format = format;
	c.io = *io;
	c.obs = -1;
	rc = semm__responses_add_source(r, source, &c.src);
	if (rc < 0)
		return semm__fail(err, rc, source, 0, 0, "%s",
				  rc == SEMM_ENOMEM ? "out of memory"
						    : "too many inputs");
	c.row.source = c.src;
	c.row.answers = malloc(r->n_items ? r->n_items : 1);
	if (!c.row.answers)
		fatal(&c, SEMM_ENOMEM, 0, "out of memory");
	/* numbers are written with a point; a string cell "4,0" is read
	 * as 4 only when asked */
	r->decimal_comma = r->opts.decimal_comma > 0;
	if (c.rc == SEMM_OK)
		check_signature(&c);
	if (c.rc == SEMM_OK)
		run_pass(&c, 0);
	if (c.rc == SEMM_OK)
		finish_dictionary(&c);
	if (c.rc == SEMM_OK)
		run_pass(&c, 1);
	if (c.rc == SEMM_OK && c.obs >= 0) {
		finish_row(&c);
		if (c.rc == SEMM_OK && r->opts.progress)
			r->opts.progress(r->opts.progress_ctx, source, c.io.pos,
					 semm_responses_read_count(r));
	} else if (c.rc == SEMM_OK) {
		fatal(&c, SEMM_EDATA, 0,
		      "the file has variables but no records (respondents)");
	}
	reader_free(&c);
	return c.rc;
}

int semm__responses_read_stat(semm_responses *r, const char *path,
			      semm_stat_format format, const char *source,
			      semm_error *err)
{
	stat_io io;

	memset(&io, 0, sizeof(io));
	io.path = path;
	io.fd = -1;
	if (!path)
		return semm__fail(err, SEMM_EARG, source, 0, 0, "no path");
	return read_stat(r, &io, format, source, err);
}

int semm_responses_read_stat(semm_responses *r, const char *path,
			     semm_stat_format format, semm_error *err)
{
	return semm__responses_read_stat(r, path, format, path, err);
}

int semm_responses_read_stat_buffer(semm_responses *r, const void *data,
				    size_t len, semm_stat_format format,
				    const char *source, semm_error *err)
{
	stat_io io;

	memset(&io, 0, sizeof(io));
	io.fd = -1;
	io.data = data;
	io.len = len;
	if (!data && len)
		return semm__fail(err, SEMM_EARG, source, 0, 0, "no data");
	return read_stat(r, &io, format, source, err);
}

int semm_stat_format_from_name(const char *name, semm_stat_format *out)
{
	return semm__stat_format_of(name, out);
}
