/*
 * semm/model.h - maturity models: dimensions, elements, weights, level
 * bands and the scoring defaults, loaded from "semm-model/1" JSON.
 */
#ifndef SEMM_MODEL_H
#define SEMM_MODEL_H

#include <stddef.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded, validated maturity model (opaque). */
typedef struct semm_model semm_model;

/** How N/A and don't-know answers are scored. */
typedef enum semm_na_policy {
	SEMM_NA_EXCLUDE = 0, /**< missing; remaining weights renormalised */
	SEMM_NA_ANCHOR = 1,  /**< counted at the model's anchor percent */
	SEMM_NA_ZERO = 2     /**< counted as the scale minimum */
} semm_na_policy;

/**
 * Parses and validates a model from data[0..len-1]. `source` names the
 * data in error messages (a file name). On success *out owns the model
 * (free with semm_model_free); on failure *out is NULL, err says where
 * and what, and the return is SEMM_EPARSE, SEMM_ESCHEMA, SEMM_EINVALID or
 * SEMM_ENOMEM.
 */
SEMM_API int semm_model_from_buffer(semm_model **out, const char *data,
				    size_t len, const char *source,
				    semm_error *err);

/**
 * Checks a model, handing every broken rule to fn (each with source,
 * line, column and JSON path) instead of stopping at the first. Syntax
 * and structure errors still stop the check (err says where). Returns
 * SEMM_OK when the model is valid, then *out (if out is not NULL) owns
 * it; SEMM_EINVALID when fn received problems; or the error's code.
 */
SEMM_API int semm_model_check(const char *data, size_t len, const char *source,
			      semm_check_fn fn, void *ctx, semm_model **out,
			      semm_error *err);

/** Reads the file at path and calls semm_model_from_buffer. */
SEMM_API int semm_model_from_file(semm_model **out, const char *path,
				  semm_error *err);

/** Frees a model; NULL is a no-op. */
SEMM_API void semm_model_free(semm_model *model);

SEMM_API const char *semm_model_id(const semm_model *model);
SEMM_API const char *semm_model_version(const semm_model *model);
SEMM_API const char *semm_model_title(const semm_model *model);
SEMM_API size_t semm_model_dimension_count(const semm_model *model);
SEMM_API size_t semm_model_element_count(const semm_model *model);
SEMM_API size_t semm_model_level_count(const semm_model *model);

/**
 * The number of languages the model's texts are in: 1 for a model that
 * lists no "languages" (its texts are then in "en").
 */
SEMM_API size_t semm_model_language_count(const semm_model *model);

/**
 * Code of language i ("en", "de"); 0 is the model's default language,
 * the one its plain texts are in. NULL when i is out of range.
 */
SEMM_API const char *semm_model_language(const semm_model *model, size_t i);

/** Element i's id (0 <= i < element count), in model order. */
SEMM_API const char *semm_model_element_id(const semm_model *model, size_t i);

/** Name of the N/A policy ("exclude", "anchor", "zero"). */
SEMM_API const char *semm_na_policy_name(semm_na_policy policy);

/** Parses a policy name; returns SEMM_OK or SEMM_EARG. */
SEMM_API int semm_na_policy_parse(const char *name, semm_na_policy *out);

#ifdef __cplusplus
}
#endif

#endif
