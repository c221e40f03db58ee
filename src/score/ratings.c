/*
 * ratings.c - assessor ratings joined to a scored result
 * (semm_result_add_ratings): each rated organization is matched to its
 * survey group (when the result has groups), each element gets the
 * assessors' mean and the survey's percent and level, an assessor's
 * level that lies disagree_levels or more from the survey's is a
 * disagreement (and a finding), and with two assessors or more their
 * agreement over the elements is measured: Krippendorff's alpha on the
 * levels (ordinal) and on the percents (interval), each with its
 * bootstrap interval, and ICC(2,1) / ICC(2,k) on the percents of the
 * elements every assessor rated.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "score/ratings.h"

void semm__ratings_free(semm_result *res)
{
	size_t i;

	if (!res->ratings)
		return;
	for (i = 0; res->ratings->orgs && i < res->ratings->n; i++)
		free(res->ratings->orgs[i].elems);
	free(res->ratings->orgs);
	free(res->ratings);
	res->ratings = NULL;
}

size_t semm_result_rated_count(const semm_result *res)
{
	return res && res->ratings ? res->ratings->n : 0;
}

long semm__rated_of_group(const semm_result *res, size_t g)
{
	size_t i;

	if (!res->ratings)
		return -1;
	for (i = 0; i < res->ratings->n; i++) {
		if (res->ratings->orgs[i].group == (long)g)
			return (long)i;
	}
	return -1;
}

int semm__rating_disagrees(const semm_result *res, const semm__rated_org *o,
			   const semm__rating *r)
{
	int s = o->elems[r->element].survey_band, apart;

	if (s < 0 || r->band < 0)
		return 0;
	apart = abs(r->band - s);
	return apart >= (int)res->ratings->opts.disagree_levels;
}

static int check_options(const semm_ratings_options *o, semm_error *err)
{
	if (o->version < 1 || o->version > SEMM_RATINGS_OPTIONS_VERSION)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "ratings options: unknown version %u",
				  o->version);
	if (o->disagree_levels < 1)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "ratings options: disagreement needs at "
				  "least 1 level");
	if (!(o->level > 0.0 && o->level < 1.0))
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "ratings options: the interval level must "
				  "lie between 0 and 1");
	return SEMM_OK;
}

/* The survey group with id, or -1. */
static long group_of(const semm_result *res, const char *id)
{
	size_t g;

	for (g = 0; g < res->n_groups; g++) {
		if (strcmp(res->groups[g].id, id) == 0)
			return (long)g;
	}
	return -1;
}

static void elements(const semm_result *res, semm__rated_org *o)
{
	const semm_ratings *r = o->set;
	size_t e, a;

	for (e = 0; e < res->model->n_elems; e++) {
		semm__rated_elem *x = &o->elems[e];
		double sum = 0.0;

		x->survey_percent = NAN;
		x->survey_band = -1;
		if (o->group >= 0) {
			const semm__unit *u = &res->groups[o->group].elems[e];

			x->survey_percent = u->percent;
			x->survey_band = u->level;
		}
		for (a = 0; a < r->n_assessors; a++) {
			const semm__rating *t = semm__rating_at(r, a, e);
			int apart;

			if (!t)
				continue;
			x->n++;
			sum += t->percent;
			if (x->survey_band < 0 || t->band < 0)
				continue;
			apart = abs(t->band - x->survey_band);
			if (apart > x->max_apart)
				x->max_apart = apart;
			if (semm__rating_disagrees(res, o, t))
				x->disagree = 1;
		}
		x->mean_percent = x->n ? sum / (double)x->n : NAN;
		x->mean_band = semm__model_band(res->model, x->mean_percent);
	}
}

/* The agreement between o's assessors over the elements. */
static int agreement(const semm_result *res, semm__rated_org *o)
{
	const semm_ratings *r = o->set;
	const semm_ratings_options *opt = &res->ratings->opts;
	size_t ne = res->model->n_elems, na = r->n_assessors, e, a, rows = 0;
	size_t boot = semm_stats_kalpha_boot_work_size(ne, na,
						       opt->boot_replications);
	double *lev = NULL, *pct = NULL, *work = NULL, *complete = NULL;
	semm__rated_agree *g = &o->agree;
	int rc = SEMM_OK;

	g->ordinal.alpha = g->interval.alpha = NAN;
	g->ordinal_boot.lo = g->ordinal_boot.hi = NAN;
	g->interval_boot.lo = g->interval_boot.hi = NAN;
	g->icc.single = g->icc.average = g->icc.df = NAN;
	g->icc.single_ci[0] = g->icc.single_ci[1] = NAN;
	g->icc.average_ci[0] = g->icc.average_ci[1] = NAN;
	g->icc.bms = g->icc.jms = g->icc.ems = NAN;
	if (na < 2) {
		g->reason = "one assessor: no agreement to measure";
		return SEMM_OK;
	}
	if (boot == SIZE_MAX)
		return SEMM_ENOMEM;
	lev = malloc(ne * na * sizeof(*lev));
	pct = malloc(ne * na * sizeof(*pct));
	complete = malloc(ne * na * sizeof(*complete));
	work = malloc((boot > ne * na ? boot : ne * na) * sizeof(*work) + 1);
	if (!lev || !pct || !complete || !work) {
		rc = SEMM_ENOMEM;
		goto done;
	}
	for (e = 0; e < ne; e++) {
		size_t have = 0;

		for (a = 0; a < na; a++) {
			const semm__rating *t = semm__rating_at(r, a, e);

			lev[e * na + a] = t && t->band >= 0 ? t->band : NAN;
			pct[e * na + a] = t ? t->percent : NAN;
			have += t != NULL;
		}
		if (have == na)
			memcpy(complete + rows++ * na, pct + e * na,
			       na * sizeof(*pct));
	}
	rc = semm_stats_kalpha(lev, ne, na, SEMM_KALPHA_ORDINAL, work,
			       &g->ordinal);
	if (rc == SEMM_OK)
		rc = semm_stats_kalpha(pct, ne, na, SEMM_KALPHA_INTERVAL, work,
				       &g->interval);
	if (rc == SEMM_OK && opt->boot_replications > 0)
		rc = semm_stats_kalpha_boot(lev, ne, na, SEMM_KALPHA_ORDINAL,
					    opt->boot_replications,
					    opt->boot_seed, opt->level, work,
					    &g->ordinal_boot);
	if (rc == SEMM_OK && opt->boot_replications > 0)
		rc = semm_stats_kalpha_boot(pct, ne, na, SEMM_KALPHA_INTERVAL,
					    opt->boot_replications,
					    opt->boot_seed, opt->level, work,
					    &g->interval_boot);
	if (rc == SEMM_OK && rows > 0)
		rc = semm_stats_icc2(complete, rows, na, opt->level, &g->icc);
	else if (rc == SEMM_OK)
		g->icc.reason = "no element is rated by every assessor";
done:
	free(lev);
	free(pct);
	free(complete);
	free(work);
	return rc;
}

int semm_result_add_ratings(semm_result *res, const semm_ratings *const *sets,
			    size_t n, const semm_ratings_options *opts,
			    semm_error *err)
{
	semm_ratings_options defaults = SEMM_RATINGS_OPTIONS_INIT;
	struct semm__ratings_res *rr;
	size_t i, k;
	int rc;

	if (!res || (n && !sets))
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "no result or no ratings");
	if (res->ratings)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "ratings are already joined to this result");
	if (!opts)
		opts = &defaults;
	rc = check_options(opts, err);
	if (rc < 0)
		return rc;
	for (i = 0; i < n; i++) {
		const semm_ratings *s = sets[i];

		if (!s || s->n_elems != res->model->n_elems ||
		    strcmp(s->model_id, res->model->id) != 0)
			return semm__fail(err, SEMM_EARG, s ? s->source : NULL,
					  0, 0,
					  "the ratings are not for model %s",
					  res->model->id);
		for (k = 0; k < i; k++) {
			if (strcmp(sets[k]->organization, s->organization) == 0)
				return semm__fail(
					err, SEMM_EARG, s->source, 0, 0,
					"organization %.100s is rated in %.200s "
					"already: put all its assessors in one "
					"ratings file",
					s->organization, sets[k]->source);
		}
		if (res->n_groups > 0 && group_of(res, s->organization) < 0)
			return semm__fail(
				err, SEMM_EARG, s->source, 0, 0,
				"organization %.100s is not among the survey's "
				"groups (the ids must match exactly)",
				s->organization);
	}
	rr = calloc(1, sizeof(*rr));
	if (!rr)
		return semm__fail(err, SEMM_ENOMEM, NULL, 0, 0,
				  "out of memory");
	rr->opts = *opts;
	rr->orgs = calloc(n ? n : 1, sizeof(*rr->orgs));
	rr->n = rr->orgs ? n : 0;
	res->ratings = rr;
	rc = rr->orgs ? SEMM_OK : SEMM_ENOMEM;
	for (i = 0; rc == SEMM_OK && i < n; i++) {
		semm__rated_org *o = &rr->orgs[i];

		o->set = sets[i];
		o->group = group_of(res, sets[i]->organization);
		o->elems = calloc(res->model->n_elems ? res->model->n_elems : 1,
				  sizeof(*o->elems));
		if (!o->elems) {
			rc = SEMM_ENOMEM;
			break;
		}
		elements(res, o);
		rc = agreement(res, o);
	}
	if (rc == SEMM_OK) {
		/* the findings again, now with the disagreements; the old
		 * list stays when that fails */
		semm_finding *f = res->findings;
		size_t nf = res->n_findings, *gf = res->group_findings;

		res->findings = NULL;
		res->group_findings = NULL;
		rc = semm__findings_build(res);
		if (rc == SEMM_OK) {
			free(f);
			free(gf);
		} else {
			res->findings = f;
			res->n_findings = nf;
			res->group_findings = gf;
		}
	}
	if (rc < 0) {
		semm__ratings_free(res);
		return semm__fail(err, rc, NULL, 0, 0,
				  "out of memory while joining ratings");
	}
	return SEMM_OK;
}
