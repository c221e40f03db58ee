/*
 * semm/report.h - report writers: report.json ("semm-report/1"), the
 * CSV files, report.html and report.xlsx. Writers only read a result;
 * output is deterministic (same input, same bytes).
 */
#ifndef SEMM_REPORT_H
#define SEMM_REPORT_H

#include <stdio.h>

#include "common.h"
#include "score.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Writes report.json to fp. Returns SEMM_OK or SEMM_EIO. */
SEMM_API int semm_report_write_json(const semm_result *res, FILE *fp);

/** Writes scores.csv (one row per group x unit) to fp. */
SEMM_API int semm_report_write_scores_csv(const semm_result *res, FILE *fp);

/** Writes respondents.csv (one row per scored respondent) to fp. */
SEMM_API int semm_report_write_respondents_csv(const semm_result *res,
					       FILE *fp);

/**
 * Writes reliability.csv to fp: Cronbach's alpha of every element and
 * dimension, pooled and per group, one row per item with its alpha if
 * deleted and corrected item-total correlation.
 */
SEMM_API int semm_report_write_reliability_csv(const semm_result *res,
					       FILE *fp);

/**
 * Writes across_groups.csv to fp: the one-way ANOVA, ICC(1) and ICC(2) of
 * the overall, dimension and element scores across groups, with the
 * ICCs' intervals, random group resampling and the aggregation verdict.
 */
SEMM_API int semm_report_write_across_groups_csv(const semm_result *res,
						 FILE *fp);

/**
 * Writes aggregation.csv to fp: per group, overall, dimension and
 * element, the agreement indices rwg(j) (under the chosen null), r*wg(j),
 * AD_M(j), AD_Md(j) with their cut-off, and a_wg(j).
 */
SEMM_API int semm_report_write_aggregation_csv(const semm_result *res,
					       FILE *fp);

/**
 * Writes improvements.csv to fp: per group, the elements below their
 * target by priority, with what the next level looks like.
 */
SEMM_API int semm_report_write_improvements_csv(const semm_result *res,
						FILE *fp);

/**
 * Writes benchmark.csv: one row per group and unit (overall, dimensions,
 * elements) with the group's percent score and its percentile rank,
 * z-score and rank among all peers and in each segmentation. SEMM_EARG
 * when the result has no benchmark (semm_score_options.benchmark).
 */
SEMM_API int semm_report_write_benchmark_csv(const semm_result *res, FILE *fp);

/**
 * Writes the assessment as one self-contained HTML5 page to fp, for people
 * to read on screen or print: model, questionnaire, counts and parameters;
 * the groups with a benchmark; per group a radar chart of the element
 * percents (with the peer median and any targets), dimension and element
 * tables with reliability and agreement, the staged level and its limiting
 * elements, an item heat map and warnings; the rejected respondents, the
 * differences between groups and the methods. Styles and charts are
 * inline (no script, nothing fetched); text from the input files is
 * HTML-escaped; the output is deterministic. Returns SEMM_OK, SEMM_EIO
 * when writing fails or SEMM_ENOMEM.
 */
SEMM_API int semm_report_write_html(const semm_result *res, FILE *fp);

/**
 * Writes the assessment as an Excel workbook (Office Open XML, .xlsx) to
 * fp: a Summary sheet (model, questionnaire, respondent counts, each
 * group's overall score, level and staged level), one sheet per table of
 * the CSV files (Scores, Respondents when the rows were kept and the
 * result is not a summary, Reliability, Across groups, Improvements,
 * Benchmark when benchmarking) and Methods (the parameters and methods
 * of report.json as label and value rows). Numbers are numeric cells,
 * missing values empty cells; header rows are frozen and filtered. A
 * sheet holds at most 1,048,576 rows: the rows of a longer table that do
 * not fit are left out and a last row says how many (the CSV files have
 * them all). The workbook is assembled in a scratch file in $TMPDIR (or
 * /tmp) and copied to fp; the output is deterministic. Returns SEMM_OK,
 * SEMM_EIO when writing fails or SEMM_ENOMEM.
 */
SEMM_API int semm_report_write_xlsx(const semm_result *res, FILE *fp);

/**
 * Writes ratings.csv to fp: one row per rated organization x element x
 * assessor (semm_result_add_ratings) with the rating, the assessors'
 * mean, the survey's percent and level, how many levels apart they are,
 * the date, the evidence and the documents (joined by " | "); only the
 * header row without ratings. Returns SEMM_OK, SEMM_EIO or SEMM_ENOMEM.
 */
SEMM_API int semm_report_write_ratings_csv(const semm_result *res, FILE *fp);

/** Report formats, for semm_report_write_dir_formats. */
enum {
	SEMM_REPORT_JSON = 1, /**< report.json */
	SEMM_REPORT_CSV = 2,  /**< scores, respondents, reliability,
			       *   across_groups and improvements CSV */
	SEMM_REPORT_HTML = 4, /**< report.html */
	SEMM_REPORT_XLSX = 8, /**< report.xlsx */
	SEMM_REPORT_ALL = 15
};

/**
 * Writes the reports of the given formats into dir (which must exist),
 * all or nothing: each file goes to a temporary file in dir, and all are
 * renamed into place only when every one is complete; files they replace
 * are put back if a rename fails. Returns SEMM_OK, SEMM_EARG, SEMM_EIO or
 * SEMM_ENOMEM with err naming the file.
 */
SEMM_API int semm_report_write_dir_formats(const semm_result *res,
					   const char *dir, unsigned formats,
					   semm_error *err);

/** How semm_report_write writes a report folder. */
typedef struct semm_report_options {
	unsigned int version; /**< SEMM_REPORT_OPTIONS_VERSION */
	unsigned int formats; /**< SEMM_REPORT_* bits */
	/** The assessment's title on the cover; NULL: the model's title. */
	const char *title;
	/** The client the assessment is made for (cover), or NULL. */
	const char *client;
	/** Who made the assessment (cover), or NULL. */
	const char *assessor;
	/** A PNG, JPEG, GIF or SVG file shown on the cover (embedded in
	 * report.html as data), or NULL. */
	const char *logo;
	/** Also one report per organization, for the organization only:
	 * groups/<safe-id>/ with its report.html, report.json and
	 * scores.csv, without any other organization's name or score. */
	int per_group;
} semm_report_options;

#define SEMM_REPORT_OPTIONS_VERSION 1
#define SEMM_REPORT_OPTIONS_INIT                                               \
	{                                                                      \
		SEMM_REPORT_OPTIONS_VERSION,                                   \
			SEMM_REPORT_JSON | SEMM_REPORT_CSV | SEMM_REPORT_HTML, \
			NULL, NULL, NULL, NULL, 0                              \
	}

/**
 * Writes a result's report files into folder dir, all or nothing, as opts
 * asks (NULL: SEMM_REPORT_OPTIONS_INIT). Returns SEMM_OK or an error
 * code with err filled in (an unreadable logo is an error before
 * anything is written).
 */
SEMM_API int semm_report_write(const semm_result *res, const char *dir,
			       const semm_report_options *opts,
			       semm_error *err);

/**
 * Writes report.html with the cover texts of opts (may be NULL); group
 * >= 0 writes the participant's report of that group only (no other
 * organization named), -1 the full report. A logo is read from its
 * file; err says why when it cannot be.
 */
SEMM_API int semm_report_write_html_ext(const semm_result *res, FILE *fp,
					const semm_report_options *opts,
					long group, semm_error *err);

/** semm_report_write_dir_formats with JSON and CSV. */
SEMM_API int semm_report_write_dir(const semm_result *res, const char *dir,
				   semm_error *err);

#ifdef __cplusplus
}
#endif

#endif
