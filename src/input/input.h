/*
 * input.h - the response set (src/input): the scoring core's
 * accumulator (responses.c, store.c), placing an export's columns
 * (columns.c) and the readers that fold rows into it (responses_csv.c,
 * read_threads.c, responses_json.c, responses_sav.c). Private to the
 * library.
 */
#ifndef SEMM_INPUT_H
#define SEMM_INPUT_H

#include "defs/defs.h"

/* ---- export headers (columns.c) --------------------------------------- */

typedef enum semm__col_kind {
	SEMM__COL_ITEM,
	SEMM__COL_META,
	SEMM__COL_IGNORE,
	/* a survey tool's column that tells whether a response is for
	 * analysis (semm__filter) */
	SEMM__COL_FILTER,
	/* neither an item nor metadata; ignored and listed when the read
	 * options allow (else the read fails naming it) */
	SEMM__COL_UNKNOWN
} semm__col_kind;

/* The survey tools' columns that decide whether a response is left
 * out (docs/IMPORT.md, "Responses left out"). */
typedef enum semm__filter {
	SEMM__FILTER_STATUS,	/* Qualtrics' response type */
	SEMM__FILTER_FINISHED,	/* Qualtrics' Finished */
	SEMM__FILTER_PROGRESS,	/* Qualtrics' Progress, without Finished */
	SEMM__FILTER_SUBMITTED, /* empty: never submitted (LimeSurvey's
				 * submitdate, Google's Timestamp, Microsoft's
				 * Completion time) */
	SEMM__FILTERS
} semm__filter;

/* How a column was placed (semm mapping init tells the user). */
typedef enum semm__col_how {
	SEMM__HOW_NONE,
	SEMM__HOW_MAPPING,   /* the mapping file names it */
	SEMM__HOW_META,	     /* a metadata column of the questionnaire */
	SEMM__HOW_TOOL,	     /* one of the preset tool's own columns */
	SEMM__HOW_IGNORED,   /* asked to be ignored */
	SEMM__HOW_ID,	     /* the header is an item id */
	SEMM__HOW_STATEMENT, /* the header is an item's statement */
	SEMM__HOW_BRACKETS,  /* "Question [Statement]" */
	SEMM__HOW_TEXT	     /* the second header row: "Question - Statement" */
} semm__col_how;

typedef struct semm__column {
	semm__col_kind kind;
	size_t index; /* item index, metadata role or filter */
	semm__col_how how;
} semm__column;

/** Whether a Qualtrics export starting with s[0..n-1] is of the legacy
 * layout (a first header row "V1,V2,...", two header rows). */
int semm__qualtrics_legacy(const char *s, size_t n);

/** Header rows of the export starting with s[0..n-1] under the preset
 * (the first row and the preset's extra rows). */
size_t semm__header_rows(semm_preset preset, const char *s, size_t n);

/** Header rows after the first that the preset's exports carry. */
size_t semm__preset_extra_header_rows(semm_preset preset);

/**
 * The header a column is placed by, and a mapping names it by: its
 * first-row name, or for a legacy Qualtrics export's "V1", "V2", ... its
 * second-row text (text: that row's cell, or NULL).
 */
const char *semm__column_header(semm_preset preset, const char *name,
				const char *text);

/**
 * Resolves header names[0..n-1] (texts: the preset's second header row,
 * or NULL) to items, metadata roles, filters or ignored columns; a
 * column that is none of these is SEMM__COL_UNKNOWN. Returns 1, 0 when
 * column *bad cannot be placed (why says so: a mapping that names what
 * is not there), or SEMM_ENOMEM. The caller decides what unknown
 * columns mean (semm__columns_unknown).
 */
int semm__columns_resolve(const semm_responses *r, const char *const *names,
			  const char *const *texts, size_t n,
			  semm__column *cols, size_t *bad, char *why,
			  size_t why_len);

/**
 * After semm__columns_resolve: when cols has unknown columns, either
 * lists them as ignored for source (the read options allow it; they
 * become SEMM__COL_IGNORE) or fails with one message naming every one
 * (SEMM_EDATA, err set at line `line`). Returns SEMM_OK, SEMM_EDATA or
 * SEMM_ENOMEM.
 */
int semm__columns_unknown(semm_responses *r, uint32_t source,
			  const char *source_name, unsigned long line,
			  const char *const *names, semm__column *cols,
			  size_t n, semm_error *err);

/* ---- surveying an export for a mapping stub (survey.c) ---------------- */

/** An answer text of a column, as first seen. */
typedef struct semm__seen {
	char *text;    /* trimmed, as first written */
	char *key;     /* its label key */
	size_t row;    /* data row (from 0) where first seen */
	size_t column; /* and column (from 0) */
	/* text the scale of the column's item does not read (not a
	 * number): its value has to be given in the mapping's answers */
	int unknown;
} semm__seen;

/** The columns of an export that share one header (normally one). */
typedef struct semm__survey_entry {
	char *header;	    /* the header a mapping names them by */
	semm__column place; /* of the first of them */
	int mixed;	    /* they are not all placed alike */
	size_t *columns;    /* from 0, in file order */
	size_t n_columns;
	int gather; /* their answers are gathered: an item or unplaced */
	semm__seen seen[SEMM_MAPPING_INIT_ANSWERS_MAX];
	size_t n_seen;
	semm__strmap more; /* label keys of the texts not listed */
} semm__survey_entry;

/** What `semm mapping init` learns from an export. */
typedef struct semm__survey {
	semm__survey_entry *entries; /* in the order of their first column */
	size_t n_entries;
	semm__column *cols; /* per column */
	size_t *entry_of;   /* per column */
	size_t n_columns;
	size_t rows; /* data rows scanned */
} semm__survey;

/**
 * Records the columns of an export, placed as cols says (names: the first
 * header row, texts: the preset's second row or NULL): columns are
 * grouped by the header a mapping names them by. SEMM_OK or SEMM_ENOMEM.
 */
int semm__survey_columns(semm__survey *sv, semm_preset preset,
			 const char *const *names, const char *const *texts,
			 const semm__column *cols, size_t n);

/**
 * Gathers the cell s[0..len-1] of column `column` (from 0) of the row
 * being scanned (sv->rows): the first SEMM_MAPPING_INIT_ANSWERS_MAX
 * distinct texts of an item or unplaced column are kept, the others
 * counted; blank cells and invalid UTF-8 are passed over. SEMM_OK or
 * SEMM_ENOMEM.
 */
int semm__survey_cell(semm__survey *sv, const semm_responses *r, size_t column,
		      const char *s, size_t len);

void semm__survey_free(semm__survey *sv);

/**
 * Reads a CSV export as semm_responses_read_csv does (header rows, BOM,
 * "sep=" line, delimiter, limits), but places its columns without
 * failing on unknown or missing ones and, instead of keeping
 * respondents, hands every cell to the survey (responses_csv.c). The
 * input is data[0..len-1], then fp if not NULL. A file with a header and
 * no rows is surveyed too.
 */
int semm__survey_read_csv(semm__survey *sv, semm_responses *r, FILE *fp,
			  const char *data, size_t len, const char *source,
			  semm_error *err);

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
/** Room for n entries in all without growing; SEMM_ENOMEM. */
int semm__idset_reserve(semm__idset *s, size_t n);
/** Asks the processor for the slot id would take (a hint, no effect on
 * the set): adding ids known ahead then waits less for memory. */
void semm__idset_prefetch(const semm__idset *s, const char *id, size_t n);
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

/** A response left out (semm_exclusion), in input order. */
typedef struct semm__exclusion {
	uint32_t source;
	uint32_t reason; /* semm_exclusion */
	unsigned long line;
	size_t respondent; /* pool offset or SEMM__NO_STRING */
	size_t detail;	   /* pool offset: "Status = Survey Preview" */
} semm__exclusion;

/** A column of an input ignored as neither item nor metadata. */
typedef struct semm__ignored {
	uint32_t source;
	unsigned long column;
	size_t name; /* pool offset */
} semm__ignored;

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

/** Adds count to the tally of key[0..n_key-1]; *index (if not NULL)
 * gets its entry. */
int semm__tally_add(semm__tally *t, const uint32_t *key, size_t n_key,
		    size_t count, size_t *index);
void semm__tally_free(semm__tally *t);

/**
 * A date cell as yyyymmdd: "2026-02-13", "2026/02/13", either followed by
 * a time ("2026-02-13 09:30:00", "2026-02-13T09:30"); 0 for anything else
 * (a date is never guessed from an ambiguous "02/03/2026").
 */
uint32_t semm__parse_date(const char *s, size_t n);

/**
 * The earliest and latest date (yyyymmdd, 0: none) of each group's rows:
 * group_of[key] is the group of store group key `key` (SIZE_MAX: none),
 * for keys below n_keys; first and last hold n_groups + 1 entries, the
 * last for every row.
 */
void semm__responses_dates(const semm_responses *r, const size_t *group_of,
			   size_t n_keys, size_t n_groups, uint32_t *first,
			   uint32_t *last);

struct semm_responses {
	const semm_questionnaire *q;
	semm_read_options opts;
	/* the scope the respondents were read for (semm_responses_set_scope,
	 * a partial's), canonical; NULL: none given */
	char *scope;
	size_t n_items;
	int group_role; /* metadata role of the groups, -1 for one group */
	int packed;	/* 4-bit answer codes */
	size_t row_bytes;
	semm__chunks answers; /* row_bytes per row */
	semm__chunks keys;    /* uint32 per row: group value, id flag */
	semm__chunks where;   /* semm__where per row (keep_rows) */
	/* uint32 per row when the read keeps attributes: its tally entry,
	 * so that a row a merge rejects leaves its group's tally */
	semm__chunks tally_of;
	/* uint32 per row when has_dates: the row's date as yyyymmdd from
	 * the questionnaire's date column, 0 when it has none or it is not
	 * a date (reports show the range of each group's dates) */
	semm__chunks dates;
	int has_dates;
	size_t n_dated; /* rows with a slot in dates (from the first date) */
	size_t n;	/* rows accepted */
	semm__intern groups; /* values of the grouping column */
	semm__intern attr[SEMM_MAX_ATTRIBUTES];
	semm__tally tally;
	semm__idset ids;
	semm__maybe_empty *empty;
	size_t n_empty;
	size_t cap_empty;
	semm__rejection *rej;
	size_t n_rej;
	size_t cap_rej;
	semm__exclusion *excl;
	size_t n_excl;
	size_t cap_excl;
	size_t n_excl_by[SEMM_EXCLUSION_COUNT];
	semm__ignored *ignored;
	size_t n_ignored;
	size_t cap_ignored;
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

/** A row being assembled by a reader before it is accepted. */
typedef struct semm__row {
	uint8_t *answers;	       /* n_items codes */
	const char *meta[SEMM__SLOTS]; /* borrowed, NUL-terminated */
	size_t meta_len[SEMM__SLOTS];
	unsigned long meta_column[SEMM__SLOTS]; /* 0 when not known */
	/* the cells of the tool's filter columns (NULL: no such column) */
	const char *filter[SEMM__FILTERS];
	size_t filter_len[SEMM__FILTERS];
	uint32_t source;
	unsigned long line;
	int bad;		  /* a problem was found */
	unsigned long bad_column; /* where the first problem is */
	char reason[SEMM_ERROR_MESSAGE_MAX];
} semm__row;

/**
 * A row's metadata and filter cells while a reader (CSV, SPSS) assembles
 * it (stage.c): copied into one buffer as they come, pointed at when the
 * row is complete.
 */
typedef struct semm__stage {
	semm__buf text;
	size_t meta_off[SEMM__SLOTS];
	size_t filter_off[SEMM__FILTERS];
} semm__stage;

/** Empties the stage and the row (answers blank, no problem). */
void semm__stage_reset(semm__stage *s, semm__row *row, size_t n_items);
/** Keeps the cell of a metadata or filter column col (1-based column).
 * Returns SEMM_OK or SEMM_ENOMEM. */
int semm__stage_put(semm__stage *s, semm__row *row, const semm__column *col,
		    unsigned long column, const char *cell, size_t len);
/** Points the row at its kept cells; organization (if not NULL) stands
 * for an organization column the input does not have. */
void semm__stage_finish(const semm__stage *s, semm__row *row,
			const char *organization);
void semm__stage_free(semm__stage *s);

/**
 * The ids of the items seen[] marks as without a column, as many as a
 * message holds, comma-separated into listed (NUL-terminated when
 * *missing > 0). Returns SEMM_OK or SEMM_ENOMEM.
 */
int semm__missing_items(const semm_questionnaire *q, const unsigned char *seen,
			semm__buf *listed, size_t *missing);

/** Copies s[0..n-1] and a NUL into the store's pool; returns its offset,
 * or SEMM__NO_STRING with *rc set on failure. */
size_t semm__pool_add(semm_responses *r, const char *s, size_t n, int *rc);

/** Registers an input name; returns its index or SEMM_ENOMEM. */
int semm__responses_add_source(semm_responses *r, const char *name,
			       uint32_t *index);

/** What a cell is to a scale (semm__scale_cell). */
typedef enum semm__cell_kind {
	SEMM__CELL_ANSWER,    /* a point, N/A, don't know, or blank */
	SEMM__CELL_OFF_SCALE, /* a number (or a mapped answer) off the scale */
	SEMM__CELL_TEXT	      /* text neither the scale nor the mapping knows */
} semm__cell_kind;

/**
 * Reads a cell as an answer on scale s: a number (with a decimal comma
 * when decimal_comma), an answer text of mapping m (may be NULL), a
 * label, N/A or don't-know code. *code is set for SEMM__CELL_ANSWER,
 * *value for SEMM__CELL_OFF_SCALE.
 */
semm__cell_kind semm__scale_cell(const semm__scale *s, const semm_mapping *m,
				 int decimal_comma, const char *cell,
				 size_t len, uint8_t *code, double *value);

/**
 * Classifies a cell for item i: sets *code and returns 1, or returns 0
 * and writes why into why[0..why_len-1].
 */
int semm__responses_code(const semm_responses *r, size_t item, const char *cell,
			 size_t len, uint8_t *code, char *why, size_t why_len);

/**
 * The common case of semm__responses_code, inline for the readers: a
 * one- or two-digit point of item i's scale (no leading zero) sets *code
 * and returns 1; 0 leaves the cell to semm__responses_code.
 */
static inline int semm__responses_code_digits(const semm_responses *r,
					      size_t item, const char *cell,
					      size_t len, uint8_t *code)
{
	const semm__scale *s;
	int x;

	if (len == 1 && cell[0] >= '0' && cell[0] <= '9')
		x = cell[0] - '0';
	else if (len == 2 && cell[0] >= '1' && cell[0] <= '9' &&
		 cell[1] >= '0' && cell[1] <= '9')
		x = (cell[0] - '0') * 10 + (cell[1] - '0');
	else
		return 0;
	s = semm__item_scale(r->q, item);
	if (x < s->min || x > s->max)
		return 0;
	*code = (uint8_t)(x - s->min);
	return 1;
}

/** Records a problem on a row (the first one is kept as the reason). */
void semm__row_problem(semm__row *row, unsigned long column, const char *fmt,
		       ...) __attribute__((format(printf, 3, 4)));

/**
 * Records a response left out for reason (detail says why, e.g.
 * "Status = Survey Preview"). Returns SEMM_OK or SEMM_ENOMEM.
 */
int semm__responses_exclude(semm_responses *r, uint32_t source,
			    unsigned long line, const char *respondent,
			    size_t respondent_len, semm_exclusion reason,
			    const char *detail);

/**
 * Whether row is left out by its filter cells (then recorded, *rc the
 * outcome of recording it).
 */
int semm__responses_excluded_row(semm_responses *r, const semm__row *row,
				 int *rc);

/** src's exclusions and ignored columns into dst (source_map: src's
 * source indexes to dst's). */
int semm__merge_exclusions(semm_responses *dst, const semm_responses *src,
			   const uint32_t *source_map);

/** Records column (1-based) `name` of source as ignored, once. */
int semm__responses_ignore_column(semm_responses *r, uint32_t source,
				  unsigned long column, const char *name);

/**
 * Accepts, rejects or leaves out a finished row: a row whose filter
 * cells mark it as not for analysis is left out (unless the read
 * options include it) before anything else is checked. In fail mode a bad row fails with
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

/**
 * Reads CSV from bytes [off, off + len) of the open file fd, its first
 * line numbered first_line (a part of a file cut at line boundaries; the
 * read options' header stands for the file's header rows).
 */
int semm__responses_read_csv_range(semm_responses *r, int fd, off_t off,
				   off_t len, const char *source,
				   unsigned long first_line, semm_error *err);

/**
 * Where the header rows of s[0..n-1] end: after a byte-order mark, an
 * Excel "sep=" line and `rows` records (a quoted line break does not end
 * a record). 0 when they do not end within s.
 */
size_t semm__csv_header_end(const char *s, size_t n, size_t rows);

/**
 * Reads the CSV file open as fd with the read options' threads: cut at
 * line boundaries outside quotes, each part read into its own store on
 * its own thread, the stores merged in order into r. Returns 1 when it
 * did (*rc the outcome), 0 when the file is not for it (small, lines
 * ended by a lone CR) or a part failed: then r is untouched and one
 * thread must read the file, which gives the error in input order.
 */
int semm__read_csv_threaded(semm_responses *r, int fd, const char *source,
			    int *rc, semm_error *err);

/**
 * Reads the SPSS or Stata file at path (responses_sav.c), naming it
 * source in messages.
 */
int semm__responses_read_stat(semm_responses *r, const char *path,
			      semm_stat_format format, const char *source,
			      semm_error *err);

/** The organization of respondents of an input without an organization
 * column: the read options', else the mapping's, else NULL. */
static inline const char *semm__organization(const semm_responses *r)
{
	if (r->opts.organization)
		return r->opts.organization;
	return r->opts.mapping ? r->opts.mapping->organization : NULL;
}

/** The pool string at offset off. */
static inline const char *semm__pool_str(const semm_responses *r, size_t off)
{
	return off == SEMM__NO_STRING ? NULL : r->pool.data + off;
}

#endif
