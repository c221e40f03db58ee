/*
 * semm/history.h - the assessment history: an SQLite file that keeps
 * every assessment of one maturity model (each report.json as it was
 * written, byte for byte, and per group and unit the figures that trends
 * and comparisons need), lists and shows them, follows a group's units
 * over the assessments (the change between consecutive ones with Welch's
 * interval and the verdicts of semm compare, and a least-squares trend)
 * and gives each report back. The schema is versioned (docs/FORMATS.md,
 * "History store"); a store of an earlier version is migrated when it is
 * opened. One assessment is added in one transaction: an add that is
 * interrupted leaves nothing of it behind.
 */
#ifndef SEMM_HISTORY_H
#define SEMM_HISTORY_H

#include <stdio.h>

#include "common.h"
#include "compare.h"
#include "stats.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The schema version this library writes (PRAGMA user_version). */
#define SEMM_HISTORY_SCHEMA_VERSION 1

/** An open history store (opaque). */
typedef struct semm_history semm_history;

/** How a store is opened. */
typedef struct semm_history_options {
	unsigned version; /**< SEMM_HISTORY_OPTIONS_VERSION */
	/** Create the file when it does not exist (else SEMM_EIO). */
	int create;
	/** How long a write waits for another process's write, in ms. */
	int busy_timeout_ms;
} semm_history_options;

#define SEMM_HISTORY_OPTIONS_VERSION 1
#define SEMM_HISTORY_OPTIONS_INIT                     \
	{                                             \
		SEMM_HISTORY_OPTIONS_VERSION, 1, 5000 \
	}

/**
 * Opens (or, with opts->create, creates) the store at path; opts NULL
 * takes SEMM_HISTORY_OPTIONS_INIT. A store of an earlier schema version
 * is migrated in one transaction. Refuses a file that is not SQLite, an
 * SQLite file that is not a semm history store, or a store of a newer
 * schema version (SEMM_ESCHEMA); a file that cannot be opened, or a store
 * another process is writing to for longer than the busy timeout, is
 * SEMM_EIO. Returns SEMM_OK, those codes, SEMM_EARG or SEMM_ENOMEM; on
 * failure *out is NULL. Close it with semm_history_close.
 */
SEMM_API int semm_history_open(semm_history **out, const char *path,
			       const semm_history_options *opts,
			       semm_error *err);

/** Closes a store; NULL is a no-op. */
SEMM_API void semm_history_close(semm_history *h);

/** The schema version of the open store (after migration). */
SEMM_API int semm_history_schema_version(const semm_history *h);

/** What is recorded with an assessment besides its report. */
typedef struct semm_history_add_options {
	unsigned version;      /**< SEMM_HISTORY_ADD_OPTIONS_VERSION */
	const char *label;     /**< "2026 wave", or NULL */
	const char *date_from; /**< first response, YYYY-MM-DD, or NULL */
	const char *date_to;   /**< last response, YYYY-MM-DD, or NULL */
	/** when it was added, YYYY-MM-DDTHH:MM:SSZ; NULL: now */
	const char *added;
} semm_history_add_options;

#define SEMM_HISTORY_ADD_OPTIONS_VERSION 1
#define SEMM_HISTORY_ADD_OPTIONS_INIT                                    \
	{                                                                \
		SEMM_HISTORY_ADD_OPTIONS_VERSION, NULL, NULL, NULL, NULL \
	}

/**
 * Records the report report[0..len-1] (a report.json of semm score,
 * named source in messages and in the store) as a new assessment and
 * sets *out_id to its id (1, 2, ... in the order added). Everything is
 * written in one transaction. Refuses a report that is not a complete
 * "semm-report/1" document (SEMM_EPARSE, SEMM_ESCHEMA, with line and
 * column), one of another model, model version or model content than the
 * store's first assessment, a report already in the store, or dates that
 * are not YYYY-MM-DD or run backwards (SEMM_EINVALID); another process
 * writing for longer than the busy timeout is SEMM_EIO ("DB: another semm
 * process is writing; try again"). On failure nothing is recorded.
 */
SEMM_API int semm_history_add_buffer(long long *out_id, semm_history *h,
				     const char *report, size_t len,
				     const char *source,
				     const semm_history_add_options *opts,
				     semm_error *err);

/** Reads the file path and calls semm_history_add_buffer. */
SEMM_API int semm_history_add_file(long long *out_id, semm_history *h,
				   const char *path,
				   const semm_history_add_options *opts,
				   semm_error *err);

/** One assessment as the store lists it. */
typedef struct semm_history_entry {
	long long id;
	const char *label;  /**< NULL when none was given */
	const char *added;  /**< UTC, YYYY-MM-DDTHH:MM:SSZ */
	const char *source; /**< the report's name when added */
	const char *engine_version;
	const char *model_id;
	const char *model_version;
	const char *model_hash; /**< SHA-256, hex (docs/FORMATS.md) */
	const char *questionnaire_id;
	const char *questionnaire_version; /**< NULL when none */
	const char *questionnaire_hash;	   /**< SHA-256, hex */
	const char *report_hash;	   /**< SHA-256 of the report, hex */
	const char *parameters;		   /**< the report's parameters, JSON */
	const char *group_by;		   /**< NULL: one group */
	const char *date_from;		   /**< NULL when not given */
	const char *date_to;		   /**< NULL when not given */
	size_t read, scored, rejected;	   /**< respondents */
	size_t groups;
} semm_history_entry;

/** Every assessment of a store, in the order added (opaque). */
typedef struct semm_history_list semm_history_list;

/** Lists the store's assessments. SEMM_OK, SEMM_EIO or SEMM_ENOMEM. */
SEMM_API int semm_history_list_read(semm_history_list **out, semm_history *h,
				    semm_error *err);
SEMM_API size_t semm_history_list_count(const semm_history_list *l);
SEMM_API const semm_history_entry *
semm_history_list_at(const semm_history_list *l, size_t i);
SEMM_API void semm_history_list_free(semm_history_list *l);

/** A benchmark placement of a unit, as its report gave it. */
typedef struct semm_history_place {
	const char *segmentation; /**< "all" or a --segment-by column */
	const char *segment;	  /**< NULL when not placed */
	double score;		  /**< percent, NAN when none */
	double percentile;	  /**< NAN when not placed */
	double z;		  /**< NAN when not placed */
	long rank;		  /**< 0 when not placed */
	long of;		  /**< peers, 0 when not placed */
	const char *reason;	  /**< why not placed, or NULL */
} semm_history_place;

/** The figures kept of one unit of one group of one assessment. */
typedef struct semm_history_unit {
	const char *group;
	const char *type;      /**< "overall", "dimension" or "element" */
	const char *id;	       /**< "overall" for overall */
	const char *name;      /**< NULL when the report has none */
	const char *dimension; /**< an element's dimension, else NULL */
	size_t n;
	double mean, sd, ci_lo, ci_hi, percent; /**< NAN when none */
	int has_level;
	int level;
	const char *level_name;
	int has_staged_level; /**< overall only */
	int staged_level;
	const char *staged_level_name;
	double alpha; /**< Cronbach's alpha, NAN when none */
	double rwg;   /**< rwg(j), NAN when none */
	const semm_history_place *places;
	size_t n_places;
} semm_history_unit;

/** One assessment with its units (opaque). */
typedef struct semm_history_show semm_history_show;

/**
 * Reads assessment id: its entry and, per group in report order, the
 * overall score, the dimensions and the elements. An unknown id is
 * SEMM_EARG ("DB: no assessment 7 (the store holds 1 to 3)").
 */
SEMM_API int semm_history_show_read(semm_history_show **out, semm_history *h,
				    long long id, semm_error *err);
SEMM_API const semm_history_entry *
semm_history_show_entry(const semm_history_show *s);
SEMM_API size_t semm_history_show_unit_count(const semm_history_show *s);
SEMM_API const semm_history_unit *
semm_history_show_unit_at(const semm_history_show *s, size_t i);
SEMM_API void semm_history_show_free(semm_history_show *s);

/**
 * Gives back the report.json assessment id was added from, byte for
 * byte, in *out (len in *len; a terminating NUL follows, not counted;
 * free it with free()). An unknown id is SEMM_EARG.
 */
SEMM_API int semm_history_export(char **out, size_t *len, semm_history *h,
				 long long id, semm_error *err);

/** One point of a unit's series: the unit in one assessment. */
typedef struct semm_trend_point {
	long long assessment;
	const char *label; /**< NULL when none */
	size_t wave;	   /**< 1, 2, ...: its place among the points */
	size_t n;
	double mean, sd, ci_lo, ci_hi, percent;
	int has_level;
	int level;
	const char *level_name;
} semm_trend_point;

/** One unit of the group over the assessments that have the group. */
typedef struct semm_trend_series {
	const char *type; /**< "overall", "dimension" or "element" */
	const char *id;
	const char *name; /**< from the latest assessment; NULL if none */
	const semm_trend_point *points;
	size_t n_points;
	/** n_points - 1 changes, change i from points[i] to points[i + 1]
	 * as semm compare gives it */
	const semm_compare_unit *changes;
	/** the least-squares line of the mean on the wave number, with the
	 * 95 % interval of its slope (points >= 3) */
	semm_linfit fit;
} semm_trend_series;

/** A group's units over the assessments (opaque). */
typedef struct semm_trend semm_trend;

/**
 * Follows group `group` over the assessments that have it, in the order
 * added: each unit's series (only unit `unit` when not NULL: "overall",
 * a dimension or an element id), the change between consecutive
 * assessments (semm_compare of their reports: difference of means, Welch
 * 95 % interval, verdict, level change) and, with three or more
 * assessments, the least-squares line of the mean on the wave number
 * 1, 2, ... with the 95 % t interval of its slope. A group or unit that
 * no assessment has is SEMM_EARG naming it.
 */
SEMM_API int semm_history_trend(semm_trend **out, semm_history *h,
				const char *group, const char *unit,
				semm_error *err);
SEMM_API const char *semm_trend_group(const semm_trend *t);
SEMM_API size_t semm_trend_series_count(const semm_trend *t);
SEMM_API const semm_trend_series *semm_trend_series_at(const semm_trend *t,
						       size_t i);
/** Warnings of the comparisons (different questionnaires, ...), once. */
SEMM_API size_t semm_trend_warning_count(const semm_trend *t);
SEMM_API const char *semm_trend_warning(const semm_trend *t, size_t i);
SEMM_API void semm_trend_free(semm_trend *t);

/** Output formats of the history's writers. */
typedef enum semm_history_format {
	SEMM_HISTORY_TABLE = 0, /**< aligned text for a terminal */
	SEMM_HISTORY_CSV = 1,
	SEMM_HISTORY_JSON = 2, /**< "semm-history-list/1", ... */
	SEMM_HISTORY_HTML = 3  /**< semm_history_write_trend only */
} semm_history_format;

/** Writes the list to fp. SEMM_OK, SEMM_EIO, or SEMM_EARG for HTML. */
SEMM_API int semm_history_write_list(const semm_history_list *l, FILE *fp,
				     semm_history_format format);

/** Writes an assessment to fp. SEMM_OK, SEMM_EIO, or SEMM_EARG (HTML). */
SEMM_API int semm_history_write_show(const semm_history_show *s, FILE *fp,
				     semm_history_format format);

/** Writes a trend to fp; HTML is a self-contained page with a chart per
 * unit. SEMM_OK or SEMM_EIO. */
SEMM_API int semm_history_write_trend(const semm_trend *t, FILE *fp,
				      semm_history_format format);

#ifdef __cplusplus
}
#endif

#endif
