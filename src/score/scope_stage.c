/*
 * scope_stage.c - a result's scope (which elements and dimensions are
 * assessed, and where that came from) and each group's indicative
 * implementation stage (ISO/TS 19390's pre-implementation,
 * implementation, post-implementation) placed by the engine's rule on
 * the group's levels over the scope. Both are computed once here; the
 * writers render the statements (docs/SCORING.md, "Scope" and
 * "Implementation stage").
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score/score_int.h"

/* The scope given by the options, the responses or the questionnaire. */
static int pick_scope(semm_result *res, const semm_score_options *o,
		      semm_error *err)
{
	const semm_model *m = res->model;
	const char *from_r = res->r ? res->r->scope : NULL;
	const semm_questionnaire *q = res->q;
	int rc;

	if (o->n_scope > 0) {
		rc = semm__scope_resolve(m, o->scope, o->n_scope, res->in_elem,
					 &res->scope, err);
		res->scope_source = "options";
		if (rc == SEMM_OK && from_r &&
		    (!res->scope || strcmp(res->scope, from_r) != 0))
			rc = semm__fail(err, SEMM_EARG, NULL, 0, 0,
					"scope: the respondents were read for "
					"scope \"%s\", the options give %s%s%s",
					from_r, res->scope ? "\"" : "",
					res->scope ? res->scope
						   : "the whole "
						     "model",
					res->scope ? "\"" : "");
		return rc;
	}
	if (from_r) {
		res->scope_source = "responses";
		return semm__scope_resolve_text(m, from_r, res->in_elem,
						&res->scope, err);
	}
	if (q->n_scope > 0) {
		res->scope_source = "questionnaire";
		return semm__scope_resolve(m, (const char *const *)q->scope,
					   q->n_scope, res->in_elem,
					   &res->scope, err);
	}
	res->scope_source = "whole model";
	return semm__scope_resolve(m, NULL, 0, res->in_elem, &res->scope, err);
}

int semm__scope_options(semm_result *res, const semm_score_options *o,
			semm_error *err)
{
	const semm_model *m = res->model;
	size_t d, e;
	int rc = pick_scope(res, o, err);

	if (rc < 0)
		return rc;
	res->n_in_elems = res->n_in_dims = 0;
	for (d = 0; d < m->n_dims; d++) {
		res->in_dim[d] = 0;
		for (e = m->dims[d].first;
		     e < m->dims[d].first + m->dims[d].count; e++)
			res->in_dim[d] |= res->in_elem[e];
		res->n_in_dims += res->in_dim[d];
	}
	for (e = 0; e < m->n_elems; e++)
		res->n_in_elems += res->in_elem[e];
	return SEMM_OK;
}

/* ---- the implementation stage ----------------------------------------- */

static void place(semm__group *gr, semm_stage stage, semm_stage_reason why,
		  long element, int level)
{
	gr->stage.stage = stage;
	gr->stage.reason = why;
	gr->stage.element = element;
	gr->stage.level = level;
}

/* The rule (docs/SCORING.md): post-implementation when the staged level
 * reaches the post-implementation level; pre-implementation while a
 * foundation element in scope is below the implementation level (with
 * no foundation element in scope: while the profile level is); else
 * implementation. Not placed when an element in scope has no score. */
void semm__group_stage(const semm_result *res, semm__group *gr)
{
	const semm_model *m = res->model;
	const semm__stages *st = &m->stages;
	int impl = m->bands[st->impl_band].level;
	int post = m->bands[st->post_band].level;
	size_t e, found = 0;

	if (gr->staged < 0) {
		place(gr, SEMM_STAGE_NONE, SEMM_STAGE_WHY_UNASSESSED, -1, 0);
		return;
	}
	if (gr->staged >= st->post_band) {
		place(gr, SEMM_STAGE_POST, SEMM_STAGE_WHY_DEPLOYED, -1, post);
		return;
	}
	for (e = 0; e < m->n_elems; e++) {
		if (!res->in_elem[e] || !st->foundation[e])
			continue;
		found++;
		if (gr->elems[e].level < st->impl_band) {
			place(gr, SEMM_STAGE_PRE, SEMM_STAGE_WHY_FOUNDATION,
			      (long)e, impl);
			return;
		}
	}
	if (!found && gr->overall.level < st->impl_band) {
		place(gr, SEMM_STAGE_PRE, SEMM_STAGE_WHY_PROFILE, -1, impl);
		return;
	}
	for (e = 0; e < m->n_elems; e++) {
		if (res->in_elem[e] && gr->elems[e].level < st->post_band)
			break;
	}
	place(gr, SEMM_STAGE_IMPLEMENTATION, SEMM_STAGE_WHY_DEPLOYING, (long)e,
	      post);
}

/* ---- public accessors -------------------------------------------------- */

int semm_result_element_in_scope(const semm_result *res, size_t e)
{
	return e < res->model->n_elems && res->in_elem[e];
}

int semm_result_dimension_in_scope(const semm_result *res, size_t d)
{
	return d < res->model->n_dims && res->in_dim[d];
}

const char *semm_result_scope(const semm_result *res)
{
	return res->scope;
}

const char *semm_result_scope_source(const semm_result *res)
{
	return res->scope_source;
}

const char *semm_stage_name(semm_stage stage)
{
	switch (stage) {
	case SEMM_STAGE_PRE: return "pre-implementation";
	case SEMM_STAGE_IMPLEMENTATION: return "implementation";
	case SEMM_STAGE_POST: return "post-implementation";
	default: return NULL;
	}
}

int semm_result_group_stage(const semm_result *res, size_t g,
			    semm_stage_info *out)
{
	if (g >= res->n_groups)
		return SEMM_EARG;
	*out = res->groups[g].stage;
	return SEMM_OK;
}

semm_stage semm_result_element_stage(const semm_result *res, size_t g, size_t e)
{
	const semm__stages *st = &res->model->stages;
	int lv;

	if (g >= res->n_groups || e >= res->model->n_elems || !res->in_elem[e])
		return SEMM_STAGE_NONE;
	lv = res->groups[g].elems[e].level;
	if (lv < 0)
		return SEMM_STAGE_NONE;
	if (lv < st->impl_band)
		return SEMM_STAGE_PRE;
	return lv < st->post_band ? SEMM_STAGE_IMPLEMENTATION : SEMM_STAGE_POST;
}

size_t semm__roadmap(const semm_result *res, const semm__group *gr,
		     size_t *order, size_t *rank, semm_stage *stage)
{
	size_t by_priority[SEMM_MAX_MODEL_UNITS];
	size_t n = semm__improvements(res, gr, by_priority), i, k = 0;
	size_t g = (size_t)(gr - res->groups);
	int st;

	for (st = SEMM_STAGE_PRE; st <= SEMM_STAGE_POST; st++) {
		for (i = 0; i < n; i++) {
			if (semm_result_element_stage(res, g, by_priority[i]) !=
			    (semm_stage)st)
				continue;
			order[k] = by_priority[i];
			if (rank)
				rank[k] = i + 1;
			if (stage)
				stage[k] = (semm_stage)st;
			k++;
		}
	}
	return k;
}

/* ---- statements, in the report languages ------------------------------ */

enum {
	M_WHOLE,
	M_SCOPED,
	M_NONE_OUT,
	M_STAGE,
	M_INDICATIVE,
	M_UNASSESSED,
	M_FOUNDATION,
	M_PROFILE,
	M_DEPLOYING,
	M_DEPLOYED,
	M_PRE,
	M_IMPL,
	M_POST,
	M_NOT_PLACED,
	M_OUT,
	M_COUNT
};

/* Printf formats: every language takes the same arguments in order. */
static const semm__msg msgs[M_COUNT] = {
	[M_WHOLE] = { { "Scope: the whole model (%zu dimensions, %zu "
			"elements).",
			"Bewertungsumfang: das ganze Modell (%zu Dimensionen, "
			"%zu Elemente)." } },
	[M_SCOPED] = { { "Scope: %s: %zu of %zu elements in scope (%s); "
			 "not in scope: %s.",
			 "Bewertungsumfang: %s: %zu von %zu Elementen (%s); "
			 "nicht im Umfang: %s." } },
	[M_NONE_OUT] = { { "none", "keine" } },
	[M_STAGE] = { { "Implementation stage", "Umsetzungsphase" } },
	[M_INDICATIVE] = { { "indicative, engine-defined",
			     "indikativ, von semm festgelegt" } },
	[M_UNASSESSED] = { { "elements in scope have no score",
			     "Elemente im Umfang haben keinen Wert" } },
	[M_FOUNDATION] = { { "foundation element %s (%s) is below level %d "
			     "(%s)",
			     "das Grundlagenelement %s (%s) liegt unter "
			     "Stufe %d (%s)" } },
	[M_PROFILE] = { { "no foundation element is in scope, and the "
			  "overall level is below level %d (%s)",
			  "kein Grundlagenelement ist im Umfang, und die "
			  "Gesamtstufe liegt unter Stufe %d (%s)" } },
	[M_DEPLOYING] = { { "the start is made, and element %s (%s) is still "
			    "below level %d (%s)",
			    "der Anfang ist gemacht, und Element %s (%s) "
			    "liegt noch unter Stufe %d (%s)" } },
	[M_DEPLOYED] = { { "every element in scope is at level %d (%s) or "
			   "above",
			   "jedes Element im Umfang liegt auf Stufe %d (%s) "
			   "oder darüber" } },
	[M_PRE] = { { "pre-implementation", "Vor der Umsetzung" } },
	[M_IMPL] = { { "implementation", "Umsetzung" } },
	[M_POST] = { { "post-implementation", "Nach der Umsetzung" } },
	[M_NOT_PLACED] = { { "not placed", "nicht bestimmt" } },
	[M_OUT] = { { "not in scope", "nicht im Bewertungsumfang" } },
};

/* The conversions of a printf format ("%s%zu..." -> "szu"), "%%" left
 * out. */
static void conversions(const char *f, char *out, size_t len)
{
	size_t n = 0;

	for (; *f; f++) {
		if (*f != '%')
			continue;
		if (f[1] == '%') {
			f++;
			continue;
		}
		for (f++; *f && n + 1 < len; f++) {
			out[n++] = *f;
			if (strchr("sdiufgc", *f))
				break;
		}
		if (!*f)
			break;
	}
	out[n] = '\0';
}

size_t semm__scope_msgs_check(void)
{
	char a[64], b[64];
	size_t i;
	int l;

	if (semm__msg_check(msgs, M_COUNT) != M_COUNT)
		return 0;
	for (i = 0; i < M_COUNT; i++) {
		conversions(msgs[i].text[0], a, sizeof(a));
		for (l = 1; l < SEMM__N_LANGS; l++) {
			conversions(msgs[i].text[l], b, sizeof(b));
			if (strcmp(a, b) != 0)
				return 0;
		}
	}
	return 1;
}

static const char *tr(int id, semm__lang l)
{
	return semm__tr(&msgs[id], l);
}

/* Appends a formatted text. No format attribute: the formats come from
 * the message table, whose languages' conversions the unit tests check
 * against each other (tests/unit/test_scope.c). */
static int add(semm__buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return SEMM_OK;
	return semm__buf_append(
		b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

/* Element ids in or out of scope, ", " between. */
static int id_list(const semm_result *res, int in, semm__buf *b, semm__lang l)
{
	size_t e, n = 0;
	int rc = SEMM_OK;

	for (e = 0; e < res->model->n_elems && rc == SEMM_OK; e++) {
		if (!res->in_elem[e] != !in)
			continue;
		rc = add(b, "%s%s", n++ ? ", " : "", res->model->elems[e].id);
	}
	if (rc == SEMM_OK && n == 0)
		rc = add(b, "%s", tr(M_NONE_OUT, l));
	return rc;
}

int semm__scope_sentence(const semm_result *res, semm__lang l, semm__buf *out)
{
	const semm_model *m = res->model;
	semm__buf in = { 0 }, not_in = { 0 }, given = { 0 };
	size_t i;
	int rc;

	out->len = 0;
	if (!res->scope) {
		rc = add(out, tr(M_WHOLE, l), m->n_dims, m->n_elems);
		return rc < 0 ? rc : semm__buf_append(out, "", 1);
	}
	rc = id_list(res, 1, &in, l);
	if (rc == SEMM_OK)
		rc = id_list(res, 0, &not_in, l);
	for (i = 0; res->scope[i] && rc == SEMM_OK; i++)
		rc = res->scope[i] == ','
			     ? semm__buf_append(&given, ", ", 2)
			     : semm__buf_append(&given, &res->scope[i], 1);
	if (rc == SEMM_OK)
		rc = semm__buf_append(&in, "", 1);
	if (rc == SEMM_OK)
		rc = semm__buf_append(&not_in, "", 1);
	if (rc == SEMM_OK)
		rc = semm__buf_append(&given, "", 1);
	if (rc == SEMM_OK)
		rc = add(out, tr(M_SCOPED, l), given.data, res->n_in_elems,
			 m->n_elems, in.data, not_in.data);
	if (rc == SEMM_OK)
		rc = semm__buf_append(out, "", 1);
	semm__buf_free(&in);
	semm__buf_free(&not_in);
	semm__buf_free(&given);
	return rc;
}

const char *semm__stage_label(semm_stage stage, semm__lang l)
{
	switch (stage) {
	case SEMM_STAGE_PRE: return tr(M_PRE, l);
	case SEMM_STAGE_IMPLEMENTATION: return tr(M_IMPL, l);
	case SEMM_STAGE_POST: return tr(M_POST, l);
	default: return tr(M_NOT_PLACED, l);
	}
}

const char *semm__not_in_scope_label(semm__lang l)
{
	return tr(M_OUT, l);
}

/* The name of the band of level number `level` in language l. */
static const char *level_name(const semm_result *res, int level, semm__lang l)
{
	const semm_model *m = res->model;
	size_t b;

	for (b = 0; b < m->n_bands; b++) {
		if (m->bands[b].level != level)
			continue;
		if (l == res->report_lang)
			return semm__band_name_tr(m, b, res->model_lang);
		return m->bands[b].name;
	}
	return "";
}

int semm__stage_sentence(const semm_result *res, size_t g, semm__lang l,
			 semm__buf *out)
{
	const semm_stage_info *s = &res->groups[g].stage;
	const semm_model *m = res->model;
	const char *el = s->element >= 0 ? m->elems[s->element].id : "";
	/* the element by name too: readers know it by its name */
	const char *en = s->element < 0 ? ""
			 : l == res->report_lang
				 ? semm__elem_name_tr(m, (size_t)s->element,
						      res->model_lang)
				 : m->elems[s->element].name;
	const char *ln = level_name(res, s->level, l);
	int rc;

	out->len = 0;
	rc = add(out, "%s: %s (%s): ", tr(M_STAGE, l),
		 semm__stage_label(s->stage, l), tr(M_INDICATIVE, l));
	if (rc < 0)
		return rc;
	switch (s->reason) {
	case SEMM_STAGE_WHY_FOUNDATION:
		rc = add(out, tr(M_FOUNDATION, l), el, en, s->level, ln);
		break;
	case SEMM_STAGE_WHY_PROFILE:
		rc = add(out, tr(M_PROFILE, l), s->level, ln);
		break;
	case SEMM_STAGE_WHY_DEPLOYING:
		rc = add(out, tr(M_DEPLOYING, l), el, en, s->level, ln);
		break;
	case SEMM_STAGE_WHY_DEPLOYED:
		rc = add(out, tr(M_DEPLOYED, l), s->level, ln);
		break;
	default: rc = add(out, "%s", tr(M_UNASSESSED, l));
	}
	if (rc == SEMM_OK)
		rc = semm__buf_append(out, ".", 2);
	return rc;
}

static const char *copy_out(const semm__buf *b, int rc, char *buf, size_t len)
{
	if (!buf || len == 0)
		return buf;
	snprintf(buf, len, "%s", rc < 0 || !b->data ? "" : b->data);
	return buf;
}

const char *semm_result_scope_statement(const semm_result *res, char *buf,
					size_t len)
{
	semm__buf b = { 0 };
	int rc = semm__scope_sentence(res, SEMM__LANG_EN, &b);

	copy_out(&b, rc, buf, len);
	semm__buf_free(&b);
	return buf;
}

const char *semm_result_stage_message(const semm_result *res, size_t g,
				      char *buf, size_t len)
{
	semm__buf b = { 0 };
	int rc = g < res->n_groups
			 ? semm__stage_sentence(res, g, SEMM__LANG_EN, &b)
			 : SEMM_EARG;

	copy_out(&b, rc, buf, len);
	semm__buf_free(&b);
	return buf;
}
