/*
 * test_helpers.h - shared by the unit tests: loading the test data and
 * comparing doubles with a relative tolerance.
 */
#ifndef SEMM_TEST_HELPERS_H
#define SEMM_TEST_HELPERS_H

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "report/report_int.h"

#define REL_TOL 1e-12

/* Whether got equals want within a relative tolerance (absolute near 0). */
static inline int close_to(double got, double want, double tol)
{
	double scale = fabs(want) > 1 ? fabs(want) : 1;

	return fabs(got - want) <= tol * scale;
}

#define expect_close(got, want)                                      \
	cr_expect(close_to((got), (want), REL_TOL),                  \
		  "%s = %.17g, expected %.17g", #got, (double)(got), \
		  (double)(want))

#define DATA(path) SEMM_SOURCE_DIR "/" path

/*
 * Loads the hand-worked example's model and questionnaire (bound) and
 * reads `responses` with read options ro (NULL: the defaults); asserts
 * every step.
 */
static inline void load_handworked_with(semm_model **m, semm_questionnaire **q,
					semm_responses **r,
					const char *responses,
					const semm_read_options *ro)
{
	semm_error err;

	semm_error_clear(&err);
	cr_assert_eq(semm_model_from_file(
			     m, DATA("tests/data/handworked/model.json"), &err),
		     0, "%s", err.message);
	cr_assert_eq(semm_questionnaire_from_file(
			     q,
			     DATA("tests/data/handworked/questionnaire.json"),
			     &err),
		     0, "%s", err.message);
	cr_assert_eq(semm_questionnaire_bind(*q, *m, &err), 0, "%s",
		     err.message);
	cr_assert_eq(semm_responses_new(r, *q, ro), 0);
	cr_assert_eq(semm_responses_read_path(*r, responses, &err), 0, "%s",
		     err.message);
}

/* Loads the hand-worked example (tests/data/handworked) whole. */
static inline void load_handworked(semm_model **m, semm_questionnaire **q,
				   semm_responses **r)
{
	load_handworked_with(m, q, r,
			     DATA("tests/data/handworked/responses.csv"), NULL);
}

/* Frees what a test loaded and clears the pointers. */
static inline void free_loaded(semm_result **res, semm_responses **r,
			       semm_questionnaire **q, semm_model **m)
{
	semm_result_free(*res);
	semm_responses_free(*r);
	semm_questionnaire_free(*q);
	semm_model_free(*m);
	*res = NULL;
	*r = NULL;
	*q = NULL;
	*m = NULL;
}

#endif
