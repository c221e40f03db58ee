/*
 * semm/output.h - the files semm writes into an output folder: their
 * names, and whether a run's inputs are among them. A run leaves the
 * folder holding exactly its own set of files: files of an earlier run
 * that this run does not write are removed in the same all-or-nothing
 * step, and files that semm never writes are left alone.
 */
#ifndef SEMM_OUTPUT_H
#define SEMM_OUTPUT_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The kinds of output folder. */
typedef enum semm_output_kind {
	SEMM_OUTPUT_REPORT = 0, /* semm score and semm merge */
	SEMM_OUTPUT_COMPARE = 1 /* semm compare */
} semm_output_kind;

/**
 * The names of every file semm may write into a folder of that kind
 * (in a fixed order); *n is set to their count. Returns NULL (and *n = 0)
 * for an unknown kind.
 */
SEMM_API const char *const *semm_output_names(semm_output_kind kind, size_t *n);

/** The lock file a run holds in its output folder (flock, exclusive). */
#define SEMM_OUTPUT_LOCK ".semm.lock"

/**
 * Writes into buf the path of the temporary file this process uses for
 * file `name` while writing into dir (DIR/.NAME.PID), so that a signal
 * handler can remove it. Returns SEMM_OK, or SEMM_ELIMIT when it does
 * not fit in len bytes.
 */
SEMM_API int semm_output_temp_path(char *buf, size_t len, const char *dir,
				   const char *name);

#ifdef __cplusplus
}
#endif

#endif
