/*
 * fuzz_csv.c - fuzzes semm_responses_read_csv_buffer against both shipped
 * questionnaires, under every export preset, and against the ISO one
 * with the shipped mapping (tests/data/exports/other-tool.mapping.json);
 * the first successful read of each questionnaire is then scored and
 * every report is written.
 *
 * The other options (delimiter detected or given, decimal commas, limits,
 * on-error mode, scoring options) come from the input's hash (see
 * fuzz_common.c). One input in four is read twice, as two files, to
 * reach duplicates across sources.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

static const semm_preset presets[] = { SEMM_PRESET_NONE, SEMM_PRESET_QUALTRICS,
				       SEMM_PRESET_LIMESURVEY,
				       SEMM_PRESET_GOOGLE_FORMS,
				       SEMM_PRESET_MS_FORMS };

static void longest_field(void *s, size_t len, void *data)
{
	size_t *longest = data;

	(void)s;
	if (len > *longest)
		*longest = len;
}

/*
 * After a successful read with a given delimiter: no field of the input
 * may be longer than opts->max_field_bytes (docs/LIMITS.md), whether it
 * ends on its line or not.
 */
static void check_field_limit(const char *s, size_t n,
			      const semm_read_options *opts)
{
	struct csv_parser p;
	size_t longest = 0;

	if (!opts->delimiter)
		return;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		fuzz_die("csv_init failed", NULL);
	csv_set_delim(&p, (unsigned char)opts->delimiter);
	if (csv_parse(&p, s, n, longest_field, NULL, &longest) == n &&
	    csv_fini(&p, longest_field, NULL, &longest) == 0 &&
	    longest > opts->max_field_bytes)
		fuzz_die("a CSV field longer than max_field_bytes was accepted",
			 NULL);
	csv_free(&p);
}

/* Reads the input under one preset (and mapping); returns the set when
 * the read succeeded, else NULL. */
static semm_responses *read_as(const fuzz_fixture *f, semm_preset preset,
			       const semm_mapping *mapping, const char *s,
			       size_t n, uint32_t knobs)
{
	semm_read_options opts;
	semm_responses *r = NULL;
	semm_error err;
	int rc;

	fuzz_read_options(knobs, &opts);
	opts.preset = preset;
	opts.mapping = mapping;
	if (semm_responses_new(&r, f->q, &opts) < 0)
		fuzz_die("semm_responses_new failed", f->name);
	semm_error_clear(&err);
	rc = semm_responses_read_csv_buffer(r, s, n, "fuzz.csv", &err);
	if (rc == SEMM_OK && ((knobs >> 12) & 3u) == 0)
		rc = semm_responses_read_csv_buffer(r, s, n, "again.csv", &err);
	fuzz_walk_rejections(r);
	if (rc == SEMM_OK)
		check_field_limit(s, n, &opts);
	if (rc < 0) {
		semm_responses_free(r);
		return NULL;
	}
	return r;
}

/* Reads under every preset (and, for ISO 23592, the mapping); scores
 * the first read that succeeds: scoring and writing cost far more than
 * reading and do not depend on the layout the rows came from. */
static void run(const fuzz_fixture *f, const semm_mapping *mapping,
		const char *s, size_t n, uint32_t knobs)
{
	size_t p, scored = 0;

	for (p = 0; p <= sizeof(presets) / sizeof(presets[0]); p++) {
		semm_responses *r;

		if (p == sizeof(presets) / sizeof(presets[0]) && !mapping)
			break;
		r = p < sizeof(presets) / sizeof(presets[0])
			    ? read_as(f, presets[p], NULL, s, n, knobs)
			    : read_as(f, SEMM_PRESET_NONE, mapping, s, n,
				      knobs);
		if (r && !scored++)
			fuzz_score_and_write(f->model, f->q, r, knobs);
		semm_responses_free(r);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	uint32_t knobs;

	fuzz_setup();
	knobs = fuzz_knobs(data, size);
	run(fuzz_fixture_get(0), NULL, s, size, knobs);
	run(fuzz_fixture_get(1), fuzz_iso_mapping(), s, size, knobs);
	return 0;
}
