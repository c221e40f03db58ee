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
	      "                     [-o DIR]\n"
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
	      "             language L (one of the questionnaire's languages)\n",
	      fp);
}

typedef int (*write_fn)(const semm_questionnaire *, semm_preset, size_t,
			FILE *);

static int csv_writer(const semm_questionnaire *q, semm_preset p, size_t lang,
		      FILE *fp)
{
	(void)p;
	(void)lang;
	return semm_template_write_csv(q, fp);
}

static int write_file(const char *path, const semm_questionnaire *q,
		      semm_preset preset, size_t lang, write_fn fn)
{
	FILE *fp = fopen(path, "w");
	int rc;

	if (!fp) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return EXIT_IO;
	}
	rc = fn(q, preset, lang, fp);
	if (fclose(fp) != 0 || rc < 0) {
		cli_error("writing %s failed", path);
		remove(path);
		return EXIT_IO;
	}
	printf("%s\n", path);
	return EXIT_OK;
}

static int write_all(const char *dir, const semm_questionnaire *q,
		     semm_preset preset, size_t lang)
{
	const char *id = semm_questionnaire_id(q);
	char path[4096];
	int code;

	if (cli_mkdirs(dir) != 0) {
		cli_error("cannot create %s: %s", dir, strerror(errno));
		return EXIT_IO;
	}
	snprintf(path, sizeof(path), "%s/%s-template.csv", dir, id);
	code = write_file(path, q, preset, lang, csv_writer);
	if (code != EXIT_OK)
		return code;
	if (preset == SEMM_PRESET_NONE)
		snprintf(path, sizeof(path), "%s/%s-guide.md", dir, id);
	else
		snprintf(path, sizeof(path), "%s/%s-%s-guide.md", dir, id,
			 semm_preset_name(preset));
	return write_file(path, q, preset, lang, semm_template_write_guide);
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
	int bad = 0, code;

	while (a.i < argc && !bad) {
		if (cli_option(&a, "-h", "--help", 0, &bad)) {
			template_usage(stdout);
			return EXIT_OK;
		} else if (cli_option(&a, "-q", "--questionnaire", 1, &bad)) {
			qarg = a.value;
		} else if (cli_option(&a, "-o", "--output", 1, &bad)) {
			dir = a.value;
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
	free(path);
	if (code < 0) {
		cli_print_error(&err);
		return cli_exit_code(code, 1);
	}
	if (lang_code && semm_questionnaire_language(q, lang_code, &lang) < 0) {
		cli_error("--lang: questionnaire \"%s\" has no language \"%s\"",
			  semm_questionnaire_id(q), lang_code);
		semm_questionnaire_free(q);
		return EXIT_USAGE;
	}
	code = write_all(dir, q, preset, lang);
	semm_questionnaire_free(q);
	return code;
}
