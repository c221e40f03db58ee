/*
 * fuzz_common.h - shared by the fuzz targets: the shipped definitions
 * loaded once, the null sink, and the run of scoring and of every report
 * writer over a set of responses, so that a fuzzed input reaches all the
 * code behind the parser it feeds.
 *
 * Every target defines LLVMFuzzerTestOneInput. Built with clang and
 * -fsanitize=fuzzer it is driven by libFuzzer; built with any compiler
 * and linked with replay.c it replays the corpus under ctest.
 */
#ifndef SEMM_FUZZ_COMMON_H
#define SEMM_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "semm/semm.h"

/** The libFuzzer entry point each target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** A shipped model and questionnaire (bound), with a CSV that fits them. */
typedef struct fuzz_fixture {
	const char *name;
	semm_model *model;
	semm_questionnaire *q; /* bound to model */
	char *model_text;
	size_t model_len;
	char *q_text;
	size_t q_len;
	char *csv_text; /* a few respondents of this questionnaire */
	size_t csv_len;
	semm_targets *targets; /* a few targets for this model */
} fuzz_fixture;

/** Fixture 0: tests/data/handworked; fixture 1: ISO 23592. */
#define FUZZ_FIXTURES 2

/**
 * Calls semm_init and loads the fixtures and the sink, once per process
 * (later calls return at once). Aborts when a fixture cannot be loaded:
 * the fuzzer would test nothing.
 */
void fuzz_setup(void);

/** Fixture i (0 <= i < FUZZ_FIXTURES), after fuzz_setup. */
const fuzz_fixture *fuzz_fixture_get(size_t i);

/** The fixture whose model id is id, or NULL. */
const fuzz_fixture *fuzz_fixture_for_model(const char *id);

/**
 * A hash of the input; its bits choose the options a run uses, so that
 * every input, replayed, takes the same path it took when fuzzed.
 */
uint32_t fuzz_knobs(const uint8_t *data, size_t size);

/**
 * Reading options chosen by the knobs: on-error mode, small limits, the
 * delimiter (detected, or ',', ';', tab) and decimal commas.
 */
void fuzz_read_options(uint32_t knobs, semm_read_options *opts);

/**
 * The ISO 23592 fixture's mapping (tests/data/exports/other-tool
 * .mapping.json) and the export it reads, after fuzz_setup.
 */
const semm_mapping *fuzz_iso_mapping(void);
const char *fuzz_iso_mapped_csv(size_t *len);

/**
 * Scores r and runs every report writer into the null sink (for one
 * input in four into memory instead, then checked: report.json must
 * parse and every CSV report must be strict CSV whose rows all have the
 * header's number of fields), and reads every accessor of the result.
 * Aborts when the counts do not reconcile or a check fails: these are
 * bugs the fuzzer must report.
 */
void fuzz_score_and_write(const semm_model *m, const semm_questionnaire *q,
			  const semm_responses *r, uint32_t knobs);

/**
 * As fuzz_score_and_write, with the given targets (NULL: the knobs say
 * whether to use the fixture's targets for m, when m is a fixture's).
 */
void fuzz_score_and_write_targets(const semm_model *m,
				  const semm_questionnaire *q,
				  const semm_responses *r,
				  const semm_targets *targets, uint32_t knobs);

/** Reads every rejection line of r (exercising the message formatting). */
void fuzz_walk_rejections(const semm_responses *r);

/** Prints a message and aborts (a finding, not an expected failure). */
void fuzz_die(const char *what, const char *detail) __attribute__((noreturn));

#endif
