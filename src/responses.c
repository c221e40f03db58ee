/*
 * responses.c - the respondent store shared by the CSV and JSON readers:
 * classifying a cell against an item's scale, accepting or rejecting a
 * finished row, the counts, and reading a path of either format.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int semm_responses_new(semm_responses **out, const semm_questionnaire *q,
		       const semm_read_options *opts)
{
	semm_read_options defaults = SEMM_READ_OPTIONS_INIT;
	semm_responses *r;

	*out = NULL;
	size_t a;

	if (!q || !q->model ||
	    (opts && opts->version != SEMM_READ_OPTIONS_VERSION))
		return SEMM_EARG;
	if (opts && (opts->n_attributes > SEMM_MAX_ATTRIBUTES ||
		     (opts->n_attributes && !opts->attributes)))
		return SEMM_EARG;
	for (a = 0; opts && a < opts->n_attributes; a++) {
		if (!opts->attributes[a] || !opts->attributes[a][0])
			return SEMM_EARG;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		return SEMM_ENOMEM;
	r->q = q;
	r->opts = opts ? *opts : defaults;
	r->n_items = q->n_items;
	*out = r;
	return SEMM_OK;
}

void semm_responses_free(semm_responses *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_sources; i++)
		free(r->sources[i]);
	free(r->sources);
	free(r->answers);
	free(r->resp);
	free(r->rej);
	semm__buf_free(&r->pool);
	semm__strmap_free(&r->ids);
	semm__strmap_free(&r->shared);
	free(r->attr);
	free(r);
}

int semm__responses_add_source(semm_responses *r, const char *name,
			       uint32_t *index)
{
	char **sources;
	char *copy;

	if (r->n_sources >= UINT32_MAX)
		return SEMM_ELIMIT;
	copy = semm__strdup(name);
	sources = copy ? realloc(r->sources,
				 (r->n_sources + 1) * sizeof(*sources))
		       : NULL;
	if (!sources) {
		free(copy);
		return SEMM_ENOMEM;
	}
	r->sources = sources;
	r->sources[r->n_sources] = copy;
	*index = (uint32_t)r->n_sources++;
	return SEMM_OK;
}

/* Copies s into the pool; returns its offset or SEMM__NO_STRING on
 * failure (with *rc set). */
static size_t pool_add(semm_responses *r, const char *s, size_t n, int *rc)
{
	size_t off = r->pool.len;

	*rc = semm__buf_append(&r->pool, s, n);
	if (*rc == SEMM_OK)
		*rc = semm__buf_append(&r->pool, "", 1);
	return *rc == SEMM_OK ? off : SEMM__NO_STRING;
}

static int match_word(const semm__scale *s, const char *cell, size_t len,
		      uint8_t *code)
{
	size_t i;

	for (i = 0; i < s->n_labels; i++) {
		if (semm__label_matches(cell, len, s->labels[i].key)) {
			*code = (uint8_t)(s->labels[i].value - s->min);
			return 1;
		}
	}
	for (i = 0; i < s->n_na; i++) {
		if (semm__label_matches(cell, len, s->na[i])) {
			*code = SEMM__ANS_NA;
			return 1;
		}
	}
	for (i = 0; i < s->n_dk; i++) {
		if (semm__label_matches(cell, len, s->dk[i])) {
			*code = SEMM__ANS_DK;
			return 1;
		}
	}
	return 0;
}

/* "4,0" as 4.0: one comma standing for the decimal point. */
static int decimal_comma_number(const char *cell, size_t len, double *v)
{
	char tmp[64];
	const char *comma;
	size_t n = len;
	const char *t = semm__trim(cell, &n);

	comma = memchr(t, ',', n);
	if (!comma || n >= sizeof(tmp) ||
	    memchr(comma + 1, ',', n - (size_t)(comma - t) - 1))
		return 0;
	memcpy(tmp, t, n);
	tmp[comma - t] = '.';
	return semm__parse_number(tmp, n, v);
}

int semm__responses_code(const semm_responses *r, size_t item, const char *cell,
			 size_t len, uint8_t *code, char *why, size_t why_len)
{
	const semm__scale *s = semm__item_scale(r->q, item);
	const char *id = r->q->items[item].id;
	char shown[SEMM__QUOTE_BUF];
	size_t n = len;
	double v;

	semm__trim(cell, &n);
	if (n == 0) {
		*code = SEMM__ANS_BLANK;
		return 1;
	}
	if (semm__parse_number(cell, len, &v) ||
	    (r->decimal_comma && decimal_comma_number(cell, len, &v)) ||
	    semm__mapping_answer(r->opts.mapping, cell, len, &v)) {
		if (v == floor(v) && v >= s->min && v <= s->max) {
			*code = (uint8_t)((int)v - s->min);
			return 1;
		}
		semm__shorten(cell, len, shown, sizeof(shown));
		snprintf(why, why_len, "item %s: \"%s\" is %s the scale %d..%d",
			 id, shown,
			 (v == floor(v)) ? "outside" : "not a point of", s->min,
			 s->max);
		return 0;
	}
	if (match_word(s, cell, len, code))
		return 1;
	semm__shorten(cell, len, shown, sizeof(shown));
	snprintf(why, why_len,
		 "item %s: \"%s\" is neither a number %d..%d nor a label, "
		 "N/A or don't-know code of scale \"%s\"",
		 id, shown, s->min, s->max, s->id);
	return 0;
}

void semm__row_problem(semm__row *row, unsigned long column, const char *fmt,
		       ...)
{
	va_list ap;

	if (row->bad)
		return;
	row->bad = 1;
	row->bad_column = column;
	va_start(ap, fmt);
	semm__vformat(row->reason, sizeof(row->reason), fmt, ap);
	va_end(ap);
}

static int reject(semm_responses *r, const semm__row *row, semm_error *err)
{
	const char *id = row->meta[SEMM_META_RESPONDENT];
	semm__rejection *x;
	int rc = SEMM_OK;

	if (r->opts.on_error == SEMM_ON_ERROR_FAIL)
		return semm__fail(err, SEMM_EDATA, r->sources[row->source],
				  row->line, row->bad_column, "%s",
				  row->reason);
	if (r->n_rej == r->cap_rej) {
		size_t cap = r->cap_rej ? r->cap_rej * 2 : 16;

		x = realloc(r->rej, cap * sizeof(*x));
		if (!x)
			return SEMM_ENOMEM;
		r->rej = x;
		r->cap_rej = cap;
	}
	x = &r->rej[r->n_rej];
	x->source = row->source;
	x->line = row->line;
	x->column = row->bad_column;
	x->respondent = SEMM__NO_STRING;
	if (id && row->meta_len[SEMM_META_RESPONDENT] > 0)
		x->respondent = pool_add(
			r, id, row->meta_len[SEMM_META_RESPONDENT], &rc);
	if (rc == SEMM_OK)
		x->reason = pool_add(r, row->reason, strlen(row->reason), &rc);
	if (rc == SEMM_OK)
		r->n_rej++;
	return rc;
}

static void check_required(const semm_responses *r, semm__row *row)
{
	int role;

	for (role = 0; role < SEMM_META_COUNT; role++) {
		size_t n = row->meta_len[role];

		if (row->meta[role])
			semm__trim(row->meta[role], &n);
		if (r->q->meta_required[role] && n == 0)
			semm__row_problem(
				row, row->meta_column[role],
				"%s column \"%s\" is missing or empty",
				semm_meta_role_name(role),
				r->q->meta_column[role]);
	}
}

static int check_duplicate(semm_responses *r, semm__row *row)
{
	const char *id = row->meta[SEMM_META_RESPONDENT];
	size_t first = 0;
	int rc;

	if (!id || row->meta_len[SEMM_META_RESPONDENT] == 0)
		return SEMM_OK;
	rc = semm__strmap_put(&r->ids, id, row->meta_len[SEMM_META_RESPONDENT],
			      r->n, &first);
	if (rc == 0) {
		const semm__respondent *p = &r->resp[first];
		char shown[SEMM__QUOTE_BUF];

		semm__row_problem(
			row, row->meta_column[SEMM_META_RESPONDENT],
			"duplicate respondent id \"%s\" (first "
			"seen at %s:%lu)",
			semm__shorten(id, row->meta_len[SEMM_META_RESPONDENT],
				      shown, sizeof(shown)),
			r->sources[p->source], p->line);
	}
	return rc < 0 ? rc : SEMM_OK;
}

static int grow(semm_responses *r)
{
	size_t cap = r->cap ? r->cap * 2 : 64;
	semm__respondent *resp;
	uint8_t *answers;

	if (r->n < r->cap)
		return SEMM_OK;
	if (r->n_items && cap > SIZE_MAX / r->n_items)
		return SEMM_ENOMEM;
	resp = realloc(r->resp, cap * sizeof(*resp));
	if (!resp)
		return SEMM_ENOMEM;
	r->resp = resp;
	answers = realloc(r->answers, cap * (r->n_items ? r->n_items : 1));
	if (!answers)
		return SEMM_ENOMEM;
	r->answers = answers;
	if (r->opts.n_attributes) {
		size_t *attr = realloc(r->attr, cap * r->opts.n_attributes *
							sizeof(*attr));

		if (!attr)
			return SEMM_ENOMEM;
		r->attr = attr;
	}
	r->cap = cap;
	return SEMM_OK;
}

/* Pool offset of a metadata value that many respondents share (an
 * organization, a sector): stored once. */
static size_t shared_add(semm_responses *r, const char *s, size_t n, int *rc)
{
	size_t off;
	int put;

	if (semm__strmap_get(&r->shared, s, n, &off))
		return off;
	off = pool_add(r, s, n, rc);
	if (*rc < 0)
		return SEMM__NO_STRING;
	put = semm__strmap_put(&r->shared, s, n, off, NULL);
	if (put < 0)
		*rc = put;
	return *rc < 0 ? SEMM__NO_STRING : off;
}

/* The pool offset of a row's slot (SEMM__NO_STRING when empty). */
static size_t slot_value(semm_responses *r, const semm__row *row, int slot,
			 int *rc)
{
	size_t n = row->meta_len[slot];
	const char *s;

	if (!row->meta[slot])
		return SEMM__NO_STRING;
	s = semm__trim(row->meta[slot], &n);
	if (slot == SEMM_META_RESPONDENT)
		return pool_add(r, s, n, rc);
	return shared_add(r, s, n, rc);
}

static int accept(semm_responses *r, const semm__row *row)
{
	semm__respondent *p;
	size_t a, n_attr = r->opts.n_attributes;
	int role, rc = grow(r);

	if (rc < 0)
		return rc;
	p = &r->resp[r->n];
	p->line = row->line;
	p->source = row->source;
	for (role = 0; role < SEMM_META_COUNT; role++) {
		p->meta[role] = slot_value(r, row, role, &rc);
		if (rc < 0)
			return rc;
	}
	for (a = 0; a < n_attr; a++) {
		size_t off = slot_value(r, row, SEMM_META_COUNT + (int)a, &rc);

		if (rc < 0)
			return rc;
		if (off != SEMM__NO_STRING && r->pool.data[off] == '\0')
			off = SEMM__NO_STRING;
		r->attr[r->n * n_attr + a] = off;
	}
	memcpy(r->answers + r->n * r->n_items, row->answers, r->n_items);
	r->n++;
	return SEMM_OK;
}

int semm__responses_commit(semm_responses *r, semm__row *row, semm_error *err)
{
	int rc = SEMM_OK;

	check_required(r, row);
	if (!row->bad)
		rc = check_duplicate(r, row);
	if (rc < 0)
		return rc;
	if (row->bad)
		return reject(r, row, err);
	return accept(r, row);
}

const char *semm_responses_attribute(const semm_responses *r, size_t i,
				     size_t a)
{
	if (!r || i >= r->n || a >= r->opts.n_attributes)
		return NULL;
	return semm__pool_str(r, r->attr[i * r->opts.n_attributes + a]);
}

static int looks_like_json(const char *path, const char *head, size_t n)
{
	size_t len = strlen(path);
	size_t i;

	if (len > 5 && strcmp(path + len - 5, ".json") == 0)
		return 1;
	for (i = 0; i < n; i++) {
		if (head[i] != ' ' && head[i] != '\t' && head[i] != '\r' &&
		    head[i] != '\n')
			return head[i] == '{' || head[i] == '[';
	}
	return 0;
}

/* Reads all of fp (used for JSON, which is parsed whole). */
static int slurp(FILE *fp, const char *name, semm__buf *b, semm_error *err)
{
	char chunk[65536];
	size_t got;
	int rc;

	for (;;) {
		got = fread(chunk, 1, sizeof(chunk), fp);
		if (got == 0)
			break;
		rc = semm__buf_append(b, chunk, got);
		if (rc < 0)
			return semm__fail(err, rc, name, 0, 0, "out of memory");
	}
	if (ferror(fp))
		return semm__fail(err, SEMM_EIO, name, 0, 0, "read failed");
	return SEMM_OK;
}

/* Reads a stream whose first bytes (head) were already consumed. */
static int read_stream(semm_responses *r, FILE *fp, const char *name,
		       const char *head, size_t n_head, semm_error *err)
{
	semm__buf b = { 0 };
	int rc;

	if (!looks_like_json(name, head, n_head)) {
		/* CSV streams: hand the sniffed bytes back through a
		 * memory stream joined with the rest of the file. */
		return semm__responses_read_csv_with_head(r, fp, name, head,
							  n_head, err);
	}
	rc = semm__buf_append(&b, head, n_head);
	if (rc < 0) {
		rc = semm__fail(err, rc, name, 0, 0, "out of memory");
		goto done;
	}
	rc = slurp(fp, name, &b, err);
	if (rc == SEMM_OK)
		rc = semm_responses_read_json_buffer(r, b.data ? b.data : "",
						     b.len, name, err);
done:
	semm__buf_free(&b);
	return rc;
}

int semm_responses_read_path(semm_responses *r, const char *path,
			     semm_error *err)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char head[512];
	size_t n;
	int rc;

	if (!fp)
		return semm__fail(err, SEMM_EIO, path, 0, 0, "cannot open: %s",
				  strerror(errno));
	n = fread(head, 1, sizeof(head), fp);
	if (ferror(fp))
		rc = semm__fail(err, SEMM_EIO, name, 0, 0, "read failed");
	else
		rc = read_stream(r, fp, name, head, n, err);
	if (fp != stdin)
		fclose(fp);
	return rc;
}

size_t semm_responses_read_count(const semm_responses *r)
{
	return r->n + r->n_rej;
}

size_t semm_responses_count(const semm_responses *r)
{
	return r->n;
}

size_t semm_responses_rejected_count(const semm_responses *r)
{
	return r->n_rej;
}

const char *semm_responses_rejection(const semm_responses *r, size_t i,
				     char *buf, size_t len)
{
	const semm__rejection *x;

	if (!buf || len == 0)
		return buf;
	buf[0] = '\0';
	if (i >= r->n_rej)
		return buf;
	x = &r->rej[i];
	if (x->column)
		snprintf(buf, len, "%s:%lu:%lu: %s", r->sources[x->source],
			 x->line, x->column, semm__pool_str(r, x->reason));
	else
		snprintf(buf, len, "%s:%lu: %s", r->sources[x->source], x->line,
			 semm__pool_str(r, x->reason));
	return buf;
}
