/*
 * semm/responses.h - respondents' answers read from CSV (streamed through
 * libcsv), JSON, or SPSS and Stata files (libreadstat), checked against a
 * questionnaire and stored compactly.
 * Respondents whose rows are wrong are rejected with their reason, or the
 * read fails, as the caller chooses.
 */
#ifndef SEMM_RESPONSES_H
#define SEMM_RESPONSES_H

#include <stdio.h>
#include <stddef.h>

#include "common.h"
#include "questionnaire.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A growing set of respondents for one questionnaire (opaque). */
typedef struct semm_responses semm_responses;

/**
 * Survey-tool export layouts the CSV reader understands (see
 * docs/IMPORT.md): their extra header rows, their own metadata columns
 * and the way they head question columns.
 */
typedef enum semm_preset {
	SEMM_PRESET_NONE = 0,
	SEMM_PRESET_QUALTRICS,
	SEMM_PRESET_LIMESURVEY,
	SEMM_PRESET_GOOGLE_FORMS,
	SEMM_PRESET_MS_FORMS
} semm_preset;

/**
 * The files of statistics packages that respondents can be read from,
 * through libreadstat (see docs/IMPORT.md, "SPSS and Stata files").
 */
typedef enum semm_stat_format {
	SEMM_STAT_SAV = 0, /**< SPSS .sav, and its compressed form .zsav */
	SEMM_STAT_POR,	   /**< SPSS portable .por */
	SEMM_STAT_DTA	   /**< Stata .dta */
} semm_stat_format;

/** Name of a preset ("none", "qualtrics", "limesurvey", ...). */
SEMM_API const char *semm_preset_name(semm_preset preset);

/** Parses a preset name; returns SEMM_OK or SEMM_EARG. */
SEMM_API int semm_preset_parse(const char *name, semm_preset *out);

/**
 * A mapping file ("semm-mapping/1"): export column headers to item ids
 * or metadata roles (or to nothing, to ignore a column), answer texts to
 * scale values, and the column holding the respondent id. A column entry
 * may be an object whose "item" says the same, with members that only
 * inform (docs/FORMATS.md); an answer whose value is null is not filled
 * in yet, and loading fails naming it.
 */
typedef struct semm_mapping semm_mapping;

/** Parses a mapping; ownership and codes as semm_model_from_buffer. */
SEMM_API int semm_mapping_from_buffer(semm_mapping **out, const char *data,
				      size_t len, const char *source,
				      semm_error *err);

/** Reads the file at path and calls semm_mapping_from_buffer. */
SEMM_API int semm_mapping_from_file(semm_mapping **out, const char *path,
				    semm_error *err);

/** Frees a mapping; NULL is a no-op. */
SEMM_API void semm_mapping_free(semm_mapping *mapping);

/**
 * The id of the questionnaire a mapping says it was made for (its
 * "questionnaire" member), or NULL. Scoring does not use it.
 */
SEMM_API const char *semm_mapping_questionnaire(const semm_mapping *mapping);

/**
 * Checks a mapping, handing every broken rule to fn instead of stopping
 * at the first (fn NULL: the first fails): answers without a value yet,
 * misspelt members and, when q is not NULL, the mapping against that
 * questionnaire: the mapping names no other questionnaire (its
 * "questionnaire" member), every item id or metadata role named exists,
 * no item or
 * role is given two columns, no header is listed twice, every answer's
 * value is a point of the scales of the items whose columns list the
 * answer among their "answers_seen" (of some scale of q when none
 * does), no answer text is a number (numbers are read as themselves),
 * and every text an item column lists in "answers_seen" is an answer of
 * the item's scale or of the mapping. Syntax and structure errors still
 * stop the check (err says where). q need not be bound. Returns SEMM_OK
 * when valid, then *out (if out is not NULL) owns the mapping;
 * SEMM_EINVALID when fn received problems; SEMM_EPARSE, SEMM_ESCHEMA or
 * SEMM_ENOMEM.
 */
SEMM_API int semm_mapping_check(const char *data, size_t len,
				const char *source, const semm_questionnaire *q,
				semm_check_fn fn, void *ctx, semm_mapping **out,
				semm_error *err);

/** What to do with a respondent whose row is wrong. */
typedef enum semm_on_error {
	SEMM_ON_ERROR_REJECT = 0, /**< list it as rejected and go on */
	SEMM_ON_ERROR_FAIL = 1	  /**< stop reading with SEMM_EDATA */
} semm_on_error;

/** Reading options; start from SEMM_READ_OPTIONS_INIT. */
typedef struct semm_read_options {
	unsigned version; /**< SEMM_READ_OPTIONS_VERSION */
	semm_on_error on_error;
	/**
	 * CSV field delimiter; '\0' detects it from the header line (the
	 * most frequent of ',', ';' and tab outside quotes; ',' on a tie).
	 */
	char delimiter;
	size_t max_field_bytes; /**< longest CSV field or JSON string */
	size_t max_columns;	/**< most CSV columns */
	semm_preset preset;	/**< the export's layout */
	/** Extra header and answer mapping, or NULL; must outlive reading. */
	const semm_mapping *mapping;
	/**
	 * Whether "4,0" is a number: 1 yes, 0 no, -1 when the delimiter is
	 * ';' (the habit of spreadsheets in comma-decimal locales).
	 */
	int decimal_comma;
	/**
	 * Extra columns kept for every respondent as text (attributes of its
	 * organization such as sector or size band, used to form peer
	 * segments), at most SEMM_MAX_ATTRIBUTES; a CSV file must have each
	 * of them. The strings must outlive reading.
	 */
	const char *const *attributes;
	size_t n_attributes;
	/**
	 * Called, if not NULL, after each block a stream reader has read:
	 * the input's name, the bytes read from it so far and the rows
	 * (respondents) read so far over all inputs. For progress displays.
	 */
	void (*progress)(void *ctx, const char *source,
			 unsigned long long bytes, size_t rows);
	void *progress_ctx;
	/**
	 * The metadata column (or role name) respondents will be grouped by,
	 * as semm_score_options.group_by: the store folds each row into its
	 * group as it is read and keeps only this column's values, so the
	 * scoring must group by the same column. NULL: the organization
	 * column, when the questionnaire has one.
	 */
	const char *group_by;
	/**
	 * 1 (the default): keep each accepted respondent's id, source and
	 * line, for respondent-level reports (respondents.csv). 0: keep only
	 * what the group figures need (the answers, packed, and the group),
	 * for large benchmarks in little memory.
	 */
	int keep_rows;
	/**
	 * Threads that read one large CSV file (a regular file, not standard
	 * input): the file is cut at line boundaries, each part read into
	 * its own set and the sets merged in order, with the same result as
	 * one thread. 0 or 1: one thread.
	 */
	unsigned threads;
	/**
	 * The header row(s) of CSV inputs that have none (shards of a file
	 * split by lines), as text ending in a line break; NULL: each input
	 * starts with its own. An input that starts with these very rows
	 * (the first shard) has them skipped. The string must outlive
	 * reading.
	 */
	const char *header;

	/* ---- version 3 ---- */

	/**
	 * Columns of an export that are neither items nor metadata: 1 they
	 * are ignored and listed (semm_responses_ignored_column), 0 the read
	 * fails naming every one of them, -1 (the default) ignored when a
	 * preset or a mapping is given, else the read fails. A questionnaire
	 * item missing from the file is an error either way.
	 */
	int ignore_unknown_columns;
	/**
	 * Headers of columns to ignore whatever they are (matched as headers
	 * are: trimmed, case-folded), or NULL. The strings must outlive
	 * reading.
	 */
	const char *const *ignore_columns;
	size_t n_ignore_columns;
	/**
	 * Responses a survey tool marks as not for analysis that are read
	 * all the same (a mask of SEMM_INCLUDE_*; 0, the default: they are
	 * left out and counted as excluded, by reason; docs/IMPORT.md).
	 */
	unsigned include;
	/**
	 * The organization of every respondent when the input has no
	 * organization column (a self-assessment), or NULL. An input that
	 * has the column keeps its own values.
	 */
	const char *organization;
} semm_read_options;

/** semm_read_options.include: unfinished and never-submitted responses. */
#define SEMM_INCLUDE_UNFINISHED 1u
/** semm_read_options.include: survey previews and test responses. */
#define SEMM_INCLUDE_TEST 2u
/** semm_read_options.include: responses the tool flagged as spam. */
#define SEMM_INCLUDE_SPAM 4u

/** Most extra columns a read can keep (semm_read_options.attributes). */
#define SEMM_MAX_ATTRIBUTES 8

#define SEMM_READ_OPTIONS_VERSION 3
#define SEMM_READ_OPTIONS_INIT                                                \
	{                                                                     \
		SEMM_READ_OPTIONS_VERSION, SEMM_ON_ERROR_REJECT, '\0', 65536, \
			10000, SEMM_PRESET_NONE, NULL, -1, NULL, 0, NULL,     \
			NULL, NULL, 1, 0, NULL, -1, NULL, 0, 0, NULL          \
	}

/**
 * Creates an empty set for the bound questionnaire q (which must outlive
 * it). opts may be NULL for the defaults. Returns SEMM_OK, SEMM_EARG or
 * SEMM_ENOMEM; on failure *out is NULL.
 */
SEMM_API int semm_responses_new(semm_responses **out,
				const semm_questionnaire *q,
				const semm_read_options *opts);

/** Frees the set; NULL is a no-op. */
SEMM_API void semm_responses_free(semm_responses *r);

/**
 * Streams CSV from fp (read in blocks, never held whole) and adds its
 * respondents. `source` names the input in messages. A problem with the
 * file as a whole (unreadable, bad header, unknown or missing column, not
 * CSV) fails with err set; a problem with one row rejects that respondent
 * or fails, as the options say.
 */
SEMM_API int semm_responses_read_csv(semm_responses *r, FILE *fp,
				     const char *source, semm_error *err);

/** As semm_responses_read_csv, from data[0..len-1]. */
SEMM_API int semm_responses_read_csv_buffer(semm_responses *r, const char *data,
					    size_t len, const char *source,
					    semm_error *err);

/** Adds the respondents of a "semm-responses/1" JSON document. */
SEMM_API int semm_responses_read_json_buffer(semm_responses *r,
					     const char *data, size_t len,
					     const char *source,
					     semm_error *err);

/**
 * Adds the respondents of an SPSS or Stata file (through libreadstat; see
 * docs/IMPORT.md, "SPSS and Stata files"): one record per respondent;
 * variable names are the column headers and variable labels stand for
 * Qualtrics' second header row, placed as a CSV export's columns are
 * (presets and mappings apply). An item's value is its number, or, for
 * a value outside the scale or a missing value, its value label when
 * that is an N/A or don't-know code (else a missing value is blank).
 * Value labels that contradict the item's scale fail the read. Records
 * are numbered from 1; messages say "source: record N" when source ends
 * in ".sav", ".zsav", ".por" or ".dta" (semm_stat_format_from_name), and
 * the record number is the rejection's line. The file is read twice
 * (dictionary, then records), never held whole. Returns as
 * semm_responses_read_csv; SEMM_EPARSE for a truncated, damaged or
 * foreign file.
 */
SEMM_API int semm_responses_read_stat(semm_responses *r, const char *path,
				      semm_stat_format format, semm_error *err);

/** As semm_responses_read_stat, from data[0..len-1], named source. */
SEMM_API int semm_responses_read_stat_buffer(semm_responses *r,
					     const void *data, size_t len,
					     semm_stat_format format,
					     const char *source,
					     semm_error *err);

/**
 * The format of a file by the ending of its name: ".sav" and ".zsav"
 * (SPSS), ".por" (SPSS portable), ".dta" (Stata), in any case. Returns 1
 * and sets *out (if not NULL), or 0.
 */
SEMM_API int semm_stat_format_from_name(const char *name,
					semm_stat_format *out);

/**
 * Reads a file: an SPSS or Stata file by its name's ending
 * (semm_stat_format_from_name; not standard input); else "-" is standard
 * input; JSON when the name ends in ".json" or the first non-blank byte
 * is '{' or '['; CSV otherwise.
 */
SEMM_API int semm_responses_read_path(semm_responses *r, const char *path,
				      semm_error *err);

/**
 * Moves the respondents of src into dst as if src's inputs had been read
 * after dst's (the merge step of the accumulator: shards and threads each
 * read into their own set, then merge). A respondent of src whose id dst
 * already has is rejected as a duplicate, as one read would. Both sets
 * must be for the same questionnaire with the same read options; src is
 * left without respondents (its rows are moved, or freed as they are
 * copied). Returns SEMM_OK, SEMM_EARG or SEMM_ENOMEM; after SEMM_ENOMEM
 * dst may hold part of src, and both are only to be freed.
 */
SEMM_API int semm_responses_merge(semm_responses *dst, semm_responses *src,
				  semm_error *err);

/**
 * Records the scope the respondents are assessed for (dimension and
 * element ids of the questionnaire's model; n == 0: the whole model):
 * a partial keeps it, semm_responses_merge refuses sets of different
 * scopes, and semm_score_run scores over it (options that give another
 * scope are refused). Returns SEMM_OK, SEMM_EARG (an id not of the
 * model) or SEMM_ENOMEM.
 */
SEMM_API int semm_responses_set_scope(semm_responses *r, const char *const *ids,
				      size_t n, semm_error *err);

/** The set's scope in canonical form ("D1,E5,E6"), or NULL when none
 * was recorded (or it is the whole model). */
SEMM_API const char *semm_responses_scope(const semm_responses *r);

/**
 * Saves the set as a partial ("SEMMPART" format version 3, binary, see
 * docs/FORMATS.md): everything a later merge and scoring need, with the
 * engine version, the questionnaire's and model's ids, versions and
 * hashes, and a checksum. The partial says its own length, so several
 * may follow each other in one stream. Returns SEMM_OK, SEMM_EARG,
 * SEMM_ENOMEM or SEMM_EIO.
 */
SEMM_API int semm_responses_save(const semm_responses *r, FILE *fp,
				 semm_error *err);

/**
 * Saves the set as dir/partial.semm, all or nothing (the folder keeps
 * its previous file when writing fails). Returns as semm_responses_save.
 */
SEMM_API int semm_responses_save_dir(const semm_responses *r, const char *dir,
				     semm_error *err);

/**
 * Loads one partial, data[0..len-1] exactly, into a new set for the
 * bound questionnaire q (which must outlive it). Every byte is checked:
 * a damaged, truncated or forged partial fails with SEMM_EPARSE, a
 * partial of another engine version, questionnaire or model with
 * SEMM_EDATA; err says "byte OFFSET: section: what". The set keeps the
 * read options the partial was written with (grouping, attribute
 * columns, keep_rows); more respondents may be merged into it with
 * semm_responses_merge. On failure *out is NULL.
 */
SEMM_API int semm_responses_load_buffer(semm_responses **out,
					const semm_questionnaire *q,
					const char *data, size_t len,
					const char *source, semm_error *err);

/**
 * As semm_responses_load_buffer, reading one partial from fp and leaving
 * the stream just after it (the next partial, or the end). Reads only
 * as many bytes as the stream holds: a forged length fails as
 * truncation. SEMM_EIO when the stream cannot be read.
 */
SEMM_API int semm_responses_load(semm_responses **out,
				 const semm_questionnaire *q, FILE *fp,
				 const char *source, semm_error *err);

/**
 * The header row(s) of the CSV file at path, as the read options would
 * read them (a byte-order mark left out; an Excel "sep=" line and the
 * preset's extra header rows kept), newly allocated into *out: the
 * semm_read_options.header of shards of that file. Returns SEMM_OK,
 * SEMM_EIO, SEMM_EDATA (no complete header) or SEMM_ENOMEM.
 */
SEMM_API int semm_responses_header_from_file(char **out, const char *path,
					     const semm_read_options *opts,
					     semm_error *err);

/**
 * Most distinct answer texts semm_mapping_init lists for one column; a
 * column with more is taken for free text or ids: the rest are only
 * counted, and its texts are not proposed as answers.
 */
#define SEMM_MAPPING_INIT_ANSWERS_MAX 30

/**
 * Writes a mapping stub for the CSV export data[0..len-1] (`source` names
 * it in messages) into *out: a "semm-mapping/1" document (JSON, UTF-8,
 * ending in a line break; the caller frees it with free()) that lists
 * every column of the export in file order under its header, as reading
 * with the same options would place it:
 *
 * - an item or metadata column: {"item": ID or role, "matched_by": how,
 *   "column": N, ...}; how is "id", "statement", "brackets" (the text in
 *   "Question [Row]"), "question text" (Qualtrics' second header row) or
 *   "metadata";
 * - one of the preset tool's own columns: {"matched_by": "tool", "tool":
 *   "respondent id", "ignored" or "response filter", "column": N}, without
 *   "item", so that the usual rules still place it;
 * - a column placed by nothing: {"item": null, "column": N, ...}, which
 *   ignores it until an item id or role is filled in.
 *
 * Item and unplaced columns list their distinct answer texts in the order
 * first seen ("answers_seen", at most SEMM_MAPPING_INIT_ANSWERS_MAX, and
 * "answers_more": how many other texts there are). The texts of item
 * columns that the item's scale does not read (not a label, synonym, N/A
 * or don't-know code, nor a number) are the keys of "answers", in the
 * order first seen, with the value null to be filled in; a column with
 * more texts than listed proposes none. The header rows are read as
 * semm_responses_read_csv reads them under opts (preset, delimiter,
 * decimal commas, limits; opts may be NULL); the mapping, attribute,
 * ignore, group and organization options are not used. The same export
 * gives the same bytes. Used unchanged with the same preset, the stub
 * places every column as the preset alone does, except that unplaced
 * columns are ignored without being listed.
 *
 * q must be bound. Returns SEMM_OK, SEMM_EARG (q not bound, opts of an
 * unknown version), SEMM_EPARSE, SEMM_EDATA (no header, invalid UTF-8 in
 * it, a partial Qualtrics header), SEMM_ELIMIT or SEMM_ENOMEM, with err
 * filled in; on failure *out is NULL.
 */
SEMM_API int semm_mapping_init_buffer(char **out, const semm_questionnaire *q,
				      const char *data, size_t len,
				      const char *source,
				      const semm_read_options *opts,
				      semm_error *err);

/**
 * As semm_mapping_init_buffer, reading the file at path ("-": standard
 * input), streamed; SEMM_EIO when it cannot be read.
 */
SEMM_API int semm_mapping_init(char **out, const semm_questionnaire *q,
			       const char *path, const semm_read_options *opts,
			       semm_error *err);

/**
 * Why a response was left out: neither scored nor rejected, because the
 * survey tool marks it as not for analysis (docs/IMPORT.md says which
 * value of which column means what). semm_read_options.include brings
 * them back.
 */
typedef enum semm_exclusion {
	SEMM_EXCLUDED_PREVIEW = 0,   /**< a survey preview */
	SEMM_EXCLUDED_TEST,	     /**< a test response */
	SEMM_EXCLUDED_SPAM,	     /**< flagged as spam by the tool */
	SEMM_EXCLUDED_UNFINISHED,    /**< started, not finished */
	SEMM_EXCLUDED_NOT_SUBMITTED, /**< never submitted */
	SEMM_EXCLUSION_COUNT
} semm_exclusion;

/** Name of a reason ("preview", "test", "spam", "unfinished",
 * "not submitted"). */
SEMM_API const char *semm_exclusion_name(semm_exclusion reason);
/** Responses left out so far for reason, or for every reason when
 * reason is SEMM_EXCLUSION_COUNT. */
SEMM_API size_t semm_responses_excluded_count(const semm_responses *r,
					      semm_exclusion reason);
/**
 * The i-th response left out, in input order, as one line
 * "source:line: reason (column = value)", into buf of size len; *reason
 * (if not NULL) gets its reason. Returns buf.
 */
SEMM_API const char *semm_responses_exclusion(const semm_responses *r, size_t i,
					      semm_exclusion *reason, char *buf,
					      size_t len);
/** Columns of the inputs that were ignored as neither items nor
 * metadata (semm_read_options.ignore_unknown_columns), each input's
 * once. */
SEMM_API size_t semm_responses_ignored_count(const semm_responses *r);
/** The i-th ignored column's header, and in *source (if not NULL) the
 * input it is in. */
SEMM_API const char *semm_responses_ignored_column(const semm_responses *r,
						   size_t i,
						   const char **source);
/** Respondents read: accepted, rejected and excluded. */
SEMM_API size_t semm_responses_read_count(const semm_responses *r);
/** Respondents accepted so far. */
SEMM_API size_t semm_responses_count(const semm_responses *r);

/** Bytes of a date written by semm_responses_date_range, NUL included. */
#define SEMM_DATE_BUFSIZE 11

/**
 * The earliest and latest date of the accepted respondents, from the
 * questionnaire's date column (cells read as dates only when
 * unambiguous: yyyy-mm-dd or yyyy/mm/dd, with a time or not), as
 * "YYYY-MM-DD" into first and last (SEMM_DATE_BUFSIZE bytes each).
 * Returns 1, or 0 with both empty when no respondent has a date.
 */
SEMM_API int semm_responses_date_range(const semm_responses *r, char *first,
				       char *last);
/** Respondents rejected while reading. */
SEMM_API size_t semm_responses_rejected_count(const semm_responses *r);

/**
 * The i-th rejection as one line "source:line:column: reason"
 * (0 <= i < rejected count), into buf of size len. Returns buf.
 */
SEMM_API const char *semm_responses_rejection(const semm_responses *r, size_t i,
					      char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
