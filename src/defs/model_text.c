/*
 * model_text.c - a model's texts in the language a report is written in.
 */
#include <string.h>

#include "defs/defs.h"

int semm__model_lang(const semm_model *m, const char *code, size_t *out)
{
	(void)m;
	if (code && strcmp(code, "en") == 0) {
		*out = 0;
		return 0;
	}
	return -1;
}

const char *semm__model_title_tr(const semm_model *m, size_t lang)
{
	return lang == 0 ? m->title : NULL;
}

const char *semm__levels_label_tr(const semm_model *m, size_t lang)
{
	return lang == 0 ? m->levels_label : NULL;
}

const char *semm__band_name_tr(const semm_model *m, size_t b, size_t lang)
{
	return lang == 0 ? m->bands[b].name : NULL;
}

const char *semm__dim_name_tr(const semm_model *m, size_t d, size_t lang)
{
	return lang == 0 ? m->dims[d].name : NULL;
}

const char *semm__elem_name_tr(const semm_model *m, size_t e, size_t lang)
{
	return lang == 0 ? m->elems[e].name : NULL;
}

const char *semm__elem_descriptor_tr(const semm_model *m, size_t e, size_t b,
				     size_t lang)
{
	return lang == 0 && m->elems[e].descriptors ? m->elems[e].descriptors[b]
						    : NULL;
}

const char *semm__layer_name_tr(const semm_model *m, size_t k, size_t lang)
{
	return lang == 0 ? m->pyramid[k].name : NULL;
}
