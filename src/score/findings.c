/*
 * findings.c - what a result says about itself, computed once at the end
 * of scoring (semm/findings.h): warnings about the inputs, the items and
 * each group's statistics, and each group's strengths, weaknesses and
 * priorities. Writers render this list; none of them decides on its own
 * what is worth a warning.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score/ratings.h"

/* Strengths and weaknesses named per group (at most). */
#define TOP 3

static const char *const kind_names[SEMM_FINDING_KIND_COUNT] = {
	"columns_ignored", "responses_excluded", "respondents_rejected",
	"item_unanswered", "item_against",	 "coverage",
	"alpha_missing",   "low_agreement",	 "strength",
	"weakness",	   "priority",		 "rating_disagrees",
};

const char *semm_finding_kind_name(semm_finding_kind kind)
{
	return (unsigned)kind < SEMM_FINDING_KIND_COUNT ? kind_names[kind]
							: "unknown";
}

typedef struct list {
	semm_finding *f;
	size_t n;
	size_t cap;
} list;

static semm_finding *add(list *l, semm_finding_kind kind, int warning,
			 long group)
{
	semm_finding *f;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		semm_finding *grown = realloc(l->f, cap * sizeof(*grown));

		if (!grown)
			return NULL;
		l->f = grown;
		l->cap = cap;
	}
	f = &l->f[l->n++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->warning = warning;
	f->group = group;
	f->item = -1;
	f->value = NAN;
	f->threshold = NAN;
	return f;
}

static int inputs(const semm_result *res, list *l)
{
	const semm_responses *r = res->r;
	size_t i = 0, k;
	semm_finding *f;

	while (i < r->n_ignored) {
		uint32_t src = r->ignored[i].source;

		for (k = i; k < r->n_ignored && r->ignored[k].source == src;)
			k++;
		f = add(l, SEMM_FINDING_COLUMNS_IGNORED, 1, -1);
		if (!f)
			return SEMM_ENOMEM;
		f->count = k - i;
		f->text = r->sources[src];
		i = k;
	}
	if (r->n_excl) {
		f = add(l, SEMM_FINDING_RESPONSES_EXCLUDED, 1, -1);
		if (!f)
			return SEMM_ENOMEM;
		f->count = r->n_excl;
	}
	if (res->n_rejected) {
		f = add(l, SEMM_FINDING_RESPONDENTS_REJECTED, 1, -1);
		if (!f)
			return SEMM_ENOMEM;
		f->count = res->n_rejected;
	}
	return SEMM_OK;
}

/* Items with a negative corrected item-total correlation in rels (per
 * element, within group g or, g = -1, over all respondents). */
static int items_against(const semm_result *res, const semm__rel *rels, long g,
			 list *l)
{
	size_t e, j;

	for (e = 0; rels && e < res->model->n_elems; e++) {
		const semm__rel *rel = &rels[e];

		if (!res->in_elem[e])
			continue; /* not assessed: no warning about it */
		for (j = 0; rel->r_drop && j < rel->k; j++) {
			semm_finding *f;

			if (!(rel->r_drop[j] < 0))
				continue;
			f = add(l, SEMM_FINDING_ITEM_AGAINST, 1, g);
			if (!f)
				return SEMM_ENOMEM;
			f->unit_type = SEMM_FINDING_UNIT_ELEMENT;
			f->unit = e;
			f->item = (long)rel->items[j];
			f->value = rel->r_drop[j];
		}
	}
	return SEMM_OK;
}

static int overall(const semm_result *res, list *l)
{
	size_t i;
	int rc = inputs(res, l);

	for (i = 0; rc == SEMM_OK && i < res->q->n_items && res->n_scored > 0;
	     i++) {
		semm_finding *f;

		if (res->answered[i] || !res->in_elem[res->q->items[i].element])
			continue;
		f = add(l, SEMM_FINDING_ITEM_UNANSWERED, 1, -1);
		if (!f)
			return SEMM_ENOMEM;
		f->item = (long)i;
	}
	if (rc == SEMM_OK)
		rc = items_against(res, res->rel_elems, -1, l);
	return rc;
}

static int agreement(const semm_result *res, const semm__agree *a,
		     semm_finding_unit type, size_t unit, long g, list *l)
{
	semm_finding *f;

	if (!(a->r.rwg_j < res->rwg_threshold))
		return SEMM_OK;
	f = add(l, SEMM_FINDING_LOW_AGREEMENT, 1, g);
	if (!f)
		return SEMM_ENOMEM;
	f->unit_type = type;
	f->unit = unit;
	f->value = a->r.rwg_j;
	f->threshold = res->rwg_threshold;
	return SEMM_OK;
}

static int alpha_missing(const semm_result *res, const semm__rel *rel,
			 semm_finding_unit type, size_t unit, long g, list *l)
{
	semm_finding *f;

	if (isfinite(rel->a.alpha))
		return SEMM_OK;
	f = add(l, SEMM_FINDING_ALPHA_MISSING, 1, g);
	if (!f)
		return SEMM_ENOMEM;
	f->unit_type = type;
	f->unit = unit;
	f->text = rel->a.reason ? rel->a.reason : "not computed";
	f->count = rel->a.n;
	f->of = rel->a.n < res->reliability_min_n ? res->reliability_min_n : 0;
	return SEMM_OK;
}

static int group_warnings(const semm_result *res, const semm__group *gr, long g,
			  list *l)
{
	const semm_model *m = res->model;
	size_t i;
	int rc = SEMM_OK;

	/* units not in scope are not assessed: no warning about them */
	for (i = 0; rc == SEMM_OK && i < m->n_elems; i++)
		if (res->in_elem[i])
			rc = agreement(res, &gr->agr_elems[i],
				       SEMM_FINDING_UNIT_ELEMENT, i, g, l);
	for (i = 0; rc == SEMM_OK && i < m->n_dims; i++)
		if (res->in_dim[i])
			rc = agreement(res, &gr->agr_dims[i],
				       SEMM_FINDING_UNIT_DIMENSION, i, g, l);
	if (rc == SEMM_OK)
		rc = items_against(res, gr->rel_elems, g, l);
	for (i = 0; rc == SEMM_OK && i < m->n_elems; i++)
		if (res->in_elem[i])
			rc = alpha_missing(res, &gr->rel_elems[i],
					   SEMM_FINDING_UNIT_ELEMENT, i, g, l);
	for (i = 0; rc == SEMM_OK && i < m->n_dims; i++)
		if (res->in_dim[i])
			rc = alpha_missing(res, &gr->rel_dims[i],
					   SEMM_FINDING_UNIT_DIMENSION, i, g,
					   l);
	for (i = 0; rc == SEMM_OK && i < m->n_elems; i++) {
		semm_finding *f;

		if (gr->elems[i].missing == 0 || !res->in_elem[i])
			continue;
		f = add(l, SEMM_FINDING_COVERAGE, 1, g);
		if (!f)
			return SEMM_ENOMEM;
		f->unit_type = SEMM_FINDING_UNIT_ELEMENT;
		f->unit = i;
		f->count = gr->elems[i].missing;
		f->of = gr->n;
	}
	return rc;
}

/*
 * The group's strongest and weakest elements: elements with a score,
 * ordered by percent (then by their order in the model), the first TOP
 * and the last TOP; with fewer than 2 * TOP scored elements, half each,
 * so that no element is both.
 */
static int ranks(const semm_result *res, const semm__group *gr, long g, list *l)
{
	size_t n_e = res->model->n_elems, n = 0, i, j, top;
	size_t *order = malloc((n_e ? n_e : 1) * sizeof(*order));

	if (!order)
		return SEMM_ENOMEM;
	for (i = 0; i < n_e; i++) {
		if (!isfinite(gr->elems[i].percent))
			continue;
		/* insertion by percent, descending; equal ones keep model
		 * order */
		for (j = n; j > 0 && gr->elems[order[j - 1]].percent <
					     gr->elems[i].percent;
		     j--)
			order[j] = order[j - 1];
		order[j] = i;
		n++;
	}
	top = n / 2 < TOP ? n / 2 : TOP;
	for (i = 0; i < top; i++) {
		semm_finding *s = add(l, SEMM_FINDING_STRENGTH, 0, g);

		if (!s)
			break;
		s->unit_type = SEMM_FINDING_UNIT_ELEMENT;
		s->unit = order[i];
		s->rank = i + 1;
		s->value = gr->elems[order[i]].percent;
	}
	for (j = 0; i == top && j < top; j++) {
		semm_finding *w = add(l, SEMM_FINDING_WEAKNESS, 0, g);

		if (!w)
			break;
		w->unit_type = SEMM_FINDING_UNIT_ELEMENT;
		w->unit = order[n - 1 - j];
		w->rank = j + 1;
		w->value = gr->elems[order[n - 1 - j]].percent;
	}
	free(order);
	return i == top && j == top ? SEMM_OK : SEMM_ENOMEM;
}

static int priorities(const semm_result *res, const semm__group *gr, long g,
		      list *l)
{
	size_t n_e = res->model->n_elems, n, i;
	size_t *idx = malloc((n_e ? n_e : 1) * sizeof(*idx));

	if (!idx)
		return SEMM_ENOMEM;
	n = semm__improvements(res, gr, idx);
	for (i = 0; i < n; i++) {
		semm_finding *f = add(l, SEMM_FINDING_PRIORITY, 0, g);

		if (!f)
			break;
		f->unit_type = SEMM_FINDING_UNIT_ELEMENT;
		f->unit = idx[i];
		f->rank = i + 1;
		f->value = gr->elems[idx[i]].gap;
		f->threshold = gr->elems[idx[i]].target;
	}
	free(idx);
	return i == n ? SEMM_OK : SEMM_ENOMEM;
}

/* Group g's assessor ratings that lie too far from the survey's level,
 * element by element, assessor by assessor. */
static int disagreements(const semm_result *res, long g, list *l)
{
	long k = semm__rated_of_group(res, (size_t)g);
	const semm__rated_org *o;
	size_t e, a;

	if (k < 0)
		return SEMM_OK;
	o = &res->ratings->orgs[k];
	for (e = 0; e < res->model->n_elems; e++) {
		for (a = 0; a < o->set->n_assessors; a++) {
			const semm__rating *r = semm__rating_at(o->set, a, e);
			int s = o->elems[e].survey_band;
			semm_finding *f;

			if (!r || !semm__rating_disagrees(res, o, r))
				continue;
			f = add(l, SEMM_FINDING_RATING_DISAGREES, 1, g);
			if (!f)
				return SEMM_ENOMEM;
			f->unit_type = SEMM_FINDING_UNIT_ELEMENT;
			f->unit = e;
			f->text = o->set->assessors[a].id;
			f->value = res->model->bands[r->band].level;
			f->threshold = res->model->bands[s].level;
			f->count = (size_t)abs(r->band - s);
		}
	}
	return SEMM_OK;
}

int semm__findings_build(semm_result *res)
{
	list l = { NULL, 0, 0 };
	size_t g, i;
	int rc = overall(res, &l);

	for (g = 0; rc == SEMM_OK && g < res->n_groups; g++) {
		const semm__group *gr = &res->groups[g];

		rc = group_warnings(res, gr, (long)g, &l);
		if (rc == SEMM_OK)
			rc = ranks(res, gr, (long)g, &l);
		if (rc == SEMM_OK)
			rc = priorities(res, gr, (long)g, &l);
		if (rc == SEMM_OK)
			rc = disagreements(res, (long)g, &l);
	}
	res->group_findings =
		rc == SEMM_OK ? malloc((res->n_groups + 1) * sizeof(size_t))
			      : NULL;
	if (rc < 0 || !res->group_findings) {
		free(l.f);
		return SEMM_ENOMEM;
	}
	/* the list is in group order, those over all respondents first */
	for (g = 0, i = 0; g <= res->n_groups; g++) {
		while (i < l.n &&
		       (l.f[i].group < 0 || (size_t)l.f[i].group < g))
			i++;
		res->group_findings[g] = i;
	}
	/* the list grew by doubling: give back what it does not use (a
	 * failure here is as any other: out of memory) */
	if (l.n > 0 && l.n < l.cap) {
		semm_finding *fit = realloc(l.f, l.n * sizeof(*fit));

		if (!fit) {
			free(l.f);
			free(res->group_findings);
			res->group_findings = NULL;
			return SEMM_ENOMEM;
		}
		l.f = fit;
	}
	res->findings = l.f;
	res->n_findings = l.n;
	return SEMM_OK;
}

void semm__group_findings(const semm_result *res, size_t g, size_t *first,
			  size_t *end)
{
	*first = *end = 0;
	if (!res->group_findings || g >= res->n_groups)
		return;
	*first = res->group_findings[g];
	*end = res->group_findings[g + 1];
}

size_t semm_result_finding_count(const semm_result *res)
{
	return res ? res->n_findings : 0;
}

const semm_finding *semm_result_finding(const semm_result *res, size_t i)
{
	return res && i < res->n_findings ? &res->findings[i] : NULL;
}

static const char *unit_kind(const semm_finding *f)
{
	return f->unit_type == SEMM_FINDING_UNIT_DIMENSION ? "dimension"
							   : "element";
}

static const char *unit_id(const semm_result *res, const semm_finding *f)
{
	return f->unit_type == SEMM_FINDING_UNIT_DIMENSION
		       ? res->model->dims[f->unit].id
		       : res->model->elems[f->unit].id;
}

/* "group X, " or "" (over all respondents). */
static void group_prefix(const semm_result *res, const semm_finding *f,
			 char *buf, size_t len, const char *sep)
{
	if (f->group < 0 || (size_t)f->group >= res->n_groups)
		buf[0] = '\0';
	else
		snprintf(buf, len, "group %.200s%s", res->groups[f->group].id,
			 sep);
}

const char *semm_finding_message(const semm_result *res, const semm_finding *f,
				 char *buf, size_t len)
{
	char gp[256];
	const char *item = f && f->item >= 0 ? res->q->items[f->item].id : "";

	if (!buf || len == 0)
		return buf;
	buf[0] = '\0';
	if (!res || !f)
		return buf;
	switch (f->kind) {
	case SEMM_FINDING_COLUMNS_IGNORED:
		snprintf(buf, len,
			 "ignored %zu column%s of %s (neither items nor "
			 "metadata)",
			 f->count, f->count == 1 ? "" : "s", f->text);
		break;
	case SEMM_FINDING_RESPONSES_EXCLUDED:
		snprintf(buf, len,
			 "left out %zu response%s that the survey tool marks "
			 "as not for analysis (listed under excluded)",
			 f->count, f->count == 1 ? "" : "s");
		break;
	case SEMM_FINDING_RESPONDENTS_REJECTED:
		snprintf(buf, len,
			 "rejected %zu respondent%s whose rows are wrong "
			 "(listed under rejected)",
			 f->count, f->count == 1 ? "" : "s");
		break;
	case SEMM_FINDING_ITEM_UNANSWERED:
		snprintf(buf, len, "item %s: no respondent answered it", item);
		break;
	case SEMM_FINDING_ITEM_AGAINST:
		group_prefix(res, f, gp, sizeof(gp), ": ");
		snprintf(buf, len,
			 "%sitem %s correlates negatively with the other "
			 "items of element %s (corrected item-total r = %.3f): "
			 "a reverse-worded item not flagged as reverse?",
			 gp, item, unit_id(res, f), f->value);
		break;
	case SEMM_FINDING_COVERAGE:
		group_prefix(res, f, gp, sizeof(gp), ", ");
		snprintf(buf, len,
			 "%selement %s: %zu of %zu respondent%s below the "
			 "coverage minimum (insufficient data)",
			 gp, unit_id(res, f), f->count, f->of,
			 f->of == 1 ? "" : "s");
		break;
	case SEMM_FINDING_ALPHA_MISSING:
		group_prefix(res, f, gp, sizeof(gp), ", ");
		if (f->of)
			snprintf(buf, len,
				 "%s%s %s: Cronbach's alpha not reported: %s "
				 "(%zu needed)",
				 gp, unit_kind(f), unit_id(res, f), f->text,
				 f->of);
		else
			snprintf(buf, len,
				 "%s%s %s: Cronbach's alpha not reported: %s",
				 gp, unit_kind(f), unit_id(res, f), f->text);
		break;
	case SEMM_FINDING_LOW_AGREEMENT:
		group_prefix(res, f, gp, sizeof(gp), ", ");
		snprintf(buf, len,
			 "%s%s %s: agreement rwg(j) = %.2f is below %.2f: "
			 "respondents disagree too much to speak for the group",
			 gp, unit_kind(f), unit_id(res, f), f->value,
			 f->threshold);
		break;
	case SEMM_FINDING_STRENGTH:
	case SEMM_FINDING_WEAKNESS:
		group_prefix(res, f, gp, sizeof(gp), ": ");
		snprintf(buf, len, "%s%s %zu: element %s (%.1f%%)", gp,
			 f->kind == SEMM_FINDING_STRENGTH ? "strength"
							  : "weakness",
			 f->rank, unit_id(res, f), f->value);
		break;
	case SEMM_FINDING_PRIORITY:
		group_prefix(res, f, gp, sizeof(gp), ": ");
		snprintf(buf, len,
			 "%spriority %zu: element %s, %.1f points below its "
			 "target of %.1f%%",
			 gp, f->rank, unit_id(res, f), f->value, f->threshold);
		break;
	case SEMM_FINDING_RATING_DISAGREES:
		group_prefix(res, f, gp, sizeof(gp), ", ");
		snprintf(buf, len,
			 "%selement %s: assessor %s rates level %.0f, the "
			 "survey gives level %.0f (%zu level%s apart)",
			 gp, unit_id(res, f), f->text, f->value, f->threshold,
			 f->count, f->count == 1 ? "" : "s");
		break;
	default: break;
	}
	return buf;
}

/* Whether b says of another unit what a says: the alpha gaps of one
 * group for one reason, or its respondents below the coverage minimum
 * in the same number. */
static int same_run(const semm_finding *a, const semm_finding *b)
{
	if (a->kind != b->kind || a->group != b->group || a->of != b->of)
		return 0;
	if (a->kind == SEMM_FINDING_ALPHA_MISSING)
		return strcmp(a->text, b->text) == 0;
	return a->kind == SEMM_FINDING_COVERAGE && a->count == b->count;
}

size_t semm__finding_run(const semm_result *res, size_t i)
{
	size_t k = i + 1;

	while (i < res->n_findings && k < res->n_findings &&
	       same_run(&res->findings[i], &res->findings[k]))
		k++;
	return k;
}

/* The ids of the units of findings [i, end), comma-separated. */
static int run_units(const semm_result *res, size_t i, size_t end,
		     semm__buf *out)
{
	size_t k;
	int rc = SEMM_OK;

	for (k = i; rc == SEMM_OK && k < end; k++) {
		const char *id = unit_id(res, &res->findings[k]);

		if (k > i)
			rc = semm__buf_append(out, ", ", 2);
		if (rc == SEMM_OK)
			rc = semm__buf_append(out, id, strlen(id));
	}
	return rc;
}

int semm__finding_sentence(const semm_result *res, size_t i, size_t *next,
			   semm__buf *out)
{
	const semm_finding *f = semm_result_finding(res, i);
	char buf[1024], gp[256];
	size_t end = i + 1;
	int rc = SEMM_OK;

	out->len = 0;
	*next = i;
	if (!f)
		return 0;
	if (f->kind == SEMM_FINDING_ALPHA_MISSING ||
	    f->kind == SEMM_FINDING_COVERAGE) {
		/* one sentence names every unit of the run */
		end = semm__finding_run(res, i);
		group_prefix(res, f, gp, sizeof(gp),
			     f->kind == SEMM_FINDING_ALPHA_MISSING ? ": "
								   : ", ");
		if (f->kind == SEMM_FINDING_ALPHA_MISSING)
			snprintf(buf, sizeof(buf),
				 "%sCronbach's alpha not reported for ", gp);
		else
			snprintf(buf, sizeof(buf), "%s%s ", gp,
				 end - i == 1 ? "element" : "elements");
		rc = semm__buf_append(out, buf, strlen(buf));
		if (rc == SEMM_OK)
			rc = run_units(res, i, end, out);
		if (f->kind == SEMM_FINDING_COVERAGE)
			snprintf(buf, sizeof(buf),
				 ": %zu of %zu respondent%s below the coverage "
				 "minimum (insufficient data)",
				 f->count, f->of, f->of == 1 ? "" : "s");
		else if (f->of)
			snprintf(buf, sizeof(buf), ": %s (%zu needed)", f->text,
				 f->of);
		else
			snprintf(buf, sizeof(buf), ": %s", f->text);
	} else {
		semm_finding_message(res, f, buf, sizeof(buf));
	}
	if (rc == SEMM_OK)
		rc = semm__buf_append(out, buf, strlen(buf) + 1);
	*next = end;
	return rc < 0 ? rc : 1;
}
