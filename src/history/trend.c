/*
 * trend.c - a group's units over the assessments of a store: the series
 * of each unit (the figures the store keeps), the change between
 * consecutive assessments as semm compare gives it (their two reports
 * compared: Welch interval, verdict, level change; one implementation of
 * those rules) and the least-squares line of the mean on the wave number
 * with the interval of its slope (semm_stats_linfit).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "history/history_int.h"

/* The reports of the assessments that have the group. */
typedef struct waves {
	long long *ids;
	const char **labels;
	const char **texts;
	size_t *lens;
	size_t n;
} waves;

static void waves_free(waves *w)
{
	free(w->ids);
	free((void *)w->labels);
	free((void *)w->texts);
	free(w->lens);
}

void semm_trend_free(semm_trend *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n_compares; i++)
		semm_compare_free(t->compares[i]);
	free(t->compares);
	free(t->series);
	free(t->points);
	free(t->changes);
	free((void *)t->warnings);
	semm__hpool_free(&t->pool);
	free(t);
}

/* Compares each wave with the next, keeping the comparisons. */
static int compare_waves(semm_trend *t, semm_history *h, const waves *w,
			 semm_error *err)
{
	char name[2][SEMM_ERROR_SOURCE_MAX];
	size_t i, k, j;
	int rc = SEMM_OK;

	t->compares = calloc(w->n ? w->n : 1, sizeof(*t->compares));
	if (!t->compares)
		return SEMM_ENOMEM;
	for (i = 0; i + 1 < w->n && rc == SEMM_OK; i++) {
		snprintf(name[0], sizeof(name[0]), "%s:%lld", h->path,
			 w->ids[i]);
		snprintf(name[1], sizeof(name[1]), "%s:%lld", h->path,
			 w->ids[i + 1]);
		rc = semm_compare_from_buffers(
			&t->compares[i], w->texts[i], w->lens[i], name[0],
			w->texts[i + 1], w->lens[i + 1], name[1], err);
		if (rc < 0)
			break;
		t->n_compares++;
		/* each distinct warning once */
		for (k = 0; k < semm_compare_warning_count(t->compares[i]);
		     k++) {
			const char *s = semm_compare_warning(t->compares[i], k);
			const char **p;

			for (j = 0; j < t->n_warnings; j++)
				if (strcmp(t->warnings[j], s) == 0)
					break;
			if (j < t->n_warnings)
				continue;
			p = realloc((void *)t->warnings,
				    (t->n_warnings + 1) * sizeof(*p));
			if (!p)
				return SEMM_ENOMEM;
			p[t->n_warnings++] = s;
			t->warnings = p;
		}
	}
	return rc;
}

/* The change of unit (type, id) of the group between waves i and i+1. */
static const semm_compare_unit *find_change(const semm_trend *t, size_t i,
					    const char *type, const char *id)
{
	const semm_compare *c = t->compares[i];
	const semm_compare_unit *u;
	size_t k;

	for (k = 0; k < semm_compare_unit_count(c); k++) {
		u = semm_compare_unit_at(c, k);
		if (strcmp(u->group, t->group) == 0 &&
		    strcmp(u->type, type) == 0 && strcmp(u->id, id) == 0)
			return u;
	}
	return NULL;
}

/* The units of the latest wave give the series (and their names); each
 * earlier wave adds its point where it has the unit. */
static int build_series(semm_trend *t, semm_history *h, const waves *w,
			const char *unit, semm_error *err)
{
	semm__hunits *all;
	double *x, *y;
	size_t i, k, j, np = 0;
	int rc = SEMM_OK;

	all = calloc(w->n ? w->n : 1, sizeof(*all));
	x = malloc((w->n ? w->n : 1) * sizeof(*x));
	y = malloc((w->n ? w->n : 1) * sizeof(*y));
	if (!all || !x || !y) {
		free(all);
		free(x);
		free(y);
		return SEMM_ENOMEM;
	}
	for (i = 0; i < w->n && rc == SEMM_OK; i++)
		rc = semm__history_units(h, w->ids[i], t->group, unit, &all[i],
					 &t->pool, err);
	if (rc == SEMM_OK && w->n) {
		t->n_series = all[w->n - 1].n;
		t->series = calloc(t->n_series ? t->n_series : 1,
				   sizeof(*t->series));
		t->points = calloc(t->n_series * w->n + 1, sizeof(*t->points));
		t->changes =
			calloc(t->n_series * w->n + 1, sizeof(*t->changes));
		if (!t->series || !t->points || !t->changes)
			rc = SEMM_ENOMEM;
	}
	for (k = 0; k < t->n_series && rc == SEMM_OK; k++) {
		const semm_history_unit *last = &all[w->n - 1].units[k];
		semm_trend_series *s = &t->series[k];
		semm_trend_point *pts = t->points + np;
		semm_compare_unit *chg = t->changes + np;
		size_t n = 0, nfit = 0;

		s->type = last->type;
		s->id = last->id;
		s->name = last->name;
		s->points = pts;
		s->changes = chg;
		for (i = 0; i < w->n; i++) {
			const semm_history_unit *u = NULL;

			for (j = 0; j < all[i].n; j++)
				if (strcmp(all[i].units[j].type, s->type) ==
					    0 &&
				    strcmp(all[i].units[j].id, s->id) == 0)
					u = &all[i].units[j];
			if (!u)
				continue;
			pts[n].assessment = w->ids[i];
			pts[n].label = w->labels[i];
			pts[n].wave = i + 1;
			pts[n].n = u->n;
			pts[n].mean = u->mean;
			pts[n].sd = u->sd;
			pts[n].ci_lo = u->ci_lo;
			pts[n].ci_hi = u->ci_hi;
			pts[n].percent = u->percent;
			pts[n].has_level = u->has_level;
			pts[n].level = u->level;
			pts[n].level_name = u->level_name;
			if (!isnan(u->mean)) {
				x[nfit] = (double)(i + 1);
				y[nfit++] = u->mean;
			}
			n++;
		}
		s->n_points = n;
		np += n;
		/* a change between consecutive points */
		for (j = 0; j + 1 < n; j++) {
			const semm_compare_unit *c;
			size_t a = pts[j].wave - 1, b = pts[j + 1].wave - 1;

			c = b == a + 1 ? find_change(t, a, s->type, s->id)
				       : NULL;
			if (c) {
				chg[j] = *c;
				continue;
			}
			/* the waves between have no such unit */
			memset(&chg[j], 0, sizeof(chg[j]));
			chg[j].group = t->group;
			chg[j].type = s->type;
			chg[j].id = s->id;
			chg[j].diff.diff = chg[j].diff.se = NAN;
			chg[j].diff.df = NAN;
			chg[j].diff.ci_lo = chg[j].diff.ci_hi = NAN;
			chg[j].percent_points = NAN;
			chg[j].verdict = SEMM_VERDICT_INSUFFICIENT;
			chg[j].reason = "not consecutive assessments";
			chg[j].level_change = SEMM_LEVEL_UNKNOWN;
		}
		semm_stats_linfit(x, y, nfit, SEMM_COMPARE_LEVEL, &s->fit);
	}
	for (i = 0; i < w->n; i++)
		semm__hunits_free(&all[i]);
	free(all);
	free(x);
	free(y);
	return rc;
}

int semm_history_trend(semm_trend **out, semm_history *h, const char *group,
		       const char *unit, semm_error *err)
{
	semm_trend *t;
	waves w;
	int rc;

	if (!out || !h || !group)
		return semm__fail(err, SEMM_EARG, NULL, 0, 0,
				  "semm_history_trend: missing argument");
	*out = NULL;
	memset(&w, 0, sizeof(w));
	t = calloc(1, sizeof(*t));
	if (!t)
		return semm__fail(err, SEMM_ENOMEM, h->path, 0, 0,
				  "out of memory");
	rc = SEMM_OK;
	t->group = semm__hpool_keep(&t->pool, group, &rc);
	if (rc == SEMM_OK)
		rc = semm__history_reports(h, group, &w.ids, &w.labels,
					   &w.texts, &w.lens, &w.n, &t->pool,
					   err);
	if (rc == SEMM_OK && w.n == 0)
		rc = semm__fail(err, SEMM_EARG, h->path, 0, 0,
				"no assessment has a group \"%.200s\"", group);
	if (rc == SEMM_OK)
		rc = semm__history_lang(h, w.ids[w.n - 1], &t->lang, &t->pool,
					err);
	if (rc == SEMM_OK)
		rc = compare_waves(t, h, &w, err);
	if (rc == SEMM_OK)
		rc = build_series(t, h, &w, unit, err);
	if (rc == SEMM_OK && t->n_series == 0)
		rc = semm__fail(err, SEMM_EARG, h->path, 0, 0,
				"group \"%.200s\" has no unit \"%.100s\" in "
				"the latest assessment",
				group, unit ? unit : "");
	waves_free(&w);
	if (rc == SEMM_ENOMEM && err && err->code != SEMM_ENOMEM)
		semm__fail(err, SEMM_ENOMEM, h->path, 0, 0, "out of memory");
	if (rc < 0) {
		semm_trend_free(t);
		return rc;
	}
	*out = t;
	return SEMM_OK;
}

const char *semm_trend_group(const semm_trend *t)
{
	return t ? t->group : NULL;
}

size_t semm_trend_series_count(const semm_trend *t)
{
	return t ? t->n_series : 0;
}

const semm_trend_series *semm_trend_series_at(const semm_trend *t, size_t i)
{
	return t && i < t->n_series ? &t->series[i] : NULL;
}

size_t semm_trend_warning_count(const semm_trend *t)
{
	return t ? t->n_warnings : 0;
}

const char *semm_trend_warning(const semm_trend *t, size_t i)
{
	return t && i < t->n_warnings ? t->warnings[i] : NULL;
}
