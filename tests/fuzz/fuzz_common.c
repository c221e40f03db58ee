/*
 * fuzz_common.c - what the fuzz targets share: loading the shipped
 * definitions once (from SEMM_SOURCE_DIR, never the current directory),
 * the null sink, choosing options from the input, and running scoring
 * and every report writer with two checks that must always hold: the
 * counts reconcile, and report.json is valid JSON.
 */
#define _POSIX_C_SOURCE 200809L

#include <cjson/cJSON.h>
#include <csv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

#ifndef SEMM_SOURCE_DIR
#error "SEMM_SOURCE_DIR must name the source tree (tests/fuzz/CMakeLists.txt)"
#endif

/* Respondent rows of the ISO example kept in its fixture CSV: enough for
 * several organizations and for alpha, few enough to stay fast. */
#define ISO_CSV_ROWS 40

static fuzz_fixture fixtures[FUZZ_FIXTURES];
static semm_mapping *iso_mapping;
static char *iso_mapped_csv;
static size_t iso_mapped_len;
static FILE *sink;
static int ready;

void fuzz_die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz: %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
	fflush(stderr);
	abort();
}

/* Reads SEMM_SOURCE_DIR/rel whole, NUL-terminated. */
static char *load(const char *rel, size_t *len)
{
	char path[4096];
	char *data = NULL, *grown;
	size_t cap = 0, n = 0, got;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", SEMM_SOURCE_DIR, rel);
	fp = fopen(path, "rb");
	if (!fp)
		fuzz_die("cannot open fixture", path);
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 65536;
			grown = realloc(data, cap + 1);
			if (!grown)
				fuzz_die("out of memory loading", path);
			data = grown;
		}
		got = fread(data + n, 1, cap - n, fp);
		if (got == 0)
			break;
		n += got;
	}
	if (ferror(fp))
		fuzz_die("cannot read fixture", path);
	fclose(fp);
	data[n] = '\0';
	*len = n;
	return data;
}

/* Cuts text after its first `lines` lines. */
static void keep_lines(char *text, size_t *len, size_t lines)
{
	size_t i, seen = 0;

	for (i = 0; i < *len; i++) {
		if (text[i] == '\n' && ++seen == lines) {
			text[i + 1] = '\0';
			*len = i + 1;
			return;
		}
	}
}

static void load_fixture(fuzz_fixture *f, const char *name, const char *model,
			 const char *q, const char *csv, size_t csv_lines,
			 const char *const *targets)
{
	semm_error err;
	char msg[1024];
	size_t i;

	semm_error_clear(&err);
	f->name = name;
	f->model_text = load(model, &f->model_len);
	f->q_text = load(q, &f->q_len);
	f->csv_text = load(csv, &f->csv_len);
	if (csv_lines)
		keep_lines(f->csv_text, &f->csv_len, csv_lines);
	if (semm_model_from_buffer(&f->model, f->model_text, f->model_len,
				   model, &err) < 0 ||
	    semm_questionnaire_from_buffer(&f->q, f->q_text, f->q_len, q,
					   &err) < 0 ||
	    semm_questionnaire_bind(f->q, f->model, &err) < 0 ||
	    semm_targets_new(&f->targets) < 0)
		fuzz_die("fixture does not load",
			 semm_error_format(&err, msg, sizeof(msg)));
	for (i = 0; targets[i]; i++) {
		if (semm_targets_add(f->targets, targets[i], &err) < 0)
			fuzz_die("fixture target does not parse", targets[i]);
	}
}

void fuzz_setup(void)
{
	static const char *const hw_targets[] = { "*=L3", "E2=70", NULL };
	static const char *const iso_targets[] = { "*=L4", NULL };
	semm_error err;
	char *text;
	size_t len;

	if (ready)
		return;
	semm_init();
	load_fixture(&fixtures[0], "handworked",
		     "tests/data/handworked/model.json",
		     "tests/data/handworked/questionnaire.json",
		     "tests/data/handworked/responses.csv", 0, hw_targets);
	load_fixture(&fixtures[1], "iso23592", "models/iso23592.json",
		     "questionnaires/iso23592-self-assessment.json",
		     "questionnaires/examples/iso23592-example.csv",
		     ISO_CSV_ROWS + 1, iso_targets);
	semm_error_clear(&err);
	text = load("tests/data/exports/other-tool.mapping.json", &len);
	if (semm_mapping_from_buffer(&iso_mapping, text, len, "mapping.json",
				     &err) < 0)
		fuzz_die("fixture mapping does not load", err.message);
	free(text);
	iso_mapped_csv =
		load("tests/data/exports/other-tool.csv", &iso_mapped_len);
	sink = fopen("/dev/null", "w");
	if (!sink)
		fuzz_die("cannot open /dev/null", NULL);
	ready = 1;
}

const fuzz_fixture *fuzz_fixture_get(size_t i)
{
	return i < FUZZ_FIXTURES ? &fixtures[i] : NULL;
}

const semm_mapping *fuzz_iso_mapping(void)
{
	return iso_mapping;
}

const char *fuzz_iso_mapped_csv(size_t *len)
{
	*len = iso_mapped_len;
	return iso_mapped_csv;
}

const fuzz_fixture *fuzz_fixture_for_model(const char *id)
{
	size_t i;

	for (i = 0; id && i < FUZZ_FIXTURES; i++) {
		if (strcmp(semm_model_id(fixtures[i].model), id) == 0)
			return &fixtures[i];
	}
	return NULL;
}

uint32_t fuzz_knobs(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	size_t i;

	for (i = 0; i < size; i++) {
		h ^= data[i];
		h *= 16777619u;
	}
	return h;
}

/*
 * Knob bits (a hash of the input): 0-1 N/A policy (model's, exclude,
 * anchor, zero); 2-3 group-by column and 16-17 whether to use it;
 * 4 reliability minimum 2; 5 N/A anchor 50%; 6 coverage minimum 1;
 * 7-8 fail on the first bad row; 9 small read limits; 10-11 every
 * report into memory and checked (JSON parses, CSV is rectangular);
 * 12-13 read the input twice (the response targets); 15 score with the
 * fixture's targets; 18-20 delimiter (mostly detected); 21-22 decimal
 * comma (-1, 0, 1).
 */
void fuzz_read_options(uint32_t knobs, semm_read_options *opts)
{
	semm_read_options defaults = SEMM_READ_OPTIONS_INIT;

	*opts = defaults;
	if (((knobs >> 7) & 3u) == 3u)
		opts->on_error = SEMM_ON_ERROR_FAIL;
	if ((knobs >> 9) & 1u) {
		opts->max_field_bytes = 24;
		opts->max_columns = 64;
	}
	opts->delimiter = "\0\0,;\0\0\t\0"[(knobs >> 18) & 7u];
	opts->decimal_comma = (int)((knobs >> 21) & 3u) % 3 - 1;
}

/* Groups by unit, role or date in one run of four, when q has that
 * column (grouping by a missing column only fails with SEMM_EARG). */
static const char *group_by(uint32_t knobs, const semm_questionnaire *q)
{
	static const semm_meta_role roles[3] = { SEMM_META_UNIT, SEMM_META_ROLE,
						 SEMM_META_DATE };
	semm_meta_role role = roles[((knobs >> 2) & 3u) % 3u];

	if (((knobs >> 16) & 3u) != 0 ||
	    !semm_questionnaire_meta_column(q, role))
		return NULL;
	return semm_meta_role_name(role);
}

static void score_options(uint32_t knobs, const semm_questionnaire *q,
			  semm_score_options *o)
{
	semm_score_options defaults = SEMM_SCORE_OPTIONS_INIT;

	*o = defaults;
	o->na_policy = (int)(knobs & 3u) - 1;
	o->group_by = group_by(knobs, q);
	if ((knobs >> 4) & 1u)
		o->reliability_min_n = 2;
	if ((knobs >> 5) & 1u)
		o->na_anchor_percent = 50;
	if ((knobs >> 6) & 1u)
		o->coverage_min = 1;
}

/* Counts the fields of each row of a CSV report. */
typedef struct csv_shape {
	size_t fields; /* in the current row */
	size_t header; /* in the first row */
	size_t rows;
	size_t bad_row; /* first row whose count differs (1-based), or 0 */
} csv_shape;

static void shape_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((csv_shape *)data)->fields++;
}

static void shape_row(int c, void *data)
{
	csv_shape *sh = data;

	(void)c;
	sh->rows++;
	if (sh->rows == 1)
		sh->header = sh->fields;
	else if (sh->fields != sh->header && !sh->bad_row)
		sh->bad_row = sh->rows;
	sh->fields = 0;
}

/* Aborts unless buf is strict CSV whose rows all have the header's
 * number of fields. */
static void check_csv(const char *name, const char *buf, size_t len)
{
	struct csv_parser p;
	csv_shape sh = { 0, 0, 0, 0 };
	char detail[128];

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		fuzz_die("csv_init failed", NULL);
	if (csv_parse(&p, buf, len, shape_field, shape_row, &sh) != len ||
	    csv_fini(&p, shape_field, shape_row, &sh) != 0) {
		fwrite(buf, 1, len, stderr);
		fuzz_die("a CSV report is not valid CSV", name);
	}
	csv_free(&p);
	if (sh.bad_row) {
		fwrite(buf, 1, len, stderr);
		snprintf(detail, sizeof(detail), "%s, row %zu", name,
			 sh.bad_row);
		fuzz_die("a CSV report row has more or fewer fields than its "
			 "header",
			 detail);
	}
}

typedef int (*writer_fn)(const semm_result *, FILE *);

/* Runs a writer into memory; returns the bytes (free them) or NULL when
 * the writer failed. */
static char *write_to_memory(const semm_result *res, writer_fn write,
			     size_t *len)
{
	char *buf = NULL;
	FILE *mem = open_memstream(&buf, len);
	int rc;

	if (!mem)
		fuzz_die("open_memstream failed", NULL);
	rc = write(res, mem);
	if (fclose(mem) != 0)
		fuzz_die("closing the memory stream failed", NULL);
	if (rc != SEMM_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Writes every report into memory: report.json must parse, each CSV
 * report must be rectangular strict CSV. */
static void check_reports(const semm_result *res)
{
	static const struct {
		const char *name;
		writer_fn write;
	} csvs[] = {
		{ "scores.csv", semm_report_write_scores_csv },
		{ "respondents.csv", semm_report_write_respondents_csv },
		{ "reliability.csv", semm_report_write_reliability_csv },
		{ "across_groups.csv", semm_report_write_across_groups_csv },
	};
	size_t len, i;
	char *buf = write_to_memory(res, semm_report_write_json, &len);
	cJSON *root;

	if (buf) {
		root = cJSON_ParseWithLength(buf, len);
		if (!root) {
			fwrite(buf, 1, len, stderr);
			fuzz_die("report.json is not valid JSON", NULL);
		}
		cJSON_Delete(root);
		free(buf);
	}
	for (i = 0; i < sizeof(csvs) / sizeof(csvs[0]); i++) {
		buf = write_to_memory(res, csvs[i].write, &len);
		if (buf)
			check_csv(csvs[i].name, buf, len);
		free(buf);
	}
}

static void walk_result(const semm_result *res, const semm_model *m)
{
	char line[1024];
	size_t i, e, g;
	size_t n_elems = semm_model_element_count(m);
	double p;
	int level, staged;

	if (semm_result_read_count(res) !=
	    semm_result_scored_count(res) + semm_result_rejected_count(res))
		fuzz_die("counts do not reconcile",
			 "read != scored + rejected");
	for (i = 0; i < semm_result_rejected_count(res); i++)
		semm_result_rejection(res, i, line, sizeof(line));
	for (g = 0; g < semm_result_group_count(res); g++) {
		(void)semm_result_group_id(res, g);
		semm_result_group_overall(res, g, &p, &level, &staged);
	}
	for (i = 0; i < semm_result_scored_count(res); i++) {
		for (e = 0; e < n_elems; e++)
			(void)semm_result_respondent_element(res, i, e);
	}
}

void fuzz_score_and_write(const semm_model *m, const semm_questionnaire *q,
			  const semm_responses *r, uint32_t knobs)
{
	fuzz_score_and_write_targets(m, q, r, NULL, knobs);
}

void fuzz_score_and_write_targets(const semm_model *m,
				  const semm_questionnaire *q,
				  const semm_responses *r,
				  const semm_targets *targets, uint32_t knobs)
{
	const fuzz_fixture *f = NULL;
	semm_score_options o;
	semm_result *res = NULL;
	semm_error err;
	size_t i;

	semm_error_clear(&err);
	score_options(knobs, q, &o);
	for (i = 0; i < FUZZ_FIXTURES; i++) {
		if (fixtures[i].model == m)
			f = &fixtures[i];
	}
	o.targets = targets;
	if (!targets && f && ((knobs >> 15) & 1u))
		o.targets = f->targets;
	if (semm_score_run(&res, m, q, r, &o, &err) < 0) {
		if (res)
			fuzz_die("semm_score_run failed but set *out", NULL);
		return;
	}
	walk_result(res, m);
	if (((knobs >> 10) & 3u) == 0) {
		check_reports(res);
	} else {
		semm_report_write_json(res, sink);
		semm_report_write_scores_csv(res, sink);
		semm_report_write_respondents_csv(res, sink);
		semm_report_write_reliability_csv(res, sink);
		semm_report_write_across_groups_csv(res, sink);
		fflush(sink);
	}
	semm_result_free(res);
}

void fuzz_walk_rejections(const semm_responses *r)
{
	char line[1024];
	size_t i;

	if (semm_responses_read_count(r) !=
	    semm_responses_count(r) + semm_responses_rejected_count(r))
		fuzz_die("response counts do not reconcile", NULL);
	for (i = 0; i < semm_responses_rejected_count(r); i++)
		semm_responses_rejection(r, i, line, sizeof(line));
}
