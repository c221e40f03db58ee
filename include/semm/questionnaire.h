/*
 * semm/questionnaire.h - questionnaires: answer scales with labels and
 * N/A codes, items mapped to model elements, metadata columns; loaded from
 * "semm-questionnaire/1" JSON and bound to the model they score.
 */
#ifndef SEMM_QUESTIONNAIRE_H
#define SEMM_QUESTIONNAIRE_H

#include <stddef.h>

#include "common.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded questionnaire (opaque). */
typedef struct semm_questionnaire semm_questionnaire;

/** Metadata roles a questionnaire can map to columns. */
typedef enum semm_meta_role {
	SEMM_META_RESPONDENT = 0,
	SEMM_META_ORGANIZATION,
	SEMM_META_UNIT,
	SEMM_META_ROLE,
	SEMM_META_DATE,
	SEMM_META_COUNT
} semm_meta_role;

/**
 * Parses and checks a questionnaire on its own (ids, scales, labels,
 * weights). Element references are resolved later by
 * semm_questionnaire_bind. Ownership and codes as semm_model_from_buffer.
 */
SEMM_API int semm_questionnaire_from_buffer(semm_questionnaire **out,
					    const char *data, size_t len,
					    const char *source,
					    semm_error *err);

/** Reads the file at path and calls semm_questionnaire_from_buffer. */
SEMM_API int semm_questionnaire_from_file(semm_questionnaire **out,
					  const char *path, semm_error *err);

/**
 * Resolves the questionnaire against `model`: the model id and version
 * must match, every item's element must exist, every element must have an
 * item. The model must outlive the questionnaire's use. Returns SEMM_OK or
 * SEMM_EINVALID with err pointing at the item or field at fault.
 */
SEMM_API int semm_questionnaire_bind(semm_questionnaire *q,
				     const semm_model *model, semm_error *err);

/**
 * Checks a questionnaire and, when model is not NULL, binds it to the
 * model, handing every broken rule to fn instead of stopping at the first
 * (unknown elements, elements without items, duplicate ids, repeated
 * labels, ...). Syntax and structure errors, and a model id that does not
 * match, still stop the check (err says where). Returns SEMM_OK when
 * valid, then *out (if out is not NULL) owns the questionnaire, bound
 * when a model was given; SEMM_EINVALID when fn received problems.
 */
SEMM_API int semm_questionnaire_check(const char *data, size_t len,
				      const char *source,
				      const semm_model *model, semm_check_fn fn,
				      void *ctx, semm_questionnaire **out,
				      semm_error *err);

/** Frees a questionnaire; NULL is a no-op. */
SEMM_API void semm_questionnaire_free(semm_questionnaire *q);

SEMM_API const char *semm_questionnaire_id(const semm_questionnaire *q);
SEMM_API const char *semm_questionnaire_version(const semm_questionnaire *q);
/** Id of the model the questionnaire says it scores. */
SEMM_API const char *semm_questionnaire_model_id(const semm_questionnaire *q);
SEMM_API size_t semm_questionnaire_item_count(const semm_questionnaire *q);
SEMM_API const char *semm_questionnaire_item_id(const semm_questionnaire *q,
						size_t i);

/** Column name mapped to a metadata role, or NULL when it has none. */
SEMM_API const char *semm_questionnaire_meta_column(const semm_questionnaire *q,
						    semm_meta_role role);

/**
 * The index of language `code` ("de") among the questionnaire's
 * languages; 0 is the default language (the first listed). Returns
 * SEMM_OK, or SEMM_EARG when the questionnaire has no such language.
 */
SEMM_API int semm_questionnaire_language(const semm_questionnaire *q,
					 const char *code, size_t *index);

/**
 * The number of languages the questionnaire lists in "languages": 0 when
 * it lists none (its texts are then in one unnamed language, and
 * semm_score_options.lang cannot be given).
 */
SEMM_API size_t semm_questionnaire_language_count(const semm_questionnaire *q);

/**
 * Code of listed language i (0 is the default language), or NULL when i
 * is out of range.
 */
SEMM_API const char *
semm_questionnaire_language_code(const semm_questionnaire *q, size_t i);

/** Name of a metadata role ("respondent", "organization", ...). */
SEMM_API const char *semm_meta_role_name(semm_meta_role role);

#ifdef __cplusplus
}
#endif

#endif
