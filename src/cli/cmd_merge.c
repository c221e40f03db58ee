/*
 * cmd_merge.c - `semm merge`: combines the partial results of shards
 * (semm score --partial on input split by group) into one report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void merge_usage(FILE *fp)
{
	fputs("usage: semm merge [-q QUESTIONNAIRE] [-m MODEL] [-o DIR]\n"
	      "                  [--format json,csv] [--quiet] PARTIAL...\n"
	      "\n"
	      "Combines partial results (partial.jsonl of 'semm score\n"
	      "--partial', one per shard of the input split by group) into\n"
	      "report.json and, with a benchmark, benchmark.csv in DIR\n"
	      "(default: reports). Each group's figures are those of its\n"
	      "shard; the ICCs and the benchmark are computed over all groups,\n"
	      "as one run would. The questionnaire and model are found by the\n"
	      "ids the partial results name, unless given.\n",
	      fp);
}

typedef struct merge_args {
	const char *questionnaire;
	const char *model;
	const char *out_dir;
	unsigned formats;
	int quiet;
	const char **files;
	size_t n_files;
} merge_args;

static int parse(int argc, char **argv, merge_args *s)
{
	cli_args a = { argc, argv, 1, NULL };
	int bad = 0;

	while (a.i < argc && !bad) {
		const char *arg = argv[a.i];

		if (cli_option(&a, "-h", "--help", 0, &bad)) {
			merge_usage(stdout);
			return 1;
		} else if (cli_option(&a, "-q", "--questionnaire", 1, &bad)) {
			s->questionnaire = a.value;
		} else if (cli_option(&a, "-m", "--model", 1, &bad)) {
			s->model = a.value;
		} else if (cli_option(&a, "-o", "--output", 1, &bad)) {
			s->out_dir = a.value;
		} else if (cli_option(&a, NULL, "--quiet", 0, &bad)) {
			s->quiet = 1;
		} else if (cli_option(&a, NULL, "--format", 1, &bad)) {
			s->formats = bad ? 0 : cli_parse_formats(a.value);
			if (!bad && (s->formats == 0 ||
				     (s->formats & SEMM_REPORT_HTML))) {
				cli_error("--format: expected json, csv or "
					  "json,csv");
				bad = 1;
			}
		} else if (arg[0] == '-' && arg[1] != '\0') {
			cli_error("unknown option \"%s\" (try 'semm merge "
				  "--help')",
				  arg);
			bad = 1;
		} else {
			s->files[s->n_files++] = argv[a.i++];
		}
	}
	if (!bad && s->n_files == 0) {
		cli_error("no partial results given");
		bad = 1;
	}
	return bad ? -1 : 0;
}

static int load(const merge_args *s, semm_model **m, semm_questionnaire **q)
{
	char id[256], *qpath = NULL, *mpath = NULL;
	semm_error err;
	int rc;

	semm_error_clear(&err);
	if (s->questionnaire) {
		snprintf(id, sizeof(id), "%s", s->questionnaire);
	} else {
		rc = semm_partial_questionnaire(s->files[0], id, sizeof(id),
						&err);
		if (rc < 0) {
			cli_print_error(&err);
			return cli_exit_code(rc, 0);
		}
	}
	qpath = cli_find_definition("questionnaires", id);
	if (!qpath) {
		cli_error("questionnaire \"%s\" not found (give it with -q)",
			  id);
		return EXIT_IO;
	}
	rc = semm_questionnaire_from_file(q, qpath, &err);
	if (rc == SEMM_OK) {
		mpath = cli_find_definition(
			"models",
			s->model ? s->model : semm_questionnaire_model_id(*q));
		if (!mpath) {
			cli_error("model not found (give it with -m)");
			free(qpath);
			return EXIT_IO;
		}
		rc = semm_model_from_file(m, mpath, &err);
	}
	if (rc == SEMM_OK)
		rc = semm_questionnaire_bind(*q, *m, &err);
	free(qpath);
	free(mpath);
	if (rc < 0) {
		cli_print_error(&err);
		return cli_exit_code(rc, 1);
	}
	return EXIT_OK;
}

/* Creates the output folder and refuses to overwrite an input (the
 * partial results and the definitions, found as load() found them). */
static int prepare_output(const merge_args *s, const semm_questionnaire *q)
{
	const char **inputs = calloc(s->n_files + 2, sizeof(char *));
	const char *const *names;
	size_t n;
	int code = EXIT_MEMORY;

	names = semm_output_names(SEMM_OUTPUT_REPORT, &n);
	if (inputs) {
		inputs[0] = cli_find_definition(
			"questionnaires", s->questionnaire
						  ? s->questionnaire
						  : semm_questionnaire_id(q));
		inputs[1] = cli_find_definition(
			"models",
			s->model ? s->model : semm_questionnaire_model_id(q));
		memcpy(inputs + 2, s->files, s->n_files * sizeof(char *));
		code = cli_output_prepare(s->out_dir, names, n, inputs,
					  s->n_files + 2, "report");
		free((char *)inputs[0]);
		free((char *)inputs[1]);
	}
	free(inputs);
	return code;
}

int cmd_merge(int argc, char **argv)
{
	merge_args s = { 0 };
	semm_model *m = NULL;
	semm_questionnaire *q = NULL;
	semm_error err;
	int code, rc;

	s.out_dir = "reports";
	s.formats = SEMM_REPORT_JSON | SEMM_REPORT_CSV;
	s.files = calloc((size_t)argc, sizeof(char *));
	if (!s.files)
		cli_out_of_memory("reading the command line");
	code = parse(argc, argv, &s);
	if (code != 0) {
		free(s.files);
		return code > 0 ? EXIT_OK : EXIT_USAGE;
	}
	code = load(&s, &m, &q);
	if (code == EXIT_OK)
		code = prepare_output(&s, q);
	if (code == EXIT_OK) {
		semm_error_clear(&err);
		rc = semm_merge_partials(m, q, s.files, s.n_files, s.out_dir,
					 s.formats, &err);
		if (rc < 0) {
			cli_print_error(&err);
			cli_error("no reports written");
			code = cli_exit_code(rc, 0);
		} else if (!s.quiet) {
			fprintf(stderr,
				"semm: %zu partial result(s) merged; reports "
				"in %s/\n",
				s.n_files, s.out_dir);
		}
	}
	semm_questionnaire_free(q);
	semm_model_free(m);
	free(s.files);
	return code;
}
