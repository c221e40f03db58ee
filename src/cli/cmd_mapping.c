/*
 * cmd_mapping.c - `semm mapping init`: writes to standard output a
 * mapping file for a survey export that lists every column of it, so
 * that the user edits one file once (docs/IMPORT.md, "Making a mapping
 * with semm mapping init"). Options are parsed with getopt_long.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void mapping_usage(FILE *fp)
{
	fputs("usage: semm mapping init -q QUESTIONNAIRE [-m MODEL] [--preset "
	      "TOOL]\n"
	      "                         [--delimiter C] [--decimal-comma "
	      "WHEN] EXPORT\n"
	      "\n"
	      "Writes to standard output a mapping file (semm-mapping/1) for\n"
	      "the CSV export EXPORT ('-': standard input) that lists every\n"
	      "column of the export, in file order:\n"
	      "  - the item or metadata role it is placed on, and how\n"
	      "    (matched_by: id, statement, brackets, question text,\n"
	      "    metadata);\n"
	      "  - the preset tool's own columns (matched_by: tool), which\n"
	      "    stay the tool's;\n"
	      "  - \"item\": null for a column placed by nothing: replace null\n"
	      "    by an item id or a metadata role, or leave it to ignore\n"
	      "    the column;\n"
	      "with the answer texts seen in each item and unplaced column.\n"
	      "Answer texts of item columns that the scale does not read are\n"
	      "listed under \"answers\" with null: give each the scale value\n"
	      "it stands for. Used unchanged with the same --preset, the file\n"
	      "places every column as the preset alone does. Check the\n"
	      "edited file with 'semm validate -q QUESTIONNAIRE FILE'.\n"
	      "\n"
	      "  -q, --questionnaire Q  the questionnaire (a file, or an id\n"
	      "                         looked up in questionnaires/)\n"
	      "  -m, --model M          its model (default: the one it names)\n"
	      "      --preset TOOL      the export's layout: qualtrics,\n"
	      "                         limesurvey, google-forms or ms-forms\n"
	      "      --delimiter C      CSV field delimiter: one character,\n"
	      "                         'tab' or 'auto' (the default)\n"
	      "      --decimal-comma WHEN  whether \"4,0\" is a number: auto\n"
	      "                         (with ';' as delimiter), yes or no\n"
	      "  -h, --help             show this help\n",
	      fp);
}

enum { OPT_PRESET = 256, OPT_DELIMITER, OPT_DECIMAL_COMMA };

static const struct option init_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "questionnaire", required_argument, NULL, 'q' },
	{ "model", required_argument, NULL, 'm' },
	{ "preset", required_argument, NULL, OPT_PRESET },
	{ "delimiter", required_argument, NULL, OPT_DELIMITER },
	{ "decimal-comma", required_argument, NULL, OPT_DECIMAL_COMMA },
	{ NULL, 0, NULL, 0 }
};

typedef struct init_args {
	const char *questionnaire;
	const char *model;
	const char *export;
	semm_read_options read;
} init_args;

static int parse_delimiter(const char *v, char *out)
{
	if (strcmp(v, "auto") == 0) {
		*out = '\0';
	} else if (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0) {
		*out = '\t';
	} else if (strlen(v) != 1 || v[0] == '"' || v[0] == '\n' ||
		   v[0] == '\r') {
		cli_error("--delimiter: expected one character, 'tab' or "
			  "'auto'");
		return -1;
	} else {
		*out = v[0];
	}
	return 0;
}

static int parse_decimal_comma(const char *v, int *out)
{
	if (strcmp(v, "auto") == 0)
		*out = -1;
	else if (strcmp(v, "yes") == 0)
		*out = 1;
	else if (strcmp(v, "no") == 0)
		*out = 0;
	else {
		cli_error("--decimal-comma: expected auto, yes or no");
		return -1;
	}
	return 0;
}

/* One option getopt_long found; 0, 1 after the help, or -1. */
static int init_option(int opt, char **argv, init_args *a)
{
	switch (opt) {
	case 'h': mapping_usage(stdout); return 1;
	case 'q': a->questionnaire = optarg; return 0;
	case 'm': a->model = optarg; return 0;
	case OPT_PRESET:
		if (semm_preset_parse(optarg, &a->read.preset) == 0)
			return 0;
		cli_error("--preset: expected qualtrics, limesurvey, "
			  "google-forms or ms-forms");
		return -1;
	case OPT_DELIMITER: return parse_delimiter(optarg, &a->read.delimiter);
	case OPT_DECIMAL_COMMA:
		return parse_decimal_comma(optarg, &a->read.decimal_comma);
	case ':':
		cli_error("option %s needs a value", argv[optind - 1]);
		return -1;
	default:
		if (optopt && optopt < OPT_PRESET)
			cli_error("unknown option \"-%c\" (try 'semm mapping "
				  "init --help')",
				  optopt);
		else
			cli_error("unknown option \"%s\" (try 'semm mapping "
				  "init --help')",
				  argv[optind - 1]);
		return -1;
	}
}

/* Parses `init [OPTIONS] EXPORT`: 0, 1 after the help, or -1. */
static int parse_init(int argc, char **argv, init_args *a)
{
	int opt, rc;

	opterr = 0;
	optind = 0; /* 0: a fresh scan (glibc), after main's own */
	for (;;) {
		opt = getopt_long(argc, argv, ":hq:m:", init_options, NULL);
		if (opt == -1)
			break;
		rc = init_option(opt, argv, a);
		if (rc != 0)
			return rc;
	}
	if (!a->questionnaire) {
		cli_error("missing -q QUESTIONNAIRE (try 'semm mapping init "
			  "--help')");
		return -1;
	}
	if (optind >= argc) {
		cli_error("no export given (use '-' for standard input)");
		return -1;
	}
	if (optind + 1 < argc) {
		cli_error("one export at a time: \"%s\" is a second one",
			  argv[optind + 1]);
		return -1;
	}
	a->export = argv[optind];
	return 0;
}

static int run_init(const init_args *a)
{
	score_args defs;
	semm_model *m = NULL;
	semm_questionnaire *q = NULL;
	semm_error err;
	char *json = NULL;
	int code, rc;

	memset(&defs, 0, sizeof(defs));
	defs.questionnaire = a->questionnaire;
	defs.model = a->model;
	code = cli_score_definitions(&defs, &m, &q);
	if (code != EXIT_OK)
		goto done;
	semm_error_clear(&err);
	rc = semm_mapping_init(&json, q, a->export, &a->read, &err);
	if (rc < 0) {
		cli_print_error(&err);
		code = cli_exit_code(rc, 0);
		goto done;
	}
	fputs(json, stdout);
done:
	free(json);
	semm_questionnaire_free(q);
	semm_model_free(m);
	return code;
}

int cmd_mapping(int argc, char **argv)
{
	init_args a;
	semm_read_options defaults = SEMM_READ_OPTIONS_INIT;
	int rc;

	if (argc < 2) {
		mapping_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		mapping_usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "init") != 0) {
		cli_error("unknown action \"%s\" of semm mapping (expected "
			  "init; try 'semm mapping --help')",
			  argv[1]);
		return EXIT_USAGE;
	}
	memset(&a, 0, sizeof(a));
	a.read = defaults;
	rc = parse_init(argc - 1, argv + 1, &a);
	if (rc != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	return run_init(&a);
}
