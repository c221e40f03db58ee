/*
 * compare_internal.h - what compare.c (reading two reports and pairing
 * their units) and compare_write.c (the JSON, CSV and HTML writers)
 * share: the comparison's private structure.
 */
#ifndef SEMM_COMPARE_INTERNAL_H
#define SEMM_COMPARE_INTERNAL_H

#include "report/report_int.h"

#define COMPARE_FORMAT "semm-compare/1"
#define REPORT_FAMILY "semm-report"
#define REPORT_MAJOR 1

/* Largest respondent count accepted from a report: a double holds every
 * integer up to 2^53 exactly. */
#define MAX_COUNT 9007199254740992.0

enum { BEFORE = 0, AFTER = 1 };

extern const char *const semm__compare_side_key[2];

/* What a report says about itself. */
typedef struct side_info {
	const char *source;
	const char *engine_name;
	const char *engine_version;
	const char *model_id;
	const char *model_version;
	const char *model_title;
	const char *q_id;
	const char *q_version;
	const char *group_by; /* NULL: one group */
	const char *scope;    /* canonical; NULL: the whole model */
	const char *na_policy;
	double na_anchor; /* NAN when the report has none */
	double coverage_min;
	double smin;
	double smax;
	const char **inputs;
	size_t n_inputs;
	size_t read;
	size_t scored;
	size_t rejected;
} side_info;

struct semm_compare {
	side_info side[2];
	semm_compare_unit *units;
	size_t n_units;
	size_t cap_units;
	size_t n_groups;
	const char **unmatched[2];
	size_t n_unmatched[2];
	const char **warnings;
	size_t n_warnings;
	char **strs; /* every string the comparison owns */
	size_t n_strs;
	size_t cap_strs;
};

#endif
