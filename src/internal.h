/*
 * internal.h - the library's private structures and the helpers shared
 * between its files (names with a double underscore, semm__*). Nothing
 * here is part of the public API; no dependency's type leaks out of it
 * except cJSON, which only json.c and the JSON readers see.
 */
#ifndef SEMM_INTERNAL_H
#define SEMM_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "semm/semm.h"

/* ---- errors and strings (util.c) ------------------------------------ */

/** Fills err (if not NULL) and returns code. */
int semm__fail(semm_error *err, int code, const char *source,
	       unsigned long line, unsigned long column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
int semm__vfail(semm_error *err, int code, const char *source,
		unsigned long line, unsigned long column, const char *fmt,
		va_list ap) __attribute__((format(printf, 6, 0)));

char *semm__strdup(const char *s);
char *semm__strndup(const char *s, size_t n);

/** Trims ASCII blanks from both ends of s[0..*n-1]; returns the start. */
const char *semm__trim(const char *s, size_t *n);

/**
 * A label key: s trimmed and ASCII letters lowered, newly allocated.
 * Returns NULL when out of memory.
 */
char *semm__label_key(const char *s, size_t n);

/** Whether raw s[0..n-1], trimmed and case-folded, equals key. */
int semm__label_matches(const char *s, size_t n, const char *key);

/**
 * Parses s[0..n-1] (blanks around allowed) as a finite decimal number.
 * Returns 1 and sets *out on success, 0 when it is not a number.
 */
int semm__parse_number(const char *s, size_t n, double *out);

/** Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
size_t semm__utf8_len(const unsigned char *s, size_t n);

/** Offset of the first invalid UTF-8 byte in s[0..n-1], or n. */
size_t semm__utf8_check(const char *s, size_t n);

/** Reads a whole file ("-" is not accepted here). */
int semm__read_file(const char *path, char **data, size_t *len,
		    semm_error *err);

/** A `_from_buffer` constructor, its `**out` passed as void *. */
typedef int (*semm__parse_fn)(void *out, const char *data, size_t len,
			      const char *source, semm_error *err);

/** Reads the file at path and hands it to parse, naming it by path. */
int semm__parse_file(const char *path, semm__parse_fn parse, void *out,
		     semm_error *err);

/** Growable byte buffer. */
typedef struct semm__buf {
	char *data;
	size_t len;
	size_t cap;
} semm__buf;

int semm__buf_append(semm__buf *b, const char *s, size_t n);
void semm__buf_free(semm__buf *b);

/* ---- F quantiles (fdist.c) --------------------------------------------- */

/**
 * The p quantile of the F distribution with df1 and df2 degrees of
 * freedom, for any df1, df2 > 0: GSL's where both are at most 10^5 and
 * GSL gives one, otherwise Newton's method on the incomplete beta
 * (relative error below 2e-13 against 60-digit references from 1 to
 * 10^10 degrees of freedom). NAN for p outside (0, 1) or a degree of
 * freedom that is not finite and positive.
 */
double semm__f_quantile(double p, double df1, double df2);

/** The same by Newton's method alone, for valid arguments (tests). */
double semm__f_quantile_newton(double p, double df1, double df2);

/* ---- string -> index map (strmap.c) ---------------------------------- */

/** Open-addressing hash map from byte strings to size_t; keys copied. */
typedef struct semm__strmap {
	struct semm__strmap_slot *slots;
	size_t cap;
	size_t count;
} semm__strmap;

/**
 * Inserts key -> value unless the key is there. Returns 1 when inserted,
 * 0 when present (then *existing, if not NULL, gets its value), or
 * SEMM_ENOMEM.
 */
int semm__strmap_put(semm__strmap *m, const char *key, size_t len, size_t value,
		     size_t *existing);
/** Returns 1 and sets *value when key is present, else 0. */
int semm__strmap_get(const semm__strmap *m, const char *key, size_t len,
		     size_t *value);
void semm__strmap_free(semm__strmap *m);

/* ---- JSON input (json.c) ---------------------------------------------- */

#define SEMM__JPATH_MAX 16

/** Where a value sits in a JSON document: keys and array indexes. */
typedef struct semm__jpath {
	size_t depth;
	struct {
		const char *key; /* NULL for an array index */
		size_t index;
	} part[SEMM__JPATH_MAX];
} semm__jpath;

/** Where a checking load sends each rule problem (see semm_check_fn). */
typedef struct semm__collector {
	semm_check_fn fn;
	void *ctx;
	size_t count;
} semm__collector;

/** A document being read: its text, for locating errors. */
typedef struct semm__jdoc {
	const char *text;
	size_t len;
	const char *source;
	semm_error *err;
	semm__collector *collect; /* NULL: the first problem fails */
} semm__jdoc;

void semm__jpath_key(semm__jpath *p, const char *key);
void semm__jpath_index(semm__jpath *p, size_t index);
void semm__jpath_pop(semm__jpath *p);

/** Writes "$.a.b[3]" into buf. */
void semm__jpath_format(const semm__jpath *p, char *buf, size_t len);

/**
 * Fails with code at the value that path names: err gets the source, the
 * line and column of that value in the text, and "$.path: message". When
 * the document collects problems and code is SEMM_EINVALID (a broken
 * rule, after which reading can go on), the problem is handed to the
 * collector instead and SEMM_OK is returned.
 */
int semm__jfail(const semm__jdoc *d, const semm__jpath *p, int code,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/** As semm__jfail, but always fails: reading cannot go on. */
int semm__jfatal(const semm__jdoc *d, const semm__jpath *p, int code,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/** After a collecting read: SEMM_EINVALID with a summary if any problem. */
int semm__collected(const semm__jdoc *d);

/** Line and column (1-based) of byte offset off in text. */
void semm__text_position(const char *text, size_t len, size_t off,
			 unsigned long *line, unsigned long *column);

/* ---- model (model.c) --------------------------------------------------- */

typedef struct semm__element {
	char *id;
	char *name;
	double weight;
	size_t dimension;
	char **descriptors; /* per level band, entries may be NULL */
} semm__element;

typedef struct semm__dimension {
	char *id;
	char *name;
	double weight;
	size_t first; /* first element index */
	size_t count; /* elements in this dimension */
} semm__dimension;

typedef struct semm__band {
	int level;
	char *name;
	double min;
	double max;
} semm__band;

/* ---- targets (targets.c) ---------------------------------------------- */

typedef struct semm__target {
	char *element; /* an element id, or "*" */
	int is_level;  /* value is a level number, else a percent */
	double value;
} semm__target;

struct semm_targets {
	semm__target *t;
	size_t n;
};

/** A layer of the service excellence pyramid (model metadata). */
typedef struct semm__layer {
	int level;
	char *name;
	char *outcome;	   /* or NULL */
	char *description; /* or NULL */
} semm__layer;

struct semm_model {
	semm_targets *targets; /* the model's own, or NULL */
	semm__layer *pyramid;  /* bottom layer first, or NULL */
	size_t n_pyramid;
	char *id;
	char *version;
	char *title;
	char *levels_label;
	char *staged_rule;
	semm__dimension *dims;
	size_t n_dims;
	semm__element *elems;
	size_t n_elems;
	semm__band *bands;
	size_t n_bands;
	semm_na_policy na_policy;
	double na_anchor_percent;
	double coverage_min;
};

/** The band holding percent p, or -1 when p is NAN. */
int semm__model_band(const semm_model *m, double p);

/* ---- questionnaire (questionnaire.c) ----------------------------------- */

typedef struct semm__label {
	char *key;  /* label key (semm__label_key) */
	char *text; /* as written in the questionnaire */
	int value;
	size_t lang; /* index in the questionnaire's languages */
	int synonym; /* 0 for the label shown to respondents */
} semm__label;

typedef struct semm__scale {
	char *id;
	int min;
	int max;
	semm__label *labels;
	size_t n_labels;
	size_t cap_labels;
	char **na;	/* label keys of the N/A codes */
	char **na_text; /* as written */
	size_t *na_lang;
	size_t n_na;
	char **dk;
	char **dk_text;
	size_t *dk_lang;
	size_t n_dk;
} semm__scale;

typedef struct semm__item {
	char *id;
	char *text;   /* the statement, or NULL */
	char **texts; /* per language (texts[0] is text), entries may be NULL */
	char *text_key; /* its label key, for matching export headers */
	char *element_id;
	size_t element; /* index in the model, set by bind */
	size_t scale;
	int reverse;
	double weight;
} semm__item;

struct semm_questionnaire {
	char **languages; /* declared languages, the first is the default */
	size_t n_languages;
	char *id;
	char *version;
	char *title;
	char *model_id;
	char *model_version;
	double coverage_min; /* NAN when not set */
	char *meta_column[SEMM_META_COUNT];
	int meta_required[SEMM_META_COUNT];
	semm__scale *scales;
	size_t n_scales;
	semm__item *items;
	size_t n_items;
	char *text; /* the source text, to locate errors found by bind */
	size_t text_len;
	char *source;
	const semm_model *model; /* set by bind */
	size_t *elem_items;	 /* items per element, set by bind */
};

/* ---- mappings and export headers (mapping.c, columns.c) --------------- */

typedef struct semm__pair {
	char *key;   /* label key of the header or answer text */
	char *value; /* item id (NULL: ignore the column) */
	double number;
} semm__pair;

struct semm_mapping {
	semm__pair *columns;
	size_t n_columns;
	semm__pair *answers;
	size_t n_answers;
	char *respondent; /* label key of the respondent column, or NULL */
};

typedef enum semm__col_kind {
	SEMM__COL_ITEM,
	SEMM__COL_META,
	SEMM__COL_IGNORE
} semm__col_kind;

typedef struct semm__column {
	semm__col_kind kind;
	size_t index; /* item index or metadata role */
} semm__column;

/** Header rows after the first that the preset's exports carry. */
size_t semm__preset_extra_header_rows(semm_preset preset);

/**
 * Resolves header names[0..n-1] (texts: the preset's second header row,
 * or NULL) to items, metadata roles or ignored columns. Returns 1, 0 when
 * column *bad cannot be placed (why says so), or SEMM_ENOMEM.
 */
int semm__columns_resolve(const semm_responses *r, const char *const *names,
			  const char *const *texts, size_t n,
			  semm__column *cols, size_t *bad, char *why,
			  size_t why_len);

/** The value a mapping gives an answer text, if any (returns 1). */
int semm__mapping_answer(const semm_mapping *m, const char *cell, size_t len,
			 double *value);

/* ---- responses (responses.c, responses_csv.c, responses_json.c) ------- */

/* Answer codes: 0..(max - min) is the scale point x = min + code. */
#define SEMM__ANS_BLANK 255u
#define SEMM__ANS_NA 254u
#define SEMM__ANS_DK 253u
#define SEMM__NO_STRING SIZE_MAX

/* Metadata slots of a row: the roles, then the read's attributes. */
#define SEMM__SLOTS (SEMM_META_COUNT + SEMM_MAX_ATTRIBUTES)

typedef struct semm__respondent {
	size_t meta[SEMM_META_COUNT]; /* pool offsets or SEMM__NO_STRING */
	unsigned long line;
	uint32_t source;
} semm__respondent;

typedef struct semm__rejection {
	uint32_t source;
	unsigned long line;
	unsigned long column;
	size_t respondent; /* pool offset or SEMM__NO_STRING */
	size_t reason;	   /* pool offset */
} semm__rejection;

struct semm_responses {
	const semm_questionnaire *q;
	semm_read_options opts;
	size_t n_items;
	uint8_t *answers; /* n x n_items */
	semm__respondent *resp;
	size_t n;
	size_t cap;
	semm__rejection *rej;
	size_t n_rej;
	size_t cap_rej;
	semm__buf pool; /* NUL-terminated strings */
	char **sources;
	size_t n_sources;
	semm__strmap ids;    /* respondent id -> respondent index */
	semm__strmap shared; /* repeated metadata text -> pool offset */
	size_t *attr;	     /* n x n_attributes pool offsets */
	int decimal_comma;   /* the file being read writes "4,0" */
};

/** A row being assembled by a reader before it is accepted. */
typedef struct semm__row {
	uint8_t *answers;	       /* n_items codes */
	const char *meta[SEMM__SLOTS]; /* borrowed, NUL-terminated */
	size_t meta_len[SEMM__SLOTS];
	unsigned long meta_column[SEMM__SLOTS]; /* 0 when not known */
	uint32_t source;
	unsigned long line;
	int bad;		  /* a problem was found */
	unsigned long bad_column; /* where the first problem is */
	char reason[SEMM_ERROR_MESSAGE_MAX];
} semm__row;

/** Registers an input name; returns its index or SEMM_ENOMEM. */
int semm__responses_add_source(semm_responses *r, const char *name,
			       uint32_t *index);

/**
 * Classifies a cell for item i: sets *code and returns 1, or returns 0
 * and writes why into why[0..why_len-1].
 */
int semm__responses_code(const semm_responses *r, size_t item, const char *cell,
			 size_t len, uint8_t *code, char *why, size_t why_len);

/** Records a problem on a row (the first one is kept as the reason). */
void semm__row_problem(semm__row *row, unsigned long column, const char *fmt,
		       ...) __attribute__((format(printf, 3, 4)));

/**
 * Accepts or rejects a finished row. In fail mode a bad row fails with
 * SEMM_EDATA and err set. Returns SEMM_OK, SEMM_EDATA or SEMM_ENOMEM.
 */
int semm__responses_commit(semm_responses *r, semm__row *row, semm_error *err);

/**
 * Reads CSV from fp after the first n_head bytes, already read from the
 * stream into head (used when sniffing standard input).
 */
int semm__responses_read_csv_with_head(semm_responses *r, FILE *fp,
				       const char *source, const char *head,
				       size_t n_head, semm_error *err);

/** The pool string at offset off. */
static inline const char *semm__pool_str(const semm_responses *r, size_t off)
{
	return off == SEMM__NO_STRING ? NULL : r->pool.data + off;
}

/* ---- results (score.c) ------------------------------------------------- */

/** Statistics of one unit (item, element, dimension, overall) in a group. */
typedef struct semm__unit {
	semm_describe d;
	size_t missing;
	double percent;
	int level; /* band index, -1 when none */
	/* elements only (targets.c): */
	double target;	 /* target percent, NAN when none */
	double gap;	 /* target - percent, NAN when either is missing */
	double priority; /* max(gap, 0) * element weight, NAN likewise */
} semm__unit;

/** Reliability of one unit's items (element or dimension). */
typedef struct semm__rel {
	semm_alpha a;
	size_t k;		  /* items of the unit */
	size_t *items;		  /* their questionnaire indexes */
	double *alpha_if_deleted; /* per item */
	double *r_drop;		  /* per item */
} semm__rel;

/** Within-group agreement on one unit. */
typedef struct semm__agree {
	semm_rwg r;
	unsigned options; /* A, the number of answer options; 0 if mixed */
} semm__agree;

typedef struct semm__group {
	char *id;
	size_t *members; /* indexes of scored respondents */
	size_t n;
	semm__unit *items;
	size_t *counts; /* per item: points..., na, dk, blank */
	semm__unit *elems;
	semm__unit *dims;
	semm__unit overall;
	int staged;	      /* band index, -1 when unassessed */
	size_t n_unassessed;  /* elements with no score */
	semm__rel *rel_elems; /* per element, within the group */
	semm__rel *rel_dims;
	semm__agree *agr_elems;
	semm__agree *agr_dims;
} semm__group;

struct semm_result {
	const semm_model *model;
	const semm_questionnaire *q;
	const semm_responses *r;
	semm_na_policy na_policy;
	double na_anchor_percent;
	double coverage_min;
	char *group_by; /* column, or NULL */
	double smin;	/* the score scale */
	double smax;
	size_t *scored; /* response indexes of scored respondents */
	size_t n_scored;
	size_t *unanswered; /* response indexes rejected for no answers */
	size_t n_unanswered;
	double *elem_u; /* n_scored x n_elems, unit interval, NAN = none */
	double *dim_u;	/* n_scored x n_dims */
	double *overall_u;
	size_t *group_of; /* per scored respondent */
	semm__group *groups;
	size_t n_groups;
	size_t n_counts; /* counts per item slot stride */
	size_t reliability_min_n;
	double rwg_threshold;
	size_t lang;	      /* language of statements in reports */
	semm__rel *rel_elems; /* pooled over all scored respondents */
	semm__rel *rel_dims;
	semm_icc *icc_elems; /* across groups */
	semm_icc *icc_dims;
	semm_icc icc_overall;
	/* per group: moments of each element, dimension and the overall */
	semm_moments *moments;
	struct semm__bench *bench; /* NULL unless benchmarking */
	int summary;		   /* reports without group x item detail */
	double *dim_corr;	   /* n_dims x n_dims, listwise */
	size_t dim_corr_n;
};

/** One rejected respondent, whether rejected while reading or scoring. */
typedef struct semm__rejected {
	const char *source;
	unsigned long line;
	unsigned long column;	/* 0 when the row as a whole is at fault */
	const char *respondent; /* NULL when unknown */
	const char *reason;
} semm__rejected;

/**
 * The i-th rejected respondent (0 <= i < rejected count) in input order:
 * source, then line. Returns 0 when i is out of range.
 */
int semm__result_rejected(const semm_result *res, size_t i,
			  semm__rejected *out);

/** Checks that targets name elements and levels of the result's model. */
int semm__targets_check(const semm_result *res, const semm_targets *opts,
			semm_error *err);

/**
 * Fills each group's element targets, gaps and priorities from the
 * options' targets, then the model's. Returns SEMM_OK or SEMM_EARG (a
 * target for an unknown element or level; err says which).
 */
int semm__targets_apply(semm_result *res, const semm_targets *opts,
			semm_error *err);

/**
 * The group's improvement list: indexes of the elements below their
 * target, by priority (highest first, then model order), into order
 * (room for every element). Returns how many.
 */
size_t semm__improvements(const semm_result *res, const semm__group *gr,
			  size_t *order);

/** Reliability, agreement and across-group statistics (reliability.c). */
int semm__reliability_run(semm_result *res);
void semm__reliability_free(semm_result *res);

/**
 * The ICC of every unit from the groups' moments (n_groups x (n_e + n_d
 * + 1), elements, dimensions, overall); col has room for n_groups.
 */
int semm__icc_from_moments(const semm_moments *moments, size_t n_groups,
			   size_t n_e, size_t n_d, semm_moments *col,
			   semm_icc *elems, semm_icc *dims, semm_icc *overall);

/** A unit's items: all items of element e, or of dimension d. */
size_t semm__unit_items(const semm_result *res, int is_dim, size_t index,
			size_t *out);

/** Scale of item i of the result's questionnaire. */
static inline const semm__scale *semm__item_scale(const semm_questionnaire *q,
						  size_t i)
{
	return &q->scales[q->items[i].scale];
}

/* ---- benchmark (benchmark.c) ----------------------------------------- */

/* Benchmark units: the overall score, the dimensions, the elements. */
#define SEMM__BU_OVERALL 0

/** The distribution of one unit's group scores in one peer segment. */
typedef struct semm__dist {
	size_t n;      /* groups with a score */
	double weight; /* their total weight */
	double mean, sd, min, max, q1, median, q3;
	double decile[9];
	double *x;	      /* sorted scores */
	double *cum;	      /* running weights; NULL when all are 1 */
	const char *withheld; /* the reason (static text), or NULL */
	size_t short_n;	      /* groups, when withheld for too few */
} semm__dist;

typedef struct semm__peer {
	char *name;	   /* the segment's value(s) */
	size_t n_groups;   /* entered groups in it */
	size_t n_resp;	   /* their respondents */
	semm__dist *units; /* per benchmark unit */
} semm__peer;

typedef struct semm__segmentation {
	char *name; /* "all", a column, or columns joined by '+' */
	size_t n_cols;
	semm__peer *peers; /* sorted by name */
	size_t n_peers;
	size_t *peer_of; /* per group: its peer, SIZE_MAX when none */
} semm__segmentation;

/** Notes about groups, each with the group it is about. */
typedef struct semm__notes {
	char **text;
	size_t *group;
	size_t n;
} semm__notes;

/** Adds a note (copied) about group g; SEMM_OK or SEMM_ENOMEM. */
int semm__notes_add(semm__notes *notes, size_t g, const char *text);
void semm__notes_free(semm__notes *notes);

/** What the benchmark is computed from: one row per group. */
typedef struct semm__bench_input {
	size_t n_groups;
	size_t n_units;
	size_t n_segs; /* segmentations besides "all" */
	const char *const *seg_names;
	const size_t *seg_cols; /* columns of each segmentation */
	const size_t *n_resp;	/* scored respondents per group */
	const double *score;	/* n_groups x n_units percent, NAN none */
	const size_t *unit_n;	/* n_groups x n_units respondents scored */
	const char *const *seg_value; /* n_groups x n_segs, NULL none */
} semm__bench_input;

typedef struct semm__bench {
	int pooled;
	size_t min_resp;
	size_t min_groups;
	size_t n_groups;
	size_t n_units;
	size_t *n_resp;
	double *score;
	size_t *unit_n;
	unsigned char *entered;
	size_t n_entered;
	semm__segmentation *segs; /* segs[0] is "all" */
	size_t n_segs;
	char **seg_value;  /* n_groups x (n_segs - 1) */
	semm__notes notes; /* in group order */
} semm__bench;

/** Where a group stands among its peers on one unit. */
typedef struct semm__place {
	double percentile;
	double z;
	size_t rank;	 /* 1 = highest; ties share the best rank */
	size_t of;	 /* peers with a score */
	const char *why; /* why there is no figure, or NULL */
} semm__place;

/** Builds the benchmark from its input; SEMM_OK or SEMM_ENOMEM. */
int semm__bench_compute(semm__bench **out, const semm__bench_input *in,
			int pooled, size_t min_resp, size_t min_groups);
void semm__bench_free(semm__bench *b);
/** Group g's place on unit u in segmentation s. */
void semm__bench_place(const semm__bench *b, size_t s, size_t g, size_t u,
		       semm__place *out);
/** Type ("overall", "dimension", "element") and id of benchmark unit u. */
void semm__bench_unit(const semm_model *m, size_t u, const char **type,
		      const char **id);
/** Group g's score on benchmark unit u (percent) from its statistics. */
const semm__unit *semm__bench_group_unit(const semm_model *m,
					 const semm__group *gr, size_t u);
/** Builds a result's benchmark (score.c calls it); err says why not. */
int semm__bench_run(semm_result *res, const semm_score_options *o,
		    semm_error *err);
/** Checks the benchmark options before reading. */
int semm__bench_check(const semm_questionnaire *q, const semm_score_options *o,
		      semm_error *err);

/* ---- JSON and CSV output (jsonw.c) ------------------------------------- */

#define SEMM__JW_DEPTH 32

/** A streaming, indenting JSON writer; errors are sticky in `failed`. */
typedef struct semm__jw {
	FILE *fp;
	int depth;
	int has_items[SEMM__JW_DEPTH];
	int failed;
	int compact; /* one line, no indentation */
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

/**
 * Writes the files names[k] with bit k set in `wanted` (k < n <= 32)
 * into dir, all or nothing: temporary files renamed into place when all
 * are complete, replaced files put back on failure. Returns SEMM_OK,
 * SEMM_EIO or SEMM_ENOMEM with err naming the file.
 */
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

#endif
