/*
 * init.c - process-wide set-up of the library's dependencies.
 */
#include <gsl/gsl_errno.h>

#include "base/base.h"
#include "base/json.h"

void semm_init(void)
{
	gsl_set_error_handler_off();
	semm__json_init();
}
