/*
 * partial.c - a respondent store saved to bytes and loaded back
 * ("SEMMPART" version 1): the accumulator of a shard, so that shards
 * split any way (by lines, by group) merge into the store one read of
 * the whole input would have built. docs/FORMATS.md describes the
 * layout. Loading trusts nothing: every count is checked against the
 * bytes left before anything is allocated, every index against what it
 * indexes, every answer code against its item's scale, and the checksum
 * over the whole partial first.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

#define MAGIC "SEMMPART"
#define FORMAT_VERSION 4u
/* magic, format version, flags (0), payload length */
#define HEAD_BYTES 24u
#define SUM_BYTES 8u
/* a string: u32 length (NO_STR: none), the bytes, a NUL */
#define NO_STR UINT32_MAX
#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) : NO_STR;
	unsigned char b[4] = { (unsigned char)n, (unsigned char)(n >> 8),
			       (unsigned char)(n >> 16),
			       (unsigned char)(n >> 24) };

	h = fnv(h, b, 4);
	return s ? fnv(h, (const unsigned char *)s, strlen(s)) : h;
}

static uint64_t fnv_num(uint64_t h, double v)
{
	unsigned char b[sizeof(v)];

	memcpy(b, &v, sizeof(v));
	return fnv(h, b, sizeof(b));
}

/* What a partial must have been written with: the questionnaire's
 * source text and the model's scoring structure. */
static uint64_t questionnaire_hash(const semm_questionnaire *q)
{
	return fnv(FNV_OFFSET, (const unsigned char *)q->text,
		   q->text ? q->text_len : 0);
}

static uint64_t model_hash(const semm_model *m)
{
	uint64_t h = fnv_str(fnv_str(FNV_OFFSET, m->id), m->version);
	size_t i;

	h = fnv_str(h, m->staged_rule);
	h = fnv_num(fnv_num(h, m->na_anchor_percent), m->coverage_min);
	h = fnv_num(h, (double)m->na_policy);
	for (i = 0; i < m->n_dims; i++) {
		h = fnv_str(h, m->dims[i].id);
		h = fnv_num(h, m->dims[i].weight);
		h = fnv_num(h, (double)m->dims[i].count);
	}
	for (i = 0; i < m->n_elems; i++) {
		h = fnv_str(h, m->elems[i].id);
		h = fnv_num(h, m->elems[i].weight);
		h = fnv_num(h, (double)m->elems[i].dimension);
	}
	for (i = 0; i < m->n_bands; i++) {
		h = fnv_num(h, (double)m->bands[i].level);
		h = fnv_num(fnv_num(h, m->bands[i].min), m->bands[i].max);
	}
	return h;
}

/* ---- the checksum ----------------------------------------------------- */

/*
 * The partial's checksum (format 4): the bytes as little-endian 64-bit
 * words (the last one padded with zero bytes), each folded in by xor,
 * multiply and shift, then the length. One multiply per 8 bytes where
 * FNV-1a (format 3) took one per byte: a fifth of the time of loading a
 * partial went to it. Computed as the bytes stream by, in any pieces.
 */
#define SUM_SEED 0x9e3779b97f4a7c15ULL
#define SUM_MUL 0xbf58476d1ce4e5b9ULL

typedef struct checksum {
	uint64_t h;
	uint64_t len;
	unsigned char pend[8]; /* bytes of a word not yet complete */
} checksum;

static uint64_t word_le(const unsigned char *p)
{
	/* one load on a little-endian machine */
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	       (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	       (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

static uint64_t sum_word(uint64_t h, uint64_t w)
{
	h = (h ^ w) * SUM_MUL;
	return h ^ (h >> 31);
}

static void sum_init(checksum *c)
{
	memset(c, 0, sizeof(*c));
	c->h = SUM_SEED;
}

static void sum_add(checksum *c, const unsigned char *p, size_t n)
{
	size_t have = (size_t)(c->len % 8);

	c->len += n;
	if (have) {
		size_t take = 8 - have < n ? 8 - have : n;

		memcpy(c->pend + have, p, take);
		p += take;
		n -= take;
		if (have + take < 8)
			return;
		c->h = sum_word(c->h, word_le(c->pend));
	}
	for (; n >= 8; p += 8, n -= 8)
		c->h = sum_word(c->h, word_le(p));
	memcpy(c->pend, p, n);
}

static uint64_t sum_end(const checksum *c)
{
	unsigned char last[8] = { 0 };
	size_t have = (size_t)(c->len % 8);
	uint64_t h = c->h;

	if (have) {
		memcpy(last, c->pend, have);
		h = sum_word(h, word_le(last));
	}
	h = (h ^ c->len) * 0x94d049bb133111ebULL;
	return h ^ (h >> 32);
}

/* ---- writing ---------------------------------------------------------- */

/* A sink that counts (fp NULL) or writes, summing what passes. */
typedef struct sink {
	FILE *fp;
	uint64_t len;
	checksum sum;
	int failed;
} sink;

static void put(sink *w, const void *p, size_t n)
{
	w->len += n;
	if (!w->fp)
		return;
	sum_add(&w->sum, p, n);
	if (n && fwrite(p, 1, n, w->fp) != n)
		w->failed = 1;
}

static void put_u32(sink *w, uint32_t v)
{
	unsigned char b[4];
	int i;

	for (i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	put(w, b, 4);
}

static void put_u64(sink *w, uint64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	put(w, b, 8);
}

static void put_str(sink *w, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u32(w, s ? (uint32_t)n : NO_STR);
	if (s)
		put(w, s, n + 1);
}

static void put_intern(sink *w, const semm__intern *t)
{
	size_t i;

	put_u32(w, (uint32_t)t->n);
	for (i = 0; i < t->n; i++)
		put_str(w, t->value[i]);
}

/* The arena references of the ids in insertion order (ascending). */
static int id_refs(const semm_responses *r, uint64_t **out)
{
	uint64_t cursor = 0, ref, *refs;
	size_t k = 0;

	refs = malloc((r->ids.count ? r->ids.count : 1) * sizeof(*refs));
	if (!refs)
		return SEMM_ENOMEM;
	while (k < r->ids.count && semm__idset_next(&r->ids, &cursor, &ref))
		refs[k++] = ref;
	*out = refs;
	return SEMM_OK;
}

/* The place (1-based) of arena reference ref among refs; 0: none. */
static uint64_t ordinal(const uint64_t *refs, size_t n, uint64_t ref)
{
	size_t lo = 0, hi = n;

	while (ref && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (refs[mid] == ref)
			return mid + 1;
		if (refs[mid] < ref)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void put_identity(sink *w, const semm_responses *r)
{
	const semm_questionnaire *q = r->q;
	size_t a;

	put_str(w, SEMM_VERSION_STRING);
	put_str(w, q->id);
	put_str(w, q->version);
	put_u64(w, questionnaire_hash(q));
	put_str(w, q->model->id);
	put_str(w, q->model->version);
	put_u64(w, model_hash(q->model));
	put_u32(w, (uint32_t)r->group_role);
	put_u32(w, (uint32_t)(r->opts.keep_rows != 0));
	put_u32(w, (uint32_t)r->opts.on_error);
	put_u32(w, (uint32_t)r->opts.preset);
	put_u32(w, (uint32_t)(r->opts.mapping != NULL || r->mapping_used));
	put_u32(w, (uint32_t)r->n_items);
	put_u32(w, (uint32_t)r->packed);
	put_u32(w, (uint32_t)r->row_bytes);
	put_u32(w, (uint32_t)r->opts.n_attributes);
	for (a = 0; a < r->opts.n_attributes; a++)
		put_str(w, r->opts.attributes[a]);
	put_u64(w, r->n + r->n_rej);
	put_str(w, r->scope);
}

static void put_values(sink *w, const semm_responses *r)
{
	size_t a, i, n_key = 1 + r->opts.n_attributes;

	put_u32(w, (uint32_t)r->n_sources);
	for (i = 0; i < r->n_sources; i++)
		put_str(w, r->sources[i]);
	put_intern(w, &r->groups);
	for (a = 0; a < r->opts.n_attributes; a++)
		put_intern(w, &r->attr[a]);
	put_u64(w, r->tally.n);
	for (i = 0; i < r->tally.n; i++) {
		for (a = 0; a < n_key; a++)
			put_u32(w, r->tally.keys[i * n_key + a]);
		put_u64(w, r->tally.count[i]);
	}
}

static void put_rows(sink *w, const semm_responses *r, const uint64_t *refs)
{
	size_t i;

	put_u64(w, r->ids.count);
	for (i = 0; i < r->ids.count; i++) {
		semm__idref id;

		semm__idset_ref(&r->ids, refs[i], &id);
		put_u32(w, id.source);
		put_u32(w, (uint32_t)id.column);
		put_u64(w, id.line);
		put_str(w, id.id);
	}
	put_u64(w, r->n);
	for (i = 0; i < r->n; i++)
		put(w, semm__chunk_at(&r->answers, i), r->row_bytes);
	for (i = 0; i < r->n; i++) {
		uint32_t key;

		memcpy(&key, semm__chunk_at(&r->keys, i), sizeof(key));
		put_u32(w, key);
	}
	for (i = 0; r->opts.n_attributes && i < r->n; i++) {
		uint32_t e;

		memcpy(&e, semm__chunk_at(&r->tally_of, i), sizeof(e));
		put_u32(w, e);
	}
	for (i = 0; r->opts.keep_rows && i < r->n; i++) {
		semm__where wh;

		memcpy(&wh, semm__chunk_at(&r->where, i), sizeof(wh));
		put_u32(w, wh.source);
		put_u64(w, wh.line);
	}
}

static void put_rejections(sink *w, const semm_responses *r,
			   const uint64_t *refs)
{
	size_t i;

	put_u64(w, r->n_empty);
	for (i = 0; i < r->n_empty; i++) {
		put_u64(w, r->empty[i].row);
		put_u32(w, r->empty[i].source);
		put_u64(w, r->empty[i].line);
		put_str(w, semm__pool_str(r, r->empty[i].respondent));
	}
	put_u64(w, r->n_rej);
	for (i = 0; i < r->n_rej; i++) {
		const semm__rejection *x = &r->rej[i];

		put_u32(w, x->source);
		put_u64(w, x->line);
		put_u64(w, x->column);
		put_u64(w, ordinal(refs, r->ids.count, x->dup_of));
		put_str(w, semm__pool_str(r, x->respondent));
		put_str(w, semm__pool_str(r, x->reason));
	}
}

/* Responses left out (by reason) and columns ignored (version 2). */
static void put_exclusions(sink *w, const semm_responses *r)
{
	size_t i;

	put_u32(w, r->opts.include);
	put_u64(w, r->n_excl);
	for (i = 0; i < r->n_excl; i++) {
		const semm__exclusion *x = &r->excl[i];

		put_u32(w, x->source);
		put_u32(w, x->reason);
		put_u64(w, x->line);
		put_str(w, semm__pool_str(r, x->respondent));
		put_str(w, semm__pool_str(r, x->detail));
	}
	put_u64(w, r->n_ignored);
	for (i = 0; i < r->n_ignored; i++) {
		put_u32(w, r->ignored[i].source);
		put_u64(w, r->ignored[i].column);
		put_str(w, semm__pool_str(r, r->ignored[i].name));
	}
}

static void put_payload(sink *w, const semm_responses *r, const uint64_t *refs)
{
	put_identity(w, r);
	put_values(w, r);
	put_rows(w, r, refs);
	put_rejections(w, r, refs);
	put_exclusions(w, r);
}

int semm_responses_save(const semm_responses *r, FILE *fp, semm_error *err)
{
	sink count, w;
	uint64_t *refs = NULL;
	unsigned char sum[SUM_BYTES];
	int i, rc;

	if (!r || !fp)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "no respondents or no stream to save to");
	memset(&count, 0, sizeof(count));
	memset(&w, 0, sizeof(w));
	w.fp = fp;
	sum_init(&w.sum);
	rc = id_refs(r, &refs);
	if (rc < 0)
		return semm__fail(err, rc, NULL, 0, 0, "out of memory");
	/* the length first, so that the head can say where the partial
	 * ends (several may follow each other in a stream) */
	put_payload(&count, r, refs);
	put(&w, MAGIC, 8);
	put_u32(&w, FORMAT_VERSION);
	put_u32(&w, 0);
	put_u64(&w, count.len);
	put_payload(&w, r, refs);
	for (i = 0; i < 8; i++)
		sum[i] = (unsigned char)(sum_end(&w.sum) >> (8 * i));
	if (fwrite(sum, 1, 8, fp) != 8)
		w.failed = 1;
	free(refs);
	if (w.failed || fflush(fp) != 0 || ferror(fp))
		return semm__fail(err, SEMM_EIO, NULL, 0, 0,
				  "writing the partial failed (disk full?)");
	return SEMM_OK;
}

static int save_one(const void *ctx, size_t k, FILE *fp)
{
	(void)k;
	return semm_responses_save(ctx, fp, NULL);
}

int semm_responses_save_dir(const semm_responses *r, const char *dir,
			    semm_error *err)
{
	static const char *const names[] = { "partial.semm" };

	if (!r || !dir)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "no respondents or no folder");
	return semm__write_files(dir, names, 1, 1u, save_one, r, err);
}

/* ---- loading ---------------------------------------------------------- */

/* The bytes being loaded, where the reader is, and what it reads. */
typedef struct reader {
	const unsigned char *p;
	size_t end; /* of the payload */
	size_t at;
	const char *name;
	const char *section;
	semm_error *err;
	semm_responses *r;
	uint64_t *refs; /* arena reference of each id, in order */
	size_t n_refs;
	uint64_t read_count;
	unsigned points[SEMM_MAX_ITEMS]; /* scale points per item */
} reader;

static int fail_at(reader *s, int code, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "byte OFFSET: section: what is wrong", the one-line error. */
static int fail_at(reader *s, int code, size_t at, const char *fmt, ...)
{
	char what[SEMM_ERROR_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	semm__vformat(what, sizeof(what), fmt, ap);
	va_end(ap);
	return semm__fail(s->err, code, s->name, 0, 0, "byte %zu: %s: %s", at,
			  s->section, what);
}

#define BAD(s, at, ...) fail_at((s), SEMM_EPARSE, (at), __VA_ARGS__)

static int need(reader *s, size_t n)
{
	if (n > s->end - s->at)
		return BAD(s, s->at,
			   "truncated: %zu more bytes expected, %zu "
			   "left in the partial",
			   n, s->end - s->at);
	return SEMM_OK;
}

static uint64_t le(const unsigned char *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static int get_u32(reader *s, uint32_t *v)
{
	int rc = need(s, 4);

	if (rc < 0)
		return rc;
	*v = (uint32_t)le(s->p + s->at, 4);
	s->at += 4;
	return SEMM_OK;
}

static int get_u64(reader *s, uint64_t *v)
{
	int rc = need(s, 8);

	if (rc < 0)
		return rc;
	*v = le(s->p + s->at, 8);
	s->at += 8;
	return SEMM_OK;
}

/* A line or column number: it must fit an unsigned long. */
static int get_ulong(reader *s, unsigned long *v, const char *what)
{
	size_t at = s->at;
	uint64_t x = 0;
	int rc = get_u64(s, &x);

	if (rc == SEMM_OK && x > (uint64_t)ULONG_MAX)
		return BAD(s, at, "%s %llu is too large", what,
			   (unsigned long long)x);
	*v = (unsigned long)x;
	return rc;
}

/* How many records of at least `size` bytes follow: no count larger
 * than the bytes left allow is believed (nothing is allocated for it). */
static int get_count(reader *s, uint64_t *n, size_t size, const char *what)
{
	size_t at = s->at;
	int rc = get_u64(s, n);

	if (rc == SEMM_OK && *n > (s->end - s->at) / size)
		return BAD(s, at, "%llu %s cannot fit in the %zu bytes left",
			   (unsigned long long)*n, what, s->end - s->at);
	return rc;
}

static int get_count32(reader *s, uint64_t *n, size_t size, const char *what)
{
	size_t at = s->at;
	uint32_t v;
	int rc = get_u32(s, &v);

	*n = v;
	if (rc == SEMM_OK && *n > (s->end - s->at) / size)
		return BAD(s, at, "%llu %s cannot fit in the %zu bytes left",
			   (unsigned long long)*n, what, s->end - s->at);
	return rc;
}

/* Flags on what a string may be. */
enum { STR_OPTIONAL = 1, STR_NONEMPTY = 2 };

/*
 * A string: its length, the bytes (no NUL) and a NUL. *out points into
 * the partial; NULL when absent. Not checked as UTF-8: a store keeps
 * input bytes as read (the id of a row rejected for bad UTF-8, a file
 * name), and the report writers take any bytes.
 */
static int get_str(reader *s, const char **out, size_t *len, int flags,
		   const char *what)
{
	size_t at = s->at;
	uint32_t n;
	const char *t;
	int rc = get_u32(s, &n);

	*out = NULL;
	*len = 0;
	if (rc < 0)
		return rc;
	if (n == NO_STR) {
		if (flags & STR_OPTIONAL)
			return SEMM_OK;
		return BAD(s, at, "%s is missing", what);
	}
	if ((size_t)n >= s->end - s->at)
		return BAD(s, at, "%s of %u bytes runs past the end", what, n);
	t = (const char *)s->p + s->at;
	if (t[n] != '\0')
		return BAD(s, s->at + n, "%s is not NUL-terminated", what);
	if (memchr(t, '\0', n))
		return BAD(s, s->at, "%s has a NUL byte inside", what);
	if (n == 0 && (flags & STR_NONEMPTY))
		return BAD(s, at, "%s is empty", what);
	s->at += (size_t)n + 1;
	*out = t;
	*len = n;
	return SEMM_OK;
}

/* Refuses a partial of another engine, questionnaire or model. */
static int check_identity(reader *s, const semm_questionnaire *q)
{
	const semm_model *m = q->model;
	const char *engine, *qid, *qver, *mid, *mver;
	uint64_t qh = 0, mh = 0;
	size_t n, at = s->at;
	int rc;

	s->section = "identity";
	rc = get_str(s, &engine, &n, 0, "the engine version");
	if (rc == SEMM_OK)
		rc = get_str(s, &qid, &n, 0, "the questionnaire id");
	if (rc == SEMM_OK)
		rc = get_str(s, &qver, &n, 0, "the questionnaire version");
	if (rc == SEMM_OK)
		rc = get_u64(s, &qh);
	if (rc == SEMM_OK)
		rc = get_str(s, &mid, &n, 0, "the model id");
	if (rc == SEMM_OK)
		rc = get_str(s, &mver, &n, 0, "the model version");
	if (rc == SEMM_OK)
		rc = get_u64(s, &mh);
	if (rc < 0)
		return rc;
	if (strcmp(engine, SEMM_VERSION_STRING) != 0)
		return fail_at(s, SEMM_EDATA, at,
			       "written by semm %s, this is semm %s: write "
			       "the partials again with this version",
			       engine, SEMM_VERSION_STRING);
	if (strcmp(qid, q->id) != 0 || strcmp(qver, q->version) != 0)
		return fail_at(s, SEMM_EDATA, at,
			       "written for questionnaire \"%s\" version %s, "
			       "not \"%s\" version %s",
			       qid, qver, q->id, q->version);
	if (qh != questionnaire_hash(q))
		return fail_at(s, SEMM_EDATA, at,
			       "written with another text of questionnaire "
			       "\"%s\" version %s (the files differ)",
			       qid, qver);
	if (strcmp(mid, m->id) != 0 || strcmp(mver, m->version) != 0)
		return fail_at(s, SEMM_EDATA, at,
			       "written for model \"%s\" version %s, not "
			       "\"%s\" version %s",
			       mid, mver, m->id, m->version);
	if (mh != model_hash(m))
		return fail_at(s, SEMM_EDATA, at,
			       "written with another definition of model "
			       "\"%s\" version %s (the files differ)",
			       mid, mver);
	return SEMM_OK;
}

/* A 32-bit flag or enumeration value no larger than max. */
static int get_small(reader *s, uint32_t *v, uint32_t max, const char *what)
{
	size_t at = s->at;
	int rc = get_u32(s, v);

	if (rc == SEMM_OK && *v > max)
		return BAD(s, at, "%s %u is out of range 0..%u", what, *v, max);
	return rc;
}

/* The read options a merge depends on; creates the store. */
static int read_options(reader *s, const semm_questionnaire *q)
{
	semm_read_options o = SEMM_READ_OPTIONS_INIT;
	const char *names[SEMM_MAX_ATTRIBUTES];
	size_t len[SEMM_MAX_ATTRIBUTES], at, a, total = 0, scope_at, scope_len;
	const char *scope = NULL;
	uint32_t role = 0, keep = 0, on_error = 0, preset = 0, mapped = 0,
		 n_items = 0, packed = 0, bytes = 0, n_attr = 0;
	char *text = NULL, *t;
	int rc;

	s->section = "options";
	at = s->at;
	rc = get_u32(s, &role);
	if (rc == SEMM_OK && role != UINT32_MAX &&
	    (role >= (uint32_t)SEMM_META_COUNT || !q->meta_column[role]))
		rc = BAD(s, at,
			 "grouping column %u is not one of the "
			 "questionnaire's",
			 role);
	if (rc == SEMM_OK)
		rc = get_small(s, &keep, 1, "keep_rows");
	if (rc == SEMM_OK)
		rc = get_small(s, &on_error, SEMM_ON_ERROR_FAIL, "on_error");
	if (rc == SEMM_OK)
		rc = get_small(s, &preset, SEMM_PRESET_MS_FORMS, "preset");
	if (rc == SEMM_OK)
		rc = get_small(s, &mapped, 1, "mapping");
	at = s->at;
	if (rc == SEMM_OK)
		rc = get_u32(s, &n_items);
	if (rc == SEMM_OK)
		rc = get_small(s, &packed, 1, "packed");
	if (rc == SEMM_OK)
		rc = get_u32(s, &bytes);
	if (rc == SEMM_OK && n_items != q->n_items)
		rc = BAD(s, at, "%u items, the questionnaire has %zu", n_items,
			 q->n_items);
	if (rc == SEMM_OK)
		rc = get_small(s, &n_attr, SEMM_MAX_ATTRIBUTES, "attributes");
	for (a = 0; rc == SEMM_OK && a < n_attr; a++) {
		rc = get_str(s, &names[a], &len[a], STR_NONEMPTY,
			     "an attribute name");
		total += len[a] + 1;
	}
	if (rc == SEMM_OK)
		rc = get_u64(s, &s->read_count);
	scope_at = s->at;
	if (rc == SEMM_OK)
		rc = get_str(s, &scope, &scope_len, STR_OPTIONAL | STR_NONEMPTY,
			     "the scope");
	if (rc < 0)
		return rc;
	text = malloc(total ? total : 1);
	if (!text)
		return semm__fail(s->err, SEMM_ENOMEM, s->name, 0, 0,
				  "out of memory");
	for (a = 0, t = text; a < n_attr; a++) {
		memcpy(t, names[a], len[a] + 1);
		names[a] = t;
		t += len[a] + 1;
	}
	o.on_error = (semm_on_error)on_error;
	o.preset = (semm_preset)preset;
	o.keep_rows = (int)keep;
	o.attributes = names;
	o.n_attributes = n_attr;
	rc = semm_responses_new(&s->r, q, &o);
	if (rc < 0) {
		free(text);
		return semm__fail(s->err, rc, s->name, 0, 0, "%s",
				  rc == SEMM_ENOMEM
					  ? "out of memory"
					  : "cannot hold these options");
	}
	s->r->attr_text = text;
	/* a partial keeps no dates: its rows have none */
	s->r->has_dates = 0;
	for (a = 0; a < n_attr; a++)
		s->r->attr_names[a] = names[a];
	s->r->opts.attributes = s->r->attr_names;
	s->r->opts.group_by = NULL;
	s->r->group_role = role == UINT32_MAX ? -1 : (int)role;
	s->r->mapping_used = (int)mapped;
	if (scope) {
		unsigned char in[SEMM_MAX_MODEL_UNITS];
		semm_error why;

		semm_error_clear(&why);
		if (semm__scope_resolve_text(q->model, scope, in, &s->r->scope,
					     &why) < 0)
			return BAD(s, scope_at, "%s", why.message);
	}
	if (packed != (uint32_t)s->r->packed || bytes != s->r->row_bytes)
		return BAD(s, at,
			   "answers stored %s in %u bytes a row; this "
			   "questionnaire stores them %s in %zu",
			   packed ? "packed" : "unpacked", bytes,
			   s->r->packed ? "packed" : "unpacked",
			   s->r->row_bytes);
	return SEMM_OK;
}

static int no_memory(reader *s, int rc)
{
	if (rc == SEMM_ELIMIT)
		return semm__fail(s->err, rc, s->name, 0, 0,
				  "%s: over a limit of the store", s->section);
	return semm__fail(s->err, rc, s->name, 0, 0, "out of memory");
}

/* Interned values in index order: each once, non-empty. */
static int read_intern(reader *s, semm__intern *t, const char *what)
{
	uint64_t n, i;
	int rc = get_count32(s, &n, 5, what);

	for (i = 0; rc == SEMM_OK && i < n; i++) {
		size_t at = s->at, len;
		const char *v;
		uint32_t idx;

		rc = get_str(s, &v, &len, STR_NONEMPTY, "a value");
		if (rc == SEMM_OK)
			rc = semm__intern_put(t, v, len, &idx);
		if (rc < 0 && rc != SEMM_EPARSE)
			return no_memory(s, rc);
		if (rc == SEMM_OK && idx != i)
			rc = BAD(s, at, "value \"%s\" repeats", v);
	}
	return rc;
}

static int read_sources(reader *s)
{
	uint64_t n, i;
	int rc;

	s->section = "sources";
	rc = get_count32(s, &n, 5, "sources");
	if (rc == SEMM_OK && n == UINT32_MAX)
		rc = BAD(s, s->at, "too many sources");
	for (i = 0; rc == SEMM_OK && i < n; i++) {
		const char *name;
		size_t len;
		uint32_t idx;

		rc = get_str(s, &name, &len, 0, "a source name");
		if (rc == SEMM_OK)
			rc = semm__responses_add_source(s->r, name, &idx);
		if (rc < 0 && rc != SEMM_EPARSE)
			return no_memory(s, rc);
	}
	return rc;
}

/* An interned index: below n, or SEMM__NONE32 when none is allowed. */
static int check_index(reader *s, size_t at, uint32_t v, size_t n, int none,
		       const char *what)
{
	if (v < n || (none && v == SEMM__NONE32))
		return SEMM_OK;
	return BAD(s, at, "%s %u is out of range (%zu values)", what, v, n);
}

static int read_tally(reader *s)
{
	semm_responses *r = s->r;
	size_t n_key = 1 + r->opts.n_attributes, a;
	uint32_t key[1 + SEMM_MAX_ATTRIBUTES];
	uint64_t n, i, total = 0, count = 0;
	int rc;

	s->section = "tallies";
	rc = get_count(s, &n, 4 * n_key + 8, "tallies");
	if (rc == SEMM_OK && n && !r->opts.n_attributes)
		rc = BAD(s, s->at - 8, "tallies without attributes");
	for (i = 0; rc == SEMM_OK && i < n; i++) {
		size_t at = s->at;

		for (a = 0; rc == SEMM_OK && a < n_key; a++)
			rc = get_u32(s, &key[a]);
		if (rc < 0)
			return rc;
		rc = r->group_role < 0 ? (key[0] ? BAD(s, at,
						       "group %u of "
						       "a tally without "
						       "groups",
						       key[0])
						 : SEMM_OK)
				       : check_index(s, at, key[0], r->groups.n,
						     1, "group");
		for (a = 1; rc == SEMM_OK && a < n_key; a++)
			rc = check_index(s, at + 4 * a, key[a],
					 r->attr[a - 1].n, 1,
					 "attribute value");
		if (rc == SEMM_OK)
			rc = get_u64(s, &count);
		/* zero: every row of it was taken off by a merge */
		if (rc == SEMM_OK && count > s->read_count - total)
			rc = BAD(s, s->at - 8,
				 "count %llu: more than the %llu "
				 "respondents read",
				 (unsigned long long)count,
				 (unsigned long long)s->read_count);
		if (rc < 0)
			return rc;
		total += count;
		rc = semm__tally_add(&r->tally, key, n_key, (size_t)count,
				     NULL);
		if (rc < 0)
			return no_memory(s, rc);
		if (r->tally.n != i + 1)
			rc = BAD(s, at, "a tally key repeats");
	}
	return rc;
}

static int read_values(reader *s)
{
	semm_responses *r = s->r;
	size_t a;
	int rc = read_sources(s);

	s->section = "groups";
	if (rc == SEMM_OK)
		rc = read_intern(s, &r->groups, "group values");
	if (rc == SEMM_OK && r->group_role < 0 && r->groups.n)
		rc = BAD(s, s->at, "group values without a grouping column");
	s->section = "attribute values";
	for (a = 0; rc == SEMM_OK && a < r->opts.n_attributes; a++)
		rc = read_intern(s, &r->attr[a], "attribute values");
	if (rc == SEMM_OK)
		rc = read_tally(s);
	return rc;
}

static int get_source(reader *s, uint32_t *v)
{
	size_t at = s->at;
	int rc = get_u32(s, v);

	if (rc == SEMM_OK && *v >= s->r->n_sources)
		return BAD(s, at, "source %u is out of range (%zu sources)", *v,
			   s->r->n_sources);
	return rc;
}

static int read_ids(reader *s)
{
	semm_responses *r = s->r;
	uint64_t n, i;
	int rc;

	s->section = "respondent ids";
	rc = get_count(s, &n, 4 + 4 + 8 + 5, "ids");
	if (rc < 0)
		return rc;
	/* the set's room at once (n is bounded by the payload's size) */
	rc = semm__idset_reserve(&r->ids, r->ids.count + (size_t)n);
	if (rc < 0)
		return no_memory(s, rc);
	s->refs = malloc((n ? (size_t)n : 1) * sizeof(*s->refs));
	if (!s->refs)
		return no_memory(s, SEMM_ENOMEM);
	for (i = 0; rc == SEMM_OK && i < n; i++) {
		uint32_t source = 0, column = 0;
		unsigned long line = 0;
		const char *id;
		size_t len, at;

		rc = get_source(s, &source);
		if (rc == SEMM_OK)
			rc = get_u32(s, &column);
		if (rc == SEMM_OK)
			rc = get_ulong(s, &line, "line");
		at = s->at;
		if (rc == SEMM_OK)
			rc = get_str(s, &id, &len, STR_NONEMPTY, "an id");
		if (rc < 0)
			return rc;
		rc = semm__idset_add(&r->ids, id, len, source, line, column,
				     &s->refs[i]);
		if (rc < 0)
			return no_memory(s, rc);
		if (rc == 0)
			return BAD(s, at, "id \"%s\" repeats", id);
		rc = SEMM_OK;
		s->n_refs++;
	}
	return rc;
}

/* Row i's answer codes: each a point of its item's scale or a missing
 * code; the spare half byte of a packed row is zero. */
static int check_answers(reader *s, const unsigned char *p, size_t row)
{
	const semm_responses *r = s->r;
	size_t i;

	for (i = 0; i < r->n_items; i++) {
		unsigned v =
			r->packed ? (p[i / 2] >> (4 * (i & 1))) & 15u : p[i];
		unsigned missing = r->packed ? 13u : SEMM__ANS_DK;

		if (v >= s->points[i] && v < missing)
			return BAD(s, s->at + (r->packed ? i / 2 : i),
				   "row %zu: answer code %u of item %s is "
				   "outside its scale",
				   row, v, r->q->items[i].id);
	}
	if (r->packed && (r->n_items & 1) && (p[r->row_bytes - 1] >> 4))
		return BAD(s, s->at + r->row_bytes - 1,
			   "row %zu: the spare half byte is not zero", row);
	return SEMM_OK;
}

static int read_answers(reader *s, uint64_t n)
{
	semm_responses *r = s->r;
	size_t i;
	int rc;

	for (i = 0; i < r->q->n_items; i++) {
		const semm__scale *sc = semm__item_scale(r->q, i);

		s->points[i] = (unsigned)(sc->max - sc->min + 1);
	}
	for (i = 0; i < n; i++) {
		rc = semm__chunks_reserve(&r->answers, i);
		if (rc < 0)
			return no_memory(s, rc);
		rc = check_answers(s, s->p + s->at, i);
		if (rc < 0)
			return rc;
		memcpy(semm__chunk_at(&r->answers, i), s->p + s->at,
		       r->row_bytes);
		s->at += r->row_bytes;
	}
	return SEMM_OK;
}

static int read_keys(reader *s, uint64_t n)
{
	semm_responses *r = s->r;
	size_t i, with_id = 0;
	int rc;

	for (i = 0; i < n; i++) {
		size_t at = s->at;
		uint32_t key, g;

		rc = semm__chunks_reserve(&r->keys, i);
		if (rc < 0)
			return no_memory(s, rc);
		rc = get_u32(s, &key);
		if (rc < 0)
			return rc;
		g = key & SEMM__KEY_MASK;
		if (r->group_role < 0
			    ? g != 0
			    : (g != SEMM__KEY_MASK && g >= r->groups.n))
			return BAD(s, at,
				   "row %zu: group %u is out of range "
				   "(%zu groups)",
				   i, g, r->groups.n);
		if (key & SEMM__KEY_HAS_ID)
			with_id++;
		memcpy(semm__chunk_at(&r->keys, i), &key, sizeof(key));
	}
	if (with_id != s->n_refs)
		return BAD(s, s->at,
			   "%zu rows have an id, but %zu ids are "
			   "stored",
			   with_id, s->n_refs);
	return SEMM_OK;
}

/* Each row's tally entry: of its own group, and the entries' counts are
 * exactly the rows that name them. */
static int read_tally_of(reader *s, uint64_t n)
{
	semm_responses *r = s->r;
	size_t n_key = 1 + r->opts.n_attributes, i, *seen;
	int rc = SEMM_OK;

	if (!r->opts.n_attributes)
		return SEMM_OK;
	seen = calloc(r->tally.n ? r->tally.n : 1, sizeof(*seen));
	if (!seen)
		return no_memory(s, SEMM_ENOMEM);
	for (i = 0; i < n && rc == SEMM_OK; i++) {
		size_t at = s->at;
		uint32_t e, key, g;

		rc = semm__chunks_reserve(&r->tally_of, i);
		if (rc < 0) {
			rc = no_memory(s, rc);
			break;
		}
		rc = get_u32(s, &e);
		if (rc < 0)
			break;
		memcpy(&key, semm__chunk_at(&r->keys, i), sizeof(key));
		g = key & SEMM__KEY_MASK;
		if (r->group_role < 0)
			g = 0;
		else if (g == SEMM__KEY_MASK)
			g = SEMM__NONE32;
		if (e >= r->tally.n || r->tally.keys[e * n_key] != g) {
			rc = BAD(s, at,
				 "row %zu: tally entry %u is out of range or "
				 "of another group",
				 i, e);
			break;
		}
		seen[e]++;
		memcpy(semm__chunk_at(&r->tally_of, i), &e, sizeof(e));
	}
	for (i = 0; rc == SEMM_OK && i < r->tally.n; i++) {
		if (seen[i] != r->tally.count[i])
			rc = BAD(s, s->at,
				 "tally entry %zu counts %zu rows, but %zu "
				 "rows name it",
				 i, r->tally.count[i], seen[i]);
	}
	free(seen);
	return rc;
}

/* Where each row came from; its id reference follows from the keys. */
static int read_where(reader *s, uint64_t n)
{
	semm_responses *r = s->r;
	size_t i, k = 0;
	int rc;

	for (i = 0; r->opts.keep_rows && i < n; i++) {
		semm__where w;
		uint32_t key;

		memset(&w, 0, sizeof(w));
		rc = semm__chunks_reserve(&r->where, i);
		if (rc < 0)
			return no_memory(s, rc);
		rc = get_source(s, &w.source);
		if (rc == SEMM_OK)
			rc = get_u64(s, &w.line);
		if (rc < 0)
			return rc;
		memcpy(&key, semm__chunk_at(&r->keys, i), sizeof(key));
		if (key & SEMM__KEY_HAS_ID)
			w.id = s->refs[k++];
		memcpy(semm__chunk_at(&r->where, i), &w, sizeof(w));
	}
	return SEMM_OK;
}

static int read_rows(reader *s)
{
	semm_responses *r = s->r;
	size_t per = r->row_bytes + 4 + (r->opts.keep_rows ? 12 : 0) +
		     (r->opts.n_attributes ? 4 : 0);
	uint64_t n;
	size_t at;
	int rc;

	s->section = "rows";
	at = s->at;
	rc = get_count(s, &n, per ? per : 1, "rows");
	if (rc == SEMM_OK && n > s->read_count)
		rc = BAD(s, at, "%llu rows, but %llu respondents read",
			 (unsigned long long)n,
			 (unsigned long long)s->read_count);
	if (rc == SEMM_OK)
		rc = read_answers(s, n);
	if (rc == SEMM_OK)
		rc = read_keys(s, n);
	if (rc == SEMM_OK)
		rc = read_tally_of(s, n);
	if (rc == SEMM_OK)
		rc = read_where(s, n);
	if (rc == SEMM_OK)
		r->n = (size_t)n;
	return rc;
}

/* A string into the store's pool; its offset (SEMM__NO_STRING: none). */
static int pool_put(reader *s, const char *t, size_t len, size_t *off)
{
	int rc;

	*off = SEMM__NO_STRING;
	if (!t)
		return SEMM_OK;
	*off = s->r->pool.len;
	rc = semm__buf_append(&s->r->pool, t, len + 1);
	return rc < 0 ? no_memory(s, rc) : SEMM_OK;
}

/* Whether row i has no actual answer (blank, N/A or don't know only). */
static int unanswered(const semm_responses *r, size_t i, uint8_t *codes)
{
	size_t k;

	semm__responses_unpack(r, i, codes);
	for (k = 0; k < r->n_items; k++) {
		if (codes[k] < SEMM__ANS_DK)
			return 0;
	}
	return 1;
}

/* The rows that may have no answer: ascending, and exactly the rows
 * whose codes are all missing (score.c relies on both). */
static int read_empty(reader *s)
{
	semm_responses *r = s->r;
	uint8_t codes[SEMM_MAX_ITEMS];
	uint64_t n, i, row;
	size_t next = 0, at, k;
	int rc;

	s->section = "unanswered rows";
	rc = get_count(s, &n, 8 + 4 + 8 + 4, "rows");
	if (rc < 0)
		return rc;
	r->empty = malloc((n ? (size_t)n : 1) * sizeof(*r->empty));
	if (!r->empty)
		return no_memory(s, SEMM_ENOMEM);
	r->cap_empty = n ? (size_t)n : 1;
	for (i = 0; i < n; i++) {
		semm__maybe_empty *e = &r->empty[i];
		const char *id;
		size_t len;

		at = s->at;
		rc = get_u64(s, &row);
		if (rc == SEMM_OK && (row >= r->n || row < next))
			rc = BAD(s, at, "row %llu is out of range or order",
				 (unsigned long long)row);
		if (rc == SEMM_OK)
			rc = get_source(s, &e->source);
		if (rc == SEMM_OK)
			rc = get_ulong(s, &e->line, "line");
		if (rc == SEMM_OK)
			rc = get_str(s, &id, &len, STR_OPTIONAL, "an id");
		if (rc == SEMM_OK)
			rc = pool_put(s, id, len, &e->respondent);
		if (rc < 0)
			return rc;
		e->row = (size_t)row;
		next = (size_t)row + 1;
		r->n_empty++;
	}
	for (k = 0, i = 0; k < r->n; k++) {
		int listed = i < n && r->empty[i].row == k;

		if (listed != unanswered(r, k, codes))
			return BAD(s, s->at, "row %zu %s", k,
				   listed ? "is listed as unanswered but has "
					    "an answer"
					  : "has no answer but is not listed");
		i += (uint64_t)listed;
	}
	return SEMM_OK;
}

static int read_rejections(reader *s)
{
	semm_responses *r = s->r;
	uint64_t n, i, dup = 0;
	int rc;

	s->section = "rejections";
	rc = get_count(s, &n, 4 + 8 + 8 + 8 + 4 + 5, "rejections");
	if (rc < 0)
		return rc;
	r->rej = malloc((n ? (size_t)n : 1) * sizeof(*r->rej));
	if (!r->rej)
		return no_memory(s, SEMM_ENOMEM);
	r->cap_rej = n ? (size_t)n : 1;
	for (i = 0; i < n; i++) {
		semm__rejection *x = &r->rej[i];
		const char *id, *why;
		size_t len, wlen, at;

		rc = get_source(s, &x->source);
		if (rc == SEMM_OK)
			rc = get_ulong(s, &x->line, "line");
		if (rc == SEMM_OK)
			rc = get_ulong(s, &x->column, "column");
		at = s->at;
		if (rc == SEMM_OK)
			rc = get_u64(s, &dup);
		if (rc == SEMM_OK && dup > s->n_refs)
			rc = BAD(s, at,
				 "first occurrence %llu is out of "
				 "range (%zu ids)",
				 (unsigned long long)dup, s->n_refs);
		if (rc == SEMM_OK)
			rc = get_str(s, &id, &len, STR_OPTIONAL, "an id");
		if (rc == SEMM_OK)
			rc = get_str(s, &why, &wlen, 0, "a reason");
		if (rc == SEMM_OK)
			rc = pool_put(s, id, len, &x->respondent);
		if (rc == SEMM_OK)
			rc = pool_put(s, why, wlen, &x->reason);
		if (rc < 0)
			return rc;
		x->dup_of = dup ? s->refs[dup - 1] : 0;
		r->n_rej++;
	}
	if (r->n + r->n_rej != s->read_count)
		return BAD(s, s->at,
			   "%zu rows and %zu rejections do not make "
			   "the %llu respondents read",
			   r->n, r->n_rej, (unsigned long long)s->read_count);
	return SEMM_OK;
}

static int read_exclusions(reader *s)
{
	semm_responses *r = s->r;
	uint64_t n, i;
	uint32_t include = 0;
	int rc;

	s->section = "exclusions";
	rc = get_u32(s, &include);
	if (rc == SEMM_OK &&
	    (include & ~(SEMM_INCLUDE_UNFINISHED | SEMM_INCLUDE_TEST |
			 SEMM_INCLUDE_SPAM)))
		return BAD(s, s->at - 4, "unknown inclusion flags %#x",
			   (unsigned)include);
	r->opts.include = include;
	if (rc == SEMM_OK)
		rc = get_count(s, &n, 4 + 4 + 8 + 4 + 5, "exclusions");
	if (rc < 0)
		return rc;
	for (i = 0; i < n; i++) {
		uint32_t source, reason;
		unsigned long line;
		const char *id, *detail;
		size_t len, dlen, at;

		rc = get_source(s, &source);
		at = s->at;
		if (rc == SEMM_OK)
			rc = get_u32(s, &reason);
		if (rc == SEMM_OK && reason >= SEMM_EXCLUSION_COUNT)
			rc = BAD(s, at, "unknown reason %u", (unsigned)reason);
		if (rc == SEMM_OK)
			rc = get_ulong(s, &line, "line");
		if (rc == SEMM_OK)
			rc = get_str(s, &id, &len, STR_OPTIONAL, "an id");
		if (rc == SEMM_OK)
			rc = get_str(s, &detail, &dlen, 0, "a detail");
		if (rc == SEMM_OK)
			rc = semm__responses_exclude(r, source, line, id, len,
						     (semm_exclusion)reason,
						     detail);
		if (rc == SEMM_ENOMEM)
			return no_memory(s, rc);
		if (rc < 0)
			return rc;
	}
	s->section = "ignored columns";
	rc = get_count(s, &n, 4 + 8 + 5, "ignored columns");
	for (i = 0; rc == SEMM_OK && i < n; i++) {
		uint32_t source;
		unsigned long column;
		const char *name;
		size_t len;

		rc = get_source(s, &source);
		if (rc == SEMM_OK)
			rc = get_ulong(s, &column, "column");
		if (rc == SEMM_OK)
			rc = get_str(s, &name, &len, 0, "a column name");
		if (rc == SEMM_OK)
			rc = semm__responses_ignore_column(r, source, column,
							   name);
		if (rc == SEMM_ENOMEM)
			return no_memory(s, rc);
	}
	return rc;
}

/* Magic, version, length and checksum; *total: the partial's bytes. */
static int check_frame(reader *s, size_t len, size_t *total)
{
	uint64_t payload, sum;
	checksum c;

	s->section = "head";
	if (len < HEAD_BYTES)
		return BAD(s, len,
			   "truncated: a partial starts with %u bytes "
			   "of head, found %zu",
			   HEAD_BYTES, len);
	if (memcmp(s->p, MAGIC, 8) != 0)
		return BAD(s, 0, "not a semm partial (no SEMMPART mark)");
	if (le(s->p + 8, 4) != FORMAT_VERSION)
		return BAD(s, 8,
			   "format version %u; this engine reads "
			   "version %u",
			   (unsigned)le(s->p + 8, 4), FORMAT_VERSION);
	if (le(s->p + 12, 4) != 0)
		return BAD(s, 12, "unknown flags %#x",
			   (unsigned)le(s->p + 12, 4));
	payload = le(s->p + 16, 8);
	if (payload > len - HEAD_BYTES ||
	    len - HEAD_BYTES - payload < SUM_BYTES)
		return BAD(s, len,
			   "truncated: the head says %llu bytes, "
			   "found %zu",
			   (unsigned long long)payload + HEAD_BYTES + SUM_BYTES,
			   len);
	*total = HEAD_BYTES + (size_t)payload + SUM_BYTES;
	s->end = HEAD_BYTES + (size_t)payload;
	s->section = "checksum";
	sum = le(s->p + s->end, 8);
	sum_init(&c);
	sum_add(&c, s->p, s->end);
	if (sum != sum_end(&c))
		return BAD(s, s->end,
			   "checksum mismatch: the partial is "
			   "damaged");
	s->at = HEAD_BYTES;
	return SEMM_OK;
}

/* Loads one partial from data; *used: its length. */
static int load(semm_responses **out, const semm_questionnaire *q,
		const unsigned char *data, size_t len, const char *source,
		size_t *used, semm_error *err)
{
	reader s;
	int rc;

	*out = NULL;
	memset(&s, 0, sizeof(s));
	s.p = data;
	s.name = source ? source : "partial";
	s.err = err;
	if (!q || !q->model || q->n_items > SEMM_MAX_ITEMS)
		return semm__fail(err, SEMM_EARG, s.name, 0, 0,
				  "the questionnaire is not bound to a model");
	rc = check_frame(&s, len, used);
	if (rc == SEMM_OK)
		rc = check_identity(&s, q);
	if (rc == SEMM_OK)
		rc = read_options(&s, q);
	if (rc == SEMM_OK)
		rc = read_values(&s);
	if (rc == SEMM_OK)
		rc = read_ids(&s);
	if (rc == SEMM_OK)
		rc = read_rows(&s);
	if (rc == SEMM_OK)
		rc = read_empty(&s);
	if (rc == SEMM_OK)
		rc = read_rejections(&s);
	if (rc == SEMM_OK)
		rc = read_exclusions(&s);
	s.section = "end";
	if (rc == SEMM_OK && s.at != s.end)
		rc = BAD(&s, s.at, "%zu bytes left over", s.end - s.at);
	free(s.refs);
	if (rc < 0) {
		semm_responses_free(s.r);
		return rc;
	}
	*out = s.r;
	return SEMM_OK;
}

int semm_responses_load_buffer(semm_responses **out,
			       const semm_questionnaire *q, const char *data,
			       size_t len, const char *source, semm_error *err)
{
	size_t used = 0;
	int rc;

	if (!out)
		return semm__fail(err, SEMM_EARG, source, 0, 0, "no output");
	rc = load(out, q, (const unsigned char *)data, data ? len : 0, source,
		  &used, err);
	if (rc == SEMM_OK && used != len) {
		semm_responses_free(*out);
		*out = NULL;
		rc = semm__fail(err, SEMM_EPARSE, source ? source : "partial",
				0, 0,
				"byte %zu: end: %zu bytes after the end "
				"of the partial",
				used, len - used);
	}
	return rc;
}

/* Reads n more bytes of fp into b, growing it only as bytes arrive (a
 * forged length cannot make it allocate more than the stream holds). */
static int read_more(FILE *fp, semm__buf *b, size_t n)
{
	char chunk[65536];

	while (n > 0) {
		size_t want = n < sizeof(chunk) ? n : sizeof(chunk);
		size_t got = fread(chunk, 1, want, fp);
		int rc = semm__buf_append(b, chunk, got);

		if (rc < 0)
			return rc;
		n -= got;
		if (got < want)
			return ferror(fp) ? SEMM_EIO : SEMM_OK;
	}
	return SEMM_OK;
}

int semm_responses_load(semm_responses **out, const semm_questionnaire *q,
			FILE *fp, const char *source, semm_error *err)
{
	const char *name = source ? source : "partial";
	semm__buf b = { NULL, 0, 0 };
	size_t used = 0;
	uint64_t payload;
	int rc;

	if (!out || !fp)
		return semm__fail(err, SEMM_EARG, name, 0, 0, "no stream");
	*out = NULL;
	rc = read_more(fp, &b, HEAD_BYTES);
	if (rc == SEMM_OK && b.len == 0)
		rc = semm__fail(err, SEMM_EPARSE, name, 0, 0,
				"byte 0: head: empty: no partial");
	if (rc == SEMM_OK && b.len == HEAD_BYTES &&
	    memcmp(b.data, MAGIC, 8) == 0) {
		payload = le((const unsigned char *)b.data + 16, 8);
		/* the rest, as far as the stream has it; a short read is
		 * reported by load as truncation */
		if (payload <= SIZE_MAX - HEAD_BYTES - SUM_BYTES)
			rc = read_more(fp, &b, (size_t)payload + SUM_BYTES);
	}
	if (rc == SEMM_EIO)
		rc = semm__fail(err, rc, name, 0, 0, "read failed");
	else if (rc == SEMM_ENOMEM)
		rc = semm__fail(err, rc, name, 0, 0, "out of memory");
	if (rc == SEMM_OK)
		rc = load(out, q, (const unsigned char *)b.data, b.len, name,
			  &used, err);
	semm__buf_free(&b);
	return rc;
}
