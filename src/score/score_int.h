/*
 * score_int.h - the finish step (src/score): a result's private
 * structure, its groups and units (score.c), reliability, agreement and
 * the ICCs (reliability.c). Private to the library.
 */
#ifndef SEMM_SCORE_INT_H
#define SEMM_SCORE_INT_H

#include "base/i18n.h"
#include "input/input.h"

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
	/* the further indices (aggregation.c), over the items with two
	 * answers or more; NAN with `more_reason` when there are none */
	double rstar;	  /* r*wg(j) */
	double ad_m;	  /* AD_M(j): mean of the items' AD around the mean */
	double ad_md;	  /* AD_Md(j): around the median */
	size_t ad_items;  /* items averaged */
	double awg;	  /* a_wg(j): mean of the items' a_wg */
	size_t awg_items; /* items with an a_wg */
	const char *more_reason;
	const char *awg_reason;
} semm__agree;

/** What says whether a unit's group figures may be used (aggregation.c). */
typedef struct semm__aggr {
	double icc1_ci[2]; /* 95 % interval of ICC(1) */
	double icc2_ci[2];
	semm_rgr rgr;
	size_t rwg_groups; /* groups with an rwg(j) */
	double rwg_mean;   /* their mean rwg(j) */
	/* the verdict's tests: 1 met, 0 not, -1 unknown */
	int agreement, differ, beyond_chance;
	const char *verdict; /* NULL when undetermined */
	const char *verdict_reason;
} semm__aggr;

/* Threads a result computes and writes on, at most. */
#define SEMM__MAX_THREADS 256

typedef struct semm__group {
	char *id;
	uint32_t key; /* its value in the store (SEMM__NONE32: none) */
	size_t n;
	semm__unit *items;
	size_t *counts; /* per item: points..., na, dk, blank */
	semm__unit *elems;
	semm__unit *dims;
	semm__unit overall;
	int staged;	       /* band index, -1 when unassessed */
	size_t n_unassessed;   /* elements in scope with no score */
	semm_stage_info stage; /* scope_stage.c */
	semm__rel *rel_elems;  /* per element, within the group */
	semm__rel *rel_dims;
	semm__agree *agr_elems;
	semm__agree *agr_dims;
	semm__agree agr_overall; /* every item of the questionnaire */
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
	size_t lang;		/* language of statements in reports */
	semm__lang report_lang; /* language of the reports' own text */
	/* the scope (scope_stage.c): per element and dimension, 1 in scope */
	unsigned char in_elem[SEMM_MAX_MODEL_UNITS];
	unsigned char in_dim[SEMM_MAX_MODEL_UNITS];
	size_t n_in_elems, n_in_dims;
	char *scope;		  /* canonical text, NULL: the whole model */
	const char *scope_source; /* "options", "questionnaire", ... */
	size_t model_lang;	  /* index of report_lang among the model's */
	size_t *answered;	  /* per item: respondents with a value */
	semm__rel *rel_elems;	  /* pooled over all scored respondents */
	semm__rel *rel_dims;
	semm_icc *icc_elems; /* across groups */
	semm_icc *icc_dims;
	semm_icc icc_overall;
	/* per group: moments of each element, dimension and the overall */
	semm_moments *moments;
	struct semm__bench *bench; /* NULL unless benchmarking */
	int summary;		   /* reports without group x item detail */
	unsigned threads;	   /* for the groups and the report files */
	double *dim_corr;	   /* n_dims x n_dims, listwise */
	size_t dim_corr_n;
	semm_finding *findings; /* findings.c */
	size_t n_findings;
	size_t *group_findings; /* n_groups + 1: where each group's start */
	/* aggregation (aggregation.c); units ordered as in `moments` */
	semm_rwg_null rwg_null;
	double rwg_null_variance; /* SEMM_RWG_NULL_VALUE's */
	size_t rgr_replications;
	uint64_t rgr_seed;
	size_t rgr_max_draws;
	double rgr_alpha;
	double icc1_min;
	/* per unit, every group's scores (group after group, each sorted),
	 * n_scored apart; NULL when resampling is left out */
	double *rgr_values;
	const char *rgr_off; /* why resampling is left out, or NULL */
	semm__aggr *aggr;    /* per unit */
	/* assessor ratings (ratings.c), NULL without */
	struct semm__ratings_res *ratings;
};

/* ---- scope and implementation stage (scope_stage.c) ------------------ */

/**
 * Resolves the scope: the options' (version 3), else the responses' (a
 * partial's), else the questionnaire's, else the whole model. The
 * options' and the responses' must agree. SEMM_OK, SEMM_EARG (err says
 * why) or SEMM_ENOMEM.
 */
int semm__scope_options(semm_result *res, const semm_score_options *o,
			semm_error *err);

/** Group gr's implementation stage from its levels (after the staged
 * level). */
void semm__group_stage(const semm_result *res, semm__group *gr);

/** The scope statement in language l into out (NUL-terminated). */
int semm__scope_sentence(const semm_result *res, semm__lang l, semm__buf *out);

/** Group g's stage and reason in language l into out (NUL-terminated). */
int semm__stage_sentence(const semm_result *res, size_t g, semm__lang l,
			 semm__buf *out);

/** The name of a stage in language l ("Pre-implementation" ...; "not
 * placed" for SEMM_STAGE_NONE), for writers that render it. */
const char *semm__stage_label(semm_stage stage, semm__lang l);

/**
 * The group's roadmap: its improvement list (semm__improvements) grouped
 * by the stage each element's gap belongs to (pre-implementation, then
 * implementation, then post-implementation), by priority within a
 * stage. order gets element indexes, rank (may be NULL) their priority
 * rank (1-based), stage (may be NULL) their stage; each with room for
 * every element. Returns how many.
 */
size_t semm__roadmap(const semm_result *res, const semm__group *gr,
		     size_t *order, size_t *rank, semm_stage *stage);

/** "not in scope" in language l: what a writer shows for an element or
 * dimension out of the scope (not "no data"). */
const char *semm__not_in_scope_label(semm__lang l);

/** 1 when the statements' message table has every language's text, and
 * each language's format the same conversions in the same order. */
size_t semm__scope_msgs_check(void);

/** Computes the result's findings (findings.c), once, at the end of
 * scoring. Returns SEMM_OK or SEMM_ENOMEM. */
int semm__findings_build(semm_result *res);

/** Frees the assessor ratings joined to the result (ratings.c). */
void semm__ratings_free(semm_result *res);

/**
 * The sentence of finding i into out (NUL-terminated), and in *next the
 * finding after those it covers: the alpha gaps of one group for one
 * reason make one sentence. Returns 1, 0 past the end, or SEMM_ENOMEM.
 */
int semm__finding_sentence(const semm_result *res, size_t i, size_t *next,
			   semm__buf *out);

/** Where the run of findings starting at i ends: those that say the
 * same of other units of the group (alpha gaps for one reason, the same
 * number below the coverage minimum), which one sentence names. */
size_t semm__finding_run(const semm_result *res, size_t i);

/** The findings of group g: [*first, *end) of the result's list. */
void semm__group_findings(const semm_result *res, size_t g, size_t *first,
			  size_t *end);

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
 * A group's reliability, agreement and moments from its view, adding its
 * exact sums to pool and writing its co-moments of dimension scores into
 * cm (semm__comoments_size doubles).
 */
int semm__group_reliability(const semm_result *res, semm__group *gr,
			    const semm__view *v, semm__pool *pool, double *cm);

/** Doubles of one group's co-moments of dimension scores. */
size_t semm__comoments_size(const semm_result *res);

/**
 * Adds src's sums to dst (src may be NULL or dst), then the co-moments
 * of groups 0..n_groups-1 (cm, in group order) to dst's.
 */
void semm__pool_combine(semm__pool *dst, const semm__pool *src,
			const double *cm, size_t n_groups, size_t n_d);

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

/* ---- aggregation statistics (aggregation.c) --------------------------- */

/**
 * Takes the options of the aggregation statistics (version 2 of
 * semm_score_options) into res, checking them against the
 * questionnaire's scales. SEMM_OK, or SEMM_EARG with err saying which.
 */
int semm__aggregation_options(semm_result *res, const semm_score_options *o,
			      semm_error *err);

/**
 * rwg(j) of a group of n on a unit whose j items have variances var and
 * `options` answer options, under the result's null distribution.
 */
int semm__rwg(const semm_result *res, const double *var, size_t j, size_t n,
	      unsigned options, semm_rwg *out);

/** Allocates what resampling keeps of every group, after the groups are
 * made (before they are described). */
int semm__aggregation_start(semm_result *res);

/**
 * A group's further agreement indices (every unit, its agreement
 * already computed for elements and dimensions) from its answer counts,
 * and its unit scores for resampling at place `start` (the respondents
 * of the groups before it). Needs gr->counts.
 */
int semm__group_aggregation(const semm_result *res, semm__group *gr,
			    const semm__view *v, size_t start);

/** The ICC intervals, resampling and verdicts, after the ICCs. */
int semm__aggregation_finish(semm_result *res);
void semm__aggregation_free(semm_result *res);

/** A unit's items: all items of element e, or of dimension d. */
size_t semm__unit_items(const semm_result *res, int is_dim, size_t index,
			size_t *out);

/* ---- targets applied to a result (defs/targets.c) --------------------- */

/* Declared here, with the result they fill in, although targets.c is a
 * definition file: see docs/ARCHITECTURE.md. */

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

#endif
