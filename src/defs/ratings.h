/*
 * defs/ratings.h - assessor ratings as the later stages read them
 * (ratings.c parses "semm-ratings/1"). Private to the library.
 */
#ifndef SEMM_DEFS_RATINGS_H
#define SEMM_DEFS_RATINGS_H

#include "defs/defs.h"

typedef struct semm__assessor {
	char *id;
	char *name;
	int external; /* role: 1 external, 0 internal */
} semm__assessor;

typedef struct semm__rating {
	size_t assessor; /* index among the file's assessors */
	size_t element;	 /* index among the model's elements */
	int by_level;	 /* 1: rated as a level; 0: as a percent */
	int band;	 /* the level's band index */
	double percent;	 /* given, or the middle of the level's band */
	char *evidence;
	char **documents;
	size_t n_documents;
	char *date;	    /* YYYY-MM-DD */
	unsigned long line; /* where the rating starts in its file */
} semm__rating;

struct semm_ratings {
	char *source;
	char *model_id;
	char *organization;
	semm__assessor *assessors;
	size_t n_assessors;
	semm__rating *ratings;
	size_t n_ratings;
	size_t n_elems;
	/* [assessor * n_elems + element]: index of the rating, or SIZE_MAX */
	size_t *cell;
};

/** The rating of assessor a on element e, or NULL. */
const semm__rating *semm__rating_at(const semm_ratings *r, size_t a, size_t e);

#endif
