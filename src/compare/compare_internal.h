/*
 * compare_internal.h - what compare.c (reading two reports and pairing
 * their units), compare_write.c (the JSON and CSV writers, the folder)
 * and compare_html.c (the page) share: the comparison's private
 * structure.
 */
#ifndef SEMM_COMPARE_INTERNAL_H
#define SEMM_COMPARE_INTERNAL_H

#include "base/json.h"
#include "base/i18n.h"
#include "report/report_int.h"

#define COMPARE_FORMAT "semm-compare/1"
#define REPORT_FAMILY "semm-report"
#define REPORT_MAJOR 1

/* Largest respondent count accepted from a report: a double holds every
 * integer up to 2^53 exactly. */
#define MAX_COUNT 9007199254740992.0

enum { BEFORE = 0, AFTER = 1 };

extern const char *const semm__compare_side_key[2];

/* The warnings a comparison can give, in the order it gives them; bit k
 * of semm_compare.warned is set when warning k was given (compare.html
 * words them in its own language from the side infos). */
enum {
	CW_QUESTIONNAIRE = 0,
	CW_GROUPING,
	CW_NA_POLICY,
	CW_NA_ANCHOR,
	CW_COVERAGE,
	CW_SCALE,
	CW_COUNT
};

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
	const char *lang; /* parameters.lang, NULL when the report has none */
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

/* One assessor's rating of one element of one organization, on either
 * side (compare_ratings.c). */
typedef struct semm__rating_change {
	const char *organization;
	const char *element;
	const char *assessor;
	int has[2];	  /* rated in the before / after report */
	int has_level[2]; /* its level is not null */
	int level[2];
	double percent[2];
} semm__rating_change;

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
	unsigned warned; /* bit CW_* set for each warning given */
	int has_lang;	 /* lang set by semm_compare_set_lang */
	semm__lang lang;
	char **strs; /* every string the comparison owns */
	size_t n_strs;
	size_t cap_strs;
	semm__rating_change *ratings; /* both reports' ratings, or NULL */
	size_t n_ratings;
};

/* A copy of s owned by c (compare.c); sets *rc on failure. */
const char *semm__compare_keep(semm_compare *c, const char *s, int *rc);

/* ---- assessor ratings (compare_ratings.c) ---- */

/** Reads both reports' "ratings" sections (absent: nothing). */
int semm__compare_ratings(semm_compare *c, const semm__jdoc *before,
			  const cJSON *before_root, const semm__jdoc *after,
			  const cJSON *after_root);
void semm__compare_ratings_free(semm_compare *c);
/** compare.json's "ratings" (nothing without ratings). */
void semm__compare_ratings_json(semm__jw *w, const semm_compare *c);
/** compare.csv's rows of type "rating". */
void semm__compare_ratings_csv(FILE *fp, const semm_compare *c);
/* The language compare.html is written in: the one set, else the
 * reports' own when both name the same language semm writes, else
 * English. */
semm__lang semm__compare_lang(const semm_compare *c);

#endif
