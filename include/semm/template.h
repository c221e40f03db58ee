/*
 * semm/template.h - what a questionnaire's respondents fill in: an empty
 * response CSV that scores without changes once filled in, and a guide
 * for building the questionnaire in a survey tool so that the tool's
 * export imports with the matching preset.
 */
#ifndef SEMM_TEMPLATE_H
#define SEMM_TEMPLATE_H

#include <stdio.h>

#include "common.h"
#include "questionnaire.h"
#include "responses.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Writes the header row of a response CSV for q: its metadata columns
 * (respondent first), then one column per item, in questionnaire order.
 * Returns SEMM_OK or SEMM_EIO.
 */
SEMM_API int semm_template_write_csv(const semm_questionnaire *q, FILE *fp);

/**
 * Writes a plain-text guide (Markdown) for building q in the survey tool
 * of `preset`, listing every statement, the answer labels in order and
 * the export settings, so that the tool's export imports with
 * `--preset`. SEMM_PRESET_NONE gives a guide for filling in the CSV
 * template by hand. Statements and labels are given in language `lang`
 * (an index from semm_questionnaire_language; 0 is the default), falling
 * back to the default language where a translation is missing. Returns
 * SEMM_OK, SEMM_EARG or SEMM_EIO.
 */
SEMM_API int semm_template_write_guide(const semm_questionnaire *q,
				       semm_preset preset, size_t lang,
				       FILE *fp);

/** Room for a template file name (ids are at most 100 bytes). */
#define SEMM_TEMPLATE_NAME_MAX 160

/**
 * The names of the two files semm_template_write_dir writes for q and
 * preset: ID-template.csv, and ID-guide.md or ID-TOOL-guide.md. Each
 * buffer has SEMM_TEMPLATE_NAME_MAX bytes. Returns SEMM_OK or SEMM_EARG.
 */
SEMM_API int semm_template_names(const semm_questionnaire *q,
				 semm_preset preset,
				 char csv[SEMM_TEMPLATE_NAME_MAX],
				 char guide[SEMM_TEMPLATE_NAME_MAX]);

/**
 * Writes the CSV template and the guide (see semm_template_names) into
 * the existing folder dir, both or neither, holding the folder's lock
 * (semm/output.h). Without `force`, an existing file of either name is
 * not replaced (SEMM_EIO); with it, a regular file is replaced, never
 * followed if it is a symbolic link (then SEMM_EIO). Returns SEMM_OK,
 * SEMM_EARG, SEMM_EIO or SEMM_ENOMEM with err filled in.
 */
SEMM_API int semm_template_write_dir(const semm_questionnaire *q,
				     semm_preset preset, size_t lang,
				     const char *dir, int force,
				     semm_error *err);

#ifdef __cplusplus
}
#endif

#endif
