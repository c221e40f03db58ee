/*
 * responses.c - the respondent store shared by the CSV and JSON readers:
 * classifying a cell against an item's scale, accepting or rejecting a
 * finished row, the counts, and reading a path of either format.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"

/* The metadata role that names groups (-1: one group), as score.c
 * resolves semm_score_options.group_by; SEMM_EARG when there is none. */
int semm__group_role(const semm_questionnaire *q, const char *by, int *role)
{
	char *key;
	int i;

	*role = -1;
	if (!by) {
		if (q->meta_column[SEMM_META_ORGANIZATION])
			*role = SEMM_META_ORGANIZATION;
		return SEMM_OK;
	}
	key = semm__label_key(by, strlen(by));
	if (!key)
		return SEMM_ENOMEM;
	for (i = SEMM_META_ORGANIZATION; i < SEMM_META_COUNT; i++) {
		const char *col = q->meta_column[i];

		if (col && (semm__label_matches(col, strlen(col), key) ||
			    strcmp(key, semm_meta_role_name(i)) == 0))
			*role = i;
	}
	free(key);
	return *role < 0 ? SEMM_EARG : SEMM_OK;
}

/* Whether every scale fits in 4 bits with the three missing codes. */
static int fits_nibbles(const semm_questionnaire *q)
{
	size_t i;

	for (i = 0; i < q->n_scales; i++) {
		if (q->scales[i].max - q->scales[i].min + 1 > 13)
			return 0;
	}
	return 1;
}

/* Copies the caller's options: version 1 callers have no group_by and
 * keep_rows, version 2 callers nothing from ignore_unknown_columns on
 * (they take the defaults). */
static int copy_options(semm_read_options *to, const semm_read_options *opts)
{
	semm_read_options defaults = SEMM_READ_OPTIONS_INIT;

	*to = defaults;
	if (!opts)
		return SEMM_OK;
	if (opts->version == 1) {
		memcpy(to, opts, offsetof(semm_read_options, group_by));
		to->version = SEMM_READ_OPTIONS_VERSION;
		return SEMM_OK;
	}
	if (opts->version == 2) {
		memcpy(to, opts,
		       offsetof(semm_read_options, ignore_unknown_columns));
		to->version = SEMM_READ_OPTIONS_VERSION;
		return SEMM_OK;
	}
	if (opts->version != SEMM_READ_OPTIONS_VERSION)
		return SEMM_EARG;
	*to = *opts;
	return SEMM_OK;
}

int semm_responses_new(semm_responses **out, const semm_questionnaire *q,
		       const semm_read_options *opts)
{
	semm_responses *r;
	size_t a;
	int rc;

	*out = NULL;
	if (!q || !q->model)
		return SEMM_EARG;
	r = calloc(1, sizeof(*r));
	if (!r)
		return SEMM_ENOMEM;
	rc = copy_options(&r->opts, opts);
	if (rc == SEMM_OK && (r->opts.n_attributes > SEMM_MAX_ATTRIBUTES ||
			      (r->opts.n_attributes && !r->opts.attributes)))
		rc = SEMM_EARG;
	for (a = 0; rc == SEMM_OK && a < r->opts.n_attributes; a++) {
		if (!r->opts.attributes[a] || !r->opts.attributes[a][0])
			rc = SEMM_EARG;
	}
	if (rc == SEMM_OK)
		rc = semm__group_role(q, r->opts.group_by, &r->group_role);
	if (rc < 0) {
		free(r);
		return rc;
	}
	r->q = q;
	r->n_items = q->n_items;
	r->packed = fits_nibbles(q);
	r->row_bytes = r->packed ? (r->n_items + 1) / 2 : r->n_items;
	r->answers.width = r->row_bytes ? r->row_bytes : 1;
	r->keys.width = sizeof(uint32_t);
	r->where.width = sizeof(semm__where);
	r->tally_of.width = sizeof(uint32_t);
	r->dates.width = sizeof(uint32_t);
	r->has_dates = q->meta_column[SEMM_META_DATE] != NULL;
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
	semm__chunks_free(&r->answers);
	semm__chunks_free(&r->keys);
	semm__chunks_free(&r->where);
	semm__chunks_free(&r->tally_of);
	semm__chunks_free(&r->dates);
	semm__intern_free(&r->groups);
	for (i = 0; i < SEMM_MAX_ATTRIBUTES; i++)
		semm__intern_free(&r->attr[i]);
	semm__tally_free(&r->tally);
	semm__idset_free(&r->ids);
	free(r->empty);
	free(r->rej);
	free(r->excl);
	free(r->ignored);
	semm__buf_free(&r->pool);
	free(r->attr_text);
	free(r->scope);
	free(r);
}

int semm_responses_set_scope(semm_responses *r, const char *const *ids,
			     size_t n, semm_error *err)
{
	unsigned char in[SEMM_MAX_MODEL_UNITS];
	char *text = NULL;
	int rc;

	if (!r || !r->q->model)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "the questionnaire is not bound to a model");
	rc = semm__scope_resolve(r->q->model, ids, n, in, &text, err);
	if (rc < 0)
		return rc;
	free(r->scope);
	r->scope = text;
	return SEMM_OK;
}

const char *semm_responses_scope(const semm_responses *r)
{
	return r ? r->scope : NULL;
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
size_t semm__pool_add(semm_responses *r, const char *s, size_t n, int *rc)
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

semm__cell_kind semm__scale_cell(const semm__scale *s, const semm_mapping *m,
				 int decimal_comma, const char *cell,
				 size_t len, uint8_t *code, double *value)
{
	size_t n = len;
	double v;

	semm__trim(cell, &n);
	if (n == 0) {
		*code = SEMM__ANS_BLANK;
		return SEMM__CELL_ANSWER;
	}
	if (semm__parse_number(cell, len, &v) ||
	    (decimal_comma && decimal_comma_number(cell, len, &v)) ||
	    semm__mapping_answer(m, cell, len, &v)) {
		*value = v;
		if (v == floor(v) && v >= s->min && v <= s->max) {
			*code = (uint8_t)((int)v - s->min);
			return SEMM__CELL_ANSWER;
		}
		return SEMM__CELL_OFF_SCALE;
	}
	return match_word(s, cell, len, code) ? SEMM__CELL_ANSWER
					      : SEMM__CELL_TEXT;
}

int semm__responses_code(const semm_responses *r, size_t item, const char *cell,
			 size_t len, uint8_t *code, char *why, size_t why_len)
{
	const semm__scale *s = semm__item_scale(r->q, item);
	const char *id = r->q->items[item].id;
	char shown[SEMM__QUOTE_BUF];
	semm__cell_kind kind;
	double v = 0;

	/* the common case, a one- or two-digit point of the scale */
	if (semm__responses_code_digits(r, item, cell, len, code))
		return 1;
	kind = semm__scale_cell(s, r->opts.mapping, r->decimal_comma, cell, len,
				code, &v);
	if (kind == SEMM__CELL_ANSWER)
		return 1;
	semm__shorten(cell, len, shown, sizeof(shown));
	if (kind == SEMM__CELL_OFF_SCALE)
		snprintf(why, why_len, "item %s: \"%s\" is %s the scale %d..%d",
			 id, shown,
			 (v == floor(v)) ? "outside" : "not a point of", s->min,
			 s->max);
	else
		snprintf(why, why_len,
			 "item %s: \"%s\" is neither a number %d..%d nor a "
			 "label, N/A or don't-know code of scale \"%s\"",
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

static int add_rejection(semm_responses *r, const semm__rejection *x)
{
	int rc = semm__grow_array((void **)&r->rej, &r->cap_rej, r->n_rej,
				  sizeof(*r->rej));

	if (rc == SEMM_OK)
		r->rej[r->n_rej++] = *x;
	return rc;
}

static int reject(semm_responses *r, const semm__row *row, uint64_t dup_of,
		  semm_error *err)
{
	const char *id = row->meta[SEMM_META_RESPONDENT];
	semm__rejection x;
	int rc = SEMM_OK;

	if (r->opts.on_error == SEMM_ON_ERROR_FAIL)
		return semm__fail(err, SEMM_EDATA, r->sources[row->source],
				  row->line, row->bad_column, "%s",
				  row->reason);
	x.source = row->source;
	x.line = row->line;
	x.column = row->bad_column;
	x.dup_of = dup_of;
	x.respondent = SEMM__NO_STRING;
	if (id && row->meta_len[SEMM_META_RESPONDENT] > 0)
		x.respondent = semm__pool_add(
			r, id, row->meta_len[SEMM_META_RESPONDENT], &rc);
	if (rc == SEMM_OK)
		x.reason = semm__pool_add(r, row->reason, strlen(row->reason),
					  &rc);
	if (rc == SEMM_OK)
		rc = add_rejection(r, &x);
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

static void format_reason(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void format_reason(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	semm__vformat(buf, len, fmt, ap);
	va_end(ap);
}

static void duplicate_reason(const semm_responses *r, const char *id,
			     const semm__idref *first, char *buf, size_t len)
{
	char shown[SEMM__QUOTE_BUF];
	char where[SEMM_ERROR_MESSAGE_MAX];

	semm__locate(where, sizeof(where), r->sources[first->source],
		     first->line, 0);
	format_reason(
		buf, len, "duplicate respondent id \"%s\" (first seen at %s)",
		semm__shorten(id, strlen(id), shown, sizeof(shown)), where);
}

/* A row's trimmed slot value, or NULL with *n = 0 when it has none. */
static const char *slot_text(const semm__row *row, int slot, size_t *n)
{
	*n = row->meta_len[slot];
	if (!row->meta[slot]) {
		*n = 0;
		return NULL;
	}
	return semm__trim(row->meta[slot], n);
}

/* Adds the row's id to the set; a duplicate becomes the row's problem.
 * *ref gets the id's arena reference (0 when the row has no id). */
static int check_duplicate(semm_responses *r, semm__row *row, uint64_t *ref,
			   uint64_t *dup_of)
{
	size_t n;
	const char *id = slot_text(row, SEMM_META_RESPONDENT, &n);
	semm__idref first;
	int rc;

	*ref = *dup_of = 0;
	if (!id || n == 0)
		return SEMM_OK;
	rc = semm__idset_add(&r->ids, id, n, row->source, row->line,
			     row->meta_column[SEMM_META_RESPONDENT], ref);
	if (rc == 0) {
		semm__idset_ref(&r->ids, *ref, &first);
		*dup_of = *ref;
		*ref = 0;
		row->bad = 1;
		row->bad_column = row->meta_column[SEMM_META_RESPONDENT];
		duplicate_reason(r, first.id, &first, row->reason,
				 sizeof(row->reason));
	}
	return rc < 0 ? rc : SEMM_OK;
}

static uint8_t nibble(uint8_t code)
{
	if (code == SEMM__ANS_BLANK)
		return 15;
	if (code == SEMM__ANS_DK)
		return 14;
	if (code == SEMM__ANS_NA)
		return 13;
	return code;
}

static void pack(const semm_responses *r, const uint8_t *codes,
		 unsigned char *out)
{
	size_t i;

	if (!r->packed) {
		memcpy(out, codes, r->n_items);
		return;
	}
	memset(out, 0, r->row_bytes);
	for (i = 0; i < r->n_items; i++)
		out[i / 2] |=
			(unsigned char)(nibble(codes[i]) << (4 * (i & 1)));
}

void semm__responses_unpack(const semm_responses *r, size_t row, uint8_t *codes)
{
	semm__responses_unpack_at(r, semm__chunk_at(&r->answers, row), codes);
}

void semm__responses_unpack_at(const semm_responses *r, const unsigned char *p,
			       uint8_t *codes)
{
	static const uint8_t wide[16] = { 0,
					  1,
					  2,
					  3,
					  4,
					  5,
					  6,
					  7,
					  8,
					  9,
					  10,
					  11,
					  12,
					  SEMM__ANS_NA,
					  SEMM__ANS_DK,
					  SEMM__ANS_BLANK };
	size_t i;

	if (!r->packed) {
		memcpy(codes, p, r->n_items);
		return;
	}
	for (i = 0; i < r->n_items; i++)
		codes[i] = wide[(p[i / 2] >> (4 * (i & 1))) & 15];
}

/* The interned value of a slot, SEMM__NONE32 when empty. */
static int slot_index(semm__intern *t, const semm__row *row, int slot,
		      uint32_t *idx)
{
	size_t n;
	const char *s = slot_text(row, slot, &n);

	*idx = SEMM__NONE32;
	if (!s || n == 0)
		return SEMM_OK;
	return semm__intern_put(t, s, n, idx);
}

static int tally_row(semm_responses *r, const semm__row *row, uint32_t group,
		     size_t *entry)
{
	uint32_t key[1 + SEMM_MAX_ATTRIBUTES];
	size_t a, n_attr = r->opts.n_attributes;
	int rc = SEMM_OK;

	key[0] = group;
	for (a = 0; a < n_attr && rc == SEMM_OK; a++)
		rc = slot_index(&r->attr[a], row, SEMM_META_COUNT + (int)a,
				&key[1 + a]);
	if (rc == SEMM_OK)
		rc = semm__tally_add(&r->tally, key, 1 + n_attr, 1, entry);
	return rc;
}

/* Whether no item has an actual answer (blank, N/A or don't know only). */
static int no_actual_answer(const semm_responses *r, const uint8_t *codes)
{
	size_t i;

	for (i = 0; i < r->n_items; i++) {
		if (codes[i] < SEMM__ANS_DK)
			return 0;
	}
	return 1;
}

static int note_maybe_empty(semm_responses *r, const semm__row *row)
{
	semm__maybe_empty *e;
	size_t n;
	const char *id = slot_text(row, SEMM_META_RESPONDENT, &n);
	int rc = semm__grow_array((void **)&r->empty, &r->cap_empty, r->n_empty,
				  sizeof(*r->empty));

	if (rc < 0)
		return rc;
	e = &r->empty[r->n_empty];
	e->row = r->n;
	e->source = row->source;
	e->line = row->line;
	e->respondent = SEMM__NO_STRING;
	if (id && n)
		e->respondent = semm__pool_add(r, id, n, &rc);
	if (rc == SEMM_OK)
		r->n_empty++;
	return rc;
}

/* Row i's date (yyyymmdd), 0 when it has none. */
static uint32_t row_date(const semm_responses *r, size_t i)
{
	uint32_t d = 0;

	if (r->has_dates && i < r->n_dated)
		memcpy(&d, semm__chunk_at(&r->dates, i), sizeof(d));
	return d;
}

/* Records date d of row r->n (the row being added). The dates take room
 * only from the first row that has one: rows [0, n_dated) have a slot,
 * the rows before the first date get 0 then. */
static int put_date(semm_responses *r, uint32_t d)
{
	const uint32_t none = 0;
	int rc;

	if (d == 0 && r->n_dated == 0)
		return SEMM_OK;
	for (; r->n_dated <= r->n; r->n_dated++) {
		rc = semm__chunks_reserve(&r->dates, r->n_dated);
		if (rc < 0)
			return rc;
		memcpy(semm__chunk_at(&r->dates, r->n_dated), &none,
		       sizeof(none));
	}
	memcpy(semm__chunk_at(&r->dates, r->n), &d, sizeof(d));
	return SEMM_OK;
}

/* Stores an accepted row: its packed answers, group and tallies. */
static int accept(semm_responses *r, const semm__row *row, uint64_t ref)
{
	uint32_t group = 0, key;
	size_t entry = 0;
	int rc = SEMM_OK;

	if (r->group_role >= 0)
		rc = slot_index(&r->groups, row, r->group_role, &group);
	if (rc == SEMM_OK && r->opts.n_attributes)
		rc = tally_row(r, row, group, &entry);
	if (rc == SEMM_OK && r->opts.n_attributes)
		rc = semm__chunks_reserve(&r->tally_of, r->n);
	if (rc == SEMM_OK && no_actual_answer(r, row->answers))
		rc = note_maybe_empty(r, row);
	if (rc == SEMM_OK)
		rc = semm__chunks_reserve(&r->answers, r->n);
	if (rc == SEMM_OK)
		rc = semm__chunks_reserve(&r->keys, r->n);
	if (rc == SEMM_OK && r->opts.keep_rows)
		rc = semm__chunks_reserve(&r->where, r->n);
	if (rc == SEMM_OK && r->has_dates)
		rc = put_date(r,
			      row->meta[SEMM_META_DATE]
				      ? semm__parse_date(
						row->meta[SEMM_META_DATE],
						row->meta_len[SEMM_META_DATE])
				      : 0);
	if (rc < 0)
		return rc;
	pack(r, row->answers, semm__chunk_at(&r->answers, r->n));
	key = (group == SEMM__NONE32 ? SEMM__KEY_MASK : group) |
	      (ref ? SEMM__KEY_HAS_ID : 0);
	memcpy(semm__chunk_at(&r->keys, r->n), &key, sizeof(key));
	if (r->opts.n_attributes) {
		uint32_t e = (uint32_t)entry;

		memcpy(semm__chunk_at(&r->tally_of, r->n), &e, sizeof(e));
	}
	if (r->opts.keep_rows) {
		semm__where w;

		memset(&w, 0, sizeof(w));
		w.line = row->line;
		w.source = row->source;
		w.id = ref;
		memcpy(semm__chunk_at(&r->where, r->n), &w, sizeof(w));
	}
	r->n++;
	return SEMM_OK;
}

int semm__responses_commit(semm_responses *r, semm__row *row, semm_error *err)
{
	uint64_t ref = 0, dup_of = 0;
	int rc = SEMM_OK;

	if (semm__responses_excluded_row(r, row, &rc))
		return rc;
	check_required(r, row);
	if (!row->bad)
		rc = check_duplicate(r, row, &ref, &dup_of);
	if (rc < 0)
		return rc;
	if (row->bad)
		return reject(r, row, dup_of, err);
	return accept(r, row, ref);
}

/* ---- merging two stores ------------------------------------------------ */

typedef struct merge_maps {
	uint32_t *source;
	uint32_t *group;
	uint32_t *attr[SEMM_MAX_ATTRIBUTES];
	uint32_t *tally; /* src tally entry -> dst entry */
} merge_maps;

static void maps_free(merge_maps *m)
{
	size_t a;

	free(m->source);
	free(m->group);
	free(m->tally);
	for (a = 0; a < SEMM_MAX_ATTRIBUTES; a++)
		free(m->attr[a]);
}

static int map_interned(semm__intern *dst, const semm__intern *src,
			uint32_t **map)
{
	size_t i;
	int rc = SEMM_OK;

	*map = malloc((src->n ? src->n : 1) * sizeof(**map));
	if (!*map)
		return SEMM_ENOMEM;
	for (i = 0; i < src->n && rc == SEMM_OK; i++)
		rc = semm__intern_put(dst, src->value[i], strlen(src->value[i]),
				      &(*map)[i]);
	return rc;
}

/* The index of source name in dst, added when new. */
static int map_source(semm_responses *dst, const char *name, uint32_t *idx)
{
	size_t i;

	for (i = 0; i < dst->n_sources; i++) {
		if (strcmp(dst->sources[i], name) == 0) {
			*idx = (uint32_t)i;
			return SEMM_OK;
		}
	}
	return semm__responses_add_source(dst, name, idx);
}

static int build_maps(semm_responses *dst, const semm_responses *src,
		      merge_maps *m)
{
	size_t i, a;
	int rc;

	m->source = malloc((src->n_sources ? src->n_sources : 1) *
			   sizeof(*m->source));
	if (!m->source)
		return SEMM_ENOMEM;
	for (i = 0; i < src->n_sources; i++) {
		rc = map_source(dst, src->sources[i], &m->source[i]);
		if (rc < 0)
			return rc;
	}
	rc = map_interned(&dst->groups, &src->groups, &m->group);
	for (a = 0; a < src->opts.n_attributes && rc == SEMM_OK; a++)
		rc = map_interned(&dst->attr[a], &src->attr[a], &m->attr[a]);
	return rc;
}

static uint32_t mapped(const uint32_t *map, uint32_t v)
{
	return v == SEMM__NONE32 ? SEMM__NONE32 : map[v];
}

/* src's tallies into dst's; map[i] gets the dst entry of src's i-th. */
static int merge_tallies(semm_responses *dst, const semm_responses *src,
			 const merge_maps *m, uint32_t *map)
{
	size_t n_key = 1 + src->opts.n_attributes, i, a, at = 0;
	uint32_t key[1 + SEMM_MAX_ATTRIBUTES];
	int rc = SEMM_OK;

	for (i = 0; i < src->tally.n && rc == SEMM_OK; i++) {
		const uint32_t *k = src->tally.keys + i * n_key;

		key[0] = dst->group_role < 0 ? 0 : mapped(m->group, k[0]);
		for (a = 1; a < n_key; a++)
			key[a] = mapped(m->attr[a - 1], k[a]);
		rc = semm__tally_add(&dst->tally, key, n_key,
				     src->tally.count[i], &at);
		map[i] = (uint32_t)at;
	}
	return rc;
}

/* A row of src whose id dst has: rejected as a duplicate of dst's. */
static int reject_merged(semm_responses *dst, const semm__idref *id,
			 uint32_t source, uint64_t first)
{
	semm__rejection x;
	semm__idref f;
	char reason[SEMM_ERROR_MESSAGE_MAX];
	int rc = SEMM_OK;

	semm__idset_ref(&dst->ids, first, &f);
	duplicate_reason(dst, id->id, &f, reason, sizeof(reason));
	x.source = source;
	x.line = id->line;
	x.column = id->column;
	x.dup_of = first;
	x.respondent = semm__pool_add(dst, id->id, strlen(id->id), &rc);
	if (rc == SEMM_OK)
		x.reason = semm__pool_add(dst, reason, strlen(reason), &rc);
	if (rc == SEMM_OK)
		rc = add_rejection(dst, &x);
	return rc;
}

/* Copies row i of src into dst (its id already placed: ref). */
static int copy_row(semm_responses *dst, const semm_responses *src, size_t i,
		    const merge_maps *m, uint64_t ref)
{
	uint32_t key, group;
	int rc = semm__chunks_reserve(&dst->answers, dst->n);

	if (rc == SEMM_OK)
		rc = semm__chunks_reserve(&dst->keys, dst->n);
	if (rc == SEMM_OK && dst->opts.keep_rows)
		rc = semm__chunks_reserve(&dst->where, dst->n);
	if (rc == SEMM_OK && dst->opts.n_attributes)
		rc = semm__chunks_reserve(&dst->tally_of, dst->n);
	if (rc == SEMM_OK && dst->has_dates)
		rc = put_date(dst, row_date(src, i));
	if (rc < 0)
		return rc;
	if (dst->opts.n_attributes) {
		uint32_t e;

		memcpy(&e, semm__chunk_at(&src->tally_of, i), sizeof(e));
		e = m->tally[e];
		memcpy(semm__chunk_at(&dst->tally_of, dst->n), &e, sizeof(e));
	}
	memcpy(semm__chunk_at(&dst->answers, dst->n),
	       semm__chunk_at(&src->answers, i), src->row_bytes);
	group = semm__row_group(src, i);
	if (dst->group_role >= 0)
		group = mapped(m->group, group);
	key = (group == SEMM__NONE32 ? SEMM__KEY_MASK : group) |
	      (ref ? SEMM__KEY_HAS_ID : 0);
	memcpy(semm__chunk_at(&dst->keys, dst->n), &key, sizeof(key));
	if (dst->opts.keep_rows) {
		semm__where w;

		memcpy(&w, semm__chunk_at(&src->where, i), sizeof(w));
		w.source = m->source[w.source];
		w.id = ref;
		memcpy(semm__chunk_at(&dst->where, dst->n), &w, sizeof(w));
	}
	dst->n++;
	return SEMM_OK;
}

static int copy_empty(semm_responses *dst, const semm_responses *src, size_t k,
		      const merge_maps *m, size_t row)
{
	const semm__maybe_empty *e = &src->empty[k];
	semm__maybe_empty *d;
	int rc = semm__grow_array((void **)&dst->empty, &dst->cap_empty,
				  dst->n_empty, sizeof(*dst->empty));

	if (rc < 0)
		return rc;
	d = &dst->empty[dst->n_empty];
	*d = *e;
	d->row = row;
	d->source = m->source[e->source];
	if (e->respondent != SEMM__NO_STRING) {
		const char *id = semm__pool_str(src, e->respondent);

		d->respondent = semm__pool_add(dst, id, strlen(id), &rc);
	}
	if (rc == SEMM_OK)
		dst->n_empty++;
	return rc;
}

/* Frees chunk c of src's rows once copied: merging never holds two
 * copies of more than a chunk of rows. */
static void drop_chunk(semm_responses *src, size_t c)
{
	semm__chunks *all[4] = { &src->answers, &src->keys, &src->where,
				 &src->tally_of };
	size_t k;

	for (k = 0; k < 4; k++) {
		if (c < all[k]->n_chunks) {
			free(all[k]->c[c]);
			all[k]->c[c] = NULL;
		}
	}
}

/* A row of src the merge rejects leaves its group's tally in dst. */
static void untally(semm_responses *dst, const semm_responses *src, size_t i,
		    const merge_maps *m)
{
	uint32_t e;

	memcpy(&e, semm__chunk_at(&src->tally_of, i), sizeof(e));
	dst->tally.count[m->tally[e]]--;
}

/* How many ids ahead a merge asks for the slot of. */
#define PREFETCH_AHEAD 16

/* src's rows, in order, into dst. */
static int merge_rows(semm_responses *dst, semm_responses *src,
		      const merge_maps *m)
{
	uint64_t cursor = 0, sref = 0, ref, ahead = 0, aref;
	size_t i, k = 0;
	/* room for both sets' ids at once, not doubling on the way */
	int rc =
		semm__idset_reserve(&dst->ids, dst->ids.count + src->ids.count);

	for (i = 0;
	     i < PREFETCH_AHEAD && semm__idset_next(&src->ids, &ahead, &aref);
	     i++)
		;

	for (i = 0; i < src->n && rc == SEMM_OK; i++) {
		uint32_t key;
		semm__idref id;
		int added = 1;

		memcpy(&key, semm__chunk_at(&src->keys, i), sizeof(key));
		ref = 0;
		if (key & SEMM__KEY_HAS_ID) {
			semm__idset_next(&src->ids, &cursor, &sref);
			semm__idset_ref(&src->ids, sref, &id);
			/* the slot of the id PREFETCH_AHEAD ids on, so that
			 * dst's large table is in cache when it comes */
			if (semm__idset_next(&src->ids, &ahead, &aref)) {
				semm__idref a;

				semm__idset_ref(&src->ids, aref, &a);
				semm__idset_prefetch(&dst->ids, a.id,
						     strlen(a.id));
			}
			added = semm__idset_add(&dst->ids, id.id, strlen(id.id),
						m->source[id.source], id.line,
						id.column, &ref);
			if (added < 0)
				return added;
			if (added == 0) {
				rc = reject_merged(dst, &id,
						   m->source[id.source], ref);
				if (src->opts.n_attributes)
					untally(dst, src, i, m);
				while (k < src->n_empty &&
				       src->empty[k].row == i)
					k++;
				continue;
			}
		}
		while (k < src->n_empty && src->empty[k].row == i && rc == 0)
			rc = copy_empty(dst, src, k++, m, dst->n);
		if (rc == SEMM_OK)
			rc = copy_row(dst, src, i, m, ref);
		if ((i + 1) % SEMM__CHUNK_ROWS == 0)
			drop_chunk(src, i / SEMM__CHUNK_ROWS);
	}
	return rc;
}

/* src's own rejections; a duplicate of an id dst has names dst's. */
static int merge_rejections(semm_responses *dst, const semm_responses *src,
			    const merge_maps *m)
{
	size_t i;
	int rc = SEMM_OK;

	for (i = 0; i < src->n_rej && rc == SEMM_OK; i++) {
		semm__rejection x = src->rej[i];
		const char *id = semm__pool_str(src, x.respondent);
		const char *reason = semm__pool_str(src, x.reason);
		char buf[SEMM_ERROR_MESSAGE_MAX];
		uint64_t first = 0;

		x.source = m->source[x.source];
		if (x.dup_of && id) {
			semm__idref f;

			semm__idset_ref(&src->ids, x.dup_of, &f);
			/* the first occurrence is in dst when dst has it */
			if (semm__idset_find(&dst->ids, f.id, strlen(f.id),
					     &first)) {
				semm__idset_ref(&dst->ids, first, &f);
				duplicate_reason(dst, f.id, &f, buf,
						 sizeof(buf));
				reason = buf;
				x.dup_of = first;
			}
		}
		x.respondent = id ? semm__pool_add(dst, id, strlen(id), &rc)
				  : SEMM__NO_STRING;
		if (rc == SEMM_OK)
			x.reason = semm__pool_add(dst, reason, strlen(reason),
						  &rc);
		if (rc == SEMM_OK)
			rc = add_rejection(dst, &x);
	}
	return rc;
}

/* Input order of rejections: source, then line (two rejections never
 * share both). */
static int cmp_rejection(const void *a, const void *b)
{
	const semm__rejection *x = a, *y = b;

	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->column > y->column) - (x->column < y->column);
}

/* Whether r holds nothing read yet. */
static int is_empty(const semm_responses *r)
{
	return r->n == 0 && r->n_rej == 0 && r->n_excl == 0 &&
	       r->n_ignored == 0 && r->n_sources == 0 && r->n_empty == 0 &&
	       r->ids.count == 0 && r->groups.n == 0 && r->tally.n == 0 &&
	       r->pool.len == 0;
}

/* Into an empty dst, src's contents move rather than copy; each keeps
 * its own options. */
static void take_over(semm_responses *dst, semm_responses *src)
{
	semm_responses empty = *dst;
	semm_read_options src_opts = src->opts;

	*dst = *src;
	dst->opts = empty.opts;
	*src = empty;
	src->opts = src_opts;
}

int semm_responses_merge(semm_responses *dst, semm_responses *src,
			 semm_error *err)
{
	merge_maps m;
	size_t first_rej = dst->n_rej;
	int rc;

	memset(&m, 0, sizeof(m));
	if (!dst || !src || !semm__responses_compatible(dst, src))
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "cannot merge respondents read for another "
				  "questionnaire or with other options");
	if ((dst->scope || src->scope) &&
	    (!dst->scope || !src->scope || strcmp(dst->scope, src->scope) != 0))
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "scope %s%s%s differs from the scope %s%s%s "
				  "of the respondents before: an assessment "
				  "has one scope (score the shards with the "
				  "same --scope)",
				  src->scope ? "\"" : "",
				  src->scope ? src->scope : "whole model",
				  src->scope ? "\"" : "",
				  dst->scope ? "\"" : "",
				  dst->scope ? dst->scope : "whole model",
				  dst->scope ? "\"" : "");
	if (is_empty(dst)) {
		take_over(dst, src);
		return SEMM_OK;
	}
	rc = build_maps(dst, src, &m);
	/* src's rejections first: a duplicate among them may be re-pointed
	 * at dst's first occurrence before src's rows enter the set */
	if (rc == SEMM_OK)
		rc = merge_rejections(dst, src, &m);
	if (rc == SEMM_OK)
		rc = semm__merge_exclusions(dst, src, m.source);
	/* tallies before rows: a row the merge rejects is taken off its
	 * entry in dst */
	if (rc == SEMM_OK) {
		m.tally = malloc((src->tally.n ? src->tally.n : 1) *
				 sizeof(*m.tally));
		rc = m.tally ? merge_tallies(dst, src, &m, m.tally)
			     : SEMM_ENOMEM;
	}
	if (rc == SEMM_OK)
		rc = merge_rows(dst, src, &m);
	if (rc == SEMM_OK && dst->n_rej > first_rej)
		qsort(dst->rej + first_rej, dst->n_rej - first_rej,
		      sizeof(*dst->rej), cmp_rejection);
	maps_free(&m);
	if (rc == SEMM_ENOMEM)
		return semm__fail(err, rc, NULL, 0, 0,
				  "out of memory while merging respondents");
	if (rc < 0)
		return semm__fail(err, rc, NULL, 0, 0,
				  "too many respondents or groups to merge");
	semm__chunks_free(&src->answers);
	semm__chunks_free(&src->keys);
	semm__chunks_free(&src->where);
	semm__chunks_free(&src->tally_of);
	semm__chunks_free(&src->dates);
	src->n_dated = 0;
	src->n = 0;
	src->n_empty = 0;
	return SEMM_OK;
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

/* A CSV or JSON file, or standard input. */
static int read_text_path(semm_responses *r, const char *path, semm_error *err)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char head[512];
	size_t n;
	int rc;

	if (!fp && errno == ENOMEM) /* fopen allocates the stream */
		return semm__fail(err, SEMM_ENOMEM, path, 0, 0,
				  "out of memory");
	if (!fp)
		return semm__fail(err, SEMM_EIO, path, 0, 0, "cannot open: %s",
				  strerror(errno));
	n = fread(head, 1, sizeof(head), fp);
	if (ferror(fp))
		rc = semm__fail(err, SEMM_EIO, name, 0, 0, "read failed");
	else if (fp == stdin || r->opts.threads < 2 ||
		 looks_like_json(name, head, n) ||
		 !semm__read_csv_threaded(r, fileno(fp), name, &rc, err))
		rc = read_stream(r, fp, name, head, n, err);
	if (fp != stdin)
		fclose(fp);
	return rc;
}

int semm_responses_read_path(semm_responses *r, const char *path,
			     semm_error *err)
{
	semm_stat_format format;

	if (semm__stat_format_of(path, &format))
		return semm__responses_read_stat(r, path, format, path, err);
	return read_text_path(r, path, err);
}

size_t semm_responses_read_count(const semm_responses *r)
{
	return r->n + r->n_rej + r->n_excl;
}

/* yyyymmdd as "YYYY-MM-DD" (d > 0), or "" */
static void date_text(uint32_t d, char *out)
{
	if (d == 0) {
		out[0] = '\0';
		return;
	}
	snprintf(out, SEMM_DATE_BUFSIZE, "%04u-%02u-%02u",
		 (unsigned)(d / 10000u % 10000u), (unsigned)(d / 100u % 100u),
		 (unsigned)(d % 100u));
}

int semm_responses_date_range(const semm_responses *r, char *first, char *last)
{
	uint32_t lo = 0, hi = 0;

	if (r)
		semm__responses_dates(r, NULL, 0, 0, &lo, &hi);
	date_text(lo, first);
	date_text(hi, last);
	return lo != 0;
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
	int n;

	if (!buf || len == 0)
		return buf;
	buf[0] = '\0';
	if (i >= r->n_rej)
		return buf;
	x = &r->rej[i];
	n = semm__locate(buf, len, r->sources[x->source], x->line, x->column);
	if (n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, ": %s",
			 semm__pool_str(r, x->reason));
	return buf;
}

/* ---- dates ---------------------------------------------------------------- */

static int digits(const char *s, size_t n, unsigned *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return 1;
}

uint32_t semm__parse_date(const char *s, size_t n)
{
	static const unsigned days[] = { 31, 29, 31, 30, 31, 30,
					 31, 31, 30, 31, 30, 31 };
	unsigned y, m, d;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (n < 10 || !(s[4] == '-' || s[4] == '/') || s[7] != s[4] ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return 0;
	if (n > 10 && s[10] != ' ' && s[10] != 'T')
		return 0;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1] ||
	    (m == 2 && d == 29 &&
	     !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return 0;
	return y * 10000 + m * 100 + d;
}

void semm__responses_dates(const semm_responses *r, const size_t *group_of,
			   size_t n_keys, size_t n_groups, uint32_t *first,
			   uint32_t *last)
{
	size_t i, g;

	for (g = 0; g <= n_groups; g++)
		first[g] = last[g] = 0;
	if (!r->has_dates)
		return;
	for (i = 0; i < r->n; i++) {
		uint32_t d = row_date(r, i), key;
		size_t at[2];
		int k;

		if (d == 0)
			continue;
		key = semm__row_group(r, i);
		at[0] = n_groups; /* every row */
		at[1] = key < n_keys ? group_of[key] : SIZE_MAX;
		for (k = 0; k < 2; k++) {
			if (at[k] == SIZE_MAX)
				continue;
			if (first[at[k]] == 0 || d < first[at[k]])
				first[at[k]] = d;
			if (d > last[at[k]])
				last[at[k]] = d;
		}
	}
}
