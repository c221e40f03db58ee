/*
 * fuzz_json_responses.c - fuzzes semm_responses_read_json_buffer against
 * both shipped questionnaires, then scores what was read and writes
 * every report. Options come from the input's hash (see fuzz_common.c).
 */
#include <stdlib.h>

#include "fuzz_common.h"

static void run(const fuzz_fixture *f, const char *s, size_t n, uint32_t knobs)
{
	semm_read_options opts;
	semm_responses *r = NULL;
	semm_error err;
	int rc;

	fuzz_read_options(knobs, &opts);
	if (semm_responses_new(&r, f->q, &opts) < 0)
		fuzz_die("semm_responses_new failed", f->name);
	semm_error_clear(&err);
	rc = semm_responses_read_json_buffer(r, s, n, "fuzz.json", &err);
	if (rc == SEMM_OK && ((knobs >> 12) & 3u) == 0)
		rc = semm_responses_read_json_buffer(r, s, n, "again.json",
						     &err);
	fuzz_walk_rejections(r);
	if (rc == SEMM_OK)
		fuzz_score_and_write(f->model, f->q, r, knobs);
	semm_responses_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t knobs;
	size_t i;

	fuzz_setup();
	knobs = fuzz_knobs(data, size);
	for (i = 0; i < FUZZ_FIXTURES; i++)
		run(fuzz_fixture_get(i), (const char *)data, size, knobs);
	return 0;
}
