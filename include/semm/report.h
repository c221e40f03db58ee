/*
 * semm/report.h - report writers: report.json ("semm-report/1"),
 * scores.csv and respondents.csv. Writers only read a result; output is
 * deterministic (same input, same bytes).
 */
#ifndef SEMM_REPORT_H
#define SEMM_REPORT_H

#include <stdio.h>

#include "common.h"
#include "score.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Writes report.json to fp. Returns SEMM_OK or SEMM_EIO. */
SEMM_API int semm_report_write_json(const semm_result *res, FILE *fp);

/** Writes scores.csv (one row per group x unit) to fp. */
SEMM_API int semm_report_write_scores_csv(const semm_result *res, FILE *fp);

/** Writes respondents.csv (one row per scored respondent) to fp. */
SEMM_API int semm_report_write_respondents_csv(const semm_result *res,
					       FILE *fp);

/**
 * Writes report.json, scores.csv and respondents.csv into dir (which must
 * exist). Each is written to a temporary file in dir and renamed into
 * place only when all three are complete; on failure no new file is left
 * behind and err names the file. Returns SEMM_OK or SEMM_EIO.
 */
SEMM_API int semm_report_write_dir(const semm_result *res, const char *dir,
				   semm_error *err);

#ifdef __cplusplus
}
#endif

#endif
