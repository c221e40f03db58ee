/*
 * semm/findings.h - what a result says about itself, computed once by the
 * library so that every writer (JSON, CSV, HTML, Excel) renders the same
 * list: warnings about the data and the statistics, and each group's
 * strengths, weaknesses and priorities.
 */
#ifndef SEMM_FINDINGS_H
#define SEMM_FINDINGS_H

#include <stddef.h>

#include "common.h"
#include "score.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a finding is about. */
typedef enum semm_finding_kind {
	/** An input had columns that are neither items nor metadata (ignored;
	 * text: the input, count: how many). */
	SEMM_FINDING_COLUMNS_IGNORED = 0,
	/** Responses a survey tool marks as not for analysis were left out
	 * (count). */
	SEMM_FINDING_RESPONSES_EXCLUDED,
	/** Respondents were rejected (count). */
	SEMM_FINDING_RESPONDENTS_REJECTED,
	/** Nobody answered an item (item). */
	SEMM_FINDING_ITEM_UNANSWERED,
	/** An item runs against the other items of its element: negative
	 * corrected item-total correlation (item, unit: the element,
	 * value: r). */
	SEMM_FINDING_ITEM_AGAINST,
	/** Respondents answered too few items of an element to have its
	 * score (unit, count of the group's of). */
	SEMM_FINDING_COVERAGE,
	/** Cronbach's alpha of a unit is not reported (text: why, count:
	 * complete cases, of: the fewest needed). */
	SEMM_FINDING_ALPHA_MISSING,
	/** Respondents disagree on a unit: rwg(j) below the threshold
	 * (value, threshold). */
	SEMM_FINDING_LOW_AGREEMENT,
	/** One of the group's three strongest elements (rank 1..3, value:
	 * percent). */
	SEMM_FINDING_STRENGTH,
	/** One of the group's three weakest elements (rank 1..3, value:
	 * percent). */
	SEMM_FINDING_WEAKNESS,
	/** An element below its target, by priority (rank, value: gap in
	 * percent points, threshold: the target). */
	SEMM_FINDING_PRIORITY,
	/** An assessor's rating of an element lies a level or more (the
	 * ratings options' disagree_levels) from the survey's level (unit:
	 * the element, text: the assessor id, value: the assessor's level,
	 * threshold: the survey's level, count: levels apart). */
	SEMM_FINDING_RATING_DISAGREES,
	SEMM_FINDING_KIND_COUNT
} semm_finding_kind;

/** Which unit a finding names. */
typedef enum semm_finding_unit {
	SEMM_FINDING_UNIT_NONE = 0,
	SEMM_FINDING_UNIT_ELEMENT,
	SEMM_FINDING_UNIT_DIMENSION
} semm_finding_unit;

/** One finding; fields a kind does not use are 0, NULL or NAN. */
typedef struct semm_finding {
	semm_finding_kind kind;
	/** 1: a warning (the numbers may mislead); 0: a finding of the
	 * assessment itself (strengths, weaknesses, priorities). */
	int warning;
	/** The group (index as semm_result_group_id), or -1 for all. */
	long group;
	semm_finding_unit unit_type;
	size_t unit; /**< element or dimension index in the model */
	long item;   /**< questionnaire item index, or -1 */
	size_t rank;
	size_t count;
	size_t of;
	double value;
	double threshold;
	const char *text; /**< borrowed from the result */
} semm_finding;

/** Short name of a kind ("columns_ignored", "low_agreement", ...). */
SEMM_API const char *semm_finding_kind_name(semm_finding_kind kind);

/**
 * Findings of the result, in a fixed order: first those over all
 * respondents (inputs, rejections, items), then each group's in group
 * order (warnings, then strengths, weaknesses and priorities, then the
 * assessor ratings that disagree with the survey, once ratings are
 * joined: semm_result_add_ratings).
 */
SEMM_API size_t semm_result_finding_count(const semm_result *res);

/** The i-th finding, or NULL when i is out of range. */
SEMM_API const semm_finding *semm_result_finding(const semm_result *res,
						 size_t i);

/**
 * The finding as one English sentence, as report.json's warnings[] has
 * it, into buf of size len (cut to fit). Returns buf.
 */
SEMM_API const char *semm_finding_message(const semm_result *res,
					  const semm_finding *f, char *buf,
					  size_t len);

#ifdef __cplusplus
}
#endif

#endif
