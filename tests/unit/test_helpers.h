/*
 * test_helpers.h - shared by the unit tests: loading the test data and
 * comparing doubles with a relative tolerance.
 */
#ifndef SEMM_TEST_HELPERS_H
#define SEMM_TEST_HELPERS_H

#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "internal.h"

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

#endif
