/*
 * fuzz_mapping.c - fuzzes semm_mapping_from_buffer ("semm-mapping/1")
 * and semm_mapping_check, which must agree with it when given no
 * questionnaire, and never report problems yet return SEMM_OK (nor
 * SEMM_EINVALID without a problem). A mapping that loads then reads the shipped export it was
 * written for (tests/data/exports/other-tool.csv) against the ISO 23592
 * questionnaire (default reading options); what is read is scored and
 * every report is written.
 */
#include <stdlib.h>

#include "fuzz_common.h"

static void count(void *ctx, const semm_error *problem)
{
	(void)problem;
	(*(size_t *)ctx)++;
}

/* semm_mapping_check against q (may be NULL): returns its code. */
static int checked(const uint8_t *data, size_t size,
		   const semm_questionnaire *q)
{
	semm_mapping *m = NULL;
	semm_error err;
	size_t problems = 0;
	int rc = semm_mapping_check((const char *)data, size, "fuzz.json", q,
				    count, &problems, &m, &err);

	if ((rc == SEMM_OK) != (m != NULL))
		fuzz_die("semm_mapping_check: return and *out disagree", NULL);
	if ((rc == SEMM_OK && problems > 0) ||
	    (rc == SEMM_EINVALID && problems == 0))
		fuzz_die("semm_mapping_check: problems and return disagree",
			 NULL);
	semm_mapping_free(m);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const fuzz_fixture *f;
	semm_mapping *m = NULL;
	semm_read_options defaults = SEMM_READ_OPTIONS_INIT, opts;
	semm_responses *r = NULL;
	semm_error err;
	const char *csv;
	size_t csv_len;
	uint32_t knobs;
	int rc;

	fuzz_setup();
	semm_error_clear(&err);
	rc = semm_mapping_from_buffer(&m, (const char *)data, size, "fuzz.json",
				      &err);
	if ((rc == SEMM_OK) != (m != NULL))
		fuzz_die("semm_mapping_from_buffer: return and *out disagree",
			 NULL);
	if ((checked(data, size, NULL) == SEMM_OK) != (rc == SEMM_OK))
		fuzz_die("semm_mapping_check and semm_mapping_from_buffer "
			 "disagree",
			 NULL);
	f = fuzz_fixture_get(1);
	checked(data, size, f->q);
	if (!m)
		return 0;
	knobs = fuzz_knobs(data, size);
	csv = fuzz_iso_mapped_csv(&csv_len);
	/* the export is fixed: read it with the default options, so that
	 * only the mapping decides whether it reads */
	opts = defaults;
	opts.mapping = m;
	if (semm_responses_new(&r, f->q, &opts) < 0)
		fuzz_die("semm_responses_new failed", f->name);
	rc = semm_responses_read_csv_buffer(r, csv, csv_len, "export.csv",
					    &err);
	fuzz_walk_rejections(r);
	if (rc == SEMM_OK)
		fuzz_score_and_write(f->model, f->q, r, knobs);
	semm_responses_free(r);
	semm_mapping_free(m);
	return 0;
}
