/*
 * json.h - the cJSON adapter: parsing with positions, typed member
 * lookups that fail with the JSON path, line and column of the value.
 * Only the library's JSON readers include this; cJSON stays out of the
 * public headers.
 */
#ifndef SEMM_JSON_H
#define SEMM_JSON_H

#include <cjson/cJSON.h>

#include "base/base.h"

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

/* ---- the cJSON adapter (json.c) --------------------------------------- */

/** Parses d->text; on a syntax error fails with its line and column. */
int semm__json_parse(const semm__jdoc *d, cJSON **root);

/**
 * Checks that root is an object whose "format" is "<family>/<major>" with
 * the major version given.
 */
int semm__json_check_format(const semm__jdoc *d, const cJSON *root,
			    const char *family, int major);

/** A string member, copied into *out (NULL when absent and optional). */
int semm__jget_string(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		      const char *key, int required, char **out);

/** A number member; *out = def when absent and optional. */
int semm__jget_number(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		      const char *key, int required, double def, double *out);

/** A boolean member; *out = def when absent. */
int semm__jget_bool(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		    const char *key, int def, int *out);

/** An array member (NULL when absent and optional). */
int semm__jget_array(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		     const char *key, int required, const cJSON **out);

/** An object member (NULL when absent and optional). */
int semm__jget_object(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		      const char *key, int required, const cJSON **out);

/** An array of strings, copied (count in *n). */
int semm__jget_strings(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
		       const char *key, char ***out, size_t *n);

/**
 * The line of each of the first n elements of the array at path `array`
 * (0 where the text has fewer), in one pass over the text.
 */
void semm__json_element_lines(const semm__jdoc *d, const semm__jpath *array,
			      unsigned long *lines, size_t n);

/** Line and column of the value at path p. */
void semm__json_position(const semm__jdoc *d, const semm__jpath *p,
			 unsigned long *line, unsigned long *column);

/**
 * Fails (a rule problem, collectable) at the first member of obj that is
 * not in the NULL-terminated list `allowed`: a misspelt member must not
 * be ignored silently.
 */
int semm__jcheck_members(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
			 const char *const *allowed);

/**
 * Checks the weight w of the object at p (its member "weight" is named
 * in the error): it must be a normal number from DBL_MIN to
 * SEMM_WEIGHT_MAX, so weighted sums neither overflow nor underflow. A
 * rule problem (collectable).
 */
int semm__jcheck_weight(const semm__jdoc *d, semm__jpath *p, double w);

/** Frees an array of n strings. */
void semm__free_strings(char **s, size_t n);

/** Installs cJSON's allocator hooks (semm_init): a failed allocation
 * while parsing is then reported as out of memory, not bad syntax. */
void semm__json_init(void);

#endif
