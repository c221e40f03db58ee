/*
 * defs.h - the definitions (src/defs): maturity models (model.c),
 * targets (targets.c), questionnaires (questionnaire.c) and mapping
 * files (mapping.c), as the later stages read them. Private to the
 * library.
 */
#ifndef SEMM_DEFS_H
#define SEMM_DEFS_H

#include "base/base.h"

/* ---- model (model.c, model_i18n.c) ------------------------------------
 * Each text is kept in the model's default language (the plain field)
 * and, when the model lists more languages, in each other language:
 * the field's `_tr` array holds language k (k >= 1) at index k - 1, and
 * is NULL for a model in one language. Read them through model_text.c. */

typedef struct semm__element {
	char *id;
	char *name;
	char *description; /* or NULL */
	double weight;
	size_t dimension;
	char **descriptors; /* per level band, entries may be NULL */
	char **name_tr;
	char **description_tr;
	/* language k's descriptor of band b at (k - 1) * n_bands + b */
	char **descriptors_tr;
} semm__element;

typedef struct semm__dimension {
	char *id;
	char *name;
	char *description; /* or NULL */
	double weight;
	size_t first; /* first element index */
	size_t count; /* elements in this dimension */
	char **name_tr;
	char **description_tr;
} semm__dimension;

typedef struct semm__band {
	int level;
	char *name;
	char *descriptor; /* or NULL */
	double min;
	double max;
	char **name_tr;
	char **descriptor_tr;
} semm__band;

/** A guiding principle of the model (metadata). */
typedef struct semm__principle {
	char *id;
	char *name;
	char *description; /* or NULL */
	char **name_tr;
	char **description_tr;
} semm__principle;

/* ---- targets (targets.c) ---------------------------------------------- */

typedef struct semm__target {
	char *element; /* an element id, or "*" */
	int is_level;  /* value is a level number, else a percent */
	double value;
} semm__target;

struct semm_targets {
	semm__target *t;
	size_t n;
};

/** A layer of the service excellence pyramid (model metadata). */
typedef struct semm__layer {
	int level;
	char *name;
	char *outcome;	   /* a code, not translated; or NULL */
	char *description; /* or NULL */
	char **name_tr;
	char **description_tr;
} semm__layer;

/** The rule placing a group in an implementation stage (stages.c): the
 * model's "implementation_stages" block, or the engine's defaults. */
typedef struct semm__stages {
	char *label;	/* what reports call the stage */
	int from_model; /* 1: the model's block; 0: the defaults */
	int impl_band;	/* band index of the implementation level */
	int post_band;	/* band index of the post-implementation level */
	unsigned char *foundation; /* per element: 1 in the foundation */
	size_t n_foundation;
} semm__stages;

struct semm_model {
	semm_targets *targets; /* the model's own, or NULL */
	semm__stages stages;
	semm__layer *pyramid; /* bottom layer first, or NULL */
	size_t n_pyramid;
	semm__principle *principles; /* or NULL */
	size_t n_principles;
	char **languages; /* the first is the plain fields' language */
	size_t n_languages;
	char *id;
	char *version;
	char *title;
	char *description; /* or NULL */
	char *levels_label;
	char *levels_note; /* or NULL */
	char *staged_rule;
	char **title_tr;
	char **description_tr;
	char **levels_label_tr;
	char **levels_note_tr;
	semm__dimension *dims;
	size_t n_dims;
	semm__element *elems;
	size_t n_elems;
	semm__band *bands;
	size_t n_bands;
	semm_na_policy na_policy;
	double na_anchor_percent;
	double coverage_min;
};

/** The band holding percent p, or -1 when p is NAN. */
int semm__model_band(const semm_model *m, double p);

/* ---- model texts by language (model_text.c) ---------------------------
 * `lang` is an index among the model's languages; 0 is its default
 * language, the one its plain fields are written in. Each returns the
 * text in that language, or NULL where the model has none (an optional
 * text, e.g. a missing descriptor). */

/** The index of language `code` among the model's languages: 0 and *out
 * set, or -1. A model that lists no languages is written in "en". */
int semm__model_lang(const semm_model *m, const char *code, size_t *out);
const char *semm__model_title_tr(const semm_model *m, size_t lang);
const char *semm__levels_label_tr(const semm_model *m, size_t lang);
const char *semm__band_name_tr(const semm_model *m, size_t b, size_t lang);
const char *semm__dim_name_tr(const semm_model *m, size_t d, size_t lang);
const char *semm__elem_name_tr(const semm_model *m, size_t e, size_t lang);
/** Element e's descriptor for level band b. */
const char *semm__elem_descriptor_tr(const semm_model *m, size_t e, size_t b,
				     size_t lang);
const char *semm__layer_name_tr(const semm_model *m, size_t k, size_t lang);
const char *semm__model_description_tr(const semm_model *m, size_t lang);
const char *semm__levels_note_tr(const semm_model *m, size_t lang);
const char *semm__band_descriptor_tr(const semm_model *m, size_t b,
				     size_t lang);
const char *semm__dim_description_tr(const semm_model *m, size_t d,
				     size_t lang);
const char *semm__elem_description_tr(const semm_model *m, size_t e,
				      size_t lang);
const char *semm__layer_description_tr(const semm_model *m, size_t k,
				       size_t lang);
const char *semm__principle_name_tr(const semm_model *m, size_t k, size_t lang);
const char *semm__principle_description_tr(const semm_model *m, size_t k,
					   size_t lang);

/** Frees a `_tr` array of a model with n_languages languages. */
void semm__tr_free(char **tr, size_t n_languages);

/* ---- scope (scope.c) -------------------------------------------------- */

/**
 * Resolves scope ids (dimensions and elements of m; n == 0: the whole
 * model) into in[e] = 1 for each element in scope, and *text, newly
 * allocated, its canonical form ("D1,E5,E6": a dimension wholly in scope
 * by its id, in model order), NULL for the whole model. SEMM_OK,
 * SEMM_EARG (an unknown or empty id; err says which) or SEMM_ENOMEM.
 */
int semm__scope_resolve(const semm_model *m, const char *const *ids, size_t n,
			unsigned char *in, char **text, semm_error *err);

/** As semm__scope_resolve, from comma-separated text (NULL: whole). */
int semm__scope_resolve_text(const semm_model *m, const char *text,
			     unsigned char *in, char **canon, semm_error *err);

/* ---- questionnaire (questionnaire.c) ----------------------------------- */

typedef struct semm__label {
	char *key;  /* label key (semm__label_key) */
	char *text; /* as written in the questionnaire */
	int value;
	size_t lang; /* index in the questionnaire's languages */
	int synonym; /* 0 for the label shown to respondents */
} semm__label;

typedef struct semm__scale {
	char *id;
	int min;
	int max;
	semm__label *labels;
	size_t n_labels;
	size_t cap_labels;
	char **na;	/* label keys of the N/A codes */
	char **na_text; /* as written */
	size_t *na_lang;
	size_t n_na;
	char **dk;
	char **dk_text;
	size_t *dk_lang;
	size_t n_dk;
} semm__scale;

typedef struct semm__item {
	char *id;
	char *text;   /* the statement, or NULL */
	char **texts; /* per language (texts[0] is text), entries may be NULL */
	char *text_key; /* its label key, for matching export headers */
	char *element_id;
	size_t element; /* index in the model, set by bind */
	size_t scale;
	int reverse;
	double weight;
} semm__item;

struct semm_questionnaire {
	char **languages; /* declared languages, the first is the default */
	size_t n_languages;
	int languages_listed; /* 0: one unnamed language, "default" */
	char *id;
	char *version;
	char *title;
	char *model_id;
	char *model_version;
	double coverage_min; /* NAN when not set */
	char **scope;	     /* "scope": dimension and element ids, or NULL */
	size_t n_scope;
	char *meta_column[SEMM_META_COUNT];
	int meta_required[SEMM_META_COUNT];
	semm__scale *scales;
	size_t n_scales;
	semm__item *items;
	size_t n_items;
	char *text; /* the source text, to locate errors found by bind */
	size_t text_len;
	char *source;
	const semm_model *model; /* set by bind */
	size_t *elem_items;	 /* items per element, set by bind */
};

/** Scale of item i of the result's questionnaire. */
static inline const semm__scale *semm__item_scale(const semm_questionnaire *q,
						  size_t i)
{
	return &q->scales[q->items[i].scale];
}

/* ---- mappings and export headers (mapping.c, columns.c) --------------- */

typedef struct semm__pair {
	char *key;   /* label key of the header or answer text */
	char *value; /* item id or metadata role (NULL: ignore the column) */
	double number;
} semm__pair;

struct semm_mapping {
	semm__pair *columns;
	size_t n_columns;
	semm__pair *answers;
	size_t n_answers;
	char *respondent;    /* label key of the respondent column, or NULL */
	char *questionnaire; /* the id it says it is for, or NULL */
	/* the organization of every respondent of an export without an
	 * organization column, or NULL */
	char *organization;
	/* label keys of answers without a value yet (a checking load goes
	 * on past them) */
	char **unfilled;
	size_t n_unfilled;
};

/** The value a mapping gives an answer text, if any (returns 1). */
int semm__mapping_answer(const semm_mapping *m, const char *cell, size_t len,
			 double *value);

#endif
