/*
 * cmd_template.c - `semm template`: writes an empty response CSV for a
 * questionnaire and a guide for collecting the answers, by hand or in a
 * survey tool.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static void template_usage(FILE *fp)
{
	fputs("usage: semm template -q QUESTIONNAIRE [--preset TOOL] [--lang L]\n"
	      "                     [-o DIR] [--force]\n"
	      "\n"
	      "Writes into DIR (default: the current folder):\n"
	      "  ID-template.csv     the header row of a response file that\n"
	      "                      scores without changes once filled in\n"
	      "  ID-TOOL-guide.md    how to build the questionnaire in TOOL\n"
	      "                      (qualtrics, limesurvey, google-forms,\n"
	      "                      ms-forms) so its export imports with\n"
	      "                      --preset TOOL; without --preset, how to\n"
	      "                      fill in the CSV by hand (ID-guide.md)\n"
	      "\n"
	      "  --lang L   write statements and labels of the guide in\n"
	      "             language L (one of the questionnaire's languages)\n"
	      "  --force    replace files of those names (a filled-in template\n"
	      "             is not replaced without it; a symbolic link never)\n",
	      fp);
}

/* Writes both files into dir, refusing to overwrite the questionnaire. */
static int write_all(const char *dir, const char *qpath,
		     const semm_questionnaire *q, semm_preset preset,
		     size_t lang, int force)
{
	char csv[SEMM_TEMPLATE_NAME_MAX], guide[SEMM_TEMPLATE_NAME_MAX];
	const char *names[2] = { csv, guide };
	semm_error err;
	int code, rc;

	if (semm_template_names(q, preset, csv, guide) < 0)
		return EXIT_USAGE;
	code = cli_output_prepare(dir, names, 2, &qpath, 1, "template");
	if (code != EXIT_OK)
		return code;
	semm_error_clear(&err);
	rc = semm_template_write_dir(q, preset, lang, dir, force, &err);
	if (rc < 0) {
		cli_print_error(&err);
		return cli_exit_code(rc, 0);
	}
	printf("%s/%s\n%s/%s\n", dir, csv, dir, guide);
	return EXIT_OK;
}

int cmd_template(int argc, char **argv)
{
	cli_args a = { argc, argv, 1, NULL };
	const char *qarg = NULL, *dir = ".", *lang_code = NULL;
	size_t lang = 0;
	semm_preset preset = SEMM_PRESET_NONE;
	semm_questionnaire *q = NULL;
	semm_error err;
	char *path;
	int bad = 0, code, force = 0;

	while (a.i < argc && !bad) {
		if (cli_option(&a, "-h", "--help", 0, &bad)) {
			template_usage(stdout);
			return EXIT_OK;
		} else if (cli_option(&a, "-q", "--questionnaire", 1, &bad)) {
			qarg = a.value;
		} else if (cli_option(&a, "-o", "--output", 1, &bad)) {
			dir = a.value;
		} else if (cli_option(&a, NULL, "--force", 0, &bad)) {
			force = 1;
		} else if (cli_option(&a, NULL, "--lang", 1, &bad)) {
			lang_code = a.value;
		} else if (cli_option(&a, NULL, "--preset", 1, &bad)) {
			if (!bad && semm_preset_parse(a.value, &preset) < 0) {
				cli_error(
					"--preset: expected qualtrics, "
					"limesurvey, google-forms or ms-forms");
				bad = 1;
			}
		} else {
			cli_error("unknown argument \"%s\" (try 'semm template "
				  "--help')",
				  argv[a.i]);
			bad = 1;
		}
	}
	if (!bad && !qarg) {
		cli_error(
			"missing -q QUESTIONNAIRE (try 'semm template --help')");
		bad = 1;
	}
	if (bad)
		return EXIT_USAGE;
	path = cli_find_definition("questionnaires", qarg);
	if (!path) {
		cli_error("questionnaire \"%s\" not found", qarg);
		return EXIT_IO;
	}
	semm_error_clear(&err);
	code = semm_questionnaire_from_file(&q, path, &err);
	if (code < 0) {
		free(path);
		cli_print_error(&err);
		return cli_exit_code(code, 1);
	}
	if (lang_code && semm_questionnaire_language(q, lang_code, &lang) < 0) {
		cli_error("--lang: questionnaire \"%s\" has no language \"%s\"",
			  semm_questionnaire_id(q), lang_code);
		semm_questionnaire_free(q);
		free(path);
		return EXIT_USAGE;
	}
	code = write_all(dir, path, q, preset, lang, force);
	semm_questionnaire_free(q);
	free(path);
	return code;
}
