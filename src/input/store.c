/*
 * store.c - the accumulator's building blocks: records in chunks, strings
 * interned to indexes, the respondent-id set with its arena, attribute
 * tallies, and the merge of one store into another. The store keeps per
 * row what the figures need and no more (see input/input.h); score.c
 * computes every figure from it at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "input/input.h"

/* ---- records in chunks ------------------------------------------------ */

int semm__chunks_reserve(semm__chunks *c, size_t i)
{
	size_t k = i / SEMM__CHUNK_ROWS;
	unsigned char **grown;

	if (k < c->n_chunks)
		return SEMM_OK;
	grown = realloc(c->c, (k + 1) * sizeof(*grown));
	if (!grown)
		return SEMM_ENOMEM;
	c->c = grown;
	c->c[k] = malloc((size_t)SEMM__CHUNK_ROWS * (c->width ? c->width : 1));
	if (!c->c[k])
		return SEMM_ENOMEM;
	c->n_chunks = k + 1;
	return SEMM_OK;
}

void semm__chunks_free(semm__chunks *c)
{
	size_t k;

	for (k = 0; k < c->n_chunks; k++)
		free(c->c[k]);
	free(c->c);
	c->c = NULL;
	c->n_chunks = 0;
}

/* ---- interned strings ------------------------------------------------- */

int semm__intern_put(semm__intern *t, const char *s, size_t n, uint32_t *idx)
{
	size_t have;
	int put;

	if (semm__strmap_get(&t->map, s, n, &have)) {
		*idx = (uint32_t)have;
		return SEMM_OK;
	}
	if (t->n >= SEMM__KEY_MASK)
		return SEMM_ELIMIT;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **v = realloc(t->value, cap * sizeof(*v));

		if (!v)
			return SEMM_ENOMEM;
		t->value = v;
		t->cap = cap;
	}
	t->value[t->n] = semm__strndup(s, n);
	if (!t->value[t->n])
		return SEMM_ENOMEM;
	put = semm__strmap_put(&t->map, s, n, t->n, NULL);
	if (put < 0) {
		free(t->value[t->n]);
		return put;
	}
	*idx = (uint32_t)t->n++;
	return SEMM_OK;
}

void semm__intern_free(semm__intern *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->value[i]);
	free(t->value);
	semm__strmap_free(&t->map);
	memset(t, 0, sizeof(*t));
}

/* ---- the respondent-id set -------------------------------------------- */

/*
 * An arena entry: the source (4 bytes), the column (4), the line (8),
 * then the id and a NUL. A reference is (block << 24 | offset) + 1: blocks of 1 MiB
 * (an entry longer than that gets a block of its own, up to 16 MiB).
 */
#define ARENA_BLOCK ((size_t)1 << 20)
#define ARENA_OFF_BITS 24
#define ARENA_MAX_ENTRY (((size_t)1 << ARENA_OFF_BITS) - 1)
#define REF_BITS 40
#define REF_MASK ((UINT64_C(1) << REF_BITS) - 1)

/* A 64-bit hash of the id (multiply and fold, 8 bytes at a time). */
static uint64_t id_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL);
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	if (i < n) {
		uint64_t w = 0;

		memcpy(&w, s + i, n - i);
		h = (h ^ w) * 0x94d049bb133111ebULL;
	}
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return h;
}

static const unsigned char *arena_entry(const semm__idset *s, uint64_t ref)
{
	uint64_t off = ref - 1;

	return s->block[off >> ARENA_OFF_BITS] +
	       (off & (((uint64_t)1 << ARENA_OFF_BITS) - 1));
}

void semm__idset_ref(const semm__idset *s, uint64_t ref, semm__idref *out)
{
	const unsigned char *e = arena_entry(s, ref);
	uint64_t line;

	uint32_t col;

	memcpy(&out->source, e, 4);
	memcpy(&col, e + 4, 4);
	memcpy(&line, e + 8, 8);
	out->column = col;
	out->line = (unsigned long)line;
	out->id = (const char *)e + 16;
}

/* Index of a slot for hash h in a table of cap slots (cap > 0). */
static size_t slot_of(uint64_t h, size_t cap)
{
	return (size_t)(((unsigned __int128)h * cap) >> 64);
}

/*
 * Moves every entry to a table of cap slots (a power of two). Up to 2^24
 * slots an entry's slot follows from its tag alone: slot_of takes the
 * top log2(cap) bits of the hash, and the tag is its top 24 bits; above
 * that the hash is computed again from the id.
 */
static int idset_resize(semm__idset *s, size_t cap)
{
	const size_t tag_slots = (size_t)1 << (64 - REF_BITS);
	uint64_t *slot = calloc(cap, sizeof(*slot));
	size_t i;

	if (!slot)
		return SEMM_ENOMEM;
	for (i = 0; i < s->cap; i++) {
		uint64_t v = s->slot[i];
		size_t j;

		if (!v)
			continue;
		if (cap <= tag_slots) {
			j = (size_t)(((v >> REF_BITS) * cap) >>
				     (64 - REF_BITS));
		} else {
			semm__idref ref;

			semm__idset_ref(s, v & REF_MASK, &ref);
			j = slot_of(id_hash(ref.id, strlen(ref.id)), cap);
		}
		while (slot[j])
			j = j + 1 == cap ? 0 : j + 1;
		slot[j] = v;
	}
	free(s->slot);
	s->slot = slot;
	s->cap = cap;
	return SEMM_OK;
}

static int idset_grow(semm__idset *s)
{
	return idset_resize(s, s->cap ? s->cap * 2 : 1024);
}

int semm__idset_reserve(semm__idset *s, size_t n)
{
	size_t cap = s->cap ? s->cap : 1024;

	while (n * 4 > cap * 3) {
		if (cap > SIZE_MAX / 16)
			return SEMM_ENOMEM;
		cap *= 2;
	}
	return cap == s->cap ? SEMM_OK : idset_resize(s, cap);
}

/* Adds an entry for id to the arena; its reference into *ref. */
static int arena_add(semm__idset *s, const char *id, size_t n, uint32_t source,
		     unsigned long line, unsigned long column, uint64_t *ref)
{
	size_t need = 16 + n + 1;
	uint64_t l = line;
	uint32_t col = column > UINT32_MAX ? UINT32_MAX : (uint32_t)column;
	unsigned char *e;

	if (need > ARENA_MAX_ENTRY)
		return SEMM_ELIMIT;
	if (!s->n_blocks || s->used + need > s->block_size) {
		size_t size = need > ARENA_BLOCK ? need : ARENA_BLOCK;
		unsigned char **b;

		if (s->n_blocks >= ((size_t)1 << (REF_BITS - ARENA_OFF_BITS)))
			return SEMM_ELIMIT;
		size_t *fill;

		b = realloc(s->block, (s->n_blocks + 1) * sizeof(*b));
		if (!b)
			return SEMM_ENOMEM;
		s->block = b;
		fill = realloc(s->fill, (s->n_blocks + 1) * sizeof(*fill));
		if (!fill)
			return SEMM_ENOMEM;
		s->fill = fill;
		fill[s->n_blocks] = 0;
		b[s->n_blocks] = malloc(size);
		if (!b[s->n_blocks])
			return SEMM_ENOMEM;
		s->n_blocks++;
		s->used = 0;
		s->block_size = size;
	}
	e = s->block[s->n_blocks - 1] + s->used;
	memcpy(e, &source, 4);
	memcpy(e + 4, &col, 4);
	memcpy(e + 8, &l, 8);
	memcpy(e + 16, id, n);
	e[16 + n] = '\0';
	*ref = ((uint64_t)(s->n_blocks - 1) << ARENA_OFF_BITS | s->used) + 1;
	s->used += need;
	s->fill[s->n_blocks - 1] = s->used;
	return SEMM_OK;
}

/* The slot holding id, or the empty slot where it would go (cap > 0). */
static size_t find_slot(const semm__idset *s, const char *id, size_t n,
			uint64_t h)
{
	uint64_t tag = h >> REF_BITS;
	size_t j;

	for (j = slot_of(h, s->cap); s->slot[j];
	     j = j + 1 == s->cap ? 0 : j + 1) {
		semm__idref have;

		if ((s->slot[j] >> REF_BITS) != tag)
			continue;
		semm__idset_ref(s, s->slot[j] & REF_MASK, &have);
		if (strlen(have.id) == n && memcmp(have.id, id, n) == 0)
			break;
	}
	return j;
}

void semm__idset_prefetch(const semm__idset *s, const char *id, size_t n)
{
	if (s->cap)
		__builtin_prefetch(&s->slot[slot_of(id_hash(id, n), s->cap)]);
}

int semm__idset_find(const semm__idset *s, const char *id, size_t n,
		     uint64_t *ref)
{
	size_t j;

	if (!s->cap)
		return 0;
	j = find_slot(s, id, n, id_hash(id, n));
	if (!s->slot[j])
		return 0;
	*ref = s->slot[j] & REF_MASK;
	return 1;
}

int semm__idset_add(semm__idset *s, const char *id, size_t n, uint32_t source,
		    unsigned long line, unsigned long column, uint64_t *ref)
{
	uint64_t h = id_hash(id, n), tag = h >> REF_BITS;
	size_t j;
	int rc;

	if ((s->count + 1) * 4 > s->cap * 3) {
		rc = idset_grow(s);
		if (rc < 0)
			return rc;
	}
	j = find_slot(s, id, n, h);
	if (s->slot[j]) {
		*ref = s->slot[j] & REF_MASK;
		return 0;
	}
	rc = arena_add(s, id, n, source, line, column, ref);
	if (rc < 0)
		return rc;
	s->slot[j] = tag << REF_BITS | *ref;
	s->count++;
	return 1;
}

int semm__idset_next(const semm__idset *s, uint64_t *cursor, uint64_t *ref)
{
	uint64_t off = *cursor;
	size_t b = (size_t)(off >> ARENA_OFF_BITS);
	size_t at = (size_t)(off & (((uint64_t)1 << ARENA_OFF_BITS) - 1));

	while (b < s->n_blocks && at >= s->fill[b]) {
		b++;
		at = 0;
	}
	if (b >= s->n_blocks)
		return 0;
	*ref = ((uint64_t)b << ARENA_OFF_BITS | at) + 1;
	at += 16 + strlen((const char *)s->block[b] + at + 16) + 1;
	*cursor = (uint64_t)b << ARENA_OFF_BITS | at;
	return 1;
}

void semm__idset_free(semm__idset *s)
{
	size_t k;

	for (k = 0; k < s->n_blocks; k++)
		free(s->block[k]);
	free(s->block);
	free(s->fill);
	free(s->slot);
	memset(s, 0, sizeof(*s));
}

/* ---- attribute tallies ------------------------------------------------ */

int semm__tally_add(semm__tally *t, const uint32_t *key, size_t n_key,
		    size_t count, size_t *index)
{
	size_t at;
	int put;

	if (semm__strmap_get(&t->map, (const char *)key, n_key * 4, &at)) {
		t->count[at] += count;
		if (index)
			*index = at;
		return SEMM_OK;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		uint32_t *keys = realloc(t->keys, cap * n_key * sizeof(*keys));
		size_t *c;

		if (!keys)
			return SEMM_ENOMEM;
		t->keys = keys;
		c = realloc(t->count, cap * sizeof(*c));
		if (!c)
			return SEMM_ENOMEM;
		t->count = c;
		t->cap = cap;
	}
	put = semm__strmap_put(&t->map, (const char *)key, n_key * 4, t->n,
			       NULL);
	if (put < 0)
		return put;
	memcpy(t->keys + t->n * n_key, key, n_key * 4);
	if (index)
		*index = t->n;
	t->count[t->n++] = count;
	return SEMM_OK;
}

void semm__tally_free(semm__tally *t)
{
	semm__strmap_free(&t->map);
	free(t->keys);
	free(t->count);
	memset(t, 0, sizeof(*t));
}

/* ---- merging ---------------------------------------------------------- */

int semm__responses_compatible(const semm_responses *dst,
			       const semm_responses *src)
{
	size_t a;

	if (dst->q != src->q || dst->group_role != src->group_role ||
	    dst->opts.n_attributes != src->opts.n_attributes ||
	    dst->opts.keep_rows != src->opts.keep_rows ||
	    dst->opts.include != src->opts.include ||
	    dst->packed != src->packed || dst->row_bytes != src->row_bytes)
		return 0;
	for (a = 0; a < dst->opts.n_attributes; a++) {
		if (strcmp(dst->opts.attributes[a], src->opts.attributes[a]))
			return 0;
	}
	return 1;
}
