/*
 * strmap.c - a small open-addressing hash map from byte strings to
 * indexes, used to find duplicate respondent ids and to intern group ids.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

struct semm__strmap_slot {
	char *key; /* NULL when empty */
	size_t len;
	size_t value;
	uint64_t hash;
};

/* FNV-1a, 64 bits: simple and good enough for ids. */
static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static struct semm__strmap_slot *find_slot(struct semm__strmap_slot *slots,
					   size_t cap, const char *key,
					   size_t len, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	while (slots[i].key) {
		if (slots[i].hash == h && slots[i].len == len &&
		    memcmp(slots[i].key, key, len) == 0)
			break;
		i = (i + 1) & (cap - 1);
	}
	return &slots[i];
}

static int grow(semm__strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct semm__strmap_slot *slots = calloc(cap, sizeof(*slots));
	size_t i;

	if (!slots)
		return SEMM_ENOMEM;
	for (i = 0; i < m->cap; i++) {
		struct semm__strmap_slot *s = &m->slots[i];

		if (s->key)
			*find_slot(slots, cap, s->key, s->len, s->hash) = *s;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return SEMM_OK;
}

int semm__strmap_put(semm__strmap *m, const char *key, size_t len, size_t value,
		     size_t *existing)
{
	uint64_t h = hash_bytes(key, len);
	struct semm__strmap_slot *s;

	if ((m->count + 1) * 4 > m->cap * 3 && grow(m) < 0)
		return SEMM_ENOMEM;
	s = find_slot(m->slots, m->cap, key, len, h);
	if (s->key) {
		if (existing)
			*existing = s->value;
		return 0;
	}
	s->key = semm__strndup(key, len);
	if (!s->key)
		return SEMM_ENOMEM;
	s->len = len;
	s->value = value;
	s->hash = h;
	m->count++;
	return 1;
}

int semm__strmap_get(const semm__strmap *m, const char *key, size_t len,
		     size_t *value)
{
	struct semm__strmap_slot *s;

	if (!m->cap)
		return 0;
	s = find_slot(m->slots, m->cap, key, len, hash_bytes(key, len));
	if (!s->key)
		return 0;
	*value = s->value;
	return 1;
}

void semm__strmap_free(semm__strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}
