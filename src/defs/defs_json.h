/*
 * defs_json.h - what the definitions' JSON readers share beyond defs.h:
 * the parser of a "targets" member, which a model and a targets file
 * both carry, and the mapping loader that semm_mapping_check shares.
 * They take cJSON types, so they are kept out of defs.h (cJSON stays
 * with json.c and the JSON readers).
 */
#ifndef SEMM_DEFS_JSON_H
#define SEMM_DEFS_JSON_H

#include "base/json.h"
#include "defs/defs.h"

/**
 * Parses {"E1": {"level": 4}, "*": {"percent": 60}} at obj into t (the
 * model's "targets" member and targets files share it; targets.c).
 */
int semm__targets_parse(const semm__jdoc *d, semm__jpath *p, const cJSON *obj,
			semm_targets *t);

/**
 * Loads the mapping of the parsed document root (mapping.c); a checking
 * document (d->collect) gets every unfilled answer and misspelt member
 * and goes on. Returns SEMM_OK with *out set, or a negative code.
 */
int semm__mapping_load(const semm__jdoc *d, const cJSON *root,
		       semm_mapping **out);

/* ---- a model's languages and translations (model_i18n.c) ------------- */

/** One translatable member of a model object. */
typedef struct semm__trfield {
	const char *key; /* member name: "name", "descriptors", ... */
	/* the default language's text, or NULL; for "descriptors" the
	 * element's per-band array (may be NULL) */
	const void *plain;
	char ***tr; /* where the other languages' texts go (allocated) */
} semm__trfield;

/**
 * Reads the model's "languages" (absent: one language, "en"): at least
 * one code, none empty, none twice.
 */
int semm__model_languages(const semm__jdoc *d, semm__jpath *p, semm_model *m,
			  const cJSON *root);

/**
 * Reads obj's "i18n" member (at path p) for the n fields: each key must
 * be one of the model's other languages and each text must translate
 * one the object has; then every text of the default language must have
 * a translation in every other language ("missing" names its path).
 * Rule problems are collectable.
 */
int semm__model_i18n(const semm__jdoc *d, semm__jpath *p, const semm_model *m,
		     const cJSON *obj, const semm__trfield *fields, size_t n);

/**
 * Reads the model's optional "implementation_stages" member at root
 * (stages.c), after its bands and elements, or sets the engine's
 * defaults. Rule problems name their JSON path.
 */
int semm__stages_load(const semm__jdoc *d, semm__jpath *p, semm_model *m,
		      const cJSON *root);

/** Frees what semm__stages_load allocated. */
void semm__stages_free(semm__stages *s);

#endif
