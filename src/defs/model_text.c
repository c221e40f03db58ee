/*
 * model_text.c - a model's texts in the language a report is written in.
 * Language 0 is the model's default language (its plain fields); the
 * others come from the fields' `_tr` arrays, which the loader fills
 * completely (a missing translation is a load error), so NULL here means
 * the text is absent in every language, or the language is out of range.
 */
#include <stdlib.h>
#include <string.h>

#include "defs/defs.h"

/* A model that lists no languages (one built by hand) is in English. */
#define DEFAULT_LANGUAGE "en"

int semm__model_lang(const semm_model *m, const char *code, size_t *out)
{
	size_t i;

	if (!code)
		return -1;
	if (m->n_languages == 0) {
		if (strcmp(code, DEFAULT_LANGUAGE) != 0)
			return -1;
		*out = 0;
		return 0;
	}
	for (i = 0; i < m->n_languages; i++) {
		if (strcmp(m->languages[i], code) == 0) {
			*out = i;
			return 0;
		}
	}
	return -1;
}

void semm__tr_free(char **tr, size_t n_languages)
{
	size_t i;

	if (!tr)
		return;
	for (i = 0; i + 1 < n_languages; i++)
		free(tr[i]);
	free(tr);
}

/* The text of a field in language lang: plain for 0, else from tr. */
static const char *pick(const semm_model *m, const char *plain, char *const *tr,
			size_t lang)
{
	if (lang == 0)
		return plain;
	if (!tr || lang >= m->n_languages)
		return NULL;
	return tr[lang - 1];
}

const char *semm__model_title_tr(const semm_model *m, size_t lang)
{
	return pick(m, m->title, m->title_tr, lang);
}

const char *semm__model_description_tr(const semm_model *m, size_t lang)
{
	return pick(m, m->description, m->description_tr, lang);
}

const char *semm__levels_label_tr(const semm_model *m, size_t lang)
{
	return pick(m, m->levels_label, m->levels_label_tr, lang);
}

const char *semm__levels_note_tr(const semm_model *m, size_t lang)
{
	return pick(m, m->levels_note, m->levels_note_tr, lang);
}

const char *semm__band_name_tr(const semm_model *m, size_t b, size_t lang)
{
	return pick(m, m->bands[b].name, m->bands[b].name_tr, lang);
}

const char *semm__band_descriptor_tr(const semm_model *m, size_t b, size_t lang)
{
	return pick(m, m->bands[b].descriptor, m->bands[b].descriptor_tr, lang);
}

const char *semm__dim_name_tr(const semm_model *m, size_t d, size_t lang)
{
	return pick(m, m->dims[d].name, m->dims[d].name_tr, lang);
}

const char *semm__dim_description_tr(const semm_model *m, size_t d, size_t lang)
{
	return pick(m, m->dims[d].description, m->dims[d].description_tr, lang);
}

const char *semm__elem_name_tr(const semm_model *m, size_t e, size_t lang)
{
	return pick(m, m->elems[e].name, m->elems[e].name_tr, lang);
}

const char *semm__elem_description_tr(const semm_model *m, size_t e,
				      size_t lang)
{
	return pick(m, m->elems[e].description, m->elems[e].description_tr,
		    lang);
}

const char *semm__elem_descriptor_tr(const semm_model *m, size_t e, size_t b,
				     size_t lang)
{
	const semm__element *el = &m->elems[e];

	if (b >= m->n_bands)
		return NULL;
	if (lang == 0)
		return el->descriptors ? el->descriptors[b] : NULL;
	if (!el->descriptors_tr || lang >= m->n_languages)
		return NULL;
	return el->descriptors_tr[(lang - 1) * m->n_bands + b];
}

const char *semm__layer_name_tr(const semm_model *m, size_t k, size_t lang)
{
	return pick(m, m->pyramid[k].name, m->pyramid[k].name_tr, lang);
}

const char *semm__layer_description_tr(const semm_model *m, size_t k,
				       size_t lang)
{
	return pick(m, m->pyramid[k].description, m->pyramid[k].description_tr,
		    lang);
}

const char *semm__principle_name_tr(const semm_model *m, size_t k, size_t lang)
{
	return pick(m, m->principles[k].name, m->principles[k].name_tr, lang);
}

const char *semm__principle_description_tr(const semm_model *m, size_t k,
					   size_t lang)
{
	return pick(m, m->principles[k].description,
		    m->principles[k].description_tr, lang);
}
