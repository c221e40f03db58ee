/*
 * compare_ratings.c - the assessor ratings of two reports side by side:
 * each (organization, element, assessor) of either report's "ratings"
 * section with its level and percent before and after, the change in
 * percent points and of level. Read here, written into compare.json's
 * "ratings" and as rows of type "rating" in compare.csv. Reports
 * without ratings add nothing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "compare/compare_internal.h"

void semm__compare_ratings_free(semm_compare *c)
{
	free(c->ratings);
	c->ratings = NULL;
	c->n_ratings = 0;
}

static int fail_at(const semm__jdoc *d, semm__jpath *p, const char *what)
{
	return semm__jfail(d, p, SEMM_ESCHEMA, "%s", what);
}

/* A string member of obj (at p), or NULL after failing. */
static const char *text(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
			const char *key, int *rc)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (*rc < 0)
		return NULL;
	if (cJSON_IsString(v))
		return v->valuestring;
	semm__jpath_key(p, key);
	*rc = fail_at(d, p, "expected a string");
	semm__jpath_pop(p);
	return NULL;
}

/* The entry of (org, element, assessor), added when new; -1 on OOM. */
static long entry(semm_compare *c, const char *org, const char *elem,
		  const char *who)
{
	semm__rating_change *grown, *x;
	size_t i;
	int rc = SEMM_OK;

	for (i = 0; i < c->n_ratings; i++) {
		x = &c->ratings[i];
		if (strcmp(x->organization, org) == 0 &&
		    strcmp(x->element, elem) == 0 &&
		    strcmp(x->assessor, who) == 0)
			return (long)i;
	}
	grown = realloc(c->ratings, (c->n_ratings + 1) * sizeof(*grown));
	if (!grown)
		return -1;
	c->ratings = grown;
	x = &c->ratings[c->n_ratings];
	memset(x, 0, sizeof(*x));
	x->organization = semm__compare_keep(c, org, &rc);
	x->element = semm__compare_keep(c, elem, &rc);
	x->assessor = semm__compare_keep(c, who, &rc);
	x->percent[BEFORE] = x->percent[AFTER] = NAN;
	if (rc < 0)
		return -1;
	return (long)c->n_ratings++;
}

static int read_rating(semm_compare *c, const semm__jdoc *d, semm__jpath *p,
		       int side, const char *org, const char *elem,
		       const cJSON *r)
{
	const cJSON *lv = cJSON_GetObjectItemCaseSensitive(r, "level");
	const cJSON *pc = cJSON_GetObjectItemCaseSensitive(r, "percent");
	int rc = SEMM_OK;
	const char *who = text(d, p, r, "assessor", &rc);
	semm__rating_change *x;
	long k;

	if (rc < 0)
		return rc;
	if (!cJSON_IsNumber(pc) || !isfinite(pc->valuedouble)) {
		semm__jpath_key(p, "percent");
		rc = fail_at(d, p, "expected a number");
		semm__jpath_pop(p);
		return rc;
	}
	if (!cJSON_IsNull(lv) &&
	    !(cJSON_IsNumber(lv) && lv->valuedouble == floor(lv->valuedouble) &&
	      fabs(lv->valuedouble) <= 1e6)) {
		semm__jpath_key(p, "level");
		rc = fail_at(d, p, "expected a level number or null");
		semm__jpath_pop(p);
		return rc;
	}
	k = entry(c, org, elem, who);
	if (k < 0)
		return semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
				  "out of memory");
	x = &c->ratings[k];
	x->has[side] = 1;
	x->percent[side] = pc->valuedouble;
	x->has_level[side] = cJSON_IsNumber(lv);
	x->level[side] = cJSON_IsNumber(lv) ? (int)lv->valuedouble : 0;
	return SEMM_OK;
}

/* An array member of obj, or NULL after failing. */
static const cJSON *array(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
			  const char *key, int *rc)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (*rc < 0)
		return NULL;
	if (cJSON_IsArray(v))
		return v;
	semm__jpath_key(p, key);
	*rc = fail_at(d, p, "expected an array");
	semm__jpath_pop(p);
	return NULL;
}

static int read_side(semm_compare *c, const semm__jdoc *d, const cJSON *root,
		     int side)
{
	const cJSON *sec = cJSON_GetObjectItemCaseSensitive(root, "ratings");
	const cJSON *orgs, *o, *elems, *e, *rs, *r;
	semm__jpath p = { 0 };
	size_t io = 0, ie, ir;
	int rc = SEMM_OK;

	if (!sec || cJSON_IsNull(sec))
		return SEMM_OK;
	semm__jpath_key(&p, "ratings");
	if (!cJSON_IsObject(sec))
		return fail_at(d, &p, "expected an object");
	orgs = array(d, &p, sec, "organizations", &rc);
	semm__jpath_key(&p, "organizations");
	cJSON_ArrayForEach(o, orgs)
	{
		const char *org;

		semm__jpath_index(&p, io++);
		org = text(d, &p, o, "organization", &rc);
		elems = array(d, &p, o, "elements", &rc);
		semm__jpath_key(&p, "elements");
		ie = 0;
		cJSON_ArrayForEach(e, elems)
		{
			const char *elem;

			semm__jpath_index(&p, ie++);
			elem = text(d, &p, e, "element", &rc);
			rs = array(d, &p, e, "ratings", &rc);
			semm__jpath_key(&p, "ratings");
			ir = 0;
			cJSON_ArrayForEach(r, rs)
			{
				semm__jpath_index(&p, ir++);
				if (rc == SEMM_OK)
					rc = read_rating(c, d, &p, side, org,
							 elem, r);
				semm__jpath_pop(&p);
			}
			semm__jpath_pop(&p);
			semm__jpath_pop(&p);
		}
		semm__jpath_pop(&p);
		semm__jpath_pop(&p);
		if (rc < 0)
			return rc;
	}
	return rc;
}

int semm__compare_ratings(semm_compare *c, const semm__jdoc *before,
			  const cJSON *before_root, const semm__jdoc *after,
			  const cJSON *after_root)
{
	int rc = read_side(c, before, before_root, BEFORE);

	if (rc == SEMM_OK)
		rc = read_side(c, after, after_root, AFTER);
	return rc;
}

/* after - before in percent points, NAN unless both sides rated. */
static double points(const semm__rating_change *x)
{
	return x->has[BEFORE] && x->has[AFTER]
		       ? x->percent[AFTER] - x->percent[BEFORE]
		       : NAN;
}

static const char *level_change(const semm__rating_change *x)
{
	if (!x->has_level[BEFORE] || !x->has_level[AFTER])
		return NULL;
	return x->level[AFTER] > x->level[BEFORE]   ? "up"
	       : x->level[AFTER] < x->level[BEFORE] ? "down"
						    : "same";
}

void semm__compare_ratings_json(semm__jw *w, const semm_compare *c)
{
	size_t i;
	int k;

	if (c->n_ratings == 0)
		return;
	semm__jw_open(w, "ratings", '[');
	for (i = 0; i < c->n_ratings; i++) {
		const semm__rating_change *x = &c->ratings[i];

		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "organization", x->organization);
		semm__jw_string(w, "element", x->element);
		semm__jw_string(w, "assessor", x->assessor);
		for (k = BEFORE; k <= AFTER; k++) {
			if (!x->has[k]) {
				semm__jw_null(w, semm__compare_side_key[k]);
				continue;
			}
			semm__jw_open(w, semm__compare_side_key[k], '{');
			if (x->has_level[k])
				semm__jw_number(w, "level", x->level[k]);
			else
				semm__jw_null(w, "level");
			semm__jw_number(w, "percent", x->percent[k]);
			semm__jw_close(w, '}');
		}
		semm__jw_number(w, "percent_points", points(x));
		semm__jw_string(w, "level_change", level_change(x));
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
}

/* One side's cells of a rating row: n, mean, sd (empty), percent,
 * level, level name (empty). */
static void csv_side(FILE *fp, const semm__rating_change *x, int k)
{
	char buf[64];

	fputs(",,,,", fp);
	if (x->has[k]) {
		semm__format_number(x->percent[k], buf, sizeof(buf));
		fputs(buf, fp);
	}
	fputc(',', fp);
	if (x->has[k] && x->has_level[k])
		fprintf(fp, "%d", x->level[k]);
	fputc(',', fp);
}

void semm__compare_ratings_csv(FILE *fp, const semm_compare *c)
{
	char buf[64];
	const char *change;
	size_t i;

	for (i = 0; i < c->n_ratings; i++) {
		const semm__rating_change *x = &c->ratings[i];

		semm__csv_text(fp, x->organization);
		fputs(",rating,", fp);
		semm__csv_text(fp, x->element);
		fputc(',', fp);
		semm__csv_text(fp, x->assessor);
		csv_side(fp, x, BEFORE);
		csv_side(fp, x, AFTER);
		/* the after side's level name, then diff, se, df, ci95_lo
		 * and ci95_hi: none for one rating */
		fputs(",,,,,,", fp);
		semm__format_number(points(x), buf, sizeof(buf));
		fputs(buf, fp);
		/* verdict: none; level change; reason */
		fputs(",,", fp);
		change = level_change(x);
		fputs(change ? change : "", fp);
		fputs(",\n", fp);
	}
}
