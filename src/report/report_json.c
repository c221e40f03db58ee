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

/* scope: what was assessed, first in the report after what with. */
static int write_scope(semm__jw *w, const semm_result *res)
{
	const semm_model *m = res->model;
	semm__buf msg = { 0 };
	size_t i;
	int rc = semm__scope_sentence(res, SEMM__LANG_EN, &msg);

	semm__jw_open(w, "scope", '{');
	semm__jw_bool(w, "whole_model", res->scope == NULL);
	semm__jw_string(w, "canonical", res->scope);
	semm__jw_string(w, "source", res->scope_source);
	semm__jw_open(w, "dimensions", '[');
	for (i = 0; i < m->n_dims; i++) {
		if (res->in_dim[i])
			semm__jw_string(w, NULL, m->dims[i].id);
	}
	semm__jw_close(w, ']');
	semm__jw_open(w, "elements", '[');
	for (i = 0; i < m->n_elems; i++) {
		if (res->in_elem[i])
			semm__jw_string(w, NULL, m->elems[i].id);
	}
	semm__jw_close(w, ']');
	semm__jw_open(w, "not_in_scope", '[');
	for (i = 0; i < m->n_elems; i++) {
		if (!res->in_elem[i])
			semm__jw_string(w, NULL, m->elems[i].id);
	}
	semm__jw_close(w, ']');
	semm__jw_string(w, "statement", rc < 0 ? NULL : msg.data);
	semm__jw_close(w, '}');
	semm__buf_free(&msg);
	return rc < 0 ? rc : SEMM_OK;
}

/* parameters.implementation_stages: the rule's thresholds. */
static void write_stage_rule(semm__jw *w, const semm_result *res)
{
	const semm_model *m = res->model;
	const semm__stages *st = &m->stages;
	size_t e;

	semm__jw_open(w, "implementation_stages", '{');
	semm__jw_string(w, "label", st->label);
	semm__jw_string(w, "rule", "engine-defined");
	semm__jw_bool(w, "indicative", 1);
	semm__jw_string(w, "thresholds",
			st->from_model ? "model" : "engine defaults");
	semm__jw_size(w, "implementation_level",
		      (size_t)m->bands[st->impl_band].level);
	semm__jw_size(w, "post_implementation_level",
		      (size_t)m->bands[st->post_band].level);
	semm__jw_open(w, "foundation", '[');
	for (e = 0; e < m->n_elems; e++) {
		if (st->foundation[e])
			semm__jw_string(w, NULL, m->elems[e].id);
	}
	semm__jw_close(w, ']');
	semm__jw_close(w, '}');
}

void semm__write_parameters(semm__jw *w, const semm_result *res)
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
	semm__jw_open(w, "included", '{');
	semm__jw_bool(w, "unfinished",
		      !!(r->opts.include & SEMM_INCLUDE_UNFINISHED));
	semm__jw_bool(w, "test", !!(r->opts.include & SEMM_INCLUDE_TEST));
	semm__jw_bool(w, "spam", !!(r->opts.include & SEMM_INCLUDE_SPAM));
	semm__jw_close(w, '}');
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
	write_stage_rule(w, res);
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

/* The JSON key of a reason for leaving a response out. */
static const char *exclusion_key(semm_exclusion reason)
{
	return reason == SEMM_EXCLUDED_NOT_SUBMITTED
		       ? "not_submitted"
		       : semm_exclusion_name(reason);
}

static void write_excluded(semm__jw *w, const semm_result *res)
{
	const semm_responses *r = res->r;
	size_t i;

	semm__jw_open(w, "excluded", '[');
	for (i = 0; i < r->n_excl; i++) {
		const semm__exclusion *x = &r->excl[i];

		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "source", r->sources[x->source]);
		semm__jw_size(w, "line", x->line);
		semm__jw_string(w, "respondent",
				semm__pool_str(r, x->respondent));
		semm__jw_string(w, "reason",
				exclusion_key((semm_exclusion)x->reason));
		semm__jw_string(w, "detail", semm__pool_str(r, x->detail));
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
	semm__jw_open(w, "ignored_columns", '[');
	for (i = 0; i < r->n_ignored; i++) {
		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "source", r->sources[r->ignored[i].source]);
		semm__jw_size(w, "column", r->ignored[i].column);
		semm__jw_string(w, "header",
				semm__pool_str(r, r->ignored[i].name));
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
}

#define MAPPING_HINT                                                       \
	"; a mapping file (--mapping) places a column the engine did not " \
	"recognize"

int semm__input_warning(const semm_result *res, size_t *next, semm__buf *msg)
{
	const semm_responses *r = res->r;
	size_t i = *next, k, n = 0;
	uint32_t src;
	char head[160];
	int rc = SEMM_OK;

	if (i >= r->n_ignored)
		return 0;
	src = r->ignored[i].source;
	for (k = i; k < r->n_ignored && r->ignored[k].source == src; k++)
		n++;
	msg->len = 0;
	snprintf(head, sizeof(head), "ignored %zu column%s of ", n,
		 n == 1 ? "" : "s");
	rc = semm__buf_append(msg, head, strlen(head));
	if (rc == SEMM_OK)
		rc = semm__buf_append(msg, r->sources[src],
				      strlen(r->sources[src]));
	if (rc == SEMM_OK)
		rc = semm__buf_append(msg,
				      " (neither items nor metadata): ", 31);
	for (k = i; rc == SEMM_OK && k < i + n; k++) {
		const char *name = semm__pool_str(r, r->ignored[k].name);

		if (k > i)
			rc = semm__buf_append(msg, ", ", 2);
		if (rc == SEMM_OK && name[0]) {
			rc = semm__buf_append(msg, "\"", 1);
			if (rc == SEMM_OK)
				rc = semm__buf_append(msg, name, strlen(name));
			if (rc == SEMM_OK)
				rc = semm__buf_append(msg, "\"", 1);
		} else if (rc == SEMM_OK) {
			snprintf(head, sizeof(head), "column %lu (no header)",
				 r->ignored[k].column);
			rc = semm__buf_append(msg, head, strlen(head));
		}
	}
	if (rc == SEMM_OK)
		rc = semm__buf_append(msg, MAPPING_HINT, strlen(MAPPING_HINT));
	if (rc == SEMM_OK)
		rc = semm__buf_append(msg, "", 1);
	*next = i + n;
	return rc < 0 ? rc : 1;
}

/* warnings[]: the result's findings that are warnings, one sentence
 * each; an input's ignored columns are named in full. */
static int write_warnings(semm__jw *w, const semm_result *res)
{
	semm__buf msg = { 0 };
	size_t i = 0, next = 0, col = 0;
	int rc = SEMM_OK;

	semm__jw_open(w, "warnings", '[');
	while (i < semm_result_finding_count(res)) {
		const semm_finding *f = semm_result_finding(res, i);

		if (!f->warning) {
			i++;
			continue;
		}
		if (f->kind == SEMM_FINDING_COLUMNS_IGNORED) {
			rc = semm__input_warning(res, &col, &msg);
			next = i + 1;
		} else {
			rc = semm__finding_sentence(res, i, &next, &msg);
		}
		if (rc < 0)
			break;
		semm__jw_string(w, NULL, msg.data);
		i = next;
	}
	semm__buf_free(&msg);
	semm__jw_close(w, ']');
	return rc < 0 ? rc : SEMM_OK;
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
		if (res->in_elem[e] && gr->elems[e].level < 0)
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

static const char *stage_reason_key(semm_stage_reason why)
{
	switch (why) {
	case SEMM_STAGE_WHY_FOUNDATION: return "foundation_below";
	case SEMM_STAGE_WHY_PROFILE: return "profile_below";
	case SEMM_STAGE_WHY_DEPLOYING: return "deployment_incomplete";
	case SEMM_STAGE_WHY_DEPLOYED: return "all_deployed";
	default: return "unassessed";
	}
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
		semm__jw_bool(w, "in_scope", res->in_dim[i]);
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
		semm__jw_bool(w, "in_scope", res->in_elem[i]);
		unit_stats(w, &gr->elems[i]);
		level_fields(w, res, "level", "level_name", gr->elems[i].level);
		semm__jw_string(w, "implementation_stage",
				semm_stage_name(semm_result_element_stage(
					res, (size_t)(gr - res->groups), i)));
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
		semm__jw_string(
			w, "implementation_stage",
			semm_stage_name(semm_result_element_stage(
				res, (size_t)(gr - res->groups), order[i])));
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
}

/* The group's implementation stage, and the roadmap: the improvements
 * grouped by stage (element ids by priority within each). */
static int write_stage(semm__jw *w, const semm_result *res,
		       const semm__group *gr)
{
	const semm_model *m = res->model;
	size_t g = (size_t)(gr - res->groups);
	size_t order[SEMM_MAX_MODEL_UNITS], k;
	semm_stage stage[SEMM_MAX_MODEL_UNITS];
	size_t n = semm__roadmap(res, gr, order, NULL, stage);
	semm__buf msg = { 0 };
	int rc = semm__stage_sentence(res, g, SEMM__LANG_EN, &msg), st;

	semm__jw_open(w, "implementation_stage", '{');
	semm__jw_string(w, "stage", semm_stage_name(gr->stage.stage));
	semm__jw_string(w, "reason", stage_reason_key(gr->stage.reason));
	semm__jw_string(w, "element",
			gr->stage.element >= 0 ? m->elems[gr->stage.element].id
					       : NULL);
	if (gr->stage.level)
		semm__jw_size(w, "level", (size_t)gr->stage.level);
	else
		semm__jw_null(w, "level");
	semm__jw_bool(w, "indicative", 1);
	semm__jw_string(w, "statement", rc < 0 ? NULL : msg.data);
	semm__jw_close(w, '}');
	semm__buf_free(&msg);
	semm__jw_open(w, "roadmap", '[');
	for (st = SEMM_STAGE_PRE; st <= SEMM_STAGE_POST; st++) {
		semm__jw_open(w, NULL, '{');
		semm__jw_string(w, "stage", semm_stage_name((semm_stage)st));
		semm__jw_open(w, "elements", '[');
		for (k = 0; k < n; k++) {
			if (stage[k] == (semm_stage)st)
				semm__jw_string(w, NULL, m->elems[order[k]].id);
		}
		semm__jw_close(w, ']');
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
	return rc < 0 ? rc : SEMM_OK;
}

/* The group's strongest or weakest elements, from its findings. */
static void write_ranked(semm__jw *w, const semm_result *res,
			 const semm__group *gr, const char *key,
			 semm_finding_kind kind)
{
	size_t i, end;

	semm__group_findings(res, (size_t)(gr - res->groups), &i, &end);
	semm__jw_open(w, key, '[');
	for (; i < end; i++) {
		const semm_finding *f = &res->findings[i];

		if (f->kind != kind)
			continue;
		semm__jw_open(w, NULL, '{');
		semm__jw_size(w, "rank", f->rank);
		semm__jw_string(w, "element", res->model->elems[f->unit].id);
		semm__jw_number(w, "percent", f->value);
		semm__jw_close(w, '}');
	}
	semm__jw_close(w, ']');
}

static int write_group(semm__jw *w, const char *key, const semm_result *res,
		       const semm__group *gr)
{
	int rc;

	semm__jw_open(w, key, '{');
	semm__jw_string(w, "id", gr->id);
	semm__jw_size(w, "n", gr->n);
	write_overall(w, res, gr);
	rc = write_stage(w, res, gr);
	write_units(w, res, gr);
	write_improvements(w, res, gr);
	write_ranked(w, res, gr, "strengths", SEMM_FINDING_STRENGTH);
	write_ranked(w, res, gr, "weaknesses", SEMM_FINDING_WEAKNESS);
	semm__jw_close(w, '}');
	return rc;
}

static int write_groups(semm__jw *w, const semm_result *res)
{
	size_t g;
	int rc = SEMM_OK;

	semm__jw_open(w, "groups", '[');
	for (g = 0; g < res->n_groups; g++) {
		int r = write_group(w, NULL, res, &res->groups[g]);

		if (r < 0)
			rc = r;
	}
	semm__jw_close(w, ']');
	return rc;
}

int semm_report_write_json(const semm_result *res, FILE *fp)
{
	semm__jw w = { 0 };
	size_t g;
	int oom;
	const char **ids =
		malloc((res->n_groups ? res->n_groups : 1) * sizeof(char *));

	if (!ids)
		return SEMM_ENOMEM;
	for (g = 0; g < res->n_groups; g++)
		ids[g] = res->groups[g].id;

	w.fp = fp;
	semm__jw_open(&w, NULL, '{');
	write_header(&w, res, REPORT_FORMAT);
	oom = write_scope(&w, res) == SEMM_ENOMEM;
	semm__write_parameters(&w, res);
	write_levels(&w, res);
	semm__jw_open(&w, "respondents", '{');
	semm__jw_size(&w, "read", semm_result_read_count(res));
	semm__jw_size(&w, "scored", semm_result_scored_count(res));
	semm__jw_size(&w, "rejected", semm_result_rejected_count(res));
	semm__jw_size(
		&w, "excluded",
		semm_responses_excluded_count(res->r, SEMM_EXCLUSION_COUNT));
	semm__jw_open(&w, "excluded_by_reason", '{');
	for (g = 0; g < SEMM_EXCLUSION_COUNT; g++)
		semm__jw_size(&w, exclusion_key((semm_exclusion)g),
			      semm_responses_excluded_count(res->r,
							    (semm_exclusion)g));
	semm__jw_close(&w, '}');
	semm__jw_close(&w, '}');
	write_rejected(&w, res);
	write_excluded(&w, res);
	if (write_warnings(&w, res) == SEMM_ENOMEM)
		oom = 1;
	if (write_groups(&w, res) == SEMM_ENOMEM)
		oom = 1;
	semm__write_pooled_reliability(&w, res);
	semm__write_across_groups(&w, res);
	semm__write_ratings(&w, res);
	if (res->bench)
		semm__write_benchmark(&w, res->model, res->bench, ids,
				      res->scope);
	semm__write_methods(&w, res);
	semm__jw_close(&w, '}');
	free(ids);
	if (oom)
		return SEMM_ENOMEM;
	return (w.failed || ferror(fp)) ? SEMM_EIO : SEMM_OK;
}
