/*
 * fuzz_mapping_init.c - fuzzes semm_mapping_init_buffer: the input is an
 * export, surveyed against both shipped questionnaires under every preset
 * (reading options from the input's hash, see fuzz_common.c). A stub that
 * is written must
 *   - come out the same bytes a second time;
 *   - be a mapping semm_mapping_check accepts as a structure (rule
 *     problems, such as answers without a value, are allowed);
 *   - when it loads (no answer without a value) and a preset is given,
 *     read the input exactly as the preset alone does: the same outcome
 *     and the same counts of respondents read, scored, rejected and left
 *     out.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

static const semm_preset presets[] = { SEMM_PRESET_NONE, SEMM_PRESET_QUALTRICS,
				       SEMM_PRESET_LIMESURVEY,
				       SEMM_PRESET_GOOGLE_FORMS,
				       SEMM_PRESET_MS_FORMS };

static void ignore(void *ctx, const semm_error *problem)
{
	(void)ctx;
	(void)problem;
}

/* Reads the input; the outcome and the counts into out[0..4]. */
static void read_counts(const fuzz_fixture *f, const semm_read_options *opts,
			const char *s, size_t n, long out[5])
{
	semm_responses *r = NULL;
	semm_error err;

	if (semm_responses_new(&r, f->q, opts) < 0)
		fuzz_die("semm_responses_new failed", f->name);
	semm_error_clear(&err);
	out[0] = semm_responses_read_csv_buffer(r, s, n, "fuzz.csv", &err);
	out[1] = (long)semm_responses_read_count(r);
	out[2] = (long)semm_responses_count(r);
	out[3] = (long)semm_responses_rejected_count(r);
	out[4] = (long)semm_responses_excluded_count(r, SEMM_EXCLUSION_COUNT);
	semm_responses_free(r);
}

static void same_reading(const fuzz_fixture *f, const semm_read_options *opts,
			 const char *stub, const char *s, size_t n)
{
	semm_read_options with = *opts;
	semm_mapping *m = NULL;
	semm_error err;
	long alone[5], mapped[5];

	semm_error_clear(&err);
	if (semm_mapping_from_buffer(&m, stub, strlen(stub), "stub.json",
				     &err) < 0)
		return; /* answers without a value: nothing to compare */
	with.mapping = m;
	read_counts(f, opts, s, n, alone);
	read_counts(f, &with, s, n, mapped);
	if (memcmp(alone, mapped, sizeof(alone)) != 0)
		fuzz_die("the stub read otherwise than its preset alone",
			 f->name);
	semm_mapping_free(m);
}

static void run(const fuzz_fixture *f, semm_preset preset, const char *s,
		size_t n, uint32_t knobs)
{
	semm_read_options opts;
	semm_error err;
	char *stub = NULL, *again = NULL;
	int rc, check;

	fuzz_read_options(knobs, &opts);
	opts.preset = preset;
	semm_error_clear(&err);
	rc = semm_mapping_init_buffer(&stub, f->q, s, n, "fuzz.csv", &opts,
				      &err);
	if ((rc == SEMM_OK) != (stub != NULL))
		fuzz_die("semm_mapping_init_buffer: return and *out disagree",
			 f->name);
	if (!stub)
		return;
	if (semm_mapping_init_buffer(&again, f->q, s, n, "fuzz.csv", &opts,
				     &err) != SEMM_OK ||
	    strcmp(stub, again) != 0)
		fuzz_die("a second stub of the same input differs", f->name);
	check = semm_mapping_check(stub, strlen(stub), "stub.json", f->q,
				   ignore, NULL, NULL, &err);
	if (check != SEMM_OK && check != SEMM_EINVALID)
		fuzz_die("the stub is not a mapping", err.message);
	if (preset != SEMM_PRESET_NONE)
		same_reading(f, &opts, stub, s, n);
	free(again);
	free(stub);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	uint32_t knobs;
	size_t f, p;

	fuzz_setup();
	knobs = fuzz_knobs(data, size);
	for (f = 0; f < FUZZ_FIXTURES; f++) {
		for (p = 0; p < sizeof(presets) / sizeof(presets[0]); p++)
			run(fuzz_fixture_get(f), presets[p], s, size, knobs);
	}
	return 0;
}
