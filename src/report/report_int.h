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
} semm__jw;

void semm__jw_open(semm__jw *w, const char *key, char bracket);
void semm__jw_close(semm__jw *w, char bracket);
void semm__jw_string(semm__jw *w, const char *key, const char *s);
/** A number with up to 15 significant digits; NAN is written as null. */
void semm__jw_number(semm__jw *w, const char *key, double v);
void semm__jw_size(semm__jw *w, const char *key, size_t v);
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
void semm__write_methods(semm__jw *w, const semm_result *res);
/** The "units" list of across_groups: the ICC of every unit. */
void semm__write_icc_units(semm__jw *w, const semm_model *m,
			   const semm_icc *overall, const semm_icc *dims,
			   const semm_icc *elems);
/** The warnings of one group (its agreement below the threshold). */
void semm__write_group_warnings(semm__jw *w, const semm_result *res,
				const semm__group *gr);
/**
 * The warnings that sum over groups: items nobody answered (answered[i]
 * respondents answered item i) and elements with respondents below the
 * coverage minimum (short_of[e]).
 */
void semm__write_count_warnings(semm__jw *w, const semm_questionnaire *q,
				const semm_model *m, const size_t *answered,
				const size_t *short_of, size_t scored);
/** benchmark.csv of a benchmark whose group ids are ids. */
int semm__write_benchmark_csv(FILE *fp, const semm_model *m,
			      const semm__bench *b, const char *const *ids);
/** The benchmark block of report.json. */
void semm__write_benchmark(semm__jw *w, const semm_model *m,
			   const semm__bench *b, const char *const *ids);

/**
 * The warning about the columns one input had ignored, starting at
 * ignored column *next (advanced past that input's), into msg
 * (NUL-terminated). Returns 1, 0 when there are no more, or
 * SEMM_ENOMEM.
 */
int semm__input_warning(const semm_result *res, size_t *next, semm__buf *msg);

#endif
