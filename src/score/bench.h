/*
 * bench.h - the benchmark (src/score): distributions per segment and
 * unit, places of groups among their peers (benchmark.c) and a result's
 * benchmark, which the finish step builds (benchmark_score.c). Private
 * to the library.
 */
#ifndef SEMM_BENCH_H
#define SEMM_BENCH_H

#include "score/score_int.h"

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
	/* per unit, 1 when not in the result's scope (no group has a score
	 * on it); NULL: every unit is */
	unsigned char *out_of_scope;
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

#endif
