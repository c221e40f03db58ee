/*
 * semm/compare.h - compares two assessments of the same maturity model:
 * reads two report.json files ("semm-report/1"), pairs their groups by id
 * and, for the overall score, each dimension and each element, gives the
 * difference of the group means (after - before) with its Welch 95 %
 * confidence interval, the difference in percent points, a verdict and
 * the change of maturity level. Writes compare.json ("semm-compare/1"),
 * compare.csv and compare.html. Output is deterministic.
 */
#ifndef SEMM_COMPARE_H
#define SEMM_COMPARE_H

#include <stdio.h>

#include "common.h"
#include "stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Two reports and what changed between them (opaque). */
typedef struct semm_compare semm_compare;

/** Two-sided level of the confidence interval of each difference. */
#define SEMM_COMPARE_LEVEL 0.95

/** What the interval of a difference says. */
typedef enum semm_verdict {
	SEMM_VERDICT_IMPROVEMENT = 0,  /**< interval entirely above 0 */
	SEMM_VERDICT_DECLINE = 1,      /**< interval entirely below 0 */
	SEMM_VERDICT_WITHIN_NOISE = 2, /**< interval holds 0 */
	SEMM_VERDICT_INSUFFICIENT = 3  /**< no interval (see the reason) */
} semm_verdict;

/** Number of semm_verdict values. */
#define SEMM_VERDICT_COUNT 4

/** How the maturity level moved. */
typedef enum semm_level_change {
	SEMM_LEVEL_SAME = 0,
	SEMM_LEVEL_UP = 1,
	SEMM_LEVEL_DOWN = 2,
	SEMM_LEVEL_UNKNOWN = 3 /**< a side has no level */
} semm_level_change;

/** One side of a compared unit, as its report gives it. */
typedef struct semm_compare_side {
	size_t n;		/**< respondents with a score */
	double mean;		/**< NAN when the report has none */
	double sd;		/**< NAN when the report has none */
	double percent;		/**< NAN when the report has none */
	int has_level;		/**< 0 when the report's level is null */
	int level;		/**< the level number, when has_level */
	const char *level_name; /**< NULL when the report has none */
} semm_compare_side;

/** One unit (overall, a dimension, an element) of a matched group. */
typedef struct semm_compare_unit {
	const char *group; /**< the group's id */
	const char *type;  /**< "overall", "dimension" or "element" */
	const char *id;	   /**< "overall" for overall */
	const char *name;  /**< "Overall" for overall; NULL when not given */
	const char *dimension; /**< an element's dimension id, else NULL */
	semm_compare_side before;
	semm_compare_side after;
	/** diff = after.mean - before.mean, its se, df and interval. */
	semm_welch diff;
	double percent_points; /**< after.percent - before.percent, or NAN */
	semm_verdict verdict;
	const char *reason; /**< why the verdict is insufficient, or NULL */
	semm_level_change level_change;
} semm_compare_unit;

/** Which files semm_compare_write_dir writes (or them together). */
#define SEMM_COMPARE_JSON 1u
#define SEMM_COMPARE_CSV 2u
#define SEMM_COMPARE_HTML 4u
#define SEMM_COMPARE_ALL 7u

/**
 * Reads two reports, before[0..before_len-1] and after[0..after_len-1],
 * named before_name and after_name in messages (NULL: "<before>",
 * "<after>"), and compares them. Refuses (with err naming the file, line
 * and column) text that is not JSON (SEMM_EPARSE), a document that is not
 * a "semm-report/1" report or lacks a member the comparison needs
 * (SEMM_ESCHEMA), and reports of different models or model versions
 * (SEMM_EINVALID). Groups are matched by id; groups of one side only are
 * listed as unmatched. Returns SEMM_OK, those codes or SEMM_ENOMEM; on
 * failure *out is NULL. The result copies what it needs: the texts may
 * be freed after the call. Free it with semm_compare_free.
 */
SEMM_API int semm_compare_from_buffers(semm_compare **out, const char *before,
				       size_t before_len,
				       const char *before_name,
				       const char *after, size_t after_len,
				       const char *after_name, semm_error *err);

/**
 * Reads the files before_path and after_path and calls
 * semm_compare_from_buffers with their paths as names. A file that cannot
 * be read is SEMM_EIO.
 */
SEMM_API int semm_compare_from_files(semm_compare **out,
				     const char *before_path,
				     const char *after_path, semm_error *err);

/** Frees a comparison; NULL is a no-op. */
SEMM_API void semm_compare_free(semm_compare *c);

/** Compared units: for each matched group, overall, dimensions, elements. */
SEMM_API size_t semm_compare_unit_count(const semm_compare *c);

/** The i-th compared unit (NULL when i is out of range). */
SEMM_API const semm_compare_unit *semm_compare_unit_at(const semm_compare *c,
						       size_t i);

/** Groups present in both reports. */
SEMM_API size_t semm_compare_group_count(const semm_compare *c);

/**
 * Groups of only one report: after == 0 counts those only in the before
 * report, after != 0 those only in the after report.
 */
SEMM_API size_t semm_compare_unmatched_count(const semm_compare *c, int after);

/** The i-th unmatched group id of that side (NULL when out of range). */
SEMM_API const char *semm_compare_unmatched(const semm_compare *c, int after,
					    size_t i);

/**
 * Warnings about the comparison as one sentence each: the reports differ
 * in questionnaire, grouping, scoring parameters or score scale.
 */
SEMM_API size_t semm_compare_warning_count(const semm_compare *c);
SEMM_API const char *semm_compare_warning(const semm_compare *c, size_t i);

/** Units with the verdict v. */
SEMM_API size_t semm_compare_verdict_count(const semm_compare *c,
					   semm_verdict v);

/** The verdict in words: "improvement", "decline", "within noise", ... */
SEMM_API const char *semm_verdict_name(semm_verdict v);

/** "same", "up", "down", or NULL for SEMM_LEVEL_UNKNOWN. */
SEMM_API const char *semm_level_change_name(semm_level_change c);

/**
 * Sets the language compare.html is written in: "en" or "de" (any case,
 * with or without a region, "de-AT"), or NULL for the default: the
 * language both reports were scored in (their parameters.lang) when they
 * agree and semm writes it, English otherwise. The page's own text and
 * its numbers follow it; the names of dimensions, elements and levels are
 * those the reports carry. Returns SEMM_OK, or SEMM_EARG (err says why)
 * for a language semm does not write, leaving the setting as it was.
 */
SEMM_API int semm_compare_set_lang(semm_compare *c, const char *code,
				   semm_error *err);

/** The code of the language compare.html is written in: "en" or "de". */
SEMM_API const char *semm_compare_lang(const semm_compare *c);

/** Writes compare.json ("semm-compare/1") to fp. SEMM_OK or SEMM_EIO. */
SEMM_API int semm_compare_write_json(const semm_compare *c, FILE *fp);

/** Writes compare.csv (one row per group x unit) to fp. */
SEMM_API int semm_compare_write_csv(const semm_compare *c, FILE *fp);

/**
 * Writes compare.html to fp, in the language of semm_compare_lang: a
 * self-contained page (no scripts, nothing fetched) with what is
 * compared, a summary per group, per group a chart of the elements'
 * changes with their intervals and a table of every figure.
 * SEMM_OK or SEMM_EIO.
 */
SEMM_API int semm_compare_write_html(const semm_compare *c, FILE *fp);

/**
 * Writes the files chosen by `formats` (SEMM_COMPARE_JSON, _CSV, _HTML,
 * or-ed; 0 is SEMM_EARG) into dir, which must exist: each to a temporary
 * file in dir, renamed into place only when all are complete; on failure
 * no new file is left behind and err names the file. Returns SEMM_OK,
 * SEMM_EIO, SEMM_ENOMEM or SEMM_EARG.
 */
SEMM_API int semm_compare_write_dir(const semm_compare *c, const char *dir,
				    unsigned formats, semm_error *err);

#ifdef __cplusplus
}
#endif

#endif
