/*
 * cmd_template.c - `semm template`: writes an empty response CSV for a
 * questionnaire and a guide for collecting the answers, by hand or in a
 * survey tool.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <getopt.h>
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

enum { OPT_FORCE = 256, OPT_LANG, OPT_PRESET };

/* The command line's settings. */
typedef struct template_args {
	const char *questionnaire;
	const char *dir;
	const char *lang;
	semm_preset preset;
	int force;
} template_args;

/* Reads the command line; EXIT_OK to go on, or an exit code (*done set
 * when the help was shown). */
static int parse_args(int argc, char **argv, template_args *t, int *done)
{
	static const struct option longs[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "questionnaire", required_argument, NULL, 'q' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "preset", required_argument, NULL, OPT_PRESET },
		{ NULL, 0, NULL, 0 }
	};
	cli_parser p = { .argc = argc,
			 .argv = argv,
			 .shorts = "hq:o:",
			 .longs = longs,
			 .cmd = "template",
			 .in_order = 1 };
	int c;

	for (;;) {
		c = cli_next(&p);
		if (c == -1)
			break;
		switch (c) {
		case 'h':
			template_usage(stdout);
			*done = 1;
			return EXIT_OK;
		case 'q': t->questionnaire = p.value; break;
		case 'o': t->dir = p.value; break;
		case OPT_FORCE: t->force = 1; break;
		case OPT_LANG: t->lang = p.value; break;
		case OPT_PRESET:
			if (semm_preset_parse(p.value, &t->preset) < 0) {
				cli_error(
					"--preset: expected qualtrics, "
					"limesurvey, google-forms or ms-forms");
				return EXIT_USAGE;
			}
			break;
		case CLI_ARGUMENT:
			cli_error("unexpected argument \"%s\": the template "
				  "reads no files (try 'semm template "
				  "--help')",
				  p.value);
			return EXIT_USAGE;
		default: return EXIT_USAGE;
		}
	}
	if (!t->questionnaire) {
		cli_error(
			"missing -q QUESTIONNAIRE (try 'semm template --help')");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cmd_template(int argc, char **argv)
{
	template_args t = { NULL, ".", NULL, SEMM_PRESET_NONE, 0 };
	semm_questionnaire *q = NULL;
	size_t lang = 0;
	semm_error err;
	char *path;
	int code, done = 0;

	code = parse_args(argc, argv, &t, &done);
	if (code != EXIT_OK || done)
		return code;
	path = cli_find_definition("questionnaires", t.questionnaire);
	if (!path) {
		cli_not_found("questionnaire", "questionnaires",
			      t.questionnaire, NULL, NULL);
		return EXIT_IO;
	}
	semm_error_clear(&err);
	code = semm_questionnaire_from_file(&q, path, &err);
	if (code < 0) {
		free(path);
		cli_print_error(&err);
		return cli_exit_code(code, 1);
	}
	if (t.lang && semm_questionnaire_language(q, t.lang, &lang) < 0) {
		cli_error("--lang: questionnaire \"%s\" has no language \"%s\"",
			  semm_questionnaire_id(q), t.lang);
		semm_questionnaire_free(q);
		free(path);
		return EXIT_USAGE;
	}
	code = write_all(t.dir, path, q, t.preset, lang, t.force);
	semm_questionnaire_free(q);
	free(path);
	return code;
}
