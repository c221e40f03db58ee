/*
 * cmd_merge.c - `semm merge`: loads partials (the respondents of shards,
 * written by semm score --partial or semm merge --partial) one at a
 * time, merges them in the order given, and scores the whole as one run
 * over all the shards' inputs would, or writes the merged partial. The
 * scoring options and the end of the run are semm score's (score_args.c,
 * cmd_score.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_merge_usage(FILE *fp)
{
	fputs("usage: semm merge -q QUESTIONNAIRE [-m MODEL] [-o DIR] [OPTIONS] PARTIAL...\n"
	      "\n"
	      "Merges partials (the respondents of shards as 'semm score\n"
	      "--partial' read them; '-' reads partials following each other\n"
	      "on standard input) in the order given, then scores them and\n"
	      "writes the reports 'semm score' would write for all the shards'\n"
	      "inputs at once, or with --partial the merged partial. The\n"
	      "shards may split the input any way (by lines, by group); they\n"
	      "must be read with the same questionnaire, model, --group-by,\n"
	      "--segment-by columns and --summary. One partial is open at a\n"
	      "time.\n"
	      "\n",
	      fp);
	cli_score_options_help(fp, 1);
}

/* Merges src into *acc (src becomes *acc when it is the first). */
static int add(semm_responses **acc, semm_responses *src, const char *name)
{
	semm_error err;
	int rc;

	if (!*acc) {
		*acc = src;
		return EXIT_OK;
	}
	semm_error_clear(&err);
	rc = semm_responses_merge(*acc, src, &err);
	semm_responses_free(src);
	if (rc < 0) {
		cli_error("%s: %s", name, err.message);
		/* a partial read with other options is wrong data, not a
		 * wrong command line */
		return rc == SEMM_EARG ? EXIT_DATA : cli_exit_code(rc, 0);
	}
	return EXIT_OK;
}

/* Loads every partial of one input (a file, or '-') into *acc. */
static int merge_input(const char *path, const semm_questionnaire *q,
		       semm_responses **acc, size_t *n_partials)
{
	int is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	char label[SEMM_ERROR_SOURCE_MAX];
	semm_responses *part;
	semm_error err;
	size_t k;
	int c, code = EXIT_OK, rc;

	if (!fp) {
		cli_error("%s: cannot open: %s", path, strerror(errno));
		return EXIT_IO;
	}
	for (k = 0; code == EXIT_OK; k++) {
		c = getc(fp);
		if (c == EOF) {
			if (k == 0) {
				cli_error("%s: empty: no partial", name);
				code = EXIT_DATA;
			}
			break;
		}
		ungetc(c, fp);
		if (k == 0)
			snprintf(label, sizeof(label), "%s", name);
		else
			snprintf(label, sizeof(label), "%s (partial %zu)", name,
				 k + 1);
		semm_error_clear(&err);
		rc = semm_responses_load(&part, q, fp, label, &err);
		if (rc < 0) {
			cli_print_error(&err);
			code = cli_exit_code(rc, 0);
			break;
		}
		code = add(acc, part, label);
		(*n_partials)++;
	}
	if (!is_stdin)
		fclose(fp);
	return code;
}

int cmd_merge(int argc, char **argv)
{
	score_args s;
	semm_model *m = NULL;
	semm_questionnaire *q = NULL;
	semm_targets *targets = NULL;
	semm_responses *acc = NULL;
	size_t n_partials = 0;
	int code, i;

	if (cli_score_args_init(&s, argc) < 0)
		cli_out_of_memory("reading the command line");
	s.merge = 1;
	code = cli_score_parse(argc, argv, &s);
	if (code == 0)
		code = cli_score_definitions(&s, &m, &q);
	else
		code = code > 0 ? EXIT_OK : EXIT_USAGE;
	if (code == EXIT_OK && m)
		code = cli_score_prepare(&s, m, q, &targets);
	for (i = 0; code == EXIT_OK && m && i < s.n_files; i++)
		code = merge_input(s.files[i], q, &acc, &n_partials);
	if (code == EXIT_OK && acc)
		code = cli_score_finish(&s, m, q, acc, (int)n_partials,
					"partial", 0);
	else if (code != EXIT_OK && m)
		cli_error("no %s written", s.partial ? "partial" : "reports");
	semm_responses_free(acc);
	semm_targets_free(targets);
	semm_questionnaire_free(q);
	semm_model_free(m);
	cli_score_args_free(&s);
	return code;
}
