/*
 * stages.c - the rule that places a group in one of ISO/TS 19390's
 * implementation stages (pre-implementation, implementation,
 * post-implementation): the model's optional "implementation_stages"
 * block, or the engine's defaults. The rule itself is engine-defined
 * and indicative (docs/SCORING.md, "Implementation stage"); this file
 * only reads and checks its thresholds.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "defs/defs_json.h"

static const char *const stages_members[] = { "label",
					      "note",
					      "foundation",
					      "implementation_level",
					      "post_implementation_level",
					      NULL };

static const char default_label[] =
	"Implementation stage (indicative, engine-defined)";

void semm__stages_free(semm__stages *s)
{
	free(s->label);
	free(s->foundation);
	memset(s, 0, sizeof(*s));
}

/* The band of level number `level`, or -1. */
static int band_of_level(const semm_model *m, double level)
{
	size_t i;

	for (i = 0; i < m->n_bands; i++) {
		if ((double)m->bands[i].level == level)
			return (int)i;
	}
	return -1;
}

/* The defaults: no foundation (the profile decides), implementation from
 * the middle band, post-implementation from the band above it. */
static int set_defaults(const semm__jdoc *d, semm_model *m)
{
	semm__stages *s = &m->stages;

	s->label = semm__strdup(default_label);
	s->foundation = calloc(m->n_elems ? m->n_elems : 1, 1);
	if (!s->label || !s->foundation)
		return semm__fail(d->err, SEMM_ENOMEM, d->source, 0, 0,
				  "out of memory");
	s->impl_band = (int)(m->n_bands / 2);
	s->post_band = s->impl_band + 1 < (int)m->n_bands ? s->impl_band + 1
							  : s->impl_band;
	return SEMM_OK;
}

/* A level member: the number of one of the model's bands. */
static int get_level(const semm__jdoc *d, semm__jpath *p, const semm_model *m,
		     const cJSON *obj, const char *key, int *band)
{
	double v;
	int rc = semm__jget_number(d, p, obj, key, 0, NAN, &v);
	int b;

	if (rc < 0 || isnan(v))
		return rc;
	b = band_of_level(m, v);
	if (b >= 0) {
		*band = b;
		return SEMM_OK;
	}
	semm__jpath_key(p, key);
	rc = semm__jfail(d, p, SEMM_EINVALID,
			 "%g is not a level of the model (levels %d to %d)", v,
			 m->bands[0].level, m->bands[m->n_bands - 1].level);
	semm__jpath_pop(p);
	return rc;
}

/* "foundation": element ids, each once. */
static int get_foundation(const semm__jdoc *d, semm__jpath *p, semm_model *m,
			  const cJSON *obj)
{
	char **ids = NULL;
	size_t n = 0, i, e;
	int rc = semm__jget_strings(d, p, obj, "foundation", &ids, &n);

	semm__jpath_key(p, "foundation");
	for (i = 0; rc == SEMM_OK && i < n; i++) {
		if (!ids[i])
			continue;
		for (e = 0; e < m->n_elems; e++) {
			if (strcmp(m->elems[e].id, ids[i]) == 0)
				break;
		}
		semm__jpath_index(p, i);
		if (e == m->n_elems)
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "\"%s\" is not an element of the "
					 "model",
					 ids[i]);
		else if (m->stages.foundation[e])
			rc = semm__jfail(d, p, SEMM_EINVALID,
					 "element \"%s\" is listed twice",
					 ids[i]);
		else {
			m->stages.foundation[e] = 1;
			m->stages.n_foundation++;
		}
		semm__jpath_pop(p);
	}
	semm__jpath_pop(p);
	semm__free_strings(ids, n);
	return rc;
}

int semm__stages_load(const semm__jdoc *d, semm__jpath *p, semm_model *m,
		      const cJSON *root)
{
	const cJSON *obj;
	char *label = NULL;
	int rc = set_defaults(d, m);

	if (rc == SEMM_OK)
		rc = semm__jget_object(d, p, root, "implementation_stages", 0,
				       &obj);
	if (rc < 0 || !obj)
		return rc;
	m->stages.from_model = 1;
	semm__jpath_key(p, "implementation_stages");
	rc = semm__jcheck_members(d, p, obj, stages_members);
	if (rc == SEMM_OK)
		rc = semm__jget_string(d, p, obj, "label", 0, &label);
	if (rc == SEMM_OK && label) {
		free(m->stages.label);
		m->stages.label = label;
	}
	if (rc == SEMM_OK)
		rc = get_level(d, p, m, obj, "implementation_level",
			       &m->stages.impl_band);
	if (rc == SEMM_OK)
		rc = get_level(d, p, m, obj, "post_implementation_level",
			       &m->stages.post_band);
	if (rc == SEMM_OK && m->stages.post_band < m->stages.impl_band) {
		semm__jpath_key(p, "post_implementation_level");
		rc = semm__jfail(d, p, SEMM_EINVALID,
				 "level %d is below the implementation level "
				 "%d",
				 m->bands[m->stages.post_band].level,
				 m->bands[m->stages.impl_band].level);
		semm__jpath_pop(p);
	}
	if (rc == SEMM_OK)
		rc = get_foundation(d, p, m, obj);
	semm__jpath_pop(p);
	return rc;
}
