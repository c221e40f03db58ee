/*
 * fuzz_ratings.c - fuzzes semm_ratings_from_buffer ("semm-ratings/1")
 * against each fixture's model. Ratings that load are joined to the
 * fixture's scored responses (when the organization is one of its
 * groups) and to a result without responses, and written: report.json
 * and ratings.csv.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"

static void join_and_write(const fuzz_fixture *f, const semm_ratings *rt,
			   int with_rows, uint32_t knobs)
{
	semm_ratings_options o = SEMM_RATINGS_OPTIONS_INIT;
	semm_responses *r = NULL;
	semm_result *res = NULL;
	semm_error err;
	FILE *null;

	semm_error_clear(&err);
	if (semm_responses_new(&r, f->q, NULL) < 0)
		fuzz_die("semm_responses_new failed", f->name);
	if (with_rows &&
	    semm_responses_read_csv_buffer(r, f->csv_text, f->csv_len,
					   "fixture.csv", &err) < 0)
		goto done;
	if (semm_score_run(&res, f->model, f->q, r, NULL, &err) < 0)
		goto done;
	o.boot_replications = knobs & 31u; /* a few resamples */
	o.disagree_levels = 1 + ((knobs >> 5) & 1u);
	if (semm_result_add_ratings(res, &rt, 1, &o, &err) == SEMM_OK) {
		null = fopen("/dev/null", "w");
		if (!null)
			fuzz_die("cannot open /dev/null", NULL);
		semm_report_write_json(res, null);
		semm_report_write_ratings_csv(res, null);
		fclose(null);
	}
done:
	semm_result_free(res);
	semm_responses_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t knobs;
	size_t i;

	fuzz_setup();
	knobs = fuzz_knobs(data, size);
	for (i = 0; i < FUZZ_FIXTURES; i++) {
		const fuzz_fixture *f = fuzz_fixture_get(i);
		semm_ratings *rt = NULL;
		semm_error err;
		int rc;

		semm_error_clear(&err);
		rc = semm_ratings_from_buffer(&rt, f->model, (const char *)data,
					      size, "fuzz.json", &err);
		if ((rc == SEMM_OK) != (rt != NULL))
			fuzz_die("semm_ratings_from_buffer: return and *out "
				 "disagree",
				 f->name);
		if (!rt)
			continue;
		join_and_write(f, rt, 1, knobs);
		join_and_write(f, rt, 0, knobs);
		semm_ratings_free(rt);
	}
	return 0;
}
