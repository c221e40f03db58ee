/*
 * json.h - the cJSON adapter: parsing with positions, typed member
 * lookups that fail with the JSON path, line and column of the value.
 * Only the library's JSON readers include this; cJSON stays out of the
 * public headers.
 */
#ifndef SEMM_JSON_H
#define SEMM_JSON_H

#include <cjson/cJSON.h>

#include "internal.h"

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
 * Parses {"E1": {"level": 4}, "*": {"percent": 60}} at obj into t (the
 * model's "targets" member and targets files share it; targets.c).
 */
int semm__targets_parse(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
			semm_targets *t);

/**
 * Checks the weight w of the object at p (its member "weight" is named
 * in the error): it must be a normal number from DBL_MIN to
 * SEMM_WEIGHT_MAX, so weighted sums neither overflow nor underflow. A
 * rule problem (collectable).
 */
int semm__jcheck_weight(const semm__jdoc *d, semm__jpath *p, double w);

/** Frees an array of n strings. */
void semm__free_strings(char **s, size_t n);

#endif
