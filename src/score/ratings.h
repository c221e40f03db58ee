/*
 * score/ratings.h - assessor ratings joined to a result (ratings.c): per
 * rated organization and element the assessors' ratings, their mean, the
 * survey's figure and the disagreements, and the agreement between the
 * assessors. The writers read this; private to the library.
 */
#ifndef SEMM_SCORE_RATINGS_H
#define SEMM_SCORE_RATINGS_H

#include "defs/ratings.h"
#include "score/score_int.h"

/** One element of a rated organization. */
typedef struct semm__rated_elem {
	size_t n;	       /* assessors who rated it */
	double mean_percent;   /* mean of their percents, NAN when none */
	int mean_band;	       /* the band of the mean, -1 when none */
	double survey_percent; /* the survey's, NAN when none */
	int survey_band;       /* -1 when none */
	/* 1 when an assessor's level and the survey's are
	 * disagree_levels or more apart; largest distance in levels */
	int disagree;
	int max_apart;
} semm__rated_elem;

/** Agreement between the assessors of one organization. */
typedef struct semm__rated_agree {
	semm_kalpha ordinal;  /* on levels (band indexes) */
	semm_kalpha interval; /* on percents */
	semm_kalpha_boot ordinal_boot, interval_boot;
	semm_icc2 icc;	    /* percents of the elements every assessor rated */
	const char *reason; /* why nothing is computed, or NULL */
} semm__rated_agree;

typedef struct semm__rated_org {
	const semm_ratings *set;
	long group; /* the survey group, -1 when none */
	semm__rated_elem *elems;
	semm__rated_agree agree;
} semm__rated_org;

struct semm__ratings_res {
	semm__rated_org *orgs; /* in the order of the sets */
	size_t n;
	semm_ratings_options opts;
};

/** The rated organization that is survey group g, or -1. */
long semm__rated_of_group(const semm_result *res, size_t g);

/** Whether assessor a's rating r is disagree_levels or more from the
 * survey's level of its element. */
int semm__rating_disagrees(const semm_result *res, const semm__rated_org *o,
			   const semm__rating *r);

#endif
