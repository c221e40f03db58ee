/*
 * semm/score.h - turns accepted respondents into respondent scores, group
 * statistics, maturity levels and the staged (weakest-link) level.
 */
#ifndef SEMM_SCORE_H
#define SEMM_SCORE_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "model.h"
#include "questionnaire.h"
#include "responses.h"
#include "stats.h"
#include "targets.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The scored assessment (opaque). */
typedef struct semm_result semm_result;

/**
 * Scoring options; start from SEMM_SCORE_OPTIONS_INIT. A negative
 * na_policy or a NAN number means "as the model / questionnaire says".
 */
typedef struct semm_score_options {
	unsigned version;	  /**< SEMM_SCORE_OPTIONS_VERSION */
	int na_policy;		  /**< a semm_na_policy, or -1 */
	double na_anchor_percent; /**< 0..100, or NAN */
	double coverage_min;	  /**< (0, 1], or NAN */
	/**
	 * Column (or metadata role name) that defines groups; NULL groups by
	 * the organization column when the questionnaire has one.
	 */
	const char *group_by;
	/**
	 * Fewest complete cases (respondents who answered every item of a
	 * unit) for Cronbach's alpha to be reported; fewer gives
	 * "insufficient data" with the reason.
	 */
	size_t reliability_min_n;
	/** rwg(j) below this flags a group's agreement as too low. */
	double rwg_threshold;
	/**
	 * Language of the statements written into reports (a code of the
	 * questionnaire's "languages"), or NULL for its default language.
	 */
	const char *lang;
	/**
	 * Targets that override the model's, element by element, or NULL.
	 * Must outlive the result.
	 */
	const semm_targets *targets;
	/**
	 * Place every group (organization) against its peers: the
	 * distribution of group scores and each group's percentile rank,
	 * z-score and rank (docs/BENCHMARK.md). Implied by segment_by.
	 */
	int benchmark;
	/**
	 * Peer segmentations, each an attribute column kept by the read
	 * (semm_read_options.attributes) or such columns joined by '+' for
	 * their crossing ("sector+size_band"); at most
	 * SEMM_MAX_ATTRIBUTES of each.
	 */
	const char *const *segment_by;
	size_t n_segment_by;
	/** Fewest scored respondents for a group to enter the benchmark. */
	size_t bench_min_respondents;
	/**
	 * Anonymity threshold: a segment (or a unit in it) with fewer entered
	 * groups has its statistics withheld, with the reason.
	 */
	size_t bench_min_groups;
	/**
	 * 0: peers are weighed alike (the mean of organization means);
	 * 1: each peer weighs as many as its respondents (pooled over
	 * respondents).
	 */
	int bench_pooled;
	/**
	 * 1 for reports that leave out what grows with groups x items (for
	 * benchmarks of many groups): no item statistics and no per-item
	 * reliability in group blocks, no item rows in scores.csv and
	 * reliability.csv, no respondents.csv. 0 (the default): everything.
	 */
	int summary;

	/* ---- version 2: aggregation statistics (docs/SCORING.md) ---- */

	/**
	 * The null distribution of rwg(j) (and r*wg(j)). The default,
	 * SEMM_RWG_NULL_UNIFORM, is (A^2 - 1) / 12. The skewed and
	 * triangular nulls have tabled variances for 5- and 7-point scales
	 * only: with an item on any other scale the options are refused
	 * (SEMM_EARG) unless SEMM_RWG_NULL_VALUE gives the variance.
	 */
	semm_rwg_null rwg_null;
	/**
	 * With SEMM_RWG_NULL_VALUE: the expected error variance (> 0) used
	 * for every unit, whatever its scale. Otherwise ignored.
	 */
	double rwg_null_variance;
	/**
	 * Random group resampling of each unit's scores: random regroupings
	 * (replications) per unit; 0 leaves it out.
	 */
	size_t rgr_replications;
	/** The seed of the regroupings (each unit draws its own stream). */
	uint64_t rgr_seed;
	/**
	 * Most draws (replications x respondents) per unit: a large unit
	 * gets fewer replications, and none below
	 * SEMM_RGR_MIN_REPLICATIONS (then the figures are withheld with the
	 * reason). Bounds the time and the memory resampling takes.
	 */
	size_t rgr_max_draws;
	/** The verdict's test of resampling: one-sided p below this. */
	double rgr_alpha;
	/**
	 * The verdict's test of ICC(1): the lower bound of its 95 % interval
	 * above this (0: the interval excludes 0).
	 */
	double icc1_min;

	/* ---- version 3: the assessment's scope (docs/SCORING.md) ---- */

	/**
	 * The dimensions and elements assessed (ids of the model, an element
	 * in scope when listed or when its dimension is listed), or NULL
	 * (n_scope 0) for the questionnaire's own "scope", else the whole
	 * model. Overall score, staged level, limiting elements and the
	 * implementation stage are computed over the scope; elements out of
	 * it have no score. Scope ids not of the model are refused
	 * (SEMM_EARG).
	 */
	const char *const *scope;
	size_t n_scope;

	/* ---- version 4: threads ---- */

	/**
	 * Threads that compute the groups' statistics and write the report
	 * files (semm_report_write); 0: as many as the responses were read
	 * with (semm_read_options.threads, 1 for loaded partials). The
	 * results are the same whatever the threads.
	 */
	unsigned threads;
} semm_score_options;

/** Default of semm_score_options.bench_min_respondents. */
#define SEMM_BENCH_MIN_RESPONDENTS 5
/** Default of semm_score_options.bench_min_groups. */
#define SEMM_BENCH_MIN_GROUPS 5

#define SEMM_SCORE_OPTIONS_VERSION 4
/** Default of semm_score_options.reliability_min_n. */
#define SEMM_RELIABILITY_MIN_N 10
/** Default of semm_score_options.rwg_threshold (the usual cut-off). */
#define SEMM_RWG_THRESHOLD 0.70
/** Default of semm_score_options.rgr_replications. */
#define SEMM_RGR_REPLICATIONS 1000
/** Default of semm_score_options.rgr_seed ("SEMM" in ASCII). */
#define SEMM_RGR_SEED 1397050701u
/** Default of semm_score_options.rgr_max_draws (2^20). */
#define SEMM_RGR_MAX_DRAWS 1048576
/** Fewest replications resampling is reported with. */
#define SEMM_RGR_MIN_REPLICATIONS 10
/** Default of semm_score_options.rgr_alpha. */
#define SEMM_RGR_ALPHA 0.05
/** Default of semm_score_options.icc1_min. */
#define SEMM_ICC1_MIN 0.0
#define SEMM_SCORE_OPTIONS_INIT                                             \
	{                                                                   \
		SEMM_SCORE_OPTIONS_VERSION, -1, NAN, NAN, NULL,             \
			SEMM_RELIABILITY_MIN_N, SEMM_RWG_THRESHOLD, NULL,   \
			NULL, 0, NULL, 0, SEMM_BENCH_MIN_RESPONDENTS,       \
			SEMM_BENCH_MIN_GROUPS, 0, 0, SEMM_RWG_NULL_UNIFORM, \
			NAN, SEMM_RGR_REPLICATIONS, SEMM_RGR_SEED,          \
			SEMM_RGR_MAX_DRAWS, SEMM_RGR_ALPHA, SEMM_ICC1_MIN,  \
			NULL, 0, 0                                          \
	}

/**
 * Scores the respondents in r against model and questionnaire q (bound to
 * the model). The result borrows model, q and r: they must outlive it.
 * Returns SEMM_OK, SEMM_EARG (an option out of range, an unknown group
 * column; err says which) or SEMM_ENOMEM; on failure *out is NULL.
 */
SEMM_API int semm_score_run(semm_result **out, const semm_model *model,
			    const semm_questionnaire *q,
			    const semm_responses *r,
			    const semm_score_options *opts, semm_error *err);

/**
 * Checks the options against model and questionnaire q (bound to it)
 * before any response is read: ranges, the group column, the language and
 * the targets. Returns what semm_score_run would for them: SEMM_OK,
 * SEMM_EARG (err says which option and why) or SEMM_ENOMEM.
 */
SEMM_API int semm_score_check_options(const semm_model *model,
				      const semm_questionnaire *q,
				      const semm_score_options *opts,
				      semm_error *err);

/** Frees a result; NULL is a no-op. */
SEMM_API void semm_result_free(semm_result *res);

/** Respondents read, scored and rejected (read = scored + rejected). */
SEMM_API size_t semm_result_read_count(const semm_result *res);
SEMM_API size_t semm_result_scored_count(const semm_result *res);
SEMM_API size_t semm_result_rejected_count(const semm_result *res);
/** Responses left out because a survey tool marks them as not for
 * analysis (semm_responses_excluded_count over every reason). */
SEMM_API size_t semm_result_excluded_count(const semm_result *res);
/**
 * The i-th rejected respondent (0 <= i < rejected count, input order) as
 * one line "source:line:column: reason" into buf of size len, whether it
 * was rejected while reading or for having no answer. Returns buf.
 */
SEMM_API const char *semm_result_rejection(const semm_result *res, size_t i,
					   char *buf, size_t len);
SEMM_API size_t semm_result_group_count(const semm_result *res);
SEMM_API const char *semm_result_group_id(const semm_result *res, size_t g);

/**
 * Group g's overall percent score (NAN if none), profile level and staged
 * level (0 if none). Any out pointer may be NULL.
 */
SEMM_API void semm_result_group_overall(const semm_result *res, size_t g,
					double *percent, int *level,
					int *staged_level);

/**
 * Respondent i's score (score scale) on element e (0 <= e < element
 * count), in input order of scored respondents; NAN when the respondent
 * has insufficient data.
 */
SEMM_API double semm_result_respondent_element(const semm_result *res, size_t i,
					       size_t e);

/*
 * The scope (semm_score_options.scope, or the questionnaire's "scope").
 */

/** 1 when element e is in the result's scope, 0 when not (or no such). */
SEMM_API int semm_result_element_in_scope(const semm_result *res, size_t e);

/** 1 when dimension d has an element in scope, 0 when not (or no such). */
SEMM_API int semm_result_dimension_in_scope(const semm_result *res, size_t d);

/**
 * The scope as ids of the model, comma-separated, in model order: a
 * dimension wholly in scope by its id, else its elements in scope
 * ("D1,E5,E6"); NULL for the whole model (also when the scope lists
 * every element). Borrowed from the result.
 */
SEMM_API const char *semm_result_scope(const semm_result *res);

/**
 * Where the scope came from: "options" (semm_score_options.scope),
 * "questionnaire", "responses" (semm_responses_set_scope, a partial), or
 * "whole model" when none was given.
 */
SEMM_API const char *semm_result_scope_source(const semm_result *res);

/**
 * The scope as one English sentence, as report.json's scope.statement
 * has it ("Scope: whole model (4 dimensions, 9 elements)." or "Scope:
 * D1, E5, E6: 4 of 9 elements (...); not in scope: ..."), into buf of
 * size len (cut to fit; empty when out of memory). Returns buf.
 */
SEMM_API const char *semm_result_scope_statement(const semm_result *res,
						 char *buf, size_t len);

/*
 * The implementation stage (ISO/TS 19390's three stages), indicative and
 * engine-defined: placed by a rule on the group's levels over the scope,
 * with thresholds from the model's "implementation_stages" block or the
 * engine's defaults (docs/SCORING.md, "Implementation stage").
 */
typedef enum semm_stage {
	SEMM_STAGE_NONE =
		0,	/**< not placed: an element in scope has no score */
	SEMM_STAGE_PRE, /**< pre-implementation */
	SEMM_STAGE_IMPLEMENTATION,
	SEMM_STAGE_POST /**< post-implementation */
} semm_stage;

/** Why a group is in its stage. */
typedef enum semm_stage_reason {
	/** Elements in scope have no score (the staged level is null). */
	SEMM_STAGE_WHY_UNASSESSED = 0,
	/** A foundation element (`element`) is below `level`, the
	 * implementation level. */
	SEMM_STAGE_WHY_FOUNDATION,
	/** No foundation element in scope, and the profile (overall) level
	 * is below `level`, the implementation level. */
	SEMM_STAGE_WHY_PROFILE,
	/** The foundation is in place (or the profile level reaches the
	 * implementation level), and element `element` is below `level`,
	 * the post-implementation level. */
	SEMM_STAGE_WHY_DEPLOYING,
	/** Every element in scope is at `level`, the post-implementation
	 * level, or above (the staged level). */
	SEMM_STAGE_WHY_DEPLOYED
} semm_stage_reason;

/** A group's implementation stage and the reason. */
typedef struct semm_stage_info {
	semm_stage stage;
	semm_stage_reason reason;
	long element; /**< the element the reason names, or -1 */
	int level;    /**< the threshold level the reason compares with */
} semm_stage_info;

/** "pre-implementation", "implementation", "post-implementation", or
 * NULL for SEMM_STAGE_NONE. */
SEMM_API const char *semm_stage_name(semm_stage stage);

/**
 * Group g's implementation stage into *out. SEMM_OK, or SEMM_EARG when g
 * is out of range.
 */
SEMM_API int semm_result_group_stage(const semm_result *res, size_t g,
				     semm_stage_info *out);

/**
 * The stage of the roadmap an element's gap belongs to, from its own
 * level in group g: below the implementation level pre-implementation,
 * below the post-implementation level implementation, else
 * post-implementation; SEMM_STAGE_NONE when it has no level (no score,
 * or not in scope).
 */
SEMM_API semm_stage semm_result_element_stage(const semm_result *res, size_t g,
					      size_t e);

/**
 * Group g's stage and its reason as one English sentence, as report.json
 * has it, into buf of size len (cut to fit; empty when g is out of range
 * or memory runs out). Returns buf.
 */
SEMM_API const char *semm_result_stage_message(const semm_result *res, size_t g,
					       char *buf, size_t len);

/*
 * The benchmark (semm_score_options.benchmark). Units are numbered
 * 0 (overall), 1..D (the model's dimensions), D+1.. (its elements);
 * segmentation 0 is "all", then those of segment_by in order.
 */

/** Segmentations of the result's benchmark, 0 when it has none. */
SEMM_API size_t semm_result_bench_segmentations(const semm_result *res);

/** Where a group stands among its peers on one unit. */
typedef struct semm_bench_place {
	double score;	     /**< the group's percent score, NAN if none */
	double percentile;   /**< percentile rank, NAN when not placed */
	double z;	     /**< z-score, NAN when not placed or sd = 0 */
	size_t rank;	     /**< 1 = highest, 0 when not placed */
	size_t of;	     /**< peers with a score */
	const char *segment; /**< its segment, NULL when none */
	const char *reason;  /**< why it is not placed, or NULL */
} semm_bench_place;

/**
 * Group g's place on unit u in segmentation s. Returns SEMM_OK, or
 * SEMM_EARG when there is no benchmark or an index is out of range.
 */
SEMM_API int semm_result_bench_place(const semm_result *res, size_t s, size_t g,
				     size_t u, semm_bench_place *out);

/** The distribution of a unit's group scores in one segment. */
typedef struct semm_bench_dist {
	size_t n;      /**< groups with a score */
	double weight; /**< their total weight */
	double mean, sd, min, q1, median, q3, max;
	double decile[9];     /**< 10 %, 20 %, ... 90 % */
	const char *withheld; /**< why the figures are withheld, or NULL */
} semm_bench_dist;

/**
 * The distribution of unit u in segment `segment` of segmentation s
 * ("all" for segmentation 0). SEMM_OK, or SEMM_EARG when there is no such
 * benchmark, segmentation, segment or unit.
 */
SEMM_API int semm_result_bench_dist(const semm_result *res, size_t s,
				    const char *segment, size_t u,
				    semm_bench_dist *out);

#ifdef __cplusplus
}
#endif

#endif
