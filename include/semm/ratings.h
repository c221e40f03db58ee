/*
 * semm/ratings.h - assessor ratings with evidence ("semm-ratings/1"):
 * for one organization, one or more assessors rate elements of the
 * model on its level scale (or as a percent), each with evidence text,
 * document references and a date. A scored result takes them in beside
 * the survey (semm_result_add_ratings): per element each assessor's
 * rating, their mean, the survey's figure and where they disagree, and
 * the agreement between assessors (Krippendorff's alpha, ICC(2,1) and
 * ICC(2,k)).
 */
#ifndef SEMM_RATINGS_H
#define SEMM_RATINGS_H

#include <stddef.h>

#include "common.h"
#include "model.h"
#include "score.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One organization's ratings (opaque). */
typedef struct semm_ratings semm_ratings;

/**
 * Parses a ratings file against model (its element ids and levels):
 * {"format": "semm-ratings/1", "model": "<model id>", "organization":
 * "ORG", "assessors": [{"id", "name", "role": "internal"|"external"}],
 * "ratings": [{"assessor", "element", "level" | "percent", "evidence",
 * "documents": [...], "date": "YYYY-MM-DD"}]}. docs/FORMATS.md has the
 * rules. Returns SEMM_OK, SEMM_EPARSE, SEMM_ESCHEMA, SEMM_EINVALID (err
 * names the file, line, column and JSON path) or SEMM_ENOMEM.
 */
SEMM_API int semm_ratings_from_buffer(semm_ratings **out,
				      const semm_model *model, const char *data,
				      size_t len, const char *source,
				      semm_error *err);

/** Reads the file at path and calls semm_ratings_from_buffer. */
SEMM_API int semm_ratings_from_file(semm_ratings **out, const semm_model *model,
				    const char *path, semm_error *err);

/**
 * As semm_ratings_from_buffer, but hands every rule problem to fn (as
 * semm_model_check does) and goes on. Returns SEMM_OK when the file is
 * valid (then *out, if out is not NULL, owns it), SEMM_EINVALID when fn
 * received problems, or the error's code.
 */
SEMM_API int semm_ratings_check(const char *data, size_t len,
				const char *source, const semm_model *model,
				semm_check_fn fn, void *ctx, semm_ratings **out,
				semm_error *err);

/**
 * The model id a ratings file names (its "model" member) into id (cap
 * bytes), so that a caller can find the model to read it against.
 * Returns SEMM_OK, SEMM_EPARSE, SEMM_ESCHEMA (not a semm-ratings/1 file,
 * no "model" string, an id longer than cap - 1) or SEMM_ENOMEM.
 */
SEMM_API int semm_ratings_model_of(const char *data, size_t len,
				   const char *source, char *id, size_t cap,
				   semm_error *err);

/** Frees ratings; NULL is a no-op. */
SEMM_API void semm_ratings_free(semm_ratings *r);

/** The organization rated. */
SEMM_API const char *semm_ratings_organization(const semm_ratings *r);
/** The model id the file names. */
SEMM_API const char *semm_ratings_model_id(const semm_ratings *r);
SEMM_API size_t semm_ratings_assessor_count(const semm_ratings *r);
SEMM_API size_t semm_ratings_count(const semm_ratings *r);

/** How ratings join a result; start from SEMM_RATINGS_OPTIONS_INIT. */
typedef struct semm_ratings_options {
	unsigned version; /**< SEMM_RATINGS_OPTIONS_VERSION */
	/**
	 * An assessor's level and the survey's level of an element
	 * disagree when they are this many levels apart or more.
	 */
	unsigned disagree_levels;
	/** Bootstrap resamples of Krippendorff's alpha (0: none). */
	size_t boot_replications;
	/** The seed of the bootstrap's generator (gsl_rng_mt19937). */
	unsigned long boot_seed;
	/** Two-sided level of the intervals (0.95 for 95 %). */
	double level;
} semm_ratings_options;

#define SEMM_RATINGS_OPTIONS_VERSION 1
/** Default of semm_ratings_options.disagree_levels. */
#define SEMM_RATINGS_DISAGREE_LEVELS 1
/** Default of semm_ratings_options.boot_replications. */
#define SEMM_RATINGS_BOOT_REPLICATIONS 2000
/** Default of semm_ratings_options.boot_seed (the TS's number). */
#define SEMM_RATINGS_BOOT_SEED 19387ul
#define SEMM_RATINGS_OPTIONS_INIT                                           \
	{                                                                   \
		SEMM_RATINGS_OPTIONS_VERSION, SEMM_RATINGS_DISAGREE_LEVELS, \
			SEMM_RATINGS_BOOT_REPLICATIONS,                     \
			SEMM_RATINGS_BOOT_SEED, 0.95                        \
	}

/**
 * Joins the ratings sets[0..n-1] (one organization each, all for the
 * result's model) to a scored result, once. The result borrows the
 * sets: they must outlive it. When the result has groups, every rated
 * organization must be one of them (the ids compared exactly); with no
 * groups (ratings alone) each organization stands on its own. Computes
 * per organization and element each assessor's rating, their mean, the
 * survey's percent and level and the disagreements, the agreement
 * between assessors, and adds disagreement findings. Returns SEMM_OK,
 * SEMM_EARG (another model, an organization rated twice or not among
 * the groups, options out of range, ratings already joined; err says
 * which) or SEMM_ENOMEM.
 */
SEMM_API int semm_result_add_ratings(semm_result *res,
				     const semm_ratings *const *sets, size_t n,
				     const semm_ratings_options *opts,
				     semm_error *err);

/** Rated organizations of the result (0 without ratings). */
SEMM_API size_t semm_result_rated_count(const semm_result *res);

#ifdef __cplusplus
}
#endif

#endif
