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
#include <string.h>

#include "semm/semm.h"

/* ---- errors and strings (util.c) ------------------------------------ */

/** Fills err (if not NULL) and returns code. */
int semm__fail(semm_error *err, int code, const char *source,
	       unsigned long line, unsigned long column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
int semm__vfail(semm_error *err, int code, const char *source,
		unsigned long line, unsigned long column, const char *fmt,
		va_list ap) __attribute__((format(printf, 6, 0)));

/** vsnprintf into out, then control characters escaped (semm_text_escape):
 * every message (errors, rejection reasons, warnings) is formatted here. */
void semm__vformat(char *out, size_t cap, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/** Most bytes of a cell, id or name quoted in a message (docs/LIMITS.md). */
#define SEMM__QUOTE_MAX 40
/** Room for a quotation shortened by semm__shorten. */
#define SEMM__QUOTE_BUF (SEMM__QUOTE_MAX + 4)

/**
 * s[0..len-1] as quoted in a message: whole UTF-8 characters up to
 * SEMM__QUOTE_MAX bytes, then "…" when something was left out. Writes
 * into buf (cap bytes, SEMM__QUOTE_BUF is enough); returns buf.
 */
const char *semm__shorten(const char *s, size_t len, char *buf, size_t cap);

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

/*
 * The respondent store is the scoring core's accumulator (store.c): rows
 * are folded in as they are read, two stores merge, and the result is
 * computed from the store at the end (score.c). Per accepted row it keeps
 * only what the figures need: the answer codes (4 bits each when every
 * scale has at most 13 points), the value of the grouping column (an
 * interned index), and the respondent id in a hash set with its arena.
 * Where each row came from (source, line, id) is kept only when the read
 * options ask for it (keep_rows: respondents.csv needs it).
 */
#define SEMM__CHUNK_ROWS 65536u
#define SEMM__NONE32 UINT32_MAX
/* The top bit of a row's key: the row has a respondent id in the arena. */
#define SEMM__KEY_HAS_ID 0x80000000u
#define SEMM__KEY_MASK 0x7fffffffu

/** Fixed-width records in chunks (no large reallocation while reading). */
typedef struct semm__chunks {
	unsigned char **c;
	size_t n_chunks;
	size_t width; /* bytes per record */
} semm__chunks;

static inline unsigned char *semm__chunk_at(const semm__chunks *c, size_t i)
{
	return c->c[i / SEMM__CHUNK_ROWS] +
	       (size_t)(i % SEMM__CHUNK_ROWS) * c->width;
}

/** Makes record i addressable (records below i already are). */
int semm__chunks_reserve(semm__chunks *c, size_t i);
void semm__chunks_free(semm__chunks *c);

/** Strings interned to dense indexes (group and attribute values). */
typedef struct semm__intern {
	semm__strmap map; /* value -> index */
	char **value;
	size_t n;
	size_t cap;
} semm__intern;

/** The index of s[0..n-1], added if new; SEMM_ENOMEM or SEMM_ELIMIT. */
int semm__intern_put(semm__intern *t, const char *s, size_t n, uint32_t *idx);
void semm__intern_free(semm__intern *t);

/** Respondent ids: a hash set over an arena of (source, line, id). */
typedef struct semm__idset {
	uint64_t *slot; /* 0 empty, else tag << 40 | (arena offset + 1) */
	size_t cap;
	size_t count;
	unsigned char **block; /* arena blocks */
	size_t *fill;	       /* bytes used in each block */
	size_t n_blocks;
	size_t used;	   /* bytes used in the last block */
	size_t block_size; /* of the last block */
} semm__idset;

/** Where an id was first seen, and its text. */
typedef struct semm__idref {
	uint32_t source;
	unsigned long column;
	unsigned long line;
	const char *id; /* NUL-terminated */
} semm__idref;

/** Looks up the arena entry that ref (offset + 1) names. */
void semm__idset_ref(const semm__idset *s, uint64_t ref, semm__idref *out);

/**
 * Adds id, first seen at source:line:column. Returns 1 when added (*ref
 * names it), 0 when the set has it (*ref names the first), or a negative
 * code. Ids with the same hash are told apart by their text, so a hash
 * collision never makes a respondent a duplicate.
 */
int semm__idset_add(semm__idset *s, const char *id, size_t n, uint32_t source,
		    unsigned long line, unsigned long column, uint64_t *ref);
/** Whether the set has id (then *ref names it). */
int semm__idset_find(const semm__idset *s, const char *id, size_t n,
		     uint64_t *ref);
/** The entries in the order they were added: call with *cursor 0 first;
 * returns 0 at the end. */
int semm__idset_next(const semm__idset *s, uint64_t *cursor, uint64_t *ref);
void semm__idset_free(semm__idset *s);

typedef struct semm__rejection {
	uint32_t source;
	unsigned long line;
	unsigned long column;
	size_t respondent; /* pool offset or SEMM__NO_STRING */
	size_t reason;	   /* pool offset */
	/* a duplicate id: the arena reference of its first occurrence, so
	 * that a merge can name the first of all inputs (0: not a
	 * duplicate) */
	uint64_t dup_of;
} semm__rejection;

/** A row that may have no answer under the N/A policy (every item
 * blank, N/A or don't know), with what its rejection needs. */
typedef struct semm__maybe_empty {
	size_t row;
	uint32_t source;
	unsigned long line;
	size_t respondent; /* pool offset or SEMM__NO_STRING */
} semm__maybe_empty;

/** Where a row came from, when the read keeps rows. */
typedef struct semm__where {
	uint64_t line;
	uint64_t id; /* pool offset + 1, 0 when none */
	uint32_t source;
} semm__where;

/** Attribute tallies: per group value, how often each tuple occurs. */
typedef struct semm__tally {
	semm__strmap map; /* key: group value, attribute values (uint32s) */
	uint32_t *keys;	  /* n x (1 + n_attributes) */
	size_t *count;
	size_t n;
	size_t cap;
} semm__tally;

/** Adds count to the tally of key[0..n_key-1]. */
int semm__tally_add(semm__tally *t, const uint32_t *key, size_t n_key,
		    size_t count);
void semm__tally_free(semm__tally *t);

struct semm_responses {
	const semm_questionnaire *q;
	semm_read_options opts;
	size_t n_items;
	int group_role; /* metadata role of the groups, -1 for one group */
	int packed;	/* 4-bit answer codes */
	size_t row_bytes;
	semm__chunks answers; /* row_bytes per row */
	semm__chunks keys;    /* uint32 per row: group value, id flag */
	semm__chunks where;   /* semm__where per row (keep_rows) */
	size_t n;	      /* rows accepted */
	semm__intern groups;  /* values of the grouping column */
	semm__intern attr[SEMM_MAX_ATTRIBUTES];
	semm__tally tally;
	semm__idset ids;
	semm__maybe_empty *empty;
	size_t n_empty;
	size_t cap_empty;
	semm__rejection *rej;
	size_t n_rej;
	size_t cap_rej;
	semm__buf pool; /* NUL-terminated strings */
	char **sources;
	size_t n_sources;
	int decimal_comma; /* the file being read writes "4,0" */
	/* a store loaded from a partial (partial.c): its own copies of the
	 * attribute names (opts.attributes points at attr_names), and
	 * whether its respondents were read through a mapping */
	char *attr_text;
	const char *attr_names[SEMM_MAX_ATTRIBUTES];
	int mapping_used;
};

/**
 * Whether src can be merged into dst: the same questionnaire, grouping
 * role, attribute columns (by name) and keep_rows (store.c).
 */
int semm__responses_compatible(const semm_responses *dst,
			       const semm_responses *src);

/**
 * The metadata role named by group_by (a column or role name; NULL: the
 * organization column), -1 for one group; SEMM_EARG when there is none.
 */
int semm__group_role(const semm_questionnaire *q, const char *by, int *role);

/** Unpacks row i's answer codes into codes[0..n_items-1]. */
void semm__responses_unpack(const semm_responses *r, size_t i, uint8_t *codes);
/** As semm__responses_unpack, from the row's record p. */
void semm__responses_unpack_at(const semm_responses *r, const unsigned char *p,
			       uint8_t *codes);

/** The group value index of row i (SEMM__NONE32 when it has none). */
static inline uint32_t semm__row_group(const semm_responses *r, size_t i)
{
	uint32_t k;

	memcpy(&k, semm__chunk_at(&r->keys, i), sizeof(k));
	k &= SEMM__KEY_MASK;
	return k == SEMM__KEY_MASK ? SEMM__NONE32 : k;
}

/**
 * Moves every row, rejection and tally of src into dst, as if src's
 * inputs had been read after dst's: a row of src whose respondent id dst
 * already has becomes a rejection, as it would in one read. src is left
 * empty of rows. Returns SEMM_OK, SEMM_ENOMEM or SEMM_EARG (stores of
 * other questionnaires or options).
 */
int semm__responses_merge(semm_responses *dst, semm_responses *src,
			  semm_error *err);

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
	uint32_t key; /* its value in the store (SEMM__NONE32: none) */
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
	size_t n_scored;
	size_t *unanswered; /* store rows rejected for no answer, ascending */
	size_t n_unanswered;
	struct semm__rejected *rejected; /* every rejection, input order */
	size_t n_rejected;
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
	uint32_t order; /* the source's place among the inputs */
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

/**
 * One group's rows as the finish step sees them, in a canonical order
 * (sorted by their answers, so that any split of the input into shards
 * or threads gives the same figures to the last bit): answer codes
 * (n x items) and unit-interval scores of elements, dimensions and the
 * overall (NAN: none).
 */
typedef struct semm__view {
	size_t n;
	const uint8_t *ans;
	const double *eu; /* n x elements */
	const double *du; /* n x dimensions */
	const double *ou; /* n */
} semm__view;

/** What the pooled statistics sum over groups (reliability.c). */
typedef struct semm__pool semm__pool;

int semm__pool_new(semm__pool **out, const semm_result *res);
void semm__pool_free(semm__pool *p);

/**
 * A group's reliability, agreement and moments from its view, adding
 * its part of the pooled figures to pool (call in group order).
 */
int semm__group_reliability(const semm_result *res, semm__group *gr,
			    const semm__view *v, semm__pool *pool);

/** Pooled alpha, dimension correlations and the ICCs, after every group. */
int semm__reliability_finish(semm_result *res, semm__pool *pool);
void semm__reliability_free(semm_result *res);

/**
 * Scores one respondent: element, dimension (unit interval, NAN when
 * short of the coverage minimum) and the overall; returns the items
 * answered (0: the respondent has no score).
 */
size_t semm__score_row(const semm_result *res, const uint8_t *codes,
		       double *elem, double *dim, double *overall);

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
