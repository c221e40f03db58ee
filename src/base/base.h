/*
 * base.h - what every stage of the library builds on (src/base): the
 * error helpers, strings and label keys, number parsing, UTF-8 checks,
 * reading a file, the growable buffer (util.c) and the string -> index
 * map (strmap.c). Names with a double underscore (semm__*) are shared
 * between the library's files; nothing here is part of the public API.
 */
#ifndef SEMM_BASE_H
#define SEMM_BASE_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "semm/semm.h"

/* ---- errors and strings (util.c) ------------------------------------ */

/** Fills err (if not NULL) and returns code. */
int semm__fail(semm_error *err, int code, const char *source,
	       unsigned long line, unsigned long column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
int semm__vfail(semm_error *err, int code, const char *source,
		unsigned long line, unsigned long column, const char *fmt,
		va_list ap) __attribute__((format(printf, 6, 0)));

/**
 * Whether name ends in the file name ending of an SPSS or Stata file
 * (".sav", ".zsav", ".por", ".dta", any case); *out (if not NULL) gets its
 * format. Files are told apart by name: semm_responses_read_path sends
 * them to the libreadstat reader, and their places are records.
 */
int semm__stat_format_of(const char *name, semm_stat_format *out);

/**
 * Where a problem is, as every message says it, into buf (len bytes):
 * "source:line:column", "source:line", or "source" when line is 0; for an
 * SPSS or Stata file (semm__stat_format_of), whose rows are records, not
 * lines, "source: record LINE" (its messages name the variable, so the
 * column is left out). Returns what snprintf returns.
 */
int semm__locate(char *buf, size_t len, const char *source, unsigned long line,
		 unsigned long column);

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

/** Makes room for element n (0-based) of the array *p of *cap elements
 * of `size` bytes, doubling *cap (from 16) when n has reached it.
 * Returns SEMM_OK or SEMM_ENOMEM (*p and *cap unchanged). */
int semm__grow_array(void **p, size_t *cap, size_t n, size_t size);

#endif
