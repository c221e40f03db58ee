/*
 * defs_json.h - what the definitions' JSON readers share beyond defs.h:
 * the parser of a "targets" member, which a model and a targets file
 * both carry. It takes cJSON types, so it is kept out of defs.h (cJSON
 * stays with json.c and the JSON readers).
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

#endif
