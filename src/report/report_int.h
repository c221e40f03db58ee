/*
 * report_int.h - the writers (src/report): the streaming JSON writer and
 * safe CSV cells (jsonw.c), writing a set of files all or nothing
 * (outfiles.c) and the blocks that report.json, merged reports and
 * benchmark files share (report_stats.c, report_bench.c). Private to the
 * library.
 */
#ifndef SEMM_REPORT_INT_H
#define SEMM_REPORT_INT_H

#include "score/bench.h"

/* ---- JSON and CSV output (jsonw.c) ------------------------------------- */

#define SEMM__JW_DEPTH 32

/** A scalar that a writer in pairs mode hands over instead of writing. */
typedef struct semm__jw_value {
	char type;	  /* 's' string, 'n' number, 'b' boolean, 'z' null */
	const char *text; /* the string */
	double number;	  /* the number; a boolean's 0 or 1 */
} semm__jw_value;

/**
 * Takes each scalar of a writer in pairs mode with its path from the
 * top-level value: keys joined by dots, array places as [i]
 * ("methods.reliability.ci95", "parameters.inputs[0]").
 */
typedef void (*semm__jw_pair_fn)(void *ctx, const char *path,
				 const semm__jw_value *v);

/** A streaming, indenting JSON writer; errors are sticky in `failed`. */
typedef struct semm__jw {
	FILE *fp;
	int depth;
	int has_items[SEMM__JW_DEPTH];
	int failed;
	int compact; /* one line, no indentation (2: a blank after each
		      * comma); may change between values */
	size_t len;  /* bytes in buf, handed to fp when full and at the end
		      * of each top-level value */
	char buf[16384];
	/* pairs mode: with pair set, nothing is written and fp is unused;
	 * each scalar goes to pair(pair_ctx, path, value) */
	semm__jw_pair_fn pair;
	void *pair_ctx;
	const char *keys[SEMM__JW_DEPTH]; /* the key of each open value */
	size_t places[SEMM__JW_DEPTH];	  /* values so far in each */
	size_t place[SEMM__JW_DEPTH];	  /* each one's place in its parent */
	char brackets[SEMM__JW_DEPTH];
} semm__jw;

void semm__jw_open(semm__jw *w, const char *key, char bracket);
void semm__jw_close(semm__jw *w, char bracket);
void semm__jw_string(semm__jw *w, const char *key, const char *s);
/** A number with up to 15 significant digits; NAN is written as null. */
void semm__jw_number(semm__jw *w, const char *key, double v);
void semm__jw_size(semm__jw *w, const char *key, size_t v);
void semm__jw_u64(semm__jw *w, const char *key, uint64_t v);
/** A number that reads back to the same double (%.17g); NAN is null. */
void semm__jw_exact(semm__jw *w, const char *key, double v);
void semm__jw_bool(semm__jw *w, const char *key, int v);
void semm__jw_null(semm__jw *w, const char *key);

/** Formats v as the writers do ("" for NAN). */
void semm__format_number(double v, char *buf, size_t len);

/**
 * Writes one CSV text cell, quoted when needed; a cell that a spreadsheet
 * would run as a formula gets a leading apostrophe.
 */
void semm__csv_text(FILE *fp, const char *s);

/** Whether a cell starting with c would run as a spreadsheet formula. */
int semm__csv_formula_start(char c);

/* ---- tables: the rows of the CSV files and of report.xlsx (table.c) --- */

/** What a column holds: its cells' type and how a spreadsheet shows it. */
typedef enum semm__col {
	SEMM__COL_TEXT,	   /* text */
	SEMM__COL_COUNT,   /* whole numbers: n, k, lines, levels, ranks */
	SEMM__COL_SCORE,   /* on the score scale (two decimals) */
	SEMM__COL_PERCENT, /* percent of scale, 0..100 (one decimal) */
	SEMM__COL_POINTS,  /* percentage points and the like (one decimal) */
	SEMM__COL_STAT	   /* coefficients: alpha, r, rwg, ICC, z, p, F */
} semm__col;

/**
 * Where a table's cells go when not to a CSV stream (report_xlsx.c).
 * Each returns SEMM_OK or a negative code; the table keeps the first.
 */
typedef struct semm__tab_sink {
	int (*column)(void *ctx, const char *name, semm__col kind);
	int (*text)(void *ctx, const char *s); /* NULL: an empty cell */
	int (*number)(void *ctx, double v);    /* NAN: an empty cell */
	int (*end_row)(void *ctx);
} semm__tab_sink;

/**
 * A table being written: a header row of columns, then rows of cells,
 * as CSV text to fp or as cells to a sink. The table builders of
 * report_csv.c and report_bench.c write through it, so that scores.csv
 * and the Scores sheet are the same rows.
 */
typedef struct semm__tab {
	FILE *fp; /* CSV to fp; NULL: cells to sink */
	const semm__tab_sink *sink;
	void *ctx;	 /* for sink */
	size_t cells;	 /* written in the current row */
	int rc;		 /* the first error of the sink */
	semm__buf words; /* a words cell joined, for a sink */
} semm__tab;

/** Starts a table written as CSV text to fp. */
void semm__tab_init_csv(semm__tab *t, FILE *fp);
/** Starts a table written to a sink. */
void semm__tab_init_sink(semm__tab *t, const semm__tab_sink *sink, void *ctx);
/** A header cell: the column's name and what it holds. */
void semm__tab_column(semm__tab *t, const char *name, semm__col kind);
/** A text cell; NULL or "" is an empty cell. */
void semm__tab_text(semm__tab *t, const char *s);
/** A number cell; NAN (or infinite) is an empty cell. */
void semm__tab_number(semm__tab *t, double v);
void semm__tab_numbers(semm__tab *t, const double *v, size_t n);
void semm__tab_count(semm__tab *t, unsigned long long v);
void semm__tab_int(semm__tab *t, int v);
/** n empty cells. */
void semm__tab_empty(semm__tab *t, size_t n);
/** One text cell holding words[0..n) separated by single blanks. */
void semm__tab_words(semm__tab *t, const char *const *words, size_t n);
void semm__tab_end_row(semm__tab *t);
/**
 * Ends the table: the sink's first error, else SEMM_EIO when the stream
 * failed, else SEMM_OK. Frees what the table held.
 */
int semm__tab_finish(semm__tab *t);

/* The tables of the report files (report_csv.c, report_bench.c); the
 * respondents table returns SEMM_ENOMEM when it cannot allocate. */
void semm__tab_scores(semm__tab *t, const semm_result *res);
/** As semm__tab_scores, group `only` alone (-1: every group). */
void semm__tab_scores_of(semm__tab *t, const semm_result *res, long only);
int semm__tab_respondents(semm__tab *t, const semm_result *res);
void semm__tab_reliability(semm__tab *t, const semm_result *res);
void semm__tab_across_groups(semm__tab *t, const semm_result *res);
void semm__tab_improvements(semm__tab *t, const semm_result *res);
/** As semm__tab_improvements, group `only` alone (-1: every group). */
void semm__tab_improvements_of(semm__tab *t, const semm_result *res, long only);
/* The table of ratings.csv (report_ratings.c): SEMM_ENOMEM when it
 * cannot allocate. */
int semm__tab_ratings(semm__tab *t, const semm_result *res);
void semm__tab_benchmark(semm__tab *t, const semm_model *m,
			 const semm__bench *b, const char *const *ids);

/* ---- report.xlsx (report_xlsx.c) --------------------------------------- */

/**
 * semm_report_write_xlsx with sheets of max_rows rows (the tests make a
 * table longer than a sheet with a small one).
 */
int semm__report_write_xlsx(const semm_result *res, FILE *fp, size_t max_rows);

/* ---- writing a set of files (outfiles.c) ------------------------------ */

/** Writes file k of a set to fp; returns SEMM_OK or a negative code. */
typedef int (*semm__file_writer)(const void *ctx, size_t k, FILE *fp);

/** Makes a hard link, as link(2) does; a seam for tests. */
typedef int (*semm__link_fn)(const char *from, const char *to);

/** What semm__write_set writes. */
typedef struct semm__write_spec {
	const char *dir;	  /* the output folder (it exists) */
	const char *const *names; /* file names of the set */
	size_t n;		  /* how many, at most 32 */
	unsigned wanted;	  /* bit k: names[k] is written */
	semm__file_writer write;  /* writes file k */
	const void *ctx;	  /* for write */
	semm__link_fn link;	  /* NULL: link(2) */
	int keep_existing;	  /* refuse to replace an existing file */
	unsigned threads;	  /* files written at once (0, 1: one) */
} semm__write_spec;

/**
 * Writes the files names[k] with bit k set in `wanted` (k < n <= 32)
 * into dir, all or nothing: temporary files renamed into place when all
 * are complete, replaced files put back on failure. Where the file
 * system has no hard links, a replaced file is kept by renaming it.
 * Returns SEMM_OK, SEMM_EIO or SEMM_ENOMEM (an allocation failed, while
 * writing too) with err naming the file.
 */
int semm__write_set(const semm__write_spec *spec, semm_error *err);

/** semm__write_set with the default spec for those arguments. */
int semm__write_files(const char *dir, const char *const *names, size_t n,
		      unsigned wanted, semm__file_writer write, const void *ctx,
		      semm_error *err);

/* ---- statistics blocks of report.json (report_stats.c) ---------------- */

void semm__write_pair(semm__jw *w, const char *key, double lo, double hi);
void semm__write_reliability(semm__jw *w, const semm_result *res,
			     const semm__rel *rel, int items);
void semm__write_agreement(semm__jw *w, const semm_result *res,
			   const semm__agree *a);
void semm__write_across_groups(semm__jw *w, const semm_result *res);
void semm__write_pooled_reliability(semm__jw *w, const semm_result *res);
/* The "ratings" section of report.json, when the result has ratings
 * (report_ratings.c). */
void semm__write_ratings(semm__jw *w, const semm_result *res);
void semm__write_methods(semm__jw *w, const semm_result *res);
/** The "parameters" block of report.json (report_json.c). */
void semm__write_parameters(semm__jw *w, const semm_result *res);
/**
 * The "units" list of across_groups: the ICC of every unit, and with
 * aggr (per unit, elements, dimensions, overall; may be NULL) their
 * intervals, resampling and verdict.
 */
void semm__write_icc_units(semm__jw *w, const semm_result *res,
			   const semm_icc *overall, const semm_icc *dims,
			   const semm_icc *elems, const semm__aggr *aggr);

/* ---- aggregation statistics (report_agg.c) ---------------------------- */

/** The further agreement indices of a unit in a group (its agreement
 * block's last members). */
void semm__write_agreement_more(semm__jw *w, const semm__agree *a);
/** A unit's ICC intervals, resampling and verdict (across_groups). */
void semm__write_unit_aggregation(semm__jw *w, const semm__aggr *a);
/** The parameters block's choices of the aggregation statistics. */
void semm__write_aggregation_parameters(semm__jw *w, const semm_result *res);
/** The methods blocks of the aggregation statistics. */
void semm__write_aggregation_methods(semm__jw *w, const semm_result *res);
/** AD's practical cut-off c / 6 for the unit's c answer options (NAN
 * when its items' scales differ). */
double semm__ad_cutoff(const semm__agree *a);
/** The null distribution as the methods block names it. */
const char *semm__rwg_null_method(const semm_result *res);
/** The columns across_groups.csv adds for a unit (each with a leading
 * comma). */
void semm__write_aggregation_cells(FILE *fp, const semm__aggr *a);
/** The same columns through a table: their heads, and a unit's cells. */
void semm__tab_aggregation_columns(semm__tab *t);
void semm__tab_aggregation_cells(semm__tab *t, const semm__aggr *a);
/** The benchmark block of report.json; scope: the run's canonical scope
 * (NULL: the whole model), which every organization shares. */
void semm__write_benchmark(semm__jw *w, const semm_model *m,
			   const semm__bench *b, const char *const *ids,
			   const char *scope);

/**
 * The warning about the columns one input had ignored, starting at
 * ignored column *next (advanced past that input's), into msg
 * (NUL-terminated). Returns 1, 0 when there are no more, or
 * SEMM_ENOMEM.
 */
int semm__input_warning(const semm_result *res, size_t *next, semm__buf *msg);

#endif
