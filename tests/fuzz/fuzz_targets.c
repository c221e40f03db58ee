/*
 * fuzz_targets.c - fuzzes semm_targets_from_buffer ("semm-targets/1").
 * Targets that load then score each shipped fixture's responses (gaps,
 * priorities, the improvement list), and every report is written.
 */
#include <stdlib.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	semm_targets *t = NULL;
	semm_error err;
	uint32_t knobs;
	size_t i;
	int rc;

	fuzz_setup();
	semm_error_clear(&err);
	rc = semm_targets_from_buffer(&t, (const char *)data, size, "fuzz.json",
				      &err);
	if ((rc == SEMM_OK) != (t != NULL))
		fuzz_die("semm_targets_from_buffer: return and *out disagree",
			 NULL);
	if (!t)
		return 0;
	knobs = fuzz_knobs(data, size);
	for (i = 0; i < FUZZ_FIXTURES; i++) {
		const fuzz_fixture *f = fuzz_fixture_get(i);
		semm_responses *r = NULL;

		if (semm_responses_new(&r, f->q, NULL) < 0)
			fuzz_die("semm_responses_new failed", f->name);
		if (semm_responses_read_csv_buffer(r, f->csv_text, f->csv_len,
						   "fixture.csv",
						   &err) == SEMM_OK)
			fuzz_score_and_write_targets(f->model, f->q, r, t,
						     knobs);
		semm_responses_free(r);
	}
	semm_targets_free(t);
	return 0;
}
