/*
 * semm/targets.h - targets per element, as a maturity level or a percent
 * of the scale, from the model, a targets file ("semm-targets/1") or the
 * command line; scoring turns them into gaps, priorities and an ordered
 * improvement list.
 */
#ifndef SEMM_TARGETS_H
#define SEMM_TARGETS_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A set of targets (opaque). */
typedef struct semm_targets semm_targets;

/** Creates an empty set. Returns SEMM_OK or SEMM_ENOMEM. */
SEMM_API int semm_targets_new(semm_targets **out);

/**
 * Parses a targets file:
 * {"format": "semm-targets/1", "targets": {"E1": {"level": 4},
 *  "E3": {"percent": 70}, "*": {"level": 3}}} ("*" stands for every
 * element without a target of its own). Codes as semm_model_from_buffer.
 */
SEMM_API int semm_targets_from_buffer(semm_targets **out, const char *data,
				      size_t len, const char *source,
				      semm_error *err);

/** Reads the file at path and calls semm_targets_from_buffer. */
SEMM_API int semm_targets_from_file(semm_targets **out, const char *path,
				    semm_error *err);

/**
 * Adds one target written as ELEMENT=LEVEL with an "L" ("E1=L4") or as
 * ELEMENT=PERCENT ("E3=70"); ELEMENT may be "*". A later target for the
 * same element replaces the earlier. Returns SEMM_OK, SEMM_EARG (err says
 * what is wrong with spec) or SEMM_ENOMEM.
 */
SEMM_API int semm_targets_add(semm_targets *t, const char *spec,
			      semm_error *err);

/** Frees a set; NULL is a no-op. */
SEMM_API void semm_targets_free(semm_targets *t);

#ifdef __cplusplus
}
#endif

#endif
