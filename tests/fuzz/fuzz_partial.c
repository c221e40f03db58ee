/*
 * fuzz_partial.c - fuzzes semm_responses_load_buffer (src/partial.c)
 * against both shipped questionnaires. A partial that loads is scored
 * and every report written, and saved again: loading that must succeed
 * and saving once more must give the same bytes. An input that is not
 * a partial is also read as CSV, saved and loaded back: a store the
 * engine built must always survive the round trip.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

/* The partial of r, in memory (free it). */
static char *save(const semm_responses *r, size_t *len)
{
	semm_error err;
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	int rc;

	if (!fp)
		fuzz_die("open_memstream failed", NULL);
	semm_error_clear(&err);
	rc = semm_responses_save(r, fp, &err);
	if (fclose(fp) != 0 || rc < 0)
		fuzz_die("saving a store failed", err.message);
	return buf;
}

/* Saves r, loads it back and saves again: the bytes must not change. */
static void round_trip(const fuzz_fixture *f, const semm_responses *r)
{
	semm_responses *back = NULL;
	semm_error err;
	size_t len, len2;
	char *p = save(r, &len), *p2;

	semm_error_clear(&err);
	if (semm_responses_load_buffer(&back, f->q, p, len, "saved", &err) < 0)
		fuzz_die("a saved store does not load", err.message);
	if (semm_responses_read_count(back) != semm_responses_read_count(r) ||
	    semm_responses_count(back) != semm_responses_count(r))
		fuzz_die("a loaded store has other counts", NULL);
	p2 = save(back, &len2);
	if (len != len2 || memcmp(p, p2, len) != 0)
		fuzz_die("saving a loaded store gives other bytes", NULL);
	free(p);
	free(p2);
	semm_responses_free(back);
}

static void as_partial(const fuzz_fixture *f, const char *s, size_t n,
		       uint32_t knobs)
{
	semm_responses *r = NULL;
	semm_error err;

	semm_error_clear(&err);
	if (semm_responses_load_buffer(&r, f->q, s, n, "fuzz.semm", &err) < 0) {
		if (r)
			fuzz_die("a failed load set *out", NULL);
		if (!err.message[0] || strchr(err.message, '\n'))
			fuzz_die("a refusal without a one-line message", NULL);
		return;
	}
	fuzz_walk_rejections(r);
	round_trip(f, r);
	fuzz_score_and_write(f->model, f->q, r, knobs);
	semm_responses_free(r);
}

static void as_csv(const fuzz_fixture *f, const char *s, size_t n,
		   uint32_t knobs)
{
	semm_read_options opts;
	semm_responses *r = NULL;
	semm_error err;

	fuzz_read_options(knobs, &opts);
	opts.keep_rows = (int)((knobs >> 24) & 1u);
	if (semm_responses_new(&r, f->q, &opts) < 0)
		fuzz_die("semm_responses_new failed", f->name);
	semm_error_clear(&err);
	if (semm_responses_read_csv_buffer(r, s, n, "fuzz.csv", &err) == 0)
		round_trip(f, r);
	semm_responses_free(r);
}

/* A copy of a partial with its checksum (docs/FORMATS.md: 64-bit words
 * over head and payload, after them) made right, when the head's length
 * fits. */
static char *reseal(const uint8_t *data, size_t size)
{
	uint64_t payload = 0, h = 0x9e3779b97f4a7c15ULL;
	size_t i, end;
	char *copy;

	if (size < 32 || memcmp(data, "SEMMPART", 8) != 0)
		return NULL;
	for (i = 0; i < 8; i++)
		payload |= (uint64_t)data[16 + i] << (8 * i);
	if (payload > size - 32)
		return NULL;
	end = 24 + (size_t)payload;
	copy = malloc(size);
	if (!copy)
		fuzz_die("out of memory", NULL);
	memcpy(copy, data, size);
	for (i = 0; i < end; i += 8) {
		uint64_t w = 0;
		size_t j;

		for (j = 0; j < 8 && i + j < end; j++)
			w |= (uint64_t)data[i + j] << (8 * j);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	h = (h ^ (uint64_t)end) * 0x94d049bb133111ebULL;
	h ^= h >> 32;
	for (i = 0; i < 8; i++)
		copy[end + i] = (char)(h >> (8 * i));
	return copy;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *sealed;
	uint32_t knobs;
	size_t i;

	fuzz_setup();
	knobs = fuzz_knobs(data, size);
	sealed = reseal(data, size);
	for (i = 0; i < FUZZ_FIXTURES; i++) {
		as_partial(fuzz_fixture_get(i), s, size, knobs);
		if (sealed)
			as_partial(fuzz_fixture_get(i), sealed, size, knobs);
		else
			as_csv(fuzz_fixture_get(i), s, size, knobs);
	}
	free(sealed);
	return 0;
}
