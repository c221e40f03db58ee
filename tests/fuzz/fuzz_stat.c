/*
 * fuzz_stat.c - fuzzes semm_responses_read_stat_buffer (libreadstat:
 * SPSS .sav/.zsav and .por, Stata .dta) against both shipped
 * questionnaires, reading every input as each of the three formats; the
 * first successful read of each questionnaire is then scored and every
 * report written. The preset (none, Qualtrics, LimeSurvey) and the other
 * read options come from the input's hash (see fuzz_common.c).
 *
 * The corpus seeds are the hand-worked respondents in each format
 * (tools/gen_sav ... plain) and the ISO 23592 fixtures of
 * tests/data/exports/.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

static const semm_preset presets[] = { SEMM_PRESET_NONE, SEMM_PRESET_QUALTRICS,
				       SEMM_PRESET_LIMESURVEY };
static const struct {
	semm_stat_format format;
	const char *source;
} formats[] = { { SEMM_STAT_SAV, "fuzz.sav" },
		{ SEMM_STAT_POR, "fuzz.por" },
		{ SEMM_STAT_DTA, "fuzz.dta" } };

static void run(const fuzz_fixture *f, const uint8_t *data, size_t n,
		uint32_t knobs)
{
	size_t k, scored = 0;

	for (k = 0; k < sizeof(formats) / sizeof(formats[0]); k++) {
		semm_read_options opts;
		semm_responses *r = NULL;
		semm_error err;
		int rc;

		fuzz_read_options(knobs, &opts);
		opts.preset = presets[((knobs >> 24) & 3u) % 3];
		if (semm_responses_new(&r, f->q, &opts) < 0)
			fuzz_die("semm_responses_new failed", f->name);
		semm_error_clear(&err);
		rc = semm_responses_read_stat_buffer(
			r, data, n, formats[k].format, formats[k].source, &err);
		if (rc < 0 && (!err.message[0] || strchr(err.message, '\n')))
			fuzz_die("a failed read without a one-line message",
				 err.message);
		fuzz_walk_rejections(r);
		if (rc == SEMM_OK && !scored++)
			fuzz_score_and_write(f->model, f->q, r, knobs);
		semm_responses_free(r);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t knobs;
	size_t i;

	fuzz_setup();
	knobs = fuzz_knobs(data, size);
	for (i = 0; i < FUZZ_FIXTURES; i++)
		run(fuzz_fixture_get(i), data, size, knobs);
	return 0;
}
