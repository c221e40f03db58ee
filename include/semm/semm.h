/*
 * semm/semm.h - umbrella header of libsemm, the service-excellence
 * maturity assessment engine. Include this, or the module headers one by
 * one: common, stats, model, questionnaire, responses, score, report,
 * template, compare, output, history.
 */
#ifndef SEMM_SEMM_H
#define SEMM_SEMM_H

#include "common.h"
#include "stats.h"
#include "model.h"
#include "targets.h"
#include "questionnaire.h"
#include "responses.h"
#include "score.h"
#include "findings.h"
#include "ratings.h"
#include "report.h"
#include "template.h"
#include "compare.h"
#include "output.h"
#include "history.h"

#endif
