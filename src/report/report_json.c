/*
 * report_json.c - writes report.json ("semm-report/1"): the engine, model
 * and questionnaire, the parameters used, the respondent counts, every
 * rejected respondent with its reason, warnings and the groups with their
 * overall, dimension, element and item statistics.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"

#define REPORT_FORMAT "semm-report/1"

static const char *band_name(const semm_result *res, int band)
{
	return band >= 0 ? res->model->bands[band].name : NULL;
}

static void level_fields(semm__jw *w, const semm_result *res, const char *key,
			 const char *name_key, int band)
{
	if (band >= 0)
		semm__jw_size(w, key, (size_t)res->model->bands[band].level);
	else
		semm__jw_null(w, key);
	semm__jw_string(w, name_key, band_name(res, band));
}

static void unit_stats(semm__jw *w, const semm__unit *u)
{
	semm__jw_size(w, "n", u->d.n);
	semm__jw_size(w, "missing", u->missing);
	semm__jw_number(w, "mean", u->d.mean);
	semm__jw_number(w, "sd", u->d.sd);
	semm__jw_number(w, "se", u->d.se);
	semm__write_pair(w, "ci95", u->d.ci95_lo, u->d.ci95_hi);
	semm__jw_number(w, "median", u->d.median);
	semm__jw_number(w, "q1", u->d.q1);
	semm__jw_number(w, "q3", u->d.q3);
	semm__jw_number(w, "min", u->d.min);
	semm__jw_number(w, "max", u->d.max);
	semm__jw_number(w, "percent", u->percent);
}

static void write_header(semm__jw *w, const semm_result *res,
			 const char *format)
{
	const semm_model *m = res->model;
	const semm_questionnaire *q = res->q;

	semm__jw_string(w, "format", format);
	semm__jw_open(w, "engine", '{');
	semm__jw_string(w, "name", "semm");
	semm__jw_string(w, "version", SEMM_VERSION_STRING);
	semm__jw_close(w, '}');
	semm__jw_open(w, "model", '{');
	semm__jw_string(w, "id", m->id);
	semm__jw_string(w, "version", m->version);
	semm__jw_string(w, "title", m->title);
	semm__jw_string(w, "levels_label", m->levels_label);
	semm__jw_close(w, '}');
	semm__jw_open(w, "questionnaire", '{');
	semm__jw_string(w, "id", q->id);
	semm__jw_string(w, "version", q->version);
	semm__jw_close(w, '}');
}

static void write_parameters(semm__jw *w, const semm_result *res)
{
	const semm_responses *r = res->r;
	size_t i;

	semm__jw_open(w, "parameters", '{');
	semm__jw_string(w, "group_by", res->group_by);
	semm__jw_string(w, "na_policy", semm_na_policy_name(res->na_policy));
	semm__jw_number(w, "na_anchor_percent", res->na_anchor_percent);
	semm__jw_number(w, "coverage_min", res->coverage_min);
	semm__jw_string(w, "on_error",
			r->opts.on_error == SEMM_ON_ERROR_FAIL ? "fail"
							       : "reject");
	semm__jw_string(w, "preset", semm_preset_name(r->opts.preset));
	semm__jw_string(w, "lang", res->q->languages[res->lang]);
	semm__jw_bool(w, "mapping", r->opts.mapping != NULL || r->mapping_used);
	if (res->summary)
		semm__jw_bool(w, "summary", 1);
	semm__jw_open(w, "score_scale", '{');
	semm__jw_number(w, "min", res->smin);
	semm__jw_number(w, "max", res->smax);
	semm__jw_close(w, '}');
	semm__jw_string(w, "group_score", "mean-of-respondents");
	semm__jw_string(w, "staged_rule", res->model->staged_rule);
	semm__write_aggregation_parameters(w, res);
	semm__jw_open(w, "inputs", '[');
	for (i = 0; i < r->n_sources; i++)
		semm__jw_string(w, NULL, r->sources[i]);
	semm__jw_close(w, ']');
	semm__jw_close(w, '}');
}

static void write_levels(semm__jw *w, const semm_result *res)
{
	size_t i;

	semm__jw_open(w, "levels", '[');
	for (i = 0; i < res->model->n_bands; i++) {
		const semm__band *b = &res->model->bands[i];

		semm__jw_open(w, NULL, '{');
		semm__jw_size(w, "level", (size_t)b->level);
		semm__jw_string(w, "name", b->name);
		semm__jw_number(w, "min", b->min);
		semm__jw_number(w, "max", b->max);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
}

static void rejection(semm__jw *w, const char *source, unsigned long line,
		      unsigned long column, const char *respondent,
		      const char *reason)
{
	semm__jw_open(w, NULL, '{');
	semm__jw_string(w, "source", source);
	semm__jw_size(w, "line", line);
	if (column)
		semm__jw_size(w, "column", column);
	else
		semm__jw_null(w, "column");
	semm__jw_string(w, "respondent", respondent);
	semm__jw_string(w, "reason", reason);
	semm__jw_close(w, '}');
}

static void write_rejected(semm__jw *w, const semm_result *res)
{
	semm__rejected x;
	size_t i;

	semm__jw_open(w, "rejected", '[');
	for (i = 0; semm__result_rejected(res, i, &x); i++)
		rejection(w, x.source, x.line, x.column, x.respondent,
			  x.reason);
	semm__jw_close(w, ']');
}

static void agreement_warning(semm__jw *w, const semm_result *res,
			      const semm__group *gr, const char *type,
			      const char *id, double r)
{
	char msg[512];

	if (!(r < res->rwg_threshold))
		return;
	snprintf(msg, sizeof(msg),
		 "group %.200s, %s %s: agreement rwg(j) = %.2f is below %.2f: "
		 "respondents disagree too much to speak for the group",
		 gr->id, type, id, r, res->rwg_threshold);
	semm__jw_string(w, NULL, msg);
}

void semm__write_group_warnings(semm__jw *w, const semm_result *res,
				const semm__group *gr)
{
	const semm_model *m = res->model;
	size_t e;

	for (e = 0; e < m->n_dims; e++)
		agreement_warning(w, res, gr, "dimension", m->dims[e].id,
				  gr->agr_dims[e].r.rwg_j);
	for (e = 0; e < m->n_elems; e++)
		agreement_warning(w, res, gr, "element", m->elems[e].id,
				  gr->agr_elems[e].r.rwg_j);
}

/* Items that correlate negatively with the rest of their element, over
 * all respondents. */
static void item_warnings(semm__jw *w, const semm_result *res)
{
	const semm_model *m = res->model;
	char msg[512];
	size_t e, j;

	for (e = 0; e < m->n_elems; e++) {
		const semm__rel *rel = &res->rel_elems[e];

		for (j = 0; j < rel->k; j++) {
			if (!(rel->r_drop[j] < 0))
				continue;
			snprintf(
				msg, sizeof(msg),
				"item %s correlates negatively with the other "
				"items of element %s (corrected item-total r = "
				"%.3f): a reverse-worded item not flagged as "
				"reverse?",
				res->q->items[rel->items[j]].id, m->elems[e].id,
				rel->r_drop[j]);
			semm__jw_string(w, NULL, msg);
		}
	}
}

void semm__write_count_warnings(semm__jw *w, const semm_questionnaire *q,
				const semm_model *m, const size_t *answered,
				const size_t *short_of, size_t scored)
{
	char msg[256];
	size_t i;

	for (i = 0; i < q->n_items && scored > 0; i++) {
		if (answered[i] == 0) {
			snprintf(msg, sizeof(msg),
				 "item %s: no respondent answered it",
				 q->items[i].id);
			semm__jw_string(w, NULL, msg);
		}
	}
	for (i = 0; i < m->n_elems; i++) {
		if (short_of[i]) {
			snprintf(msg, sizeof(msg),
				 "element %s: %zu respondent(s) below the "
				 "coverage minimum (insufficient data)",
				 m->elems[i].id, short_of[i]);
			semm__jw_string(w, NULL, msg);
		}
	}
}

/* Respondents who answered each item, and those below each element's
 * coverage minimum, over all groups (n_items + n_elems counts). */
static size_t *warning_counts(const semm_result *res)
{
	size_t n_i = res->q->n_items, n_e = res->model->n_elems, i, g;
	size_t *c = calloc(n_i + n_e + 1, sizeof(size_t));

	for (g = 0; c && g < res->n_groups; g++) {
		for (i = 0; i < n_i && g == 0; i++)
			c[i] = res->answered[i];
		for (i = 0; i < n_e; i++)
			c[n_i + i] += res->groups[g].elems[i].missing;
	}
	return c;
}

static void write_warnings(semm__jw *w, const semm_result *res, const size_t *c)
{
	size_t g;

	semm__jw_open(w, "warnings", '[');
	semm__write_count_warnings(w, res->q, res->model, c,
				   c + res->q->n_items, res->n_scored);
	item_warnings(w, res);
	for (g = 0; g < res->n_groups; g++)
		semm__write_group_warnings(w, res, &res->groups[g]);
	semm__jw_close(w, ']');
}

static void write_overall(semm__jw *w, const semm_result *res,
			  const semm__group *gr)
{
	const semm_model *m = res->model;
	int top = (int)m->n_bands - 1;
	size_t e;

	semm__jw_open(w, "overall", '{');
	unit_stats(w, &gr->overall);
	level_fields(w, res, "level", "level_name", gr->overall.level);
	level_fields(w, res, "staged_level", "staged_level_name", gr->staged);
	semm__jw_open(w, "limiting_elements", '[');
	for (e = 0; e < m->n_elems && gr->staged >= 0 && gr->staged < top;
	     e++) {
		if (gr->elems[e].level == gr->staged)
			semm__jw_string(w, NULL, m->elems[e].id);
	}
	semm__jw_close(w, ']');
	semm__jw_open(w, "unassessed_elements", '[');
	for (e = 0; e < m->n_elems; e++) {
		if (gr->elems[e].level < 0)
			semm__jw_string(w, NULL, m->elems[e].id);
	}
	semm__jw_close(w, ']');
	semm__write_agreement(w, res, &gr->agr_overall);
	semm__jw_close(w, '}');
}

static void write_counts(semm__jw *w, const semm_result *res,
			 const semm__group *gr, size_t i)
{
	const semm__scale *s = semm__item_scale(res->q, i);
	const size_t *c = gr->counts + i * res->n_counts;
	char key[16];
	int v;

	semm__jw_open(w, "counts", '{');
	for (v = s->min; v <= s->max; v++) {
		snprintf(key, sizeof(key), "%d", v);
		semm__jw_size(w, key, c[v - s->min]);
	}
	semm__jw_size(w, "na", c[res->n_counts - 3]);
	semm__jw_size(w, "dont_know", c[res->n_counts - 2]);
	semm__jw_size(w, "blank", c[res->n_counts - 1]);
	semm__jw_close(w, '}');
}

static void write_units(semm__jw *w, const semm_result *res,
			const semm__group *gr)
{
	const semm_model *m = res->model;
	const semm_questionnaire *q = res->q;
	size_t i;

	semm__jw_open(w, "dimensions", '[');
	for (i = 0; i < m->n_dims; i++) {
		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "id", m->dims[i].id);
		semm__jw_string(w, "name", m->dims[i].name);
		unit_stats(w, &gr->dims[i]);
		level_fields(w, res, "level", "level_name", gr->dims[i].level);
		semm__write_reliability(w, res, &gr->rel_dims[i],
					!res->summary);
		semm__write_agreement(w, res, &gr->agr_dims[i]);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
	semm__jw_open(w, "elements", '[');
	for (i = 0; i < m->n_elems; i++) {
		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "id", m->elems[i].id);
		semm__jw_string(w, "name", m->elems[i].name);
		semm__jw_string(w, "dimension",
				m->dims[m->elems[i].dimension].id);
		unit_stats(w, &gr->elems[i]);
		level_fields(w, res, "level", "level_name", gr->elems[i].level);
		semm__jw_number(w, "target", gr->elems[i].target);
		semm__jw_number(w, "gap", gr->elems[i].gap);
		semm__jw_number(w, "priority", gr->elems[i].priority);
		semm__write_reliability(w, res, &gr->rel_elems[i],
					!res->summary);
		semm__write_agreement(w, res, &gr->agr_elems[i]);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
	if (res->summary)
		return;
	semm__jw_open(w, "items", '[');
	for (i = 0; i < q->n_items; i++) {
		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "id", q->items[i].id);
		semm__jw_string(w, "text",
				q->items[i].texts[res->lang]
					? q->items[i].texts[res->lang]
					: q->items[i].text);
		semm__jw_string(w, "element", q->items[i].element_id);
		semm__jw_bool(w, "reverse", q->items[i].reverse);
		unit_stats(w, &gr->items[i]);
		write_counts(w, res, gr, i);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
}

/* Elements below their target, highest priority first, each with what
 * its next level looks like (the model's descriptor). */
static void write_improvements(semm__jw *w, const semm_result *res,
			       const semm__group *gr)
{
	const semm_model *m = res->model;
	size_t order[SEMM_MAX_MODEL_UNITS];
	size_t n = semm__improvements(res, gr, order), i;

	semm__jw_open(w, "improvements", '[');
	for (i = 0; i < n; i++) {
		const semm__element *el = &m->elems[order[i]];
		const semm__unit *u = &gr->elems[order[i]];
		int next = u->level + 1;

		if (next >= (int)m->n_bands)
			next = -1;
		semm__jw_open(w, NULL, '{');
		semm__jw_size(w, "rank", i + 1);
		semm__jw_string(w, "element", el->id);
		semm__jw_string(w, "name", el->name);
		semm__jw_number(w, "percent", u->percent);
		level_fields(w, res, "level", "level_name", u->level);
		semm__jw_number(w, "target", u->target);
		semm__jw_number(w, "gap", u->gap);
		semm__jw_number(w, "priority", u->priority);
		level_fields(w, res, "next_level", "next_level_name", next);
		semm__jw_string(w, "next_level_descriptor",
				next >= 0 && el->descriptors
					? el->descriptors[next]
					: NULL);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
}

static void write_group(semm__jw *w, const char *key, const semm_result *res,
			const semm__group *gr)
{
	semm__jw_open(w, key, '{');
	semm__jw_string(w, "id", gr->id);
	semm__jw_size(w, "n", gr->n);
	write_overall(w, res, gr);
	write_units(w, res, gr);
	write_improvements(w, res, gr);
	semm__jw_close(w, '}');
}

static void write_groups(semm__jw *w, const semm_result *res)
{
	size_t g;

	semm__jw_open(w, "groups", '[');
	for (g = 0; g < res->n_groups; g++)
		write_group(w, NULL, res, &res->groups[g]);
	semm__jw_close(w, ']');
}

int semm_report_write_json(const semm_result *res, FILE *fp)
{
	semm__jw w = { 0 };
	size_t *counts = warning_counts(res), g;
	const char **ids =
		malloc((res->n_groups ? res->n_groups : 1) * sizeof(char *));

	if (!counts || !ids) {
		free(counts);
		free(ids);
		return SEMM_ENOMEM;
	}
	for (g = 0; g < res->n_groups; g++)
		ids[g] = res->groups[g].id;

	w.fp = fp;
	semm__jw_open(&w, NULL, '{');
	write_header(&w, res, REPORT_FORMAT);
	write_parameters(&w, res);
	write_levels(&w, res);
	semm__jw_open(&w, "respondents", '{');
	semm__jw_size(&w, "read", semm_result_read_count(res));
	semm__jw_size(&w, "scored", semm_result_scored_count(res));
	semm__jw_size(&w, "rejected", semm_result_rejected_count(res));
	semm__jw_close(&w, '}');
	write_rejected(&w, res);
	write_warnings(&w, res, counts);
	write_groups(&w, res);
	semm__write_pooled_reliability(&w, res);
	semm__write_across_groups(&w, res);
	if (res->bench)
		semm__write_benchmark(&w, res->model, res->bench, ids);
	semm__write_methods(&w, res);
	semm__jw_close(&w, '}');
	free(counts);
	free(ids);
	return (w.failed || ferror(fp)) ? SEMM_EIO : SEMM_OK;
}
